"""A hanging indent for list items: the marker in its column, the text hanging under itself."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from tui_slides.render.lines import Line, LineRenderable, lines_of, one_line, trim_end

MIN_BODY = 8
"""Fewest cells a list item's text keeps before the layout gives up indentation."""


class Hanging(LineRenderable):
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

    def lines(self, console: Console, options: ConsoleOptions) -> list[Line]:
        width = options.max_width
        prefix = self._prefix(width)
        body = lines_of(self.body, console, options.update_width(max(1, width - prefix)))
        marker = one_line(self.marker, console)
        indent = self.indent if prefix > self.marker_width + self.gap else 0
        lead = indent + self.marker_width - self.marker.cell_len
        first = [Segment(" " * lead), *marker, Segment(" " * self.gap)]
        lines: list[Line] = []
        if prefix == 0:  # too narrow to hang: the marker on a line of its own
            lines.append(trim_end(first))
            first = []
        hang = [Segment(" " * prefix)]
        for number, line in enumerate(body or [[]]):
            lines.append(trim_end([*(first if number == 0 else hang), *line]))
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        prefix = self._prefix(options.max_width)
        body_options = options.update_width(max(1, options.max_width - prefix))
        body = Measurement.get(console, body_options, self.body)
        return Measurement(body.minimum + prefix, body.maximum + prefix)
