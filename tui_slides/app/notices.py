"""What the presenter says of problems it hides: the deck's and the config file's.

The command prints them on standard error before the presenter takes the
screen, which covers them; after the first paint (and after a reload) a notice
says how many there are and where to read them. The words are made here; the
app shows them (``PresenterApp.notify``).
"""

from __future__ import annotations

from pathlib import Path

from tui_slides.deck.model import shown
from tui_slides.deck.safety import one_line


def problems(count: int) -> str:
    """``1 problem``, ``3 problems``: errors and warnings, counted."""
    return f"{count} problem{'' if count == 1 else 's'}"


def check_command(deck: Path) -> str:
    """``tui-slides check DECK`` for ``deck``, as it can be typed."""
    import shlex  # here: said after the first paint, never before it

    return f"tui-slides check {shlex.quote(shown(str(deck), 80))}"


def lists(deck: Path, count: int) -> str:
    """``tui-slides check DECK lists them`` (``it`` for one)."""
    return f"{check_command(deck)} lists {'it' if count == 1 else 'them'}"


def printed(name: str, count: int, then: str) -> str:
    """``count`` problems of ``name`` (a deck, the config file) went to the terminal, which
    the presenter then covered: how many, and ``then``.

    (A folder deck's skipped slide file among them: a talk one slide short.)
    """
    shown = "printed in this terminal: shown when you quit"
    return f"{one_line(name)}: {problems(count)}, {shown}; {then}"  # a name: one line


def reloaded(deck: Path, count: int) -> str:
    """The notice of a reload that found ``count`` problems in the new version."""
    note = f" ({problems(count)}: {lists(deck, count)})" if count else ""
    return f"Reloaded {one_line(deck.name)}{note}"
