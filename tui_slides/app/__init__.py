"""The Textual presenter: ``run_presenter`` shows a loaded deck full screen.

Importing this package loads no Textual: the app module is imported when a
deck is presented, so the CLI stays fast for ``check`` and ``show``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui_slides.app.app import Loader
    from tui_slides.deck.model import Deck
    from tui_slides.media.protocol import Protocol


def run_presenter(
    deck: Deck,
    path: Path,
    *,
    start: int = 0,
    theme: str | None = None,
    watch: bool = False,
    loader: Loader | None = None,
    images: str = "auto",
    finish: Callable[[], Deck] | None = None,
) -> int:
    """Present ``deck`` (loaded from ``path``) from slide ``start`` (0-based); the exit status.

    ``theme`` is any Textual theme name and wins over the deck's own; ``watch``
    reloads the deck when its files change; ``loader`` reads it again (for ``r`` and
    ``watch``: the CLI passes one with the options the deck was first loaded with).
    An unknown ``theme`` is reported on stderr with the known names (status 2).
    ``images`` is ``auto``, ``cells`` or ``none`` (``--images``); ``auto`` asks the
    terminal now, before Textual starts reading it. ``finish`` reads the rest of a
    deck opened by ``loader.open_deck``, once its first slide is on screen.
    """
    from tui_slides.app.app import PresenterApp
    from tui_slides.deck.safety import visible
    from tui_slides.media.protocol import choose_protocol

    protocol = _ready(choose_protocol(images, deck))
    app = PresenterApp(
        deck,
        path,
        start=start,
        theme=theme,
        watch=watch,
        loader=loader,
        images=protocol,
        finish=finish,
    )
    if theme is not None and theme not in app.available_themes:
        names = ", ".join(sorted(app.available_themes))
        message = f"tui-slides: unknown theme {visible(theme)!r}; choose one of: {names}"
        print(message, file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0


def _ready(protocol: Protocol) -> Protocol:  # pragma: no cover - needs a graphics terminal
    """``protocol``, once textual-image's widgets can draw it, else ``cells``.

    Importing the widgets asks the terminal its cell size in pixels: only
    possible before Textual starts reading the terminal.
    """
    if protocol not in ("kitty", "sixel"):
        return protocol
    try:
        import textual_image.widget  # noqa: F401
    except Exception:  # the terminal query failed: cells work everywhere
        return "cells"
    return protocol
