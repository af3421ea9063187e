"""Full-text search over a deck, and the highlighting of matches in rendered text."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from tui_slides.deck.matching import fold, normalise
from tui_slides.deck.model import Block, Deck, Slide
from tui_slides.presenting.search import search_deck, search_slide
from tui_slides.render.highlight import CURRENT_STYLE, MATCH_STYLE, HighlightMatches


def deck_of(*slides: Slide) -> Deck:
    return Deck(slides=slides, source="mem")


def test_search_is_case_insensitive_and_in_reading_order() -> None:
    slide = Slide(content=(Block(title="Цель", text="цель и ЦЕЛЬ"), Block(text="нет")))
    matches = search_slide(slide, 0, "ЦЕЛЬ")
    assert [(m.block, m.occurrence) for m in matches] == [(0, 0), (0, 1), (0, 2)]
    first = matches[0]
    assert first.snippet[first.start : first.end] == "Цель"


def test_whitespace_runs_match_one_space_as_rendered() -> None:
    slide = Slide(content=(Block(text="руководитель   проекта\tНысанов"),))
    assert len(search_slide(slide, 0, "руководитель проекта")) == 1
    assert len(search_slide(slide, 0, "  проекта   нысанов ")) == 1


def test_search_across_slides_and_limit() -> None:
    deck = deck_of(*(Slide(content=(Block(text=f"item {n} item"),)) for n in range(4)))
    matches = search_deck(deck, "item")
    assert [m.slide for m in matches] == [0, 0, 1, 1, 2, 2, 3, 3]
    assert len(search_deck(deck, "item", limit=3)) == 3
    assert search_deck(deck, "   ") == []
    assert search_deck(deck, "absent") == []


def test_speaker_notes_are_never_searched() -> None:
    deck = deck_of(Slide(notes="secret plan", content=(Block(text="public"),)))
    assert search_deck(deck, "secret") == []


def test_snippet_is_a_window_around_the_match() -> None:
    slide = Slide(content=(Block(text="a" * 100 + "NEEDLE" + "b" * 100),))
    (match,) = search_slide(slide, 0, "needle")
    assert match.snippet[match.start : match.end] == "NEEDLE"
    assert len(match.snippet) == 30 + 6 + 30


def test_fold_keeps_offsets() -> None:
    assert fold("İstanbul ABC") == "İstanbul abc"
    assert len(fold("İİ")) == 2
    assert normalise("  a \n\t b  ") == "a b"


def render(renderable: object, width: int = 40) -> Console:
    console = Console(width=width, file=io.StringIO(), force_terminal=True, _environ={})
    console.print(renderable)
    return console


def test_highlight_styles_every_match_and_emphasises_the_current_one() -> None:
    body = Text("alpha beta\nbeta gamma beta")
    highlighted = HighlightMatches(body, "BETA", current=1)
    console = Console(width=40, file=io.StringIO(), force_terminal=True, _environ={})
    lines = console.render_lines(highlighted, console.options, pad=False)
    styled = [
        (segment.text, segment.style)
        for line in lines
        for segment in line
        if segment.text == "beta"
    ]
    assert [style for _, style in styled] == [MATCH_STYLE, CURRENT_STYLE, MATCH_STYLE]
    assert highlighted.match_lines == [0, 1, 1]
    plain = "\n".join("".join(s.text for s in line).rstrip() for line in lines)
    assert plain == "alpha beta\nbeta gamma beta"


def test_highlight_without_matches_leaves_the_text_alone() -> None:
    plain = render(Text("nothing here")).file.getvalue()  # type: ignore[attr-defined]
    wrapped = render(HighlightMatches(Text("nothing here"), "zzz")).file.getvalue()  # type: ignore[attr-defined]
    assert wrapped == plain
