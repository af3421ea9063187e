"""The command line: ``present`` (the default), ``check`` and ``show``.

Textual is imported only by ``present``, so ``check`` and ``show`` start fast
and work where no full-screen terminal is available.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from tui_slides import __version__
from tui_slides.diagnostics import Diagnostic, Level
from tui_slides.errors import DeckError
from tui_slides.loader import DEFAULT_MAX_BYTES, load_deck
from tui_slides.model import Deck

COMMANDS = ("present", "check", "show")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def bundled_decks() -> Path:
    """The folder of decks shipped with tui-slides (installed, or in a checkout)."""
    installed = Path(__file__).resolve().parent / "decks"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "decks"


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-slides",
        description="Present JSON5 slide decks in a terminal. `tui-slides DECK` presents DECK;"
        " `tui-slides` alone presents the bundled tour.",
    )
    parser.add_argument("--version", action="version", version=f"tui-slides {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{present,check,show}")

    present = commands.add_parser("present", help="present a deck full screen (the default)")
    present.add_argument(
        "deck", nargs="?", type=Path, help="a deck file or folder (default: the tour)"
    )
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

    check = commands.add_parser("check", help="check decks and print diagnostics")
    check.add_argument("decks", nargs="+", type=Path, metavar="DECK", help="deck files or folders")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    _add_loading(check)

    show = commands.add_parser("show", help="print slides to standard output")
    show.add_argument("deck", type=Path, help="a deck file or folder")
    show.add_argument(
        "--slide", metavar="N|ID", help="print only slide number N or the slide with ID"
    )
    show.add_argument("--width", type=int, metavar="W", help="line width (default: the terminal's)")
    _add_loading(show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (
        args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "present")
    parser = build_parser()
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


def _load(path: Path, args: argparse.Namespace) -> Deck | int:
    """Load ``path`` for ``show``/``present``, or print why not and return the exit status."""
    if not path.exists():
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


def check(paths: Sequence[Path], *, strict: bool, max_bytes: int, as_json: bool) -> int:
    """``tui-slides check``: load each deck and print what was found."""
    missing = [path for path in paths if not path.exists()]
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
    path = args.deck or bundled_decks() / "tour.json5"
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
