"""A Rich renderable wrapper that highlights every occurrence of a search query.

It works on the rendered lines of any renderable, so the block renderer needs
to know nothing about search. A match that wraps across two lines is not
highlighted (it is still found and counted by the search).
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui_slides.deck.matching import fold, normalise

MATCH_STYLE = Style(reverse=True)
"""Every match: reverse video reads in 16 colours and with NO_COLOR too."""
CURRENT_STYLE = Style(reverse=True, bold=True, underline=True)
"""The match the search keys last went to."""


class HighlightMatches:
    """Render ``renderable`` with each occurrence of ``query`` highlighted.

    ``current`` is the 0-based rank of the match to emphasise; after each
    render ``match_lines`` holds the line of every match, in order, so the
    app can scroll to one.
    """

    def __init__(self, renderable: RenderableType, query: str, current: int | None = None) -> None:
        self.renderable = renderable
        self.needle = fold(normalise(query))
        self.current = current
        self.match_lines: list[int] = []

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)

    def locate(self, console: Console, options: ConsoleOptions) -> list[int]:
        """The line of every match at ``options``' width (kept in ``match_lines``)."""
        for _ in self.__rich_console__(console, options):
            pass
        return self.match_lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Every line first, then the output: Textual may stop reading after the rows it
        # shows, and ``match_lines`` must hold every match all the same.
        lines = console.render_lines(self.renderable, options, pad=False)
        match_lines: list[int] = []
        output: list[Segment] = []
        rank = 0
        for y, line in enumerate(lines):
            plain = "".join(segment.text for segment in line if not segment.control)
            folded = fold(plain)
            start = folded.find(self.needle) if self.needle else -1
            if start == -1:
                output.extend(line)
                output.append(Segment.line())
                continue
            text = Text()
            for segment in line:
                if not segment.control:
                    text.append(segment.text, segment.style)
            while start != -1:
                end = start + len(self.needle)
                text.stylize(CURRENT_STYLE if rank == self.current else MATCH_STYLE, start, end)
                match_lines.append(y)
                rank += 1
                start = folded.find(self.needle, end)
            output.extend(text.render(console))
            output.append(Segment.line())
        self.match_lines = match_lines
        yield from output
