"""Every character of slide text, status bar and overlays reads at WCAG AA, in every theme.

The cells are the ones Textual draws: each widget's ``render_lines`` (public
Widget API, the lines the compositor puts on screen, with the widget's and its
parents' colours resolved), for every block of every slide of the tour and
the status bar. Images are pictures, not text, and are left out: image
widgets, and runs of half-block cells (``▀▄█``: images drawn inside a block,
QR codes, whose black on white is 21:1 anyway). The ANSI
themes (``ansi-dark``, ``ansi-light``) are left out too: their colours are
the terminal's own palette, which the app cannot know (and so cannot measure).
At 256 colours (``COLORTERM`` unset, ``TERM=xterm-256color``: Textual's console
detects it from the environment) each colour is judged as that terminal shows
it, Rich's downgrade to the nearest of the palette.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color
from textual.geometry import Region
from textual.theme import BUILTIN_THEMES
from textual.widget import Widget

from tui_slides.app.app import PresenterApp
from tui_slides.app.options import PresenterOptions
from tui_slides.deck.loader import load_deck
from tui_slides.render.contrast import AA, contrast, on_palette

TOUR = Path(__file__).resolve().parent.parent / "decks" / "tour.json5"
THEMES = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi-"))
PICTURE = frozenset("▀▄█ ")
"""The characters pictures are drawn with (``render.halfblock``, the QR codes)."""


def _rgb(colour: Color | None, eight_bit: bool = False) -> tuple[int, int, int] | None:
    if colour is None or colour.triplet is None:
        return None
    if eight_bit:
        return on_palette(colour.triplet.hex)
    return colour.triplet.red, colour.triplet.green, colour.triplet.blue


def unreadable(
    widget: Widget, where: str, eight_bit: bool = False, skip: frozenset[str] = frozenset()
) -> list[str]:
    """Each run of text ``widget`` draws below AA contrast, or without a known colour;
    a run of only ``skip`` characters (frames) is not text."""
    width, height = widget.size
    found: list[str] = []
    for y, strip in enumerate(widget.render_lines(Region(0, 0, width, height))):
        for text, style, control in strip:
            if control or not text.strip() or style is None or set(text) <= PICTURE | skip:
                continue
            fg, bg = _rgb(style.color, eight_bit), _rgb(style.bgcolor, eight_bit)
            if style.reverse:
                fg, bg = bg, fg
            if fg is None or bg is None:
                found.append(f"{where} row {y}: {text.strip()!r} has no true colour ({style})")
            elif style.dim:
                found.append(f"{where} row {y}: {text.strip()!r} is dim ({style})")
            elif contrast(fg, bg) < AA:
                ratio = contrast(fg, bg)
                found.append(f"{where} row {y}: {text.strip()!r} at {ratio:.2f}:1 ({style})")
    return found


@pytest.mark.parametrize("colours", ["truecolor", "256"])
@pytest.mark.parametrize("theme", THEMES)
async def test_every_character_of_the_tour_reads_in(
    theme: str, colours: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_slides.app.images import CellImage

    if colours == "256":  # as over SSH: no COLORTERM, a 256-colour TERM
        monkeypatch.delenv("COLORTERM", raising=False)
        monkeypatch.setenv("TERM", "xterm-256color")
    else:
        monkeypatch.setenv("COLORTERM", "truecolor")
    eight_bit = colours == "256"
    deck = load_deck(TOUR)
    app = PresenterApp(deck, PresenterOptions(TOUR, theme=theme, images="cells"))
    app.animation_level = "none"
    found: list[str] = []
    assert app.console.color_system == colours
    async with app.run_test(size=(100, 30)) as pilot:
        for number in range(len(deck)):
            if number:
                await pilot.press("n")
            await pilot.pause()
            view = app.slides.slide_view
            for index, widget in enumerate(view.children):
                if widget.display and not isinstance(widget, CellImage):
                    where = f"slide {number + 1} widget {index}"
                    found += unreadable(widget, where, eight_bit)
            bar = f"slide {number + 1} status bar"
            found += unreadable(app.slides.status_bar, bar, eight_bit)
    assert not found, "\n".join(found[:20])


def test_the_themes_left_out_are_the_ansi_ones() -> None:
    assert sorted(set(BUILTIN_THEMES) - set(THEMES)) == ["ansi-dark", "ansi-light"]


FRAMES = frozenset(chr(code) for code in range(0x2500, 0x25A0))
"""Box drawing and block elements: the overlays' borders and the field's frame, not text."""

OVERLAYS = (("question_mark",), ("o",), ("slash", "t", "h", "e"))
"""Keys opening the help, the overview, and a search for "the" (a list of matches)."""


@pytest.mark.parametrize("colours", ["truecolor", "256"])
@pytest.mark.parametrize("theme", THEMES)
async def test_the_help_overview_and_search_read_in(
    theme: str, colours: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if colours == "256":
        monkeypatch.delenv("COLORTERM", raising=False)
        monkeypatch.setenv("TERM", "xterm-256color")
    else:
        monkeypatch.setenv("COLORTERM", "truecolor")
    deck = load_deck(TOUR)
    app = PresenterApp(deck, PresenterOptions(TOUR, theme=theme, images="cells"))
    app.animation_level = "none"
    found: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for keys in OVERLAYS:
            await pilot.press(*keys)
            await pilot.pause()
            assert app.screen is not app.slides
            for widget in app.screen.query("*"):
                if widget.display and not widget.children:
                    where = f"{type(app.screen).__name__} {type(widget).__name__}"
                    found += unreadable(widget, where, colours == "256", skip=FRAMES)
            await pilot.press("escape")
            await pilot.pause()
    assert not found, "\n".join(found[:20])
