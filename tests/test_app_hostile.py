"""The presenter on slides no screen can show whole: bounded, scrollable, and ``q`` still quits."""

from __future__ import annotations

from app_support import make_app, slide_text, status
from textual.widgets import Static

from tui_slides.app.shown import EMPTY_SLIDE_TEXT, MAX_BLOCKS, MAX_LINES, TRUNCATED
from tui_slides.app.slide_view import BlockView
from tui_slides.deck.model import Block, Deck, Slide

SIZE = (80, 24)


def _deck(*slides: Slide) -> Deck:
    return Deck(slides=slides, source="mem")


def _many_blocks(count: int = 100_000) -> Slide:
    return Slide(name="many", content=tuple(Block(text=f"block {n}") for n in range(count)))


async def test_a_slide_of_100000_blocks_shows_a_bounded_part_scrolls_and_says_what_is_out() -> None:
    app = make_app(_deck(_many_blocks(), Slide(name="after", content=(Block(text="After"),))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        assert len(view.blocks) == MAX_BLOCKS
        assert len(view.query(BlockView)) == MAX_BLOCKS  # no widget per block of the 100,000
        assert "block 0" in slide_text(app)
        assert view.truncated_notice == f"… {100_000 - MAX_BLOCKS:,} more blocks {TRUNCATED}"
        end = app.slides.shown_end()  # the notice's last line at the bottom (not its margin)
        for _ in range(MAX_BLOCKS):  # Space pages down to the end of the slide, then moves on
            if view.scroll_y >= end > 0:
                break
            await pilot.press("space")
            await pilot.pause()
        assert end > 0 and view.scroll_y == end >= view.max_scroll_y - 1
        assert app.slides.status_bar.more_above
        notice = view.query_one("#truncated", Static)
        assert notice.region.height > 0  # on screen at the end of the slide
        await pilot.press("space")
        await pilot.pause()
        assert status(app).rstrip().endswith("2 / 2")
        assert "After" in slide_text(app)
        assert view.truncated_notice == ""
        assert not notice.display


async def test_q_quits_while_a_huge_slide_is_on_screen() -> None:
    app = make_app(_deck(_many_blocks()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_half_a_million_lines_in_one_block_are_drawn_up_to_the_bound() -> None:
    app = make_app(_deck(Slide(name="lines", content=(Block(text="\n".join("x" * 500_000)),))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        (block,) = view.blocks
        assert block.virtual_size.height <= MAX_LINES
        assert view.virtual_size.height <= MAX_LINES + 10  # the notice, margins, padding
        assert view.truncated_notice == f"… {500_000 - MAX_LINES:,} more lines {TRUNCATED}"


async def test_a_huge_neighbour_is_rendered_ahead_within_the_bounds() -> None:
    huge = Slide(name="lines", content=(Block(text="word " * 999_999),))
    app = make_app(_deck(Slide(name="first", content=(Block(text="First"),)), huge))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)  # the prefetch runs once keys stop
        view = app.slides.slide_view
        assert view.is_rendered(huge)
        await pilot.press("n")
        await pilot.pause()
        assert "more characters" in view.truncated_notice


async def test_an_empty_slide_with_an_unknown_field_names_it_and_notifies_once() -> None:
    said: list[str] = []
    typo = Slide(name="typo", extra={"contents": [{"text": "Hello"}]})
    app = make_app(_deck(typo, Slide(name="other", content=(Block(text="Other"),))))
    app.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        assert view.empty_notice_shown
        expected = f'{EMPTY_SLIDE_TEXT}\nUnknown field "contents" (did you mean "content"?)'
        assert view.empty_notice == expected
        assert str(view.query_one("#empty-slide", Static).content) == expected
        await pilot.press("n", "p", "n", "p")
        await pilot.pause()
        assert view.empty_notice_shown
        assert said == ['Slide typo is empty.\nUnknown field "contents" (did you mean "content"?)']


async def test_a_plain_empty_slide_neither_names_fields_nor_notifies() -> None:
    said: list[str] = []
    app = make_app(_deck(Slide(name="empty", content=(Block(),))))
    app.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.slides.slide_view.empty_notice == EMPTY_SLIDE_TEXT
        assert said == []


async def test_a_match_past_the_bound_keeps_the_part_shown_and_the_notice() -> None:
    app = make_app(_deck(_many_blocks(1000), Slide(name="after", content=(Block(text="After"),))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"block 999", "enter")  # in a block not shown
        await pilot.pause()
        view = app.slides.slide_view
        assert app.slides.index == 0
        assert len(view.blocks) == MAX_BLOCKS
        assert view.truncated_notice.endswith(TRUNCATED)
        await pilot.press("slash", *"block 17", "enter")  # shown: highlighted and scrolled to
        await pilot.pause()
        assert view.blocks[17].search == ("block 17", 0)  # the match emphasised
        assert view.scroll_y > 0  # scrolled to it (below the first screen)
