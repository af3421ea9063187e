"""``tui-slides fix``: make a deck's repairs for good (``tui_slides.fixing``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from tui_slides.commands.common import Started


def fix(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides fix [--write] DECK...``: the repairs as a diff, or written to the files."""
    started()  # many decks may take a while: collect as any long run does
    from tui_slides.fixing import run_fix  # only fix needs it

    return run_fix(
        args.decks, write=args.write, out=sys.stdout, err=sys.stderr, max_bytes=args.max_size
    )
