"""Helpers for the presenter tests: small decks built from the model, and the app under test."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from tui_slides.app.app import PresenterApp
from tui_slides.app.options import PresenterOptions
from tui_slides.app.slide_view import EMPTY_SLIDE_TEXT
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Layout, Slide
from tui_slides.presenting.presentation import Presentation

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "decks" / "seed-nurotan-it-specialists.json5"

LONG_TEXT = "\n".join(f"Line {n} of a long slide" for n in range(1, 61))
"""Taller than any terminal in these tests, so the slide scrolls."""


def make_deck(count: int = 5, *, long_at: int | None = None, **deck_fields: object) -> Deck:
    """``count`` slides named ``S1``..; IDs ``1.1``..; one block each titled ``Title n``.

    They are ``stack`` slides: a title and one short line would otherwise be
    shown as title slides, their heading letter-spaced.
    """
    slides = []
    for n in range(1, count + 1):
        text = LONG_TEXT if n == long_at else f"Body of slide {n}"
        block = Block(title=f"Title {n}", text=text, style="2")
        slides.append(
            Slide(
                name=f"S{n}",
                id=f"1.{n}",
                logo_title="Logo",
                content=(block,),
                source="mem",
                layout=Layout.STACK,
            )
        )
    return Deck(slides=tuple(slides), source="mem", **deck_fields)  # type: ignore[arg-type]


def make_app(
    deck: Deck | Presentation | None = None, path: Path = SEED, **options: object
) -> PresenterApp:
    """The app as the CLI builds it (or a view of a shared presentation), animations off."""
    options.setdefault("images", "cells")
    settings = PresenterOptions(path, **options)  # type: ignore[arg-type]
    app = PresenterApp(deck if deck is not None else load_deck(path), settings)
    app.animation_level = "none"
    return app


def status(app: PresenterApp) -> str:
    """The status bar as plain text."""
    return app.slides.status_bar.text


def slide_text(app: PresenterApp, width: int = 100) -> str:
    """What the current slide shows, as plain text: every displayed block, then the empty notice."""
    console = Console(width=width, file=io.StringIO(), color_system=None, _environ={})
    for view in app.slides.slide_view.blocks:
        if view.display:
            console.print(view.content)
    if app.slides.slide_view.empty_notice_shown:
        console.print(EMPTY_SLIDE_TEXT)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()
