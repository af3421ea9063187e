"""The command line's value types (argparse ``type=`` functions): a bad value is a usage error
that says what was expected, and shows what was typed through ``visible``."""

from __future__ import annotations

import argparse
import math

from tui_slides.deck.safety import visible

WIDTHS = range(10, 10_001)
"""``show --width``: narrower cannot hold a slide's frame; wider is no screen's."""


def max_size(value: str) -> int:
    """``--max-size``: a positive, finite number of megabytes, as bytes (at least 1)."""
    try:
        megabytes = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {visible(value)!r}") from None
    if not math.isfinite(megabytes * 1024 * 1024):  # inf, nan, 1e400, and 1e308 MB in bytes
        raise argparse.ArgumentTypeError(f"not a finite number of megabytes: {visible(value)!r}")
    if megabytes <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return max(1, int(megabytes * 1024 * 1024))


def interval(value: str) -> float:
    """``--advance``: a duration like ``10s`` or ``1m30s``, in seconds, more than 0."""
    from tui_slides.presenting.advance import TooLong, parse_interval  # only --advance needs it

    try:
        seconds = parse_interval(value)
    except TooLong as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    except ValueError:
        message = f"not a duration like 10s, 1m30s or 2m: {visible(value)!r}"
        raise argparse.ArgumentTypeError(message) from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError("must be more than 0s")
    return seconds


def width(value: str) -> int:
    """``--width``: a whole number of columns in ``WIDTHS``."""
    try:
        columns = int(value)
    except ValueError:
        if not value.strip().isdecimal():
            raise argparse.ArgumentTypeError(f"not a whole number: {visible(value)!r}") from None
        columns = WIDTHS.stop  # digits beyond int()'s limit of 4300: far too wide
    if columns not in WIDTHS:
        raise argparse.ArgumentTypeError(
            f"must be from {WIDTHS.start} to {WIDTHS.stop - 1} columns"
        )
    return columns


def duration(value: str) -> int:
    """``--duration``: a talk's planned length in seconds (``deck.duration``)."""
    from tui_slides.deck.duration import parse_duration

    try:
        return parse_duration(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(visible(str(error))) from None


OWN_FILES = 64
"""Open files the presenter keeps besides its viewers' connections (terminal, deck, sockets)."""


def viewers(value: str) -> int:
    """``--ssh-max-viewers`` and ``--http-max-viewers``: a whole number, at least 1, and no
    more than the process may open connections for (``ulimit -n``, less ``OWN_FILES``):
    a limit above it would fail in the middle of a talk, where it says nothing."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {visible(value)!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    room = open_files() - OWN_FILES
    if count > room:
        raise argparse.ArgumentTypeError(
            f"{count} viewers need {count + OWN_FILES} open files, and this shell allows"
            f" {room + OWN_FILES}: at most {max(room, 1)}, or raise the limit (ulimit -n)"
        )
    return count


def open_files() -> int:
    """How many files this process may open (the soft ``RLIMIT_NOFILE``; unlimited: 2**31)."""
    import resource  # only the viewers' options need it

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return 2**31 if soft == resource.RLIM_INFINITY else soft
