"""The slide's look: a centred column, the heading, the layouts, and a deck's own CSS."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import make_app, make_deck, status
from rich.color import Color as RichColor
from textual.color import Color

from tui_slides.app.styling import css_problem
from tui_slides.deck.diagnostics import Level
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Layout, Slide
from tui_slides.render.contrast import contrast, readable
from tui_slides.render.heading import spaced
from tui_slides.render.layout import MAX_COLUMN, column_width, side_margin

TOUR = Path(__file__).resolve().parent.parent / "decks" / "tour.json5"


# -- the column ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "column"), [(80, 76), (100, 84), (120, 92), (160, 100), (200, 100)]
)
def test_the_column_uses_80_columns_and_grows_its_margins_with_the_screen(
    width: int, column: int
) -> None:
    assert column_width(width) == column
    assert side_margin(width) == (width - column) // 2  # the right margin: the same, or +1


def test_the_column_never_passes_its_measure_nor_the_screen() -> None:
    for width in range(400):
        assert 0 <= column_width(width) <= min(width, MAX_COLUMN)


async def test_every_stack_slide_of_a_deck_wraps_at_one_width() -> None:
    """Text never re-wraps between slides of one deck at one size: the column is the screen's."""
    deck = load_deck(TOUR)
    app = make_app(deck, path=TOUR)
    widths: set[tuple[int, int]] = set()
    async with app.run_test(size=(100, 30)) as pilot:
        for number, slide in enumerate(deck.slides):
            if number:
                await pilot.press("n")
                await pilot.pause()
            if slide.shown_layout is Layout.STACK:
                region = app.slides.slide_view.blocks[0].content_region
                widths.add((region.x, region.width))
    assert widths == {(8, 84)}


# -- the heading -----------------------------------------------------------------------


async def test_the_first_title_is_the_heading_with_a_rule_under_it() -> None:
    deck = Deck(
        slides=(
            Slide(
                layout=Layout.STACK,
                content=(Block(text="no title"), Block(title="First", text="a"), Block(title="B")),
            ),
        ),
        source="mem",
    )
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        views = app.slides.slide_view.blocks
        assert [view.has_class("-heading") for view in views] == [False, True, False]
        first = views[1]
        assert first.render_line(0).text.strip() == "First"
        assert set(first.render_line(1).text.strip()) == {"─"}
        assert len(first.render_line(1).text.strip()) == first.content_region.width
        assert views[2].render_line(1).text.strip() == ""  # a section head: no rule


def test_a_large_heading_spreads_its_letters_in_any_script() -> None:
    assert spaced("Раздел два") == "Р а з д е л   д в а"


# -- layouts ---------------------------------------------------------------------------


def test_a_title_and_one_short_line_is_a_title_slide_unless_the_slide_says() -> None:
    short = (Block(title="Thanks", text="Questions?"),)
    assert Slide(content=short).shown_layout is Layout.TITLE
    assert Slide(content=short, layout=Layout.STACK).shown_layout is Layout.STACK
    assert Slide(content=(Block(title="T", text="one\ntwo"),)).shown_layout is Layout.STACK
    assert Slide(content=(Block(title="T"), Block(text="x"))).shown_layout is Layout.STACK


async def test_a_title_slide_is_centred_both_ways() -> None:
    deck = Deck(slides=(Slide(content=(Block(title="Раздел", text="подзаголовок"),)),), source="m")
    app = make_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        assert view.has_class("-title")
        block = view.blocks[0]
        top = block.region.y
        below = view.region.bottom - block.region.bottom
        assert abs(top - 1 - below) <= 1  # the same room above and below (top padding: 1)
        line = block.render_line(0).text
        left, right = len(line) - len(line.lstrip()), len(line.rstrip())
        assert line.strip() == "Раздел"  # found by search: letters spread only when asked
        assert abs(left - (block.content_region.width - right)) <= 1


async def test_a_title_layout_spreads_the_heading_letters() -> None:
    slide = Slide(layout=Layout.TITLE, content=(Block(title="Раздел", text="под"),))
    app = make_app(Deck(slides=(slide,), source="m"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.slides.slide_view.blocks[0].render_line(0).text.strip() == "Р а з д е л"


def _columns_deck() -> Deck:
    blocks = (Block(title="Left", text="one " * 30), Block(title="Right", text="two " * 30))
    return Deck(slides=(Slide(layout=Layout.COLUMNS, content=blocks),), source="mem")


async def test_columns_sit_side_by_side_in_equal_widths() -> None:
    app = make_app(_columns_deck())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        left, right = (view.region for view in app.slides.slide_view.blocks)
        assert left.y == right.y
        assert left.right <= right.x
        assert abs(left.width - right.width) <= 1
        assert left.x + left.width + right.width == right.right  # one column of the slide


async def test_columns_too_narrow_to_read_are_stacked_and_come_back_when_wider() -> None:
    app = make_app(_columns_deck())
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        left, right = (block.region for block in view.blocks)
        assert right.y > left.y and left.x == right.x
        assert view.has_class("-stack")
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        left, right = (block.region for block in view.blocks)
        assert left.y == right.y and view.has_class("-columns")


def test_layout_is_read_from_slide_or_deck_and_an_unknown_one_warns(tmp_path: Path) -> None:
    path = tmp_path / "deck.json5"
    path.write_text(
        "{layout: 'columns', slides: [{content: [{title: 'a'}]},"
        " {layout: 'title', content: [{title: 'b'}]}, {layout: 'grid', content: [{title: 'c'}]}]}"
    )
    deck = load_deck(path)
    # An unknown layout is ignored: the slide takes the deck's, as if it named none.
    assert [slide.layout for slide in deck.slides] == [Layout.COLUMNS, Layout.TITLE, Layout.COLUMNS]
    (warning,) = [d for d in deck.diagnostics if d.level is Level.WARNING]
    assert warning.message.startswith("unknown layout 'grid' ignored; the layouts are stack,")
    assert warning.line == 1


# -- the status bar --------------------------------------------------------------------


async def test_the_status_bar_shows_how_far_the_talk_is() -> None:
    app = make_app(make_deck(4))
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.slides.status_bar
        assert bar.progress_line().plain.count("▁") == 20  # 1 / 4 of 80
        await pilot.press("end")
        await pilot.pause()
        assert bar.progress_line().plain.count("▁") == 80
        assert status(app).rstrip().endswith("4 / 4")


# -- contrast --------------------------------------------------------------------------


def test_contrast_is_wcag_and_readable_reaches_aa() -> None:
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#777777", "#FFFFFF"), 2) == 4.48
    assert readable("#123456", "#FFFFFF") == "#123456"  # already reads: kept exactly
    for colour, background in [
        ("#FFFFFF", "#FDF6E3"),
        ("#777777", "#767676"),
        ("#FEA62B", "#FFFFFF"),
    ]:
        assert contrast(readable(colour, background), background) >= 4.5


# -- a deck's own CSS ------------------------------------------------------------------

GOOD_CSS = """
.block-2 { background: #330000; }
.-heading { border-left: tall #00ff00; }
StatusBar { background: #002200; }
"""


async def test_css_styles_block_classes_the_heading_and_the_status_bar(tmp_path: Path) -> None:
    css = tmp_path / "talk.tcss"
    css.write_text(GOOD_CSS)
    app = make_app(make_deck(2), css=css)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        block = app.slides.slide_view.blocks[0]
        assert block.styles.background == Color.parse("#330000")
        assert block.styles.border_left[1] == Color.parse("#00ff00")
        assert app.slides.status_bar.styles.background == Color.parse("#002200")
        assert app.css_problems == []


BAD_CSS = """.block-2 {
    background: #330000;
    colour: red;
}
"""


async def test_a_bad_css_file_is_an_error_with_its_line_and_the_deck_still_presents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    css = tmp_path / "bad.tcss"
    css.write_text(BAD_CSS)
    said: list[str] = []
    monkeypatch.setattr(
        "tui_slides.app.app.PresenterApp.notify", lambda self, message, **_: said.append(message)
    )
    app = make_app(make_deck(2), css=css)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (problem,) = app.css_problems
        assert problem.startswith(f"{css}:3:5: ")
        assert "colour" in problem
        assert any(problem in message for message in said)
        block = app.slides.slide_view.blocks[0]
        assert block.styles.background != Color.parse("#330000")  # the file is left out whole
        assert "Title 1" in block.render_line(0).text
        await pilot.press("n")
        assert status(app).rstrip().endswith("2 / 2")


def test_css_problems_name_the_line_of_a_syntax_error_and_a_missing_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tcss"
    broken.write_text(".block-2 {\n  color: red;\n\n")
    problem = css_problem(broken, {})
    assert problem is not None and problem.startswith(f"{broken}:")
    assert css_problem(tmp_path / "none.tcss", {}) is not None
    good = tmp_path / "good.tcss"
    good.write_text(".block-2 { color: $accent; }")
    assert css_problem(good, {"accent": "#ff0000"}) is None


def test_a_css_file_says_its_first_error_in_reading_order_and_how_many_more(
    tmp_path: Path,
) -> None:
    """Textual stops at a token it cannot read; the errors on the lines before it come first."""
    css = tmp_path / "bad.tcss"
    css.write_text(
        ".block { colour: red; }\n.block-note { background: nosuchcolor; }\n#slide { width: ); }\n"
    )
    problem = css_problem(css, {})
    assert problem is not None
    assert problem.startswith(f"{css}:1:10: Invalid CSS property 'colour'")
    assert problem.endswith(" (and 2 more)")
    css.write_text("#slide { width: ); }\n")  # the token error alone: its own place
    alone = css_problem(css, {})
    assert alone is not None and alone.startswith(f"{css}:1:17: ") and ".;" not in alone


def test_a_css_file_that_is_not_utf8_is_said_as_a_decks_would_be(tmp_path: Path) -> None:
    css = tmp_path / "latin1.tcss"
    css.write_bytes(b".block { color: red; }\n/* caf\xe9 */\n")
    assert css_problem(css, {}) == (
        f"{css}:2:7: invalid UTF-8 at byte offset 29 (byte 0xE9): save the file as UTF-8"
    )


async def test_the_deck_css_field_is_read_relative_to_the_deck(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "deck.tcss").write_text(".block-note { background: #000033; }")
    path = tmp_path / "deck.json5"
    path.write_text(
        "{css: 'styles/deck.tcss', slides: [{content: [{title: 'a', text: 'b', block: 'note'},"
        " {title: 'c'}]}]}"
    )
    deck = load_deck(path)
    assert deck.css == str(tmp_path / "styles" / "deck.tcss")
    app = make_app(deck, path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.slides.slide_view.blocks[0].styles.background == Color.parse("#000033")


def test_a_deck_css_that_is_a_folder_is_a_warning_that_says_so(tmp_path: Path) -> None:
    (tmp_path / "dir.tcss").mkdir()
    path = tmp_path / "deck.json5"
    path.write_text("{css: 'dir.tcss', slides: [{content: [{title: 'a'}]}]}")
    (warning,) = load_deck(path).diagnostics
    assert "CSS file is a folder, not a file: 'dir.tcss'" in warning.message


def test_a_missing_deck_css_file_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "deck.json5"
    path.write_text("{css: 'nowhere.tcss', slides: [{content: [{title: 'a'}]}]}")
    (warning,) = load_deck(path).diagnostics
    assert (
        warning.level is Level.WARNING and "CSS file not found: 'nowhere.tcss'" in warning.message
    )


def test_markdown_takes_the_theme_colours() -> None:
    from tui_slides.app.blocks import slide_styles

    styles = slide_styles({"background": "#FFFFFF", "foreground": "#222222", "accent": "#AA0000"})
    named = dict(styles.markdown)
    assert named["markdown.h1"].color == RichColor.parse("#AA0000")
    assert named["markdown.code"].bgcolor is not None


async def test_a_resize_that_stacks_columns_keeps_the_search_highlight() -> None:
    app = make_app(_columns_deck())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("slash", *"two", "enter")
        await pilot.pause()
        view = app.slides.slide_view
        assert view.blocks[1].highlight is not None
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert view.has_class("-stack")
        assert view.blocks[1].highlight is not None


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_the_ansi_themes_present_the_tour_in_the_terminal_s_own_colours(theme: str) -> None:
    deck = load_deck(TOUR)
    app = make_app(deck, path=TOUR, theme=theme)
    async with app.run_test(size=(100, 30)) as pilot:
        talk = app.presentation
        for _ in range(200):  # every slide and every step, to the end of the talk
            if talk.index == len(deck) - 1 and talk.step == talk.steps - 1:
                break
            await pilot.press("n")
        await pilot.pause()
        assert f"{len(deck)} / {len(deck)}" in status(app)
        heading = app.slides.slide_view.blocks[0].render_line(0)
        assert heading.text.strip() == "T h a n k   y o u"


async def test_a_reload_reads_the_css_again_and_a_bad_edit_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing the deck's CSS, then ``r``: the new rules show; a broken edit leaves them out."""
    said: list[str] = []
    monkeypatch.setattr(
        "tui_slides.app.app.PresenterApp.notify", lambda self, message, **_: said.append(message)
    )
    css = tmp_path / "deck.tcss"
    css.write_text(".block-note { background: #000033; }")
    path = tmp_path / "deck.json5"
    path.write_text("{css: 'deck.tcss', slides: [{content: [{title: 'a', block: 'note'}]}]}")
    app = make_app(load_deck(path), path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        block = app.slides.slide_view.blocks[0]
        assert block.styles.background == Color.parse("#000033")
        css.write_text(".block-note { background: #330000; }")
        await pilot.press("r")
        await pilot.pause()
        block = app.slides.slide_view.blocks[0]
        assert block.styles.background == Color.parse("#330000")
        css.write_text(BAD_CSS.replace("block-2", "block-note"))
        await pilot.press("r")
        await pilot.pause()
        block = app.slides.slide_view.blocks[0]
        assert block.styles.background != Color.parse("#330000")  # the broken file is left out
        assert app.css_problems and app.css_problems[0].startswith(f"{css}:3:5: ")
        assert any(app.css_problems[0] in message for message in said)
        path.write_text("{slides: [{content: [{title: 'a', block: 'note'}]}]}")  # no css now
        css.write_text(".block-note { background: #330000; }")
        await pilot.press("r")
        await pilot.pause()
        block = app.slides.slide_view.blocks[0]
        assert block.styles.background != Color.parse("#330000")  # the deck's CSS is gone


async def test_a_css_problem_fixed_during_the_talk_is_not_said_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One file broken then fixed, the other good throughout: the end says nothing, and the
    notice never claims the built-in styles alone while the other file still styles."""
    said: list[str] = []
    monkeypatch.setattr(
        "tui_slides.app.app.PresenterApp.notify", lambda self, message, **_: said.append(message)
    )
    (tmp_path / "deck.tcss").write_text(".block-note { background: #000033; }")
    extra = tmp_path / "extra.tcss"
    extra.write_text(BAD_CSS.replace("block-2", "block-cold"))
    path = tmp_path / "deck.json5"
    path.write_text(
        "{css: 'deck.tcss', slides: [{content: [{title: 'a', block: 'note'},"
        " {title: 'b', block: 'cold'}]}]}"
    )
    app = make_app(load_deck(path), path=path, css=extra)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (problem,) = app.css_problems
        assert problem.startswith(f"{extra}:3:5: ")
        (notice,) = [message for message in said if problem in message]
        assert "built-in styles" not in notice and "without this file's styles" in notice
        note, cold = app.slides.slide_view.blocks
        assert note.styles.background == Color.parse("#000033")  # the deck's file still styles
        extra.write_text(".block-cold { background: #003300; }")
        await pilot.press("r")
        await pilot.pause()
        note, cold = app.slides.slide_view.blocks
        assert cold.styles.background == Color.parse("#003300")
        assert app.css_problems == []  # what the presenter prints when it ends


async def test_watch_reloads_when_the_css_changes(tmp_path: Path) -> None:
    css = tmp_path / "talk.tcss"
    css.write_text(".block-note { background: #000033; }")
    path = tmp_path / "deck.json5"
    path.write_text("{slides: [{content: [{title: 'a', block: 'note'}]}]}")
    app = make_app(load_deck(path), path=path, css=css, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        css.write_text(".block-note { background: #003300; }  /* a size of its own */")
        for _ in range(100):  # the watch looks every WATCH_INTERVAL: 5 s at most here
            await pilot.pause(0.05)
            block = app.slides.slide_view.blocks[0]
            if block.styles.background == Color.parse("#003300"):
                break
        assert block.styles.background == Color.parse("#003300")
