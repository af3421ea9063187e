"""Pure slide navigation: ``step(state, key) -> state``, with no Textual in sight.

The presenter's keys are named here as plain strings (``"next"``, ``"G"``,
``"7"``, ``"enter"``...), so every rule can be checked with a table of cases:
a count typed before ``g``/``G``, Home (``first``), End (``last``) or ``Enter``
jumps to that slide (``3G``, ``12 Enter``, ``5 Home``), a count out of range is
clamped, ``Backspace`` deletes a typed digit before it goes back a slide,
``Escape`` forgets the count.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

MAX_TYPED_DIGITS = 6
"""More digits than any deck has slides: further digits are ignored."""

KEYS = ("next", "prev", "backspace", "first", "last", "g", "G", "enter", "escape")
"""The named keys ``step`` knows, besides the digits ``0``-``9``."""

JUMPS = frozenset(("first", "last", "g", "G", "enter"))
"""Keys that jump to a slide (``enter`` only with a typed number): it is shown complete."""


class NavState(NamedTuple):
    """Where the presenter is: a 0-based ``index`` into ``total`` slides, and a typed count.

    A named tuple, not a frozen dataclass: it is made on every key, and a
    dataclass costs half a millisecond to define when the presenter starts.
    """

    index: int  # type: ignore[assignment]  # the field hides tuple.index, never called here
    total: int
    typed: str = ""
    """Digits typed so far for "go to slide"; empty when none."""


def clamp(index: int, total: int) -> int:
    """``index`` moved into ``0 .. total - 1`` (0 for an empty deck)."""
    return max(0, min(index, total - 1)) if total else 0


def _goto_typed(state: NavState, default: int | None) -> NavState:
    """Go to the typed 1-based slide number, else to ``default`` (or stay)."""
    if state.typed:
        return NavState(clamp(int(state.typed) - 1, state.total), state.total)
    if default is None:
        return state._replace(typed="")
    return NavState(clamp(default, state.total), state.total)


def step(state: NavState, key: str) -> NavState:
    """The state after ``key``; unknown keys clear a typed count and stay put."""
    if len(key) == 1 and "0" <= key <= "9":  # ASCII only: "²".isdigit() is true
        if len(state.typed) >= MAX_TYPED_DIGITS:
            return state
        return state._replace(typed=state.typed + key)
    if key == "backspace" and state.typed:
        return state._replace(typed=state.typed[:-1])
    if key == "next":
        return NavState(clamp(state.index + 1, state.total), state.total)
    if key in ("prev", "backspace"):
        return NavState(clamp(state.index - 1, state.total), state.total)
    if key in ("first", "g"):
        return _goto_typed(state, 0)
    if key in ("last", "G"):
        return _goto_typed(state, state.total - 1)
    if key == "enter":
        return _goto_typed(state, None)
    return state._replace(typed="")


def walk(
    index: int,
    step: int,
    total: int,
    last_step: Callable[[int], int],
    direction: int,
    *,
    loop: bool = False,
) -> tuple[int, int]:
    """The ``(index, step)`` after one "next" (``direction`` 1) or "previous" (-1).

    Next shows the next reveal step, and only from the last one the next
    slide, at its step 0; previous goes back a step, and from step 0 to the
    previous slide complete (its last step, ``last_step(index)``). At either
    end of the deck it stays, unless ``loop``: after the last slide comes the
    first (at step 0), before the first the last (complete).
    """
    if not total:
        return 0, 0
    if direction > 0:
        if step < last_step(index):
            return index, step + 1
        if index + 1 < total:
            return index + 1, 0
        return (0, 0) if loop else (index, step)
    if step > 0:
        return index, step - 1
    if index > 0:
        return index - 1, last_step(index - 1)
    return (total - 1, last_step(total - 1)) if loop else (index, step)
