"""A Markdown table for the PDF, its columns sized to their content as a browser sizes them.

Each column is as wide as its longest cell when the table fits the width there is; else
each keeps its longest word and shares what is left by how much more its longest cell
wants (a short key column stays whole next to long values, as in the terminal's tables).
The widths are taken where the table is set (a page, or one of ``pdf_fit``'s columns), and
a table longer than its column goes on in the next under its header row again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table

from tui_slides.export.pdf_text import TextStyles

CELL_PADDING = 6.0 + 6.0 + 2.0
"""Points a cell takes around its text: reportlab's left and right padding, and a hair."""
WORD_SHARE = 0.5
"""The most of a table's width one column's longest word may claim."""


def column_widths(minimum: Sequence[float], natural: Sequence[float], width: float) -> list[float]:
    """Columns' widths in ``width`` points, from their ``minimum`` (longest word) and
    ``natural`` (longest cell) widths: natural when they fit; else the minimum and a share of
    the rest by what each wants more; the minimum when even that does not fit (the table is
    too wide: the slide is shrunk). No word takes more than ``WORD_SHARE`` of the width
    (a long link is broken, rather than the whole slide shrunk for it)."""
    if sum(natural) <= width:
        return list(natural)
    least = [min(m, width * WORD_SHARE) for m in minimum]
    wants = [max(n - m, 0.0) for m, n in zip(least, natural, strict=True)]
    slack = width - sum(least)
    if slack <= 0 or not sum(wants):
        return least
    return [m + want * slack / sum(wants) for m, want in zip(least, wants, strict=True)]


def _widths(cells: Sequence[Paragraph]) -> tuple[float, float]:
    """The longest word and the longest line of ``cells`` (a column), in points, padded."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = max((float(cell.minWidth()) for cell in cells), default=0.0)
    lines = max(
        (
            float(stringWidth(line, cell.style.fontName, cell.style.fontSize))
            for cell in cells
            for line in cell.getPlainText().split("\n")
        ),
        default=0.0,
    )
    return words + CELL_PADDING, max(words, lines) + CELL_PADDING


class ContentTable(Flowable):  # type: ignore[misc]  # reportlab ships no type information
    """A table (a header row, then rows) with columns as wide as their content allows."""

    def __init__(self, rows: list[list[Paragraph]], styles: TextStyles, align: str) -> None:
        super().__init__()
        self.rows = rows
        self.marker_colour = styles.marker_colour
        self.hAlign = align
        self.spaceBefore = 4  # spaced from the text around it, as in HTML
        self.spaceAfter = 10
        columns = [_widths(column) for column in zip(*rows, strict=True)]
        self.minimum = [words for words, _ in columns]
        self.natural = [lines for _, lines in columns]
        self.table: Table | None = None

    def built(self, width: float) -> Table:
        """The table with its columns sized for ``width`` points."""
        table = Table(
            self.rows, colWidths=column_widths(self.minimum, self.natural, width), repeatRows=1,
            hAlign=self.hAlign, spaceBefore=self.spaceBefore, spaceAfter=self.spaceAfter,
        )  # fmt: skip
        table.setStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, self.marker_colour),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),  # each cell's text from its top, as HTML
            ]
        )
        return table

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        """The table's size, its columns sized for ``width``."""
        self.table = self.built(width)
        self.width, self.height = self.table.wrapOn(self.canv, width, height)
        return self.width, self.height

    def split(self, width: float, height: float) -> list[Any]:
        """The table in pieces, the first at most ``height`` tall (its rows apart)."""
        return list(self.built(width).splitOn(self.canv, width, height))

    def draw(self) -> None:
        """Draw the table as last wrapped."""
        if self.table is not None:
            self.table.drawOn(self.canv, 0, 0)
