"""WCAG contrast of two colours, and a colour nudged until it reads on a background.

Every colour of a slide comes from the theme; a theme colour that would be
too faint on its background (the accent of a light theme, say) is blended
towards black or white, whichever reads better there, just far enough to
reach ``AA`` (4.5:1, the WCAG level for body text). Colours are ``#rrggbb``.
On a terminal of 256 colours (``eight_bit``) the pair is judged as that
terminal shows it: each colour as Rich turns it into the nearest of the palette.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color, ColorSystem

AA = 4.5
"""The WCAG AA contrast for normal text."""


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(max(0, min(255, round(c))) for c in rgb))


def luminance(colour: str | tuple[int, int, int]) -> float:
    """The relative luminance of a colour (WCAG 2.x), 0 for black to 1 for white."""
    rgb = _rgb(colour) if isinstance(colour, str) else colour
    channels = []
    for value in rgb:
        c = value / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str | tuple[int, int, int], second: str | tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def blend(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0 to 1) of the way to ``other``."""
    start, end = _rgb(colour), _rgb(other)
    return _hex(tuple(s + (e - s) * amount for s, e in zip(start, end, strict=True)))  # type: ignore[arg-type]


def on_palette(colour: str) -> tuple[int, int, int]:
    """``colour`` as a terminal of 256 colours shows it (Rich's downgrade, as Textual draws)."""
    shown = Color.parse(colour).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return shown.red, shown.green, shown.blue


@lru_cache(maxsize=512)  # the status bar asks for the same few pairs on every slide change
def readable(colour: str, background: str, minimum: float = AA, *, eight_bit: bool = False) -> str:
    """``colour``, or the nearest blend of it towards black or white that has ``minimum``
    contrast on ``background`` (colours that already read are kept exactly); with
    ``eight_bit``, the contrast the two have once shown in 256 colours."""

    def shown(value: str) -> str | tuple[int, int, int]:
        return on_palette(value) if eight_bit else value

    back = shown(background)
    if contrast(shown(colour), back) >= minimum:
        return colour
    black, white = "#000000", "#FFFFFF"
    target = black if contrast(shown(black), back) >= contrast(shown(white), back) else white
    if eight_bit:  # the palette's steps are not monotonic: the first blend that reads
        for step in range(1, 33):
            candidate = blend(colour, target, step / 32)
            if contrast(shown(candidate), back) >= minimum:
                return candidate
        return target
    low, high = 0.0, 1.0
    for _ in range(12):  # a binary search: 1/4096 of the way is finer than 8-bit colour
        middle = (low + high) / 2
        if contrast(blend(colour, target, middle), background) >= minimum:
            high = middle
        else:
            low = middle
    return blend(colour, target, high)
