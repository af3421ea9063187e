"""The shipped decks: each loads cleanly, and the tour and shape decks show what they claim."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import json5
import pytest

from tests.conftest import DECKS, SEED
from tui_slides.deck.diagnostics import Level
from tui_slides.deck.loader import is_slide_file, load_deck
from tui_slides.deck.model import Deck, MediaKind, TextFormat
from tui_slides.deck.schema import BLOCK_FIELDS, DECK_FIELDS, SLIDE_FIELDS

TOUR = DECKS / "tour.json5"
SHAPES = DECKS / "shapes"
FOLDER = SHAPES / "folder"
IMAGES = DECKS / "img"
SEED_COPY = "seed/000_e16071e2f73085a5.txt"

EXPECTED_DECKS = {
    SEED,
    TOUR,
    SHAPES / "single-slide.json5",
    SHAPES / "array.json5",
    FOLDER,
}
"""Decks that must be shipped; any other deck found in ``decks/`` is checked too."""

SEED_WARNINGS = [
    (2, "missing ','"),
    (5, "file not found: '/img/logo.png'"),
    (23, "raw line break"),
]
"""The seed's known warnings: two repairs and its logo, which is not shipped."""


def shipped_decks() -> list[Path]:
    """Every deck file in ``decks/`` and ``decks/shapes/``, and every folder deck there."""
    found = [
        path
        for folder in (DECKS, SHAPES)
        for path in folder.iterdir()
        if path.is_file() and is_slide_file(path.name)
    ]
    found += [path for path in SHAPES.iterdir() if path.is_dir()]
    return sorted(found)


def _id(path: Path) -> str:
    return path.relative_to(DECKS).as_posix()


def _dotted(slide_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in slide_id.split("."))


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def tour() -> Deck:
    return load_deck(TOUR)


@pytest.fixture(scope="module")
def tour_source() -> dict[str, object]:
    value = json5.loads(TOUR.read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


# -- every shipped deck ------------------------------------------------------


def test_every_expected_deck_is_shipped() -> None:
    assert EXPECTED_DECKS <= set(shipped_decks())


@pytest.mark.parametrize("path", shipped_decks(), ids=_id)
def test_shipped_deck_loads_without_diagnostics(path: Path) -> None:
    deck = load_deck(path)
    assert len(deck) >= 1
    if path == SEED:
        warnings = [(d.line, d.message) for d in deck.diagnostics]
        assert len(warnings) == len(SEED_WARNINGS), warnings
        for (line, message), (want_line, fragment) in zip(warnings, SEED_WARNINGS, strict=True):
            assert line == want_line and fragment in message, (line, message)
        assert all(d.level is Level.WARNING for d in deck.diagnostics)
    else:
        assert [str(d) for d in deck.diagnostics] == []


@pytest.mark.parametrize("path", sorted(set(shipped_decks()) - {SEED}), ids=_id)
def test_our_decks_need_no_repair(path: Path) -> None:
    """Only the seed is hand-broken: every other shipped deck loads under ``--strict``."""
    assert load_deck(path, strict=True).slides == load_deck(path).slides


@pytest.mark.parametrize("path", sorted(set(shipped_decks()) - {SEED}), ids=_id)
def test_declared_counters_match(path: Path) -> None:
    deck = load_deck(path)
    for position, slide in enumerate(deck.slides, start=1):
        assert slide.slide_max in (None, len(deck)), slide.label
        if path != FOLDER:  # the folder deck declares slide_now on its first slide only
            assert slide.slide_now == position, slide.label


def test_seed_is_the_shared_seed_byte_for_byte(shared_dir: Path) -> None:
    assert SEED.read_bytes() == (shared_dir / SEED_COPY).read_bytes()


# -- the tour ------------------------------------------------------------------


def test_tour_is_a_deck_object_written_in_json5(tour_source: dict[str, object]) -> None:
    text = TOUR.read_text(encoding="utf-8")
    assert isinstance(tour_source.get("slides"), list)
    with pytest.raises(ValueError):
        json.loads(text)  # not plain JSON: it shows off JSON5
    assert re.search(r"^\s*//", text, re.MULTILINE), "a comment"
    assert re.search(r"^\s*[A-Za-z_]\w*:", text, re.MULTILINE), "an unquoted key"
    assert re.search(r",\s*(//[^\n]*\s*)*[}\]]", text), "a trailing comma"
    assert re.search(r":\s*'", text), "a single-quoted string"


def test_tour_sets_every_field_of_the_format(tour_source: dict[str, object]) -> None:
    slides = tour_source["slides"]
    assert isinstance(slides, list)
    deck_keys = set(tour_source)
    slide_keys = {key for slide in slides for key in slide}
    block_keys = {key for slide in slides for block in slide["content"] for key in block}
    assert set(DECK_FIELDS) <= deck_keys
    assert set(SLIDE_FIELDS) <= slide_keys | deck_keys
    assert set(SLIDE_FIELDS) - {"theme"} <= slide_keys
    assert set(BLOCK_FIELDS) <= block_keys


def test_tour_slides(tour: Deck) -> None:
    assert 8 <= len(tour) <= 12
    assert tour.theme == "textual-dark"
    ids = [slide.id for slide in tour.slides]
    assert ids == [f"1.{n}" for n in range(1, len(tour) + 1)]
    assert ids == sorted(ids, key=_dotted)
    assert all(slide.name and slide.content for slide in tour.slides)
    assert all(slide.slide_max == len(tour) for slide in tour.slides)
    assert [slide.slide_now for slide in tour.slides] == list(range(1, len(tour) + 1))
    assert all(slide.notes for slide in tour.slides)
    assert all(slide.theme == "textual-dark" for slide in tour.slides)


def test_tour_overrides_deck_defaults_on_some_slides(tour: Deck) -> None:
    titles = [slide.logo_title for slide in tour.slides]
    assert titles.count("tui-slides") >= len(tour) - 2
    assert "tui-slides · media" in titles
    logos = {slide.logo.raw for slide in tour.slides if slide.logo}
    assert logos == {"/img/tui-slides-logo.png", "img/tui-slides-logo.png"}
    paths = {slide.logo.path for slide in tour.slides if slide.logo and slide.logo.path}
    resolved = {path.resolve() for path in paths}
    assert resolved == {(IMAGES / "tui-slides-logo.png").resolve()}


def test_tour_blocks_use_every_kind_of_content(tour: Deck) -> None:
    blocks = [block for slide in tour.slides for block in slide.content]
    assert all(block.title and block.text for block in blocks)
    assert {block.style_class for block in blocks} >= {"block-1", "block-2", "block-note"}

    images = [block.image for block in blocks if block.image]
    assert [image.raw for image in images] == ["img/terminal-slide.png"]
    assert images[0].kind is MediaKind.FILE and images[0].exists

    videos = [block.video for block in blocks if block.video]
    assert len(videos) == 1
    assert videos[0].kind is MediaKind.URL and (videos[0].url or "").startswith("https://")

    maps = [block.map for block in blocks if block.map]
    assert [m.kind for m in maps] == [MediaKind.COORDS, MediaKind.URL]
    assert maps[0].coords == (51.1282, 71.4307)
    assert (maps[1].url or "").startswith("https://www.openstreetmap.org/")

    markdown = [block.text for block in blocks if block.format is TextFormat.MARKDOWN]
    assert any("|---|" in text and "\n```json5\n" in text for text in markdown)
    assert any(block.format is TextFormat.PLAIN for block in blocks)


def test_tour_structured_text_demo(tour: Deck) -> None:
    """The demo slide has what the renderer recognises, written as the format says."""
    demo = next(slide for slide in tour.slides if slide.name == "Structured text")
    text = "\n".join(block.text for block in demo.content)
    lines = text.split("\n")
    assert "Structured plain text:" in lines and "" in lines  # a heading and blank lines
    lead_in = lines.index("A line that ends with a colon introduces a list:")
    assert lines[lead_in + 1].startswith("• ")
    assert any(line.startswith("    ◦ ") for line in lines)  # nested
    assert any(line.startswith("•\t") for line in lines)  # tab after the bullet
    assert any(line.startswith("• ") and len(line) > 120 for line in lines)  # wraps
    numbered = [line.split(".")[0] for line in lines if re.match(r"\d+\. ", line)]
    assert numbered == [str(n) for n in range(1, 11)]


def test_tour_images_are_small_pngs() -> None:
    assert _png_size(IMAGES / "tui-slides-logo.png") == (64, 64)
    width, height = _png_size(IMAGES / "terminal-slide.png")
    assert 150 <= width <= 260 and 90 <= height <= 160
    for image in IMAGES.iterdir():
        assert image.stat().st_size < 20 * 1024, image


# -- the other shapes ----------------------------------------------------------


def test_single_slide_shape() -> None:
    path = SHAPES / "single-slide.json5"
    value = json5.loads(path.read_text(encoding="utf-8"))
    assert isinstance(value, dict) and "content" in value and "slides" not in value
    deck = load_deck(path)
    assert [slide.name for slide in deck.slides] == ["One slide"]
    assert deck.slides[0].logo is not None and deck.slides[0].logo.exists


def test_array_shape() -> None:
    path = SHAPES / "array.json5"
    value = json5.loads(path.read_text(encoding="utf-8"))
    assert isinstance(value, list) and len(value) == 2
    deck = load_deck(path)
    assert [slide.id for slide in deck.slides] == ["1", "2"]


def test_folder_deck_order() -> None:
    """slide_now first, then IDs as dotted numbers, then natural file-name order."""
    deck = load_deck(FOLDER)
    order = [(Path(slide.source).name, slide.id, slide.slide_now) for slide in deck.slides]
    assert order == [
        ("zz-start.json5", "2", 1),  # slide_now, though its ID and file name come last
        ("b-dotted.json", "1.2", None),  # 1.2 < 1.10 as dotted numbers
        ("a-dotted.json5", "1.10", None),  # though "1.10" < "1.2" as text, and a- < b-
        ("notes-9.txt", "", None),  # no slide_now, no ID: natural order, 9 < 10
        ("notes-10.json5", "", None),
    ]
    files = sorted(path.name for path in FOLDER.iterdir())
    assert files == sorted(name for name, _, _ in order)  # every file is a slide
    assert files != [name for name, _, _ in order]  # and file order is not the order shown
    assert [slide.slide_max for slide in deck.slides] == [5, None, None, None, None]


def test_tour_demonstrates_reveal_and_notes(tour: Deck) -> None:
    """A slide with pauses, one that reveals its list item by item, and speaker notes."""
    paused = [s for s in tour.slides if sum(block.pause for block in s.content) >= 2]
    revealing = [s for s in tour.slides if any(block.reveal for block in s.content)]
    assert [s.name for s in paused] == ["Step by step"]
    assert paused[0].step_plan.count == 3
    assert [s.name for s in revealing] == ["The end"]
    assert revealing[0].step_plan.count == 3  # three items: one per step
    assert sum(bool(slide.notes) for slide in tour.slides) >= 3
    stepped = [slide for slide in tour.slides if slide.step_plan.count > 1]
    assert stepped == paused + revealing  # the other slides show whole, at once
