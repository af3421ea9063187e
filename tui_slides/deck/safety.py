"""Text safety: deck text is data, so control characters are made visible.

C0 and C1 control characters other than line break and tab, DEL, and the
bidirectional embedding, override and isolate characters could move the
cursor, recolour the screen, write the clipboard or reorder what the audience
reads; a lone surrogate cannot be written to a terminal at all (a file name's
undecodable byte, as Python reads it, is shown as ``\\xff``). ``visible``
replaces each with a visible stand-in; ``unsafe_characters`` finds them so
``check`` can report them. It is the one rule for everything that reaches a
terminal from a deck or the
file system.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidi marks, embeddings, overrides and isolates."""

_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
"""Every character that must not reach a terminal as itself."""


_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR",
    0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x9D: "OSC", 0x90: "DCS",
    0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x202D: "LEFT-TO-RIGHT OVERRIDE",
}  # fmt: skip


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ ␛ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xDC80 <= code <= 0xDCFF:  # a file name's undecodable byte, as ``os`` escapes it
        return f"\\x{code - 0xDC00:02x}"
    return "\ufffd"  # C1 controls, bidi characters, other lone surrogates: the replacement


def visible(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible stand-in."""
    if is_safe(text):
        return text
    return _UNSAFE.sub(lambda match: _stand_in(match.group()), text)


def one_line(text: str) -> str:
    """``visible(text)``, its line breaks and tabs too (``␊``, ``␉``): for what must stay on
    one line of a message, such as a file name before ``:line:col``."""
    if text.isprintable():
        return text
    return visible(text).replace("\n", "\u240a").replace("\t", "\u2409")


def is_safe(text: str) -> bool:
    """True when ``text`` holds no unsafe character: the loader's check of every string.

    Every unsafe character is a control (Cc) or format character (Cf), which
    ``str.isprintable`` rejects in one pass in C, faster than a search: the 2 MB
    deck of ``benchmarks.load`` checks its 11,000 strings in 2.6 ms instead of
    3.8, of the 11 ms it takes to load.
    Line breaks and tabs are unprintable but safe, so they are set aside first;
    a string with some other unprintable but safe character (a no-break space,
    a zero-width joiner) is searched.
    """
    if text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable():
        return True
    return _UNSAFE.search(text) is None


def describe(char: str) -> str:
    """A short name for an unsafe character, e.g. ``U+001B (ESC)``."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def unsafe_characters(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, character)`` for each unsafe character in ``text``."""
    for match in _UNSAFE.finditer(text):
        yield match.start(), match.group()
