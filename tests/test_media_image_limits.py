"""Every image format's declared size is checked before anything is decoded.

The files are generated: small ones whose headers lie (they declare a huge image
and hold a few bytes), and icons whose directory says 16x16 while the PNG or
bitmap inside declares thousands of pixels each way, the way an ICO of 13000x13000
was decoded into 667 MB. "Not decoded" is checked by counting Pillow's loads.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import IcoImagePlugin, Image, ImageFile

from tui_slides.media import images
from tui_slides.media.images import ImageProblem, LoadedImage, load_image


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The formats Pillow decoded pixels of during the test, in order."""
    seen: list[str] = []

    def counting(original: Callable[..., object]) -> Callable[..., object]:
        def load(self: ImageFile.ImageFile) -> object:
            seen.append(str(self.format))
            return original(self)

        return load

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting(ImageFile.ImageFile.load))
    monkeypatch.setattr(
        IcoImagePlugin.IcoImageFile, "load", counting(IcoImagePlugin.IcoImageFile.load)
    )
    images.clear_cache()
    yield seen
    images.clear_cache()


def _saved(
    fmt: str, mode: str = "RGB", size: tuple[int, int] = (16, 16), **options: object
) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, fmt, **options)
    return buffer.getvalue()


def _png_declaring(width: int, height: int) -> bytes:
    """A 16x16 PNG whose IHDR says ``width`` x ``height`` (with a valid CRC)."""
    data = bytearray(_saved("PNG", "L"))
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def _icon(inner: bytes, declared: int = 16) -> bytes:
    """An icon of one entry: its directory says ``declared`` square, then ``inner``."""
    entry = struct.pack("<BBBBHHII", declared % 256, declared % 256, 0, 0, 1, 32, len(inner), 22)
    return struct.pack("<HHH", 0, 1, 1) + entry + inner


def _bitmap_declaring(width: int, height: int) -> bytes:
    """A bitmap header as icons hold it (height doubled: the mask follows), and a few bytes."""
    return struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0) + bytes(64)


def _edit(data: bytes, offset: int, packed: bytes) -> bytes:
    return data[:offset] + packed + data[offset + len(packed) :]


def _gif_screen(width: int, height: int) -> bytes:
    return _edit(_saved("GIF", "P"), 6, struct.pack("<HH", width, height))


def _gif_frame(width: int, height: int) -> bytes:
    data = _saved("GIF", "P")
    descriptor = data.index(b"\x2c")
    return _edit(data, descriptor + 5, struct.pack("<HH", width, height))


def _jpeg(width: int, height: int) -> bytes:
    data = _saved("JPEG")
    frame = data.index(b"\xff\xc0")
    return _edit(data, frame + 5, struct.pack(">HH", height, width))


def _webp_canvas(width: int, height: int) -> bytes:
    frames = [Image.new("RGBA", (16, 16), (n * 60, 0, 0, 255)) for n in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], lossless=True)
    data = buffer.getvalue()
    assert data[12:16] == b"VP8X"
    canvas = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return _edit(data, 24, canvas)


def _tiff_page_sizes(data: bytes, page: int, width: int, height: int) -> bytes:
    """A TIFF with the ImageWidth and ImageLength of page ``page`` (0-based) replaced."""
    out = bytearray(data)
    (offset,) = struct.unpack("<I", out[4:8])
    for _ in range(page):
        (count,) = struct.unpack("<H", out[offset : offset + 2])
        (offset,) = struct.unpack("<I", out[offset + 2 + 12 * count : offset + 6 + 12 * count])
    (count,) = struct.unpack("<H", out[offset : offset + 2])
    for index in range(count):
        entry = offset + 2 + 12 * index
        tag, kind = struct.unpack("<HH", out[entry : entry + 4])
        if tag in (256, 257):
            value = width if tag == 256 else height
            packed = struct.pack("<H", value) if kind == 3 else struct.pack("<I", value)
            out[entry + 8 : entry + 8 + len(packed)] = packed
    return bytes(out)


def _tiff(pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    first, *rest = [Image.new("RGB", (16, 16), (n, 0, 0)) for n in range(pages)]
    first.save(buffer, "TIFF", save_all=True, append_images=rest)
    return buffer.getvalue()


LYING = {
    "png.png": lambda: _png_declaring(20_000, 20_000),
    "png-mid.png": lambda: _png_declaring(9_000, 9_000),
    "gif-screen.gif": lambda: _gif_screen(30_000, 30_000),
    "gif-frame.gif": lambda: _gif_frame(30_000, 30_000),
    "bmp.bmp": lambda: _edit(_saved("BMP"), 18, struct.pack("<ii", 30_000, 30_000)),
    "bmp-mid.bmp": lambda: _edit(_saved("BMP"), 18, struct.pack("<ii", 8_000, 8_000)),
    "ppm.ppm": lambda: b"P6\n30000 30000\n255\n" + bytes(100),
    "ppm-mid.ppm": lambda: b"P6\n8000 8000\n255\n" + bytes(100),
    "jpeg.jpg": lambda: _jpeg(60_000, 60_000),
    "webp.webp": lambda: _webp_canvas(16_000, 16_000),
    "webp-mid.webp": lambda: _webp_canvas(5_000, 5_000),
    "tiff.tiff": lambda: _tiff_page_sizes(_tiff(), 0, 30_000, 30_000),
    "icon-png.ico": lambda: _icon(_png_declaring(13_000, 13_000)),
    "icon-png-mid.ico": lambda: _icon(_png_declaring(5_000, 5_000)),
    "icon-bitmap.ico": lambda: _icon(_bitmap_declaring(13_000, 13_000)),
}


@pytest.mark.parametrize("name", sorted(LYING))
def test_a_header_declaring_too_many_pixels_is_refused_undecoded(
    tmp_path: Path, name: str, loads: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(LYING[name]())
    result = load_image(path)
    assert isinstance(result, ImageProblem)
    assert result.reason.startswith("image too large")
    assert loads == []


def test_a_real_icon_holding_a_huge_png_is_refused_undecoded(
    tmp_path: Path, loads: list[str]
) -> None:
    # The 667 MB case, smaller: the PNG inside is real (5000x5000), the directory says 16x16.
    path = tmp_path / "big.ico"
    path.write_bytes(_icon(_saved("PNG", "1", (5_000, 5_000))))
    result = load_image(path)
    assert isinstance(result, ImageProblem)
    assert result.reason == (
        "image too large (5000x5000 pixels in the icon; limit 16.8 megapixels)"
    )
    assert loads == []


def test_an_icon_whose_png_is_larger_than_it_says_but_small_loads(
    tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    path = tmp_path / "fib.ico"
    path.write_bytes(_icon(_saved("PNG", "RGB", (300, 200))))
    result = load_image(path)
    assert isinstance(result, LoadedImage)
    assert (result.width, result.height) == (300, 200)
    assert not [w for w in recwarn if "expected size" in str(w.message)]  # none printed


def test_an_ordinary_icon_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.ico"
    Image.new("RGBA", (64, 64), (0, 200, 0, 255)).save(path, sizes=[(16, 16), (64, 64)])
    result = load_image(path)
    assert isinstance(result, LoadedImage) and (result.width, result.height) == (64, 64)


def test_only_the_first_page_of_a_tiff_is_decoded(tmp_path: Path, loads: list[str]) -> None:
    path = tmp_path / "pages.tiff"
    path.write_bytes(_tiff_page_sizes(_tiff(pages=3), 2, 30_000, 30_000))
    result = load_image(path)
    assert isinstance(result, LoadedImage) and (result.width, result.height) == (16, 16)
    assert set(loads) == {"TIFF"}  # its first page (the one checked), not the lying third


def test_an_animated_webp_decodes_its_first_frame(tmp_path: Path, loads: list[str]) -> None:
    path = tmp_path / "anim.webp"
    path.write_bytes(_webp_canvas(16, 16))
    result = load_image(path)
    assert isinstance(result, LoadedImage)
    assert result.pixels.getpixel((0, 0))[:3] == (0, 0, 0)
    assert set(loads) == {"WEBP"}


def test_pillows_own_bomb_error_is_a_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # Pillow raises above twice this
    path = tmp_path / "small.png"
    Image.new("RGB", (20, 20)).save(path)
    images.clear_cache()
    result = load_image(path)
    assert isinstance(result, ImageProblem)
    assert result.reason == "image too large (over 100.0 megapixels)"


def test_an_icon_cut_short_is_unreadable_not_too_large(tmp_path: Path) -> None:
    path = tmp_path / "cut.ico"
    path.write_bytes(_icon(_saved("PNG", "RGB", (16, 16)))[: 22 + 12])
    result = load_image(path)
    assert isinstance(result, ImageProblem)
    assert result.reason.startswith(("corrupt or unreadable image", "not an image"))
