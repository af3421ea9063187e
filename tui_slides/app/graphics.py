"""Terminal graphics through textual-image: which protocol the terminal has, and whether
its widgets can draw it. Both ask the terminal, so both run before Textual starts."""

from __future__ import annotations

from tui_slides.media.protocol import Protocol, kitty_draws_placeholders, terminal_version


def ask_terminal() -> Protocol:  # pragma: no cover - needs a real graphics terminal
    """Ask the terminal (via textual-image's renderables, which query it when imported).

    ``media.protocol.choose_protocol`` calls it when nothing else settles the
    question; ``ready`` then imports the widgets, which ask the cell size.
    """
    try:
        from textual_image import renderable

        if renderable.Image not in (renderable.SixelImage, renderable.TGPImage):
            return "cells"
    except Exception:  # not installed, or the terminal query failed: cells work everywhere
        return "cells"
    if renderable.Image is renderable.SixelImage:
        return "sixel"
    if not kitty_draws_placeholders(terminal_version()):
        return "cells"  # it answers kitty's query, but would show a grid of boxes
    return "kitty"


def ready(protocol: Protocol) -> Protocol:  # pragma: no cover - needs a graphics terminal
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
