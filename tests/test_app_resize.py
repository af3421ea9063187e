"""Small terminals: the too-small notice, and no crash at any size or storm of resizes."""

from __future__ import annotations

import random

import pytest
from app_support import SEED, make_app, make_deck, status
from textual.events import Resize
from textual.geometry import Size

from tui_slides.app.screens.help import HelpScreen
from tui_slides.app.screens.slides import SlidesScreen
from tui_slides.app.screens.too_small import TooSmallScreen
from tui_slides.app.sizes import MIN_HEIGHT, MIN_WIDTH
from tui_slides.deck.model import Block, Deck, Layout, Slide


async def test_too_small_notice_comes_and_goes() -> None:
    app = make_app(path=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.resize_terminal(MIN_WIDTH - 1, 20)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        notice = str(app.screen.query_one("#too-small-notice").content)  # type: ignore[attr-defined]
        assert "Terminal too small" in notice
        assert f"{MIN_WIDTH - 1}x20, need {MIN_WIDTH}x{MIN_HEIGHT}" in notice
        await pilot.resize_terminal(50, MIN_HEIGHT - 1)
        await pilot.pause()
        notice = str(app.screen.query_one("#too-small-notice").content)  # type: ignore[attr-defined]
        assert f"50x{MIN_HEIGHT - 1}" in notice  # follows the size
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await pilot.pause()
        assert isinstance(app.screen, SlidesScreen)
        assert status(app).rstrip().endswith("1 / 1")


async def test_starting_in_a_tiny_terminal_shows_the_notice() -> None:
    app = make_app(make_deck(3))
    async with app.run_test(size=(10, 3)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


@pytest.mark.parametrize("size", [(1, 1), (2, 1), (12, 2)])
async def test_notice_never_scrolls(size: tuple[int, int]) -> None:
    # A scrollbar on the notice took a column, re-wrapped it, and looped forever at 60 fps.
    app = make_app(make_deck(3))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TooSmallScreen)
        assert not screen.show_vertical_scrollbar
        assert not screen.show_horizontal_scrollbar


async def test_notice_goes_over_an_overlay_and_gives_it_back() -> None:
    app = make_app(make_deck(3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize(
    "size", [(1, 1), (2, 1), (1, 2), (5, 2), (MIN_WIDTH, 1), (1, MIN_HEIGHT), (31, 7), (32, 8)]
)
async def test_no_crash_at_tiny_sizes(size: tuple[int, int]) -> None:
    app = make_app(path=SEED)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n", "space", "down", "o", "escape", "question_mark", "escape")
        await pilot.pause()
        assert app.is_running
        assert app.screen is not None


async def test_every_overlay_survives_shrinking_to_one_cell() -> None:
    app = make_app(make_deck(40))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("o", "slash", "question_mark", "b"):
            await pilot.press(key)
            for size in ((40, 10), (MIN_WIDTH, MIN_HEIGHT), (1, 1), (80, 24)):
                await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, SlidesScreen)


async def test_a_storm_of_resizes_settles() -> None:
    rng = random.Random(4)
    app = make_app(path=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(20):  # resizes a person makes, each one seen
            await pilot.resize_terminal(rng.randint(1, 200), rng.randint(1, 60))
        for _ in range(300):  # a storm: posted faster than they can be handled
            size = Size(rng.randint(1, 200), rng.randint(1, 60))
            app.post_message(Resize(size, size))
        await pilot.resize_terminal(90, 26)
        await pilot.pause(0.1)
        assert isinstance(app.screen, SlidesScreen)
        assert status(app).rstrip().endswith("1 / 1")
        assert len(app.screen_stack) == 1  # no notice left behind


async def test_after_a_resize_the_current_search_match_is_still_in_view() -> None:
    words = "with a run of words that fits on one line at 100, not at 60"  # each line 79 wide
    text = "\n".join(f"line {n:02} of a slide {words}" for n in range(60))
    slide = Slide(id="1", content=(Block(title="Long", text=text),), layout=Layout.STACK)
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"line 40 of", "enter")  # a search, its first match shown
        await pilot.pause(0.1)
        view = app.slides.slide_view

        def match_in_view() -> bool:
            block = view.blocks[0]
            lines = block.highlight.match_lines if block.highlight else []
            top = block.virtual_region.y + lines[0]
            return view.scroll_y <= top < view.scroll_y + view.scrollable_content_region.height

        assert view.scroll_y > 0 and match_in_view()
        await pilot.resize_terminal(60, 24)  # narrower: every line wraps, the match moves down
        await pilot.pause(0.1)
        assert match_in_view()
