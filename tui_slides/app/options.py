"""How the presenter is to run: one frozen record the command line builds (no Textual here)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_slides.deck.loader import Opening
    from tui_slides.deck.model import Deck
    from tui_slides.share.options import ShareOptions
    from tui_slides.web.options import WebOptions

Loader = Callable[[Path], "Deck"]
"""Reads the deck again for ``r`` and ``--watch``; raises ``DeckError`` (or ``OSError``)."""


@dataclass(frozen=True, eq=False)  # never compared: no __eq__ and __hash__ to build (0.3 ms)
class PresenterOptions:
    """Everything ``run_presenter`` and ``PresenterApp`` are told, besides the deck."""

    path: Path
    """Where the deck was loaded from: reloads read it again, ``--watch`` looks at it."""
    start: int = 0
    """The 0-based index of the slide to start on."""
    start_complete: bool = False
    """Show that slide complete (all its reveal steps), as a jump does: ``--slide``."""
    theme: str | None = None
    """``--theme``: a Textual theme name that wins over the deck's and the slides' own."""
    watch: bool = False
    """``--watch``: reload when the deck's files change."""
    loader: Loader | None = None
    """Reads the deck again (the CLI's keeps the options it was loaded with); None: tolerant."""
    images: str = "auto"
    """``auto``, ``kitty``, ``sixel``, ``cells`` or ``none`` (``run_presenter`` resolves auto)."""
    opening: Opening | None = None
    """A large deck opened with its first slide only: the app completes it after its first paint."""
    css: Path | None = None
    """``--css FILE`` (else the config file's ``css``): a Textual CSS file loaded over the
    built-in styles (and the deck's)."""
    on_first_paint: Callable[[], None] | None = None
    """Called once the first frame is on screen (the CLI resumes garbage collection there)."""
    printed: int = 0
    """How many of the deck's errors and warnings the command printed before the presenter
    took the screen, which hides them: a notice says so once the first slide is up."""
    config_printed: int = 0
    """The same of the config file's problems (``tui_slides.config``)."""
    console: bool = False
    """Share the talk with ``tui-slides console`` (on a Unix socket; the CLI always does)."""
    console_socket: Path | None = None
    """Where to listen for consoles (None: ``presenting.rendezvous.socket_path``)."""
    announce_console: bool = False
    """``--console``: say how to open the console (a notification, once listening)."""
    duration: float | None = None
    """``--duration`` (else the config file's, for a deck without its own): the talk's planned
    length in seconds, for the console's timer."""
    advance: float | None = None
    """``--advance``: seconds before the talk moves on by itself (each step); None: never."""
    loop: bool = False
    """``--loop``: after the last slide comes the first (the advance, and next, go round)."""
    keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Extra keys for the presenter's actions, from the config file: ``{"next": ("b",)}``."""
    default_theme: str | None = None
    """The config file's theme: below ``--theme`` and the deck's own, above the built-in."""
    share: ShareOptions | None = None
    """``--ssh``: also serve the talk to audiences over SSH (``tui_slides.share``), port bound."""
    http: WebOptions | None = None
    """``--http``: also serve the talk as a web page that follows it (``tui_slides.web``)."""
