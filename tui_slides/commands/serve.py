"""``tui-slides serve DECK --ssh PORT``: the talk for audiences over SSH, no local screen."""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

from tui_slides.commands.common import EXIT_USAGE, Started, load, start_index, usage_error
from tui_slides.commands.sharing import ssh_options
from tui_slides.deck.loader import load_deck

if TYPE_CHECKING:
    import argparse


def serve(args: argparse.Namespace, started: Started) -> int:
    """Serve the deck until ``q`` on standard input, Ctrl+C or SIGTERM (``share.command``);
    ``tui-slides console`` on this machine drives it."""
    started()  # a long run: collect as any does
    if args.ssh is None:
        return usage_error("serve needs --ssh [HOST:]PORT")
    deck = load(args.deck, args)
    if isinstance(deck, int):
        return deck
    start = start_index(deck, args.slide)
    if start is None:
        return EXIT_USAGE
    sharing = ssh_options(args)
    if isinstance(sharing, int) or sharing is None:
        return sharing or EXIT_USAGE
    from tui_slides.share.command import serve as run_serve

    reload = functools.partial(load_deck, args.deck, strict=args.strict, max_bytes=args.max_size)
    return run_serve(
        deck,
        sharing,
        start=start,
        reload=reload,
        path=args.deck,
        advance=args.advance,
        loop=args.loop,
        commands=sys.stdin,
    )
