"""Image loading: formats, limits, decompression bombs, corrupt and missing files, cache."""

from __future__ import annotations

import os
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tui_slides.deck.model import MediaKind, MediaRef
from tui_slides.media import images
from tui_slides.media.images import ImageProblem, LoadedImage, load_image, load_ref


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    images.clear_cache()


def _loaded(result: LoadedImage | ImageProblem) -> LoadedImage:
    assert isinstance(result, LoadedImage), result
    return result


def _problem(result: LoadedImage | ImageProblem) -> ImageProblem:
    assert isinstance(result, ImageProblem), result
    return result


def test_png_is_decoded_to_rgb(tmp_path: Path) -> None:
    path = tmp_path / "red.png"
    Image.new("RGB", (30, 20), (255, 0, 0)).save(path)
    loaded = _loaded(load_image(path))
    assert (loaded.width, loaded.height) == (30, 20)
    assert loaded.pixels.size == (30, 20)
    assert loaded.pixels.mode == "RGB"
    assert loaded.pixels.getpixel((5, 5)) == (255, 0, 0)
    assert not loaded.has_alpha


def test_jpeg_photo_is_decoded_reduced_to_fit_the_box(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (4000, 3000), (10, 120, 200)).save(path, quality=85)
    loaded = _loaded(load_image(path, box=(640, 640)))
    assert (loaded.width, loaded.height) == (4000, 3000)
    assert loaded.pixels.size == (640, 480)  # aspect ratio kept
    red, green, blue = loaded.pixels.getpixel((320, 240))
    assert abs(red - 10) < 8 and abs(green - 120) < 8 and abs(blue - 200) < 8


def test_transparent_png_keeps_its_alpha(tmp_path: Path) -> None:
    path = tmp_path / "alpha.png"
    picture = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    picture.putpixel((1, 1), (0, 255, 0, 255))
    picture.save(path)
    loaded = _loaded(load_image(path))
    assert loaded.has_alpha
    assert loaded.pixels.getpixel((0, 0))[3] == 0
    assert loaded.pixels.getpixel((1, 1)) == (0, 255, 0, 255)


def test_palette_gif_with_transparency_becomes_rgba(tmp_path: Path) -> None:
    path = tmp_path / "icon.gif"
    picture = Image.new("P", (3, 3), 0)
    picture.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
    picture.putpixel((1, 1), 1)
    picture.save(path, transparency=0)
    loaded = _loaded(load_image(path))
    assert loaded.pixels.mode == "RGBA"
    assert loaded.pixels.getpixel((0, 0))[3] == 0
    assert loaded.pixels.getpixel((1, 1)) == (255, 255, 255, 255)


def test_one_pixel_image(tmp_path: Path) -> None:
    path = tmp_path / "dot.png"
    Image.new("RGB", (1, 1), (1, 2, 3)).save(path)
    loaded = _loaded(load_image(path))
    assert loaded.pixels.size == (1, 1)
    assert images.scaled(loaded, 4, 2).getpixel((3, 1)) == (1, 2, 3)


def test_very_wide_image_keeps_at_least_one_pixel_row(tmp_path: Path) -> None:
    path = tmp_path / "wide.png"
    Image.new("RGB", (5000, 2), (9, 9, 9)).save(path)
    loaded = _loaded(load_image(path, box=(640, 640)))
    assert loaded.pixels.size == (640, 1)
    assert (loaded.width, loaded.height) == (5000, 2)


def test_exif_orientation_turns_a_photo_upright(tmp_path: Path) -> None:
    path = tmp_path / "turned.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    Image.new("RGB", (40, 20), (200, 0, 0)).save(path, exif=exif.tobytes())
    loaded = _loaded(load_image(path))
    assert loaded.pixels.size == (20, 40)


def test_missing_file_is_a_problem_naming_it(tmp_path: Path) -> None:
    problem = _problem(load_image(tmp_path / "nope.png", raw="img/nope.png"))
    assert problem.reason == "file not found"
    assert str(problem) == "img/nope.png: file not found"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    assert _problem(load_image(path)).reason == "the file is empty"


def test_folder_is_not_an_image(tmp_path: Path) -> None:
    assert _problem(load_image(tmp_path)).reason == "not a regular file (a folder)"


def test_text_file_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("hello, not a picture")
    assert _problem(load_image(path)).reason.startswith("not an image tui-slides can read")


def test_eps_is_refused_without_running_ghostscript(tmp_path: Path) -> None:
    path = tmp_path / "figure.eps"
    path.write_text("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n")
    assert _problem(load_image(path)).reason.startswith("not an image tui-slides can read")


def test_truncated_png_is_corrupt(tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    Image.effect_noise((200, 200), 50).save(good)
    data = good.read_bytes()
    bad = tmp_path / "bad.png"
    bad.write_bytes(data[: len(data) // 2])
    problem = _problem(load_image(bad))
    assert problem.reason.startswith("corrupt or unreadable image")


def test_garbage_after_a_jpeg_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "bad.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(2000))
    problem = _problem(load_image(path))
    assert "corrupt" in problem.reason or "not an image" in problem.reason


def _png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares ``width`` x ``height``: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_declaring(100_000, 100_000))
    assert path.stat().st_size < 2000
    problem = _problem(load_image(path))
    assert problem.reason.startswith("image too large")
    assert problem.reason == "image too large (over 100.0 megapixels)"


def test_bomb_between_the_limits_is_refused_quietly(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_declaring(12_000, 12_000))  # past Pillow's warning, not its error
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        problem = _problem(load_image(path))
    assert caught == []
    assert problem.reason == "image too large (12000x12000 pixels; limit 100.0 megapixels)"


def test_image_over_the_decoded_pixel_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(_png_declaring(5000, 4000))  # 20 MP: under the declared limit
    monkeypatch.setattr(images, "MAX_DECODED_PIXELS", 4096 * 4096)
    problem = _problem(load_image(path))
    assert problem.reason == "image too large (5000x4000 pixels; limit 16.8 megapixels)"


def test_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.png"
    Image.new("RGB", (50, 50)).save(path)
    monkeypatch.setattr(images, "MAX_FILE_BYTES", 10)
    assert _problem(load_image(path)).reason.startswith("file too large")


def test_decoded_images_are_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "pic.png"
    Image.new("RGB", (10, 10), (1, 1, 1)).save(path)
    first = load_image(path)
    assert load_image(path) is first
    Image.new("RGB", (12, 10), (2, 2, 2)).save(path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = _loaded(load_image(path))
    assert second is not first
    assert second.width == 12


def test_reference_kinds() -> None:
    url = MediaRef("https://example.org/a.png", MediaKind.URL, url="https://example.org/a.png")
    assert _problem(load_ref(url)).reason == "images from URLs are not downloaded"
    coords = MediaRef("1,2", MediaKind.COORDS, coords=(1.0, 2.0))
    assert _problem(load_ref(coords)).reason == "not an image file"


def test_scaling_up_keeps_hard_edges(tmp_path: Path) -> None:
    path = tmp_path / "checker.png"
    picture = Image.new("RGB", (2, 1), (0, 0, 0))
    picture.putpixel((1, 0), (255, 255, 255))
    picture.save(path)
    big = images.scaled(_loaded(load_image(path)), 8, 4)
    assert big.getpixel((3, 2)) == (0, 0, 0)
    assert big.getpixel((4, 2)) == (255, 255, 255)


def _counting_decode(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record each real decode (the cache and waiting callers do not decode)."""
    decoded: list[Path] = []
    real = images._decode

    def decode(path: Path, *args: object) -> LoadedImage | ImageProblem:
        decoded.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(images, "_decode", decode)
    return decoded


def test_preload_decodes_in_the_background_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "next.png"
    Image.new("RGB", (40, 30), (0, 0, 200)).save(path)
    decoded = _counting_decode(monkeypatch)
    images.preload(MediaRef("next.png", MediaKind.FILE, file=str(path), exists=True))
    images.wait_for_preloads()
    assert decoded == [path]
    assert _loaded(load_image(path)).pixels.getpixel((0, 0)) == (0, 0, 200)
    assert decoded == [path]  # the slide found it decoded


def test_loading_an_image_being_preloaded_waits_instead_of_decoding_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    path = tmp_path / "slow.png"
    Image.new("RGB", (20, 20), (9, 9, 9)).save(path)
    decoded = _counting_decode(monkeypatch)
    counting = images._decode
    started, release = threading.Event(), threading.Event()

    def slow(path: Path, *args: object) -> LoadedImage | ImageProblem:
        started.set()
        assert release.wait(5)
        return counting(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(images, "_decode", slow)
    images.preload(MediaRef("slow.png", MediaKind.FILE, file=str(path), exists=True))
    assert started.wait(5)  # the preloader is decoding now
    results: list[LoadedImage | ImageProblem] = []
    waiter = threading.Thread(target=lambda: results.append(load_image(path)))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive()  # waiting for the preloader, not decoding on its own
    release.set()
    waiter.join(5)
    images.wait_for_preloads()
    assert decoded == [path]
    assert _loaded(results[0]) is load_image(path)


def test_preload_ignores_urls_and_never_raises(tmp_path: Path) -> None:
    images.preload(MediaRef("https://example.org/a.png", MediaKind.URL, url="https://x.org"))
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n nothing")
    images.preload(MediaRef("broken.png", MediaKind.FILE, file=str(broken), exists=True))
    images.wait_for_preloads()
    assert "corrupt" in _problem(load_image(broken)).reason
