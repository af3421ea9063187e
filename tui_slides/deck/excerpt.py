"""The excerpt under an error: the offending line, fitted to a width, and a caret under the column.

``output_columns`` is that width for a stream: a terminal's columns, None for a
file or a pipe.

A line too long for the output (a minified one-line deck) is shown as a window
around the column, cut with ``…`` at either end; the width counts terminal
cells, so a wide (CJK) character takes two and a combining mark none, and a tab
is shown as one space (a terminal would move it to the next tab stop), so the
caret stays under the character the column names.
"""

from __future__ import annotations

import os
from itertools import accumulate

from tui_slides.deck.safety import visible

UNKNOWN_WIDTH = 162
"""The columns an excerpt takes when the output's width is unknown (a file, a pipe): its
two-space indent and 160 cells of the line, the window tui-slides has always shown."""

NARROWEST = 20
"""Fewer columns than this are taken as this many: the window must show something."""

INDENT = "  "
CUT = "…"


def output_columns(stream: object) -> int | None:
    """The columns of the terminal ``stream`` writes to (``sys.stderr``...), or None: not a
    terminal (a file or a pipe has no width), or a terminal that does not say."""
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
        if not os.isatty(descriptor):
            return None
        return os.get_terminal_size(descriptor).columns or None  # 0: a pty given no size
    except (AttributeError, OSError, ValueError):  # closed, or not a file at all
        return None


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: wide East Asian characters count two, marks none."""
    import unicodedata  # only when an error is shown

    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def caret_lines(source_line: str, col: int, width: int | None = None) -> str:
    """The offending line and a caret under column ``col`` (1-based, in characters).

    Both lines fit in ``width`` columns (``UNKNOWN_WIDTH`` when None), indent included.
    """
    budget = max(width or UNKNOWN_WIDTH, NARROWEST) - len(INDENT)
    at = min(max(col, 1), len(source_line) + 1) - 1  # the character the caret is under
    # Only the characters near the column can be shown: a 16 MB line is not measured whole.
    low, high = max(0, at - 4 * budget), min(len(source_line), at + 4 * budget)
    pieces = [" " if char == "\t" else visible(char) for char in source_line[low:high]]
    cells = [0, *accumulate(cell_width(piece) for piece in pieces)]
    cut_left, cut_right = low > 0, high < len(source_line)
    start, end = _window(cells, at - low, budget, cut_left=cut_left, cut_right=cut_right)
    left = CUT if start > 0 or cut_left else ""
    right = CUT if end < len(pieces) or cut_right else ""
    shown = left + "".join(pieces[start:end]) + right
    caret = len(left) + cells[at - low] - cells[start]
    return f"{INDENT}{shown}\n{INDENT}{' ' * caret}^"


def _window(
    cells: list[int], at: int, budget: int, *, cut_left: bool, cut_right: bool
) -> tuple[int, int]:
    """The characters ``[start, end)`` to show: character ``at`` (or the end, where the caret
    goes after the line) among them, about in the middle, with the ``…`` they need in
    ``budget`` cells. ``cells[i]`` is the width of the first ``i`` characters."""
    count = len(cells) - 1

    def fits(start: int, end: int) -> bool:
        marks = int(start > 0 or cut_left) + int(end < count or cut_right)
        caret_end = cells[at] - cells[start] + 1  # the caret's own cell
        return max(cells[end] - cells[start], caret_end) + marks <= budget

    start, end = at, min(at + 1, count)
    while start > 0 and fits(start - 1, end) and cells[at] - cells[start - 1] <= budget // 2:
        start -= 1
    while end < count and fits(start, end + 1):
        end += 1
    while start > 0 and fits(start - 1, end):  # the line ends soon: more of it before
        start -= 1
    return start, end
