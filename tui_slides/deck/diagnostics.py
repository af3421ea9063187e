"""Diagnostics: what the loader found wrong with a deck, and where."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

UNCLOSED_AT_END = "unclosed-at-end"
"""The ``code`` of the repair that closed brackets still open at the end of a file.

A file that needed it may be one an editor is still writing: ``--watch`` waits for
the next version instead of showing this one."""


class Level(str, Enum):
    """How serious a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    """One finding in a deck file, printed as ``path:line:col: level: message``."""

    path: str
    line: int
    col: int
    level: Level
    message: str
    code: str = ""
    """What kind of finding this is, for code that must tell one apart (``UNCLOSED_AT_END``);
    "" for most. Not part of the printed line or of ``as_dict``."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level.value}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The diagnostic as plain data, for ``check --format json``."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "level": self.level.value,
            "message": self.message,
        }
