"""Images for exports: decoded with the presenter's limits, downscaled, encoded once per file.

Decoding goes through ``tui_slides.media.images.load_image`` (file size, declared
and decoded pixel limits, formats allowed, EXIF orientation), at most
``EXPORT_BOX`` pixels. A photo is written as JPEG, an image with transparency as
PNG; a PNG, GIF or BMP file (drawings, screenshots) as PNG when that is no
larger than the JPEG would be.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from tui_slides.deck.model import MediaRef
from tui_slides.media.images import PIXEL_BOX, ImageProblem, LoadedImage, load_ref

EXPORT_BOX = PIXEL_BOX
"""At most 1600 pixels on the long side: sharp on a full-screen slide, small in a file."""

JPEG_QUALITY = 85
"""Indistinguishable from the original on a slide, a fraction of its size."""

_LOSSLESS_SUFFIXES = (".png", ".gif", ".bmp")


@dataclass(frozen=True)
class Picture:
    """An encoded image: its bytes, their MIME type, and its size in pixels."""

    data: bytes
    mime: str
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        """The image as a ``data:`` URI for an HTML ``src``."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


def _encode(loaded: LoadedImage) -> Picture:
    pixels = loaded.pixels
    width, height = pixels.size

    def save(fmt: str) -> bytes:
        out = io.BytesIO()
        if fmt == "JPEG":
            pixels.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        else:
            pixels.save(out, "PNG", optimize=False)
        return out.getvalue()

    if loaded.has_alpha:
        return Picture(save("PNG"), "image/png", width, height)
    jpeg = save("JPEG")
    if loaded.path.suffix.lower() in _LOSSLESS_SUFFIXES:
        png = save("PNG")
        if len(png) <= len(jpeg):
            return Picture(png, "image/png", width, height)
    return Picture(jpeg, "image/jpeg", width, height)


class Pictures:
    """Encodes each image file of a deck once per export (a logo on every slide included)."""

    def __init__(self) -> None:
        self._done: dict[str | None, Picture | ImageProblem] = {}

    def get(self, ref: MediaRef) -> Picture | ImageProblem:
        """``ref``'s image encoded, or why it cannot be shown."""
        key = ref.file if ref.file is not None else f"raw:{ref.raw}"
        found = self._done.get(key)
        if found is None:
            loaded = load_ref(ref, box=EXPORT_BOX)
            found = loaded if isinstance(loaded, ImageProblem) else _encode(loaded)
            self._done[key] = found
        if isinstance(found, ImageProblem) and found.raw != ref.raw:
            return ImageProblem(found.path, found.reason, ref.raw)
        return found
