"""Which way the presenter draws images: kitty graphics, sixel, half-block cells, or none.

``choose_protocol(images, deck)`` is called once, before the app starts (the
terminal can only be asked before Textual reads the keyboard). ``auto`` asks
the terminal through ``textual-image``, which tries sixel, then the kitty
graphics protocol; inside tmux or screen, on a dumb terminal, when output is
not a terminal, or when the deck has no image files, it settles on cells
without asking, so nothing is imported and no query is written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Literal, TextIO

from tui_slides.media.problems import deck_has_images
from tui_slides.model import Deck

ImagesOption = Literal["auto", "cells", "none"]
"""The ``--images`` choices."""
IMAGES_OPTIONS: tuple[ImagesOption, ...] = ("auto", "cells", "none")

Protocol = Literal["kitty", "sixel", "cells", "none"]
"""How images are drawn once chosen."""


def choose_protocol(
    images: str,
    deck: Deck,
    *,
    environ: Mapping[str, str] | None = None,
    stdout: TextIO | None = None,
) -> Protocol:
    """The protocol for ``--images=images`` on this terminal, for this deck."""
    if images == "none":
        return "none"
    if images == "cells" or not deck_has_images(deck):
        return "cells"
    environ = os.environ if environ is None else environ
    stdout = sys.__stdout__ if stdout is None else stdout
    if stdout is None or not stdout.isatty():
        return "cells"
    if environ.get("TMUX") or environ.get("STY") or environ.get("TERM", "") in ("", "dumb"):
        return "cells"  # multiplexers pass graphics through unreliably; cells always work
    return _ask_terminal()


def _ask_terminal() -> Protocol:  # pragma: no cover - needs a real graphics terminal
    """Ask the terminal (via textual-image, which queries it when imported)."""
    try:
        from textual_image import renderable

        if renderable.Image not in (renderable.SixelImage, renderable.TGPImage):
            return "cells"
        # Importing the widgets asks the cell size in pixels, also only possible now.
        import textual_image.widget  # noqa: F401
    except Exception:  # not installed, or the terminal query failed: cells work everywhere
        return "cells"
    return "sixel" if renderable.Image is renderable.SixelImage else "kitty"
