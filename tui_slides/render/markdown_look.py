"""Rich's Markdown as a slide draws it: aligned with the slide's other text, and centred on a
title slide as structured text is there.

Imported by ``render.markdown`` when a Markdown block is drawn (``rich.markdown`` with it).
What changes from Rich's own drawing, and why:

- headings are left-aligned as the slide's text is (Rich centres ``#``), centred with it on a
  title slide;
- a numbered item keeps the period it was written with (``1.``, as in the HTML and PDF);
- a rule (``---``) is a line, as the heading's rule is, not a row of dashes;
- a table starts where the text does, with no empty edge rows above and below it (each made
  a second blank line), a word too long for its cell wraps there, never cut with ``…``, and
  a column of single words (numbers) is narrowed only once the columns of text cannot be,
  and a table too wide for its columns at all is drawn a row at a time (``header: cell``);
- a quote or list nested too deep for its marker keeps its text (``NARROWEST``);
- on a title slide (``SlideMarkdown.centred``), paragraphs and headings are centred line by
  line, and a top-level list, quote, table or code block is centred as a whole
  (``render.lines.Centred``): its text stays aligned inside it, and a nested list keeps its
  place under its item.
"""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.constrain import Constrain
from rich.markdown import (
    BlockQuote,
    CodeBlock,
    Heading,
    HorizontalRule,
    ListElement,
    ListItem,
    Markdown,
    MarkdownContext,
    MarkdownElement,
    Paragraph,
    TableElement,
)
from rich.measure import Measurement
from rich.rule import Rule
from rich.segment import Segment, Segments
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from tui_slides.render.lines import Centred


class LeftHeading(Heading):
    """A heading aligned with the slide's text."""

    LEVEL_ALIGN: ClassVar[dict[str, JustifyMethod]] = dict.fromkeys(Heading.LEVEL_ALIGN, "left")


class CentredHeading(Heading):
    """A title slide's heading: centred."""

    LEVEL_ALIGN: ClassVar[dict[str, JustifyMethod]] = dict.fromkeys(Heading.LEVEL_ALIGN, "center")


NARROWEST = 10
"""Columns a nested quote or list item keeps for its text: where its marker (``▌``, ``•``,
``1.``) would leave fewer, it is drawn without one, in line with its parent's text. Rich
takes 3 or 4 columns a level and draws nothing once none are left: a quote 8 deep in a
30-column column was blank."""


NARROWEST_CELL = 5
"""Columns a table's cell keeps for its text, at the least (a space between cells): a table
whose words do not fit, with too many columns for that, is drawn a row at a time. Rich
folds a cell's words down to a column, then drops whole columns (a table of 32 on 80
columns lost half of them); at three a cell, 20 columns on 80 broke ``Col0`` in two."""


def _unmarked(
    console: Console, options: ConsoleOptions, element: ListItem | BlockQuote
) -> RenderResult:
    """``element``'s text with no marker and no indent (too deep for one: ``NARROWEST``)."""
    for line in console.render_lines(element.elements, options, style=element.style):
        yield from line
        yield Segment.line()


class Quote(BlockQuote):
    """A quote behind its bar, ``▌ ``, its text as wide as the rest of the line (Rich kept 2
    more columns a level: a quote 16 deep wrapped in 16 columns, 32 blank beside it), kept
    however deep it is nested (``NARROWEST``)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width - 2 < NARROWEST:
            yield from _unmarked(console, options, self)
            return
        lines = console.render_lines(
            self.elements, options.update(width=options.max_width - 2), style=self.style
        )
        bar = Segment("▌ ", self.style)
        for line in lines:
            yield bar
            yield from line
            yield Segment.line()


class Item(ListItem):
    """A list item whose number keeps its period: `` 1. text``, the numbers right-aligned;
    its text kept however deep it is nested (``NARROWEST``)."""

    def render_bullet(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width - 3 < NARROWEST:  # Rich's bullet takes 3 columns
            yield from _unmarked(console, options, self)
        else:
            yield from super().render_bullet(console, options)

    def render_number(
        self, console: Console, options: ConsoleOptions, number: int, last_number: int
    ) -> RenderResult:
        # Rich's last_number is one past the last item's number.
        width = len(f"{max(number, last_number - 1)}.") + 2  # a space either side
        if options.max_width - width < NARROWEST:
            yield from _unmarked(console, options, self)
            return
        lines = console.render_lines(
            self.elements, options.update(width=options.max_width - width), style=self.style
        )
        style = console.get_style("markdown.item.number", default="none")
        numeral = Segment(f" {number}.".rjust(width - 1) + " ", style)
        padding = Segment(" " * width, style)
        for index, line in enumerate(lines):
            yield numeral if index == 0 else padding
            yield from line
            yield Segment.line()


class LineRule(HorizontalRule):
    """``---``: a line across the text, as the heading's rule is drawn."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Rule(style=console.get_style("markdown.hr", default="none"))
        yield Text()


class FoldedTable(TableElement):
    """A table in line with the text, its long words wrapped in their cells."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = [] if self.body is None else [[c.content for c in r.cells] for r in self.body.rows]
        table = self._table(console, rows, keep_words=True)
        unbounded = options.update_width(10_000)  # (a measure is clamped to the width given)
        if Measurement.get(console, unbounded, table).minimum > options.max_width:
            table = self._table(console, rows, keep_words=False)  # too narrow: all fold
            crowded = len(table.columns) * (NARROWEST_CELL + 1) - 1 > options.max_width
            if crowded:  # words broken in cells of a few letters, or whole columns dropped
                yield from self._records(rows)
                return
        yield table

    def _records(self, rows: list[list[Text]]) -> RenderResult:
        """A table too wide for any column layout, a row at a time: ``header: cell`` lines,
        a blank line between rows (as a narrow web page stacks a table)."""
        header = [] if self.header is None or self.header.row is None else self.header.row.cells
        names = [cell.content for cell in header]
        for number, row in enumerate(rows):
            if number:
                yield Text()
            for column, cell in enumerate(row):
                name = names[column].copy() if column < len(names) else Text()
                name.stylize("markdown.table.header")
                yield Text.assemble(name, ": ", cell) if name else cell

    def _table(self, console: Console, rows: list[list[Text]], *, keep_words: bool) -> Table:
        """The table; ``keep_words``: a column of single words (numbers, names) is never
        broken while the columns of text can wrap (``1,200,00`` / ``0`` misreads), its
        header wrapped on its words to the column's width."""
        table = Table(
            box=box.SIMPLE,
            pad_edge=False,
            show_edge=False,  # no blank top and bottom rows, no edge column before the text
            style="markdown.table.border",
            collapse_padding=True,
        )
        if self.header is not None and self.header.row is not None:
            for number, column in enumerate(self.header.row.cells):
                heading = column.content.copy()
                heading.stylize("markdown.table.header")
                cells = [row[number] for row in rows if number < len(row)]
                words = keep_words and bool(cells) and all(len(c.plain.split()) <= 1 for c in cells)
                if words:
                    longest = max(cell_len(word) for word in [*heading.plain.split(), "x"])
                    width = max(longest, *(cell.cell_len for cell in cells))
                    heading = Text("\n").join(heading.wrap(console, width))
                table.add_column(heading, overflow="fold", no_wrap=words)
        for row in rows:
            table.add_row(*row)
        return table


class FittedCode(CodeBlock):
    """Code as wide as its longest line (Rich's code block spans the column, the code at
    its left edge), and a space of padding either side."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        code = str(self.text).rstrip()
        syntax = Syntax(code, self.lexer_name, theme=self.theme, word_wrap=True, padding=1)
        lines = code.splitlines()
        longest = max((cell_len(line.expandtabs(syntax.tab_size)) for line in lines), default=0)
        yield Constrain(syntax, longest + 2)


class Whole:
    """Mixed into a list, quote or table: centred as a whole, unless inside another."""

    inside = False

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        drawn = super().__rich_console__(console, options)  # type: ignore[misc]
        if self.inside:
            yield from drawn
        else:
            yield Centred(Segments(drawn))

    def on_child_close(self, context: MarkdownContext, child: MarkdownElement) -> bool:
        if isinstance(child, Paragraph):
            child.justify = "left"  # by its marker, as in any list
        elif isinstance(child, Whole):
            child.inside = True
        return super().on_child_close(context, child)  # type: ignore[misc, no-any-return]


class CentredList(Whole, ListElement):
    """A title slide's list: centred as a whole."""


class CentredItem(Whole, Item):
    """An item of a title slide's list: drawn by its list, which is centred."""

    inside = True


class CentredQuote(Whole, Quote):
    """A title slide's quote: centred as a whole."""


class CentredTable(Whole, FoldedTable):
    """A title slide's table: centred as a whole."""


class CentredCode(Whole, FittedCode):
    """A title slide's code: centred as a whole, its lines aligned inside."""


class SlideMarkdown(Markdown):
    """Markdown as a slide draws it (this module's docstring)."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "heading_open": LeftHeading,
        "hr": LineRule,
        "list_item_open": Item,
        "blockquote_open": Quote,
        "table_open": FoldedTable,
    }


class CentredMarkdown(SlideMarkdown):
    """Markdown as a title slide draws it: centred (give it ``justify="center"``)."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **SlideMarkdown.elements,
        "heading_open": CentredHeading,
        "bullet_list_open": CentredList,
        "ordered_list_open": CentredList,
        "list_item_open": CentredItem,
        "blockquote_open": CentredQuote,
        "table_open": CentredTable,
        "fence": CentredCode,
        "code_block": CentredCode,
    }
