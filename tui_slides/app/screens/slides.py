"""The slides screen: the current slide, the status bar, and every presenting key.

It owns the presenting state (deck, position, typed count, active search);
the pure rules for moving live in ``tui_slides.presenting.navigation``.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static

from tui_slides.app.slide_view import BlockView, SlideView
from tui_slides.app.status_bar import StatusBar
from tui_slides.deck.model import Deck, MediaKind, MediaRef, Slide
from tui_slides.deck.safety import visible
from tui_slides.presenting.navigation import NavState, clamp, step

if TYPE_CHECKING:
    from rich.text import Text as RichText

    from tui_slides.app.app import PresenterApp
    from tui_slides.presenting.search import Match

# Imported when first needed, not before the first paint: the finder (search) and
# the media renderers (a logo file that exists).

SETTLE = 0.006
"""Seconds without a further key or slide change before a burst of keys is taken to be over.

Longer than the 5 ms a thread may hold Python's interpreter lock: the keys of a
burst are parsed by Textual's input thread while this one handles them."""
MAX_SETTLE = 0.05
"""The longest a burst of keys keeps the screen waiting (a key held with a fast repeat)."""
MAX_MATCHES = 10_000
"""Search matches kept for next/previous match; more are not reachable by those keys."""

_DIGITS = [
    Binding(digit, f"nav('{digit}')", "Go to slide: type its number, then Enter (or g)",
            key_display="0-9")
    for digit in "0123456789"
]  # fmt: skip


class SlidesScreen(Screen[None]):
    """The presenter's main screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l,n,pagedown", "nav('next')", "Next slide"),
        Binding("left,h,p,pageup", "nav('prev')", "Previous slide"),
        Binding("backspace", "nav('backspace')", "Previous slide (deletes a typed digit first)"),
        Binding("space", "space", "Page down through the slide, then next slide"),
        Binding("home", "nav('first')", "First slide (a typed number: that slide)"),
        Binding("g", "nav('g')", "First slide (a typed number: that slide)"),
        Binding("end", "nav('last')", "Last slide (a typed number: that slide)"),
        Binding("G", "nav('G')", "Last slide (a typed number: that slide)"),
        *_DIGITS,
        Binding("enter", "nav('enter')", "Go to the typed slide number"),
        Binding("up", "scroll('up')", "Scroll the slide (mouse wheel too)"),
        Binding("down", "scroll('down')", "Scroll the slide (mouse wheel too)"),
        Binding("o", "overview", "Overview: all slides, type to filter, Enter jumps"),
        Binding("slash", "search", "Search the text of all slides"),
        Binding("ctrl+n,f3", "match(1)", "Next search match"),
        Binding("ctrl+p,shift+f3", "match(-1)", "Previous search match"),
        Binding("question_mark", "help", "This help"),
        Binding("b", "blank", "Blank the screen (b again to come back)"),
        Binding("r", "reload", "Reload the deck from disk"),
        Binding("v", "play_video", "Play the slide's video in the system player"),
        Binding("escape", "escape", "Cancel a typed number, clear the search or a message"),
    ]

    # ``var``, not ``reactive``: they drive watchers only. A reactive would also
    # repaint the whole screen, a second full frame after every slide change.
    index: var[int] = var(0, init=False)
    """0-based index of the slide on screen."""
    typed: var[str] = var("", init=False)
    """Digits typed for "go to slide"."""

    def __init__(self, deck: Deck, start: int = 0) -> None:
        super().__init__()
        self.deck = deck
        self.set_reactive(SlidesScreen.index, clamp(start, len(deck)))
        self.query_text = ""
        """The active search, highlighted on the slides ("" when none)."""
        self.matches: list[Match] = []
        self.match_rank: int | None = None
        """Which of ``matches`` the match keys last went to."""
        self._view = SlideView(id="slide")
        self._bar = StatusBar(id="status")
        self._errors: Static | None = None
        """The reload error panel, once a reload has failed."""
        self._show_pending = False
        """A slide change is waiting to be shown (see ``watch_index``)."""
        self._last_activity = 0.0
        """When a key last came by or ``index`` last changed (``time.monotonic``)."""
        self._pending_since = 0.0
        """When the slide change waiting to be shown was asked for."""
        self._pending_changes = 0
        """How many times ``index`` changed since then (more than one: a burst)."""

    def compose(self) -> ComposeResult:
        yield self._view
        yield self._bar

    def on_mount(self) -> None:
        self.status_bar.total = len(self.deck)
        self._show_current()

    @property
    def app_(self) -> PresenterApp:
        """The presenter app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def slide_view(self) -> SlideView:
        """The widget showing the current slide."""
        return self._view

    @property
    def status_bar(self) -> StatusBar:
        """The status bar."""
        return self._bar

    @property
    def slide(self) -> Slide | None:
        """The slide on screen (None for a deck with no slides)."""
        return self.deck.slides[self.index] if self.deck.slides else None

    # -- state -> screen ---------------------------------------------------------------

    def watch_index(self) -> None:
        # Shown once the keys already queued are handled: 200 presses of ``n`` at
        # once render the last slide only, and the status bar changes with it.
        self._last_activity = monotonic()
        self._pending_changes += 1
        if not self._show_pending:
            self._show_pending = True
            self._pending_since = self._last_activity
            self._pending_changes = 1
            self.call_later(self._show_pending_slide)

    def on_key(self, event: events.Key) -> None:
        """Note that keys are coming (they go on to the bindings; nothing is stopped)."""
        self._last_activity = monotonic()

    def _show_pending_slide(self) -> None:
        """Show the slide now, unless a burst of keys is still arriving and it needs rendering.

        One key (``n``, End, a number and Enter) is shown at once. A terminal
        delivers a burst over several milliseconds: a slide rendered ahead (the
        neighbours) is shown at once too, but rendering another one while keys
        keep coming would only delay the slide they end on.
        """
        if not self._show_pending:
            return
        now = monotonic()
        slide = self.slide
        if (
            self._pending_changes > 1
            and slide is not None
            and now - self._last_activity < SETTLE
            and now - self._pending_since < MAX_SETTLE
            and not self.slide_view.is_rendered(slide)
        ):
            self.set_timer(SETTLE, self._show_pending_slide)
            return
        self._show_current()

    def watch_typed(self, typed: str) -> None:
        self._update_prompt()

    def _show_current(self, *, reset_scroll: bool = True) -> None:
        """Show the current slide and its labels; everything on screen follows ``index``."""
        self._show_pending = False
        slide = self.slide
        bar = self.status_bar
        bar.position = self.index + 1 if slide else 0
        bar.total = len(self.deck)
        if slide is None:
            bar.logo_title = bar.label = ""
            bar.logo = None
            self.slide_view.show(Slide())
            return
        self.app_.apply_theme(slide)
        bar.logo_title = slide.logo_title
        bar.logo = _logo(slide.logo, self.app_.images)
        bar.label = slide.name or slide.id
        current: tuple[int, int] | None = None
        if self.match_rank is not None and self.matches:
            match = self.matches[self.match_rank]
            if match.slide == self.index:
                current = (match.block, match.occurrence)
        view = self.slide_view
        slides = self.deck.slides
        around = (self.index + 1, self.index - 1)
        view.upcoming = [slides[i] for i in around if 0 <= i < len(slides)]
        view.show(slide, self.query_text, current, reset_scroll=reset_scroll)

    def _update_prompt(self) -> None:
        """Say in the status bar what is being typed, else which search is active."""
        if self.typed:
            prompt = f"Go to slide {self.typed}_  (Enter)"
        elif self.query_text:
            count = len(self.matches)
            rank = f"{self.match_rank + 1} of " if self.match_rank is not None else ""
            found = f"{rank}{count} matches" if count else "no matches"
            prompt = f"/{self.query_text}  {found}"
        else:
            prompt = ""
        self.status_bar.prompt = prompt

    def on_slide_view_more_changed(self, event: SlideView.MoreChanged) -> None:
        self.status_bar.more_above = event.above
        self.status_bar.more_below = event.below

    # -- deck --------------------------------------------------------------------------

    def set_deck(self, deck: Deck) -> None:
        """Show a newly loaded deck, on the same slide by ID, else by position."""
        old = self.slide
        self.deck = deck
        self.slide_view.renders.clear()
        index = self.index
        if old is not None and old.id:
            found = deck.find(old.id)
            if found is not None and deck.slides[found].id == old.id:
                index = found
        if self.query_text:
            from tui_slides.presenting.search import search_deck

            self.matches = search_deck(deck, self.query_text, limit=MAX_MATCHES)
            self.match_rank = None
        self.clear_error()
        new_index = clamp(index, len(deck))
        if new_index == self.index:
            self._show_current(reset_scroll=False)
        else:
            self.index = new_index
        self._update_prompt()

    def show_error(self, message: str) -> None:
        """Show why the deck could not be reloaded, above the status bar; the slide stays.

        The panel is mounted the first time it is needed, not before the first paint.
        """
        text = Text("Reload failed; still showing the last good version.\n", style="bold")
        text.append(visible(message))
        panel = self._errors
        if panel is None:
            panel = self._errors = Static(text, id="diagnostics", markup=False)
            self.mount(panel, before=self._bar)
        else:
            panel.update(text)
            panel.display = True

    def clear_error(self) -> None:
        """Hide the reload error."""
        if self._errors is not None:
            self._errors.display = False

    @property
    def error_shown(self) -> bool:
        """True while a reload error is on screen."""
        return self._errors is not None and bool(self._errors.display)

    # -- actions -----------------------------------------------------------------------

    def action_nav(self, key: str) -> None:
        """Apply one navigation key (see ``tui_slides.presenting.navigation``)."""
        state = step(NavState(self.index, len(self.deck), self.typed), key)
        self.typed = state.typed
        self.index = state.index

    def action_space(self) -> None:
        """Page down through a long slide; at its end, go to the next slide."""
        view = self.slide_view
        if view.scroll_y < view.max_scroll_y:
            view.scroll_page_down(animate=False)
        else:
            self.action_nav("next")

    def action_scroll(self, direction: str) -> None:
        """Scroll the slide by one line."""
        if direction == "up":
            self.slide_view.scroll_up(animate=False)
        else:
            self.slide_view.scroll_down(animate=False)

    def action_overview(self) -> None:
        """Open the overview of all slides."""
        from tui_slides.app.screens.overview import OverviewScreen

        self.typed = ""
        self.app.push_screen(OverviewScreen(self.deck, self.index), self._jump_to)

    def _jump_to(self, index: int | None) -> None:
        if index is not None:
            self.index = clamp(index, len(self.deck))

    def action_search(self) -> None:
        """Open the search overlay."""
        from tui_slides.app.screens.search import SearchScreen

        self.typed = ""
        screen = SearchScreen(self.deck, self.query_text, self.index)
        self.app.push_screen(screen, self._search_chosen)

    def _search_chosen(self, result: tuple[str, int] | None) -> None:
        if result is None:
            return
        query, rank = result
        self.set_search(query)
        if self.matches:
            self.go_to_match(min(rank, len(self.matches) - 1))

    def set_search(self, query: str) -> None:
        """Highlight ``query`` on every slide ("" clears the search)."""
        from tui_slides.presenting.search import search_deck

        self.query_text = query.strip()
        self.matches = search_deck(self.deck, self.query_text, limit=MAX_MATCHES)
        self.match_rank = None
        self._show_current(reset_scroll=False)
        self._update_prompt()

    def action_match(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) search match, across slides."""
        if not self.matches:
            if self.query_text:
                self.app.bell()
            return
        if self.match_rank is None:
            after = [n for n, m in enumerate(self.matches) if m.slide >= self.index]
            before = [n for n, m in enumerate(self.matches) if m.slide <= self.index]
            if direction > 0:
                rank = after[0] if after else 0
            else:
                rank = before[-1] if before else len(self.matches) - 1
        else:
            rank = (self.match_rank + direction) % len(self.matches)
        self.go_to_match(rank)

    def go_to_match(self, rank: int) -> None:
        """Show match number ``rank``: its slide, emphasised, scrolled into view."""
        self.match_rank = rank
        match = self.matches[rank]
        other_slide = match.slide != self.index
        self.index = match.slide
        self._show_current(reset_scroll=other_slide)  # now: the scroll below needs its blocks
        self._update_prompt()
        self.call_after_refresh(self._scroll_to_match, match)

    def _scroll_to_match(self, match: Match) -> None:
        view = self.slide_view
        blocks = view.blocks
        if match.slide != self.index or match.block >= len(blocks):
            return
        block: BlockView = blocks[match.block]
        lines = block.highlight.match_lines if block.highlight else []
        line = lines[min(match.occurrence, len(lines) - 1)] if lines else 0
        top = block.virtual_region.y + line
        view.scroll_to_region(Region(0, top, 1, 1), animate=False, center=True, immediate=True)

    def action_help(self) -> None:
        """Show every key."""
        self.typed = ""
        self.app_.show_help()

    def action_blank(self) -> None:
        """Blank the screen."""
        from tui_slides.app.screens.blank import BlankScreen

        self.typed = ""
        self.app.push_screen(BlankScreen())

    def action_reload(self) -> None:
        """Read the deck again from disk."""
        self.typed = ""
        self.app_.reload()

    def action_play_video(self) -> None:
        """Open the slide's first video in the system's player, or say why it cannot."""
        from tui_slides.media import opener  # on demand: not needed to paint the first slide

        video = opener.first_video(self.slide)
        if video is None:
            self.app.notify("This slide has no video.", timeout=3, markup=False)
            return
        result = opener.open_video(video)
        severity = "information" if result.opened else "warning"
        self.app.notify(result.message, severity=severity, timeout=5, markup=False)

    def action_escape(self) -> None:
        """Cancel what is pending: a typed number, then the search, then a reload error."""
        if self.typed:
            self.typed = ""
        elif self.query_text:
            self.set_search("")
        elif self.error_shown:
            self.clear_error()


def _logo(ref: MediaRef | None, images: str) -> RichText | None:
    """The status bar's logo picture; the media renderers are imported for a file that exists.

    A missing file (the seed's ``/img/logo.png``) or a URL has no picture to
    draw (``logo_text`` would say None): nothing is imported for it.
    """
    if ref is None or ref.kind is not MediaKind.FILE or not ref.exists:
        return None
    from tui_slides.render.media import logo_text

    return logo_text(ref, images)
