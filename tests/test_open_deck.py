"""A quick start: a large deck's first slide on screen before the other slides are read."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Generator
from pathlib import Path

import pytest

from tests.app_support import make_app, slide_text, status
from tests.conftest import SEED
from tui_slides import cli
from tui_slides.app.options import PresenterOptions
from tui_slides.commands import present
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
    opening = open_deck(path)
    deck, complete = opening.deck, load_deck(path)
    assert not opening.whole
    assert len(deck) == COUNT and deck.theme == "nord" and deck.source == str(path)
    assert deck.slides[0] == complete.slides[0]
    assert set(deck.slides[1:]) == {Slide()}  # nothing read past the first slide
    assert opening.complete() == complete
    assert opening.complete() is opening.complete()  # read once, then kept
    assert opening.deck is deck


def test_an_array_of_slides_opens_the_same_way(tmp_path: Path) -> None:
    path = big_deck(tmp_path)
    slides = json.loads(path.read_text("utf-8"))["slides"]
    path.write_text(json.dumps(slides, ensure_ascii=False), "utf-8")
    opening = open_deck(path)
    deck = opening.deck
    assert not opening.whole and len(deck) == COUNT and deck.theme is None
    assert deck.slides[0] == load_deck(path).slides[0]
    assert opening.complete() == load_deck(path)


def test_the_rest_brings_every_diagnostic_with_its_position(tmp_path: Path) -> None:
    late = {"name": "Late", "content": [{"title": 5, "text": "x", "colour": "red"}]}
    path = big_deck(tmp_path, s300=late)
    opening = open_deck(path)
    assert opening.deck.diagnostics == ()  # said once the rest is read, not twice
    complete = opening.complete()
    assert complete.diagnostics == load_deck(path).diagnostics
    found = [str(diagnostic) for diagnostic in complete.diagnostics]
    assert any("unknown block field 'colour'" in line for line in found)
    assert all(line.startswith(f"{path}:") and ":1:1:" not in line for line in found)


def test_a_deck_that_turns_out_not_to_load_fails_when_the_rest_is_read(tmp_path: Path) -> None:
    huge = {"content": [{"text": "x" * 1_000_001}]}
    path = big_deck(tmp_path, s200=huge)
    opening = open_deck(path)
    assert len(opening.deck) == COUNT and not opening.whole
    with pytest.raises(DeckLimitError) as raised:
        opening.complete()
    with pytest.raises(DeckLimitError) as whole:
        load_deck(path)
    assert str(raised.value) == str(whole.value)  # the same words, at the same place
    assert raised.value.col > 1
    with pytest.raises(DeckLimitError) as again:  # not read a second time
        opening.complete()
    assert again.value is raised.value


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
    opening = open_deck(path)
    assert opening.whole and opening.deck == load_deck(path)
    assert opening.complete() is opening.deck


def test_small_decks_folders_and_single_slides_are_read_whole(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"content": [{"text": "x " * QUICK_START}]}), "utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.json5").write_text("{ content: [{ text: 'a' }] }")
    for path in (SEED, single, folder):
        opening = open_deck(path)
        assert opening.whole and opening.deck == load_deck(path)
        assert opening.complete() is opening.deck


async def test_the_presenter_reads_the_rest_once_the_first_slide_is_up(tmp_path: Path) -> None:
    path = big_deck(tmp_path)
    opening = open_deck(path)
    on_screen: list[str] = []

    class Watched:  # the opening, noting what is on screen when the rest is read
        deck = opening.deck

        def complete_in_steps(self) -> Generator[None, None, Deck]:
            on_screen.append(app.slides.status_bar.text)  # laid out and drawn by now
            assert app.slides.slide_view.blocks[0].region.height > 0
            return (yield from opening.complete_in_steps())

    app = make_app(opening.deck, path, opening=Watched())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(on_screen) == 1 and on_screen[0].rstrip().endswith(f"1 / {COUNT}")
        assert app.slides.deck == load_deck(path)
        assert "Title 1" in slide_text(app)
        assert status(app).rstrip().endswith(f"1 / {COUNT}")
        await pilot.press("end")
        await pilot.pause()
        assert "Title 400" in slide_text(app)


async def test_keys_are_handled_while_the_rest_is_read_and_q_does_not_wait(
    tmp_path: Path,
) -> None:
    path = big_deck(tmp_path)
    opening = open_deck(path)
    read: list[int] = []

    steps = 3_000_000  # far more than the test takes, if keys are handled in between

    class Endless:  # an opening whose rest takes far longer to read than the test
        deck = opening.deck

        def complete_in_steps(self) -> Generator[None, None, Deck]:
            for _ in range(steps):
                read.append(1)
                yield
            return opening.complete()

    async def present() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause(0.05)
            assert status(app).rstrip().endswith(f"2 / {COUNT}")  # moved while reading
            await pilot.press("q")

    app = make_app(opening.deck, path, opening=Endless())
    await asyncio.wait_for(present(), timeout=30)  # bounded: a failure must not hang
    assert app.return_code == 0
    assert 0 < len(read) < steps  # quit while the rest was being read


def test_a_reading_in_steps_gives_the_same_deck_as_one_at_once(tmp_path: Path) -> None:
    path = big_deck(tmp_path)
    steps = open_deck(path).complete_in_steps(seconds=1e-9)  # a step a slide
    count = 0
    while True:
        try:
            next(steps)
            count += 1
        except StopIteration as done:
            assert done.value == load_deck(path)
            break
    assert count == COUNT  # a step after each slide, the first read again with the rest


async def test_the_presenter_ends_with_the_reason_when_the_rest_does_not_load(
    tmp_path: Path,
) -> None:
    path = big_deck(tmp_path, s200={"content": [{"text": "x" * 1_000_001}]})
    opening = open_deck(path)
    app = make_app(opening.deck, path, opening=opening)
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
    monkeypatch.setattr(present, "terminal_problem", lambda: None)  # as if on a terminal
    assert cli.main([str(path)]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{path}:1:") and "'title' should be a string, not an array" in line


def test_present_quit_before_the_rest_was_read_neither_reads_it_nor_says_anything(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import tui_slides.app

    path = big_deck(tmp_path, s300={"content": [{"title": ["not", "text"], "text": "x"}]})
    openings: list[Opening] = []

    def presenter(deck: object, options: PresenterOptions) -> int:
        assert options.opening is not None
        openings.append(options.opening)
        steps = options.opening.complete_in_steps(seconds=1e-9)
        next(steps)  # the presenter started reading the rest, then was quit
        steps.close()
        return 0

    monkeypatch.setattr(tui_slides.app, "run_presenter", presenter)
    monkeypatch.setattr(present, "terminal_problem", lambda: None)  # as if on a terminal
    assert cli.main([str(path)]) == 0
    assert capsys.readouterr().err == ""
    (opening,) = openings
    assert opening.completed is None  # not read after the presenter ended
    assert opening.complete() == load_deck(path)  # a reading left off can still be completed
    assert opening.completed is opening.complete()


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
    monkeypatch.setattr(present, "terminal_problem", lambda: None)  # as if on a terminal
    path = big_deck(tmp_path)
    assert cli.main([str(path), "--slide", "1.250"]) == 0
    assert seen["opening"] is None and seen["start"] == 249
    assert seen["deck"] == load_deck(path)


def test_present_counts_the_problems_it_printed_for_the_presenter_to_say(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A folder deck with a slide file that does not load: printed, then hidden by the
    presenter's screen; the presenter is told how many lines it should own up to."""
    import tui_slides.app

    folder = tmp_path / "talk"
    folder.mkdir()
    (folder / "01.json5").write_text("{content: [{text: 'One'}]}")
    (folder / "02.json5").write_text("[{content: [{text: 'Two'}]}, {}]")  # two slides: skipped
    (folder / "03.json5").write_text("{content: [{text: 'Three'}]}")
    given: list[PresenterOptions] = []
    monkeypatch.setattr(tui_slides.app, "run_presenter", lambda deck, o: given.append(o) or 0)
    monkeypatch.setattr(present, "terminal_problem", lambda: None)  # as if on a terminal
    assert cli.main([str(folder)]) == 0
    printed = capsys.readouterr().err.splitlines()
    (options,) = given
    assert any("02.json5" in line and "skipped" in line for line in printed)
    assert options.printed == len(printed) >= 1


async def test_the_presenter_says_the_problems_printed_under_its_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        type(make_app(Deck(slides=(Slide(content=()),), source="m"))),
        "notify",
        lambda self, message, **_: said.append(message),
    )
    quiet = make_app(Deck(slides=(Slide(content=()),), source="m"))
    async with quiet.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert not any("problem" in message for message in said)
    told = make_app(Deck(slides=(Slide(content=()),), source="m"), printed=2)
    async with told.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert [m for m in said if "problem" in m] == [
        f"{SEED.name}: 2 problems, printed in this terminal: shown when you quit;"
        f" tui-slides check {SEED} lists them"
    ]
