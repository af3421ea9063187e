"""What to send a viewer: only the cells that differ from what its terminal shows.

A change is encoded as cursor moves (``CSI row;col H``), style changes and the
new characters; a row's blank tail is erased with ``CSI K``. Diffs are kept by
(screen shown, screen wanted): viewers of one size following the presenter
all get the same bytes, encoded once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence

from tui_slides.share.frames import Line

ScreenKey = Hashable
"""Names a screen's content: equal keys, equal lines."""

GAP = 6
"""Unchanged cells between two changes rewritten rather than skipped (a cursor move costs ~7)."""
RESET = "\x1b[0m"
"""The default style (what ``CSI K`` erases with)."""
MAX_DIFFS = 1024
"""Diffs kept (least recently used dropped)."""


class ScreenDiff:
    """Encodes, and keeps, the bytes taking a terminal from one screen to another."""

    def __init__(self, sgr: Callable[[int, str | None], str], *, max_diffs: int = MAX_DIFFS):
        """``sgr(style_id, colours)``: the sequence that sets a style (``Frames.sgr``)."""
        self._sgr = sgr
        self.max_diffs = max_diffs
        self._diffs: OrderedDict[tuple[ScreenKey, ScreenKey], bytes] = OrderedDict()
        self.encoded = 0
        """How many diffs were encoded (not found kept): for tests and benchmarks."""

    def diff(
        self,
        old_key: ScreenKey,
        old: Sequence[Line] | None,
        new_key: ScreenKey,
        new: Sequence[Line],
        colours: str | None,
    ) -> bytes:
        """The bytes turning screen ``old`` (None: a cleared one) into ``new``."""
        key = (old_key, new_key)
        found = self._diffs.get(key)
        if found is not None:
            self._diffs.move_to_end(key)
            return found
        self.encoded += 1
        found = encode(old, new, self._sgr, colours)
        self._diffs[key] = found
        while len(self._diffs) > self.max_diffs:
            self._diffs.popitem(last=False)
        return found


def encode(
    old: Sequence[Line] | None,
    new: Sequence[Line],
    sgr: Callable[[int, str | None], str],
    colours: str | None,
) -> bytes:
    """The bytes turning ``old`` (None: a cleared screen) into ``new``, row by row."""
    out: list[str] = []
    current = [""]  # the style sequence the terminal has now ("": not known)
    for row, line in enumerate(new):
        before = old[row] if old is not None and row < len(old) else None
        if before is line or before == line:
            continue
        _row(out, row, before, line, sgr, colours, current)
    return "".join(out).encode()


def _changed_runs(before: Line | None, line: Line) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of cells that differ, close ones merged."""
    chars, styles = line
    width = len(chars)
    if before is None:
        old_chars: Sequence[str] = (" ",) * width
        old_styles: Sequence[int] = (0,) * width
    else:
        old_chars, old_styles = before
    runs: list[tuple[int, int]] = []
    start = end = -1
    for col in range(width):
        if col < len(old_chars) and chars[col] == old_chars[col] and styles[col] == old_styles[col]:
            continue
        if start >= 0 and col - end <= GAP:
            end = col + 1
        else:
            if start >= 0:
                runs.append((start, end))
            start, end = col, col + 1
    if start >= 0:
        runs.append((start, end))
    # Never start on the right half of a wide character, nor end inside one (old or new).
    fixed: list[tuple[int, int]] = []
    for start, end in runs:
        while start > 0 and (chars[start] == "" or old_chars[start] == ""):
            start -= 1
        while end < width and (chars[end] == "" or old_chars[end] == ""):
            end += 1
        if fixed and start <= fixed[-1][1]:
            fixed[-1] = (fixed[-1][0], end)
        else:
            fixed.append((start, end))
    return fixed


def _row(
    out: list[str],
    row: int,
    before: Line | None,
    line: Line,
    sgr: Callable[[int, str | None], str],
    colours: str | None,
    current: list[str],
) -> None:
    chars, styles = line
    width = len(chars)
    tail = width  # from here on the row is blank: erased, not written
    while tail > 0 and chars[tail - 1] == " " and styles[tail - 1] == 0:
        tail -= 1
    for start, end in _changed_runs(before, line):
        out.append(f"\x1b[{row + 1};{start + 1}H")
        stop = min(end, tail)
        for col in range(start, stop):
            char = chars[col]
            if not char:
                continue  # the right half of a wide character: written with it
            code = sgr(styles[col], colours)
            if code != current[0]:
                out.append(code)
                current[0] = code
            out.append(char)
        if end > tail:
            if current[0] != RESET:
                out.append(RESET)
                current[0] = RESET
            out.append("\x1b[K")
            return
