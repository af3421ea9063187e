"""Which way the presenter draws images: kitty graphics, sixel, half-block cells, or none.

``choose_protocol(images, deck)`` is called once, before the app starts (the
terminal can only be asked before Textual reads the keyboard). ``auto`` asks
the terminal (the app does, through ``textual-image``, which tries sixel, then
the kitty graphics protocol: ``tui_slides.app.graphics``); inside tmux or
screen, on a dumb terminal, when output is not a terminal, or when the deck
has no image files, it settles on cells without asking, so nothing is
imported and no query is written.
"""

from __future__ import annotations

import os
import re
import select
import sys
import time
from collections.abc import Callable, Mapping
from typing import Literal, TextIO

from tui_slides.deck.model import Deck
from tui_slides.media.problems import deck_has_images

Protocol = Literal["kitty", "sixel", "cells", "none"]
"""How images are drawn once chosen."""


def choose_protocol(
    images: str,
    deck: Deck,
    *,
    environ: Mapping[str, str] | None = None,
    stdout: TextIO | None = None,
    ask: Callable[[], Protocol] | None = None,
) -> Protocol:
    """The protocol for ``--images=images`` on this terminal, for this deck.

    ``ask`` asks the terminal itself, when nothing else settles it (the app's
    ``graphics.ask_terminal``, through textual-image); without one, cells.
    """
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
    return ask() if ask is not None else "cells"


KITTY_PLACEHOLDERS = (0, 28)
"""The first kitty that draws images through Unicode placeholders, as textual-image does.

Older kitty (Debian 12 ships 0.26) accepts the graphics query but rejects the
``U=1`` key: the image area stays a grid of placeholder boxes.
"""


def kitty_draws_placeholders(version_reply: str) -> bool:
    """False when ``version_reply`` (the terminal's XTVERSION answer) names a kitty too old.

    Any other answer (another terminal, or none) is given the benefit of the doubt.
    """
    found = re.search(r"kitty\((\d+)\.(\d+)", version_reply)
    if found is None:
        return True
    return (int(found[1]), int(found[2])) >= KITTY_PLACEHOLDERS


def terminal_version(timeout: float = 0.2) -> str:  # pragma: no cover - needs a terminal
    """The terminal's name and version (XTVERSION, ``CSI > q``), or "" if it does not say."""
    try:
        import termios
        import tty
    except ImportError:  # Windows: no termios; the Windows Terminal is not kitty
        return ""
    stdin, stdout = sys.__stdin__, sys.__stdout__
    if stdin is None or stdout is None or not stdin.isatty():
        return ""
    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    reply = b""
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        stdout.write("\x1b[>0q\x1b[c")  # DA1 after it: every terminal answers that one
        stdout.flush()
        deadline = time.monotonic() + timeout
        while not reply.endswith(b"c") or b"\x1b[?" not in reply:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                break
            reply += os.read(fd, 1024)
    except OSError:
        return ""
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)
    return reply.decode("utf-8", "replace")
