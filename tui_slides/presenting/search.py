"""Pure full-text search over a deck: every occurrence of a query in slide text.

Search is case-insensitive and treats any run of whitespace as one space, as
the renderer does, so what the audience sees is what can be found. Speaker
notes are never searched: search results are shown on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui_slides.deck.matching import fold, normalise
from tui_slides.deck.model import Deck, Slide

SNIPPET_CONTEXT = 30
"""Characters of context kept on each side of a match in a result's snippet."""


@dataclass(frozen=True)
class Match:
    """One occurrence of the query in a slide's text."""

    slide: int
    """0-based index of the slide."""
    block: int
    """0-based index of the block in the slide."""
    occurrence: int
    """0-based rank of this match among the block's matches (title first, then text)."""
    snippet: str
    """The normalised text around the match, for a result list."""
    start: int
    """Where the match starts in ``snippet``."""
    end: int
    """Where the match ends in ``snippet``."""


def _block_texts(slide: Slide) -> list[tuple[int, str]]:
    """``(block index, searchable text)`` for each block: its title, then its text."""
    return [
        (number, f"{normalise(block.title)}\n{normalise(block.text)}")
        for number, block in enumerate(slide.content)
    ]


def search_slide(slide: Slide, slide_index: int, query: str) -> list[Match]:
    """Every match of ``query`` in one slide, in reading order."""
    needle = fold(normalise(query))
    if not needle:
        return []
    matches: list[Match] = []
    for block, text in _block_texts(slide):
        folded = fold(text)
        occurrence = 0
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            left = max(0, start - SNIPPET_CONTEXT)
            right = min(len(text), end + SNIPPET_CONTEXT)
            snippet = text[left:right].replace("\n", " ")
            matches.append(Match(slide_index, block, occurrence, snippet, start - left, end - left))
            occurrence += 1
            start = folded.find(needle, end)
    return matches


def search_deck(deck: Deck, query: str, *, limit: int | None = None) -> list[Match]:
    """Every match of ``query`` in the deck, slide by slide, at most ``limit`` of them."""
    found: list[Match] = []
    for index, slide in enumerate(deck.slides):
        found.extend(search_slide(slide, index, query))
        if limit is not None and len(found) >= limit:
            return found[:limit]
    return found
