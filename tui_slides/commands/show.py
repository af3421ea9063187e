"""``tui-slides show``: print slides to standard output with the app's renderables."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from tui_slides.commands.common import EXIT_OK, EXIT_USAGE, Started, load, start_index
from tui_slides.streams import COLUMNS, encodes_unicode, plain_ascii_fallback

if TYPE_CHECKING:
    import argparse


def show(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides show``: print slides with the same renderables as the app."""
    deck = load(args.deck, args)
    if isinstance(deck, int):
        return deck
    index = None if args.slide is None else start_index(deck, args.slide)
    if args.slide is not None and index is None:
        return EXIT_USAGE
    if not encodes_unicode(sys.stdout):
        plain_ascii_fallback(sys.stdout, COLUMNS)  # a `?` a column: boxes stay aligned
    from tui_slides.render.slide import make_console, print_deck

    console = make_console(args.width)
    media = None
    if any(block.has_media for slide in deck.slides for block in slide.content):
        from tui_slides.render.media import media_for  # only then: it is heavy

        media = media_for(console)
    if index is None and len(deck.slides) > 1:
        # A whole deck is a long run, not a start-up: with the collector paused, 1,000
        # slides of Markdown tables took 433 MB instead of 27.
        started()
    print_deck(deck, console, index=index, media=media, notes=args.notes)
    return EXIT_OK
