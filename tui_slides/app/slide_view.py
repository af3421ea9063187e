"""The slide on screen: one scrollable column of block widgets, for the current slide only.

Moving to another slide reuses the block widgets already mounted (updating
their content and style classes) and mounts or removes only the difference,
so a slide change costs about as much as repainting it. A slide past the
bounds of ``tui_slides.app.shown`` (200 blocks, 2,000 lines, 100,000
characters) is shown up to them, with a notice saying what is left out, so
no slide takes more than a fraction of a second to show, nor keeps ``q`` waiting.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from rich.console import ConsoleOptions, RenderableType
from rich.segment import Segment
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from tui_slides.app.blocks import Guarded, RenderCache
from tui_slides.app.shown import EMPTY_SLIDE_TEXT, MAX_BLOCKS, empty_notice, shown_part
from tui_slides.app.step_view import reveal
from tui_slides.deck.model import Block, Slide, TextFormat
from tui_slides.deck.safety import visible
from tui_slides.render import DEFAULT_STYLES, SlideStyles, render_block

if TYPE_CHECKING:
    from tui_slides.render.highlight import HighlightMatches

__all__ = ["EMPTY_SLIDE_TEXT", "BlockView", "SlideView"]

# The highlighter (a search is active) and the media modules (a block has media) are
# imported when first needed: most slides need neither, and never before the first paint.

PREFETCH_DELAY = 0.05
"""Seconds after the last slide change before the neighbours are rendered ahead."""
PREFETCH_SLICE = 0.02
"""Seconds of rendering ahead after which the rest waits for the next idle moment."""
RENDER_CACHE_SIZE = 3 * MAX_BLOCKS + 64
"""Block renderables kept: the current slide and both neighbours at their bounds, and
then some (~11 KiB per block of the seed's kind: ~7 MiB when full of them)."""


def text_options(widget: Widget, width: int) -> ConsoleOptions:
    """How block text is rendered at ``width``: the same for drawing and rendering ahead,
    so that what ``SlideView`` renders ahead is what ``BlockView`` finds kept."""
    return widget.app.console_options.update_width(width).update(highlight=False)


def image_protocol(widget: Widget) -> str:
    """How the app draws images: ``kitty``, ``sixel``, ``cells`` or ``none``."""
    return str(getattr(widget.app, "images", "cells"))


def max_image_height(widget: Widget) -> int:
    """The most rows an image may take: the slide area, so it fits on one screen."""
    return max(4, widget.app.size.height - 4)


class BlockView(Static):
    """One block of the current slide, carrying the block's ``block-<value>`` class."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
    """Set by the layout pass that sized the block. A block does not scroll, so a new
    virtual size needs no second layout (Textual's default): without this every slide
    change of another height was laid out and painted twice, 16 ms apart."""

    def __init__(self, style_class: str = "block-none") -> None:
        super().__init__(markup=False, classes=f"block {style_class}")
        self.block: Block | None = None
        self.highlight: HighlightMatches | None = None
        self.search: tuple[str, int | None] = ("", None)
        """The query highlighted and the match emphasised, as last shown."""
        self._text: Guarded | None = None
        """The block's renderable while it is plain text, drawn line by line (render_line)."""
        self._strips: dict[int, Strip] = {}
        self._strips_key: tuple[object, ...] = ()

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
        style_class = block.style_class or "block-none"
        if not self.has_class(style_class) or len(self.classes) != 2:
            self.set_classes({"block", style_class})  # restyling costs: only when it changes
        if self.display == block.is_empty:
            self.display = not block.is_empty
        plain = block.format is TextFormat.PLAIN and not block.has_media and not query
        self._text = renderable if plain and isinstance(renderable, Guarded) else None
        self._strips = {}
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
            self._strips, self._strips_key = {}, key
        strip = self._strips.get(y)  # scrolling asks for the same lines again: no re-render
        if strip is None:
            lines = self._text_lines(width) or []
            if y >= len(lines):
                return Strip.blank(width, style)
            # As Static draws a renderable: the widget's style under each segment's own.
            strip = Strip([Segment(text, style + own) for text, own, _ in lines[y] if text != "\n"])
            self._strips[y] = strip
        return strip


class SlideView(VerticalScroll, can_focus=False):
    """The current slide's blocks, top to bottom, scrolling when taller than the screen.

    It does not take focus: the screen's keys (PageUp/PageDown change slides)
    must never be swallowed by the scroll container's own bindings.
    """

    class MoreChanged(Message):
        """The content above or below the view changed from hidden to shown or back."""

        def __init__(self, above: bool, below: bool) -> None:
            super().__init__()
            self.above = above
            """True when the view is scrolled: there is content above it."""
            self.below = below
            """True when content continues below the view."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._more: tuple[bool, bool] = (False, False)
        self.slide: Slide | None = None
        self.slide_styles: SlideStyles = DEFAULT_STYLES
        """The renderer's styles, from the app's theme."""
        self.renders = RenderCache(RENDER_CACHE_SIZE)
        """Block renderables of recent and neighbouring slides."""
        self.upcoming: list[Slide] = []
        """Slides to render ahead while idle (the neighbours of the current one)."""
        self._prefetch_timer: Timer | None = None
        self._prefetched = 0
        """How many of ``upcoming`` were rendered ahead since the last slide change."""
        self._empty: Static | None = None
        """The empty-slide notice, mounted when a slide first needs it."""
        self._empty_text = EMPTY_SLIDE_TEXT
        self._truncated: Static | None = None
        """The notice under a slide shown in part, mounted when a slide first needs it."""
        self._told: set[str] = set()
        """Empty slides with unknown fields already reported in a notification."""
        self._views: list[BlockView] = []
        """The block widgets, kept here: looking them up on every key costs."""
        self._image_widgets = False
        """True once a slide with an image file was shown: its image widgets stay
        mounted (hidden) after it, so every later slide syncs them."""
        self._stepped = False
        """True while the slide shown has reveal steps (some widgets may be hidden)."""

    @property
    def blocks(self) -> list[BlockView]:
        """The block widgets of the current slide, in order."""
        return list(self._views)

    def show(
        self,
        slide: Slide,
        query: str = "",
        current: tuple[int, int] | None = None,
        *,
        reset_scroll: bool = True,
        step: int | None = None,
    ) -> None:
        """Show ``slide`` (scrolled to the top unless ``reset_scroll`` is false).

        ``query`` is highlighted; ``current`` is the ``(block, occurrence)`` to emphasise.
        ``step``: the reveal step shown (``Slide.step_plan``; None: the slide complete).
        """
        self.slide = slide
        plan = slide.step_plan
        step = plan.last if step is None else step
        stepped, self._stepped = plan.count > 1 or self._stepped, plan.count > 1
        self._show_empty_notice(slide)
        shown = shown_part(slide)
        content = shown.blocks
        views = self._views
        new: list[BlockView] = []
        for number, block in enumerate(content):
            if number < len(views):
                view = views[number]
            else:
                view = BlockView(block.style_class or "block-none")  # styled once, not twice
                new.append(view)
            emphasise = current[1] if current is not None and current[0] == number else None
            items = plan.items_shown(number, step)
            view.show(block, self.renderable_for(block, items), query, emphasise)
            if stepped:
                reveal(view, plan.shown(number, step))
        if new:
            self.mount_all(new, before=self._truncated)
        for extra in views[len(content) :]:
            extra.remove()
        self._views = [*views[: len(content)], *new]
        self._show_truncated(shown.notice)
        protocol = image_protocol(self)
        if protocol != "none" and (
            self._image_widgets or any(block.image_files for block in content)
        ):
            from tui_slides.app.images import sync_images

            self._image_widgets = True
            height = max_image_height(self)
            sync_images(self, self._views, content, protocol, max_height=height)
            for widget in self.query_children(".media-image") if stepped else ():
                key = getattr(widget, "key", None)  # a block not shown: its images neither
                reveal(widget, key is None or plan.shown(key[0], step))
        if reset_scroll and self.scroll_y:
            self.scroll_home(animate=False, immediate=True)
        self._prefetched = 0
        if self._prefetch_timer is None:
            self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._prefetch)
        else:
            self._prefetch_timer.reset()  # keys still coming (a burst, a held key): wait

    @property
    def empty_notice_shown(self) -> bool:
        """True while the slide shows the empty-slide notice."""
        return self._empty is not None and bool(self._empty.display)

    @property
    def empty_notice(self) -> str:
        """The empty-slide notice as last shown: ``EMPTY_SLIDE_TEXT``, then any unknown fields."""
        return self._empty_text

    @property
    def truncated_notice(self) -> str:
        """What the notice under a slide shown in part says (``""`` while none is shown)."""
        notice = self._truncated
        return str(notice.content) if notice is not None and notice.display else ""

    def _show_empty_notice(self, slide: Slide) -> None:
        """Show or hide the empty-slide notice (above the blocks; mounted when first shown).

        Every widget mounted costs the first paint styling, so one that most
        decks never show is not mounted up front. An empty slide holding
        unknown fields (``contents`` for ``content``) names them, and says so
        once more in a notification, the first time it is shown.
        """
        shown = slide.is_empty
        empty = self._empty
        if not shown:
            if empty is not None and empty.display:
                empty.display = False
            return
        text = empty_notice(slide)
        if text != EMPTY_SLIDE_TEXT:
            self._tell(slide, text)
        if empty is None:
            empty = self._empty = Static(text, id="empty-slide", markup=False)
            if self.children:
                self.mount(empty, before=0)
            else:
                self.mount(empty)
        else:
            if text != self._empty_text:
                empty.update(text)
            if not empty.display:
                empty.display = True
        self._empty_text = text

    def _tell(self, slide: Slide, text: str) -> None:
        """Notify, once per slide and notice, that an empty slide holds unknown fields."""
        key = f"{slide.source}\n{slide.label}\n{text}"
        if key in self._told:
            return
        self._told.add(key)
        label = visible(slide.label[:40]) or "without a name"
        fields = text.removeprefix(EMPTY_SLIDE_TEXT).strip()
        self.app.notify(
            f"Slide {label} is empty.\n{fields}", severity="warning", timeout=8, markup=False
        )

    def _show_truncated(self, notice: str) -> None:
        """Show ``notice`` under the last block (``""``: hide it; mounted when first shown)."""
        widget = self._truncated
        if widget is None:
            if not notice:
                return
            widget = self._truncated = Static(notice, id="truncated", classes="block", markup=False)
            self.mount(widget)
        elif notice:
            if str(widget.content) != notice:
                widget.update(notice)
            if not widget.display:
                widget.display = True
        elif widget.display:
            widget.display = False

    def is_rendered(self, slide: Slide) -> bool:
        """True when every block of ``slide`` is drawn from lines kept (shown lately, or ahead)."""
        for block in shown_part(slide).blocks:
            if not self.renderable_for(block).rendered:
                return False
        return True

    def renderable_for(self, block: Block, items: int | None = None) -> Guarded:
        """The block's renderable with the current styles and media settings (cached).

        ``items``: the top-level list items revealed so far (None: all of them).
        """
        protocol = image_protocol(self)
        height = max_image_height(self)
        styles = self.slide_styles

        def build() -> RenderableType:
            if not block.has_media:
                return render_block(block, styles, measure=None, items=items)
            from tui_slides.render.media import app_media

            media = app_media(block, protocol, max_image_height=height)
            return render_block(block, styles, media=media, measure=None, items=items)

        return self.renders.get(block, (id(styles), protocol, height, items), build)

    def _prefetch(self) -> None:
        """Render the upcoming slides' blocks now, while idle, at the width they will get.

        Once rendering has taken ``PREFETCH_SLICE`` (a slide near the bounds of
        ``app.shown``), the rest waits for the next idle moment: a key pressed
        meanwhile (``q``) waits for one bounded slide at most, never for all.
        """
        self._prefetch_timer = None
        views = self.blocks
        width = views[0].content_region.width if views else 0
        if width <= 0:
            return
        options = text_options(self, width)
        started = monotonic()
        while self._prefetched < len(self.upcoming):
            slide = self.upcoming[self._prefetched]
            self._prefetched += 1
            for block in shown_part(slide).blocks:
                self.renderable_for(block).lines(self.app.console, options)
            if self._prefetched < len(self.upcoming) and monotonic() - started > PREFETCH_SLICE:
                self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._prefetch)
                return

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._report_more()

    def on_resize(self) -> None:
        self._report_more()

    def watch_virtual_size(self) -> None:
        # The container size is set just after the virtual size: look once both are in.
        self.call_later(self._report_more)

    def _report_more(self) -> None:
        """Post ``MoreChanged`` when the more-above/below state changes."""
        more = (self.scroll_y > 0, self.scroll_y < self.max_scroll_y)
        if more != self._more:
            self._more = more
            self.post_message(self.MoreChanged(*more))
