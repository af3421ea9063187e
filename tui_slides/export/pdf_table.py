"""A Markdown table for the PDF, its columns sized to their content as a browser sizes them.

Each column is as wide as its longest cell when the table fits the width there is; else
each keeps its longest word and shares what is left by how much more its longest cell
wants (a short key column stays whole next to long values, as in the terminal's tables).
The widths are taken where the table is set (a page, or one of ``pdf_fit``'s columns), and
a table longer than its column goes on in the next under its header row again.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Table

from tui_slides.export.pdf_text import TextStyles

CELL_PADDING = 6.0 + 6.0 + 2.0
"""Points a cell takes around its text: reportlab's left and right padding, and a hair."""
UNBOUNDED = 1e6
"""Points wide enough for any cell's line."""
MIN_ROWS = 2
"""The fewest rows a piece of a table split across columns has (no row alone)."""
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
    """The longest word and the longest line of ``cells`` (a column), in points, padded (in
    each run's font: code in a cell is wider than the body's font would take it)."""
    words, lines = 0.0, 0.0
    for cell in cells:
        words = max(words, float(cell.minWidth()))
        cell.wrap(UNBOUNDED, UNBOUNDED)  # each line as long as it is
        lines = max(lines, *(float(line) for line in cell.getActualLineWidths0()), 0.0)
    return words + CELL_PADDING, max(words, lines) + CELL_PADDING


class ContentTable(Flowable):  # type: ignore[misc]  # reportlab ships no type information
    """A table (a header row, then rows) with columns as wide as their content allows: in a
    column too short for it, as many rows as fit (``MIN_ROWS`` at least, and as many left)
    and the rest under the header again."""

    def __init__(
        self,
        rows: list[list[Paragraph]],
        styles: TextStyles,
        align: str,
        sizes: tuple[list[float], list[float]] | None = None,
    ) -> None:
        super().__init__()
        self.rows = rows
        self.styles = styles
        self.hAlign = align
        self.spaceBefore = 4.0  # spaced from the text around it, as in HTML
        self.spaceAfter = 10.0
        if sizes is None:  # a piece keeps the whole table's (its columns line up with it)
            columns = [_widths(column) for column in zip(*rows, strict=True)]
            sizes = ([words for words, _ in columns], [lines for _, lines in columns])
        self.sizes = sizes
        self.table: Table | None = None

    def built(self, width: float) -> Table:
        """The table with its columns sized for ``width`` points."""
        table = Table(
            self.rows, colWidths=column_widths(*self.sizes, width),
            hAlign=self.hAlign, spaceBefore=self.spaceBefore, spaceAfter=self.spaceAfter,
        )  # fmt: skip
        table.setStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, self.styles.marker_colour),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),  # each cell's text from its top, as HTML
            ]
        )
        return table

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        """The table's size, its columns sized for ``width``."""
        self.table = self.built(width)
        self.width, self.height = self.table.wrapOn(self.canv, width, height)
        return self.width, self.height

    def split(self, width: float, height: float) -> list[Flowable]:
        """The rows that fit ``height`` and the rest, each under the header; [] if too few."""
        widths = column_widths(*self.sizes, width)
        header, *heights = (_row_height(row, widths) for row in self.rows)
        room, fits = height - header, 0
        for tall in heights:
            if tall > room:
                break
            room -= tall
            fits += 1
        fits = min(fits, len(heights) - MIN_ROWS)
        if fits < MIN_ROWS:
            return []
        first = self._piece(self.rows[: 1 + fits], after=0)
        rest = self._piece([self.rows[0], *self.rows[1 + fits :]], before=0)
        return [first, rest]

    def _piece(self, rows: list[list[Paragraph]], **space: float) -> ContentTable:
        piece = ContentTable(rows, self.styles, self.hAlign, self.sizes)
        piece.spaceBefore = space.get("before", self.spaceBefore)
        piece.spaceAfter = space.get("after", self.spaceAfter)
        return piece

    def draw(self) -> None:
        """Draw the table as last wrapped."""
        if self.table is not None:
            self.table.drawOn(self.canv, 0, 0)


def _row_height(row: Sequence[Paragraph], widths: Sequence[float]) -> float:
    """Points a row takes: its tallest cell's text in its column, and reportlab's paddings."""
    return (
        max(float(cell.wrap(width - 12, 1e9)[1]) for cell, width in zip(row, widths, strict=True))
        + 6
    )
