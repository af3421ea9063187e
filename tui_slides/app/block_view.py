"""One block of the current slide on screen: a ``Static`` drawing plain text line by line.

``SlideView`` (``app.slide_view``) keeps one per block of the slide shown,
each carrying its block's ``block-<value>`` class, and ``-heading`` when its
title is the slide's heading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import ConsoleOptions, RenderableType
from rich.segment import Segment
from textual.geometry import Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from tui_slides.app.blocks import Guarded
from tui_slides.deck.model import Block, TextFormat
from tui_slides.render.block import HeadingKind

if TYPE_CHECKING:
    from tui_slides.render.highlight import HighlightMatches


def text_options(widget: Widget, width: int) -> ConsoleOptions:
    """How block text is rendered at ``width``: the same for drawing and rendering ahead,
    so that what ``SlideView`` renders ahead is what ``BlockView`` finds kept."""
    return widget.app.console_options.update_width(width).update(highlight=False)


class BlockView(Static):
    """One block of the current slide, carrying the block's ``block-<value>`` class."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
    """Set by the layout pass that sized the block. A block does not scroll, so a new
    virtual size needs no second layout (Textual's default): without this every slide
    change of another height was laid out and painted twice, 16 ms apart."""

    def __init__(self, style_class: str = "block-none") -> None:
        super().__init__(markup=False, classes=f"block {style_class}")
        self.heading: HeadingKind = "none"
        """Whether this block's title is the slide's heading (``render.block.HeadingKind``)."""
        self.block: Block | None = None
        self.highlight: HighlightMatches | None = None
        self.search: tuple[str, int | None] = ("", None)
        """The query highlighted and the match emphasised, as last shown."""
        self._text: Guarded | None = None
        """The block's renderable while it is plain text, drawn line by line (render_line)."""
        self._strips: dict[int, Strip] = {}
        self._strips_key: tuple[object, ...] = ()
        self._lines: list[list[Segment]] | None = None
        """The lines ``_strips`` are cut from, fetched once per slide and key, not per line."""

    def show(
        self,
        block: Block,
        renderable: RenderableType,
        query: str = "",
        current: int | None = None,
    ) -> None:
        """Show ``block`` drawn as ``renderable``; highlight ``query`` if given.

        ``current`` is the rank of the match to emphasise.
        """
        self.block = block
        self.search = (query, current)
        self.highlight = None
        if query:
            from tui_slides.render.highlight import HighlightMatches

            self.highlight = HighlightMatches(renderable, query, current)
            width = self.content_region.width
            if width > 0:  # where the matches are, now: scrolling to one needs no frame first
                self.highlight.locate(self.app.console, text_options(self, width))
        style_class = block.style_class or "block-none"
        wanted = {"block", style_class, "-heading"} if self.heading != "none" else None
        if wanted is not None:
            if self.classes != wanted:
                self.set_classes(wanted)  # restyling costs: only when it changes
        elif not self.has_class(style_class) or len(self.classes) != 2:
            self.set_classes({"block", style_class})
        if self.display == block.is_empty:
            self.display = not block.is_empty
        plain = block.format is TextFormat.PLAIN and not block.has_media and not query
        self._text = renderable if plain and isinstance(renderable, Guarded) else None
        self._strips, self._lines = {}, None
        self.update(self.highlight or renderable)

    # Plain text blocks use Textual's line API: the shared renderer's lines are
    # measured by counting them, and each becomes a strip only when Textual asks
    # for it, so the part of a long slide below the screen costs nothing until
    # it is scrolled to. Markdown (it may carry links), media and search
    # highlights take Static's own path.

    def _text_lines(self, width: int) -> list[list[Segment]] | None:
        if self._text is None or width <= 0:
            return None
        return self._text.lines(self.app.console, text_options(self, width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        lines = self._text_lines(width)
        if lines is None:
            return super().get_content_height(container, viewport, width)
        return len(lines)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._text is None or width <= 0:
            return super().render_line(y)
        style = self.visual_style.rich_style
        key = (width, style)
        if key != self._strips_key:
            self._strips, self._strips_key, self._lines = {}, key, None
        strip = self._strips.get(y)  # scrolling asks for the same lines again: no re-render
        if strip is None:
            lines = self._lines
            if lines is None:
                lines = self._lines = self._text_lines(width) or []
            if y >= len(lines):
                return Strip.blank(width, style)
            # As Static draws a renderable: the widget's style under each segment's own.
            strip = Strip([Segment(text, style + own) for text, own, _ in lines[y] if text != "\n"])
            self._strips[y] = strip
        return strip
