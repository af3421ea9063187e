"""A quick start: a large deck's first slide on screen before the other slides are read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app_support import make_app, slide_text, status
from tests.conftest import SEED
from tui_slides import cli
from tui_slides.app.options import PresenterOptions
from tui_slides.deck.errors import DeckLimitError, DeckSchemaError
from tui_slides.deck.loader import QUICK_START, Opening, load_deck, open_deck
from tui_slides.deck.model import Deck, Slide

COUNT = 400


def big_deck(tmp_path: Path, count: int = COUNT, **changes: object) -> Path:
    """A plain-JSON deck of ``count`` slides, over ``QUICK_START`` characters.

    ``changes`` replaces slides by position: ``{"s5": {...}}`` is the fifth.
    """
    slides: list[object] = [
        {
            "name": f"Slide {n}",
            "ID": f"1.{n}",
            "logo_title": "Logo",
            "content": [{"title": f"Title {n}", "block": "2", "text": "Обоснование. " * 60}],
        }
        for n in range(1, count + 1)
    ]
    for key, slide in changes.items():
        slides[int(key[1:]) - 1] = slide
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"theme": "nord", "slides": slides}, ensure_ascii=False), "utf-8")
    assert len(path.read_text("utf-8")) >= QUICK_START
    return path


def test_a_large_deck_opens_with_its_first_slide_and_stand_ins(tmp_path: Path) -> None:
    path = big_deck(tmp_path)
    deck, finish = open_deck(path)
    complete = load_deck(path)
    assert finish is not None
    assert len(deck) == COUNT and deck.theme == "nord" and deck.source == str(path)
    assert deck.slides[0] == complete.slides[0]
    assert set(deck.slides[1:]) == {Slide()}  # nothing read past the first slide
    assert finish() == complete


def test_an_array_of_slides_opens_the_same_way(tmp_path: Path) -> None:
    path = big_deck(tmp_path)
    slides = json.loads(path.read_text("utf-8"))["slides"]
    path.write_text(json.dumps(slides, ensure_ascii=False), "utf-8")
    deck, finish = open_deck(path)
    assert finish is not None and len(deck) == COUNT and deck.theme is None
    assert deck.slides[0] == load_deck(path).slides[0]
    assert finish() == load_deck(path)


def test_the_rest_brings_every_diagnostic_with_its_position(tmp_path: Path) -> None:
    late = {"name": "Late", "content": [{"title": 5, "text": "x", "colour": "red"}]}
    path = big_deck(tmp_path, s300=late)
    deck, finish = open_deck(path)
    assert deck.diagnostics == ()  # said once the rest is read, not twice
    assert finish is not None
    complete = finish()
    assert complete.diagnostics == load_deck(path).diagnostics
    found = [str(diagnostic) for diagnostic in complete.diagnostics]
    assert any("unknown block field 'colour'" in line for line in found)
    assert all(line.startswith(f"{path}:") and ":1:1:" not in line for line in found)


def test_a_deck_that_turns_out_not_to_load_fails_when_the_rest_is_read(tmp_path: Path) -> None:
    huge = {"content": [{"text": "x" * 1_000_001}]}
    path = big_deck(tmp_path, s200=huge)
    deck, finish = open_deck(path)
    assert len(deck) == COUNT and finish is not None
    with pytest.raises(DeckLimitError) as raised:
        finish()
    with pytest.raises(DeckLimitError) as whole:
        load_deck(path)
    assert str(raised.value) == str(whole.value)  # the same words, at the same place
    assert raised.value.col > 1


@pytest.mark.parametrize(
    "change",
    [
        {"s3": {"content": [{"text": "a map", "map": "51.1,71.4"}]}},  # the image protocol
        {"s3": {"content": {"text": "a picture", "img_path": "photo.png"}}},
        {"s3": {"logo_path": "logo.png", "content": []}},
        {"s3": "not a slide"},  # a deck error: said before the presenter starts
    ],
    ids=["map", "image", "logo", "bad slide"],
)
def test_decks_with_images_or_bad_slides_are_read_whole(
    tmp_path: Path, change: dict[str, object]
) -> None:
    path = big_deck(tmp_path, **change)
    if change["s3"] == "not a slide":
        with pytest.raises(DeckSchemaError):
            open_deck(path)
        return
    deck, finish = open_deck(path)
    assert finish is None and deck == load_deck(path)


def test_small_decks_folders_and_single_slides_are_read_whole(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"content": [{"text": "x " * QUICK_START}]}), "utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.json5").write_text("{ content: [{ text: 'a' }] }")
    for path in (SEED, single, folder):
        deck, finish = open_deck(path)
        assert finish is None and deck == load_deck(path)


async def test_the_presenter_reads_the_rest_once_the_first_slide_is_up(tmp_path: Path) -> None:
    path = big_deck(tmp_path)
    deck, finish = open_deck(path)
    assert finish is not None
    on_screen: list[str] = []

    def read_the_rest() -> Deck:
        on_screen.append(app.slides.status_bar.text)  # laid out and drawn by now
        assert app.slides.slide_view.blocks[0].region.height > 0
        return finish()

    app = make_app(deck, path, opening=Opening(deck, read_the_rest))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(on_screen) == 1 and on_screen[0].rstrip().endswith(f"1 / {COUNT}")
        assert app.slides.deck == load_deck(path)
        assert "Title 1" in slide_text(app)
        assert status(app).rstrip().endswith(f"1 / {COUNT}")
        await pilot.press("end")
        await pilot.pause()
        assert "Title 400" in slide_text(app)


async def test_the_presenter_ends_with_the_reason_when_the_rest_does_not_load(
    tmp_path: Path,
) -> None:
    path = big_deck(tmp_path, s200={"content": [{"text": "x" * 1_000_001}]})
    deck, finish = open_deck(path)
    app = make_app(deck, path, opening=Opening(deck, finish))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 1


def test_present_says_what_the_rest_found_once_the_presenter_ends(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import tui_slides.app

    path = big_deck(tmp_path, s300={"content": [{"title": ["not", "text"], "text": "x"}]})

    def presenter(deck: object, options: PresenterOptions) -> int:
        assert capsys.readouterr().err == ""  # nothing known yet
        assert options.opening is not None
        options.opening.complete()
        return 0

    monkeypatch.setattr(tui_slides.app, "run_presenter", presenter)
    assert cli.main([str(path)]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{path}:1:") and "'title' should be a string, not an array" in line


def test_present_from_another_slide_reads_the_whole_deck_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tui_slides.app

    seen: dict[str, object] = {}
    monkeypatch.setattr(
        tui_slides.app,
        "run_presenter",
        lambda deck, options: seen.update(vars(options), deck=deck) or 0,
    )
    path = big_deck(tmp_path)
    assert cli.main([str(path), "--slide", "1.250"]) == 0
    assert seen["opening"] is None and seen["start"] == 249
    assert seen["deck"] == load_deck(path)
