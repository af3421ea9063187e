"""Where a slide sits on the screen: a centred column of reading width, and its layout.

The presenter (``app.slide_view``) and SSH audiences (``render.projected``) place slides
by these rules alike; no Textual here.

The column depends on the screen's width only, never on the slide, so text
wraps at one width on every slide of a deck (``columns`` slides wrap at their
column's). Margins grow with the screen: 2 cells a side at 80 columns, then
three cells more for every ten columns (8% a side at 100, as presenterm's
default), until the column reaches ``MAX_COLUMN``; past that it is centred.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_slides.deck.model import Layout, Slide

if TYPE_CHECKING:
    from tui_slides.render.block import HeadingKind

MAX_COLUMN = 100
"""The widest the slide's column gets, in cells: lines of text stay readable."""
MIN_SIDE = 2
"""The margin on each side at 80 columns and below."""
MIN_COLUMN = 30
"""The narrowest column of a ``columns`` slide; narrower, its blocks are stacked."""
COLUMN_GAP = 2
"""Cells between two columns (one of padding on each side of every column)."""


def column_width(width: int) -> int:
    """The width of the slide's column on a screen ``width`` cells wide."""
    side = MIN_SIDE + max(0, width - 80) * 3 // 10
    return max(0, min(MAX_COLUMN, width - 2 * side))


def side_margin(width: int) -> int:
    """The margin left of the slide's column (the right one is the same, or a cell more)."""
    return (width - column_width(width)) // 2


def shown_layout(slide: Slide, width: int, *, margins: bool = True) -> Layout:
    """The layout ``slide`` is drawn in on a screen ``width`` cells wide (``margins``: the
    slide's column within it; without, the whole width: ``show``'s printout).

    ``columns`` falls back to ``stack`` when its blocks would get columns
    narrower than ``MIN_COLUMN``; a slide with one block is a stack.
    """
    layout = slide.shown_layout
    if layout is Layout.COLUMNS:
        count = sum(1 for block in slide.content if not block.is_empty)
        if count < 2 or (column_width(width) if margins else width) // count < MIN_COLUMN:
            return Layout.STACK
    return layout


def heading_of(slide: Slide, layout: Layout) -> tuple[int, HeadingKind]:
    """The number of the block whose title is ``slide``'s heading (-1: none), and how it is
    drawn in ``layout``: centred on a title slide, else with a rule under it."""
    number = next((n for n, block in enumerate(slide.content) if block.title), -1)
    if layout is not Layout.TITLE:
        return number, "slide"
    # Letter-spaced when the slide asks for the title layout; a slide shown as one because
    # it holds only a title and a line (``Slide.shown_layout``) is centred, unspaced.
    return number, "title" if slide.layout is Layout.TITLE else "centred"
