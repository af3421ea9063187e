"""The built-in Textual themes' colours, as a table: exports use them without importing Textual.

``tests/test_export_themes.py`` checks the table against ``textual.theme.BUILTIN_THEMES``;
``python tests/export_theme_table.py`` prints it anew after a Textual upgrade.
The two ANSI themes have no RGB colours of their own: they export as
``textual-dark`` and ``textual-light``.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

DEFAULT_THEME = "textual-dark"
"""The theme when neither ``--theme`` nor the deck names one (the presenter's default too)."""

COLOUR_KEYS = (
    "background",
    "surface",
    "panel",
    "foreground",
    "primary",
    "accent",
    "text-primary",
    "text-accent",
    "warning",
    "error",
)
"""The Textual CSS variables a palette holds, in ``Palette`` field order."""


@dataclass(frozen=True)
class Palette:
    """One theme's colours, as ``#rrggbb`` strings (the names of Textual's variables)."""

    dark: bool
    background: str
    surface: str
    panel: str
    foreground: str
    primary: str
    accent: str
    text_primary: str
    text_accent: str
    warning: str
    error: str

    def css_variables(self) -> str:
        """The palette as CSS custom properties, ``--background: #121212; ...``."""
        values = astuple(self)[1:]
        return "".join(f"--{key}:{value};" for key, value in zip(COLOUR_KEYS, values, strict=True))


ALIASES = {"ansi-dark": "textual-dark", "ansi-light": "textual-light"}
"""Themes without RGB colours, and the theme each exports as."""

THEMES: dict[str, Palette] = {
    "textual-dark": Palette(
        dark=True,
        background="#121212",
        surface="#1e1e1e",
        panel="#242f38",
        foreground="#e0e0e0",
        primary="#0178d4",
        accent="#fea62b",
        text_primary="#57a5e2",
        text_accent="#ffc473",
        warning="#fea62b",
        error="#b93c5b",
    ),
    "textual-light": Palette(
        dark=False,
        background="#e0e0e0",
        surface="#d8d8d8",
        panel="#d0d0d0",
        foreground="#1f1f1f",
        primary="#004578",
        accent="#fea62b",
        text_primary="#002d4f",
        text_accent="#a86d1c",
        warning="#fea62b",
        error="#b93c5b",
    ),
    "nord": Palette(
        dark=True,
        background="#2e3440",
        surface="#3b4252",
        panel="#434c5e",
        foreground="#d8dee9",
        primary="#88c0d0",
        accent="#b48ead",
        text_primary="#b0d5df",
        text_accent="#cdb4c8",
        warning="#eacb8b",
        error="#be616a",
    ),
    "gruvbox": Palette(
        dark=True,
        background="#282828",
        surface="#3c3836",
        panel="#504945",
        foreground="#fbf1c7",
        primary="#85a598",
        accent="#f9bd2f",
        text_primary="#aec3bb",
        text_accent="#fbd375",
        warning="#fd8019",
        error="#fa4934",
    ),
    "catppuccin-mocha": Palette(
        dark=True,
        background="#181825",
        surface="#313244",
        panel="#45475a",
        foreground="#cdd6f4",
        primary="#f5c2e7",
        accent="#f9b387",
        text_primary="#f8d6ef",
        text_accent="#fbccaf",
        warning="#fae3b0",
        error="#f28fad",
    ),
    "dracula": Palette(
        dark=True,
        background="#282a36",
        surface="#2b2e3b",
        panel="#313442",
        foreground="#f8f8f2",
        primary="#bd93f9",
        accent="#ff79c6",
        text_primary="#d3b7fb",
        text_accent="#ffa6d9",
        warning="#feb86c",
        error="#fe5555",
    ),
    "tokyo-night": Palette(
        dark=True,
        background="#1a1b26",
        surface="#24283b",
        panel="#414868",
        foreground="#a9b1d6",
        primary="#bb9af7",
        accent="#fe9e64",
        text_primary="#d2bcf9",
        text_accent="#ffbe98",
        warning="#dfaf68",
        error="#f6768e",
    ),
    "monokai": Palette(
        dark=True,
        background="#272822",
        surface="#2e2e2e",
        panel="#3e3d32",
        foreground="#d6d6d6",
        primary="#ae81ff",
        accent="#66d9ef",
        text_primary="#c9abff",
        text_accent="#9ae5f4",
        warning="#fc971f",
        error="#f82672",
    ),
    "flexoki": Palette(
        dark=True,
        background="#100f0f",
        surface="#1c1b1a",
        panel="#282726",
        foreground="#fffcf0",
        primary="#205ea6",
        accent="#9b76c8",
        text_primary="#6b94c4",
        text_accent="#bda4da",
        warning="#ac8301",
        error="#ae3029",
    ),
    "catppuccin-latte": Palette(
        dark=False,
        background="#eff1f5",
        surface="#e6e9ef",
        panel="#ccd0da",
        foreground="#4c4f69",
        primary="#8839ef",
        accent="#fd640b",
        text_primary="#59259d",
        text_accent="#a74207",
        warning="#de8e1d",
        error="#d10f39",
    ),
    "catppuccin-frappe": Palette(
        dark=True,
        background="#303446",
        surface="#414559",
        panel="#51576d",
        foreground="#c6d0f5",
        primary="#ca9ee6",
        accent="#f4b8e4",
        text_primary="#dcbeee",
        text_accent="#f7d0ed",
        warning="#e4c890",
        error="#e68284",
    ),
    "catppuccin-macchiato": Palette(
        dark=True,
        background="#24273a",
        surface="#363a4f",
        panel="#494d64",
        foreground="#cad3f5",
        primary="#c6a0f6",
        accent="#f5bde6",
        text_primary="#d9c0f9",
        text_accent="#f8d3ee",
        warning="#eed49f",
        error="#ed8796",
    ),
    "solarized-light": Palette(
        dark=False,
        background="#fdf6e3",
        surface="#eee8d5",
        panel="#eee8d5",
        foreground="#586e75",
        primary="#268bd2",
        accent="#6c71c4",
        text_primary="#195b8a",
        text_accent="#474a81",
        warning="#ca4b16",
        error="#db322f",
    ),
    "solarized-dark": Palette(
        dark=True,
        background="#002b36",
        surface="#073642",
        panel="#073642",
        foreground="#839496",
        primary="#268bd2",
        accent="#6c71c4",
        text_primary="#6fb2e1",
        text_accent="#9da1d8",
        warning="#ca4b16",
        error="#db322f",
    ),
    "rose-pine": Palette(
        dark=True,
        background="#191724",
        surface="#1f1d2e",
        panel="#26233a",
        foreground="#e0def4",
        primary="#c4a7e7",
        accent="#ebbcba",
        text_primary="#d8c4ef",
        text_accent="#f1d2d1",
        warning="#f5c177",
        error="#ea6f92",
    ),
    "rose-pine-moon": Palette(
        dark=True,
        background="#232136",
        surface="#2a273f",
        panel="#393552",
        foreground="#e0def4",
        primary="#c4a7e7",
        accent="#ea9a97",
        text_primary="#d8c4ef",
        text_accent="#f1bcba",
        warning="#f5c177",
        error="#ea6f92",
    ),
    "rose-pine-dawn": Palette(
        dark=False,
        background="#faf4ed",
        surface="#fffaf3",
        panel="#f2e9e1",
        foreground="#575279",
        primary="#907aa9",
        accent="#d6827e",
        text_primary="#5f506f",
        text_accent="#8d5553",
        warning="#e99d34",
        error="#b4637a",
    ),
    "atom-one-dark": Palette(
        dark=True,
        background="#282c34",
        surface="#3b414d",
        panel="#4f5666",
        foreground="#abb2bf",
        primary="#61afef",
        accent="#a378c2",
        text_primary="#96caf4",
        text_accent="#c2a5d6",
        warning="#ddb25b",
        error="#ef6262",
    ),
    "atom-one-light": Palette(
        dark=False,
        background="#fafafa",
        surface="#e0e0e0",
        panel="#cccccc",
        foreground="#383a42",
        primary="#4078f2",
        accent="#be9232",
        text_primary="#2a4f9f",
        text_accent="#7e6021",
        warning="#d7d938",
        error="#f13f3f",
    ),
}


def palette_name(*names: str | None) -> tuple[str, list[str]]:
    """The first of ``names`` that is a known theme (else the default), and the unknown ones."""
    unknown: list[str] = []
    for name in names:
        if not name:
            continue
        name = ALIASES.get(name, name)
        if name in THEMES:
            return name, unknown
        unknown.append(name)
    return DEFAULT_THEME, unknown
