"""``tui-slides show`` with media: half blocks on a colour terminal, text when piped."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from rich.console import Console

from tui_slides.deck.loader import load_deck
from tui_slides.media import images
from tui_slides.render.media import images_for, media_for
from tui_slides.render.slide import print_deck


def _deck(tmp_path: Path) -> Path:
    picture = Image.new("RGB", (10, 5), (255, 0, 0))
    for x in range(5, 10):
        for y in range(5):
            picture.putpixel((x, y), (0, 0, 255))
    picture.save(tmp_path / "flag.png")
    deck = tmp_path / "deck.json5"
    deck.write_text('{ content: [{ title: "Flag", img_path: "flag.png" }] }')
    return deck


def test_on_a_colour_terminal_images_are_half_blocks(tmp_path: Path) -> None:
    images.clear_cache()
    console = Console(
        file=io.StringIO(), width=30, height=40, force_terminal=True, color_system="truecolor"
    )
    assert images_for(console) == "cells"
    print_deck(load_deck(_deck(tmp_path)), console, media=media_for(console))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    image_lines = [line for line in output.splitlines() if "▀" in line]
    assert len(image_lines) == 8  # 30 columns x 15 pixel rows: aspect 2:1 kept
    for line in image_lines[:-1]:
        assert "\x1b[38;2;255;0;0;48;2;255;0;0m" + "▀" * 15 in line
        assert "\x1b[38;2;0;0;255;48;2;0;0;255m" + "▀" * 15 in line
    # 15 pixel rows: the last line's lower halves are empty.
    assert (
        image_lines[-1]
        == "\x1b[38;2;255;0;0m" + "▀" * 15 + "\x1b[0m\x1b[38;2;0;0;255m" + "▀" * 15 + "\x1b[0m"
    )


def test_image_height_is_capped_by_the_terminal_height(tmp_path: Path) -> None:
    console = Console(
        file=io.StringIO(), width=30, height=8, force_terminal=True, color_system="truecolor"
    )
    print_deck(load_deck(_deck(tmp_path)), console, media=media_for(console))
    image_lines = [line for line in console.file.getvalue().splitlines() if "▀" in line]  # type: ignore[attr-defined]
    assert len(image_lines) == 4  # 8 lines less 4 for the header and title


def test_piped_or_colourless_output_names_the_image(tmp_path: Path) -> None:
    for console in (
        Console(file=io.StringIO(), width=60),
        Console(file=io.StringIO(), width=60, force_terminal=True, no_color=True),
    ):
        assert images_for(console) == "text"
        print_deck(load_deck(_deck(tmp_path)), console, media=media_for(console))
        output = console.file.getvalue()  # type: ignore[attr-defined]
        assert "[image: flag.png]" in output
        assert "▀" not in output
