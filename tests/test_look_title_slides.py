"""Title slides: a heading's own line breaks, and images and cards centred with the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import make_app
from PIL import Image

from tui_slides.app.app import PresenterApp
from tui_slides.app.images import CellImage
from tui_slides.app.options import PresenterOptions
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Layout, MediaKind, MediaRef, Slide
from tui_slides.media import images
from tui_slides.render.heading import spaced


def test_a_spaced_heading_keeps_its_line_breaks() -> None:
    assert spaced("Line one\nLine two") == "L i n e   o n e\nL i n e   t w o"


async def test_a_title_slide_heading_of_two_lines_is_drawn_on_two() -> None:
    slide = Slide(content=(Block(title="Line one\nLine two", text="sub"),), layout=Layout.TITLE)
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (view,) = app.slides.slide_view.blocks
        lines = [view.render_line(y).text.strip() for y in range(4)]
        assert lines[:2] == ["L i n e   o n e", "L i n e   t w o"]


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


@pytest.fixture
def tall_picture_deck(tmp_path: Path) -> Path:
    images.clear_cache()
    Image.new("RGB", (10, 60), (255, 0, 0)).save(tmp_path / "tall.png")
    path = tmp_path / "deck.json5"
    path.write_text(
        "{ slides: ["
        " { layout: 'title', content: [{ title: 'Main', text: 'sub' }, { img_path: 'tall.png' }] },"
        " { layout: 'stack', content: [{ title: 'Main', text: 'sub' }, { img_path: 'tall.png' }] },"
        "] }"
    )
    return path


async def test_an_image_on_a_title_slide_is_centred_and_on_a_stack_slide_is_not(
    tall_picture_deck: Path,
) -> None:
    path = tall_picture_deck
    app = PresenterApp(load_deck(path), PresenterOptions(path, images="cells"))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        (image,) = app.slides.slide_view.query(CellImage)
        width = image.content_size.width
        drawn = image.render_line(0).text
        picture = len(drawn.strip())
        assert 0 < picture < width // 2
        assert abs(_lead(drawn) - (width - picture) // 2) <= 1
        await pilot.press("n")
        await pilot.pause()
        (image,) = app.slides.slide_view.query(CellImage)
        assert _lead(image.render_line(0).text) == 0


async def test_a_video_card_under_a_title_slide_heading_is_centred() -> None:
    video = "https://example.com/v.mp4"
    slide = Slide(content=(Block(title="Video", video=_url(video)),), layout=Layout.TITLE)
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (view,) = app.slides.slide_view.blocks
        width = view.content_size.width
        rows = [view.render_line(y).text.rstrip() for y in range(view.virtual_size.height)]
        card = [row for row in rows if "example.com" in row]
        assert card
        top = next(row for row in rows if row.strip().startswith("╭"))
        assert abs(_lead(top) - (width - len(top.strip())) // 2) <= 1


def _url(url: str) -> MediaRef:
    return MediaRef(raw=url, kind=MediaKind.URL, url=url)
