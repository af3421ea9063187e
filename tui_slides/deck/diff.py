"""A unified diff of a text and the edits made to it, built from the edits, safe to print.

Built from the edits rather than by comparing the two texts (``difflib``): in
time linear in the text, and exact (a hunk holds just the lines an edit
touched). ``patch -p1`` applies it, as long as no changed line holds a control
character (shown visibly: deck text is data, never sent to a terminal raw).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from tui_slides.deck.fix import apply
from tui_slides.deck.safety import visible
from tui_slides.deck.syntax import Edit

CONTEXT = 3
"""Unchanged lines shown around each change, as ``diff -u`` does."""


class _Block(NamedTuple):
    """Original lines ``start`` to ``stop`` (exclusive), replaced by ``lines``."""

    start: int
    stop: int
    lines: list[str]


def unified_diff(text: str, edits: Sequence[Edit], label: str) -> Iterator[str]:
    """The diff from ``text`` to ``text`` with ``edits`` made, of the file called ``label``.

    Each line keeps its own ending (CRLF stays CRLF), a last line without one
    is marked as ``diff`` marks it, and ``label`` goes into the headers as
    ``a/LABEL`` and ``b/LABEL`` (it must be safe to print).
    """
    old = lines_of(text)
    blocks = _blocks(text, old, edits)
    if not blocks:
        return
    yield f"--- a/{label}\n"
    yield f"+++ b/{label}\n"
    shift = 0  # how many more lines the new text has before the hunk than the old
    hunk: list[_Block] = []
    for block in blocks:
        if hunk and block.start - hunk[-1].stop > 2 * CONTEXT:
            yield from _hunk(old, hunk, shift)
            shift += sum(len(done.lines) - (done.stop - done.start) for done in hunk)
            hunk = []
        hunk.append(block)
    yield from _hunk(old, hunk, shift)


def lines_of(text: str) -> list[str]:
    """``text`` in lines split after each LF, each keeping its ending (a CR before it included)."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def _blocks(text: str, old: list[str], edits: Sequence[Edit]) -> list[_Block]:
    """The edits as runs of whole original lines and the lines that replace them, in order."""
    starts = [0]
    for line in old:
        starts.append(starts[-1] + len(line))  # starts[len(old)] is the end of the text
    ends_whole = not text or text.endswith("\n")

    def line_of(offset: int) -> int:
        if offset == len(text) and ends_whole:
            return len(old)  # after the last line: a line of its own
        return bisect_right(starts, offset, hi=len(old)) - 1

    spans: list[tuple[int, int, Edit]] = []
    for edit in sorted(edits, key=lambda edit: edit[0]):
        start, end, replacement = edit
        first = line_of(start)
        if start == end and starts[first] == start and replacement.endswith("\n"):
            spans.append((first, first, edit))  # whole lines inserted between lines
        else:
            spans.append((first, min(len(old), line_of(max(start, end - 1)) + 1), edit))
    blocks: list[_Block] = []
    group: list[Edit] = []
    low = high = 0
    for first, stop, edit in [*spans, (len(old) + 1, len(old) + 1, (0, 0, ""))]:
        if group and first > high:  # a sentinel at the end closes the last group
            base = starts[low]
            chunk = text[base : starts[high]]
            made = apply(chunk, [(s - base, e - base, r) for s, e, r in group])
            blocks.append(_Block(low, high, lines_of(made)))
            group = []
        if not group:
            low, high = first, stop
        group.append(edit)
        high = max(high, stop)
    return blocks


def _hunk(old: list[str], blocks: list[_Block], shift: int) -> Iterator[str]:
    """One hunk: the blocks, with ``CONTEXT`` unchanged lines around and between them."""
    start = max(0, blocks[0].start - CONTEXT)
    stop = min(len(old), blocks[-1].stop + CONTEXT)
    added = sum(len(block.lines) - (block.stop - block.start) for block in blocks)
    yield f"@@ -{_range(start, stop - start)} +{_range(start + shift, stop - start + added)} @@\n"
    at = start
    for block in blocks:
        yield from (_line(" ", line) for line in old[at : block.start])
        yield from (_line("-", line) for line in old[block.start : block.stop])
        yield from (_line("+", line) for line in block.lines)
        at = block.stop
    yield from (_line(" ", line) for line in old[at:stop])


def _range(start: int, length: int) -> str:
    """A hunk's range in unified form (as ``difflib`` writes it: ``3``, ``3,4``, ``2,0``)."""
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _line(mark: str, line: str) -> str:
    body = line.removesuffix("\n")
    ending = line[len(body) :]
    if ending and body.endswith("\r"):
        body, ending = body[:-1], "\r\n"
    return mark + visible(body) + (ending or "\n\\ No newline at end of file\n")
