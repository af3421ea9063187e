"""The command line: ``present`` (the default), ``check`` and ``show``.

Textual is imported only by ``present``, so ``check`` and ``show`` start fast
and work where no full-screen terminal is available.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO

from tui_slides import __version__, startup
from tui_slides.arguments import Command, Option, Positional, Program, Shown, UsageError, parse
from tui_slides.deck.diagnostics import Diagnostic, Level, source_order
from tui_slides.deck.errors import DeckError
from tui_slides.deck.loader import DEFAULT_MAX_BYTES, Opening, load_deck, open_deck
from tui_slides.deck.model import Deck

if TYPE_CHECKING:
    from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
LOUD = (Level.ERROR, Level.WARNING)
"""The diagnostics ``show`` and ``present`` print (``check`` prints every one)."""


def bundled_decks() -> Path:
    """The folder of decks shipped with tui-slides (installed, or in a checkout)."""
    from pathlib import Path  # here: only `present` without a deck needs it

    installed = Path(__file__).resolve().parent / "decks"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "decks"


def _max_size(value: str) -> int:
    try:
        megabytes = float(value)
    except ValueError:
        raise ValueError(f"not a number of megabytes: {value!r}") from None
    if megabytes <= 0:
        raise ValueError("must be more than 0")
    return int(megabytes * 1024 * 1024)


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"not a whole number: {value!r}") from None


LOADING = (
    Option("--strict", "no repairs: the first defect is an error"),
    Option(
        "--max-size",
        f"largest deck file to read, in MB (default {DEFAULT_MAX_BYTES // 1024 // 1024})",
        metavar="MB",
        convert=_max_size,
        default=DEFAULT_MAX_BYTES,
    ),
)
"""How decks are read: the options of every command."""

PROGRAM = Program(
    "tui-slides",
    "Present JSON5 slide decks in a terminal. `tui-slides DECK` presents DECK;"
    " `tui-slides` alone presents the bundled tour.",
    __version__,
    (
        Command(
            "present",
            "present a deck full screen (the default)",
            (Positional("deck", "DECK", "a deck file or folder (default: the tour)", "?"),),
            (
                Option("--slide", "start at slide number N or the slide with ID", "N|ID"),
                Option("--theme", "a Textual theme, e.g. textual-dark, nord", "NAME"),
                Option("--watch", "reload when the deck file changes"),
                Option(
                    "--css", "a Textual CSS file styling the deck, over the built-in styles", "FILE"
                ),
                Option(
                    "--images",
                    "draw images with the terminal's graphics (auto), half-block cells,"
                    " or not at all",
                    "MODE",
                    choices=("auto", "cells", "none"),
                    default="auto",
                ),
                *LOADING,
            ),
        ),
        Command(
            "check",
            "check decks and print diagnostics",
            (Positional("decks", "DECK", "deck files or folders", "+"),),
            (
                Option("--format", "output format", "FORMAT", ("text", "json"), default="text"),
                *LOADING,
            ),
        ),
        Command(
            "show",
            "print slides to standard output",
            (Positional("deck", "DECK", "a deck file or folder"),),
            (
                Option("--slide", "print only slide number N or the slide with ID", "N|ID"),
                Option(
                    "--width",
                    "line width (default: the terminal's)",
                    "W",
                    convert=_whole_number,
                ),
                *LOADING,
            ),
        ),
        Command(
            "fix",
            "make the repairs for good: print them as a diff, or --write them to the files",
            (Positional("decks", "DECK", "deck files or folders", "+"),),
            (Option("--write", "write the repairs to the files (atomically)"), LOADING[1]),
        ),
        Command(
            "export",
            "write a deck as a self-contained HTML page or a PDF",
            (Positional("deck", "DECK", "a deck file or folder"),),
            (
                Option("--html", "write the deck as one HTML file", "OUT.html"),
                Option("--pdf", "write the deck as a PDF, one page per slide", "OUT.pdf"),
                Option("--theme", "a Textual theme (default: the deck's, or textual-dark)", "NAME"),
                Option("--notes", "include the speaker notes"),
                *LOADING,
            ),
        ),
    ),
)
"""The command line's grammar (``tui_slides.arguments``)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    startup.pause()  # the presenter resumes it after its first paint (tui_slides.startup)
    try:
        return _run(sys.argv[1:] if argv is None else argv)
    finally:
        startup.resume()


def _run(argv: Sequence[str]) -> int:
    try:
        command, args = parse(PROGRAM, argv)
    except Shown as shown:
        print(shown)
        return EXIT_OK
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    if command == "check":
        return check(
            args.decks, strict=args.strict, max_bytes=args.max_size, as_json=args.format == "json"
        )
    if command == "show":
        return show(args)
    if command == "fix":
        from tui_slides.fixing import run_fix

        return run_fix(
            args.decks, write=args.write, out=sys.stdout, err=sys.stderr, max_bytes=args.max_size
        )
    if command == "export":
        from tui_slides.export.command import run_export  # only export needs it

        options = {name: getattr(args, name) for name in ("html", "pdf", "theme", "notes")}
        return run_export(args.deck, strict=args.strict, max_bytes=args.max_size, **options)
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


def _load(path: str | Path, args: SimpleNamespace) -> Deck | int:
    """Load ``path`` for ``show``, or print why not and return the exit status."""
    opened = _open(path, args, quick=False)
    return opened if isinstance(opened, int) else opened.deck


def _open(path: str | Path, args: SimpleNamespace, *, quick: bool) -> Opening | int:
    """Load ``path`` (with ``quick``, only as far as ``loader.open_deck`` goes), or print
    why not and return the exit status."""
    if not os.path.exists(path):
        return _usage_error(f"no such deck: {path}")
    try:
        if quick:
            opening = open_deck(path, strict=args.strict, max_bytes=args.max_size)
        else:
            opening = Opening(load_deck(path, strict=args.strict, max_bytes=args.max_size))
    except DeckError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    _print_diagnostics(opening.deck.diagnostics, sys.stderr, levels=LOUD)
    return opening


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
    return sorted(found, key=source_order)


def check(paths: Sequence[str], *, strict: bool, max_bytes: int, as_json: bool) -> int:
    """``tui-slides check``: load each deck and print what was found."""
    startup.resume()  # many decks may take a while: collect as any long run does
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


def show(args: SimpleNamespace) -> int:
    """``tui-slides show``: print slides with the same renderables as the app."""
    deck = _load(args.deck, args)
    if isinstance(deck, int):
        return deck
    index = None if args.slide is None else _start_index(deck, args.slide)
    if args.slide is not None and index is None:
        return EXIT_USAGE
    if args.width is not None and args.width < 10:
        return _usage_error("--width must be at least 10")
    from tui_slides.render.slide import make_console, print_deck

    console = make_console(args.width)
    media = None
    if any(block.has_media for slide in deck.slides for block in slide.content):
        from tui_slides.render.media import media_for  # only then: it is heavy

        media = media_for(console)
    print_deck(deck, console, index=index, media=media)
    return EXIT_OK


def present(args: SimpleNamespace) -> int:
    """``tui-slides [present] DECK``: the full-screen presenter."""
    from pathlib import Path  # the app works with paths; Textual imports pathlib anyway

    path = Path(args.deck) if args.deck else bundled_decks() / "tour.json5"
    # Starting on the first slide, a large deck can show it before reading the others.
    opened = _open(path, args, quick=args.slide is None)
    if isinstance(opened, int):
        return opened
    deck = opened.deck
    start = _start_index(deck, args.slide)
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
        images=args.images,
        css=Path(args.css) if args.css else None,
        opening=opening,
        on_first_paint=startup.resume,  # the first frame is out: see tui_slides.startup
    )
    status = run_presenter(deck, options)
    if opening is not None:  # read once the first slide was up: said now, not before
        try:
            complete = opening.complete()  # kept from the app's reading: not read again
        except DeckError:
            pass  # the app ended with the reason
        else:
            _print_diagnostics(complete.diagnostics, sys.stderr, levels=LOUD)
    return status
