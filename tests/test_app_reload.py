"""Reload (``r``) and ``--watch``: same slide after reading again; errors keep the last deck."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from app_support import SEED, make_app, slide_text, status
from textual.pilot import Pilot

from tui_slides.app import app as app_module
from tui_slides.app.app import PresenterApp
from tui_slides.app.watch import deck_signature, problem_text
from tui_slides.deck.errors import DeckError, DeckSchemaError
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Deck

SIZE = (100, 30)


def write_deck(path: Path, *slides: tuple[str, str]) -> None:
    """A deck object of ``(ID, title)`` slides, written as JSON5."""
    items = ",\n".join(
        f"  {{ ID: '{sid}', name: 'N{sid}', content: [{{ title: '{title}', text: 'Body' }}] }}"
        for sid, title in slides
    )
    path.write_text(f"{{ logo_title: 'Logo', slides: [\n{items}\n] }}\n", encoding="utf-8")
    # Make sure the watcher sees a new modification time even on coarse clocks.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "talk.json5"
    write_deck(path, ("1", "One"), ("2", "Two"), ("3", "Three"))
    return path


async def test_reload_shows_the_new_text_on_the_same_slide(deck_file: Path) -> None:
    app = make_app(load_deck(deck_file), deck_file, start=1)
    async with app.run_test(size=SIZE) as pilot:
        assert "Two" in slide_text(app)
        write_deck(deck_file, ("1", "One"), ("2", "Two edited"), ("3", "Three"))
        await pilot.press("r")
        assert "Two edited" in slide_text(app)
        assert app.slides.index == 1


async def test_reload_says_how_many_problems_the_new_version_has_and_how_to_list_them(
    deck_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(PresenterApp, "notify", lambda self, message, **_: said.append(message))
    app = make_app(load_deck(deck_file), deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        deck_file.write_text("[{ content: ['a string, not a block'] }, { content: [] }]")
        await pilot.press("r")
    assert said == [
        "Reloaded talk.json5",
        f"Reloaded talk.json5 (1 problem: tui-slides check {deck_file} lists it)",
    ]


async def test_reload_follows_the_slide_by_id_when_slides_move(deck_file: Path) -> None:
    app = make_app(load_deck(deck_file), deck_file, start=1)
    async with app.run_test(size=SIZE) as pilot:
        write_deck(deck_file, ("0", "Zero"), ("1", "One"), ("3", "Three"), ("2", "Two"))
        await pilot.press("r")
        assert app.slides.index == 3  # slide "2" moved to the end
        assert "Two" in slide_text(app)
        assert status(app).rstrip().endswith("4 / 4")


async def test_reload_falls_back_to_the_position_when_the_id_is_gone(deck_file: Path) -> None:
    app = make_app(load_deck(deck_file), deck_file, start=2)
    async with app.run_test(size=SIZE) as pilot:
        write_deck(deck_file, ("7", "Seven"), ("8", "Eight"), ("9", "Nine"), ("10", "Ten"))
        await pilot.press("r")
        assert app.slides.index == 2
        assert "Nine" in slide_text(app)
        write_deck(deck_file, ("11", "Only"))
        await pilot.press("r")
        assert app.slides.index == 0  # the deck shrank: clamped
        assert "Only" in slide_text(app)


async def test_broken_file_keeps_the_last_good_deck_and_shows_why(deck_file: Path) -> None:
    strict = functools.partial(load_deck, strict=True)  # tolerant mode would close the brackets
    app = make_app(load_deck(deck_file), deck_file, start=1, loader=strict)
    async with app.run_test(size=SIZE) as pilot:
        deck_file.write_text("{ slides: [ { content: [ { title: 'x' } ] } ", encoding="utf-8")
        await pilot.press("r")
        panel = app.slides.query_one("#diagnostics")
        assert panel.display
        message = str(panel.content)  # type: ignore[attr-defined]
        assert "Reload failed; still showing the last good version." in message
        assert f"{deck_file}:1:" in message  # path:line:col
        assert "^" in message  # the caret under the column
        assert "Two" in slide_text(app)  # the last good deck is still on screen
        assert app.slides.index == 1
        await pilot.press("n")  # and still presentable
        assert "Three" in slide_text(app)
        write_deck(deck_file, ("1", "One"), ("2", "Two"), ("3", "Three fixed"))
        await pilot.press("r")
        assert not panel.display  # fixing the file recovers
        assert "Three fixed" in slide_text(app)


async def test_escape_hides_the_reload_error(deck_file: Path) -> None:
    app = make_app(load_deck(deck_file), deck_file)
    async with app.run_test(size=SIZE) as pilot:
        deck_file.write_bytes(b"\xff\xfe\x00broken")
        await pilot.press("r")
        panel = app.slides.query_one("#diagnostics")
        assert panel.display
        await pilot.press("escape")
        assert not panel.display


async def test_deleted_file_keeps_the_deck_and_says_so(deck_file: Path) -> None:
    app = make_app(load_deck(deck_file), deck_file)
    async with app.run_test(size=SIZE) as pilot:
        deck_file.unlink()
        await pilot.press("r")
        panel = app.slides.query_one("#diagnostics")
        assert panel.display
        assert "talk.json5" in str(panel.content)  # type: ignore[attr-defined]
        assert "One" in slide_text(app)
        await pilot.pause()  # drawn above the status bar, never under it (a short message hid)
        assert panel.region.height >= 3  # its border and both lines
        assert panel.region.bottom <= app.slides.status_bar.region.y


async def test_watch_reloads_when_the_file_changes(
    deck_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WATCH_INTERVAL", 0.05)
    app = make_app(load_deck(deck_file), deck_file, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert "One" in slide_text(app)  # nothing changed: nothing reloaded
        write_deck(deck_file, ("1", "One, watched"), ("2", "Two"))
        for _ in range(40):
            await pilot.pause(0.05)
            if "watched" in slide_text(app):
                break
        assert "One, watched" in slide_text(app)
        deck_file.write_text("{ broken", encoding="utf-8")
        os.utime(deck_file, ns=(0, 10**18))
        for _ in range(40):
            await pilot.pause(0.05)
            if app.slides.error_shown:
                break
        assert app.slides.error_shown
        assert "One, watched" in slide_text(app)


async def test_without_watch_nothing_polls(
    deck_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WATCH_INTERVAL", 0.05)
    app = make_app(load_deck(deck_file), deck_file)
    async with app.run_test(size=SIZE) as pilot:
        write_deck(
            deck_file,
            ("1", "Changed"),
        )
        await pilot.pause(0.3)
        assert "Changed" not in slide_text(app)


def test_deck_signature_of_a_file_and_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "deck"
    folder.mkdir()
    shutil.copy(SEED, folder / "01.json5")
    (folder / "notes.md").write_text("not a slide", encoding="utf-8")
    (folder / ".hidden.json5").write_text("{}", encoding="utf-8")
    first = deck_signature(folder)
    assert [name for name, _, _ in first] == ["01.json5"]
    (folder / "notes.md").write_text("still not a slide", encoding="utf-8")
    assert deck_signature(folder) == first  # other files do not count
    (folder / "02.json").write_text("{}", encoding="utf-8")
    assert [name for name, _, _ in deck_signature(folder)] == ["01.json5", "02.json"]
    single = deck_signature(folder / "01.json5")
    assert single[0][2] == SEED.stat().st_size
    assert deck_signature(tmp_path / "missing.json5") == ()


def test_watch_sees_every_file_the_loader_reads_from_a_folder(tmp_path: Path) -> None:
    """One rule for both (``loader.is_slide_file``): an upper-case suffix is a slide too."""
    for name in ("a.json5", "Slide1.JSON5", "b.TXT", ".hidden.json5", "notes.md"):
        (tmp_path / name).write_text("{ content: [{ text: 'x' }] }", "utf-8")
    watched = {name for name, _, _ in deck_signature(tmp_path)}
    assert watched == {"a.json5", "Slide1.JSON5", "b.TXT"}
    assert len(load_deck(tmp_path)) == len(watched)


def test_deck_signature_sees_upper_case_suffixes_as_the_loader_does(tmp_path: Path) -> None:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "Slide1.JSON5").write_text("{ content: [{ title: 'One' }] }", encoding="utf-8")
    (folder / "slide2.Json").write_text('{ "content": [{ "title": "Two" }] }', encoding="utf-8")
    (folder / "notes.MD").write_text("no", encoding="utf-8")
    assert [name for name, _, _ in deck_signature(folder)] == ["Slide1.JSON5", "slide2.Json"]
    assert len(load_deck(folder)) == 2  # the loader reads both: the watcher looks at both


def in_time(function: Callable[[], object], seconds: float = 5.0) -> object:
    """``function()``'s value, failing (not hanging) if it takes longer than ``seconds``."""
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(function()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"{function} blocked"
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_nothing_the_watcher_does_opens_a_fifo_in_the_decks_place(tmp_path: Path) -> None:
    fifo = tmp_path / "talk.json5"
    os.mkfifo(fifo)
    signature = in_time(lambda: deck_signature(fifo))
    assert signature == (("talk.json5", fifo.stat().st_mtime_ns, 0),)
    error = DeckSchemaError(str(fifo), "not a deck", line=3, col=2)
    assert in_time(lambda: problem_text(error)) == str(error)  # no line to show: not read


async def test_any_failure_of_a_reload_keeps_the_deck_and_shows_why(deck_file: Path) -> None:
    def broken(path: Path) -> Deck:
        raise RuntimeError("the loader tripped")

    app = make_app(load_deck(deck_file), deck_file, loader=broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert app.is_running
        panel = app.slides.query_one("#diagnostics")
        assert "RuntimeError: the loader tripped" in str(panel.content)  # type: ignore[attr-defined]
        await pilot.press("n")
        assert "Two" in slide_text(app)


async def test_the_reload_error_shows_the_caret_line_for_a_deck_error(deck_file: Path) -> None:
    app = make_app(load_deck(deck_file), deck_file)
    async with app.run_test(size=SIZE) as pilot:
        deck_file.write_text("{\n  logo_title: 'x',\n  slides: 5,\n}\n", encoding="utf-8")
        await pilot.press("r")
        message = str(app.slides.query_one("#diagnostics").content)  # type: ignore[attr-defined]
        assert f"{deck_file}:3:11: error:" in message
        assert message.endswith("\n    slides: 5,\n            ^")


def test_problem_text_keeps_a_syntax_errors_own_caret_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json5"
    path.write_text("{ slides: [ ] ]", encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert problem_text(caught.value) == str(caught.value)
    assert str(caught.value).count("^") == 1


async def watch_until(pilot: Pilot[int], done: Callable[[], bool]) -> None:
    for _ in range(40):
        await pilot.pause(0.05)
        if done():
            return


async def test_watch_does_not_take_a_half_written_file_and_says_so(
    deck_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WATCH_INTERVAL", 0.05)
    said: list[str] = []
    monkeypatch.setattr(PresenterApp, "notify", lambda self, message, **_: said.append(message))
    app = make_app(load_deck(deck_file), deck_file, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        whole = deck_file.read_text(encoding="utf-8")
        deck_file.write_text(whole[: whole.index("  { ID: '2'")], encoding="utf-8")  # mid-write
        assert len(load_deck(deck_file)) == 1  # tolerant loading would take it
        os.utime(deck_file, ns=(0, 10**18))
        await watch_until(pilot, lambda: bool(said))
        assert said and "half-written" in said[0] and "waiting for the next change" in said[0]
        assert status(app).rstrip().endswith("1 / 3")  # the last good deck stays
        assert not app.slides.error_shown
        write_deck(deck_file, ("1", "One, finished"), ("2", "Two"))
        await watch_until(pilot, lambda: "finished" in slide_text(app))
        assert "One, finished" in slide_text(app)
        assert status(app).rstrip().endswith("1 / 2")


async def test_r_takes_a_repaired_file_the_watcher_would_wait_for(deck_file: Path) -> None:
    app = make_app(load_deck(deck_file), deck_file)
    async with app.run_test(size=SIZE) as pilot:
        deck_file.write_text(
            "{ slides: [ { content: [ { title: 'Repaired' } ] } ", encoding="utf-8"
        )
        await pilot.press("r")
        assert "Repaired" in slide_text(app)


async def test_watch_on_a_folder_sees_an_upper_case_suffix_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WATCH_INTERVAL", 0.05)
    folder = tmp_path / "deck"
    folder.mkdir()
    slide = folder / "Slide1.JSON5"
    slide.write_text("{ content: [{ title: 'Before' }] }", encoding="utf-8")
    app = make_app(load_deck(folder), folder, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        slide.write_text("{ content: [{ title: 'After' }] }", encoding="utf-8")
        os.utime(slide, ns=(0, 10**18))
        await watch_until(pilot, lambda: "After" in slide_text(app))
        assert "After" in slide_text(app)
