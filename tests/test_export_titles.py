"""What an export is called: the deck's ``name`` in the HTML ``<title>`` (export and browser
view) and the PDF's document title, else the first slide's title; deck text stays data."""

from __future__ import annotations

from pathlib import Path

import pypdf
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export_support import parse_html, write_deck
from tui_slides.cli import main
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Slide
from tui_slides.deck.safety import visible
from tui_slides.export.html_page import deck_html
from tui_slides.web.page import live_page

HOSTILE_NAME = "</title><script>alert(1)</script>\x1b[2J\u202eevil\n\tsecond  line\x07"
"""A name with markup, an escape sequence, a bidi override, a line break, a tab and BEL."""


def exported_title(tmp_path: Path, deck: object) -> str:
    """The ``<title>`` of ``tui-slides export DECK --html``, as a browser reads it."""
    out = tmp_path / "out.html"
    assert main(["export", str(write_deck(tmp_path, deck)), "--html", str(out)]) == 0
    return title_of(out.read_text("utf-8"))


def title_of(page: str) -> str:
    (title,) = parse_html(page).find_all("title")
    return title.text


def pdf_title(tmp_path: Path, deck: object) -> str | None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(write_deck(tmp_path, deck)), "--pdf", str(out)]) == 0
    metadata = pypdf.PdfReader(out).metadata
    return None if metadata is None else metadata.title


TWO_SLIDES = [{"content": [{"title": "Opening"}]}, {"content": [{"title": "Second"}]}]


def test_the_decks_name_is_the_page_title_not_the_first_slides_title(tmp_path: Path) -> None:
    deck = {"name": "Итоги года", "slides": TWO_SLIDES}
    assert exported_title(tmp_path, deck) == "Итоги года"
    assert pdf_title(tmp_path, deck) == "Итоги года"


def test_without_a_name_the_first_slides_title_is_the_page_title_as_before(
    tmp_path: Path,
) -> None:
    assert exported_title(tmp_path, TWO_SLIDES) == "Opening"
    assert exported_title(tmp_path, {"slides": TWO_SLIDES}) == "Opening"
    assert exported_title(tmp_path, {"name": " \n ", "slides": TWO_SLIDES}) == "Opening"
    slide_named = [{"name": "one", "content": [{"title": "Opening"}]}]  # a slide's own label
    assert exported_title(tmp_path, slide_named) == "Opening"
    assert pdf_title(tmp_path, TWO_SLIDES) == "Opening"


def test_a_number_as_name_is_the_title(tmp_path: Path) -> None:
    assert exported_title(tmp_path, {"name": 2026, "slides": TWO_SLIDES}) == "2026"


def test_a_folder_deck_has_no_deck_object_and_keeps_the_first_title(tmp_path: Path) -> None:
    folder = tmp_path / "talk"
    folder.mkdir()
    write_deck(folder, {"ID": "1", "content": [{"title": "From the folder"}]}, "1.json5")
    write_deck(folder, {"ID": "2", "name": "only a slide's name", "content": []}, "2.json5")
    deck = load_deck(folder)
    assert deck.name == "" and deck.title == "From the folder"


def test_the_browser_views_page_is_titled_by_the_name_too(tmp_path: Path) -> None:
    deck = load_deck(write_deck(tmp_path, {"name": "Live talk", "slides": TWO_SLIDES}))
    assert title_of(live_page(deck).html.decode("utf-8")) == "Live talk"


def test_a_hostile_name_is_escaped_made_visible_and_one_line(tmp_path: Path) -> None:
    deck = {"name": HOSTILE_NAME, "slides": TWO_SLIDES}
    out = tmp_path / "out.html"
    assert main(["export", str(write_deck(tmp_path, deck)), "--html", str(out)]) == 0
    page = out.read_text("utf-8")
    shown = "</title><script>alert(1)</script>␛[2J\ufffdevil second line␇"
    assert title_of(page) == shown
    head = page.split("</head>")[0]
    assert head.count("<title>") == 1 and "<script" not in head
    assert not any(char in head for char in "\x1b\u202e\x07\t")
    assert pdf_title(tmp_path, deck) == shown


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1))
def test_any_name_reaches_the_title_as_its_visible_text_on_one_line(name: str) -> None:
    deck = Deck((Slide(content=(Block(title="First"),)),), "deck.json5", name=name)
    page = deck_html(deck)
    head = page.split("</head>")[0]
    assert head.count("<title>") == 1 and head.count("</title>") == 1  # nothing closes it early
    raw = head.split("<title>")[1].split("</title>")[0]
    assert visible(raw) == raw and "\n" not in raw and "\t" not in raw and "<" not in raw
    expected = " ".join(visible(name).replace("\t", " ").replace("\n", " ").split(" "))
    expected = " ".join(part for part in expected.split(" ") if part)
    assert title_of(page) == (expected if name.strip() else "First")  # blank: no name
