"""The names a deck may use: its fields, their common misspellings, and the built-in themes.

``suggestion`` says which known name an unknown one was probably meant to be:
a table of the aliases people write (``contents``, ``speaker_notes``,
``image``...) first, then a close match by ``difflib``. The schema turns a
suggestion into a warning ("did you mean"); an unknown name with none stays
information.
"""

from __future__ import annotations

from functools import lru_cache

SLIDE_FIELDS = frozenset(
    (
        "name",
        "ID",
        "logo_title",
        "logo_path",
        "slide_now",
        "slide_max",
        "content",
        "notes",
        "theme",
        "layout",
    )
)
DECK_FIELDS = frozenset(
    ("slides", "name", "logo_title", "logo_path", "theme", "duration", "layout", "css")
)
BLOCK_FIELDS = frozenset(
    ("title", "text", "block", "img_path", "video", "map", "format", "pause", "reveal")
)

ALIASES: dict[str, str] = {
    # slide (and deck) fields
    "contents": "content",
    "blocks": "content",
    "note": "notes",
    "speaker_notes": "notes",
    "speaker_note": "notes",
    "speakernotes": "notes",
    "presenter_notes": "notes",
    "id": "ID",
    "logo": "logo_path",
    "logo_img": "logo_path",
    "logo_image": "logo_path",
    "logotitle": "logo_title",
    "slide": "slides",
    # block fields
    "image": "img_path",
    "img": "img_path",
    "images": "img_path",
    "image_path": "img_path",
    "img_src": "img_path",
    "src": "img_path",
    "picture": "img_path",
    "body": "text",
    "content_text": "text",
    "heading": "title",
    "header": "title",
    "videos": "video",
    "video_path": "video",
    "location": "map",
    "coords": "map",
    "coordinates": "map",
    "paused": "pause",
    "step": "pause",
    "reveal_items": "reveal",
    "incremental": "reveal",
}
"""Names people write for a field, each with the field meant (compared in lower case)."""

BUILTIN_THEMES = frozenset(
    (
        "ansi-dark",
        "ansi-light",
        "atom-one-dark",
        "atom-one-light",
        "catppuccin-frappe",
        "catppuccin-latte",
        "catppuccin-macchiato",
        "catppuccin-mocha",
        "dracula",
        "flexoki",
        "gruvbox",
        "monokai",
        "nord",
        "rose-pine",
        "rose-pine-dawn",
        "rose-pine-moon",
        "solarized-dark",
        "solarized-light",
        "textual-dark",
        "textual-light",
        "tokyo-night",
    )
)
"""Textual's built-in theme names (``textual.theme.BUILTIN_THEMES``; a test keeps them equal).

The deck layer cannot import Textual, and ``check`` should not pay for it.
"""


SUGGESTED_LENGTH = 100
"""Longest unknown name a close known one is looked for (field names are a few letters)."""


@lru_cache(maxsize=1024)
def suggestion(name: str, known: frozenset[str]) -> str | None:
    """The known field ``name`` was probably meant to be, or ``None``.

    An alias counts only when the field it means is one of ``known`` (``slide``
    means ``slides`` in a deck object, nothing in a slide). Cached: a deck
    repeats its misspellings from slide to slide.
    """
    if len(name) > SUGGESTED_LENGTH:
        return None  # no field is that long: comparing it would only cost (15 MB: 700 MB)
    lowered = name.strip().lower()
    meant = ALIASES.get(lowered)
    if meant in known:
        return meant
    by_lower = {field.lower(): field for field in known}
    if lowered in by_lower:
        return by_lower[lowered]  # "Content", "id"
    import difflib  # here: only a deck with unknown fields needs it

    close = difflib.get_close_matches(lowered, sorted(by_lower), n=1, cutoff=0.75)
    return by_lower[close[0]] if close else None


def close_themes(name: str) -> list[str]:
    """Built-in theme names close to ``name``, closest first (at most four)."""
    if len(name) > SUGGESTED_LENGTH:
        return []
    import difflib

    lowered = name.strip().lower()
    names = sorted(BUILTIN_THEMES)
    close = difflib.get_close_matches(lowered, names, n=4, cutoff=0.5)
    # "solarized" or "catppuccin" is close to none as a whole, but starts several.
    starts = [theme for theme in names if lowered and theme.startswith(lowered)]
    return list(dict.fromkeys([*close, *starts]))[:4]
