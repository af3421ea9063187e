"""The PDF's fonts: Noto Sans (Latin, Greek, Cyrillic) and Ubuntu Mono, from ``pymupdf-fonts``;
Cascadia Code stands in for the geometric shapes, arrows and box lines Noto Sans lacks
(``●○`` step dots, ``▶``), in paragraphs (``symbols``).

The TrueType files come inside that pip package (SIL Open Font License), so a
PDF export needs neither the network nor fonts installed on the system. They
are registered with reportlab once per process, and subset into each PDF.
"""

from __future__ import annotations

import io
from functools import cache

SANS = "TuiSlidesSans"
"""The body font's family name (regular, bold, italic, bold italic)."""
MONO = "TuiSlidesMono"
"""The code font."""
SYMBOLS = "TuiSlidesSymbols"
"""What draws, in paragraphs, a character the body font lacks (Cascadia Code)."""

_FACES = {
    SANS: "notos",
    f"{SANS}-Bold": "notosbo",
    f"{SANS}-Italic": "notosit",
    f"{SANS}-BoldItalic": "notosbi",
    MONO: "ubuntm",
}
"""reportlab font name -> the ``pymupdf_fonts`` name of its file."""


@cache
def register() -> frozenset[int]:
    """Register the fonts with reportlab (once); the code points the body font has glyphs for."""
    import pymupdf_fonts
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    covered: frozenset[int] = frozenset()
    for name, key in _FACES.items():
        font = TTFont(name, io.BytesIO(pymupdf_fonts.myfont(key)))
        pdfmetrics.registerFont(font)
        if name == SANS:
            covered = frozenset(font.face.charToGlyph)
    for bold in (0, 1):
        for italic in (0, 1):
            suffix = {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}
            addMapping(SANS, bold, italic, SANS + suffix[(bold, italic)])
            addMapping(MONO, bold, italic, MONO)
    return covered


MISSING = "\ufffd"
"""What a character the body font has no glyph for becomes (Noto Sans has this one)."""


class _Glyphs(dict[int, str]):
    """``str.translate`` table: each character the font lacks becomes ``MISSING`` (cached)."""

    def __init__(self, covered: frozenset[int]) -> None:
        super().__init__()
        self.covered = covered

    def __missing__(self, code: int) -> str:
        char = chr(code)
        shown = char if code in self.covered or char in "\n\t" else MISSING
        self[code] = shown
        return shown


@cache
def _glyphs() -> _Glyphs:
    return _Glyphs(register())


@cache
def _symbols() -> frozenset[int]:
    """The code points ``SYMBOLS`` draws that the body font does not (registered now: only
    text with such a character pays the ~13 ms of reading the font)."""
    import pymupdf_fonts
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont(SYMBOLS, io.BytesIO(pymupdf_fonts.myfont("cascadia")))
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph) - register()


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` as runs of ``(font, text)``: the body font (``SANS``) where it has the glyphs,
    ``SYMBOLS`` where only that one has them; a character neither has is ``MISSING``
    (``drawable``), in the body font. One run in the body font for text it draws alone."""
    if text.isascii():
        return [(SANS, text)]
    glyphs = _glyphs()
    if text.translate(glyphs) == text:  # the body font draws it all: no second font
        return [(SANS, text)]
    found = _symbols()
    out: list[tuple[str, list[str]]] = []  # each run's characters, joined once at the end
    for char in text:
        font = SYMBOLS if ord(char) in found else SANS
        if not out or out[-1][0] != font:
            out.append((font, []))
        out[-1][1].append(char if font == SYMBOLS else char.translate(glyphs))
    return [(font, "".join(chars)) for font, chars in out]


def symbols(escaped: str) -> str:
    """Paragraph markup of deck text (``escaped``): a character the body font lacks is set
    in ``SYMBOLS`` when that font has it, else it is ``MISSING`` (``runs``)."""
    return "".join(
        part if font == SANS else f'<font face="{SYMBOLS}">{part}</font>'
        for font, part in runs(escaped)
    )


def drawable(text: str) -> str:
    """``text`` with characters the PDF's font cannot draw replaced by ``MISSING``.

    A glyph-less character would be an empty box that text extraction reads as
    NUL; the replacement character is visible and reads as itself. Noto Sans
    covers Latin, Greek and Cyrillic; others (CJK, the control pictures ``␛``
    that ``safety.visible`` puts in) come out as ``MISSING``.
    """
    return text if text.isascii() else text.translate(_glyphs())
