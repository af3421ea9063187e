"""The command line: ``present`` (the default), ``check``, ``show``, ``fix``, ``export``,
``console``.

Parsed by argparse: each command is one parser here and one function in
``tui_slides.commands``, paired in ``COMMANDS``; ``main`` picks the command
from the first argument, and every other first argument is the presenter's
(``tui-slides DECK`` is ``tui-slides present DECK``). Textual is imported only
by ``present``, so the others start fast and work where no terminal is.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

from tui_slides import __version__, commands
from tui_slides.commands import option_types
from tui_slides.commands.common import EXIT_USAGE, Started
from tui_slides.commands.sharing import add_ssh_options
from tui_slides.deck.loader import DEFAULT_MAX_BYTES
from tui_slides.streams import plain_ascii_fallback


def _duration_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--duration",
        type=option_types.duration,
        metavar="TIME",
        help="the talk's planned length for the console's timer: 20m, 1h30m, 90s"
        " (default: the deck's duration)",
    )


def _http_options(parser: argparse.ArgumentParser) -> None:
    """``--http`` and its options: the browser view (``tui_slides.web``)."""
    parser.add_argument(
        "--http", metavar="[HOST:]PORT", help="also serve the talk as a web page that follows it"
    )
    parser.add_argument(
        "--http-auth",
        choices=("code", "none"),
        default="code",
        help="how browsers get in: the access code in the address (default), or none",
    )
    parser.add_argument(
        "--http-max-viewers",
        type=option_types.viewers,
        metavar="N",
        help="browsers following at once (default 500)",
    )


def _parser(
    prog: str,
    description: str,
    formatter_class: type[argparse.HelpFormatter] = argparse.HelpFormatter,
    parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    """A parser that takes a unique prefix of an option's name (``--wid 60``)."""
    formatter = functools.partial(formatter_class, width=help_width())
    return parser_class(prog, None, description, formatter_class=formatter, allow_abbrev=True)


def help_width() -> int:
    """Columns argparse wraps help to: ``COLUMNS``, else the terminal's, else 80; less 2.

    What argparse computes with ``shutil.get_terminal_size``; given here, the
    parsers do not import ``shutil`` (and the compression modules it imports):
    building a parser takes 1.0 ms instead of 2.5, ~3% of ``tui-slides show`` (~50 ms,
    benchmarks/show_speed.py).
    """
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(columns - 2, 20)


def _advance_options(parser: argparse.ArgumentParser, *, paused_by: str) -> None:
    """``--advance`` and ``--loop``: the presenter's and ``serve``'s."""
    parser.add_argument(
        "--advance",
        type=option_types.interval,
        metavar="DURATION",
        help=f"move on by itself every DURATION (10s, 1m30s), steps included; {paused_by}"
        " it, a resumes it",
    )
    parser.add_argument(
        "--loop", action="store_true", help="start over after the last slide (next, --advance)"
    )


def _loading_options(parser: argparse.ArgumentParser) -> None:
    """How decks are read: the options of every command (``fix`` takes no ``--strict``)."""
    parser.add_argument(
        "--strict", action="store_true", help="no repairs: the first defect is an error"
    )
    _max_size_option(parser)


def _max_size_option(parser: argparse.ArgumentParser) -> None:
    """``--max-size MB``: the largest deck file read."""
    parser.add_argument(
        "--max-size",
        type=option_types.max_size,
        default=DEFAULT_MAX_BYTES,
        metavar="MB",
        help=f"largest deck file to read, in MB (default {DEFAULT_MAX_BYTES // 1024 // 1024})",
    )


class _TopLevelParser(argparse.ArgumentParser):
    """The presenter's parser: its help ends with the commands, listed only when it is asked
    for (filling the list took 0.6 of the 2.0 ms that parsing ``tui-slides DECK`` took)."""

    def format_help(self) -> str:
        """The help, ending with the commands."""
        import textwrap  # here: only the top-level help lists the commands

        fill = functools.partial(textwrap.fill, width=help_width(), subsequent_indent=" " * 12)
        listed = "\n".join(
            fill(command.help, initial_indent=f"  {name:<9} ") for name, command in COMMANDS.items()
        )
        self.epilog = (
            f"commands (present if none is named):\n{listed}\n\n"
            "`tui-slides COMMAND --help` lists a command's arguments.\n"
            "A deck named like a command: `tui-slides present check`."
        )
        return super().format_help()


def present_parser() -> argparse.ArgumentParser:
    """``tui-slides [present]``: also the top-level help, which lists the other commands."""
    parser = _parser(
        "tui-slides",
        "Present JSON5 slide decks in a terminal.\n"
        "`tui-slides DECK` is `tui-slides present DECK`;\n"
        "`tui-slides` alone presents the bundled tour.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parser_class=_TopLevelParser,
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
        "--css",
        metavar="FILE",
        help="a Textual CSS file styling the deck, over the built-in styles",
    )
    parser.add_argument(
        "--console",
        action="store_true",
        help="print the command that opens the presenter console in a second terminal"
        " (any presentation can be joined with `tui-slides console`)",
    )
    _duration_option(parser)
    add_ssh_options(parser)
    parser.add_argument(
        "--images",
        choices=("auto", "cells", "none"),
        help="draw images with the terminal's graphics (auto, the default), in cells of half"
        " blocks, or not at all",
    )
    _advance_options(parser, paused_by="any key pauses")
    parser.add_argument(
        "--config-path", action="store_true", help="print where the config file is, and exit"
    )
    _http_options(parser)
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
        "--width", type=option_types.width, metavar="W", help="line width (default: the terminal's)"
    )
    parser.add_argument(
        "--notes", action="store_true", help="print each slide's speaker notes under it"
    )
    _loading_options(parser)
    return parser


def fix_parser() -> argparse.ArgumentParser:
    """``tui-slides fix``."""
    parser = _parser("tui-slides fix", COMMANDS["fix"].help)
    parser.add_argument("decks", nargs="+", metavar="DECK", help="deck files or folders")
    parser.add_argument(
        "--write", action="store_true", help="write the repairs to the files (atomically)"
    )
    _max_size_option(parser)
    return parser


def export_parser() -> argparse.ArgumentParser:
    """``tui-slides export``."""
    parser = _parser("tui-slides export", COMMANDS["export"].help)
    parser.add_argument("deck", metavar="DECK", help="a deck file or folder")
    parser.add_argument("--html", metavar="OUT.html", help="write the deck as one HTML file")
    parser.add_argument(
        "--pdf", metavar="OUT.pdf", help="write the deck as a PDF, one page per slide"
    )
    parser.add_argument(
        "--theme", metavar="NAME", help="a Textual theme (default: the deck's, or textual-dark)"
    )
    parser.add_argument("--notes", action="store_true", help="include the speaker notes")
    _loading_options(parser)
    return parser


def serve_parser() -> argparse.ArgumentParser:
    """``tui-slides serve``."""
    parser = _parser("tui-slides serve", COMMANDS["serve"].help)
    parser.add_argument("deck", metavar="DECK", help="a deck file or folder")
    parser.add_argument(
        "--slide", metavar="N|ID", help="start at slide number N or the slide with ID"
    )
    add_ssh_options(parser)
    _advance_options(parser, paused_by="a console's keys pause")
    _loading_options(parser)
    return parser


def console_parser() -> argparse.ArgumentParser:
    """``tui-slides console``."""
    parser = _parser("tui-slides console", COMMANDS["console"].help)
    parser.add_argument(
        "--join",
        metavar="NAME",
        help="the presentation to join when several run: its deck's name, its pid, or NAME.PID",
    )
    _duration_option(parser)
    return parser


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
    read many decks, and by ``show`` before it prints a deck of several slides (one
    slide is all start-up). The
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


COMMANDS = {
    "present": Command(
        "present a deck full screen (the default)", present_parser, commands.run_present
    ),
    "check": Command("check decks and print diagnostics", check_parser, commands.run_check),
    "show": Command("print slides to standard output", show_parser, commands.run_show),
    "fix": Command(
        "make the repairs for good: print them as a diff, or --write them to the files",
        fix_parser,
        commands.run_fix,
    ),
    "export": Command(
        "write a deck as a self-contained HTML page or a PDF", export_parser, commands.run_export
    ),
    "console": Command(
        "the presenter console: join a presentation running in another terminal",
        console_parser,
        commands.run_console,
    ),
    "serve": Command(
        "serve a talk to audiences over SSH with no local screen (needs --ssh PORT), driven by"
        " tui-slides console",
        serve_parser,
        commands.run_serve,
    ),
}
"""Every command by name; the first is the default."""
