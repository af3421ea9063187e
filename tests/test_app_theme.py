"""Themes: an explicit default, ``--theme``, a deck's and a slide's own; and ``run_presenter``."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import SEED, make_app, make_deck
from rich.color import Color

from tui_slides.app import run_presenter
from tui_slides.app.app import DEFAULT_THEME, PresenterApp
from tui_slides.app.blocks import slide_styles
from tui_slides.app.options import PresenterOptions
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Slide
from tui_slides.render import DEFAULT_STYLES
from tui_slides.render.contrast import contrast

SIZE = (80, 24)


def themed_deck() -> Deck:
    slides = (
        Slide(name="plain", content=(Block(title="a"),)),
        Slide(name="own", theme="dracula", content=(Block(title="b"),)),
    )
    return Deck(slides=slides, source="mem", theme="gruvbox")


async def test_default_theme_is_explicit() -> None:
    app = make_app(make_deck(2))
    async with app.run_test(size=SIZE):
        assert app.theme == DEFAULT_THEME == "textual-dark"


async def test_deck_theme_then_slide_theme() -> None:
    app = make_app(themed_deck())
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "gruvbox"
        await pilot.press("n")
        assert app.theme == "dracula"
        await pilot.press("p")
        assert app.theme == "gruvbox"


async def test_the_slide_is_drawn_in_each_themes_own_colours_as_it_changes() -> None:
    """The deck's theme, a slide's, one set while presenting: each time, the slide's styles
    are those of the theme now on screen (not of the one before it)."""
    app = make_app(themed_deck())

    def drawn_in_current_theme() -> bool:
        expected = slide_styles(app.get_css_variables())
        return app.slides.slide_view.slide_styles == expected

    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "gruvbox" and drawn_in_current_theme()
        await pilot.press("n")
        assert app.theme == "dracula" and drawn_in_current_theme()
        app.theme = "solarized-light"
        await pilot.pause()
        assert drawn_in_current_theme()
        await pilot.press("p")
        assert app.theme == "gruvbox" and drawn_in_current_theme()


async def test_theme_option_wins_over_the_deck() -> None:
    app = make_app(themed_deck(), theme="nord")
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "nord"
        await pilot.press("n")
        assert app.theme == "nord"


async def test_block_titles_take_the_theme_colour() -> None:
    app = make_app(make_deck(1), theme="nord")
    async with app.run_test(size=SIZE):
        expected = Color.parse(app.get_css_variables()["text-primary"])
        assert app.slides.slide_view.slide_styles.title.color == expected


async def test_unknown_deck_theme_falls_back_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(PresenterApp, "notify", lambda self, message, **_: said.append(message))
    app = make_app(Deck(slides=(Slide(content=(Block(title="x"),)),), source="m", theme="nope"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "p")
        assert app.theme == DEFAULT_THEME
        assert said == ["Unknown theme 'nope': using textual-dark."]  # said once


def test_slide_styles_ignore_colours_rich_cannot_read() -> None:
    variables = {"background": "#FFFFFF", "foreground": "#222222"}
    styles = slide_styles({**variables, "text-primary": "#112233", "text-accent": "auto 60%"})
    assert styles.title.color == Color.parse("#112233")
    assert styles.title.bold
    assert styles.bullet.color == Color.parse("#222222")  # no accent Rich can read: the text's


def test_slide_styles_nudge_a_colour_that_would_not_read() -> None:
    styles = slide_styles(
        {"background": "#FDF6E3", "foreground": "#586E75", "text-accent": "#FDF0C0"}
    )
    assert styles.bullet.color is not None and styles.bullet.color.triplet is not None
    assert contrast(styles.bullet.color.triplet.hex, "#FDF6E3") >= 4.5


def test_ansi_themes_keep_the_renderer_defaults() -> None:
    assert (
        slide_styles({"background": "ansi_default", "text-primary": "ansi_blue"}) is DEFAULT_STYLES
    )


def test_run_presenter_rejects_an_unknown_theme(capsys: pytest.CaptureFixture[str]) -> None:
    options = PresenterOptions(Path(SEED), theme="no-such-theme\x1b")
    status = run_presenter(load_deck(SEED), options)
    assert status == 2
    err = capsys.readouterr().err
    assert "unknown theme 'no-such-theme␛'" in err
    assert "textual-dark" in err
    assert "\x1b" not in err
