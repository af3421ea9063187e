"""Half-block images: a Rich renderable drawing pixels as ``▀`` cells, two per cell.

Works in every terminal with colour (tmux and SSH included): each cell shows its
upper pixel as the foreground of ``▀`` and its lower pixel as the background.
A terminal cell is about twice as tall as it is wide, so one cell across and two
pixels down keep the image's aspect ratio. Transparent pixels show the terminal's
own background. Drawn lines are cached per image version and size.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable

from rich.color import Color, ColorType
from rich.color_triplet import ColorTriplet
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui_slides.media.cache import LRUCache
from tui_slides.media.images import LoadedImage, scaled

UPPER = "\u2580"
"""``▀``: the upper half of a cell in the foreground colour."""
LOWER = "\u2584"
"""``▄``: the lower half of a cell in the foreground colour."""

ALPHA_CUTOFF = 128
"""A pixel at least this opaque is drawn; a more transparent one is left blank."""

_LINES: LRUCache[tuple[object, int, int], list[list[Segment]]] = LRUCache(32)
"""Drawn images kept (32), so coming back to a slide draws it without scaling again."""


def cell_size(
    width: int, height: int, max_width: int, max_height: int | None = None
) -> tuple[int, int]:
    """The (columns, pixel rows) a ``width`` x ``height`` image fills, aspect kept.

    The image is scaled to ``max_width`` columns (up or down), then shrunk if its
    rows (two pixels each) would pass ``max_height``. Never less than one cell.
    """
    columns = max(1, max_width)
    pixel_rows = max(1, round(columns * height / width))
    if max_height is not None and pixel_rows > 2 * max(1, max_height):
        pixel_rows = 2 * max(1, max_height)
        columns = max(1, min(columns, round(pixel_rows * width / height)))
    return columns, pixel_rows


class HalfBlockImage:
    """An image drawn with half blocks, as wide as it may be and no taller than allowed.

    ``width`` caps the columns (default: all the width Rich offers); ``max_height``
    caps the rows (default: the height Rich offers, if any).
    """

    def __init__(
        self, image: LoadedImage, *, width: int | None = None, max_height: int | None = None
    ) -> None:
        self.image = image
        self.width = width
        self.max_height = max_height

    def size_for(self, max_width: int, max_height: int | None) -> tuple[int, int]:
        """The (columns, rows) in cells this image takes within the given space."""
        columns, pixel_rows = self._pixels_for(max_width, max_height)
        return columns, math.ceil(pixel_rows / 2)

    def _pixels_for(self, max_width: int, max_height: int | None) -> tuple[int, int]:
        columns = max_width if self.width is None else min(self.width, max_width)
        heights = [h for h in (self.max_height, max_height) if h is not None]
        limit = min(heights) if heights else None
        return cell_size(self.image.pixels.width, self.image.pixels.height, columns, limit)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        columns, _ = self._pixels_for(options.max_width, options.height)
        return Measurement(columns, columns)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        columns, pixel_rows = self._pixels_for(options.max_width, options.height)
        for line in self.lines(columns, pixel_rows):
            yield from line
            yield Segment.line()

    def lines(self, columns: int, pixel_rows: int) -> list[list[Segment]]:
        """The image as lines of segments, ``columns`` wide and ``pixel_rows / 2`` tall."""
        key = (self.image.key, columns, pixel_rows)
        drawn = _LINES.get(key)
        if drawn is None:
            drawn = _draw(self.image, columns, pixel_rows)
            _LINES.put(key, drawn)
        return drawn


def _draw(image: LoadedImage, columns: int, pixel_rows: int) -> list[list[Segment]]:
    picture = scaled(image, columns, pixel_rows)
    rgba = picture.convert("RGBA") if picture.mode != "RGBA" else picture
    data = rgba.tobytes()
    if pixel_rows % 2:  # a last half row of transparent pixels: every cell has two
        data += bytes(columns * 4)
    # One integer per pixel: 0xRRGGBB when drawn, -1 when (mostly) transparent.
    words = memoryview(data).cast("I")  # native order: unpack by hand below
    pixels = [_pixel(word) for word in words]
    colours: dict[int, Color] = {}
    styles: dict[tuple[int, int], Style] = {}
    lines: list[list[Segment]] = []
    for top in range(0, pixel_rows, 2):
        upper = pixels[top * columns : (top + 1) * columns]
        lower = pixels[(top + 1) * columns : (top + 2) * columns]
        lines.append(list(_merge(_cells(upper, lower, colours, styles))))
    return lines


_LITTLE = sys.byteorder == "little"


def _pixel(word: int) -> int:
    """A native-order RGBA word as 0xRRGGBB, or -1 if the pixel is (mostly) transparent."""
    if _LITTLE:
        if word >> 24 < ALPHA_CUTOFF:
            return -1
        return (word & 0xFF) << 16 | (word & 0xFF00) | (word >> 16 & 0xFF)
    if word & 0xFF < ALPHA_CUTOFF:
        return -1
    return word >> 8


def _cells(
    upper: list[int],
    lower: list[int],
    colours: dict[int, Color],
    styles: dict[tuple[int, int], Style],
) -> Iterable[Segment]:
    for top, bottom in zip(upper, lower, strict=True):
        style = styles.get((top, bottom))
        if style is None:
            style = styles[(top, bottom)] = _style(top, bottom, colours)
        if top >= 0:
            yield Segment(UPPER, style)
        elif bottom >= 0:
            yield Segment(LOWER, style)
        else:
            yield Segment(" ", style)


def _style(top: int, bottom: int, colours: dict[int, Color]) -> Style:
    if top >= 0:
        return Style.from_color(_colour(top, colours), _colour(bottom, colours))
    if bottom >= 0:
        return Style.from_color(_colour(bottom, colours))
    return Style()


def _colour(rgb: int, colours: dict[int, Color]) -> Color | None:
    if rgb < 0:
        return None
    colour = colours.get(rgb)
    if colour is None:
        triplet = ColorTriplet(rgb >> 16, rgb >> 8 & 0xFF, rgb & 0xFF)
        colour = colours[rgb] = Color(f"#{rgb:06x}", ColorType.TRUECOLOR, triplet=triplet)
    return colour


def _merge(segments: Iterable[Segment]) -> Iterable[Segment]:
    """Join neighbouring cells of the same style into one segment (less to write)."""
    text = ""
    style: Style | None = None
    for segment in segments:
        if segment.style is style:
            text += segment.text
            continue
        if text:
            yield Segment(text, style)
        text, style = segment.text, segment.style
    if text:
        yield Segment(text, style)


def small_image_text(image: LoadedImage, *, rows: int = 1, max_columns: int = 6) -> Text:
    """``image`` as a one-line (or ``rows``-line) Text, to sit beside a title (the logo)."""
    width, height = image.pixels.size
    columns, pixel_rows = cell_size(width, height, max_columns, rows)
    text = Text(no_wrap=True, overflow="crop", end="")
    for number, line in enumerate(HalfBlockImage(image).lines(columns, pixel_rows)):
        if number:
            text.append("\n")
        for segment in line:
            text.append(segment.text, segment.style)
    return text
