"""Diagnostics: what the loader found wrong with a deck, and where."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from tui_slides.deck.safety import visible

_SURROGATE = re.compile(r"[\ud800-\udfff]")
"""A lone surrogate: a file name's undecodable byte (``os`` escapes it so) or worse."""


class Level(str, Enum):
    """How serious a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def shown(text: str) -> str:
    """``text`` as it may be printed: control characters visible, and a file name's
    undecodable bytes (``os`` gives them as lone surrogates) written ``\\xff``."""
    text = visible(text)
    if text.isprintable() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(_escaped_byte, text)


def _escaped_byte(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


@dataclass(frozen=True)
class Diagnostic:
    """One finding in a deck file, printed as ``path:line:col: level: message``.

    ``path`` and ``message`` may hold anything a file name or a deck holds: both
    ways out (``str()`` and ``as_dict``) pass them through ``shown``, so no caller
    can print a control character or a lone surrogate by forgetting to.
    """

    path: str
    line: int
    col: int
    level: Level
    message: str

    def __str__(self) -> str:
        return (
            f"{shown(self.path)}:{self.line}:{self.col}: {self.level.value}: {shown(self.message)}"
        )

    def as_dict(self) -> dict[str, object]:
        """The diagnostic as plain data, for ``check --format json``."""
        return {
            "path": shown(self.path),
            "line": self.line,
            "col": self.col,
            "level": self.level.value,
            "message": shown(self.message),
        }
