"""Reload (``r``) and ``--watch``: same slide after reading again; errors keep the last deck."""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest
from app_support import SEED, make_app, slide_text, status

from tui_slides.app import app as app_module
from tui_slides.app.app import deck_signature
from tui_slides.deck.loader import load_deck

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
