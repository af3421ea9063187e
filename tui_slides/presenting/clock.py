"""The talk's clock: started, paused, elapsed; the time source is injectable for tests."""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic


class TalkClock:
    """Seconds of talk since ``start()``, pauses left out.

    ``clock`` gives the time in seconds (``time.monotonic`` by default); a test
    passes a function returning fixed times.
    """

    __slots__ = ("_clock", "_paused_at", "_paused_for", "_started_at")

    def __init__(self, clock: Callable[[], float] = monotonic) -> None:
        self._clock = clock
        self._started_at: float | None = None
        self._paused_at: float | None = None
        self._paused_for = 0.0
        """Seconds spent paused before the current pause (if any)."""

    @property
    def started(self) -> bool:
        """True once started (paused or not), until reset."""
        return self._started_at is not None

    @property
    def paused(self) -> bool:
        """True while paused."""
        return self._paused_at is not None

    @property
    def elapsed(self) -> float:
        """Seconds of talk so far: 0 before the start; it stands still while paused."""
        if self._started_at is None:
            return 0.0
        now = self._paused_at if self._paused_at is not None else self._clock()
        return max(0.0, now - self._started_at - self._paused_for)

    def start(self) -> bool:
        """Start counting (from 0); False if it was started already."""
        if self._started_at is not None:
            return False
        self._started_at = self._clock()
        self._paused_at = None
        self._paused_for = 0.0
        return True

    def pause(self) -> bool:
        """Stop counting for now; False if not running."""
        if self._started_at is None or self._paused_at is not None:
            return False
        self._paused_at = self._clock()
        return True

    def resume(self) -> bool:
        """Count again after a pause; False if not paused."""
        if self._paused_at is None:
            return False
        self._paused_for += self._clock() - self._paused_at
        self._paused_at = None
        return True

    def reset(self) -> bool:
        """Back to not started, 0 seconds; False if it was not started."""
        if self._started_at is None:
            return False
        self._started_at = self._paused_at = None
        self._paused_for = 0.0
        return True
