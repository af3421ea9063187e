"""Numbers as a deck writes them: JSON5 values that keep their spelling from the file.

A JSON5 number is an IEEE double, but an integer within a double's range is
kept exact (as the reference ``json5`` package and the standard ``json`` do);
beyond that range (about 309 digits) it is ``inf`` or ``-inf``, as in
JavaScript. So every number has a bounded ``str()``, and nothing that formats
one can reach Python's 4300-digit conversion limit.

A number whose spelling differs from ``str()`` of its value (``1.10``, ``0x1F``,
``+1``, ``.5``, ``Infinity``, a 5000-digit literal) is an ``Int`` or a ``Float``
carrying ``source``; ``spelling`` gives the text of any number, which is what a
string field (``ID``, ``name``, ``block``) becomes when a number is written there.
"""

from __future__ import annotations

import math

_EXACT_BITS = 1024
"""Integers below ``2 ** 1024`` in magnitude (a double's range) are kept exact."""
_EXACT_DIGITS = 309
"""Decimal digits of the largest integer kept exact: longer literals are out of range."""


class Int(int):
    """An integer whose spelling in the file is not ``str()`` of it (``0x1F``, ``+1``, ``-0``)."""

    source: str
    """The number as written in the file."""


class Float(float):
    """A double whose spelling in the file is not ``str()`` of it (``1.10``, ``.5``, ``NaN``)."""

    __slots__ = ("source",)
    source: str


def spelling(value: int | float) -> str:
    """The number as written in the deck file (``str()`` for a number made elsewhere)."""
    source = getattr(value, "source", None)
    if isinstance(source, str):
        return source
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _EXACT_BITS:
        return "inf" if value > 0 else "-inf"  # not one of ours: never exceed str()'s limit
    return str(value)


def from_token(token: str) -> int | float:
    """The value of a JSON5 number token (already matched), keeping its spelling."""
    digits = token.lstrip("+-")
    negative = token.startswith("-")
    value: int | float
    if digits == "Infinity":
        value = -math.inf if negative else math.inf
    elif digits == "NaN":
        value = math.nan
    elif digits[:2] in ("0x", "0X"):
        significant = digits[2:].lstrip("0") or "0"
        fits = len(significant) * 4 <= _EXACT_BITS + 4
        value = _bounded(int(significant, 16) if fits else None, negative)
    elif "." in digits or "e" in digits or "E" in digits:
        value = -float(digits) if negative else float(digits)  # float() has no length limit
    else:
        value = _bounded(int(digits) if len(digits) <= _EXACT_DIGITS else None, negative)
    return _spelled(value, token)


def _bounded(magnitude: int | None, negative: bool) -> int | float:
    """An exact integer, or an infinity when ``magnitude`` is out of a double's range."""
    if magnitude is None or magnitude.bit_length() > _EXACT_BITS:
        return -math.inf if negative else math.inf
    return -magnitude if negative else magnitude


def _spelled(value: int | float, token: str) -> int | float:
    if isinstance(value, int):
        if str(value) == token:
            return value
        number: Int | Float = Int(value)
    else:
        if repr(value) == token:
            return value
        number = Float(value)
    number.source = token
    return number


def json_int(token: str) -> int | float:
    """``json.loads``'s ``parse_int``: the common short integer without a detour."""
    if len(token) < 19 and token != "-0":
        return int(token)
    return from_token(token)
