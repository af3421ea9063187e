"""The automatic advance (``--advance 10s``): a timer that moves a ``Presentation`` on by itself.

The state (running, paused, stopped at the end) is the presentation's own
(``start_advance``, ``pause_advance``, ``resume_advance``), so every view
shows it and any of them may pause it. This driver keeps the one timer: each
slide or step shown while running gets a whole interval, then ``next()``.
Time comes from an injected ``Schedule`` (the app's ``set_timer``; a fake one
in tests), so nothing here sleeps or reads a clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui_slides.presenting.events import AdvanceChanged, Event, SlideChanged, StepChanged
from tui_slides.presenting.presentation import Presentation

Cancel = Callable[[], None]
"""Cancels a scheduled call (harmless once it ran)."""
Schedule = Callable[[float, Callable[[], None]], Cancel]
"""``schedule(seconds, callback)``: call ``callback`` once, ``seconds`` from now."""

_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s?)?")


LONGEST = 24 * 3600
"""The longest interval, in seconds: a day. ``99999999999h`` showed as ``▶ 5999999999940m``."""


class TooLong(ValueError):
    """An interval longer than ``LONGEST``."""


def parse_interval(text: str) -> float:
    """Seconds in ``10s``, ``1m30s``, ``2m``, ``1h``, ``0.5s``, ``90`` (seconds); ``ValueError``
    otherwise, ``TooLong`` past a day. (A talk's ``duration`` is ``deck.duration``'s: there a
    bare number is minutes.)"""
    match = _DURATION.fullmatch(text.strip().lower())
    if not text.strip() or match is None or not any(match.groups()):
        raise ValueError(f"not a duration like 10s, 1m30s or 2m: {text!r}")
    hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if total > LONGEST:
        raise TooLong("at most 24h")
    return total


class Advance:
    """Moves ``presentation`` on every ``seconds`` while its advance runs (``start``)."""

    def __init__(self, presentation: Presentation, seconds: float, schedule: Schedule) -> None:
        self.presentation = presentation
        self.seconds = seconds
        """The interval: each step is shown this long."""
        self._schedule = schedule
        self._cancel: Cancel | None = None
        self._unsubscribe = presentation.subscribe(self._on_event)

    @property
    def waiting(self) -> bool:
        """True while a move is scheduled."""
        return self._cancel is not None

    def start(self) -> None:
        """Start advancing from the slide shown (a whole interval before the first move)."""
        self.presentation.start_advance(self.seconds)
        self._follow()

    def close(self) -> None:
        """Stop the timer and stop following the presentation (the app is ending)."""
        self._stop_timer()
        self._unsubscribe()

    def _on_event(self, event: Event) -> None:
        kind = type(event)
        if kind is AdvanceChanged or kind is SlideChanged or kind is StepChanged:
            self._follow()

    def _follow(self) -> None:
        """A whole interval from now while running; no timer otherwise."""
        self._stop_timer()
        if self.presentation.advance == "running":
            self._cancel = self._schedule(self.seconds, self._tick)

    def _stop_timer(self) -> None:
        cancel, self._cancel = self._cancel, None
        if cancel is not None:
            cancel()

    def _tick(self) -> None:
        self._cancel = None
        if self.presentation.advance == "running":
            self.presentation.next()  # its events schedule the next move (or stop at the end)
            if not self.waiting:  # nothing moved (a loop of one slide): wait again
                self._follow()
