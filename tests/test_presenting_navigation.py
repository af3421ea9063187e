"""The pure navigation rules (``tui_slides.presenting.navigation``), as a table of cases."""

from __future__ import annotations

import pytest

from tui_slides.presenting.navigation import MAX_TYPED_DIGITS, NavState, clamp, step


def run(index: int, total: int, keys: str, typed: str = "") -> NavState:
    """Apply space-separated ``keys`` from slide ``index`` of ``total``."""
    state = NavState(index, total, typed)
    for key in keys.split():
        state = step(state, key)
    return state


@pytest.mark.parametrize(
    ("index", "total", "keys", "expected_index", "expected_typed"),
    [
        (0, 5, "next", 1, ""),
        (4, 5, "next", 4, ""),  # stays on the last slide
        (2, 5, "prev", 1, ""),
        (0, 5, "prev", 0, ""),  # stays on the first slide
        (0, 5, "backspace", 0, ""),
        (3, 5, "backspace", 2, ""),
        (3, 5, "first", 0, ""),
        (1, 5, "last", 4, ""),
        (3, 5, "g", 0, ""),
        (1, 5, "G", 4, ""),
        (0, 12, "1 2 enter", 11, ""),
        (0, 12, "1 2", 0, "12"),  # typing alone does not move
        (0, 12, "3 G", 2, ""),  # 3G: slide 3
        (5, 12, "2 g", 1, ""),  # 2g: slide 2
        (0, 12, "5 first", 4, ""),  # 5 Home: slide 5, as the help says
        (9, 12, "5 last", 4, ""),  # 5 End: slide 5 too
        (0, 12, "9 9 last", 11, ""),  # out of range: clamped
        (5, 12, "0 first", 0, ""),
        (0, 12, "1 2 backspace last", 0, ""),  # 1 End: slide 1
        (3, 12, "enter", 3, ""),
        (3, 12, "7 x", 3, ""),  # an unknown key forgets the count
        (3, 12, "7 escape enter", 3, ""),
        (3, 12, "² enter", 3, ""),  # a digit to str.isdigit, not a slide number
        (0, 12, "9 9 enter", 11, ""),  # out of range: clamped to the last slide
        (4, 12, "0 enter", 0, ""),  # slide 0 does not exist: the first
        (0, 12, "1 2 backspace enter", 0, ""),  # backspace deletes the 2: slide 1
        (6, 12, "1 escape", 6, ""),  # escape forgets the count
        (6, 12, "1 next", 7, ""),  # a move forgets the count
        (6, 12, "enter", 6, ""),  # enter with nothing typed stays
        (6, 12, "x", 6, ""),  # unknown keys stay
        (0, 0, "next", 0, ""),  # an empty deck never moves
        (0, 0, "last", 0, ""),
        (0, 0, "5 enter", 0, ""),
        (0, 1, "next prev next", 0, ""),
    ],
)
def test_step(index: int, total: int, keys: str, expected_index: int, expected_typed: str) -> None:
    state = run(index, total, keys)
    assert (state.index, state.typed) == (expected_index, expected_typed)
    assert state.total == total


def test_typed_digits_are_capped() -> None:
    state = run(0, 5, " ".join("1" * (MAX_TYPED_DIGITS + 3)))
    assert state.typed == "1" * MAX_TYPED_DIGITS
    assert step(state, "enter").index == 4


@pytest.mark.parametrize(
    ("index", "total", "expected"), [(-3, 5, 0), (0, 5, 0), (7, 5, 4), (2, 0, 0), (4, 5, 4)]
)
def test_clamp(index: int, total: int, expected: int) -> None:
    assert clamp(index, total) == expected
