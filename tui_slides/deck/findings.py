"""What one parse found, listed up to a number of each kind and the rest counted.

A file with four million stray commas is four million repairs: listing each
took a gigabyte and twenty seconds. The first ``listed`` of each kind are kept
as diagnostics; the rest of that kind are one more diagnostic that counts them.
``Findings`` does so for the parser, ``Capped`` for what the schema reports.
"""

from __future__ import annotations

import re

from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.source import Lines

LISTED = 100
"""Findings of one kind listed one by one in a file, by the parser and by the schema;
the rest are counted in one more line."""


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
        self,
        pos: int,
        kind: str,
        message: str,
        *,
        warning: bool = False,
        count: int = 1,
        code: str = "",
    ) -> bool:
        """Note ``count`` findings of ``kind`` at offset ``pos``; True when listed.

        ``code`` is the ``Diagnostic.code`` of a finding code must tell apart.
        """
        if self.listable(kind) or code:  # (one with a code is always listed: it is asked for)
            self._kinds[kind] = self._kinds.get(kind, 0) + 1
            line, col = self.lines.position(pos)
            found = self.warnings if warning else self.repairs
            found.append(Diagnostic(self.path, line, col, Level.WARNING, message, code))
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


_VARIES = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")
"""What differs between two diagnostics of one kind: quoted names and values, numbers."""


class Capped(list[Diagnostic]):
    """A list of diagnostics that keeps ``listed`` of each kind, counting the rest.

    The schema reports into it as into any list (``append``): a content of a
    million numbers is a million warnings of one kind, which took 600 MB. The
    kind is the message without its quoted parts and numbers; ``close`` adds
    one diagnostic counting each kind's unlisted ones.
    """

    def __init__(self, found: list[Diagnostic], listed: int = LISTED) -> None:
        super().__init__(found)
        self.listed = listed
        self._kinds: dict[str, int] = {}
        self._unlisted: dict[str, tuple[Diagnostic, int]] = {}

    def append(self, diagnostic: Diagnostic) -> None:
        """Keep ``diagnostic``, or count it when its kind has ``listed`` already."""
        kind = f"{diagnostic.level.value}:{_VARIES.sub('', diagnostic.message)}"
        seen = self._kinds.get(kind, 0)
        if seen < self.listed:
            self._kinds[kind] = seen + 1
            super().append(diagnostic)
            return
        first, count = self._unlisted.get(kind, (diagnostic, 0))
        self._unlisted[kind] = (first, count + 1)

    def close(self) -> None:
        """Add one diagnostic for each kind with unlisted ones (once: they are counted anew)."""
        for first, count in self._unlisted.values():
            more = f"and {count:,} more like this, not listed: {first.message}"
            super().append(Diagnostic(first.path, first.line, first.col, first.level, more))
        self._unlisted.clear()
