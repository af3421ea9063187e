"""The command line: ``present`` (the default), ``check`` and ``show``, parsed by argparse.

Textual is imported only by ``present``, so ``check`` and ``show`` start fast
and work where no full-screen terminal is available. Each command is one
parser and one function in ``COMMANDS``; ``main`` picks the command from the
first argument, and every other first argument is the presenter's
(``tui-slides DECK`` is ``tui-slides present DECK``).
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO

from tui_slides import __version__
from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.errors import DeckError
from tui_slides.deck.loader import DEFAULT_MAX_BYTES, load_deck, open_deck
from tui_slides.deck.model import Deck
from tui_slides.streams import encodes_unicode, plain_ascii_fallback, shown, terminal_problem

if TYPE_CHECKING:
    from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
LOUD = (Level.ERROR, Level.WARNING)
"""The diagnostics ``show`` and ``present`` print (``check`` prints every one)."""
WIDTHS = range(10, 10_001)
"""``show --width``: narrower cannot hold a slide's frame; wider is no screen's."""


def bundled_decks() -> Path:
    """The folder of decks shipped with tui-slides (installed, or in a checkout)."""
    from pathlib import Path  # here: only `present` without a deck needs it

    installed = Path(__file__).resolve().parent / "decks"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "decks"


def _max_size(value: str) -> int:
    """``--max-size``: a positive, finite number of megabytes, as bytes (at least 1)."""
    try:
        megabytes = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {shown(value)!r}") from None
    if not math.isfinite(megabytes * 1024 * 1024):  # inf, nan, 1e400, and 1e308 MB in bytes
        raise argparse.ArgumentTypeError(f"not a finite number of megabytes: {shown(value)!r}")
    if megabytes <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return max(1, int(megabytes * 1024 * 1024))


def _width(value: str) -> int:
    """``--width``: a whole number of columns in ``WIDTHS``."""
    try:
        columns = int(value)
    except ValueError:
        if not value.strip().isdecimal():
            raise argparse.ArgumentTypeError(f"not a whole number: {shown(value)!r}") from None
        columns = WIDTHS.stop  # digits beyond int()'s limit of 4300: far too wide
    if columns not in WIDTHS:
        raise argparse.ArgumentTypeError(
            f"must be from {WIDTHS.start} to {WIDTHS.stop - 1} columns"
        )
    return columns


def _parser(
    prog: str,
    description: str,
    epilog: str | None = None,
    formatter_class: type[argparse.HelpFormatter] = argparse.HelpFormatter,
) -> argparse.ArgumentParser:
    """A parser that takes a unique prefix of an option's name (``--wid 60``)."""
    return argparse.ArgumentParser(
        prog, None, description, epilog, formatter_class=formatter_class, allow_abbrev=True
    )


def _loading_options(parser: argparse.ArgumentParser) -> None:
    """How decks are read: the options of every command."""
    parser.add_argument(
        "--strict", action="store_true", help="no repairs: the first defect is an error"
    )
    parser.add_argument(
        "--max-size",
        type=_max_size,
        default=DEFAULT_MAX_BYTES,
        metavar="MB",
        help=f"largest deck file to read, in MB (default {DEFAULT_MAX_BYTES // 1024 // 1024})",
    )


def present_parser() -> argparse.ArgumentParser:
    """``tui-slides [present]``: also the top-level help, which lists the other commands."""
    commands = "\n".join(f"  {name:<9} {command.help}" for name, command in COMMANDS.items())
    parser = _parser(
        "tui-slides",
        "Present JSON5 slide decks in a terminal.\n"
        "`tui-slides DECK` is `tui-slides present DECK`;\n"
        "`tui-slides` alone presents the bundled tour.",
        epilog=f"commands (present if none is named):\n{commands}\n\n"
        "`tui-slides COMMAND --help` lists a command's arguments.\n"
        "A deck named like a command: `tui-slides present check`.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tui-slides {__version__}")
    parser.add_argument(
        "deck", nargs="?", metavar="DECK", help="a deck file or folder (default: the tour)"
    )
    parser.add_argument(
        "--slide", metavar="N|ID", help="start at slide number N or the slide with ID"
    )
    parser.add_argument("--theme", metavar="NAME", help="a Textual theme, e.g. textual-dark, nord")
    parser.add_argument("--watch", action="store_true", help="reload when the deck file changes")
    parser.add_argument(
        "--images",
        choices=("auto", "cells", "none"),
        default="auto",
        help="draw images with the terminal's graphics (auto), in cells of half blocks,"
        " or not at all",
    )
    _loading_options(parser)
    return parser


def check_parser() -> argparse.ArgumentParser:
    """``tui-slides check``."""
    parser = _parser("tui-slides check", COMMANDS["check"].help)
    parser.add_argument("decks", nargs="+", metavar="DECK", help="deck files or folders")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    _loading_options(parser)
    return parser


def show_parser() -> argparse.ArgumentParser:
    """``tui-slides show``."""
    parser = _parser("tui-slides show", COMMANDS["show"].help)
    parser.add_argument("deck", metavar="DECK", help="a deck file or folder")
    parser.add_argument(
        "--slide", metavar="N|ID", help="print only slide number N or the slide with ID"
    )
    parser.add_argument(
        "--width", type=_width, metavar="W", help="line width (default: the terminal's)"
    )
    _loading_options(parser)
    return parser


Started = Callable[[], None]
"""Called once a command's start-up is over (``startup.main`` passes ``startup.resume``)."""


class Command(NamedTuple):
    """A subcommand: one line of help, its parser, and the function that runs it."""

    help: str
    parser: Callable[[], argparse.ArgumentParser]
    run: Callable[[argparse.Namespace, Started], int]


def parse(argv: Sequence[str]) -> tuple[str, argparse.Namespace]:
    """The command ``argv`` names (``present`` unless its first word is another) and its values.

    argparse's own conventions: ``--name VALUE`` or ``--name=VALUE``, a unique
    prefix of a name, the last of a repeated option wins, ``--`` ends the
    options, ``-h`` anywhere; help and usage errors are printed and raise
    ``SystemExit`` (0 after help, 2 after a usage error, with the usage line).
    """
    args = list(argv)
    name = args.pop(0) if args and args[0] in COMMANDS else "present"
    parser = COMMANDS[name].parser()
    # Options between the decks of `check` need the intermixed parse; Python's
    # before 3.12 mishandles `--` in it (what follows is read as options again),
    # and after `--` nothing is an option anyway.
    if "--" in args:
        return name, parser.parse_args(args)
    return name, parser.parse_intermixed_args(args)


def main(argv: Sequence[str] | None = None, *, started: Started | None = None) -> int:
    """Run the command line; returns the exit status.

    ``started`` is called once start-up is over: at once by ``check``, which may
    read many decks, and never by ``show``, which is all start-up. The
    ``tui-slides`` command is ``startup.main``, which pauses the garbage
    collector and passes its ``resume``.
    """
    plain_ascii_fallback(sys.stdout)
    plain_ascii_fallback(sys.stderr)
    try:
        name, args = parse(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit:  # argparse printed help, the version or a usage error
        return exit.code if isinstance(exit.code, int) else EXIT_USAGE
    return COMMANDS[name].run(args, started or _nothing)


def _nothing() -> None:
    """The default ``started``: there is no start-up policy to end."""


def _usage_error(message: str) -> int:
    print(f"tui-slides: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _print_diagnostics(
    diagnostics: Sequence[Diagnostic], file: TextIO, *, levels: Sequence[Level]
) -> None:
    for diagnostic in diagnostics:
        if diagnostic.level in levels:
            print(shown(str(diagnostic)), file=file)


def _load(path: str | Path, args: argparse.Namespace) -> Deck | int:
    """Load ``path`` for ``show``, or print why not and return the exit status."""
    opened = _open(path, args, quick=False)
    return opened if isinstance(opened, int) else opened[0]


def _open(
    path: str | Path, args: argparse.Namespace, *, quick: bool
) -> tuple[Deck, Callable[[], Deck] | None] | int:
    """Load ``path`` (with ``quick``, only as far as ``loader.open_deck`` goes) and what
    reads the rest, or print why not and return the exit status."""
    if not os.path.exists(path):
        return _usage_error(f"no such deck: {shown(str(path))}")
    try:
        if quick:
            deck, finish = open_deck(path, strict=args.strict, max_bytes=args.max_size)
        else:
            deck, finish = load_deck(path, strict=args.strict, max_bytes=args.max_size), None
    except DeckError as error:
        print(shown(str(error)), file=sys.stderr)
        return EXIT_FAILED
    _print_diagnostics(deck.diagnostics, sys.stderr, levels=LOUD)
    return deck, finish


def _start_index(deck: Deck, key: str | None) -> int | None:
    if key is None:
        return 0
    index = deck.find(key)
    if index is None:
        said = shown(key if len(key) <= 40 else f"{key[:40]}…")
        _usage_error(f"no slide {said!r}: give a number from 1 to {len(deck)} or a slide ID")
    return index


def _all_diagnostics(deck: Deck) -> list[Diagnostic]:
    """What loading found, and images that exist but cannot be drawn, in source order."""
    from tui_slides.media.problems import media_problems  # decodes images: only for check

    found = [*deck.diagnostics, *media_problems(deck)]
    return sorted(found, key=lambda d: (d.path, d.line, d.col))


def check(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides check``: load each deck and print what was found."""
    started()  # many decks may take a while: collect as any long run does
    paths: list[str] = args.decks
    as_json = args.format == "json"
    missing = [path for path in paths if not os.path.exists(path)]
    if missing:
        return _usage_error("no such deck: " + ", ".join(shown(path) for path in missing))
    reports: list[dict[str, object]] = []
    counts = dict.fromkeys(Level, 0)
    failed = 0
    for path in paths:
        try:
            deck = load_deck(path, strict=args.strict, max_bytes=args.max_size)
        except DeckError as error:
            failed += 1
            diagnostics, slides, lines = [error.diagnostic], 0, [str(error)]
        else:
            diagnostics = _all_diagnostics(deck)
            slides, lines = len(deck), [str(diagnostic) for diagnostic in diagnostics]
        for diagnostic in diagnostics:
            counts[diagnostic.level] += 1
        if not as_json:
            for line in lines:
                print(shown(line))
        reports.append(
            {
                "path": path,
                "ok": slides > 0,
                "slides": slides,
                "diagnostics": [diagnostic.as_dict() for diagnostic in diagnostics],
            }
        )
    ok = len(paths) - failed
    summary = {
        "decks": len(paths),
        "loaded": ok,
        "failed": failed,
        **{f"{level.value}s": count for level, count in counts.items()},
    }
    if as_json:
        print(_json({"decks": reports, "summary": summary}))
    else:
        decks = f"{len(paths)} deck{'s' if len(paths) != 1 else ''}"
        errors, warnings, notes = (
            counts[level] for level in (Level.ERROR, Level.WARNING, Level.INFO)
        )
        print(
            f"{decks} checked: {ok} loaded, {failed} failed;"
            f" {errors} errors, {warnings} warnings, {notes} notes"
        )
    return EXIT_FAILED if failed else EXIT_OK


def _json(report: dict[str, object]) -> str:
    """``report`` as JSON text, with the values exactly as found (paths, messages).

    Text that may not reach a terminal as itself, or that standard output cannot
    encode, is written as JSON's own ``\\uXXXX`` escapes: still the same values.
    """
    import json  # here: only --format json writes it

    text = json.dumps(report, ensure_ascii=False, indent=2)
    if encodes_unicode(sys.stdout) and shown(text) == text:
        return text
    return json.dumps(report, ensure_ascii=True, indent=2)


def show(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides show``: print slides with the same renderables as the app."""
    deck = _load(args.deck, args)
    if isinstance(deck, int):
        return deck
    index = None if args.slide is None else _start_index(deck, args.slide)
    if args.slide is not None and index is None:
        return EXIT_USAGE
    if not encodes_unicode(sys.stdout):
        plain_ascii_fallback(sys.stdout, "replace")  # `?`: one column each, boxes stay aligned
    from tui_slides.render.slide import make_console, print_deck

    console = make_console(args.width)
    media = None
    if any(block.has_media for slide in deck.slides for block in slide.content):
        from tui_slides.render.media import media_for  # only then: it is heavy

        media = media_for(console)
    print_deck(deck, console, index=index, media=media)
    return EXIT_OK


def present(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides [present] DECK``: the full-screen presenter."""
    problem = terminal_problem()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    from pathlib import Path  # the app works with paths; Textual imports pathlib anyway

    path = Path(args.deck) if args.deck else bundled_decks() / "tour.json5"
    # Starting on the first slide, a large deck can show it before reading the others.
    opened = _open(path, args, quick=args.slide is None)
    if isinstance(opened, int):
        return opened
    deck, finish = opened
    start = _start_index(deck, args.slide)
    if start is None:
        return EXIT_USAGE
    from tui_slides.app import run_presenter

    complete: list[Deck] = []

    def read_the_rest(finish: Callable[[], Deck]) -> Deck:
        complete.append(finish())
        return complete[0]

    # Reloads (r, --watch) read the deck with the options it was first loaded with.
    reload = functools.partial(load_deck, strict=args.strict, max_bytes=args.max_size)
    status = run_presenter(
        deck,
        path,
        start=start,
        theme=args.theme,
        watch=args.watch,
        loader=reload,
        images=args.images,
        finish=functools.partial(read_the_rest, finish) if finish else None,
    )
    for deck in complete:  # read once the first slide was up: said now, not before
        _print_diagnostics(deck.diagnostics, sys.stderr, levels=LOUD)
    return status


COMMANDS = {
    "present": Command("present a deck full screen (the default)", present_parser, present),
    "check": Command("check decks and print diagnostics", check_parser, check),
    "show": Command("print slides to standard output", show_parser, show),
}
"""Every command by name; the first is the default."""
