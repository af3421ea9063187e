"""Media fields holding anything (NUL, lone surrogates, escapes, 100,000 characters), map
links too long for a QR code, the map glyph and the status-bar logo: no traceback
anywhere from the loader to the screen, and nothing raw reaches the terminal.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from rich.console import Console

from tui_slides.cli import main
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, MediaKind, MediaRef, Slide, shown
from tui_slides.media.images import ImageProblem, load_ref
from tui_slides.media.opener import open_video
from tui_slides.media.problems import media_problems
from tui_slides.render.cards import PIN, PIN_ASCII, MapCard, image_placeholder, image_text
from tui_slides.render.media import MIN_LOGO_CELLS, block_media, logo_text

RICH_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*\x1b\\")
"""What Rich itself writes: colours and OSC 8 hyperlinks (their targets checked apart)."""

HOSTILE = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\x00\x1b\x07\x9b\u202e\ud800\udfff\udc80\n\t/.:,"),
    ),
    max_size=200,
).map(lambda text: text or "\x00")


def _on_terminal(renderable: object, width: int = 100) -> str:
    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor", _environ={}
    )
    console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def assert_printable(output: str) -> None:
    """``output`` can be written to a UTF-8 terminal and holds no control of the deck's."""
    output.encode("utf-8")  # a lone surrogate would raise here, as it does on stdout
    for target in re.findall(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\", output):
        assert target == "" or target.startswith(("http://", "https://"))
    rest = RICH_SEQUENCES.sub("", output)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\ud800-\udfff]", rest)


def _refs(raw: str, folder: Path) -> list[MediaRef]:
    return [
        MediaRef(raw, MediaKind.FILE, file=str(folder / raw.lstrip("/"))),
        MediaRef(raw, MediaKind.URL, url=raw),
        MediaRef(raw, MediaKind.FILE, file=raw),
    ]


@settings(max_examples=60, deadline=None)
@given(raw=HOSTILE)
def test_any_media_reference_renders_opens_and_checks_without_raising(
    raw: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.getbasetemp()
    for ref in _refs(raw, folder):
        loaded = load_ref(ref)
        assert isinstance(loaded, ImageProblem)
        block = Block(image=ref, video=ref, map=ref)
        for item in [*block_media(block, images="cells"), *block_media(block, images="text")]:
            assert_printable(_on_terminal(item))
        assert_printable(_on_terminal(image_placeholder(loaded)))
        assert_printable(_on_terminal(image_text(ref)))
        result = open_video(ref, environ={}, platform="linux")
        assert not result.opened
        assert_printable(result.message)
        assert logo_text(ref, "cells", rows=2) is None
    deck = Deck((Slide(logo=ref, content=(Block(image=ref, video=ref, map=ref),)),), "deck")
    for diagnostic in media_problems(deck):
        assert_printable(str(diagnostic))
        assert len(str(diagnostic)) < 600


@given(text=st.text(st.characters(codec=None, categories=None), max_size=400))
def test_shown_text_is_one_printable_line_of_bounded_length(text: str) -> None:
    result = shown(text)
    assert_printable(result)
    assert "\n" not in result and "\t" not in result
    assert len(result) <= 160
    if len(text) <= 160 and text.isprintable():
        assert result == text


def _deck_file(folder: Path, value: str) -> Path:
    block = {"title": "media", "img_path": value, "video": value, "map": value}
    path = folder / "deck.json"
    path.write_text(json.dumps({"logo_path": value, "content": [block]}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "value",
    [
        "a\x00b.png",
        "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07.png",
        "\ud800.png",
        "\udcff/\ud83d",
        "/" + "x" * 100_000,
        "dir/" * 20_000 + "pic.png",
        "\u202eevil.png",
    ],
)
def test_check_and_show_take_any_media_field(
    tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _deck_file(tmp_path, value)
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert_printable(out)
    assert "Traceback" not in err
    assert "file not found" in out and "(looked for " in out
    assert all(len(line) < 800 for line in out.splitlines())
    assert main(["show", str(path)]) == 0
    out, err = capsys.readouterr()
    assert_printable(out)
    assert "Traceback" not in err


def test_the_looked_for_list_is_visible(tmp_path: Path) -> None:
    path = _deck_file(tmp_path, "/\x1b[2Jgone.png")
    (found, *_) = [d.message for d in load_deck(path).diagnostics if "looked for" in d.message]
    assert found == (
        f"file not found: '/␛[2Jgone.png' (looked for {tmp_path}/␛[2Jgone.png or /␛[2Jgone.png)"
    )


async def test_the_presenter_shows_a_slide_of_hostile_media(tmp_path: Path) -> None:
    from tests.app_support import make_app

    path = _deck_file(tmp_path, "a\x00\ud800\x1b.png")
    app = make_app(load_deck(path), path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")  # the play key, on a video that cannot exist
        await pilot.pause()
        assert app.slides.status_bar.logo is None


# -- map links too long for a QR code ---------------------------------------------------

TOO_LONG = "the link is too long for a QR code"
LONG_MAP = "https://maps.example.org/route?points=" + "51.1694,71.4491;" * 200


def test_a_map_link_too_long_for_a_qr_code_is_a_card_with_a_note() -> None:
    card = MapCard(MediaRef(LONG_MAP, MediaKind.URL, url=LONG_MAP))
    assert card.qr is None
    text = _on_terminal(card, width=120)
    assert_printable(text)
    assert "▀" not in text  # no QR code
    assert "No QR code: the link is too long for a QR code (3,238 bytes; at most 2,953" in text
    assert f";{LONG_MAP}\x1b\\" in text  # still a working link


def test_a_map_link_that_fits_has_its_qr_code_and_no_note() -> None:
    url = "https://maps.example.org/?q=" + "a" * 2900
    card = MapCard(MediaRef(url, MediaKind.URL, url=url))
    assert card.qr is not None and card.qr_note is None


def test_check_says_which_map_has_no_qr_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deck.json5"
    path.write_text(
        json.dumps({"content": [{"map": LONG_MAP}, {"map": "ftp://x.org/m", "video": "file:///v"}]})
    )
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith(f"{path}:1:22: warning: 'map' 'https://maps.example.org/route?")
        and line.endswith(f"no QR code: {TOO_LONG} (3,238 bytes; at most 2,953 fit)")
        for line in out
    )
    ftp = "'map' 'ftp://x.org/m': not an http(s) link: shown as text, without a link or QR code"
    assert any(line.endswith(ftp) for line in out)
    video = "'video' 'file:///v': not an http(s) link: the play key will not open it"
    assert any(line.endswith(video) for line in out)


# -- the map glyph ------------------------------------------------------------------------


def _card_text(encoding: str) -> str:
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding=encoding, errors="replace")
    console = Console(file=stream, width=80, color_system=None, _environ={})
    ref = MediaRef("51.1694, 71.4491", MediaKind.COORDS, coords=(51.1694, 71.4491))
    console.print(MapCard(ref, qr=False))
    stream.flush()
    return buffer.getvalue().decode(encoding)


def test_the_map_glyph_is_a_widely_drawn_symbol_or_ascii() -> None:
    assert PIN == "●"  # in WGL4, which nearly every terminal font covers
    assert f"{PIN} 51.1694° N, 71.4491° E" in _card_text("utf-8")
    assert f"{PIN_ASCII} 51.1694" in _card_text("ascii")


# -- the status-bar logo ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "rows", "max_columns", "drawn"),
    [
        ((8, 8), 1, 8, False),  # the one-row bar: 2x1 cells, a smudge
        ((64, 8), 1, 8, False),  # even a wide logo is one row
        ((8, 8), 2, 8, True),  # two rows: 4x2 cells
        ((2, 8), 2, 8, False),  # a tall thin logo: 1x2 cells
        ((64, 64), 2, 3, False),  # too few columns allowed
    ],
)
def test_a_logo_is_drawn_only_where_it_is_legible(
    tmp_path: Path, size: tuple[int, int], rows: int, max_columns: int, drawn: bool
) -> None:
    path = tmp_path / f"logo-{size[0]}x{size[1]}.png"
    Image.new("RGB", size, (255, 0, 0)).save(path)
    ref = MediaRef(str(path), MediaKind.FILE, file=str(path), exists=True)
    text = logo_text(ref, "cells", rows=rows, max_columns=max_columns)
    assert (text is not None) is drawn
    if text is not None:
        lines = text.plain.split("\n")
        assert len(lines) >= MIN_LOGO_CELLS[1]
        assert all(len(line) >= MIN_LOGO_CELLS[0] for line in lines)
