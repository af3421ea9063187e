"""What one parse found, listed up to a number of each kind and the rest counted.

A file with four million stray commas is four million repairs: listing each
took a gigabyte and twenty seconds. The first ``listed`` of each kind are kept
as diagnostics; the rest of that kind are one more diagnostic that counts them.
"""

from __future__ import annotations

from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.source import Lines


class Findings:
    """Diagnostics of one file, by kind: ``repairs`` (text changed) and ``warnings``."""

    def __init__(self, path: str, lines: Lines, listed: int | None) -> None:
        self.path = path
        self.lines = lines
        self.listed = listed
        """How many of each kind are listed one by one (``None``: all)."""
        self.repairs: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self._kinds: dict[str, int] = {}
        self._unlisted: dict[str, tuple[int, str, int, bool]] = {}
        """Kind: where the first unlisted one is, its message, how many, whether a warning."""

    def listable(self, kind: str) -> bool:
        """Whether one more finding of ``kind`` is to be listed."""
        return self.listed is None or self._kinds.get(kind, 0) < self.listed

    def add(
        self, pos: int, kind: str, message: str, *, warning: bool = False, count: int = 1
    ) -> bool:
        """Note ``count`` findings of ``kind`` at offset ``pos``; True when listed."""
        if self.listable(kind):
            self._kinds[kind] = self._kinds.get(kind, 0) + 1
            line, col = self.lines.position(pos)
            found = self.warnings if warning else self.repairs
            found.append(Diagnostic(self.path, line, col, Level.WARNING, message))
            return True
        first, _, counted, _ = self._unlisted.get(kind, (pos, message, 0, warning))
        self._unlisted[kind] = (first, message, counted + count, warning)
        return False

    def close(self) -> None:
        """One diagnostic more for each kind with findings not listed."""
        for pos, message, count, warning in self._unlisted.values():
            line, col = self.lines.position(pos)
            more = f"and {count:,} more like this, not listed: {message}"
            found = self.warnings if warning else self.repairs
            found.append(Diagnostic(self.path, line, col, Level.WARNING, more))
        self._unlisted.clear()
