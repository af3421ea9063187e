"""Video and map cards, image placeholders and text stand-ins, and QR codes that scan."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pytest
import segno
from PIL import Image
from rich.console import Console
from rich.segment import Segment

from tui_slides.deck.model import MediaKind, MediaRef
from tui_slides.media.images import ImageProblem
from tui_slides.media.links import format_coords, format_size, map_url, osm_url, safe_url
from tui_slides.render.cards import (
    QR_DARK,
    MapCard,
    QRCode,
    image_placeholder,
    image_text,
    video_card,
)


def _plain(renderable: object, width: int = 60) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, _environ={})
    console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _terminal(renderable: object, width: int = 100) -> str:
    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor", _environ={}
    )
    console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _file_ref(raw: str, path: Path) -> MediaRef:
    return MediaRef(raw, MediaKind.FILE, file=str(path), exists=path.is_file())


def _url_ref(url: str) -> MediaRef:
    return MediaRef(url, MediaKind.URL, url=url)


ASTANA = MediaRef("51.1694, 71.4491", MediaKind.COORDS, coords=(51.1694, 71.4491))


# -- video -------------------------------------------------------------------


def test_video_card_for_a_local_file_shows_name_path_and_size(tmp_path: Path) -> None:
    video = tmp_path / "intro.mp4"
    video.write_bytes(b"\0" * 2048)
    card = video_card(_file_ref("media/intro.mp4", video), hint="o: open in the video player")
    assert _plain(card) == (
        "╭─ Video ────────────────────────╮\n"
        "│ ▶  intro.mp4                   │\n"
        "│    media/intro.mp4 · 2.0 KiB   │\n"
        "│    o: open in the video player │\n"
        "╰────────────────────────────────╯\n"
    )


def test_video_card_for_a_missing_file_says_so_and_offers_no_play_key(tmp_path: Path) -> None:
    card = video_card(_file_ref("media/gone.mp4", tmp_path / "gone.mp4"), hint="v: play")
    text = _plain(card)
    assert "▶  gone.mp4" in text
    assert "⚠ file not found: media/gone.mp4" in text
    assert "v: play" not in text  # nothing to play


def test_a_narrow_video_card_wraps_its_lines_under_their_first_word() -> None:
    url = "https://commons.wikimedia.org/wiki/File:Big_Buck_Bunny_4K.webm"
    card = video_card(_url_ref(url), hint="v: play in the video player")
    assert _plain(card, width=30).splitlines() == [
        "╭─ Video ────────────────────╮",
        "│ ▶  https://commons.wikimed │",  # the URL beside ▶, not on a line below it
        "│    ia.org/wiki/File:Big_Bu │",
        "│    ck_Bunny_4K.webm        │",
        "│    v: play in the video    │",
        "│    player                  │",  # under the hint's text, not at the edge
        "╰────────────────────────────╯",
    ]


def test_video_card_for_a_url_is_an_osc8_hyperlink() -> None:
    url = "https://example.org/talk.mp4"
    output = _terminal(video_card(_url_ref(url)))
    assert "\x1b]8;id=" in output
    assert f";{url}\x1b\\" in output
    assert "▶" in output


def test_unsafe_url_is_shown_visibly_and_never_linked() -> None:
    url = "https://evil.example/\x1b]8;;x\x07"
    output = _terminal(video_card(_url_ref(url)))
    assert "\x1b]8" not in output
    assert "\x07" not in output
    assert "␛" in output


def test_deck_text_in_cards_is_not_markup(tmp_path: Path) -> None:
    card = video_card(_file_ref("[bold]x[/bold].mp4", tmp_path / "[bold]x[/bold].mp4"))
    assert "[bold]x[/bold].mp4" in _plain(card, width=80)


# -- images that cannot be drawn --------------------------------------------


def test_image_placeholder_names_the_path_and_the_reason() -> None:
    problem = ImageProblem(Path("/deck/img/a.png"), "file not found", "img/a.png")
    assert _plain(image_placeholder(problem)) == (
        "╭─ Image ──────────╮\n│ ⚠ img/a.png      │\n│   file not found │\n╰──────────────────╯\n"
    )


def test_image_placeholder_shows_control_characters_visibly() -> None:
    problem = ImageProblem(None, "corrupt", "evil\x1b[2J.png")
    text = _plain(image_placeholder(problem))
    assert "\x1b" not in text
    assert "evil␛[2J.png" in text


def test_image_text_stand_in(tmp_path: Path) -> None:
    present = tmp_path / "a.png"
    present.write_bytes(b"x")
    assert _plain(image_text(_file_ref("img/a.png", present))) == "[image: img/a.png]\n"
    missing = _file_ref("img/b.png", tmp_path / "b.png")
    assert _plain(image_text(missing)) == "[image: img/b.png (file not found)]\n"


# -- map ---------------------------------------------------------------------


def test_osm_url_for_coordinates() -> None:
    assert osm_url(51.1694, 71.4491) == (
        "https://www.openstreetmap.org/?mlat=51.1694&mlon=71.4491#map=15/51.1694/71.4491"
    )
    assert osm_url(-33.8688197, 151.2092955) == (
        "https://www.openstreetmap.org/?mlat=-33.86882&mlon=151.2093#map=15/-33.86882/151.2093"
    )
    assert osm_url(0.0, -0.0) == "https://www.openstreetmap.org/?mlat=0&mlon=0#map=15/0/0"
    assert format_coords(-33.5, 151.25) == "33.5° S, 151.25° E"


def test_map_url_by_kind() -> None:
    assert map_url(ASTANA) == osm_url(51.1694, 71.4491)
    assert map_url(_url_ref("https://maps.example/a b")) is None
    assert map_url(_url_ref("javascript://x")) is None
    assert map_url(_url_ref("https://maps.example/?q=1")) == "https://maps.example/?q=1"


def test_safe_url_rules() -> None:
    assert safe_url(" https://a.example/x ") == "https://a.example/x"
    assert safe_url("file:///etc/passwd") is None
    assert safe_url("https://") is None
    assert safe_url("https://a.example/\x1b") is None
    assert safe_url("https://a.example/é") is None


def test_format_size() -> None:
    assert format_size(512) == "512 B"
    assert format_size(2048) == "2.0 KiB"
    assert format_size(5 * 1024**3) == "5.0 GiB"


def test_map_card_shows_place_link_and_qr_side_by_side() -> None:
    text = _plain(MapCard(ASTANA), width=100)
    lines = text.splitlines()
    assert lines[0].startswith("╭─ Map ")
    assert "● 51.1694° N, 71.4491° E" in lines[1]
    assert lines[1].startswith("│ ▀▀▀")  # the QR code's first row, beside the text
    assert "https://www.openstreetmap.org/?mlat=51.1694" in text
    assert "Scan the code or open the link." in text


def test_map_card_stacks_when_narrow_and_offers_the_link_alone_when_too_narrow() -> None:
    stacked = _plain(MapCard(ASTANA), width=50).splitlines()
    assert stacked[1].startswith("│ ▀▀▀")
    assert "●" not in stacked[1]
    assert any("● 51.1694° N" in line for line in stacked)
    tiny = _plain(MapCard(ASTANA), width=30)
    assert "▀" not in tiny
    unframed = "".join(tiny.replace("│", "").split())
    assert "https://www.openstreetmap.org/" in unframed
    assert "Scan" not in tiny  # no code to scan: the audience is not asked to
    assert "columns" not in tiny  # nor told what the presenter's terminal lacks


def test_map_card_link_is_clickable() -> None:
    output = _terminal(MapCard(ASTANA), width=120)
    assert f";{osm_url(51.1694, 71.4491)}\x1b\\" in output


def test_map_card_for_a_non_web_url_has_no_qr() -> None:
    text = _plain(MapCard(_url_ref("ftp://maps.example/x")), width=80)
    assert "⚠ not a web link: ftp://maps.example/x" in text
    assert "▀" not in text


# -- QR codes ----------------------------------------------------------------


def _modules(lines: Iterable[Iterable[Segment]]) -> list[list[bool]]:
    """Read drawn cells back into QR modules (True = dark): upper and lower halves."""
    modules: list[list[bool]] = []
    for line in lines:
        upper: list[bool] = []
        lower: list[bool] = []
        for segment in line:
            assert segment.style is not None
            for char in segment.text:
                assert char == "▀"
                upper.append(segment.style.color == QR_DARK.color)
                lower.append(segment.style.bgcolor == QR_DARK.color)
        modules.extend([upper, lower])
    return modules


def _screen_lines(renderable: object, width: int) -> list[list[Segment]]:
    console = Console(width=width, file=io.StringIO(), force_terminal=True, _environ={})
    return console.render_lines(renderable, console.options.update_width(width), pad=False)


@pytest.mark.parametrize(
    "url",
    [osm_url(51.1694, 71.4491), "https://example.org/", osm_url(-89.99999, -179.99999)],
)
def test_qr_cells_read_back_to_the_encoders_matrix(url: str) -> None:
    code = QRCode(url)
    modules = _modules(_screen_lines(code, code.width))
    expected = [
        [bool(v) for v in row] for row in segno.make(url, micro=False).matrix_iter(border=2)
    ]
    assert modules[: len(expected)] == expected
    assert all(not dark for row in modules[len(expected) :] for dark in row)  # padding is light


def test_qr_code_drawn_on_screen_decodes_to_its_url() -> None:
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp decodes the QR code")
    url = osm_url(51.1694, 71.4491)
    card_lines = _screen_lines(MapCard(ASTANA), 100)
    # Cut the QR code out of the card, as a phone would see it: after "│ ", 41 columns.
    code = QRCode(url)
    cropped = [
        list(Segment.divide(line, [2, 2 + code.width]))[1]
        for line in card_lines[1 : 1 + code.height]
    ]
    modules = _modules(cropped)
    bitmap = Image.new("L", (len(modules[0]), len(modules)))
    bitmap.putdata([0 if dark else 255 for row in modules for dark in row])
    bitmap = bitmap.resize((bitmap.width * 6, bitmap.height * 6), Image.Resampling.NEAREST)
    found = zxingcpp.read_barcodes(bitmap)
    assert [result.text for result in found] == [url]
