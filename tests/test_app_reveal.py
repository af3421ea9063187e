"""Incremental reveal on screen: hidden blocks keep their place, nothing moves as steps appear,
the status bar counts the steps, and jumps (overview, --slide, back) show slides complete."""

from __future__ import annotations

import itertools
from pathlib import Path

from app_support import make_app, status

from tests.conftest import DECKS
from tui_slides.app.app import PresenterApp
from tui_slides.cli import main
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Reveal, Slide

SIZE = (80, 40)

REVEALING = Slide(
    name="Steps",
    id="2",
    content=(
        Block(title="Always", text="Shown from the start, long enough to wrap on a narrow screen."),
        Block(title="Paused", text="Zebra appears on the second step.", pause=True),
        Block(
            title="Items",
            text="Lead:\n- Alpha first\n- Bravo second\n    - nested in Bravo\n"
            "- Charlie third\nAfter.",
            reveal=Reveal.ITEMS,
        ),
        Block(title="Closing", text="Yankee closes the slide."),
    ),
)
"""Steps: 0 Always; 1 + Paused, Items with Alpha; 2 + Bravo; 3 + Charlie, After, Closing."""
DECK = Deck(
    slides=(
        Slide(name="One", id="1", content=(Block(title="First", text="No steps."),)),
        REVEALING,
        Slide(name="Three", id="3", content=(Block(title="Last", text="No steps."),)),
    ),
    source="mem",
)


def screen_lines(app: PresenterApp) -> dict[int, str]:
    """Every non-blank line of the visible blocks, by its y on screen."""
    lines: dict[int, str] = {}
    for view in app.slides.slide_view.blocks:
        if view.styles.visibility == "hidden" or not view.display:
            continue
        top = view.region.y
        for y in range(view.region.height):
            text = view.render_line(y).text.rstrip()
            if text:
                lines[top + y] = text
    return lines


def on_screen(app: PresenterApp) -> str:
    """The screen as drawn (an SVG screenshot: hidden widgets draw nothing); look for words."""
    return app.export_screenshot()


async def test_each_step_adds_text_and_nothing_on_screen_moves() -> None:
    app = make_app(DECK, start=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = []
        for step in range(4):
            assert app.presentation.step == step
            seen.append(screen_lines(app))
            await pilot.press("right")
            await pilot.pause()
        assert app.presentation.index == 2  # from the last step: the next slide
        for before, after in itertools.pairwise(seen):
            assert before.items() <= after.items()  # every line stays where it was
            assert len(after) > len(before)
        words = ["Always", "Zebra", "Alpha", "Bravo", "Charlie", "Yankee"]
        first_step = [word for word in words if any(word in line for line in seen[0].values())]
        assert first_step == ["Always"]
        assert all(any(word in line for line in seen[3].values()) for word in words)


async def test_hidden_text_is_not_drawn_on_the_screen() -> None:
    app = make_app(DECK, start=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = on_screen(app)
        assert "Always" in screen and "Zebra" not in screen and "Items" not in screen
        await pilot.press("right")
        await pilot.pause()
        screen = on_screen(app)
        assert "Zebra" in screen and "Alpha" in screen and "Bravo" not in screen
        assert "Lead:" in screen and "Yankee" not in screen


async def test_the_status_bar_counts_the_steps_only_on_a_slide_with_steps() -> None:
    app = make_app(DECK)
    async with app.run_test(size=SIZE) as pilot:
        assert status(app).endswith(" 1 / 3 ")
        await pilot.press("right")
        await pilot.pause()
        assert status(app).endswith(" 2 / 3 ●○○○ ")
        await pilot.press("right", "right")
        await pilot.pause()
        assert status(app).endswith(" 2 / 3 ●●●○ ")
        await pilot.press("left")
        await pilot.pause()
        assert status(app).endswith(" 2 / 3 ●●○○ ")


async def test_back_from_the_next_slide_shows_it_complete_then_steps_back() -> None:
    app = make_app(DECK, start=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left")
        await pilot.pause()
        assert (app.presentation.index, app.presentation.step) == (1, 3)
        assert "Yankee" in on_screen(app)
        await pilot.press("left")
        await pilot.pause()
        assert "Yankee" not in on_screen(app) and "Bravo" in on_screen(app)


async def test_the_overview_jumps_to_a_slide_complete() -> None:
    app = make_app(DECK)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "down", "enter")
        await pilot.pause()
        assert (app.presentation.index, app.presentation.step) == (1, 3)
        assert "Yankee" in on_screen(app)


async def test_starting_with_slide_shows_it_complete() -> None:
    app = make_app(DECK, start=1, start_complete=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Charlie" in on_screen(app)
        assert status(app).endswith(" 2 / 3 ●●●● ")


async def test_a_search_match_in_a_hidden_item_shows_the_slide_complete() -> None:
    app = make_app(DECK)
    async with app.run_test(size=SIZE) as pilot:
        app.presentation.search("Charlie")
        await pilot.press("f3")
        await pilot.pause()
        assert (app.presentation.index, app.presentation.step) == (1, 3)


async def test_the_tour_reveal_slide_steps_through_its_blocks() -> None:
    tour = load_deck(DECKS / "tour.json5")
    index = tour.find("1.11")
    assert index is not None
    app = make_app(tour, path=DECKS / "tour.json5", start=index)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.presentation.steps == 3
        hidden = [view.styles.visibility == "hidden" for view in app.slides.slide_view.blocks]
        assert hidden == [False, True, True]
        await pilot.press("right", "right")
        await pilot.pause()
        hidden = [view.styles.visibility == "hidden" for view in app.slides.slide_view.blocks]
        assert hidden == [False, False, False]


def test_show_prints_every_slide_complete(capsys: object, tmp_path: Path) -> None:
    assert main(["show", str(DECKS / "tour.json5"), "--slide", "1.11", "--width", "100"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    for title in ("Step by step", "pause", "reveal"):
        assert title in out
    assert main(["show", str(DECKS / "tour.json5"), "--slide", "1.12", "--width", "100"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert all(item in out for item in ("present your own", "see the other", "read the reference"))


async def test_a_step_that_appears_below_the_screen_is_scrolled_into_view() -> None:
    long = "\n".join(f"Line {n} of the top block" for n in range(1, 31))
    slide = Slide(
        content=(Block(title="Top", text=long), Block(title="Below", text="Quebec", pause=True))
    )
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.slides.slide_view.scroll_y == 0
        await pilot.press("right")
        await pilot.pause()
        view = app.slides.slide_view
        assert view.scroll_y > 0 and "Quebec" in on_screen(app)
        await pilot.press("left")  # back a step: the scroll stays where it is
        await pilot.pause()
        assert view.scroll_y > 0


async def test_space_steps_on_rather_than_page_through_the_place_of_hidden_blocks() -> None:
    long = "\n".join(f"Line {n} of the hidden block" for n in range(1, 61))
    slide = Slide(
        content=(Block(title="Top", text="Short."), Block(title="Later", text=long, pause=True))
    )
    app = make_app(Deck(slides=(slide, REVEALING), source="mem"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        assert view.max_scroll_y > 0  # the hidden block keeps its place
        await pilot.press("space")
        await pilot.pause()
        assert app.presentation.step == 1  # shown, not a page of blank scrolled to
        assert "Line 1 of the hidden" in on_screen(app).replace("&#160;", " ")  # from its top
        before = view.scroll_y
        await pilot.press("space")  # the slide complete now: Space pages through it
        await pilot.pause()
        assert app.presentation.index == 0 and view.scroll_y > before


async def test_back_a_step_a_view_scrolled_into_what_went_comes_up_to_what_stays() -> None:
    """Stepping back from a long block scrolled into, the screen shows the slide's shown end,
    not the blank place the block keeps; and Down never scrolls into that blank place."""
    top = "\n".join(f"Line {n} of the top block" for n in range(1, 31))
    long = "\n".join(f"Line {n} of the hidden block" for n in range(1, 61))
    slide = Slide(
        content=(Block(title="Top", text=top), Block(title="Later", text=long, pause=True))
    )
    app = make_app(Deck(slides=(slide, REVEALING), source="mem"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        for _ in range(30):
            await pilot.press("down")
        await pilot.pause()
        assert 0 < view.scroll_y == app.slides.shown_end()  # the top block's end, no further
        await pilot.press("right", "space", "space")  # the long block, paged into
        await pilot.pause()
        assert app.presentation.step == 1 and view.scroll_y > view.blocks[1].virtual_region.y
        await pilot.press("left")  # back a step
        await pilot.pause()
        assert app.presentation.step == 0
        assert 0 < view.scroll_y == app.slides.shown_end()  # the top block's end at the bottom
        assert "Line 30 of the top block" in on_screen(app).replace("&#160;", " ")


async def test_more_below_leaves_out_the_blank_place_of_later_steps() -> None:
    long = "\n".join(f"Line {n} of the hidden block" for n in range(1, 61))
    slide = Slide(
        content=(Block(title="Top", text="Short."), Block(title="Later", text=long, pause=True))
    )
    app = make_app(Deck(slides=(slide, REVEALING), source="mem"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "more" not in status(app)  # only blank below: nothing to scroll to yet
        await pilot.press("right")
        await pilot.pause()
        assert "▼" in status(app)  # the block shown now goes on below
        await pilot.press("left")
        await pilot.pause()
        assert "▼" not in status(app)


async def test_a_slide_after_one_with_hidden_blocks_shows_all_of_its_own() -> None:
    plain = Slide(content=tuple(Block(title=f"Plain {n}") for n in range(3)))
    stepped = Slide(content=(Block(title="A"), Block(title="B", pause=True), Block(title="C")))
    app = make_app(Deck(slides=(plain, stepped), source="mem"), start=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        views = app.slides.slide_view.blocks
        assert [v.styles.visibility for v in views] == ["visible", "hidden", "hidden"]
        await pilot.press("left")  # the same three block widgets, for a slide of one step
        await pilot.pause()
        assert [v.styles.visibility for v in app.slides.slide_view.blocks] == ["visible"] * 3
        assert "Plain 2" in on_screen(app).replace("&#160;", " ")


async def test_space_pages_a_long_slide_to_the_end_of_what_is_shown_not_into_its_blank() -> None:
    long = "\n".join(f"Line {n}" for n in range(40))
    slide = Slide(
        content=(Block(title="Long", text=long), Block(title="Later", text="soon", pause=True))
    )
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        end = app.slides.shown_end()
        assert end > view.scrollable_content_region.height  # two pages and more to the end
        tops = []
        while app.presentation.step == 0 and len(tops) < 10:
            await pilot.press("space")
            await pilot.pause()
            tops.append(view.scroll_y)
        assert tops[-2] == end == max(tops[:-1])  # up to the end of the text, no further
        assert tops[0] == view.scrollable_content_region.height  # a page at a time till then
        assert app.presentation.step == 1
