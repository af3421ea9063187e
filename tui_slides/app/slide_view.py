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
from typing import ClassVar

from rich.console import RenderableType
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from tui_slides.app.block_view import BlockView, text_options
from tui_slides.app.blocks import TITLE_PARTS, Guarded, RenderCache, css_titles
from tui_slides.app.scroll import SteadyScroll
from tui_slides.app.shown import EMPTY_SLIDE_TEXT, MAX_BLOCKS, empty_notice, shown_part
from tui_slides.app.step_view import reveal
from tui_slides.deck.model import Block, Layout, Slide
from tui_slides.deck.safety import visible
from tui_slides.render import DEFAULT_STYLES, SlideStyles
from tui_slides.render.block import HeadingKind, block_in_layout
from tui_slides.render.layout import column_width, heading_of, shown_layout, side_margin

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


def image_protocol(widget: Widget) -> str:
    """How the app draws images: ``kitty``, ``sixel``, ``cells`` or ``none``."""
    return str(getattr(widget.app, "images", "cells"))


def max_image_height(widget: Widget) -> int:
    """The most rows an image may take: the slide area, so it fits on one screen."""
    return max(4, widget.app.size.height - 4)


LAYOUT_CLASSES = {layout: f"-{layout.value}" for layout in Layout}
"""The slide view's class for each layout (``-stack``, ``-columns``, ``-title``; slides.tcss)."""


class SlideView(SteadyScroll, can_focus=False):
    """The current slide's blocks, top to bottom, scrolling when taller than the screen.

    The blocks sit in a centred column (``render.layout``): its margins are this
    view's padding, set when the screen's width changes, never per slide. A
    ``columns`` slide puts them side by side, a ``title`` slide centres them.

    It does not take focus: the screen's keys (PageUp/PageDown change slides)
    must never be swallowed by the scroll container's own bindings.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(TITLE_PARTS)
    """``SlideView > .slide--heading`` and ``> .slide--title``: titles, for a deck's CSS."""

    class MoreChanged(Message):
        """The content above or below the view changed from hidden to shown or back."""

        def __init__(self, above: bool, below: bool) -> None:
            super().__init__()
            self.above = above
            """True when the view is scrolled: there is content above it."""
            self.below = below
            """True when content continues below the view."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=LAYOUT_CLASSES[Layout.STACK])
        self.slide_layout = Layout.STACK
        """The layout the current slide is drawn in (``render.layout.shown_layout``)."""
        self._search: tuple[str, tuple[int, int] | None] = ("", None)
        """The query and current match the slide was last shown with."""
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
        self._search = (query, current)
        self._show_empty_notice(slide)
        self._set_layout(shown_layout(slide, self.app.size.width))
        shown = shown_part(slide)
        content = shown.blocks
        views = self._views
        new: list[BlockView] = []
        heading, kind = heading_of(slide, self.slide_layout)
        if query and kind == "title":
            kind = "centred"  # letters spread apart would hide the words searched for
        for number, block in enumerate(content):
            if number < len(views):
                view = views[number]
            else:
                view = BlockView(block.style_class or "block-none")  # styled once, not twice
                new.append(view)
            emphasise = current[1] if current is not None and current[0] == number else None
            items = plan.items_shown(number, step)
            view.heading = kind if number == heading else "none"
            view.show(
                block, self.renderable_for(block, view.heading, items=items), query, emphasise
            )
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
            # Columns draw their images inside their blocks, at the column's width.
            widgets = () if self.slide_layout is Layout.COLUMNS else content
            sync_images(self, self._views, widgets, protocol, max_height=height)
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

    def _set_layout(self, layout: Layout) -> None:
        """Draw the slide in ``layout`` (a class of this view: restyled only when it changes)."""
        if layout is not self.slide_layout:
            self.remove_class(LAYOUT_CLASSES[self.slide_layout])
            self.add_class(LAYOUT_CLASSES[layout])
            self.slide_layout = layout
            self._set_margins(self.app.size.width)

    def _set_margins(self, width: int) -> None:
        """The column's margins for a screen ``width`` cells wide (``render.layout``)."""
        left = side_margin(width)
        right = max(0, width - left - column_width(width))
        if self.slide_layout is Layout.COLUMNS:  # each column has a cell of padding a side
            left, right = max(0, left - 1), max(0, right - 1)
        padding = (1, right, 0, left)
        if tuple(self.styles.padding) != padding:
            self.styles.padding = padding

    def on_mount(self) -> None:
        self._set_margins(self.app.size.width)

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

    def renderables(self, slide: Slide) -> list[Guarded]:
        """The renderables of ``slide``'s blocks as it will be shown (its layout, its heading)."""
        layout = shown_layout(slide, self.app.size.width)
        heading, kind = heading_of(slide, layout)
        return [
            self.renderable_for(block, kind if number == heading else "none", layout)
            for number, block in enumerate(shown_part(slide).blocks)
        ]

    def is_rendered(self, slide: Slide) -> bool:
        """True when every block of ``slide`` is drawn from lines kept (shown lately, or ahead)."""
        return all(renderable.rendered for renderable in self.renderables(slide))

    def renderable_for(
        self,
        block: Block,
        heading: HeadingKind = "none",
        layout: Layout | None = None,
        *,
        items: int | None = None,
    ) -> Guarded:
        """The block's renderable with the current styles and media settings (cached).

        ``heading`` says whether its title is the slide's heading; in a
        ``columns`` slide (``layout``, else the current one) its images are
        drawn inside it, at the column's width (``inline``); on a title slide,
        a block below the heading is centred as a whole, its lines aligned.
        ``items``: the top-level list items revealed so far (None: all of them).
        """
        protocol = image_protocol(self)
        height = max_image_height(self)
        styles = css_titles(self, self.slide_styles)
        shown = layout or self.slide_layout
        inline = shown is Layout.COLUMNS and bool(block.image_files)

        def build() -> RenderableType:
            media: list[RenderableType] = []
            if block.has_media:
                from tui_slides.render.media import app_media

                media = app_media(block, protocol, max_image_height=height, inline=inline)
            return block_in_layout(block, styles, shown, heading, media=media, items=items)

        key = (id(styles), protocol, height, heading, shown, inline, items)
        return self.renders.get(block, key, build)

    def _prefetch(self) -> None:
        """Render the upcoming slides' blocks now, while idle, at the width they will get.

        Once rendering has taken ``PREFETCH_SLICE`` (a slide near the bounds of
        ``app.shown``), the rest waits for the next idle moment: a key pressed
        meanwhile (``q``) waits for one bounded slide at most, never for all.
        """
        self._prefetch_timer = None
        screen = self.app.size.width
        width = column_width(screen)
        if width <= 0:
            return
        options = text_options(self, width)
        started = monotonic()
        while self._prefetched < len(self.upcoming):
            slide = self.upcoming[self._prefetched]
            self._prefetched += 1
            if shown_layout(slide, screen) is Layout.STACK:  # the others: at other widths
                for renderable in self.renderables(slide):
                    renderable.lines(self.app.console, options)
            if self._prefetched < len(self.upcoming) and monotonic() - started > PREFETCH_SLICE:
                self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._prefetch)
                return

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._report_more()

    def on_resize(self) -> None:
        width = self.app.size.width
        slide = self.slide
        if slide is not None and shown_layout(slide, width) is not self.slide_layout:
            # Columns that no longer fit are stacked (and back), the search kept.
            self.show(slide, *self._search, reset_scroll=False)
        self._set_margins(width)
        self._report_more()

    def watch_virtual_size(self) -> None:
        super().watch_virtual_size()
        # The container size is set just after the virtual size: look once both are in.
        self.call_later(self._report_more)

    def _report_more(self) -> None:
        """Post ``MoreChanged`` when the more-above/below state changes."""
        more = (self.scroll_y > 0, self.scroll_y < self.max_scroll_y)
        if more != self._more:
            self._more = more
            self.post_message(self.MoreChanged(*more))
