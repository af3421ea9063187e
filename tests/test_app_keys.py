"""Keys clickers and new users send: Shift+F3 as F15, PageUp and Shift+Space, Home."""

from __future__ import annotations

from app_support import make_app, make_deck, slide_text
from rich.text import Text
from textual.widgets import OptionList

from tui_slides.deck.model import Block, Deck, Slide

SIZE = (80, 24)


async def test_f15_is_shift_f3_in_xterm_and_tmux() -> None:
    app = make_app(make_deck(5), start=2)
    async with app.run_test(size=SIZE) as pilot:
        app.presentation.search("Body of slide")  # one match on every slide
        steps = (("f15", 2), ("f15", 1), ("shift+f3", 0), ("f15", 4), ("f3", 0))
        for key, index in steps:
            await pilot.press(key)
            assert app.slides.index == index, key


async def test_page_up_scrolls_a_long_slide_up_before_going_back() -> None:
    app = make_app(make_deck(3, long_at=2), start=1)
    async with app.run_test(size=SIZE) as pilot:
        view = app.slides.slide_view
        await pilot.press("space", "space")
        await pilot.pause()
        low = view.scroll_y
        assert low > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert 0 < view.scroll_y < low or view.scroll_y == 0
        assert app.slides.index == 1  # still on the long slide
        for _ in range(5):
            if view.scroll_y == 0:
                break
            await pilot.press("pageup")
            await pilot.pause()
        assert view.scroll_y == 0 and app.slides.index == 1
        await pilot.press("pageup")  # at its top: the previous slide
        assert app.slides.index == 0


async def test_shift_space_pages_up_as_space_pages_down() -> None:
    app = make_app(make_deck(2, long_at=2), start=1)
    async with app.run_test(size=SIZE) as pilot:
        view = app.slides.slide_view
        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("shift+space")
        await pilot.pause()
        assert view.scroll_y == 0 and app.slides.index == 1
        await pilot.press("shift+space")
        assert app.slides.index == 0


async def test_home_on_the_first_slide_goes_to_its_top() -> None:
    app = make_app(make_deck(3, long_at=1))
    async with app.run_test(size=SIZE) as pilot:
        view = app.slides.slide_view
        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_y == 0 and app.slides.index == 0
        assert "Line 1 of a long slide" in slide_text(app)


async def test_a_typed_number_then_home_or_end_goes_to_that_slide() -> None:
    app = make_app(make_deck(9))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "home")
        assert app.slides.index == 3
        await pilot.press("7", "end")
        assert app.slides.index == 6
        await pilot.press("end")
        assert app.slides.index == 8
        await pilot.press("home")
        assert app.slides.index == 0


LONG_TITLE = "A title far longer than any terminal row in this test, " * 3


def list_lines(app: object, count: int) -> list[str]:
    """The first ``count`` lines the picker's list shows, as plain text."""
    options = app.screen.query_one("#picker-list", OptionList)  # type: ignore[attr-defined]
    return [options.render_line(y).text.rstrip() for y in range(count)]


async def test_overview_rows_are_cut_with_an_ellipsis_not_wrapped() -> None:
    blocks = (Block(title=LONG_TITLE, text="x"),)
    slides = tuple(Slide(id=f"1.{n}", name=f"S{n}", content=blocks) for n in range(1, 4))
    app = make_app(Deck(slides=slides, source="mem"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        lines = list_lines(app, 3)
        assert [line.split()[0] for line in lines] == ["1", "2", "3"]  # one line per slide
        assert all(line.endswith("…") for line in lines)


async def test_search_rows_are_cut_with_an_ellipsis_not_wrapped() -> None:
    text = " ".join(f"word{n}" for n in range(40))
    slides = tuple(Slide(id=str(n), content=(Block(text=text),)) for n in range(1, 4))
    app = make_app(Deck(slides=slides, source="mem"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("slash", *"word20")
        await pilot.pause()
        lines = list_lines(app, 3)
        assert [line.split()[0] for line in lines] == ["1", "2", "3"]
        assert all(line.endswith("…") and "word" in line for line in lines)
        assert Text(lines[0]).cell_len <= 60
