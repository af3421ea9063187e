"""The status bar's one line under any slide name: the counter always shows, the name gives way."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import LONG_TEXT, make_app, status

from tui_slides.app.app import PresenterApp
from tui_slides.app.options import PresenterOptions
from tui_slides.app.screens.overview import overview_row
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Layout, Slide

TOUR = Path(__file__).resolve().parent.parent / "decks" / "tour.json5"
LONG_NAME = "An equally long slide name that keeps going and going and going and going on"


def _deck(*names: str, logo: str = "Logo", text: str = "y\nz") -> Deck:
    slides = tuple(
        Slide(name=name, logo_title=logo, content=(Block(title="x", text=text),),
              layout=Layout.STACK)
        for name in names
    )  # fmt: skip
    return Deck(slides=slides, source="mem")


@pytest.mark.parametrize("width", [60, 80])
async def test_a_long_name_is_cut_and_the_logo_and_counter_stay(width: int) -> None:
    app = make_app(_deck(LONG_NAME, "x"))
    async with app.run_test(size=(width, 24)):
        line = status(app)
        assert len(line) == width
        assert line.startswith(" Logo ")
        assert line.endswith(" 1 / 2 ")
        assert "An equally long" in line
        assert "…" in line


async def test_a_long_name_on_a_long_slide_keeps_the_hint_and_the_counter() -> None:
    app = make_app(_deck(LONG_NAME, text=LONG_TEXT))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = status(app)
        assert len(line) == 80
        assert line.startswith(" Logo ")
        assert line.endswith("▼ more below  1 / 1 ")


async def test_a_long_name_of_wide_characters_keeps_the_counter() -> None:
    app = make_app(_deck("日本語の長いスライドの名前ですね" * 4, "x"))
    async with app.run_test(size=(80, 24)):
        line = status(app)
        assert line.startswith(" Logo ")
        assert line.endswith(" 1 / 2 ")


async def test_line_breaks_and_tabs_in_names_stay_on_the_one_line() -> None:
    app = make_app(_deck("First line\nsecond", "tab\there", logo="Logo\nsecond"))
    async with app.run_test(size=(100, 30)) as pilot:
        line = status(app)
        assert "\n" not in line
        assert "Logo␊second" in line
        assert "First line␊second" in line
        assert line.endswith(" 1 / 2 ")
        await pilot.press("n")
        assert "tab␉here" in status(app)
        assert status(app).endswith(" 2 / 2 ")


def test_an_overview_row_is_one_line_whatever_the_name_and_title() -> None:
    slide = Slide(name="First\nsecond", id="1\t2", content=(Block(title="Line one\nLine two"),))
    row = overview_row(slide, 1, 2).plain
    assert "\n" not in row
    assert "\t" not in row
    assert "First␊second" in row
    assert "Line one␊Line two" in row


async def test_a_notification_leaves_the_status_bar_in_view() -> None:
    app = make_app(_deck("S1", "S2"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("Something to say, at some length so that it wraps on two lines or more")
        await pilot.pause(0.2)
        (toast,) = app.screen.query("Toast")  # Textual's notification, by its CSS type
        bar = app.slides.status_bar.region
        assert toast.region.bottom <= bar.y


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize(
    ("keys", "box"),
    [(("question_mark",), "#help-box"), (("o",), "#picker-box"), (("slash",), "#picker-box")],
)
async def test_the_overlays_leave_the_status_bar_in_sight(
    size: tuple[int, int], keys: tuple[str, ...], box: str
) -> None:
    app = PresenterApp(load_deck(TOUR), PresenterOptions(TOUR, images="none"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = app.slides.status_bar.region
        await pilot.press(*keys)
        await pilot.pause()
        drawn = app.screen.query_one(box).region
        assert drawn.height > 10  # the overlay is up, and tall
        assert drawn.bottom <= bar.y  # the bar and its progress line (its top row) in sight


def _part_colours(app: PresenterApp) -> tuple[object, object]:
    """The colours the bar draws its counter and its progress line in."""
    bar = app.slides.status_bar
    line = bar.info_line()
    at = line.plain.index("1 / 2")
    counter = [span.style for span in line.spans if span.start <= at < span.end]
    progress = bar.progress_line().spans[0].style
    return counter[-1].color, progress.color  # type: ignore[union-attr]


async def test_the_bar_takes_the_colours_of_a_theme_set_while_presenting() -> None:
    """The parts' styles are kept between slide changes, and worked out again on a new theme."""
    nord = make_app(_deck("a", "b"), theme="nord")
    async with nord.run_test(size=(80, 24)):
        in_nord = _part_colours(nord)
    app = make_app(_deck("a", "b"), theme="gruvbox")
    async with app.run_test(size=(80, 24)) as pilot:
        in_gruvbox = _part_colours(app)
        assert in_gruvbox[0] != in_nord[0] and in_gruvbox[1] != in_nord[1]
        app.theme = "nord"
        await pilot.pause()
        assert _part_colours(app) == in_nord


async def test_the_bar_draws_each_change_of_what_it_shows() -> None:
    """The drawn rows (kept between refreshes) follow every change: slide, prompt, progress."""
    app = make_app(_deck("first", "second", "third"))
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.slides.status_bar

        def drawn() -> tuple[str, str]:
            return bar.render_line(0).text, bar.render_line(1).text

        assert drawn() == (bar.progress_line().plain, status(app))
        assert "first" in drawn()[1] and drawn()[0].count("▁") == 80 // 3
        await pilot.press("n")
        assert "second" in drawn()[1] and " 2 / 3 " in drawn()[1]
        assert drawn()[0].count("▁") == 80 * 2 // 3
        await pilot.press("3")
        assert "Go to slide 3" in drawn()[1]
        await pilot.press("enter")
        assert drawn() == ("▁" * 80, status(app)) and " 3 / 3 " in drawn()[1]
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert drawn() == ("▁" * 60, status(app)) and len(drawn()[1]) == 60
