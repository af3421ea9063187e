"""Media in the presenter: the logo in the status bar, the play key, images on slides."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from PIL import Image
from rich.console import Console
from textual.geometry import Region

from tui_slides.app.app import PresenterApp
from tui_slides.app.options import PresenterOptions
from tui_slides.deck.loader import load_deck
from tui_slides.media import images
from tui_slides.media.opener import OpenResult

SIZE = (80, 30)

DECK = """{
  logo_title: "Acme",
  logo_path: "/img/logo.png",
  slides: [
    { name: "talk", content: [{ title: "Watch", video: "media/talk.mp4" },
                              { title: "Also", video: "https://example.org/b.mp4" }] },
    { name: "none", logo_path: "", content: [{ title: "Nothing to play" }] },
  ],
}
"""


@pytest.fixture
def deck_path(tmp_path: Path) -> Path:
    images.clear_cache()
    (tmp_path / "img").mkdir()
    Image.new("RGB", (8, 8), (255, 0, 0)).save(tmp_path / "img" / "logo.png")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "talk.mp4").write_bytes(b"\0" * 100)
    path = tmp_path / "deck.json5"
    path.write_text(DECK)
    return path


def _app(path: Path, images: str = "cells") -> PresenterApp:
    app = PresenterApp(load_deck(path), PresenterOptions(path, images=images))
    app.animation_level = "none"
    return app


class _Notes:
    """Records what the app tells the presenter (``App.notify``)."""

    def __init__(self, app: PresenterApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.messages: list[tuple[str, str]] = []

        def notify(message: str, **options: object) -> None:
            self.messages.append((message, str(options.get("severity", "information"))))

        monkeypatch.setattr(app, "notify", notify)


async def test_a_logo_too_small_to_read_is_left_out(deck_path: Path) -> None:
    # In the one-row status bar an 8x8 logo would be 2x1 cells (2x2 pixels): a smudge.
    app = _app(deck_path)
    async with app.run_test(size=SIZE):
        bar = app.slides.status_bar
        assert bar.logo is None
        assert bar.text.startswith(" Acme ")


async def test_no_logo_picture_with_images_off(deck_path: Path) -> None:
    app = _app(deck_path, images="none")
    async with app.run_test(size=SIZE):
        assert app.slides.status_bar.logo is None
        assert app.slides.status_bar.text.startswith(" Acme ")


async def test_play_key_opens_the_first_video(
    deck_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_slides.media.opener as opener_module

    opened: list[str] = []

    def fake_open(ref: object) -> OpenResult:
        opened.append(getattr(ref, "raw", ""))
        return OpenResult(True, "Opening media/talk.mp4…")

    monkeypatch.setattr(opener_module, "open_video", fake_open)
    app = _app(deck_path)
    notes = _Notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        assert opened == ["media/talk.mp4"]
        assert notes.messages == [("Opening media/talk.mp4…", "information")]
        await pilot.press("right", "v")
        assert opened == ["media/talk.mp4"]
        assert notes.messages[-1] == ("This slide has no video.", "information")


async def test_play_key_over_ssh_says_so(deck_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5555 10.0.0.2 22")
    app = _app(deck_path)
    notes = _Notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        assert notes.messages == [
            ("Running over SSH: cannot play media/talk.mp4 here; play it locally.", "warning")
        ]


IMAGE_DECK = """{
  slides: [
    { name: "pic", content: [{ title: "Flag", text: "Red and blue.", img_path: "flag.png" }] },
    { name: "broken", content: [{ title: "Broken", img_path: "broken.png" }] },
    { name: "text", content: [{ title: "Just text" }] },
  ],
}
"""


@pytest.fixture
def image_deck(tmp_path: Path) -> Path:
    images.clear_cache()
    picture = Image.new("RGB", (10, 5), (255, 0, 0))
    for x in range(5, 10):
        for y in range(5):
            picture.putpixel((x, y), (0, 0, 255))
    picture.save(tmp_path / "flag.png")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    path = tmp_path / "deck.json5"
    path.write_text(IMAGE_DECK)
    return path


def _plain(renderable: object) -> str:
    console = Console(width=60, file=io.StringIO(), color_system=None, _environ={})
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


async def test_cells_image_is_drawn_under_the_block(image_deck: Path) -> None:
    from tui_slides.app.images import CellImage

    app = _app(image_deck)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        (image,) = app.slides.slide_view.query(CellImage)
        assert image.region.width == 56  # the slide's width, less its padding
        assert image.region.height == 14  # 56 columns x 28 pixel rows: 2:1 kept, no more
        assert image.region.y > app.slides.slide_view.blocks[0].region.y
        strip = image.render_line(0)
        colours = {
            segment.style.color.triplet.hex
            for segment in strip
            if segment.style and segment.style.color
        }  # type: ignore[union-attr]
        assert colours == {"#ff0000", "#0000ff"}


async def test_image_cells_skip_only_the_ansi_colour_filter(
    image_deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cells are truecolour already: the filter would change nothing, at a cost."""
    from textual.filter import ANSIToTruecolor, Monochrome

    from tui_slides.app.images import CellImage

    monkeypatch.setenv("NO_COLOR", "1")  # adds a filter that must stay
    app = _app(image_deck)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        (image,) = app.slides.slide_view.query(CellImage)
        (ansi,) = [kept for kept in app.get_line_filters() if isinstance(kept, ANSIToTruecolor)]
        filters = image.get_line_filters()
        assert ansi not in filters
        assert any(isinstance(kept, Monochrome) for kept in filters)
        background = image.background_colors[1]
        for y in range(image.size.height):
            line = image.render_line(y)
            assert list(line.apply_filter(ansi, background)) == list(line)  # nothing to do


async def test_image_cells_keep_every_filter_when_painted_in_ansi_colours(
    image_deck: Path,
) -> None:
    from textual.filter import ANSIToTruecolor

    from tui_slides.app.images import CellImage

    app = _app(image_deck)
    async with app.run_test(size=(60, 30)) as pilot:
        (image,) = app.slides.slide_view.query(CellImage)
        image.styles.background = "ansi_blue"  # as an ANSI theme paints the padding
        await pilot.pause()
        assert any(isinstance(kept, ANSIToTruecolor) for kept in image.get_line_filters())


async def test_image_takes_what_the_slide_leaves_on_screen(image_deck: Path) -> None:
    from tui_slides.app.images import CellImage

    app = _app(image_deck)
    async with app.run_test(size=(100, 16)) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        (image,) = view.query(CellImage)
        assert (
            image.region.height == 7
        )  # 16 rows less the status bar (2), the heading and its rule, the text and margins
        assert not view.show_vertical_scrollbar  # the whole slide fits: nothing to scroll
        assert image.render_line(0).text == "▀" * 28  # 7 rows = 14 pixels: 28 x 14
        (painted,) = image.render_lines(Region(0, 0, image.region.width, 1))
        assert painted.cell_length == image.region.width
        right = list(painted)[-1]  # beside the picture: the slide's background, not the terminal's
        assert right.text.strip() == ""
        assert right.style is not None and right.style.bgcolor is not None


async def test_image_keeps_half_the_slide_when_the_text_is_long(tmp_path: Path) -> None:
    from tui_slides.app.images import CellImage

    images.clear_cache()
    Image.new("RGB", (40, 40), (0, 128, 0)).save(tmp_path / "square.png")
    text = "\\n".join(f"line {n}" for n in range(30))
    path = tmp_path / "deck.json5"
    path.write_text(f'{{ content: [{{ title: "Long", text: "{text}", img_path: "square.png" }}] }}')
    app = _app(path)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        view = app.slides.slide_view
        (image,) = view.query(CellImage)
        assert image.region.height == (24 - 4) // 2  # half the slide: the slide scrolls
        assert view.show_vertical_scrollbar
        assert image.render_line(0).text.rstrip() == "▀" * 20  # square: 20 x 20 pixels


async def test_broken_image_is_a_placeholder_and_coming_back_reuses_the_image(
    image_deck: Path,
) -> None:
    from tui_slides.app.images import CellImage

    app = _app(image_deck)
    async with app.run_test(size=(60, 30)) as pilot:
        first = app.slides.slide_view.query_one(CellImage)
        await pilot.press("right")
        assert not first.display
        shown = [w for w in app.slides.slide_view.query(".media-image") if w.display]
        (placeholder,) = shown
        text = _plain(placeholder.content)
        assert "⚠ broken.png" in text
        assert "not an image tui-slides can read" in text
        await pilot.press("right")
        assert not [w for w in app.slides.slide_view.query(".media-image") if w.display]
        await pilot.press("left", "left")
        assert app.slides.slide_view.query_one(CellImage) is first
        assert first.display


async def test_images_none_names_the_image(image_deck: Path) -> None:
    app = _app(image_deck, images="none")
    async with app.run_test(size=(60, 30)):
        assert not app.slides.slide_view.query(".media-image")
        view = app.slides.slide_view.blocks[0]
        assert "[image: flag.png]" in _plain(view.content)


async def test_kitty_images_use_textual_image(
    image_deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from textual_image.widget import TGPImage

    from tui_slides.app.images import PixelImage

    terminal = io.StringIO()
    monkeypatch.setattr(sys, "__stdout__", terminal)  # the graphics go straight to the terminal
    app = _app(image_deck, images="kitty")
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        (image,) = app.slides.slide_view.query(PixelImage)
        (inner,) = image.query(TGPImage)
        assert inner.image.size == (10, 5)  # the decoded copy, not the file
    assert "\x1b_G" in terminal.getvalue()  # a kitty graphics command was sent


async def test_the_next_slides_photo_is_decoded_while_the_presenter_talks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_slides.app.images import CellImage

    images.clear_cache()
    Image.new("RGB", (64, 48), (200, 100, 0)).save(tmp_path / "photo.png")
    path = tmp_path / "deck.json5"
    path.write_text(
        '{ slides: [{ content: [{ title: "Words" }] },'
        ' { content: [{ title: "Photo", img_path: "photo.png" }] }] }'
    )
    decoded: list[tuple[Path, threading.Thread]] = []
    real = images._decode

    def decode(path: Path, *args: object) -> object:
        decoded.append((path, threading.current_thread()))
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(images, "_decode", decode)
    app = _app(path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause(0.3)  # idle on the text slide: the neighbours are prepared
        images.wait_for_preloads()
        assert [(p.name, t is threading.main_thread()) for p, t in decoded] == [
            ("photo.png", False)
        ]
        await pilot.press("right")
        await pilot.pause()
        assert app.slides.slide_view.query_one(CellImage).display
        assert len(decoded) == 1  # the slide found its photo decoded


async def test_transparent_pixels_show_the_slide_background(tmp_path: Path) -> None:
    from tui_slides.app.images import CellImage

    images.clear_cache()
    picture = Image.new("RGBA", (2, 2), (0, 0, 0, 0))
    picture.putpixel((0, 0), (255, 0, 0, 255))  # one opaque pixel, top left
    picture.save(tmp_path / "dot.png")
    path = tmp_path / "deck.json5"
    path.write_text('{ content: [{ title: "Dot", img_path: "dot.png" }] }')
    app = _app(path)
    async with app.run_test(size=(40, 16)) as pilot:
        await pilot.pause()
        image = app.slides.slide_view.query_one(CellImage)
        background = image.rich_style.bgcolor
        assert background is not None
        top, bottom = image.render_line(0), image.render_line(image.region.height - 1)
        red, clear = list(top)[:2]
        assert red.text.startswith("▀") and red.style is not None
        assert red.style.color.triplet.hex == "#ff0000"  # type: ignore[union-attr]
        assert clear.text.strip() == "" and clear.style is not None
        assert clear.style.bgcolor == background  # the transparent pixels beside it
        assert {segment.style.bgcolor for segment in bottom if segment.style} == {background}


async def test_an_image_given_as_a_url_is_a_card_in_the_presenter_as_in_show(
    tmp_path: Path,
) -> None:
    deck = tmp_path / "web.json5"
    deck.write_text(
        '{ content: [{ title: "url img", img_path: "https://example.com/a.png" }] }', "utf-8"
    )
    app = _app(deck)
    async with app.run_test(size=(80, 24)):
        text = _plain(app.slides.slide_view.blocks[0].content)
        assert "https://example.com/a.png" in text
        assert "images from URLs are not downloaded" in text
