"""The presenter driven like a person drives it: keys in, slide and status bar out (Pilot)."""

from __future__ import annotations

import pytest
from app_support import SEED, make_app, make_deck, slide_text, status
from textual.events import MouseScrollDown, MouseScrollUp
from textual.widgets import Static

from tui_slides.app.screens.blank import BlankScreen
from tui_slides.app.screens.help import HelpScreen
from tui_slides.app.screens.overview import OverviewScreen
from tui_slides.app.screens.search import SearchScreen
from tui_slides.app.screens.slides import SlidesScreen
from tui_slides.app.slide_view import BlockView
from tui_slides.deck.model import Block, Deck, Slide

SIZE = (100, 30)


@pytest.mark.parametrize("key", ["right", "l", "n", "pagedown"])
async def test_next_keys(key: str) -> None:
    app = make_app(make_deck(3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert app.slides.index == 1
        assert status(app).rstrip().endswith("2 / 3")
        assert "Title 2" in slide_text(app)
        await pilot.press(key, key, key)  # past the end: stays on the last slide
        assert app.slides.index == 2


@pytest.mark.parametrize("key", ["left", "h", "p", "pageup", "backspace"])
async def test_previous_keys(key: str) -> None:
    app = make_app(make_deck(3), start=2)
    async with app.run_test(size=SIZE) as pilot:
        assert app.slides.index == 2
        await pilot.press(key)
        assert app.slides.index == 1
        assert "Title 2" in slide_text(app)
        await pilot.press(key, key)
        assert app.slides.index == 0


@pytest.mark.parametrize(("first", "last"), [("home", "end"), ("g", "G")])
async def test_first_and_last(first: str, last: str) -> None:
    app = make_app(make_deck(7), start=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(last)
        assert app.slides.index == 6
        assert status(app).rstrip().endswith("7 / 7")
        await pilot.press(first)
        assert app.slides.index == 0


async def test_go_to_a_typed_slide_number() -> None:
    app = make_app(make_deck(15))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "2")
        assert app.slides.index == 0
        assert "Go to slide 12" in status(app)
        await pilot.press("enter")
        assert app.slides.index == 11
        assert "Go to slide" not in status(app)
        assert "S12" in status(app)
        await pilot.press("3", "G")
        assert app.slides.index == 2
        await pilot.press("9", "9", "enter")  # clamped to the last slide
        assert app.slides.index == 14
        await pilot.press("4", "backspace", "2", "enter")
        assert app.slides.index == 1
        await pilot.press("5", "escape")
        assert "Go to slide" not in status(app)
        await pilot.press("enter")
        assert app.slides.index == 1


async def test_status_bar_shows_logo_label_and_real_counter() -> None:
    slides = (
        Slide(name="Intro", id="9.9", logo_title="NurOtan", slide_now=7, slide_max=99),
        Slide(id="1.5.1.1.2", logo_title="Other"),
    )
    app = make_app(Deck(slides=slides, source="mem"))
    async with app.run_test(size=(80, 10)) as pilot:
        line = status(app)
        assert line.startswith(" NurOtan ")
        assert "Intro" in line
        assert line.rstrip().endswith("1 / 2")  # the real position, not slide_now/slide_max
        assert len(line) == 80
        await pilot.press("n")
        line = status(app)
        assert line.startswith(" Other ")
        assert "1.5.1.1.2" in line  # no name: the ID
        assert line.rstrip().endswith("2 / 2")


async def test_deck_text_in_the_status_bar_is_made_safe() -> None:
    slide = Slide(name="[bold]x[/bold]", logo_title="\x1b[31mRed\x07", content=(Block(text="t"),))
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=SIZE):
        line = status(app)
        assert "[bold]x[/bold]" in line  # markup shown literally
        assert "\x1b" not in line
        assert "\x07" not in line
        assert "␛[31mRed␇" in line


async def test_long_slide_scrolls_with_space_arrows_and_wheel() -> None:
    app = make_app(make_deck(3, long_at=1))
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.slides.slide_view
        assert view.max_scroll_y > 0
        await pilot.pause()  # the first layout sizes the slide; the status bar follows it
        assert "▼ more below" in status(app)
        assert "▲" not in status(app)
        await pilot.press("down")
        assert view.scroll_y == 1
        assert "▲▼ more" in status(app)
        await pilot.press("up")
        assert view.scroll_y == 0
        view.post_message(MouseScrollDown(view, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_y > 0
        view.post_message(MouseScrollUp(view, 5, 5, 0, -1, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_y == 0
        pages = 0
        while app.slides.index == 0:
            await pilot.press("space")
            pages += 1
            assert pages < 20
        assert pages >= 3  # paged through the 60 lines before moving on
        assert app.slides.index == 1
        assert view.scroll_y == 0  # a new slide starts at the top
        await pilot.pause()
        assert "more" not in status(app)


async def test_a_slide_that_fits_but_for_its_last_margin_has_nothing_below() -> None:
    """The blank row under the last block is no more: no "more below", Space goes on."""
    seen = {"fits": 0, "longer": 0}
    for rows in range(16, 22):  # around the 21 rows a slide has at 80x24
        text = "\n".join(f"Line {n}" for n in range(1, rows + 1))
        slides = (
            Slide(content=(Block(title="Fits?", text=text),)),
            Slide(content=(Block(title="Next"),)),
        )
        app = make_app(Deck(slides=slides, source="mem"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            view = app.slides.slide_view
            overflow = view.blocks[0].virtual_region.bottom - view.scrollable_content_region.height
            if overflow > 0:
                seen["longer"] += 1
                assert "▼ more below" in status(app)
                await pilot.press("space")
                assert (app.slides.index, view.scroll_y) == (0, overflow)  # to its end
            else:
                seen["fits"] += 1
                assert "more" not in status(app), rows  # the last margin row is not "more"
                await pilot.press("space")
                assert app.slides.index == 1, rows  # the next slide, not a row down
    assert seen["fits"] >= 2 and seen["longer"] >= 2  # the exact fit is among the cases


async def test_text_keeps_its_width_whether_or_not_the_slide_scrolls() -> None:
    """A long slide scrolls without a scrollbar: text never re-wraps or shifts when a
    slide is taller than the screen (and the first paint wraps it once, not twice)."""
    app = make_app(make_deck(2, long_at=2))
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.slides.slide_view
        short_width = view.blocks[0].content_region.width
        assert view.max_scroll_y == 0
        await pilot.press("n")
        await pilot.pause()
        assert view.max_scroll_y > 0
        assert view.blocks[0].content_region.width == short_width
        assert view.scrollbar_size_vertical == 0  # no column given to a scrollbar
        assert "more below" in status(app)  # the status bar says there is more instead


async def test_a_long_text_block_is_drawn_line_by_line_as_it_is_scrolled_to() -> None:
    """Plain text blocks are drawn through Textual's line API: only what is on screen."""
    app = make_app(make_deck(1, long_at=1))
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.slides.slide_view
        screen = app.export_screenshot()
        assert "Line&#160;1&#160;of" in screen and "Line&#160;60&#160;of" not in screen
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        screen = app.export_screenshot()
        assert "Line&#160;60&#160;of" in screen and "Line&#160;1&#160;of" not in screen
        block = view.blocks[0]
        assert block.size.height == 3 + 60  # heading, its rule, a blank line, then the text


async def test_a_new_theme_recolours_text_drawn_line_by_line() -> None:
    app = make_app(make_deck(1), theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        block = app.slides.slide_view.blocks[0]
        before = {segment.style for segment in block.render_line(0)}
        app.theme = "textual-light"
        await pilot.pause()
        after = {segment.style for segment in block.render_line(0)}
        assert before != after
        assert "Title 1" in "".join(segment.text for segment in block.render_line(0))


async def test_collection_paused_for_start_up_resumes_after_the_first_frame() -> None:
    import gc

    from tui_slides import startup

    gc.disable()  # as `tui-slides` does before the app starts (tui_slides.startup)
    try:
        app = make_app(make_deck(2), on_first_paint=startup.resume)  # as cli.present passes
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Title 1" in slide_text(app)
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_space_on_a_short_slide_goes_to_the_next() -> None:
    app = make_app(make_deck(2))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert app.slides.index == 1


async def test_only_the_current_slide_is_mounted() -> None:
    slides = tuple(
        Slide(name=f"S{n}", content=tuple(Block(title=f"B{n}.{b}") for b in range(n % 4 + 1)))
        for n in range(200)
    )
    app = make_app(Deck(slides=slides, source="mem"))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(6):
            await pilot.press("n")
            await pilot.pause()
            current = app.slides.slide
            assert current is not None
            assert len(app.query(BlockView)) == len(current.content)
            assert [v.block for v in app.slides.slide_view.blocks] == list(current.content)
        await pilot.press("end")
        await pilot.pause()
        assert len(app.query(BlockView)) == 200 % 4 or len(app.query(BlockView)) == 4


async def test_blocks_carry_their_style_class() -> None:
    slide = Slide(
        content=(Block(title="a", style="2"), Block(title="b"), Block(title="c", style="x y"))
    )
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=SIZE):
        views = app.slides.slide_view.blocks
        assert views[0].has_class("block", "block-2")
        assert views[1].has_class("block", "block-none")
        assert views[2].has_class("block-x-y")
        assert not views[0].has_class("block-x-y")


async def test_empty_slide_is_shown_as_such() -> None:
    deck = Deck(slides=(Slide(name="E"), Slide(content=(Block(title="Full"),))), source="mem")
    app = make_app(deck)
    async with app.run_test(size=SIZE) as pilot:
        assert "This slide is empty." in slide_text(app)
        await pilot.press("n")
        assert "This slide is empty." not in slide_text(app)
        assert "Full" in slide_text(app)


async def test_an_empty_slide_reached_later_says_so_and_leaves_again() -> None:
    deck = Deck(
        slides=(Slide(content=(Block(title="Full"),)), Slide(content=(Block(),)), Slide()),
        source="mem",
    )
    app = make_app(deck)
    async with app.run_test(size=SIZE) as pilot:
        assert "This slide is empty." not in slide_text(app)
        await pilot.press("n")  # a slide whose only block is empty
        assert "This slide is empty." in slide_text(app)
        notice = app.slides.slide_view.query_one("#empty-slide")
        assert notice.region.y == app.slides.slide_view.region.y + 1  # at the top of the slide
        await pilot.press("n", "home")
        assert "This slide is empty." not in slide_text(app)
        assert "Full" in slide_text(app)


async def test_a_deck_with_no_slides_does_not_crash() -> None:
    app = make_app(Deck(slides=(), source="mem"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "p", "end", "1", "enter", "space", "o")
        await pilot.pause()
        await pilot.press("escape", "slash", "x", "enter", "escape")
        assert status(app).rstrip().endswith("0 / 0")


async def test_speaker_notes_are_never_shown() -> None:
    slide = Slide(notes="SECRET SPEAKER NOTES", content=(Block(title="Public", text="Visible"),))
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=SIZE) as pilot:
        assert "Visible" in slide_text(app)
        assert "SECRET" not in slide_text(app)
        await pilot.press("slash", *"SECRET")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.matches == []


async def test_seed_deck_blocks_and_structure() -> None:
    app = make_app(path=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the status bar's "more below" follows the first layout
        text = slide_text(app, width=76)
        assert "IT-ЦЕНТРЫ" in text
        assert "• развитие цифровой инфраструктуры" in text
        assert all(v.has_class("block-2") for v in app.slides.slide_view.blocks)
        assert status(app).startswith(" NurOtan ")
        assert status(app).rstrip().endswith("1 / 1")
        assert "more below" in status(app)


# -- overlays ------------------------------------------------------------------------------


async def test_overview_lists_filters_and_jumps() -> None:
    app = make_app(make_deck(30), start=4)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert overview.shown == list(range(30))
        assert overview.option_list.highlighted == 4  # starts on the current slide
        await pilot.press(*"title 2")
        assert overview.shown == [1, *range(19, 29)]  # "Title 2", "Title 20".."Title 29"
        await pilot.press("down", "enter")
        assert isinstance(app.screen, SlidesScreen)
        assert app.slides.index == 19


async def test_overview_filters_by_id_and_position_and_escape_keeps_the_slide() -> None:
    app = make_app(make_deck(12), start=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *"1.11")
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert overview.shown == [10]
        await pilot.press(*"zzz")
        assert overview.shown == []
        await pilot.press("enter")  # nothing to go to: stays open
        assert app.screen is overview
        await pilot.press("escape")
        assert isinstance(app.screen, SlidesScreen)
        assert app.slides.index == 2


async def test_overview_rows_show_position_id_name_and_title() -> None:
    from tui_slides.app.screens.overview import overview_row

    slide = Slide(name="Intro\x1b", id="1.5.1.1.2", content=(Block(title="IT-ЦЕНТРЫ"),))
    row = overview_row(slide, 3, 12).plain
    assert row.startswith(" 3  1.5.1.1.2")
    assert "Intro␛" in row
    assert row.rstrip().endswith("IT-ЦЕНТРЫ")


async def test_search_highlights_and_walks_through_matches() -> None:
    slides = (
        Slide(name="A", content=(Block(text="nothing"),)),
        Slide(name="B", content=(Block(title="Needle", text="a needle and a NEEDLE"),)),
        Slide(name="C", content=(Block(text="nothing"),)),
        Slide(name="D", content=(Block(text="last needle"),)),
    )
    app = make_app(Deck(slides=slides, source="mem"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"needle")
        search = app.screen
        assert isinstance(search, SearchScreen)
        assert [m.slide for m in search.matches] == [1, 1, 1, 3]
        await pilot.press("down", "enter")  # the second match
        assert isinstance(app.screen, SlidesScreen)
        assert app.slides.index == 1
        assert "/needle  2 of 4 matches" in status(app)
        await pilot.pause()
        view = app.slides.slide_view.blocks[0]
        assert view.highlight is not None
        assert len(view.highlight.match_lines) == 3  # all three on the slide highlighted
        await pilot.press("ctrl+n")
        assert "3 of 4" in status(app)
        await pilot.press("f3")
        assert app.slides.index == 3
        assert "4 of 4" in status(app)
        await pilot.press("ctrl+n")  # wraps around
        assert app.slides.index == 1
        assert "1 of 4" in status(app)
        await pilot.press("ctrl+p")
        assert app.slides.index == 3
        await pilot.press("shift+f3")
        assert app.slides.index == 1
        assert "3 of 4" in status(app)
        await pilot.press("escape")  # clears the search
        assert "/needle" not in status(app)
        assert app.slides.slide_view.blocks[0].highlight is None


async def test_search_scrolls_to_a_match_far_down_a_long_slide() -> None:
    text = "\n".join(["filler"] * 80 + ["the target line"] + ["filler"] * 5)
    deck = Deck(slides=(Slide(content=(Block(text=text),)),), source="mem")
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"target", "enter")
        await pilot.pause()
        view = app.slides.slide_view
        assert view.scroll_y > 50
        assert "more above" in status(app)


async def test_search_from_another_slide_scrolls_to_the_match_once_its_slide_is_shown() -> None:
    text = "\n".join(["filler"] * 80 + ["the target line"] + ["filler"] * 5)
    slides = (Slide(content=(Block(text="first"),)), Slide(content=(Block(title="T", text=text),)))
    app = make_app(Deck(slides=slides, source="mem"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"target", "enter")
        for _ in range(4):
            await pilot.pause()
        view = app.slides.slide_view
        assert app.slides.index == 1 and view.scroll_y > 50  # the new slide, at its match
        assert "more above" in status(app)


async def test_a_match_on_a_slides_first_screen_shows_the_slide_from_its_top() -> None:
    text = "\n".join(["filler"] * 12 + ["the target line"] + ["filler"] * 30)
    slides = (Slide(content=(Block(title="Top", text=text),)), Slide(content=(Block(text="x"),)))
    app = make_app(Deck(slides=slides, source="mem"), start=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"target", "enter")
        for _ in range(4):
            await pilot.pause()
        assert app.slides.index == 0
        assert app.slides.slide_view.scroll_y == 0  # the heading stays in view: no centring


async def test_search_escape_closes_without_moving() -> None:
    app = make_app(make_deck(5), start=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"body", "escape")
        assert isinstance(app.screen, SlidesScreen)
        assert app.slides.index == 1
        assert "/body" not in status(app)
        await pilot.press("ctrl+n")  # no active search: nothing happens
        assert app.slides.index == 1


async def test_help_lists_every_binding_and_closes() -> None:
    app = make_app(make_deck(2), advance=60.0)  # with --advance, so its key (a) is listed too
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_screen.query_one("#help-table", Static).content
        from rich.console import Console

        console = Console(width=100, color_system=None, record=True, _environ={})
        with console.capture() as capture:
            console.print(text)
        shown = capture.get()
        for binding in SlidesScreen.BINDINGS:
            assert binding.description in shown  # type: ignore[union-attr]
        for expected in (
            "→ l n PgDn",
            "← h p",
            "PgUp Shift+Space",
            "Home g",
            "End G",
            "0-9",
            "Ctrl+N F3",
            "q Ctrl+C",
        ):
            assert expected in shown
        await pilot.press("escape")
        assert isinstance(app.screen, SlidesScreen)
        await pilot.press("question_mark", "question_mark")
        assert isinstance(app.screen, SlidesScreen)


async def test_blank_screen_and_back() -> None:
    app = make_app(make_deck(3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BlankScreen)
        assert not app.screen.query("*")  # nothing on it, not even the status bar
        await pilot.press("n")  # keys do not move the hidden slides
        await pilot.press("b")
        assert isinstance(app.screen, SlidesScreen)
        assert app.slides.index == 0
        await pilot.press("b", "escape")
        assert isinstance(app.screen, SlidesScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_quit_keys(key: str) -> None:
    app = make_app(make_deck(2))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_q_types_into_the_overview_filter_instead_of_quitting() -> None:
    app = make_app(make_deck(2))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "q")
        assert app.is_running
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert not app.is_running
