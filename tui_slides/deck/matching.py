"""How deck text is matched: whitespace runs as one space, case folded one character for one.

Search (``tui_slides.presenting.search``), its highlight on screen
(``tui_slides.render.highlight``) and the overview's filter all compare text
this way, so what is found is what is highlighted.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """``text`` with every run of whitespace as one space, as the renderer shows it."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """``text`` in lower case, one character for one, so offsets stay valid."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
