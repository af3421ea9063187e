"""``tui-slides [present]``: the full-screen presenter, started once a terminal is there."""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

from tui_slides.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    Started,
    open_deck_at,
    print_diagnostics,
    start_index,
)
from tui_slides.commands.sharing import access_code, browser_options, ssh_options
from tui_slides.deck.diagnostics import LOUD, loud_count
from tui_slides.deck.loader import load_deck
from tui_slides.streams import say_problem, terminal_problem

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def bundled_decks() -> Path:
    """The folder of decks shipped with tui-slides (installed, or in a checkout)."""
    from pathlib import Path  # here: only `present` without a deck needs it

    package = Path(__file__).resolve().parent.parent
    installed = package / "decks"
    return installed if installed.is_dir() else package.parent / "decks"


def present(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides [present] DECK``: the full-screen presenter.

    ``started`` is called after the first paint (``PresenterOptions.on_first_paint``).
    """
    from tui_slides.config import config_path, load_config

    if args.config_path:  # needs no terminal
        print(config_path())
        return EXIT_OK
    code = access_code(args)  # one code for SSH audiences and browsers alike
    sharing = ssh_options(args, code)  # usage errors, a port in use: before anything else
    if isinstance(sharing, int):
        return sharing
    http = browser_options(args, code)
    if isinstance(http, int):
        return http
    problem = terminal_problem()
    if problem:
        say_problem(problem)
        return EXIT_USAGE
    config_problems: list[str] = []

    def said_of_config(message: str) -> None:  # on stderr now, counted for the presenter
        config_problems.append(message)
        print(message, file=sys.stderr)

    config = load_config(warn=said_of_config)  # the built-in defaults stand in for what is bad
    from pathlib import Path  # the app works with paths; Textual imports pathlib anyway

    path = Path(args.deck) if args.deck else bundled_decks() / "tour.json5"
    # Starting on the first slide, a large deck can show it before reading the others.
    opened = open_deck_at(path, args, quick=args.slide is None)
    if isinstance(opened, int):
        return opened
    deck = opened.deck
    start = start_index(deck, args.slide)
    if start is None:
        return EXIT_USAGE
    from tui_slides.app import run_presenter
    from tui_slides.app.options import PresenterOptions

    opening = None if opened.whole else opened
    options = PresenterOptions(
        path,
        start=start,
        theme=args.theme,
        watch=args.watch,
        # Reloads (r, --watch) read the deck with the options it was first loaded with.
        loader=functools.partial(load_deck, strict=args.strict, max_bytes=args.max_size),
        images=args.images or config.images or "auto",
        opening=opening,
        on_first_paint=started,  # the first frame is out: start-up is over (tui_slides.startup)
        printed=loud_count(deck.diagnostics),
        config_printed=len(config_problems),
        console=True,  # always shared: `tui-slides console` joins any running talk
        announce_console=args.console,
        # The command line wins, then the deck's own fields (theme, duration), then the config.
        duration=args.duration or (None if deck.duration else config.duration),
        start_complete=args.slide is not None,  # a jump: the slide is shown complete
        advance=args.advance or config.advance,
        loop=args.loop or bool(config.loop),
        keys=config.keys,
        css=Path(args.css) if args.css else (Path(config.css) if config.css else None),
        default_theme=config.theme,
        share=sharing,
        http=http,
    )
    if args.console:
        from tui_slides.app.console.launch import announce

        announce(path)
    status = run_presenter(deck, options)
    # Read once the first slide was up: said now, not before. Quit before the rest
    # was read, there is nothing to say (and no reason to read it now).
    if opening is not None and opening.completed is not None:
        print_diagnostics(opening.completed.diagnostics, sys.stderr, levels=LOUD)
    return status
