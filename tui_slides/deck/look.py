"""The deck fields that say how slides look: ``layout`` (slide or deck) and ``css`` (deck)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tui_slides.deck.diagnostics import Level
from tui_slides.deck.model import Layout, shown

if TYPE_CHECKING:
    from tui_slides.deck.schema import Reader
    from tui_slides.deck.syntax import Path as ValuePath

LAYOUTS = {member.value: member for member in Layout}
"""``layout`` values by name."""


def read_layout(reader: Reader, obj: Mapping[str, object], where: ValuePath) -> Layout | None:
    """The ``layout`` field of ``obj``; an unknown value is a warning naming the layouts
    (and is ignored: a slide is shown in the deck's layout, as if it gave none)."""
    name = reader.string(obj, where, "layout").strip().lower()
    if name and name not in LAYOUTS:
        layouts = ", ".join(LAYOUTS)
        message = f"unknown layout '{shown(name)}' ignored; the layouts are {layouts}"
        reader.report(Level.WARNING, (*where, "layout"), message)
    return LAYOUTS.get(name)


def read_css(reader: Reader, obj: Mapping[str, object]) -> str | None:
    """The deck object's ``css`` field: a path from the deck's folder; a missing file (or a
    folder) warns."""
    raw = reader.string(obj, (), "css").strip()
    path = os.path.normpath(os.path.join(reader.base, raw)) if raw else None
    if path is not None and not os.path.isfile(path):
        what = "is a folder, not a file" if os.path.isdir(path) else "not found"
        message = f"CSS file {what}: '{shown(raw)}' (looked for {shown(path)})"
        reader.report(Level.WARNING, ("css",), message)
    return path
