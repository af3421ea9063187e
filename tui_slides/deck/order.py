"""The order of a folder deck's slides: ``slide_now``, then ``ID`` as dotted numbers, then
the file name, each with digit runs compared as numbers (``slide2`` < ``slide10``)."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_slides.deck.model import Slide


def natural(name: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key comparing digit runs as numbers: ``slide2`` < ``slide10``.

    Digit runs of any length and script compare by value without ``int()``
    (no length limit); other digits (``²``, ``①``) are text.
    """
    return tuple(
        (0, *digits(part)) if part.isdecimal() else (1, 0, part.lower())
        for part in re.split(r"(\d+)", name)
        if part
    )


def digits(run: str) -> tuple[int, str]:
    """A run of decimal digits as (length, ASCII digits), ordered as its value is."""
    ascii_run = run if run.isascii() else "".join(str(int(char)) for char in run)
    significant = ascii_run.lstrip("0")
    return len(significant), significant


def folder_order(item: tuple[Slide, str]) -> tuple[object, ...]:
    """Folder order: ``slide_now``, then ``ID`` as dotted numbers, then the file name."""
    slide, path = item
    dotted = tuple(natural(part) for part in slide.id.split(".")) if slide.id else ()
    return (
        slide.slide_now is None,
        slide.slide_now or 0,
        not slide.id,
        dotted,
        natural(os.path.basename(path)),
    )
