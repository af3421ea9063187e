"""Raw deck values as the schema describes and converts them: kinds, quotes, depths.

A wrong value is quoted in a message short and visible (``shown_value``),
never as the 4,300 digits Python refuses to print. (A number's text in a string
field is its spelling in the file: ``numbers.spelling``.)
"""

from __future__ import annotations

from tui_slides.deck.model import shown


def kind(value: object) -> str:
    """What ``value`` is, in the words of a message: ``a number``, ``an array``..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def shown_value(value: object) -> str:
    """A wrong value as a message may quote it: short, visible, never a huge number's digits."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, str):
        if len(value) > 40:
            return f"{shown(repr(value[:40]), 44)}… ({len(value):,} characters)"
        return shown(repr(value), 44)
    if isinstance(value, (dict, list)):
        return kind(value)
    return shown(repr(value), 44)


def depth(value: object) -> int:
    """How deeply objects and arrays nest in ``value`` (iteratively: no recursion limit)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        children = item.values() if isinstance(item, dict) else item
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest
