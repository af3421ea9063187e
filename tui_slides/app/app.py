"""The presenter app: screens, theme, reload and ``--watch``, and the too-small notice."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui_slides import startup
from tui_slides.app.blocks import slide_styles
from tui_slides.app.screens.slides import SlidesScreen
from tui_slides.app.sizes import is_too_small
from tui_slides.deck.errors import DeckError
from tui_slides.deck.loader import is_slide_file
from tui_slides.deck.model import Deck, Slide
from tui_slides.deck.safety import visible

DEFAULT_THEME = "textual-dark"
"""The theme when neither ``--theme`` nor the deck names one."""
WATCH_INTERVAL = 0.5
"""Seconds between two looks at the deck's modification time with ``--watch``."""

KEY_NAMES = {
    "right": "→", "left": "←", "up": "↑", "down": "↓",
    "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End",
    "backspace": "Backspace", "enter": "Enter", "escape": "Esc", "space": "Space",
    "question_mark": "?", "slash": "/",
}  # fmt: skip
"""How keys are named in the help: as printed on keyboards, not as Textual names them."""

Loader = Callable[[Path], Deck]
"""Reads the deck again for ``r`` and ``--watch``; raises ``DeckError``."""

Signature = tuple[tuple[str, int, int], ...]
"""What a deck's files looked like: ``(name, mtime_ns, size)`` each."""


def deck_signature(path: Path) -> Signature:
    """The names, modification times and sizes of the deck's files (one stat each).

    For a folder deck, every slide file directly in it; an unreadable path has
    an empty signature, so its return is noticed too.
    """
    try:
        if not path.is_dir():
            stat = path.stat()
            return ((path.name, stat.st_mtime_ns, stat.st_size),)
        with os.scandir(path) as entries:
            found = [
                (entry.name, entry.stat().st_mtime_ns, entry.stat().st_size)
                for entry in entries
                if is_slide_file(entry.name)
            ]
        return tuple(sorted(found))
    except OSError:
        return ()


def _load_tolerantly(path: Path) -> Deck:
    """The default way to read the deck again: tolerant, default limits."""
    from tui_slides.deck.loader import load_deck

    return load_deck(path)


class PresenterApp(App[int]):
    """Presents a deck: the slides screen, overlays pushed over it, reload on demand."""

    CSS_PATH = "slides.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c,ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        deck: Deck,
        path: Path,
        *,
        start: int = 0,
        theme: str | None = None,
        watch: bool = False,
        loader: Loader | None = None,
        images: str = "cells",
        finish: Callable[[], Deck] | None = None,
    ) -> None:
        """``finish`` reads the rest of a deck opened by ``loader.open_deck``."""
        super().__init__()
        self.path = path
        self.images = images
        """How images are drawn: ``kitty``, ``sixel``, ``cells`` or ``none`` (media.protocol)."""
        self.forced_theme = theme
        """``--theme``: wins over the deck's and the slides' own themes."""
        self.watching = watch
        self.loader: Loader = loader or _load_tolerantly
        self.slides = SlidesScreen(deck, start)
        self._finish = finish
        self._signature: Signature = deck_signature(path) if watch else ()
        self._styles_theme = ""
        self._notice_pushed = False
        """True while the too-small notice may be on the screen stack."""
        self._bad_themes: set[str] = set()
        self._reported_themes: set[str] = set()
        self.theme = self._theme_for(deck, None)

    def get_key_display(self, binding: Binding) -> str:
        """A key as printed on keyboards: ``PgDn``, ``Ctrl+N``, ``Shift+F3``, ``G``."""
        if binding.key_display:
            return binding.key_display
        key = binding.key
        if key in KEY_NAMES:
            return KEY_NAMES[key]
        *modifiers, name = key.split("+")
        name = KEY_NAMES.get(name, name.upper() if len(name) > 1 or modifiers else name)
        return "+".join([*(m.capitalize() for m in modifiers), name])

    def get_default_screen(self) -> Screen[None]:
        return self.slides

    def on_mount(self) -> None:
        if self._finish is not None:
            self.call_after_refresh(self._read_the_rest)
        self.call_after_refresh(startup.resume)  # the first frame is out: see tui_slides.startup
        if self.watching:
            self.set_interval(WATCH_INTERVAL, self._poll)
        self._check_size(self.size.width, self.size.height)

    # -- theme -------------------------------------------------------------------------

    def _theme_for(self, deck: Deck, slide: Slide | None) -> str:
        """``--theme``, else the slide's, else the deck's theme, else the default.

        A name Textual does not know is skipped, and remembered to be reported.
        """
        for name in (self.forced_theme, slide.theme if slide else None, deck.theme):
            if not name:
                continue
            if name in self.available_themes:
                return name
            self._bad_themes.add(name)
        return DEFAULT_THEME

    def apply_theme(self, slide: Slide) -> None:
        """Switch to the theme ``slide`` asks for (when it differs); style blocks from it."""
        name = self._theme_for(self.slides.deck, slide)
        if name != self.theme:
            self.theme = name
        if self._styles_theme != self.theme:
            self._styles_theme = self.theme
            self.slides.slide_view.slide_styles = slide_styles(self.get_css_variables())
        for bad in sorted(self._bad_themes - self._reported_themes):
            self._reported_themes.add(bad)
            self.notify(
                f"Unknown theme {visible(bad)!r}: using {self.theme}.",
                severity="warning",
                markup=False,
            )

    # -- size --------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        """Show the too-small notice over everything, or take it away."""
        too_small = is_too_small(width, height)
        if not too_small and not self._notice_pushed:
            return  # the usual case: the notice's screen is not even imported
        from tui_slides.app.screens.too_small import TooSmallScreen

        showing = isinstance(self.screen, TooSmallScreen)
        if too_small:
            if showing:
                self.screen.show_size(width, height)  # type: ignore[attr-defined]
            else:
                self.push_screen(TooSmallScreen())
        elif showing:
            self.pop_screen()
        self._notice_pushed = too_small

    # -- reload ------------------------------------------------------------------------

    def _read_the_rest(self) -> None:
        """Read the slides after the first, now that it is on screen (``loader.open_deck``).

        The deck had been checked as far as opening it: a deck that turns out
        not to load ends the presenter with the reason, as if it had not started.
        """
        finish, self._finish = self._finish, None
        if finish is None:
            return
        try:
            deck = finish()
        except DeckError as error:
            self.exit(return_code=1, message=Text(visible(str(error))))
            return
        self.slides.set_deck(deck)

    def reload(self) -> bool:
        """Read the deck again; on error keep the last good deck and show why."""
        try:
            deck = self.loader(self.path)
        except DeckError as error:
            self.slides.show_error(str(error))
            return False
        except OSError as error:
            self.slides.show_error(f"{self.path}: {error.strerror or error}")
            return False
        self.slides.set_deck(deck)
        warnings = len(deck.diagnostics)
        note = f" ({warnings} diagnostics: run tui-slides check)" if warnings else ""
        self.notify(f"Reloaded {visible(self.path.name)}{note}", timeout=2, markup=False)
        return True

    def _poll(self) -> None:
        """``--watch``: reload when the deck's files changed since the last look."""
        signature = deck_signature(self.path)
        if signature != self._signature:
            self._signature = signature
            self.reload()

    # -- overlays ----------------------------------------------------------------------

    def show_help(self) -> None:
        """Open the help overlay, listing the bindings of every screen."""
        from tui_slides.app.screens.blank import BlankScreen
        from tui_slides.app.screens.help import HelpScreen
        from tui_slides.app.screens.overview import OverviewScreen
        from tui_slides.app.screens.search import SearchScreen

        sections = [
            ("Slides", SlidesScreen.BINDINGS),
            ("Overview (o)", OverviewScreen.BINDINGS),
            ("Search (/)", SearchScreen.BINDINGS),
            ("Blank screen (b)", BlankScreen.BINDINGS),
            ("Help (?)", HelpScreen.BINDINGS),
            ("Anywhere", self.BINDINGS),
        ]
        self.push_screen(HelpScreen(sections))
