"""Repairs made for good: a deck's text with the edits its repairs recorded applied.

The tolerant parser (``syntax``) records, for each repair, the text edit that
makes it. ``fix_text`` applies them and proves the result before anyone writes
it: our strict parser reads it without a repair, to the same value as the
tolerant reading of the original (so it loads to the same deck), and the
reference ``json5`` package accepts it (a second opinion, against our own
parser's mistakes, before a user's file is replaced).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from tui_slides.deck import syntax
from tui_slides.deck.diagnostics import Diagnostic
from tui_slides.deck.errors import DeckError, DeckSyntaxError


class FixError(DeckError):
    """The repaired text failed a proof: it is not written (a bug of ours: please report it)."""

    kind = "fix"


class Fixed(NamedTuple):
    """A deck's text before and after its repairs, the repairs (as ``check`` reports them),
    and the edits that make them (in the order of the text)."""

    original: str
    text: str
    repairs: list[Diagnostic]
    edits: list[syntax.Edit]


def apply(text: str, edits: list[syntax.Edit]) -> str:
    """``text`` with ``edits`` made; edits at one offset keep their order; none may overlap."""
    pieces: list[str] = []
    done = 0
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0]):
        if start < done or end < start:
            raise ValueError(f"overlapping edits at offset {start}")
        pieces += (text[done:start], replacement)
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


SLOW_CHECK = 1024 * 1024
"""Characters from which the ``json5`` check takes long enough to say so (~7 s a megabyte)."""


def fix_text(text: str, path: str, *, notify: Callable[[str], object] | None = None) -> Fixed:
    """``text`` with its repairs made; raise ``DeckError`` where it cannot be read or fixed.

    ``DeckSyntaxError`` (and the other kinds) come from reading the original;
    ``FixError`` says the repaired text failed one of the proofs above.
    ``notify`` is told, before a check that takes long, what is going on.
    """
    parsed = syntax.parse(text, path, listed=None, edits=True)  # every repair, with its edit
    value, repairs = parsed.value, parsed.repairs
    edits = sorted(parsed.edits, key=lambda edit: edit[0])  # stable: one offset keeps its order
    del parsed  # its positions take several times the text's size: not needed here
    if not repairs:  # (a repair without an edit is not skipped: the proofs below refuse it)
        return Fixed(text, text, repairs, [])
    try:
        fixed = apply(text, edits)
    except ValueError as error:
        raise FixError(path, f"the repairs conflict ({error}); nothing written") from None
    try:
        again = syntax.parse(fixed, path, strict=True).value
    except DeckSyntaxError as error:
        raise FixError(
            path, f"the repaired text still needs a repair ({error.message}); nothing written"
        ) from None
    if not same(again, value):
        raise FixError(path, "the repaired text reads differently from the file; nothing written")
    del again, value
    if notify is not None and len(fixed) >= SLOW_CHECK:
        notify(
            f"checking the repaired text with the reference json5 parser"
            f" (about {max(1, len(fixed) * 7 // 2**20)} s for this size)"
        )
    rejected = json5_rejects(fixed)
    if rejected is not None:
        raise FixError(
            path,
            f"the reference json5 parser rejects the repaired text ({rejected}); nothing written",
        )
    return Fixed(text, fixed, repairs, edits)


def json5_rejects(text: str) -> str | None:
    """Why the reference ``json5`` package rejects ``text``, or ``None`` when it accepts it."""
    import json5  # here: only `fix` needs it, and it takes ~10 ms to import

    try:
        json5.loads(text)
    except Exception as error:  # whatever the reference parser raises, it did not accept
        return str(error) or type(error).__name__
    return None


def same(a: object, b: object) -> bool:
    """Whether two parsed values are equal, types included (NaN equals NaN here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))  # type: ignore[arg-type]
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return list(a) == list(b) and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        assert isinstance(b, list)
        return len(a) == len(b) and all(map(same, a, b))
    return a == b
