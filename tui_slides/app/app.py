"""The presenter app: screens, theme, reload and ``--watch``, and the too-small notice.

The talk itself is a ``Presentation`` (``tui_slides.presenting``); the app
builds one from its options, shows it on a ``SlidesScreen``, follows it to
pick the theme, and reloads it. How it starts is the entry point's business:
``PresenterOptions.on_first_paint``.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui_slides.app.options import Loader, PresenterOptions
from tui_slides.app.screens.slides import ACTIONS, HelpRequested, ReloadRequested, SlidesScreen
from tui_slides.app.sharing import SharingApp
from tui_slides.app.sizes import is_too_small
from tui_slides.app.watch import Signature, deck_signature, half_written, problem_text
from tui_slides.deck.diagnostics import loud_count
from tui_slides.deck.errors import DeckError
from tui_slides.deck.safety import visible
from tui_slides.presenting.events import DeckReloaded, Event, SlideChanged
from tui_slides.presenting.presentation import Presentation

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tui_slides.deck.loader import Opening
    from tui_slides.deck.model import Deck, Slide
    from tui_slides.presenting.advance import Advance

DEFAULT_THEME = "textual-dark"
"""The theme when neither ``--theme`` nor the deck names one."""
SHIFT_F3_REPORT = 1
"""``CSI 1;2R``, Shift+F3 in xterm and tmux, read as column 2 (x 1) of row 1 (y 0)."""
QUIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Signals the presenter ends on as on ``q``: its terminal is left as it was found."""
WATCH_INTERVAL = 0.5
"""Seconds between two looks at the deck's modification time with ``--watch``."""

KEY_NAMES = {
    "right": "→", "left": "←", "up": "↑", "down": "↓",
    "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End",
    "backspace": "Backspace", "enter": "Enter", "escape": "Esc", "space": "Space",
    "question_mark": "?", "slash": "/",
}  # fmt: skip
"""How keys are named in the help: as printed on keyboards, not as Textual names them."""
SHARE_BINDING = Binding("s", "share", "Share panel: how audiences join (SSH, browser), the code")
"""What ``s`` does while the talk is shared (``--ssh``, ``--http``): in the help then only."""


def _load_tolerantly(path: Path) -> Deck:
    """The default way to read the deck again: tolerant, default limits."""
    from tui_slides.deck.loader import load_deck

    return load_deck(path)


class PresenterApp(SharingApp):
    """Presents a deck: the slides screen, overlays pushed over it, reload on demand."""

    CSS_PATH = "slides.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c,ctrl+q", "quit", "Quit", priority=True),
        Binding("s", "share", show=False),  # while sharing: listed in the help only then
    ]

    def __init__(self, deck: Deck | Presentation, options: PresenterOptions) -> None:
        """Present ``deck`` (or follow a presentation shared with other views) as ``options`` say.

        ``options.images`` is a protocol already chosen (``run_presenter`` resolves ``auto``).
        """
        super().__init__()
        self.options = options
        self.path = options.path
        self.images = "cells" if options.images == "auto" else options.images
        """How images are drawn: ``kitty``, ``sixel``, ``cells`` or ``none`` (media.protocol)."""
        self.loader: Loader = options.loader or _load_tolerantly
        if isinstance(deck, Presentation):
            self.presentation = deck
        else:
            self.presentation = Presentation(
                deck, options.start, complete=options.start_complete, loop=options.loop
            )
        self.slides = SlidesScreen(self.presentation, images=self.images, keys=options.keys)
        self.advance: Advance | None = None
        """The automatic advance's timer (``--advance``), once started."""
        self._opening = options.opening
        self._signature: Signature = self._watched() if options.watch else ()
        self._notice_pushed = False
        """True while the too-small notice may be on the screen stack."""
        self._bad_themes: set[str] = set()
        self._reported_themes: set[str] = set()
        self.theme = self._theme_for(self.presentation.slide)
        self.css_problems: list[str] = []
        """Why a deck's CSS file (``css``, ``--css``) is not used: shown, and printed at the end."""
        self._built_in_css = list(self.css_path)
        css = self._css_files(self.presentation.deck)
        if css:  # the deck's, then --css, over the built-in styles (app.styling)
            from tui_slides.app.styling import add_css

            self.css_problems = add_css(self, css)
        self._unsubscribe = self.presentation.subscribe(self._on_event)

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
        for problem in self.css_problems:
            self._say_css_problem(problem)
        self.call_after_refresh(self._after_first_paint)
        self._quit_on_signals()
        if self.options.watch:
            self.set_interval(WATCH_INTERVAL, self._poll)
        self._report_bad_themes()
        self._check_size(self.size.width, self.size.height)
        if self.options.advance:
            from tui_slides.presenting.advance import Advance

            self.advance = Advance(self.presentation, self.options.advance, self._schedule)
            self.advance.start()

    def _schedule(self, seconds: float, callback: Callable[[], None]) -> Callable[[], None]:
        """The advance's timer: Textual's, in this app (``presenting.advance.Schedule``)."""
        return self.set_timer(seconds, callback).stop

    def on_cursor_position(self, event: events.CursorPosition) -> None:
        """Shift+F3 as xterm and tmux send it (``CSI 1;2R``), which Textual reads as a report
        of the cursor's position: the presenter never asks for one, so it is the key."""
        if (event.x, event.y) == (SHIFT_F3_REPORT, 0):
            self.simulate_key("shift+f3")

    def _quit_on_signals(self) -> None:
        """SIGTERM and SIGHUP (``kill``, a closed terminal or SSH session) quit as ``q`` does,
        so the terminal is put back: out of the alternate screen, mouse off, cursor on."""
        loop = asyncio.get_running_loop()
        for number in QUIT_SIGNALS:
            try:
                loop.add_signal_handler(number, self.exit)
            except (NotImplementedError, RuntimeError, ValueError):  # no signals here (tests)
                pass

    async def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for number in QUIT_SIGNALS:
            try:
                loop.remove_signal_handler(number)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        self._unsubscribe()
        if self.advance is not None:
            self.advance.close()
        await self.stop_sharing()

    def _after_first_paint(self) -> None:
        """The first frame is out: read the rest of a quick-started deck, then the hook."""
        opening, self._opening = self._opening, None
        if opening is not None:
            self.run_worker(self._read_the_rest(opening), name="read the rest", group="opening")
        hook = self.options.on_first_paint
        if hook is not None:
            hook()
        self._say_printed()
        self.start_sharing()

    def _say_printed(self) -> None:
        """The deck's and the config file's problems, printed under the screen: say so."""
        from tui_slides.app import notices

        said = []
        count = self.options.printed
        if count:
            said.append(notices.printed(self.path.name, count, notices.lists(self.path, count)))
        count = self.options.config_printed
        if count:
            config = "The config file"  # (the app's layer knows no config: the command reads it)
            said.append(notices.printed(config, count, "what it could not use is left out"))
        for message in said:
            self.notify(message, severity="warning", timeout=6, markup=False)

    async def _read_the_rest(self, opening: Opening) -> None:
        """Take the complete deck of a quick start (``tui_slides.deck.loader.Opening``).

        Read a step at a time, keys handled in between: on 10,000 slides of 100
        blocks the reading takes seconds, and ``q`` must not wait for it (quitting
        cancels this worker). The deck had been checked as far as opening it: a
        deck that turns out not to load ends the presenter with the reason, as if
        it had not started.
        """
        steps = opening.complete_in_steps()
        try:
            while True:
                next(steps)
                await asyncio.sleep(0)
        except StopIteration as done:
            deck: Deck = done.value
        except DeckError as error:
            said = error.shown(self.size.width)  # printed once the screen is given back
            self.exit(return_code=1, message=Text(visible(said)))
            return
        if deck is not self.presentation.deck:
            self.presentation.reload(deck)

    # -- theme -------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        """Follow the presentation: each slide may ask for its own theme."""
        kind = type(event)
        if kind is SlideChanged or kind is DeckReloaded:
            if self.app is self:
                self._apply_theme()
            else:  # changed from another app's task: apply it in this app's own
                self.call_later(self._apply_theme)

    def _theme_for(self, slide: Slide | None) -> str:
        """``--theme``, else the slide's, else the deck's theme, else the config file's, else
        the default.

        A name Textual does not know is skipped, and remembered to be reported.
        """
        deck = self.presentation.deck
        options = self.options
        chosen = (options.theme, slide.theme if slide else None, deck.theme, options.default_theme)
        names = [n for n in chosen if n]
        if names:
            known = self.available_themes  # a copy of Textual's registry: made once here
            for name in names:
                if name in known:
                    return name
                self._bad_themes.add(name)
        return DEFAULT_THEME

    def _apply_theme(self) -> None:
        """Switch to the theme the current slide asks for (when it differs)."""
        name = self._theme_for(self.presentation.slide)
        if name != self.theme:
            self.theme = name  # the slides screen restyles its blocks from it
        self._report_bad_themes()

    def _report_bad_themes(self) -> None:
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

    def on_reload_requested(self, message: ReloadRequested) -> None:
        self.reload()

    def reload(self, *, watched: bool = False) -> bool:
        """Read the deck again; on any failure keep the last good deck and show why.

        ``watched``: the files changed under ``--watch``; a version that looks
        half-written (``half_written``) is not taken: the next change is awaited.
        """
        try:
            deck = self.loader(self.path)
        except DeckError as error:
            inside = self.size.width - 2  # the panel's padding (#diagnostics, slides.tcss)
            self.presentation.report_problem(problem_text(error, inside))
            return False
        except OSError as error:
            self.presentation.report_problem(f"{self.path}: {error.strerror or error}")
            return False
        except Exception as error:  # a bug in loading must not end the talk
            self.presentation.report_problem(f"{self.path}: {type(error).__name__}: {error}")
            return False
        if watched and half_written(deck):
            self.notify(
                f"{visible(self.path.name)} looks half-written (brackets still open at its"
                " end): still showing the last good version; waiting for the next change.",
                severity="warning",
                timeout=5,
                markup=False,
            )
            return False
        self.presentation.reload(deck)
        self._restyle(deck)
        from tui_slides.app.notices import reloaded

        self.notify(reloaded(self.path, loud_count(deck.diagnostics)), timeout=4, markup=False)
        return True

    def _css_files(self, deck: Deck) -> list[Path]:
        """The deck's CSS file, then ``--css``'s: styles over the built-in ones."""
        return [Path(path) for path in (deck.css, self.options.css) if path]

    def _restyle(self, deck: Deck) -> None:
        """A reloaded deck's CSS files read again (edited, added or gone); a bad one is said."""
        files = self._css_files(deck)
        if not files and len(self.css_path) == len(self._built_in_css):
            self.css_problems = []  # no CSS of the deck's now: no problem with it either
            return  # nor before: nothing to read
        from tui_slides.app.styling import restyle

        # The problems of the files as they are now: one fixed since is no longer said at the end.
        self.css_problems = restyle(self, self._built_in_css, files)
        for problem in self.css_problems:
            self._say_css_problem(problem)

    def _say_css_problem(self, problem: str) -> None:
        """A CSS file left out, on screen (its rules only: the other files still style)."""
        message = f"{problem}\nPresenting without this file's styles."
        self.notify(message, title="CSS not loaded", severity="error", timeout=10, markup=False)

    def _watched(self) -> Signature:
        """What ``--watch`` looks at: the deck's files and its CSS files (one ``stat`` each)."""
        files = self._css_files(self.presentation.deck)
        return deck_signature(self.path) + sum((deck_signature(path) for path in files), ())

    def _poll(self) -> None:
        """``--watch``: reload when the deck's files or its CSS changed since the last look."""
        signature = self._watched()
        if signature != self._signature:
            self._signature = signature
            if self.reload(watched=True):
                self._signature = self._watched()  # its CSS file may be another one now

    # -- overlays ----------------------------------------------------------------------

    def on_help_requested(self, message: HelpRequested) -> None:
        self.show_help()

    def show_help(self) -> None:
        """Open the help overlay, listing the bindings of every screen."""
        from tui_slides.app.screens.blank import BlankScreen
        from tui_slides.app.screens.help import HelpScreen, with_config_keys
        from tui_slides.app.screens.overview import OverviewScreen
        from tui_slides.app.screens.search import SearchScreen

        slides = SlidesScreen.BINDINGS
        if self.advance is None:  # ``a`` does something only with --advance
            slides = [b for b in slides if not isinstance(b, Binding) or b.action != "advance"]
        sections = [
            ("Slides", slides),
            ("Overview (o)", OverviewScreen.BINDINGS),
            ("Search (/)", SearchScreen.BINDINGS),
            ("Blank screen (b)", BlankScreen.BINDINGS),
            ("Help (?)", HelpScreen.BINDINGS),
            ("Anywhere", self.BINDINGS),
        ]
        if self.share is not None or self.web is not None:
            sections.insert(-1, ("Sharing (--ssh, --http)", [SHARE_BINDING]))
        self.push_screen(HelpScreen(with_config_keys(sections, self.options.keys, ACTIONS)))
