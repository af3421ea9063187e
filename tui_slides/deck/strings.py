"""JSON5 strings: the patterns that find them, and their escapes read into characters.

Possessive repeats (Python 3.11+) let the regular expression engine forget each
turn of a group: a string of 5 million escapes is matched in constant memory
(a plain repeat takes about 100 bytes a turn). Python 3.10 reads the same, in
memory that grows with the escapes in one string.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import cache
from typing import NoReturn

ONCE = "*+" if sys.version_info >= (3, 11) else "*"
"""A repeat the engine need not remember the turns of (the groups repeated never overlap)."""

STRING = {  # JSON5 allows U+2028 and U+2029 raw in strings, but not LF or CR
    q: re.compile(rf"{q}([^{q}\\\n\r]*(?:\\(?:\r\n|[\s\S])[^{q}\\\n\r]*){ONCE}){q}") for q in "\"'"
}
STRING_MULTILINE = {q: re.compile(rf"{q}([^{q}\\]*(?:\\[\s\S][^{q}\\]*){ONCE}){q}") for q in "\"'"}
RAW_BREAK = re.compile(r"\r\n|[\n\r]")
_ESCAPE = (
    r"\\(?:x([0-9a-fA-F]{2})|u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
    r"|u([0-9a-fA-F]{4})|(\r\n|[\n\r\u2028\u2029])|(0(?![0-9]))|([\s\S]))"
)
"""An escape in a string; compiled by ``_escape`` for the first string that has one."""
_SIMPLE_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


@cache
def _escape() -> re.Pattern[str]:
    """``_ESCAPE``, compiled (~0.2 ms) only for a deck with an escape in a string."""
    return re.compile(_ESCAPE)


def unescape(
    body: str,
    start: int,
    warn: Callable[[int, str, str], None],
    fail: Callable[[int, str], NoReturn],
) -> str:
    """The characters of a string ``body`` that starts at offset ``start`` of its file.

    A surrogate pair escape is one character, as JSON and JSON5 say; a lone
    surrogate is U+FFFD, and ``warn`` is told where; an invalid escape ``fail``s.
    """

    def replace(match: re.Match[str]) -> str:
        hex2, high, low, hex4, continuation, zero, other = match.groups()
        if high:  # a surrogate pair: one character, as JSON and JSON5 say
            return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + int(low, 16) - 0xDC00)
        if hex4 and 0xD800 <= int(hex4, 16) <= 0xDFFF:
            at = start + match.start()
            warn(
                at,
                "lone surrogate",
                f"lone surrogate '\\u{hex4}' in a string: shown as U+FFFD (�)",
            )
            return "\ufffd"
        if hex2 or hex4:
            return chr(int(hex2 or hex4, 16))
        if continuation is not None:
            return ""
        if zero:
            return "\0"
        if other in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[other]
        if other in "0123456789xu":  # JSON5's digits are ASCII: an escaped '²' is '²'
            fail(start + match.start(), f"invalid escape '\\{other}' in a string")
        return str(other)

    return _escape().sub(replace, body)


def short(text: str, most: int = 60) -> str:
    """``text`` for a message: a long key or word is cut, not repeated whole."""
    return text if len(text) <= most else f"{text[: most - 1]}…"
