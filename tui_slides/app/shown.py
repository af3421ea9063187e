"""What of a slide the presenter shows: a bounded part of it, and notices for the rest.

A deck within the size limit can hold a slide no screen could show: 100,000
blocks, half a million lines, a megabyte of Markdown. Drawing all of it would
take minutes and gigabytes before the first paint, with ``q`` ignored meanwhile.
So the presenter shows a slide up to bounds that no real slide reaches (a real
slide fits a few screens), and says below the last line shown how much is left
out. The bounds, per slide, counted from its first block on:

- ``MAX_BLOCKS`` blocks (each is a widget: ~0.4 ms to mount and style);
- ``MAX_LINES`` lines of text (titles and texts, as written in the deck);
- ``MAX_CHARS`` characters of text, a Markdown character counting
  ``MARKDOWN_WEIGHT`` (Rich's Markdown takes ~5 microseconds per character).

At the bounds a slide takes 0.02-0.4 s to draw (plain text to a Markdown
table; see ``benchmarks/hostile_app.py``); ``check`` and
``show`` still read and print the whole deck.

This module also words the notice of an empty slide that holds unknown fields
(a misspelt ``contents`` leaves a slide empty): the presenter says which, with
difflib's closest known name (``SLIDE_FIELDS``, ``BLOCK_FIELDS`` of ``deck.schema``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import NamedTuple

from textual.cache import LRUCache

from tui_slides.deck.model import Block, Slide, TextFormat
from tui_slides.deck.safety import visible
from tui_slides.deck.schema import BLOCK_FIELDS, SLIDE_FIELDS

MAX_BLOCKS = 200
"""Most blocks shown of one slide."""
MAX_LINES = 2_000
"""Most lines of text shown of one slide."""
MAX_CHARS = 100_000
"""Most characters of text shown of one slide (Markdown ones weigh ``MARKDOWN_WEIGHT``)."""
MARKDOWN_WEIGHT = 4
"""What one character of Markdown counts against ``MAX_CHARS``."""
TRUNCATED = "(truncated: the slide is too long to show)"
"""The end of the notice under a slide shown in part."""
EMPTY_SLIDE_TEXT = "This slide is empty."
"""What an empty slide shows, so an empty slide never looks like a broken app."""
MAX_NAMED_FIELDS = 5
"""Most unknown fields an empty slide's notice names (then "and N more")."""
FIELD_NAME_CELLS = 40
"""Longest field name quoted in a notice, in characters (then ``…``)."""


class Shown(NamedTuple):
    """The part of a slide the presenter shows."""

    blocks: tuple[Block, ...]
    """The blocks shown, in order; the last may be a shortened copy of the slide's."""
    notice: str = ""
    """What is left out, worded for the screen (``""``: the whole slide is shown)."""


# Plain classes, not dataclasses: this module is imported before the first paint,
# and making a dataclass costs a few tenths of a millisecond.


class _Budget:
    """What is left to show of a slide: characters and lines."""

    __slots__ = ("chars", "lines")

    def __init__(self, chars: int, lines: int) -> None:
        self.chars = chars
        self.lines = lines


class _Left:
    """What a cut left out: characters of the line it cut, whole lines, whole blocks."""

    __slots__ = ("blocks", "chars", "lines")

    def __init__(self) -> None:
        self.chars = self.lines = self.blocks = 0


def _line_count(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def _cut(text: str, budget: _Budget, weight: int, left: _Left) -> str | None:
    """``None`` if ``text`` fits ``budget`` (and uses it), else its first part (rest: ``left``)."""
    lines = _line_count(text)
    if len(text) * weight <= budget.chars and lines <= budget.lines:
        budget.chars -= len(text) * weight
        budget.lines -= lines
        return None
    end = min(len(text), budget.chars // weight)
    if budget.lines <= 0:
        end = 0
    elif text.count("\n", 0, end) >= budget.lines:
        end = -1
        for _ in range(budget.lines):  # at most MAX_LINES finds
            end = text.find("\n", end + 1)
    budget.chars = budget.lines = 0
    rest = text[end:]
    if end == 0:
        left.lines += lines
    elif rest.startswith("\n"):
        left.lines += rest.count("\n")
    else:
        newline = rest.find("\n")
        left.chars += len(rest) if newline < 0 else newline
        left.lines += rest.count("\n")
    return text[:end]


def _bound(slide: Slide) -> Shown:
    content = slide.content
    budget = _Budget(MAX_CHARS, MAX_LINES)
    left = _Left()
    for number, block in enumerate(content[:MAX_BLOCKS]):
        weight = MARKDOWN_WEIGHT if block.format is TextFormat.MARKDOWN else 1
        title = _cut(block.title, budget, 1, left)
        if title is not None:
            left.lines += _line_count(block.text)
            cut = replace(block, title=title, text="")
        else:
            text = _cut(block.text, budget, weight, left)
            if text is None:
                continue
            cut = replace(block, text=text)
        left.blocks = len(content) - number - 1
        return Shown((*content[:number], cut), _wording(left))
    left.blocks = max(0, len(content) - MAX_BLOCKS)
    return Shown(content[:MAX_BLOCKS], _wording(left) if left.blocks else "")


def _count(number: int, thing: str) -> str:
    return f"{number:,} more {thing}{'' if number == 1 else 's'}"


def _wording(left: _Left) -> str:
    counts = ((left.chars, "character"), (left.lines, "line"), (left.blocks, "block"))
    parts = [_count(number, thing) for number, thing in counts if number]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
    return f"… {listed} {TRUNCATED}"


_SHOWN: LRUCache[int, tuple[Slide, Shown]] = LRUCache(8)
"""Cut slides kept (the current one and its neighbours): the same cut blocks each time,
so their renderings are found again in the app's cache of renderables."""


def shown_part(slide: Slide) -> Shown:
    """The part of ``slide`` to show: all of it, unless it passes a bound (see the module)."""
    content = slide.content
    if len(content) <= MAX_BLOCKS:
        chars = lines = 0
        for block in content:
            weight = MARKDOWN_WEIGHT if block.format is TextFormat.MARKDOWN else 1
            chars += len(block.title) + len(block.text) * weight
            lines += _line_count(block.title) + _line_count(block.text)
        if chars <= MAX_CHARS and lines <= MAX_LINES:
            return Shown(content)
    kept = _SHOWN.get(id(slide))
    if kept is not None:  # the slide is kept with its part: its id stays unique
        return kept[1]
    shown = _bound(slide)
    _SHOWN.set(id(slide), (slide, shown))
    return shown


def suggestion(name: str, known: Iterable[str]) -> str | None:
    """The known field ``name`` is most likely a misspelling of, if one is close enough."""
    import difflib  # only for an empty slide with unknown fields

    by_lower = {field.lower(): field for field in known}
    found = difflib.get_close_matches(name.lower(), sorted(by_lower), n=1, cutoff=0.6)
    return by_lower[found[0]] if found else None


def _quoted(name: str) -> str:
    shown = name if len(name) <= FIELD_NAME_CELLS else name[: FIELD_NAME_CELLS - 1] + "…"
    return f'"{visible(shown)}"'


def _unknown(fields: Mapping[str, object], known: Iterable[str], where: str) -> list[str]:
    described = []
    for name in fields:
        close = suggestion(name, known)
        hint = f" (did you mean {_quoted(close)}?)" if close else ""
        described.append(f"Unknown field {_quoted(name)}{where}{hint}")
    return described


def unknown_fields(slide: Slide) -> list[str]:
    """One line per unknown field of ``slide`` and of its blocks, with a suggestion if any."""
    lines = _unknown(slide.extra, SLIDE_FIELDS, "")
    for number, block in enumerate(slide.content, 1):
        if block.extra:
            lines += _unknown(block.extra, BLOCK_FIELDS, f" in block {number}")
        if len(lines) > MAX_NAMED_FIELDS:
            break
    return lines


def empty_notice(slide: Slide) -> str:
    """What an empty ``slide`` shows: that it is empty, and the unknown fields it holds."""
    lines = unknown_fields(slide)
    if len(lines) > MAX_NAMED_FIELDS:
        more = sum(len(block.extra) for block in slide.content) + len(slide.extra)
        lines = [*lines[:MAX_NAMED_FIELDS], f"and {more - MAX_NAMED_FIELDS:,} more"]
    return "\n".join((EMPTY_SLIDE_TEXT, *lines))
