"""What every command shares: exit statuses, reading a deck, saying what is wrong."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from tui_slides.deck.diagnostics import LOUD, Diagnostic, Level
from tui_slides.deck.errors import DeckError
from tui_slides.deck.excerpt import output_columns
from tui_slides.deck.loader import Opening, load_deck, open_deck
from tui_slides.deck.safety import one_line, visible

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from tui_slides.deck.model import Deck

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Started = Callable[[], None]
"""Called once a command's start-up is over (``startup.main`` passes ``startup.resume``)."""


def usage_error(message: str) -> int:
    """Say ``message`` as a usage error on standard error; the exit status for it."""
    print(f"tui-slides: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def print_diagnostics(
    diagnostics: Sequence[Diagnostic], file: TextIO, *, levels: Sequence[Level]
) -> None:
    """Print each of ``diagnostics`` at one of ``levels`` to ``file``, made visible."""
    for diagnostic in diagnostics:
        if diagnostic.level in levels:
            print(visible(str(diagnostic)), file=file)


def load(path: str | Path, args: argparse.Namespace) -> Deck | int:
    """Load ``path`` for ``show``, or print why not and return the exit status."""
    opened = open_deck_at(path, args, quick=False)
    return opened if isinstance(opened, int) else opened.deck


def open_deck_at(path: str | Path, args: argparse.Namespace, *, quick: bool) -> Opening | int:
    """Load ``path`` (with ``quick``, only as far as ``loader.open_deck`` goes), or print
    why not and return the exit status."""
    if not os.path.exists(path):
        return usage_error(f"no such deck: {one_line(str(path))}")
    try:
        if quick:
            opening = open_deck(path, strict=args.strict, max_bytes=args.max_size)
        else:
            opening = Opening(load_deck(path, strict=args.strict, max_bytes=args.max_size))
    except DeckError as error:
        print(visible(error.shown(output_columns(sys.stderr))), file=sys.stderr)
        return EXIT_FAILED
    print_diagnostics(opening.deck.diagnostics, sys.stderr, levels=LOUD)
    return opening


def start_index(deck: Deck, key: str | None) -> int | None:
    """The slide ``--slide key`` names (0 without one), or None after saying it names none."""
    if key is None:
        return 0
    index = deck.find(key)
    if index is None:
        said = one_line(key if len(key) <= 40 else f"{key[:40]}…")
        usage_error(f"no slide '{said}': give a number from 1 to {len(deck)} or a slide ID")
    return index
