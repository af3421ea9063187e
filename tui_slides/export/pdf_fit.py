"""A slide's flowables fitted onto its one PDF page: in columns before they are shrunk.

The PDF has a page per slide (a handout's pages and the talk's slides correspond). A slide
too long for its page is set in two or three columns when that lets it keep a larger type
than one column would, and only then shrunk to fit: 80 bullets were shrunk to about 4 pt in
one column, and read at 12 pt in three. A column never ends on a flowable kept with the next
(a heading, a block's title, a lead-in, a map's QR code over its link); a table or a code
block longer than what is left of a column goes on in the next (a table under its header row
again), as does any flowable taller than a whole column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable

Size = tuple[float, float]
"""A page's frame, width and height in points."""
Unit = list["Flowable"]
"""Flowables a column never breaks between (each kept with the next but the last)."""

MAX_COLUMNS = 3
"""The most columns a long slide is set in (on a landscape A4 page, ~240 pt each)."""
COLUMN_GAP = 24.0
"""Points between two columns."""
PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
FUZZ = 0.5
"""Points a flowable may overrun its column by (rounding)."""


@cache
def _canvas() -> Canvas:
    """A canvas to measure flowables on (some, as ``KeepInFrame``, measure only on one)."""
    from reportlab.pdfgen.canvas import Canvas

    return Canvas(io.BytesIO())


_SIZES: dict[tuple[int, float], tuple[Flowable, float, float]] = {}
"""Each flowable's size by its id and width, while one slide is fitted (``fitted`` empties
it): the columns are tried at many heights, each flowable at the same few widths."""


def _size(flowable: Flowable, width: float) -> tuple[float, float]:
    """Points ``flowable`` takes across (more than ``width``: it overruns) and down."""
    key = (id(flowable), width)
    if key not in _SIZES:  # the flowable kept with its size: its id is not reused meanwhile
        wide, tall = flowable.wrapOn(_canvas(), width, 1e9)
        _SIZES[key] = (flowable, float(wide), float(tall))
    _, wide, tall = _SIZES[key]
    return wide, tall


def _wide(flowable: Flowable, width: float) -> float:
    return _size(flowable, width)[0]


def _height(flowable: Flowable, width: float) -> float:
    return _size(flowable, width)[1] + float(flowable.getSpaceBefore() + flowable.getSpaceAfter())


def _units(body: Sequence[Flowable]) -> list[Unit]:
    """``body`` in units: each flowable kept with the next (``getKeepWithNext``) joined to it."""
    units: list[Unit] = []
    glued = False
    for flowable in body:
        if glued:
            units[-1].append(flowable)
        else:
            units.append([flowable])
        glued = bool(flowable.getKeepWithNext())
    return units


def _splits(flowable: Flowable, width: float, column: float) -> bool:
    """Whether ``flowable`` may go on in the next column: a table or code (rows and lines are
    where they break), or anything taller than a whole column (else it could not be set)."""
    from reportlab.platypus import Table, XPreformatted

    from tui_slides.export.pdf_table import ContentTable

    breaks = (Table, XPreformatted, ContentTable)
    return isinstance(flowable, breaks) or _height(flowable, width) > column


def _split(flowable: Flowable, width: float, room: float) -> list[Flowable]:
    """``flowable`` in a first piece at most ``room`` tall and the rest; [] when it cannot be."""
    if room <= 0:
        return []
    pieces = list(flowable.splitOn(_canvas(), width, room - flowable.getSpaceBefore()))
    if len(pieces) < 2 or _height(pieces[0], width) > room + FUZZ:
        return []
    return pieces


def _columns(units: Sequence[Unit], count: int, width: float, tall: float) -> list[Unit] | None:
    """``units`` down ``count`` columns ``width`` wide and ``tall`` high, in order, each filled
    before the next; None when they do not fit (or a flowable is wider than its column)."""
    columns: list[Unit] = [[]]
    room = tall
    queue = [list(unit) for unit in units]
    while queue:
        unit = queue.pop(0)
        if any(_wide(flowable, width) > width + FUZZ for flowable in unit):
            return None
        heights = [_height(flowable, width) for flowable in unit]
        if sum(heights) <= room + FUZZ:
            columns[-1].extend(unit)
            room -= sum(heights)
            continue
        *lead, last = unit
        pieces: list[Flowable] = []
        if _splits(last, width, tall):
            pieces = _split(last, width, room - sum(heights[:-1]))
        if pieces:
            columns[-1].extend([*lead, pieces[0]])
            queue[:0] = [[piece] for piece in pieces[1:]]
        elif not columns[-1]:
            return None  # taller than a column, and it cannot be split
        else:
            queue.insert(0, unit)
        columns.append([])
        room = tall
        if len(columns) > count:
            return None
    return columns


def _frame(head: list[Flowable], count: int, size: Size, scale: float) -> tuple[float, float]:
    """The width of each of ``count`` columns under ``head``, and their height, on a page of
    ``size`` laid out 1/``scale`` as large (as ``KeepInFrame`` shrinks)."""
    width, height = size
    wide, tall = width / scale, height / scale
    over = sum(_height(flowable, wide) for flowable in head)
    return (wide - COLUMN_GAP * (count - 1)) / count, tall - over


def _layout(
    head: list[Flowable], units: list[Unit], count: int, size: Size, scale: float
) -> list[Unit] | None:
    """The columns of ``units`` under ``head`` at ``scale`` (``_frame``), or None when they
    do not fit there."""
    return _columns(units, count, *_frame(head, count, size, scale))


def _scale(head: list[Flowable], units: list[Unit], count: int, size: Size) -> float:
    """The largest scale (to 1/64) at which ``head`` over ``units`` in ``count`` columns fits."""
    low, high = 1 / 64, 1.0
    if _layout(head, units, count, size, high) is not None:
        return high
    for _ in range(6):
        middle = (low + high) / 2
        fits = _layout(head, units, count, size, middle) is not None
        low, high = (middle, high) if fits else (low, middle)
    return low


def _balanced(
    head: list[Flowable], units: list[Unit], count: int, size: Size, scale: float
) -> list[Unit]:
    """The columns at ``scale`` as even as they can be: filled to the least height they fit in."""
    column, room = _frame(head, count, size, scale)
    best = _columns(units, count, column, room) or [[f for unit in units for f in unit]]
    low, high = 0.0, room
    for _ in range(8):
        middle = (low + high) / 2
        found = _columns(units, count, column, middle)
        if found is None:
            low = middle
        else:
            high, best = middle, found
    return best


def fitted(head: list[Flowable], body: list[Flowable], width: float, height: float) -> Flowable:
    """The slide's ``head`` (its heading and rule) over its ``body``, on a page ``width`` x
    ``height``: as they are when they fit; else the body in the number of columns (up to
    ``MAX_COLUMNS``) that shrinks the slide least, the head across them; shrunk to fit."""
    try:
        return _fitted(head, body, width, height)
    finally:
        _SIZES.clear()


def _fitted(head: list[Flowable], body: list[Flowable], width: float, height: float) -> Flowable:
    from reportlab.platypus import KeepInFrame

    size = (width, height)
    units = _units(body)
    one = _scale(head, units, 1, size) if body else 1.0
    count = 1
    if one < 1:
        scales = {n: _scale(head, units, n, size) for n in range(2, MAX_COLUMNS + 1)}
        best = max(scales, key=lambda n: (scales[n], -n))
        if scales[best] > one * 1.05:  # a column more only for a larger type
            count = best
    if count == 1:  # shrunk as far as its widest flowable needs too (a table's whole words)
        return KeepInFrame(width, height, [*head, *body], mode="shrink", fakeWidth=False)
    scale = scales[count]  # laid out on the larger page, then shrunk onto this one
    columns = _balanced(head, units, count, size, scale)
    column, _ = _frame(head, count, size, scale)
    table = _side_by_side(columns + [[]] * (count - len(columns)), column)
    return KeepInFrame(width, height, [*head, table], mode="shrink")


def _side_by_side(columns: list[Unit], column: float) -> Flowable:
    """``columns`` of flowables side by side, each ``column`` points wide, a gap between."""
    from reportlab.platypus import Table

    count = len(columns)
    widths = [column + COLUMN_GAP] * (count - 1) + [column]
    table = Table([columns], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *((side, (0, 0), (-1, -1), 0) for side in PADDINGS),
            ("RIGHTPADDING", (0, 0), (-2, -1), COLUMN_GAP),  # the gap after all but the last
        ]
    )
    return table
