"""Layout renderables: a hanging indent for list items, and lines without trailing blanks."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text


class Hanging:
    """``marker`` in a column of ``marker_width`` cells (right-aligned), then ``body``.

    Every line of the body, the first and the wrapped ones alike, starts in the
    same column, ``indent + marker_width + gap`` cells from the left, so a list's
    text hangs under its first word and never under the marker. Widths are
    cells, so wide characters (CJK, emoji) in markers or text stay aligned.
    """

    def __init__(
        self,
        marker: Text,
        body: RenderableType,
        *,
        marker_width: int = 0,
        indent: int = 0,
        gap: int = 1,
    ) -> None:
        self.marker = marker
        self.body = body
        self.marker_width = max(marker_width, marker.cell_len)
        self.indent = indent
        self.gap = gap

    @property
    def prefix_width(self) -> int:
        """Cells before the body's first column."""
        return self.indent + self.marker_width + self.gap

    def _body_width(self, options: ConsoleOptions) -> int:
        return max(1, options.max_width - self.prefix_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = console.render_lines(
            self.body, options.update_width(self._body_width(options)), pad=False
        )
        lead = Segment(" " * (self.indent + self.marker_width - self.marker.cell_len))
        first = [lead, *self.marker.render(console, end=""), Segment(" " * self.gap)]
        hang = [Segment(" " * self.prefix_width)]
        for number, line in enumerate(lines or [[]]):
            yield from first if number == 0 else hang
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        body = Measurement.get(console, options.update_width(self._body_width(options)), self.body)
        return Measurement(body.minimum + self.prefix_width, body.maximum + self.prefix_width)


def _trim_end(line: list[Segment]) -> list[Segment]:
    """``line`` without the trailing spaces wrapping leaves (unless they paint a background)."""
    end = len(line)
    while end:
        text, style, _ = line[end - 1]
        if style is not None and style.bgcolor is not None:
            break
        stripped = text.rstrip(" ")
        if stripped:
            return [*line[: end - 1], Segment(stripped, style)]
        end -= 1
    return line[:end]


class Trimmed:
    """``renderable`` with trailing spaces removed from every line.

    Rich keeps the space a line was wrapped at; printed slides should not
    carry invisible trailing blanks into files, diffs and copied text.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.renderable, options, pad=False):
            yield from _trim_end(line)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)
