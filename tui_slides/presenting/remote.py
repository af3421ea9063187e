"""A console's picture of a talk in another process: the presenter's state, kept up to date.

``RemoteTalk`` takes the messages of ``tui_slides.presenting.protocol`` as
they come (a ``State`` on join, then events) and knows the current slide, the
blank, the typed number, the clock, the automatic advance and the loop; its
clock runs on this side between two clock messages, from the injectable ``clock``.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from tui_slides.presenting.events import (
    AdvanceChanged,
    BlankChanged,
    ClockChanged,
    DeckReloaded,
    ProblemCleared,
    ReloadFailed,
    SlideChanged,
    StepChanged,
    TypedChanged,
)
from tui_slides.presenting.protocol import Message, State


class RemoteTalk:
    """The presenter's talk as its console sees it."""

    def __init__(self, clock: Callable[[], float] = monotonic) -> None:
        self._clock = clock
        self.joined = False
        """True once a ``State`` came (a console shows nothing of the talk before)."""
        self.deck = ""
        """The deck's path, as the presenter read it."""
        self.name = ""
        self.pid = 0
        self.index = 0
        self.step = 0
        self.total = 0
        self.blank = False
        self.typed = ""
        self.problem = ""
        self.duration: float | None = None
        """The talk's planned length in seconds, if the presenter was given one."""
        self.started = False
        self.paused = False
        self._elapsed = 0.0
        self._since = 0.0
        self.reloads = 0
        """How many times the presenter took a new version of the deck."""
        self.loop = False
        """True when next after the last slide is the first (the presenter's ``--loop``)."""
        self.advance = "off"
        """The automatic advance: ``off``, ``running``, ``paused`` or ``stopped``."""
        self.advance_seconds = 0.0
        """Its interval, in seconds."""

    @property
    def elapsed(self) -> float:
        """Seconds of talk so far (pauses left out), running on between messages."""
        if self.started and not self.paused:
            return self._elapsed + max(0.0, self._clock() - self._since)
        return self._elapsed

    def apply(self, message: Message) -> bool:
        """Take one message from the presenter; False if it changes nothing shown here."""
        kind = type(message)
        if kind is State:
            assert isinstance(message, State)
            values = message.values
            for name in ("deck", "name", "pid", "index", "step", "total", "blank", "typed"):
                setattr(self, name, values[name])
            self.problem = values["problem"]
            self.duration = values["duration"]
            self._set_clock(values["started"], values["paused"], values["elapsed"])
            self.loop = values["loop"]
            self.advance, self.advance_seconds = values["advance"], values["advance_seconds"]
            self.joined = True
        elif kind is SlideChanged:
            assert isinstance(message, SlideChanged)
            self.index, self.step = message.index, 0
        elif kind is StepChanged:  # follows a SlideChanged onto a slide with steps, too
            assert isinstance(message, StepChanged)
            self.index, self.step = message.index, message.step
        elif kind is DeckReloaded:
            assert isinstance(message, DeckReloaded)
            self.index, self.total = message.index, message.total
            self.reloads += 1
        elif kind is BlankChanged:
            assert isinstance(message, BlankChanged)
            self.blank = message.blank
        elif kind is TypedChanged:
            assert isinstance(message, TypedChanged)
            self.typed = message.typed
        elif kind is ClockChanged:
            assert isinstance(message, ClockChanged)
            self._set_clock(message.started, message.paused, message.elapsed)
        elif kind is ReloadFailed:
            assert isinstance(message, ReloadFailed)
            self.problem = message.message
        elif kind is ProblemCleared:
            self.problem = ""
        elif kind is AdvanceChanged:
            assert isinstance(message, AdvanceChanged)
            self.advance, self.advance_seconds = message.state, message.seconds
        else:
            return False
        return True

    def _set_clock(self, started: bool, paused: bool, elapsed: float) -> None:
        self.started, self.paused = started, paused
        self._elapsed = float(elapsed)
        self._since = self._clock()


def clock_text(seconds: float) -> str:
    """``12:05``, or ``1:02:05`` from an hour on; a negative time gets a minus sign."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"
