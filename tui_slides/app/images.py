"""Textual widgets for the images of a slide: half-block cells, or kitty/sixel graphics.

Only the presenter imports this module. ``sync_images`` puts one image widget
after each block view whose block has an image (``img_path``, or a ``map`` that
is an image file):

- ``CellImage`` draws half blocks with the Line API, from Strips cached per
  image version and size, so coming back to a slide costs a lookup;
- ``PixelImage`` hands the decoded copy (scaled once to ``PIXEL_BOX``) to
  textual-image's kitty or sixel widget, so a 12-megapixel photo costs no
  more than a small one on each render;
- a file that cannot be drawn is its placeholder panel (path and reason).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.css.scalar import Scalar
from textual.filter import ANSIToTruecolor, LineFilter
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from tui_slides.deck.model import Block, MediaRef
from tui_slides.media.images import CELL_BOX, PIXEL_BOX, ImageProblem, LoadedImage, load_ref
from tui_slides.render.cards import image_placeholder
from tui_slides.render.halfblock import HalfBlockImage, cell_size


class PixelImage(Widget):
    """One image of a block, drawn with kitty graphics or sixel, aspect ratio kept.

    As wide as the block allows, no taller than ``max_height`` rows; a file that
    cannot be drawn is its placeholder panel instead.
    """

    DEFAULT_CSS = """
    PixelImage { width: 1fr; max-width: 100; height: auto; margin: 0 0 1 0; }
    PixelImage > .pixel-image { width: auto; height: auto; }
    """

    def __init__(self, ref: MediaRef, protocol: str, *, max_height: int | None = None) -> None:
        super().__init__(classes="media-image")
        self.ref = ref
        self.protocol = protocol
        self.max_height = max_height
        self.key: tuple[int, MediaRef] | None = None
        """(block number, reference): which image of the slide this is."""

    def compose(self) -> ComposeResult:
        loaded = load_ref(self.ref, box=PIXEL_BOX)
        if isinstance(loaded, ImageProblem):
            yield Static(image_placeholder(loaded), markup=False)
            return
        from textual_image.widget import SixelImage, TGPImage

        kind = SixelImage if self.protocol == "sixel" else TGPImage
        image = kind(loaded.pixels, classes="pixel-image")
        if self.max_height is not None:
            image.styles.max_height = self.max_height
        yield image


class CellImage(Widget):
    """An image drawn in half-block cells, as wide as the block allows, aspect ratio kept.

    Its height is what is left of the slide on screen (``1fr``), no more than the
    image needs at its width and ``max_height`` rows, no less than ``min_rows``:
    the whole slide fits on one screen whenever it can, rather than scroll. Drawn
    lines come from a cache of Strips.
    """

    DEFAULT_CSS = """
    CellImage { width: 1fr; max-width: 100; height: 1fr; margin: 0 0 1 0; }
    """

    def __init__(
        self, image: LoadedImage, *, max_height: int | None = None, width_hint: int = 0
    ) -> None:
        super().__init__(classes="media-image")
        self.image = image
        self.max_height = max_height
        self.key: tuple[int, MediaRef] | None = None
        """(block number, reference): which image of the slide this is."""
        if width_hint > 0:
            self._limit_height(width_hint)
        elif max_height is not None:
            self.styles.max_height = max_height

    @property
    def min_rows(self) -> int:
        """The fewest rows the image gets when the slide's text leaves less: half the slide."""
        return max(4, (self.max_height or 8) // 2)

    def _fit(self, width: int, height: int | None = None) -> tuple[int, int]:
        """(columns, pixel rows) of the image drawn in ``width`` columns, ``height`` rows."""
        pixels = self.image.pixels
        rows = self.max_height if height is None else height
        return cell_size(pixels.width, pixels.height, max(1, width), rows)

    def _limit_height(self, width: int) -> None:
        """Never taller than the image drawn ``width`` columns wide, nor shorter than it needs."""
        rows = (self._fit(width)[1] + 1) // 2
        floor = min(rows, self.min_rows)
        styles = self.styles
        if styles.max_height != Scalar.from_number(rows):
            styles.max_height = rows
        if styles.min_height != Scalar.from_number(floor):
            styles.min_height = floor

    def on_resize(self, event: events.Resize) -> None:
        self._limit_height(event.size.width)  # a new width: only then does this lay out again

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        _, pixel_rows = self._fit(width)
        return (pixel_rows + 1) // 2

    def get_line_filters(self) -> Sequence[LineFilter]:
        """The app's line filters, less the one that turns ANSI colours into truecolour.

        Every cell here is already truecolour (two pixels), and that filter's cache
        of styles holds fewer than a photo's thousands of cells: it worked out each
        one again on every return to the slide (~4 ms of ~16). It stays when the
        theme paints this widget in ANSI colours (the padding, transparent pixels).
        """
        filters = super().get_line_filters()
        style = self.rich_style
        if any(color and color.triplet is None for color in (style.color, style.bgcolor)):
            return filters
        return [kept for kept in filters if not isinstance(kept, ANSIToTruecolor)]

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        strips = _strips(self.image, *self._fit(width, height))
        if not 0 <= y < len(strips):
            return Strip.blank(width, self.rich_style)
        # Transparent pixels show the slide's background, not the terminal's; Textual
        # pads the line with it too. The styled copy is cached on the (cached) Strip.
        line = strips[y].apply_style(self.rich_style)
        # A narrower picture sits at the left, or in the middle for ``text-align: center``.
        lead = (width - line.cell_length) // 2 if self.styles.text_align == "center" else 0
        if lead <= 0:
            return line
        return Strip.join([Strip.blank(lead, self.rich_style), line])


_STRIPS: LRUCache[tuple[object, int, int], list[Strip]] = LRUCache(16)
"""Drawn images kept as Strips (16: a few slides' worth; each is a few hundred KiB)."""


def _strips(image: LoadedImage, columns: int, pixel_rows: int) -> list[Strip]:
    key = (image.key, columns, pixel_rows)
    found = _STRIPS.get(key)
    if found is None:
        lines = HalfBlockImage(image).lines(columns, pixel_rows)
        found = [Strip(line, columns) for line in lines]
        _STRIPS.set(key, found)
    return found


def image_widget(
    ref: MediaRef, protocol: str, *, max_height: int | None = None, width_hint: int = 0
) -> Widget:
    """The widget that shows ``ref`` with ``protocol`` (``cells``, ``kitty`` or ``sixel``).

    ``width_hint`` is the width the image will likely get (that of its block's
    text), so its height is right from the first layout.
    """
    if protocol in ("kitty", "sixel"):
        return PixelImage(ref, protocol, max_height=max_height)
    loaded = load_ref(ref, box=CELL_BOX)
    if isinstance(loaded, ImageProblem):
        placeholder = Static(image_placeholder(loaded), markup=False, classes="media-image")
        placeholder.max_height = max_height  # type: ignore[attr-defined]
        return placeholder
    return CellImage(loaded, max_height=max_height, width_hint=width_hint)


KEEP_HIDDEN = 6
"""Image widgets kept mounted but hidden after their slide, so coming back is one repaint."""


def sync_images(
    view: Widget,
    blocks: Sequence[Widget],
    content: Sequence[Block],
    protocol: str,
    *,
    max_height: int | None = None,
) -> None:
    """Show an image widget after each block view whose block has an image file.

    ``blocks`` are the views of the slide's blocks ``content``, in order, already in ``view``.
    Widgets of images no longer wanted are hidden, not removed (up to
    ``KEEP_HIDDEN``), and shown again when their slide comes back: no decoding,
    no mounting, one repaint. A search re-showing the slide changes nothing.
    """
    wanted: list[tuple[int, MediaRef]] = []
    for number, block in enumerate(content):
        if number < len(blocks):
            wanted.extend((number, ref) for ref in block.image_files)
    mounted = list(view.query_children(".media-image"))
    shown = [widget for widget in mounted if widget.display]
    if [getattr(widget, "key", None) for widget in shown] == wanted:
        return
    spare: dict[MediaRef, list[Widget]] = {}
    for widget in mounted:
        key = getattr(widget, "key", None)
        if key is not None and getattr(widget, "max_height", None) == max_height:
            spare.setdefault(key[1], []).append(widget)
        else:
            widget.remove()
    used: set[int] = set()
    for number, ref in wanted:
        reusable = spare.get(ref)
        if reusable:
            widget = reusable.pop(0)
            view.move_child(widget, after=blocks[number])
            widget.display = True
        else:
            hint = blocks[number].content_size.width  # images line up with block text
            widget = image_widget(ref, protocol, max_height=max_height, width_hint=hint)
            view.mount(widget, after=blocks[number])
        widget.key = (number, ref)  # type: ignore[attr-defined]
        used.add(id(widget))
    hidden = [w for ws in spare.values() for w in ws if id(w) not in used]
    for widget in hidden:
        widget.display = False
    for widget in hidden[: max(0, len(hidden) - KEEP_HIDDEN)]:
        widget.remove()
