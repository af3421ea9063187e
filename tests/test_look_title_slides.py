"""Title slides: a heading's own line breaks, and images and cards centred with the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import make_app
from PIL import Image

from tui_slides.app.app import PresenterApp
from tui_slides.app.block_view import BlockView
from tui_slides.app.images import CellImage
from tui_slides.app.options import PresenterOptions
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import (
    Block,
    Deck,
    Layout,
    MediaKind,
    MediaRef,
    Reveal,
    Slide,
    TextFormat,
)
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


def _rows(view: BlockView) -> list[str]:
    return [view.render_line(y).text.rstrip() for y in range(view.virtual_size.height)]


def _bullets(rows: list[str]) -> list[str]:
    return [row for row in rows if row.lstrip().startswith("•")]


async def test_a_list_on_a_title_slide_is_centred_as_a_whole_and_on_a_stack_slide_is_not() -> None:
    text = "A subtitle line\n\n- one\n- two items here"
    slides = tuple(
        Slide(content=(Block(title="Main", text=text),), layout=layout)
        for layout in (Layout.TITLE, Layout.STACK)
    )
    app = make_app(Deck(slides=slides, source="mem"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (view,) = app.slides.slide_view.blocks
        width = view.content_size.width
        bullets = _bullets(_rows(view))
        assert [row.strip() for row in bullets] == ["• one", "• two items here"]
        leads = {_lead(row) for row in bullets}
        assert len(leads) == 1  # the markers in one column
        widest = max(len(row.strip()) for row in bullets)
        assert abs(leads.pop() - (width - widest) // 2) <= 1
        await pilot.press("n")
        await pilot.pause()
        (view,) = app.slides.slide_view.blocks
        assert {_lead(row) for row in _bullets(_rows(view))} == {2}  # LIST_INDENT


async def test_a_revealed_list_on_a_title_slide_keeps_its_place_while_items_appear() -> None:
    block = Block(title="Main", text="- a\n- a much longer second item", reveal=Reveal.ITEMS)
    app = make_app(Deck(slides=(Slide(content=(block,), layout=Layout.TITLE),), source="mem"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        steps: list[list[str]] = []
        for _ in range(2):
            (view,) = app.slides.slide_view.blocks
            steps.append(_bullets(_rows(view)))
            await pilot.press("n")
            await pilot.pause()
        assert [len(shown) for shown in steps] == [1, 2]
        leads = {_lead(row) for shown in steps for row in shown}
        assert len(leads) == 1  # the first item did not move when the second appeared
        assert leads.pop() > 10  # centred by the whole list's width, not at the list indent


async def test_markdown_on_a_title_slide_is_centred_as_structured_text_is() -> None:
    text = "*Jane Doe*, ACME\n\n- one\n- two items here\n  - nested\n\n> a quote"
    block = Block(title="Main", text=text, format=TextFormat.MARKDOWN)
    app = make_app(Deck(slides=(Slide(content=(block,), layout=Layout.TITLE),), source="mem"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (view,) = app.slides.slide_view.blocks
        width = view.content_size.width
        rows = [row for row in _rows(view) if row.strip()]
        byline = next(row for row in rows if "Jane Doe" in row)
        assert abs(_lead(byline) - (width - len(byline.strip())) // 2) <= 1
        items = [row for row in rows if row.strip().startswith(("• one", "• two"))]
        assert len(items) == 2 and _lead(items[0]) == _lead(items[1]) > 10
        nested = next(row for row in rows if "nested" in row)
        assert _lead(nested) == _lead(items[1]) + 3  # under its item's text, not centred alone
        quote = next(row for row in rows if "a quote" in row)
        assert abs(_lead(quote) - (width - len(quote.strip())) // 2) <= 1


async def test_a_lead_in_on_a_title_slide_stays_with_its_list() -> None:
    text = "Sub line\n\nToday we cover:\n- first point\n- the second point, which is the longest"
    slide = Slide(content=(Block(title="Agenda", text=text),), layout=Layout.TITLE)
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (view,) = app.slides.slide_view.blocks
        width = view.content_size.width
        rows = _rows(view)
        lead_in = next(row for row in rows if "Today we cover:" in row)
        bullets = _bullets(rows)
        assert {_lead(row) for row in bullets} == {_lead(lead_in) + 2}  # LIST_INDENT
        widest = max(len(row) for row in bullets)  # the group centred by its widest line
        assert abs((width - widest) - _lead(lead_in)) <= 1
        sub = next(row for row in rows if "Sub line" in row)
        assert abs(_lead(sub) - (width - len(sub.strip())) // 2) <= 1  # a paragraph: centred


@pytest.mark.parametrize("protocol", ["cells", "kitty"])
async def test_a_missing_picture_on_a_title_slide_is_a_centred_card(
    tmp_path: Path, protocol: str
) -> None:
    path = tmp_path / "deck.json5"
    path.write_text("{ layout: 'title', content: [{ title: 'Image', img_path: 'nope.png' }] }")
    app = PresenterApp(load_deck(path), PresenterOptions(path, images=protocol))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (card,) = app.slides.slide_view.query("Static.media-image, .media-image > Static")
        top = card.render_line(0).text
        width = card.content_size.width
        assert top.strip().startswith("╭")
        assert abs(_lead(top) - (width - len(top.strip())) // 2) <= 1
