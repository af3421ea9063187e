"""The fast path: a deck file that is plain JSON, read by the standard library's ``json``.

Tried first on every file of ``JSON_FROM`` characters or more: a 2 MB JSON deck
loads in 11 ms where our JSON5 parser takes 47 (``benchmarks.load``), and JSON5
fails at its first comment. What ``json`` would read differently from JSON5 is
left to our parser.
"""

from __future__ import annotations

import re

from tui_slides.deck import syntax
from tui_slides.deck.numbers import from_token, json_int

JSON_FROM = 48 * 1024
"""Characters from which a file is tried with ``json`` first; smaller files go to our parser.

Importing ``json`` takes ~1.2 ms, what our parser takes for 48 K characters
(25 K in 0.6 ms, 48 K in 1.1; ``json.loads`` then needs 0.07), so an everyday
deck starts without it: on the seed (9 KB) ``tui-slides check`` ends 2.2 ms
sooner (4.7%), the presenter's first paint comes 1.9 ms sooner (1.2%,
``benchmarks/app_paint.py``), ``show`` 1 ms (``benchmarks/show_speed.py``).
"""

NOT_JSON = object()
"""What ``_loads_json`` returns for text that is not plain JSON."""

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""A surrogate escape: ours pairs them and reports a lone one, ``json`` would not."""


class _Duplicate(Exception):
    """An object with a duplicate key: our parser says where."""


def _members(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """``json.loads``'s ``object_pairs_hook``: leaves duplicate keys to our parser."""
    members = dict(pairs)
    if len(members) != len(pairs):
        raise _Duplicate
    return members


def loads_json(text: str) -> object:
    """``text`` parsed by the standard library's ``json``, or ``NOT_JSON``.

    Numbers keep their spelling as our parser's do (``numbers``); text with a
    surrogate escape or a duplicate key is left to our parser, which reports them,
    and so is text that may hold more than ``syntax.MAX_VALUES`` values, and
    text shorter than ``JSON_FROM``.
    """
    if len(text) < JSON_FROM:
        return NOT_JSON
    import json  # here: only a large file needs it (JSON_FROM)

    if ("\\ud" in text or "\\uD" in text) and _SURROGATE_ESCAPE.search(text):
        return NOT_JSON  # (``in`` first: it takes a quarter of the search's time)
    if len(text) > 2 * syntax.MAX_VALUES and (  # a value and its comma take 2 characters
        text.count(",") + text.count("[") + text.count("{") > syntax.MAX_VALUES
    ):
        return NOT_JSON  # perhaps too many values: our parser counts them exactly
    try:  # json guards its own recursion; schema checks kept values' depth
        return json.loads(
            text,
            parse_float=from_token,
            parse_int=json_int,
            parse_constant=from_token,
            object_pairs_hook=_members,
        )
    except (ValueError, RecursionError, _Duplicate):
        return NOT_JSON
