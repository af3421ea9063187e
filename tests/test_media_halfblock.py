"""Half-block images: exact terminal output, aspect ratio, transparency, size limits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from rich.console import Console

from tui_slides.media import images
from tui_slides.media.images import LoadedImage, load_image
from tui_slides.render.halfblock import HalfBlockImage, cell_size


def _console(width: int = 60) -> Console:
    return Console(
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        _environ={},
    )


def _render(renderable: object, width: int = 60) -> str:
    console = _console(width)
    console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _image(tmp_path: Path, picture: Image.Image, name: str = "pic.png") -> LoadedImage:
    path = tmp_path / name
    picture.save(path)
    loaded = load_image(path)
    assert isinstance(loaded, LoadedImage)
    return loaded


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    images.clear_cache()


def test_two_by_two_image_is_one_line_of_two_cells(tmp_path: Path) -> None:
    picture = Image.new("RGB", (2, 2))
    picture.putdata([(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)])
    output = _render(HalfBlockImage(_image(tmp_path, picture), width=2))
    assert output == (
        "\x1b[38;2;255;0;0;48;2;0;0;255m▀\x1b[0m\x1b[38;2;0;255;0;48;2;255;255;255m▀\x1b[0m\n"
    )


def test_transparent_pixels_show_the_terminal_background(tmp_path: Path) -> None:
    picture = Image.new("RGBA", (3, 2), (0, 0, 0, 0))
    picture.putpixel((0, 1), (255, 0, 0, 255))  # lower half only
    picture.putpixel((1, 0), (0, 255, 0, 255))  # upper half only
    output = _render(HalfBlockImage(_image(tmp_path, picture), width=3))
    assert output == ("\x1b[38;2;255;0;0m▄\x1b[0m\x1b[38;2;0;255;0m▀\x1b[0m \n")


def test_same_colours_are_written_once_per_run(tmp_path: Path) -> None:
    picture = Image.new("RGB", (4, 2), (10, 20, 30))
    output = _render(HalfBlockImage(_image(tmp_path, picture), width=4))
    assert output == "\x1b[38;2;10;20;30;48;2;10;20;30m▀▀▀▀\x1b[0m\n"


def test_aspect_ratio_is_kept_two_pixels_per_row(tmp_path: Path) -> None:
    picture = Image.new("RGB", (100, 50), (0, 0, 0))
    output = _render(HalfBlockImage(_image(tmp_path, picture), width=20))
    lines = output.splitlines()
    assert len(lines) == 5  # 20 columns x 10 pixel rows
    assert all(line.count("▀") == 20 for line in lines)


def test_default_width_is_the_width_rich_offers(tmp_path: Path) -> None:
    picture = Image.new("RGB", (1, 1), (7, 7, 7))
    output = _render(HalfBlockImage(_image(tmp_path, picture)), width=12)
    lines = output.splitlines()
    assert len(lines) == 6  # a 1x1 image scaled up to a 12x12 square
    assert lines[0].count("▀") == 12


def test_max_height_shrinks_width_to_keep_the_ratio(tmp_path: Path) -> None:
    picture = Image.new("RGB", (40, 80), (0, 0, 0))
    renderable = HalfBlockImage(_image(tmp_path, picture), max_height=10)
    assert renderable.size_for(60, None) == (10, 10)
    lines = _render(renderable).splitlines()
    assert len(lines) == 10
    assert lines[0].count("▀") == 10


def test_very_wide_image_is_one_line(tmp_path: Path) -> None:
    picture = Image.new("RGB", (1000, 10), (0, 0, 0))
    lines = _render(HalfBlockImage(_image(tmp_path, picture), width=40)).splitlines()
    assert len(lines) == 1
    assert lines[0].count("▀") == 40


def test_odd_pixel_rows_leave_the_last_lower_half_blank(tmp_path: Path) -> None:
    picture = Image.new("RGB", (3, 3), (200, 100, 0))
    output = _render(HalfBlockImage(_image(tmp_path, picture), width=3))
    assert output.splitlines()[-1] == "\x1b[38;2;200;100;0m▀▀▀\x1b[0m"


def test_cell_size_rules() -> None:
    assert cell_size(4000, 3000, 80) == (80, 60)
    assert cell_size(4000, 3000, 80, max_height=20) == (53, 40)
    assert cell_size(10, 10_000, 80, max_height=5) == (1, 10)
    assert cell_size(3, 3, 0) == (1, 1)


def test_drawn_lines_are_reused(tmp_path: Path) -> None:
    loaded = _image(tmp_path, Image.new("RGB", (8, 8), (1, 2, 3)))
    first = HalfBlockImage(loaded).lines(8, 8)
    assert HalfBlockImage(loaded).lines(8, 8) is first
    assert HalfBlockImage(loaded).lines(4, 4) is not first


def test_measure_reports_the_columns_used(tmp_path: Path) -> None:
    renderable = HalfBlockImage(_image(tmp_path, Image.new("RGB", (10, 10))), width=7)
    console = _console(60)
    measurement = console.measure(renderable)
    assert (measurement.minimum, measurement.maximum) == (7, 7)
