"""JSON5's tokens as the parser (``syntax``) finds them: white space, numbers, names, commas.

The patterns never repeat a group they must remember each turn of, so matching a
15 MB run of one kind costs no memory beyond the text (``strings`` for strings).
"""

from __future__ import annotations

import re

from tui_slides.deck.strings import ONCE

LINE_BREAKS = "\n\r\u2028\u2029"
SPACE = re.compile(r"[\t\v\f \u00a0\ufeff\n\r\u2028\u2029\u1680\u2000-\u200a\u202f\u205f\u3000]*")
LINE_END = re.compile(r"[\n\r\u2028\u2029]")
NUMBER = re.compile(
    r"[+-]?(?:Infinity|NaN|0[xX][0-9a-fA-F]+"
    r"|(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
)
IDENTIFIER = re.compile(  # unrolled: the group repeats once per escape, not per character
    r"(?:[^\W\d]|[$]|\\u[0-9a-fA-F]{4})[\w$\u200c\u200d]*"
    r"(?:\\u[0-9a-fA-F]{4}[\w$\u200c\u200d]*)" + ONCE
)
ID_START = re.compile(r"[^\W\d]|[$_]")
ID_PART = re.compile(r"[\w$\u200c\u200d]")
LITERALS: dict[str, object] = {"true": True, "false": False, "null": None}
COMMAS = re.compile(r",[\t\n\r ,]*")
"""A run of commas (and plain white space between them)."""
RAW_BREAK_OR_ESCAPE = re.compile(r"\\(?:\r\n|[\s\S])|\r\n|[\n\r]")
"""A raw line break in a string's body, or an escape (which may escape one)."""


def describe(text: str, pos: int) -> str:
    """What stands at ``pos`` in ``text``, as an error message names it."""
    if pos >= len(text):
        return "the end of the file"
    char = text[pos]
    if char in LINE_BREAKS:
        return "a line break"
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"U+{ord(char):04X}"
