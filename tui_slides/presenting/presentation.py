"""The talk's state and every way to change it, for any number of views.

A ``Presentation`` holds the deck, the current slide, the reveal step, blank,
the typed slide number, the search and the clock. Each intent is one method
(``next``, ``go_to``, ``search``...); a change is told to every subscriber as
an event of ``tui_slides.presenting.events``. The moving rules themselves are
``tui_slides.presenting.navigation``. No Textual and no Rich here.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import TYPE_CHECKING

from tui_slides.presenting.clock import TalkClock
from tui_slides.presenting.events import (
    AdvanceChanged,
    BlankChanged,
    ClockChanged,
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
from tui_slides.presenting.navigation import JUMPS, NavState, clamp, walk
from tui_slides.presenting.navigation import step as nav_step

if TYPE_CHECKING:
    from tui_slides.deck.model import Deck, Slide
    from tui_slides.presenting.search import Match

Subscriber = Callable[[Event], None]
"""Told every change, as it happens, in the order the changes are made."""

MAX_MATCHES = 10_000
"""Search matches kept for next/previous match; more are not reachable by those keys."""


class Presentation:
    """One talk: which slide of which deck is shown, and how; views subscribe to it."""

    def __init__(
        self,
        deck: Deck,
        start: int = 0,
        *,
        complete: bool = False,
        loop: bool = False,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        """Present ``deck`` from the slide at 0-based ``start`` (clamped).

        ``complete``: show that slide complete, as a jump does (``--slide``);
        else from its first step. ``loop``: next after the last slide is the first.
        """
        self.deck = deck
        self.index = clamp(start, len(deck))
        """The 0-based index of the current slide (0 for an empty deck)."""
        self.loop = loop
        """True when the deck is a ring: next after the last slide is the first (``--loop``)."""
        self.step = self._last_step(self.index) if complete else 0
        """The reveal step on the current slide, 0-based (see ``steps``)."""
        self.advance = "off"
        """The automatic advance: ``off``, ``running``, ``paused`` or ``stopped`` (the end)."""
        self.advance_seconds = 0.0
        """The automatic advance's interval (``tui_slides.presenting.advance``)."""
        self.blank = False
        """True while the screen is blanked (a projector's black screen)."""
        self.typed = ""
        """The digits typed for "go to slide"; empty when none."""
        self.query = ""
        """The active search, highlighted on the slides ("" when none)."""
        self.matches: list[Match] = []
        """Every match of ``query``, in deck order (at most ``MAX_MATCHES``)."""
        self.match_rank: int | None = None
        """Which of ``matches`` is current (None until a match key goes to one)."""
        self.problem = ""
        """Why the last reload failed, while that is to be shown ("" when none)."""
        self.clock = TalkClock(clock)
        """The talk's clock (``start_clock``... change it and tell the subscribers)."""
        self._subscribers: tuple[Subscriber, ...] = ()

    # -- subscribers -------------------------------------------------------------------

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Tell ``callback`` every change from now on; returns what unsubscribes it."""
        self._subscribers = (*self._subscribers, callback)

        def unsubscribe() -> None:
            self._subscribers = tuple(s for s in self._subscribers if s is not callback)

        return unsubscribe

    @property
    def subscribers(self) -> int:
        """How many subscribers are told the changes now."""
        return len(self._subscribers)

    def _emit(self, event: Event) -> None:
        for callback in self._subscribers:
            callback(event)

    # -- what is shown -----------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many slides the deck has."""
        return len(self.deck.slides)

    @property
    def slide(self) -> Slide | None:
        """The current slide (None for a deck with no slides)."""
        slides = self.deck.slides
        return slides[self.index] if slides else None

    @property
    def position(self) -> int:
        """The 1-based position shown in a status bar (0 for an empty deck)."""
        return self.index + 1 if self.deck.slides else 0

    @property
    def steps(self) -> int:
        """How many reveal steps the current slide has (``Slide.step_plan``); ``step`` is in
        ``0 .. steps - 1``, and ``steps - 1`` shows the slide complete."""
        slide = self.slide
        return 1 if slide is None else slide.step_plan.count

    def _last_step(self, index: int) -> int:
        slides = self.deck.slides
        return slides[index].step_plan.last if 0 <= index < len(slides) else 0

    @property
    def upcoming(self) -> tuple[int, int] | None:
        """What ``next()`` would show, ``(index, step)`` (a console's "next"); None at the end."""
        place = walk(self.index, self.step, self.total, self._last_step, 1, loop=self.loop)
        return None if place == (self.index, self.step) else place

    @property
    def at_end(self) -> bool:
        """True on the last step of the last slide (next would stay, or loop round)."""
        return self.index >= self.total - 1 and self.step >= self.steps - 1

    @property
    def current_match(self) -> Match | None:
        """The match the match keys last went to, if any."""
        rank = self.match_rank
        return self.matches[rank] if rank is not None and rank < len(self.matches) else None

    # -- moving ------------------------------------------------------------------------

    def key(self, key: str) -> None:
        """Apply one navigation key by name (``tui_slides.presenting.navigation.step``).

        ``next`` and ``prev`` (and Backspace with nothing typed) walk the reveal
        steps (``navigation.walk``); a jump (``first``, ``G``, a number and
        Enter...) shows its slide complete.
        """
        if key in ("next", "prev") or (key == "backspace" and not self.typed):
            self._set_typed("")
            direction = 1 if key == "next" else -1
            last = self._last_step
            self._show(*walk(self.index, self.step, self.total, last, direction, loop=self.loop))
            return
        jump = key in JUMPS and (key != "enter" or bool(self.typed))
        state = nav_step(NavState(self.index, len(self.deck.slides), self.typed), key)
        self._set_typed(state.typed)
        if jump:
            self._move(state.index)

    def next(self) -> None:
        """The next step, else the next slide at its first step (stays at the end)."""
        self.key("next")

    def previous(self) -> None:
        """The previous step, else the previous slide complete (stays on the first)."""
        self.key("prev")

    def first(self) -> None:
        """The typed slide number if any, else the first slide."""
        self.key("first")

    def last(self) -> None:
        """The typed slide number if any, else the last slide."""
        self.key("last")

    def type_digit(self, digit: str) -> None:
        """Type one more digit of a slide number (``"0"``..``"9"``)."""
        self.key(digit)

    def go_to(self, index: int) -> None:
        """The slide at 0-based ``index`` (clamped), complete; forgets a typed number."""
        self._set_typed("")
        self._move(clamp(index, len(self.deck.slides)))

    def clear_typed(self) -> None:
        """Forget a typed slide number (an overlay opens, a key elsewhere...)."""
        self._set_typed("")

    def cancel(self) -> bool:
        """Esc: forget a typed number, else the search, else a reload problem.

        False when there was nothing to cancel.
        """
        if self.typed:
            self._set_typed("")
        elif self.query:
            self.search("")
        elif self.problem:
            self.clear_problem()
        else:
            return False
        return True

    def _set_typed(self, typed: str) -> None:
        if typed != self.typed:
            self.typed = typed
            self._emit(TypedChanged(typed))

    def _move(self, index: int) -> None:
        """Jump to the slide at ``index``: it is shown complete."""
        self._show(index, self._last_step(index))

    def _show(self, index: int, step: int) -> None:
        previous = self.index
        if index != previous:
            self.index, self.step = index, step
            self._emit(SlideChanged(index, previous))
            self._tell_step()
        elif step != self.step:
            self.step = step
            self._tell_step(changed=True)

    def _tell_step(self, *, changed: bool = False) -> None:
        """The step shown: when it ``changed``, or after a slide change or a reload when the
        slide has steps. Then the advance stops if this is the end."""
        if changed or self.steps > 1:
            self._emit(StepChanged(self.index, self.step, self.steps))
        if self.advance == "running":
            self._set_advance("running")  # stopped, if this is the end

    # -- blank -------------------------------------------------------------------------

    def set_blank(self, blank: bool) -> None:
        """Blank the screen (True) or show the slide again (False)."""
        self._set_typed("")
        if blank != self.blank:
            self.blank = blank
            self._emit(BlankChanged(blank))

    def toggle_blank(self) -> None:
        """Blank the screen, or show the slide again."""
        self.set_blank(not self.blank)

    # -- search ------------------------------------------------------------------------

    def search(self, query: str) -> None:
        """Highlight ``query`` on every slide and find its matches ("" clears the search)."""
        self._set_typed("")
        self.query = query.strip()
        self.matches = self._find(self.query)
        self.match_rank = None
        self._emit(SearchChanged(self.query, len(self.matches)))

    def _find(self, query: str) -> list[Match]:
        if not query:
            return []
        from tui_slides.presenting.search import search_deck  # not needed for the first paint

        return search_deck(self.deck, query, limit=MAX_MATCHES)

    def next_match(self) -> bool:
        """Go to the next match, across slides, wrapping round; False if there is none."""
        return self._step_match(1)

    def previous_match(self) -> bool:
        """Go to the previous match, across slides, wrapping round; False if there is none."""
        return self._step_match(-1)

    def _step_match(self, direction: int) -> bool:
        matches = self.matches
        if not matches:
            return False
        if self.match_rank is None:  # the first from here: on this slide or beyond
            if direction > 0:
                rank = next((n for n, m in enumerate(matches) if m.slide >= self.index), 0)
            else:
                before = [n for n, m in enumerate(matches) if m.slide <= self.index]
                rank = before[-1] if before else len(matches) - 1
        else:
            rank = (self.match_rank + direction) % len(matches)
        self.go_to_match(rank)
        return True

    def go_to_match(self, rank: int) -> None:
        """Make match ``rank`` (clamped) current, on its slide."""
        if not self.matches:
            return
        rank = max(0, min(rank, len(self.matches) - 1))
        self._set_typed("")
        self.match_rank = rank
        match = self.matches[rank]
        self._move(match.slide)
        self._emit(MatchChanged(rank, match.slide, match.block, match.occurrence))

    # -- the deck ----------------------------------------------------------------------

    def reload(self, deck: Deck) -> None:
        """Take a new version of the deck, on the same slide by ID, else by position.

        The search runs again on the new deck; a reload problem shown is cleared.
        """
        old = self.slide
        index = self.index
        if old is not None and old.id:
            found = deck.find(old.id)
            if found is not None and deck.slides[found].id == old.id:
                index = found
        previous = self.index
        self.deck = deck
        self.index = clamp(index, len(deck.slides))
        self.step = min(self.step, self._last_step(self.index))  # the same step, if still there
        self._set_typed("")
        self.clear_problem()
        self._emit(DeckReloaded(self.index, previous, len(deck.slides)))
        self._tell_step()
        if self.query:
            self.search(self.query)

    def report_problem(self, message: str) -> None:
        """Say why the deck could not be read again; the last good deck stays."""
        self.problem = message
        self._emit(ReloadFailed(message))

    def clear_problem(self) -> None:
        """Stop showing the reload problem."""
        if self.problem:
            self.problem = ""
            self._emit(ProblemCleared())

    # -- the automatic advance (driven by tui_slides.presenting.advance) ----------------

    def start_advance(self, seconds: float) -> None:
        """Move on by itself every ``seconds`` (``--advance``), from now."""
        self.advance_seconds = seconds
        self._set_advance("running")

    def pause_advance(self) -> None:
        """Pause the automatic advance (any key in the presenter does)."""
        if self.advance == "running":
            self._set_advance("paused")

    def resume_advance(self) -> None:
        """Resume the automatic advance (``a``), with a whole interval before the next move."""
        if self.advance in ("paused", "stopped"):
            self._set_advance("running")

    def _set_advance(self, state: str) -> None:
        if state == "running" and self.at_end and not self.loop:
            state = "stopped"  # at the end of a deck that does not loop: nothing comes next
        if state != self.advance:
            self.advance = state
            self._emit(AdvanceChanged(state, self.advance_seconds))

    # -- the clock ---------------------------------------------------------------------

    def start_clock(self) -> None:
        """Start the talk's clock (from 0; nothing if it runs already)."""
        if self.clock.start():
            self._clock_changed()

    def pause_clock(self) -> None:
        """Pause the clock."""
        if self.clock.pause():
            self._clock_changed()

    def resume_clock(self) -> None:
        """Resume the clock after a pause."""
        if self.clock.resume():
            self._clock_changed()

    def reset_clock(self) -> None:
        """Stop the clock and set it back to 0."""
        if self.clock.reset():
            self._clock_changed()

    def _clock_changed(self) -> None:
        clock = self.clock
        self._emit(ClockChanged(clock.started, clock.paused, clock.elapsed))
