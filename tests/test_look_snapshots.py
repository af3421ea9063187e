"""The look of each layout, pinned: the tour at three sizes, in a light theme, at 256 colours.

Which slides: the first (``layout: "title"``), "Structured text" (a long
``stack`` slide of lists), "Images" (``columns``: an image beside text;
stacked at 80 columns) and "Fields" (Markdown tables, in the light theme).
Each layout at 80x24, 100x30 and 160x50 in ``textual-dark``; then the
light theme and 256 colours at 100x30. Review changes in
``snapshot_report.html`` before ``pytest --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.filter import LineFilter

import tui_slides.app.app as app_module
from tui_slides.app.app import PresenterApp
from tui_slides.app.options import PresenterOptions
from tui_slides.deck.loader import load_deck


@pytest.fixture(autouse=True)
def _true_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same look whatever terminal runs the tests: Textual's console reads COLORTERM."""
    monkeypatch.setenv("COLORTERM", "truecolor")


TOUR = Path(__file__).resolve().parent.parent / "decks" / "tour.json5"
SLIDES = {
    "title": [],
    "stack": ["7", "enter"],
    "columns": ["8", "enter"],
    "markdown": ["5", "enter"],
}
"""Layout shown -> the keys that reach its slide of the tour from the first."""


def tour(theme: str = "textual-dark") -> PresenterApp:
    app = PresenterApp(load_deck(TOUR), PresenterOptions(TOUR, theme=theme, images="cells"))
    app.animation_level = "none"
    return app


class Palette256(LineFilter):
    """Every colour as a 256-colour terminal shows it (Rich's own downgrade of a true colour).

    The screenshot is taken in true colour; this filter draws it as it looks
    over SSH without ``COLORTERM``, where Textual's console has 256 colours.
    """

    def apply(self, segments: list[Segment], background: Any) -> list[Segment]:
        def down(style: Style | None) -> Style | None:
            if style is None:
                return None
            colours = {}
            for name in ("color", "bgcolor"):
                colour = getattr(style, name)
                if colour is not None and colour.triplet is not None:
                    low = colour.downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
                    colours[name] = f"#{low.red:02x}{low.green:02x}{low.blue:02x}"
            return style + Style(**colours) if colours else style

        return [Segment(text, down(style), control) for text, style, control in segments]


class Tour256(PresenterApp):
    """The tour as a terminal of 256 colours shows it."""

    CSS_PATH = str(Path(app_module.__file__).with_name("slides.tcss"))  # beside the app, not here

    def get_line_filters(self) -> list[LineFilter]:
        return [*super().get_line_filters(), Palette256()]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("layout", ["title", "stack", "columns"])
def test_layout(snap_compare: Any, layout: str, size: tuple[int, int]) -> None:
    assert snap_compare(tour(), press=SLIDES[layout], terminal_size=size)


@pytest.mark.parametrize("layout", ["title", "columns", "markdown"])
def test_light_theme_100x30(snap_compare: Any, layout: str) -> None:
    assert snap_compare(tour("textual-light"), press=SLIDES[layout], terminal_size=(100, 30))


@pytest.mark.parametrize("layout", ["stack", "markdown"])
def test_256_colours_100x30(
    snap_compare: Any, layout: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLORTERM")  # as over SSH: the app knows it has 256 colours
    monkeypatch.setenv("TERM", "xterm-256color")
    app = Tour256(load_deck(TOUR), PresenterOptions(TOUR, images="cells"))
    app.animation_level = "none"
    assert app.console.color_system == "256"
    assert snap_compare(app, press=SLIDES[layout], terminal_size=(100, 30))
