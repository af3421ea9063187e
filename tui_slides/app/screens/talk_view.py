"""The talk on screen: a view of a ``Presentation`` that follows its events.

``TalkView`` shows the current slide and the status bar, the reload problem
and the blank screen, whenever the presentation says they changed; the keys
that change it are ``SlidesScreen``'s. Settling a burst of keys before
rendering is this view's own concern.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui_slides.app.blocks import slide_styles
from tui_slides.app.slide_view import SlideView
from tui_slides.app.status_bar import StatusBar, advance_label
from tui_slides.app.step_view import scroll_into_shown, scroll_to_match, scroll_to_step, shown_end
from tui_slides.deck.model import Deck, MediaKind, MediaRef, Slide
from tui_slides.deck.safety import visible
from tui_slides.presenting.events import (
    AdvanceChanged,
    BlankChanged,
    DeckReloaded,
    Event,
    MatchChanged,
    ProblemCleared,
    ReloadFailed,
    SearchChanged,
    SlideChanged,
    StepChanged,
    TypedChanged,
)
from tui_slides.presenting.presentation import Presentation

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.text import Text as RichText
    from textual.app import App
    from textual.theme import Theme

    from tui_slides.presenting.search import Match

# Imported when first needed, not before the first paint: media renderers, the blank screen.

SETTLE = 0.006
"""Seconds without a further key or slide change before a burst of keys is taken to be over.

Longer than the 5 ms a thread may hold Python's interpreter lock: the keys of a
burst are parsed by Textual's input thread while this one handles them."""
MAX_SETTLE = 0.05
"""The longest a burst of keys keeps the screen waiting (a key held with a fast repeat)."""


class TalkView(Screen[None]):
    """A screen showing a ``Presentation``'s current slide and status bar, as it changes."""

    def __init__(self, presentation: Presentation | Deck, *, images: str = "cells") -> None:
        """A view of ``presentation`` (a deck: a presentation of its own, from its first slide).

        ``images`` is how the logo is drawn (``tui_slides.media.protocol``).
        """
        super().__init__()
        if not isinstance(presentation, Presentation):
            presentation = Presentation(presentation)
        self.presentation = presentation
        self.images = images
        self._view = SlideView(id="slide")
        self._bar = StatusBar(id="status")
        self._errors: Static | None = None
        """The reload error panel, once a reload has failed."""
        self._home: App[object] | None = None
        """The app this screen is in (events from another app's task are queued)."""
        self._unsubscribe: Callable[[], None] | None = None
        self._shown_index = -1
        """The index of the slide last shown (-1: none yet)."""
        self._styles_theme = ""
        """The theme the slide view's styles were made from."""
        self._show_pending = False
        """A slide change is waiting to be shown (see ``_slide_changed``)."""
        self._last_activity = 0.0
        """When a key last came by or the slide last changed (``time.monotonic``)."""
        self._pending_since = 0.0
        """When the slide change waiting to be shown was asked for."""
        self._pending_changes = 0
        """How many times the slide changed since then (more than one: a burst)."""
        self._blank_screen: Screen[None] | None = None
        self.blank_keys: tuple[str, ...] = ()  # the config file's, which unblank too
        self._hint_cut = False
        """True while the more-below hint leaves out blank places of later steps."""

    def compose(self) -> ComposeResult:
        yield self._view
        yield self._bar

    def on_mount(self) -> None:
        self._home = self.app
        self._unsubscribe = self.presentation.subscribe(self._on_event)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._show_current()
        self._update_prompt()
        self._show_advance()
        if self.presentation.problem:
            self._show_problem(self.presentation.problem)
        if self.presentation.blank:
            self._show_blank(True)

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    # -- what the tests and the app read ---------------------------------------------

    @property
    def deck(self) -> Deck:
        """The deck presented."""
        return self.presentation.deck

    @property
    def index(self) -> int:
        """The 0-based index of the current slide."""
        return self.presentation.index

    @property
    def slide(self) -> Slide | None:
        """The current slide (None for a deck with no slides)."""
        return self.presentation.slide

    @property
    def slide_view(self) -> SlideView:
        """The widget showing the current slide."""
        return self._view

    @property
    def status_bar(self) -> StatusBar:
        """The status bar."""
        return self._bar

    @property
    def error_shown(self) -> bool:
        """True while a reload error is on screen."""
        return self._errors is not None and bool(self._errors.display)

    # -- presentation events -> screen -----------------------------------------------

    def _on_event(self, event: Event) -> None:
        """Follow a change of the presentation (queued when it came from another app)."""
        if self.app is self._home:
            self._handle(event)
        else:
            self.call_later(self._handle, event)

    def _handle(self, event: Event) -> None:
        kind = type(event)
        if kind is SlideChanged:
            self._slide_changed()
        elif kind is StepChanged:
            if not self._show_pending:  # else the slide about to be shown reads the step
                back = self.presentation.step < self.status_bar.step  # the step shown so far
                self._show_current(reset_scroll=False)
                self.call_after_refresh(self._show_step, back)
        elif kind is AdvanceChanged:
            self._show_advance()
        elif kind is TypedChanged or kind is SearchChanged:
            if kind is SearchChanged:
                self._show_current(reset_scroll=False)
            self._update_prompt()
        elif kind is MatchChanged:
            self._match_changed()
        elif kind is DeckReloaded:
            self._deck_reloaded()
        elif kind is BlankChanged:
            assert isinstance(event, BlankChanged)
            self._show_blank(event.blank)
        elif kind is ReloadFailed:
            assert isinstance(event, ReloadFailed)
            self._show_problem(event.message)
        elif kind is ProblemCleared and self._errors is not None:
            self._errors.display = False

    def _slide_changed(self) -> None:
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

    def _show_current(self, *, reset_scroll: bool | None = None) -> None:
        """Show the current slide and its labels; everything on screen follows the index.

        The scroll goes back to the top on another slide, unless ``reset_scroll`` says.
        """
        self._show_pending = False
        presentation = self.presentation
        index = presentation.index
        if reset_scroll is None:
            reset_scroll = index != self._shown_index
        self._shown_index = index
        slide = presentation.slide
        bar = self.status_bar
        bar.position = presentation.position
        bar.total = presentation.total
        bar.step, bar.steps = presentation.step, presentation.steps
        if slide is None:
            bar.logo_title = bar.label = ""
            bar.logo = None
            self.slide_view.show(Slide())
            return
        self._restyle()
        bar.logo_title = slide.logo_title
        bar.logo = _logo(slide.logo, self.images)
        bar.label = slide.name or slide.id
        current: tuple[int, int] | None = None
        match = presentation.current_match
        if match is not None and match.slide == index:
            current = (match.block, match.occurrence)
        view = self.slide_view
        slides = presentation.deck.slides
        around = (index + 1, index - 1)
        view.upcoming = [slides[i] for i in around if 0 <= i < len(slides)]
        view.show(
            slide, presentation.query, current, reset_scroll=reset_scroll, step=presentation.step
        )
        if self._hint_cut or slide.step_plan.count > 1:  # the view's own hint may not do
            self.call_after_refresh(self._update_more)

    def _show_step(self, back: bool = False) -> None:
        """Scroll a long slide so what the last step showed is in view; after a step back,
        keep what is still shown in view (``step_view``)."""
        slide = self.slide
        if slide is not None:
            scroll = scroll_into_shown if back else scroll_to_step
            scroll(self.slide_view, slide.step_plan, self.presentation.step)

    def _show_advance(self) -> None:
        """Say in the status bar whether the automatic advance runs (``--advance``)."""
        presentation = self.presentation
        self.status_bar.advance = advance_label(presentation.advance, presentation.advance_seconds)

    def _restyle(self) -> bool:
        """Draw the blocks in the app's theme's colours; True if they changed."""
        theme = self.app.theme
        if self._styles_theme == theme:
            return False
        self._styles_theme = theme
        eight_bit = self.app.console.color_system == "256"  # COLORTERM unset, over SSH
        # The variables Textual made the stylesheet from, for this theme: it refreshes
        # the CSS before it tells the theme changed, and get_css_variables() would
        # make the theme's colour system again (0.3 ms of the first paint).
        self.slide_view.slide_styles = slide_styles(self.app.theme_variables, eight_bit=eight_bit)
        return True

    def _theme_changed(self, theme: Theme) -> None:
        if self._restyle() and self.slide is not None:
            self._show_current(reset_scroll=False)

    def _update_prompt(self) -> None:
        """Say in the status bar what is being typed, else which search is active."""
        presentation = self.presentation
        if presentation.typed:
            prompt = f"Go to slide {presentation.typed}_  (Enter)"
        elif presentation.query:
            count = len(presentation.matches)
            rank = presentation.match_rank
            ranked = f"{rank + 1} of " if rank is not None else ""
            found = f"{ranked}{count} matches" if count else "no matches"
            prompt = f"/{presentation.query}  {found}"
        else:
            prompt = ""
        self.status_bar.prompt = prompt

    def on_slide_view_more_changed(self, event: SlideView.MoreChanged) -> None:
        self._update_more()

    def shown_end(self) -> float:
        """The scroll at which the end of what is shown is in view (``step_view.shown_end``)."""
        slide = self.slide
        if slide is None:
            return self.slide_view.max_scroll_y
        return shown_end(self.slide_view, slide.step_plan, self.presentation.step)

    def _update_more(self) -> None:
        """The more-above/below hint of the status bar, as far as what is shown goes."""
        view = self.slide_view
        below = view.scroll_y < self.shown_end()
        self._hint_cut = below != (view.scroll_y < view.max_scroll_y)
        self.status_bar.more_above = view.scroll_y > 0
        self.status_bar.more_below = below

    def _deck_reloaded(self) -> None:
        self.slide_view.renders.clear()
        self._show_current(reset_scroll=self.index != self._shown_index)
        self._update_prompt()

    def _match_changed(self) -> None:
        """Show the current match: its slide, emphasised, scrolled into view."""
        match = self.presentation.current_match
        if match is None:
            return
        self._show_current()  # now: the scroll below needs its blocks
        self._update_prompt()
        self.call_after_refresh(self._scroll_to_match, match)

    def _scroll_to_match(self, match: Match, tries: int = 8) -> None:
        """Scroll to ``match`` once its slide is laid out (a slide just shown: a frame or
        two later), at most ``tries`` frames from now."""
        if match.slide == self.index and tries:
            if not scroll_to_match(self.slide_view, match, last=tries == 1):
                self.call_after_refresh(self._scroll_to_match, match, tries - 1)

    def _show_problem(self, message: str) -> None:
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

    def _show_blank(self, blank: bool) -> None:
        """Push the blank screen over this one, or take it away."""
        if blank and self._blank_screen is None:
            from tui_slides.app.screens.blank import BlankScreen

            self._blank_screen = BlankScreen(self.blank_keys)
            self.app.push_screen(self._blank_screen, self._unblanked)
        elif not blank and self._blank_screen is not None:
            screen, self._blank_screen = self._blank_screen, None
            if screen.is_current:
                screen.dismiss()

    def _unblanked(self, result: None = None) -> None:
        """The blank screen was dismissed (``b`` or Esc there): the talk shows again."""
        self._blank_screen = None
        self.presentation.set_blank(False)


def _logo(ref: MediaRef | None, images: str) -> RichText | None:
    """The status bar's logo picture; the media renderers are imported for a file that exists.

    A missing file (the seed's ``/img/logo.png``) or a URL has no picture to
    draw (``logo_text`` would say None): nothing is imported for it.
    """
    if ref is None or ref.kind is not MediaKind.FILE or not ref.exists:
        return None
    from tui_slides.render.media import logo_text

    return logo_text(ref, images)
