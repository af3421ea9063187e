"""The slide's heading: its first title, set apart (a rule under it), or large on a title slide.

A terminal has one size of type, so "large" is spacing: the letters of a
title slide's heading are spread one cell apart (three between words), which
works for every script (Cyrillic too), unlike block fonts drawn for ASCII.
A heading too wide for that is drawn at its normal spacing.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui_slides.deck.safety import visible
from tui_slides.render.lines import Line, LineRenderable, Prose, trim_end

RULE = "─"
"""The rule under a slide's heading."""


def spaced(title: str) -> str:
    """``title`` with its letters one cell apart and its words three (``W e l c o m e``),
    line by line: a title's own line breaks stay."""
    return "\n".join(
        "   ".join(" ".join(word) for word in line.split()) for line in title.split("\n")
    )


class SlideHeading(LineRenderable):
    """A slide's first title: wrapped in the heading style, with a rule under it.

    ``large``: a title slide's heading, letter-spaced and centred, with a rule as
    wide as the heading under it; else left-aligned with a rule across the column.
    """

    def __init__(
        self,
        title: str,
        style: Style,
        rule_style: Style,
        *,
        large: bool = False,
        spaced: bool = True,
    ) -> None:
        self.title = visible(title)
        self.style = style
        self.rule_style = rule_style
        self.large = large
        self.spaced = spaced
        """False: a large heading keeps its letters together (a search highlights its words)."""

    def lines(self, console: Console, options: ConsoleOptions) -> list[Line]:
        width = options.max_width
        if not self.large:
            prose = Prose(Text(self.title, style=self.style, overflow="fold"))
            return [*prose.lines(console, options), [Segment(RULE * width, self.rule_style)]]
        title = spaced(self.title) if self.spaced else self.title
        if max(cell_len(line) for line in title.split("\n")) > width:
            title = self.title
        text = Text(title, style=self.style, justify="center", overflow="fold")
        wrapped = text.wrap(console, width, justify="center", overflow="fold")
        lines = [
            trim_end(line)
            for line in Segment.split_lines(Text("\n").join(wrapped).render(console, end="\n"))
        ]
        widest = max((cell_len(line.plain.strip()) for line in wrapped), default=0)
        rule = min(width, widest + 4)
        pad = (width - rule) // 2
        return [*lines, [Segment(" " * pad), Segment(RULE * rule, self.rule_style)]]
