"""The standard streams of a command: a terminal, a pipe or a file, and what may go wrong.

The presenter needs a terminal on both ends (``terminal_problem``). Three
things can turn a line of output into a traceback, each handled here once:

- Text that is data (file names, deck text) may hold control characters, and
  file names given on the command line may hold bytes that are not UTF-8
  (Python keeps them as lone surrogates, ``os.fsdecode``): ``shown`` makes
  both visible (``tui_slides.deck.safety.visible``, then ``�``).
- Standard output may not be able to encode what is printed
  (``PYTHONIOENCODING=ascii``, a C locale without UTF-8): ``plain_ascii_fallback``
  has it write escapes (``\\u0421``) or ``?`` for what it cannot encode.
- Standard output may fail: a closed pipe (``check ... | head -1``) ends the
  command quietly, the Unix way, with status 1 (Python's documented recipe, and
  what Rich's own ``Console.on_broken_pipe`` does for ``show``); a full disk or
  another write error is one line on standard error, and status 1 (``guarded``).
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import unicodedata
from collections.abc import Callable
from typing import TextIO

EXIT_FAILED = 1
"""The status after standard output failed, closed pipe included (not 141, 128 + SIGPIPE:
Rich exits with 1 on a closed pipe, and ``show`` should not differ from ``check``)."""


def encodes_unicode(stream: object) -> bool:
    """True when ``stream`` writes UTF-8 (or UTF-16/32): any text can be printed as itself."""
    encoding = getattr(stream, "encoding", None) or ""
    return encoding.lower().replace("-", "").startswith("utf")


COLUMNS = "tui-slides-columns"
"""The error handler that writes a character the encoding lacks as a ``?`` per column it
takes on a terminal: two for a wide (CJK) character, none for a combining mark."""


def _as_columns(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    marks = "".join(_columns(character) for character in text)
    return marks, error.end


def _columns(character: str) -> str:
    if unicodedata.combining(character):
        return ""
    return "??" if unicodedata.east_asian_width(character) in "WF" else "?"


codecs.register_error(COLUMNS, _as_columns)


def plain_ascii_fallback(stream: object, errors: str = "backslashreplace") -> None:
    """Make ``stream`` write what its encoding cannot hold as ``errors`` says, not fail.

    ``backslashreplace`` (``\\u0421``) keeps every character recoverable; ``show``
    asks for ``COLUMNS`` (``?`` a column), so its lines keep their width and its boxes
    stay aligned.
    """
    if isinstance(stream, io.TextIOWrapper) and stream.errors != errors:
        stream.reconfigure(errors=errors)


def guarded(run: Callable[[], int]) -> int:
    """``run()``, with standard output flushed and its failures turned into exit statuses.

    Python's documented recipe for a closed pipe (library/signal.html, "Note on
    SIGPIPE"): point standard output at ``os.devnull`` so that the interpreter's
    last flush at exit has nowhere to fail, then exit.
    """
    try:
        status = run()
        if sys.stdout is not None:
            sys.stdout.flush()  # the last buffered lines: a full disk or a closed pipe shows here
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_FAILED
    except OSError as error:
        if error.filename is not None:  # not a write to standard output: a bug to report
            raise
        _discard_stdout()
        reason = error.strerror or str(error)
        try:
            print(f"tui-slides: error: cannot write the output: {reason}", file=sys.stderr)
        except OSError:  # standard error fails too: the status says it all
            pass
        return EXIT_FAILED
    return status


def _discard_stdout() -> None:
    """Send what is still buffered for standard output, and anything after it, nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # no standard output at all
        pass


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and os.isatty(stream.fileno())
    except (OSError, ValueError):  # closed, or not a file at all
        return False


def terminal_problem() -> str | None:
    """Why the presenter cannot run here (standard input or output is not a terminal), or None.

    Without a terminal (``ssh host tui-slides DECK`` without ``-t``, ``< /dev/null``,
    output piped) Textual would start anyway and spin, reading nothing. Textual
    draws on standard error: sent to a file (``2>log``), the screen would go there.
    """
    for name, stream in (("input", sys.__stdin__), ("output", sys.__stdout__)):
        if not _is_terminal(stream):
            return (
                f"tui-slides: the presenter needs a terminal, and standard {name} is not one;"
                " over SSH use `ssh -t`, or print the slides with `tui-slides show DECK`"
            )
    if not _is_terminal(sys.__stderr__):
        return (
            "tui-slides: the presenter draws on standard error, which is not a terminal here"
            " (2>...); for the deck's warnings in a file use `tui-slides check DECK 2>file`"
        )
    return None


def say_problem(problem: str) -> None:
    """``problem`` on standard error, and on the terminal too when standard error is not it."""
    print(problem, file=sys.stderr)
    if not _is_terminal(sys.__stderr__) and _is_terminal(sys.__stdout__):
        print(problem)
