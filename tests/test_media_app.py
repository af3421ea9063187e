"""Media in the presenter: the logo in the status bar, the play key, images on slides."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tui_slides.app.app import PresenterApp
from tui_slides.loader import load_deck
from tui_slides.media import images
from tui_slides.media.opener import OpenResult

SIZE = (80, 30)

DECK = """{
  logo_title: "Acme",
  logo_path: "/img/logo.png",
  slides: [
    { name: "talk", content: [{ title: "Watch", video: "media/talk.mp4" },
                              { title: "Also", video: "https://example.org/b.mp4" }] },
    { name: "none", logo_path: "", content: [{ title: "Nothing to play" }] },
  ],
}
"""


@pytest.fixture
def deck_path(tmp_path: Path) -> Path:
    images.clear_cache()
    (tmp_path / "img").mkdir()
    Image.new("RGB", (8, 8), (255, 0, 0)).save(tmp_path / "img" / "logo.png")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "talk.mp4").write_bytes(b"\0" * 100)
    path = tmp_path / "deck.json5"
    path.write_text(DECK)
    return path


def _app(path: Path, images: str = "cells") -> PresenterApp:
    app = PresenterApp(load_deck(path), path, images=images)
    app.animation_level = "none"
    return app


class _Notes:
    """Records what the app tells the presenter (``App.notify``)."""

    def __init__(self, app: PresenterApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.messages: list[tuple[str, str]] = []

        def notify(message: str, **options: object) -> None:
            self.messages.append((message, str(options.get("severity", "information"))))

        monkeypatch.setattr(app, "notify", notify)


async def test_logo_sits_beside_the_logo_title(deck_path: Path) -> None:
    app = _app(deck_path)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.slides.status_bar
        assert bar.text.startswith(" ▀▀ Acme ")  # an 8x8 logo: 2 columns, one row
        assert bar.logo is not None
        assert {span.style.color.triplet.hex for span in bar.logo.spans} == {"#ff0000"}  # type: ignore[union-attr]
        await pilot.press("right")  # this slide turns the logo off
        assert bar.logo is None
        assert bar.text.startswith(" Acme ")


async def test_no_logo_picture_with_images_off(deck_path: Path) -> None:
    app = _app(deck_path, images="none")
    async with app.run_test(size=SIZE):
        assert app.slides.status_bar.logo is None
        assert app.slides.status_bar.text.startswith(" Acme ")


async def test_play_key_opens_the_first_video(
    deck_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_slides.app.screens.slides as slides_module

    opened: list[str] = []

    def fake_open(ref: object) -> OpenResult:
        opened.append(getattr(ref, "raw", ""))
        return OpenResult(True, "Opening media/talk.mp4…")

    monkeypatch.setattr(slides_module, "open_video", fake_open)
    app = _app(deck_path)
    notes = _Notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        assert opened == ["media/talk.mp4"]
        assert notes.messages == [("Opening media/talk.mp4…", "information")]
        await pilot.press("right", "v")
        assert opened == ["media/talk.mp4"]
        assert notes.messages[-1] == ("This slide has no video.", "information")


async def test_play_key_over_ssh_says_so(deck_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5555 10.0.0.2 22")
    app = _app(deck_path)
    notes = _Notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        assert notes.messages == [
            ("Running over SSH: cannot play media/talk.mp4 here; play it locally.", "warning")
        ]
