"""Word wrapping for slide text of one-cell characters, without Rich's per-line ``Text`` objects.

Rich wraps a ``Text`` by measuring every word's cells, cutting the text into a
new ``Text`` per line, then joining and rendering those again. For most slide
text (Latin, Cyrillic, Greek, common punctuation, words split by spaces only)
every character is one cell wide, so a word's width is its length and a line is
a slice of the string. ``wrap`` makes the same cuts as Rich's word wrap in that
case, a few times faster (it is most of what the first slide costs to draw: the
seed's slide renders in 1.6 ms instead of 7 ms, of a ~140 ms first paint and an
8 ms budget per slide change, ``benchmarks/app_paint.py``), and
answers ``None`` whenever Rich must decide: other characters, other whitespace,
tabs, or a word wider than the line (Rich versions fold those differently).
``tests/test_render_wrap.py`` holds it to Rich's own lines.
"""

from __future__ import annotations

import re
from itertools import pairwise

SINGLE_CELL_RANGES = (
    (0x20, 0x7E),  # ASCII: the space and printable characters
    (0xA1, 0xAC),  # Latin-1 punctuation and signs, without the no-break space...
    (0xAE, 0x24F),  # ...and the soft hyphen; Latin-1 letters, Latin Extended-A and B
    (0x370, 0x377),  # Greek
    (0x37A, 0x37F),
    (0x384, 0x38A),
    (0x38C, 0x38C),
    (0x38E, 0x3A1),
    (0x3A3, 0x482),  # Greek, Cyrillic letters (0x483-0x489 combine with the letter before)
    (0x48A, 0x52F),  # Cyrillic, Cyrillic Supplement
    (0x2010, 0x2027),  # dashes, quotes, bullets, ellipsis (not the line separators after)
    (0x2030, 0x205E),  # per mille, primes, guillemets (not the spaces and invisibles after)
    (0x20A0, 0x20C0),  # currency signs: € ₸ ₽
    (0x2116, 0x2116),  # numero sign
    (0x2122, 0x2122),  # trade mark sign
)
"""Characters Rich draws one cell wide, in every Unicode version; the space is the only
whitespace among them (``tests/test_render_wrap.py`` checks both against Rich)."""

_SINGLE_CELL = frozenset(
    chr(code) for first, last in SINGLE_CELL_RANGES for code in range(first, last + 1)
)
_WORD = re.compile(r" *[^ ]+ *")
"""Rich's words (``\\s*\\S+\\s*``) where the space is the only whitespace."""


def is_simple(text: str) -> bool:
    """True when every character of ``text`` is one cell wide and the only whitespace is spaces."""
    return _SINGLE_CELL.issuperset(text)


def wrap(text: str, width: int) -> list[str] | None:
    """``text`` (one line of ``is_simple`` text) word-wrapped at ``width`` cells, as Rich wraps it.

    Each line is what Rich's ``Text.wrap`` draws for it with the ``fold``
    overflow and the default justification (trailing spaces included, as
    Rich keeps them). ``None`` when a word is wider than ``width``: Rich
    then folds it, and how depends on its version.
    """
    breaks = [0]
    used = 0  # cells taken on the current line
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = end - start
        length = len(match[0].rstrip(" "))
        if length > width:
            return None
        if width - used >= length:
            used += word
        else:  # Rich's ``divide_line``: the word starts the next line
            breaks.append(start)
            used = word
    breaks.append(len(text))
    return [_fit(text[start:end], width) for start, end in pairwise(breaks)]


def _fit(line: str, width: int) -> str:
    """``line`` as Rich's ``rstrip_end`` and ``truncate`` leave it: spaces past ``width`` go."""
    excess = len(line) - width
    if excess <= 0:
        return line
    spaces = len(line) - len(line.rstrip(" "))
    return line[: len(line) - min(spaces, excess)][:width]
