"""Layout renderables: a hanging indent for list items, and lines without trailing blanks."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

MIN_BODY = 8
"""Fewest cells a list item's text keeps before the layout gives up indentation."""


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

    def _prefix(self, width: int) -> int:
        """Cells before the body's first column at ``width``.

        The full ``indent + marker_width + gap`` while the body keeps a
        readable width; on very narrow widths the indent goes first, then
        the hang itself (the marker gets a line of its own), so text is
        squeezed but never cropped away.
        """
        full = self.indent + self.marker_width + self.gap
        if width - full >= max(1, min(MIN_BODY, width // 2)):
            return full
        if width - full + self.indent >= 1:
            return full - self.indent
        return 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        prefix = self._prefix(width)
        lines = console.render_lines(
            self.body, options.update_width(max(1, width - prefix)), pad=False
        )
        marker_options = options.update(
            width=max(1, self.marker.cell_len), no_wrap=True, overflow="crop"
        )
        marker = console.render_lines(self.marker, marker_options, pad=False)[0]
        indent = self.indent if prefix > self.marker_width + self.gap else 0
        lead = indent + self.marker_width - self.marker.cell_len
        first = [Segment(" " * lead), *marker, Segment(" " * self.gap)]
        if prefix == 0:
            yield from first
            yield Segment.line()
            first = []
        hang = [Segment(" " * prefix)]
        for number, line in enumerate(lines or [[]]):
            yield from first if number == 0 else hang
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        prefix = self._prefix(options.max_width)
        body_options = options.update_width(max(1, options.max_width - prefix))
        body = Measurement.get(console, body_options, self.body)
        return Measurement(body.minimum + prefix, body.maximum + prefix)


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
