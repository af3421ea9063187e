"""Helpers for the console tests: a private runtime folder, a deck file, the two apps."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Static

from tui_slides.app.console.console_app import ConsoleApp

DECK = """{
  duration: "20m",
  slides: [
    { content: [{ title: "Title One", text: "Body one" }],
      notes: "Greet the room.\\n\\n- who we are\\n- why now" },
    { content: [{ title: "Title Two", text: "Body two" }], notes: "Second notes" },
    { content: [{ title: "Title Three", text: "Body three" }] },
    { content: [{ title: "Title Four", text: "Body four" }] },
    { content: [{ title: "Title Five", text: "Body five" }], notes: "Last words" },
  ],
}
"""
"""Five slides, some with notes, and a planned length."""


@pytest.fixture(name="runtime")
def runtime_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A short private ``XDG_RUNTIME_DIR`` (a socket's path must stay under ~100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="tsr"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(name="deck_file")
def deck_file_fixture(runtime: Path) -> Path:
    """The five-slide deck, as a file named ``talk.json5``."""
    path = runtime / "talk.json5"
    path.write_text(DECK, encoding="utf-8")
    return path


async def until(condition: Callable[[], object], *, turns: int = 2000) -> None:
    """Let both apps run until ``condition()`` holds; fail (never hang) if it does not."""
    for _ in range(turns):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError(f"never happened: {condition}")


def shown(app: ConsoleApp, selector: str) -> str:
    """What the console's widget ``selector`` draws on screen, as plain text lines."""
    widget = app.query_one(selector, Static)
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(strip.text.rstrip() for strip in strips)


class FakeClock:
    """A time source that moves only when told (for the talk's clock)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
