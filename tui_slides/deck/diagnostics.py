"""Diagnostics: what the loader found wrong with a deck, and where."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from tui_slides.deck.safety import one_line, visible

UNCLOSED_AT_END = "unclosed-at-end"
"""The ``code`` of the repair that closed brackets still open at the end of a file.

A file that needed it may be one an editor is still writing: ``--watch`` waits for
the next version instead of showing this one."""


class Level(str, Enum):
    """How serious a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


LOUD = (Level.ERROR, Level.WARNING)
"""The diagnostics ``show`` and ``present`` print, and the presenter counts as problems
(``check`` prints every one, notes too)."""


@dataclass(frozen=True)
class Diagnostic:
    """One finding in a deck file, printed as ``path:line:col: level: message``.

    ``path`` and ``message`` may hold anything a file name or a deck holds: ``str()``
    passes both through ``visible``, so no caller can print a control character or a
    lone surrogate by forgetting to; the path through ``one_line`` too, so a file
    name's line break cannot make one diagnostic look like two. ``as_dict`` (for JSON,
    whose escapes carry any string safely) keeps the path exactly as given.
    """

    path: str
    line: int
    col: int
    level: Level
    message: str
    code: str = ""
    """What kind of finding this is, for code that must tell one apart (``UNCLOSED_AT_END``);
    "" for most. Not part of the printed line or of ``as_dict``."""

    def __str__(self) -> str:
        where = f"{one_line(self.path)}:{self.line}:{self.col}"
        return f"{where}: {self.level.value}: {visible(self.message)}"

    def as_dict(self) -> dict[str, object]:
        """The diagnostic as plain data, for ``check --format json``.

        The path is the file's name exactly, as in the report's ``path`` of its deck, so
        a program can match the two and open the file; JSON's escapes carry a control
        character or an undecodable byte (``\udcff``) safely. The message is text for
        a person, made visible.
        """
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "level": self.level.value,
            "message": visible(self.message),
        }


def source_order(diagnostic: Diagnostic) -> tuple[str, int, int]:
    """The key diagnostics are sorted by: file, then line, then column."""
    return diagnostic.path, diagnostic.line, diagnostic.col


def loud_count(diagnostics: Iterable[Diagnostic]) -> int:
    """How many of ``diagnostics`` are ``LOUD``: a deck's problems, as the presenter counts them."""
    return sum(1 for diagnostic in diagnostics if diagnostic.level in LOUD)
