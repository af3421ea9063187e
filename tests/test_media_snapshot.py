"""The half-block fallback, pinned: a slide with an image and a logo, drawn in cells.

Review changes in ``snapshot_report.html`` before ``pytest --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from tui_slides.app.app import PresenterApp
from tui_slides.app.options import PresenterOptions
from tui_slides.deck.loader import load_deck
from tui_slides.media import images

DECK = """{
  logo_title: "Acme",
  logo_path: "logo.png",
  content: [
    { title: "Sunset", text: "Drawn in half blocks: works in tmux and over SSH.",
      img_path: "sunset.png" },
  ],
}
"""


@pytest.fixture(autouse=True)
def _true_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same look whatever terminal runs the tests: Textual's console reads COLORTERM."""
    monkeypatch.setenv("COLORTERM", "truecolor")


def _pictures(folder: Path) -> None:
    sunset = Image.new("RGB", (64, 32), (20, 30, 90))
    draw = ImageDraw.Draw(sunset)
    for row in range(16, 32):
        draw.line((0, row, 63, row), fill=(200 - row * 4, 80, 40))
    draw.ellipse((24, 6, 40, 22), fill=(250, 200, 60))
    sunset.save(folder / "sunset.png")
    logo = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    ImageDraw.Draw(logo).rectangle((0, 0, 7, 7), fill=(0, 160, 80, 255))
    logo.save(folder / "logo.png")


def test_cells_fallback_80x24(snap_compare: Any, tmp_path: Path) -> None:
    images.clear_cache()
    _pictures(tmp_path)
    path = tmp_path / "deck.json5"
    path.write_text(DECK)
    app = PresenterApp(load_deck(path), PresenterOptions(path, images="cells"))
    app.animation_level = "none"
    app.theme = "textual-dark"
    assert snap_compare(app, terminal_size=(80, 24))
