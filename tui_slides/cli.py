"""The command line: ``present`` (the default), ``check`` and ``show``.

Textual is imported only by ``present``, so ``check`` and ``show`` start fast
and work where no full-screen terminal is available.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from tui_slides import __version__
from tui_slides.diagnostics import Diagnostic, Level
from tui_slides.errors import DeckError
from tui_slides.loader import DEFAULT_MAX_BYTES, load_deck
from tui_slides.model import Deck

if TYPE_CHECKING:
    from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def bundled_decks() -> Path:
    """The folder of decks shipped with tui-slides (installed, or in a checkout)."""
    from pathlib import Path  # here: only `present` without a deck needs it

    installed = Path(__file__).resolve().parent / "decks"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "decks"


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, sized to the terminal without importing ``shutil``.

    argparse asks ``shutil`` for the width, and importing ``shutil`` loads the
    compression modules: a few milliseconds on every start of ``show``.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it: COLUMNS, stdout, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def _max_size(value: str) -> int:
    try:
        megabytes = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if megabytes <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return int(megabytes * 1024 * 1024)


def _add_loading(parser: argparse.ArgumentParser) -> None:
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


def _present_arguments(present: argparse.ArgumentParser) -> None:
    present.add_argument("deck", nargs="?", help="a deck file or folder (default: the tour)")
    present.add_argument(
        "--slide", metavar="N|ID", help="start at slide number N or the slide with ID"
    )
    present.add_argument("--theme", metavar="NAME", help="a Textual theme, e.g. textual-dark, nord")
    present.add_argument("--watch", action="store_true", help="reload when the deck file changes")
    present.add_argument(
        "--images",
        choices=("auto", "cells", "none"),
        default="auto",
        help="draw images with the terminal's graphics (auto), half-block cells, or not at all",
    )
    _add_loading(present)


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("decks", nargs="+", metavar="DECK", help="deck files or folders")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    _add_loading(check)


def _show_arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument("deck", help="a deck file or folder")
    show.add_argument(
        "--slide", metavar="N|ID", help="print only slide number N or the slide with ID"
    )
    show.add_argument("--width", type=int, metavar="W", help="line width (default: the terminal's)")
    _add_loading(show)


SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "present": ("present a deck full screen (the default)", _present_arguments),
    "check": ("check decks and print diagnostics", _check_arguments),
    "show": ("print slides to standard output", _show_arguments),
}
"""Each command's one-line help and the function that adds its arguments."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, only that subcommand is built.

    Building every subcommand's arguments costs time on each start, and a
    command line names at most one; the full parser is for the top-level help.
    """
    parser = argparse.ArgumentParser(
        prog="tui-slides",
        description="Present JSON5 slide decks in a terminal. `tui-slides DECK` presents DECK;"
        " `tui-slides` alone presents the bundled tour.",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tui-slides {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{present,check,show}")
    for name, (help_text, add_arguments) in SUBCOMMANDS.items():
        if command is None or name == command:
            add_arguments(commands.add_parser(name, help=help_text, formatter_class=_HelpFormatter))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (
        args_list[0] not in SUBCOMMANDS and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "present")
    command = args_list[0] if args_list[0] in SUBCOMMANDS else None
    parser = build_parser(command)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command == "check":
        return check(
            args.decks, strict=args.strict, max_bytes=args.max_size, as_json=args.format == "json"
        )
    if args.command == "show":
        return show(args)
    return present(args)


def _usage_error(message: str) -> int:
    print(f"tui-slides: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _print_diagnostics(
    diagnostics: Sequence[Diagnostic], file: TextIO, *, levels: Sequence[Level]
) -> None:
    for diagnostic in diagnostics:
        if diagnostic.level in levels:
            print(diagnostic, file=file)


def _load(path: str | Path, args: argparse.Namespace) -> Deck | int:
    """Load ``path`` for ``show``/``present``, or print why not and return the exit status."""
    if not os.path.exists(path):
        return _usage_error(f"no such deck: {path}")
    try:
        deck = load_deck(path, strict=args.strict, max_bytes=args.max_size)
    except DeckError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    _print_diagnostics(deck.diagnostics, sys.stderr, levels=(Level.ERROR, Level.WARNING))
    return deck


def _start_index(deck: Deck, key: str | None) -> int | None:
    if key is None:
        return 0
    index = deck.find(key)
    if index is None:
        _usage_error(f"no slide {key!r}: give a number from 1 to {len(deck)} or a slide ID")
    return index


def _all_diagnostics(deck: Deck) -> list[Diagnostic]:
    """What loading found, and images that exist but cannot be drawn, in source order."""
    from tui_slides.media.problems import media_problems  # decodes images: only for check

    found = [*deck.diagnostics, *media_problems(deck)]
    return sorted(found, key=lambda d: (d.path, d.line, d.col))


def check(paths: Sequence[str], *, strict: bool, max_bytes: int, as_json: bool) -> int:
    """``tui-slides check``: load each deck and print what was found."""
    missing = [path for path in paths if not os.path.exists(path)]
    if missing:
        return _usage_error("no such deck: " + ", ".join(str(path) for path in missing))
    reports: list[dict[str, object]] = []
    counts = dict.fromkeys(Level, 0)
    failed = 0
    for path in paths:
        try:
            deck = load_deck(path, strict=strict, max_bytes=max_bytes)
        except DeckError as error:
            failed += 1
            diagnostics, slides, shown = [error.diagnostic], 0, [str(error)]
        else:
            diagnostics = _all_diagnostics(deck)
            slides, shown = len(deck), [str(diagnostic) for diagnostic in diagnostics]
        for diagnostic in diagnostics:
            counts[diagnostic.level] += 1
        if not as_json:
            for line in shown:
                print(line)
        reports.append(
            {
                "path": str(path),
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
        import json  # here: only --format json writes it

        json.dump({"decks": reports, "summary": summary}, sys.stdout, ensure_ascii=False, indent=2)
        print()
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


def show(args: argparse.Namespace) -> int:
    """``tui-slides show``: print slides with the same renderables as the app."""
    deck = _load(args.deck, args)
    if isinstance(deck, int):
        return deck
    index = None if args.slide is None else _start_index(deck, args.slide)
    if args.slide is not None and index is None:
        return EXIT_USAGE
    if args.width is not None and args.width < 10:
        return _usage_error("--width must be at least 10")
    from tui_slides.show import make_console, print_deck

    console = make_console(args.width)
    media = None
    if any(block.has_media for slide in deck.slides for block in slide.content):
        from tui_slides.media.renderables import media_for  # only then: it is heavy

        media = media_for(console)
    print_deck(deck, console, index=index, media=media)
    return EXIT_OK


def present(args: argparse.Namespace) -> int:
    """``tui-slides [present] DECK``: the full-screen presenter."""
    from pathlib import Path  # the app works with paths; Textual imports pathlib anyway

    path = Path(args.deck) if args.deck else bundled_decks() / "tour.json5"
    deck = _load(path, args)
    if isinstance(deck, int):
        return deck
    start = _start_index(deck, args.slide)
    if start is None:
        return EXIT_USAGE
    from tui_slides.app import run_presenter

    # Reloads (r, --watch) read the deck with the options it was first loaded with.
    reload = functools.partial(load_deck, strict=args.strict, max_bytes=args.max_size)
    return run_presenter(
        deck,
        path,
        start=start,
        theme=args.theme,
        watch=args.watch,
        loader=reload,
        images=args.images,
    )
