"""Reading the deck again: what ``--watch`` looks at, and how a failed reload is told.

Nothing here opens a deck file but ``problem_text``, for a regular file only:
``deck_signature`` only asks for ``stat`` (a FIFO or a device renamed into
place cannot block it), and the loader refuses what it should not read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui_slides.deck.diagnostics import UNCLOSED_AT_END
from tui_slides.deck.errors import DeckError
from tui_slides.deck.excerpt import caret_lines
from tui_slides.deck.loader import is_slide_file
from tui_slides.deck.model import Deck

Signature = tuple[tuple[str, int, int], ...]
"""What a deck's files looked like: ``(name, mtime_ns, size)`` each."""

SOURCE_LINE_LIMIT = 16 * 1024 * 1024
"""Largest file read again to show the line of an error (the loader's default limit)."""


def deck_signature(path: Path) -> Signature:
    """The names, modification times and sizes of the deck's files (one ``stat`` each).

    For a folder deck, every slide file directly in it; an unreadable path has
    an empty signature, so its return is noticed too. No file is opened.
    """
    try:
        if not path.is_dir():
            info = path.stat()
            return ((path.name, info.st_mtime_ns, info.st_size),)
        found = []
        with os.scandir(path) as entries:
            for entry in entries:
                if is_slide_file(entry.name):  # the loader's rule
                    info = entry.stat()
                    found.append((entry.name, info.st_mtime_ns, info.st_size))
        return tuple(sorted(found))
    except OSError:
        return ()


def half_written(deck: Deck) -> bool:
    """True when loading ``deck`` closed brackets still open at the end of a file.

    That is what a file an editor is still writing looks like: under
    ``--watch`` such a version is not taken for the new deck.
    """
    return any(diagnostic.code == UNCLOSED_AT_END for diagnostic in deck.diagnostics)


def problem_text(error: DeckError, width: int | None = None) -> str:
    """What the reload-error panel says: the error and, when it has a position, the caret line,
    fitted to ``width`` columns (``tui_slides.deck.excerpt``).

    A syntax error carries its source line; for others (a slide of the wrong
    type...) the line is read again from the file, if it is a regular file.
    """
    text = error.shown(width)
    if error.source_line is not None or (error.line, error.col) == (1, 1):
        return text
    line = _source_line(error.path, error.line)
    return text if line is None else f"{text}\n{caret_lines(line, error.col, width)}"


def _source_line(path: str, number: int) -> str | None:
    """Line ``number`` (1-based) of the regular file ``path``, or None.

    Opened without blocking and checked once open: a FIFO put in its place
    since the loader looked is not waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > SOURCE_LINE_LIMIT:
                return None
            data = file.read(SOURCE_LINE_LIMIT + 1)
        except OSError:
            return None
    from tui_slides.deck.source import decode  # only when an error is shown

    try:
        lines = decode(data, path).split("\n")  # lines as the loader counts them
    except DeckError:
        return None
    return lines[number - 1].rstrip("\r") if 1 <= number <= len(lines) else None
