"""Diagnostics: what the loader found wrong with a deck, and where."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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


def source_order(diagnostic: Diagnostic) -> tuple[str, int, int]:
    """The key diagnostics are sorted by: file, then line, then column."""
    return diagnostic.path, diagnostic.line, diagnostic.col
