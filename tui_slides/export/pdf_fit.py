"""A slide's flowables fitted onto its one PDF page: in columns before they are shrunk.

The PDF has a page per slide (a handout's pages and the talk's slides correspond). A slide
too long for its page is set in two or three columns when that lets it keep a larger type
than one column would, and only then shrunk to fit: 80 bullets were shrunk to about 4 pt in
one column, and read at 12 pt in three.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

Size = tuple[float, float]
"""A page's frame, width and height in points."""

MAX_COLUMNS = 3
"""The most columns a long slide is set in (on a landscape A4 page, ~240 pt each)."""
COLUMN_GAP = 24.0
"""Points between two columns."""
PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")


def _height(flowable: Flowable, width: float) -> float:
    _, tall = flowable.wrap(width, 1e9)
    return float(tall + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def _balanced(heights: Sequence[float], count: int) -> list[int]:
    """Where each column after the first starts, for ``count`` columns about as tall."""
    target = sum(heights) / count
    starts: list[int] = []
    filled = 0.0
    for index, tall in enumerate(heights):
        if len(starts) < count - 1 and index and filled + tall / 2 > target * (len(starts) + 1):
            starts.append(index)
        filled += tall
    return starts


def _scale(head: list[Flowable], body: list[Flowable], count: int, size: Size) -> float:
    """The largest scale (to 1/64) at which ``head`` over ``body`` in ``count`` columns fits a
    page of ``size``: laid out on a page 1/scale as large, as ``KeepInFrame`` shrinks."""
    width, height = size

    def fits(scale: float) -> bool:
        wide, tall = width / scale, height / scale
        column = (wide - COLUMN_GAP * (count - 1)) / count
        heights = [_height(f, column) for f in body]
        bounds = [0, *_balanced(heights, count), len(body)]
        over = sum(_height(f, wide) for f in head)
        return over + max(sum(heights[a:b]) for a, b in pairwise(bounds)) <= tall

    low, high = 1 / 64, 1.0
    if fits(high):
        return high
    for _ in range(6):
        middle = (low + high) / 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low


def fitted(head: list[Flowable], body: list[Flowable], width: float, height: float) -> Flowable:
    """The slide's ``head`` (its heading and rule) over its ``body``, on a page ``width`` x
    ``height``: as they are when they fit; else the body in the number of columns (up to
    ``MAX_COLUMNS``) that shrinks the slide least, the head across them; shrunk to fit."""
    from reportlab.platypus import KeepInFrame

    size = (width, height)
    one = _scale(head, body, 1, size) if len(body) > 1 else 1.0
    count = 1
    if one < 1:
        scales = {n: _scale(head, body, n, size) for n in range(2, MAX_COLUMNS + 1)}
        best = max(scales, key=lambda n: (scales[n], -n))
        if scales[best] > one * 1.05:  # a column more only for a larger type
            count = best
    if count == 1:
        return KeepInFrame(width, height, [*head, *body], mode="shrink")
    wide = width / scales[count]  # laid out on the larger page, then shrunk onto this one
    column = (wide - COLUMN_GAP * (count - 1)) / count
    bounds = [0, *_balanced([_height(f, column) for f in body], count), len(body)]
    table = _side_by_side([body[a:b] for a, b in pairwise(bounds)], column)
    return KeepInFrame(width, height, [*head, table], mode="shrink")


def _side_by_side(columns: list[list[Flowable]], column: float) -> Flowable:
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
