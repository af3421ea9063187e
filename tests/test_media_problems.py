"""``check`` warnings for images, and what importing and using media pulls in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT
from tui_slides.deck.diagnostics import Level
from tui_slides.deck.loader import load_deck
from tui_slides.media import images
from tui_slides.media.problems import deck_has_images, media_problems

DECK = """{
  logo_path: "/img/logo.png",
  slides: [
    {
      name: "one",
      content: [
        { title: "Photo", img_path: "img/photo.png" },
        { title: "Broken", img_path: "img/broken.png" },
      ],
    },
    {
      name: "two",
      content: [
        { map: "img/broken.png" },
        { img_path: "https://example.org/remote.png" },
        { img_path: "img/missing.png", video: "v.mp4", map: "51.1, 71.4" },
      ],
    },
  ],
}
"""


def _deck(tmp_path: Path) -> Path:
    (tmp_path / "img").mkdir()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(tmp_path / "img" / "logo.png")
    Image.new("RGB", (8, 8), (1, 2, 3)).save(tmp_path / "img" / "photo.png")
    (tmp_path / "img" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    path = tmp_path / "deck.json5"
    path.write_text(DECK, encoding="utf-8")
    return path


def test_corrupt_and_web_images_are_reported_once_with_their_position(tmp_path: Path) -> None:
    images.clear_cache()
    path = _deck(tmp_path)
    found = [str(diagnostic) for diagnostic in media_problems(load_deck(path))]
    assert found == [
        f"{path}:8:38: warning: 'img_path' 'img/broken.png': "
        "corrupt or unreadable image (Truncated File Read)",
        f"{path}:15:21: info: 'img_path' 'https://example.org/remote.png': "
        "images from URLs are not downloaded",
    ]


def test_levels_and_missing_files_left_to_the_loader(tmp_path: Path) -> None:
    deck = load_deck(_deck(tmp_path))
    levels = [diagnostic.level for diagnostic in media_problems(deck)]
    assert levels == [Level.WARNING, Level.INFO]
    assert any("missing.png" in str(d) for d in deck.diagnostics)  # the loader's own warning


def test_a_clean_deck_has_no_media_problems(tmp_path: Path) -> None:
    path = tmp_path / "clean.json5"
    Image.new("RGB", (4, 4)).save(tmp_path / "ok.png")
    path.write_text('{ content: [{ img_path: "ok.png", video: "https://e.org/v" }] }')
    deck = load_deck(path)
    assert deck_has_images(deck)
    assert media_problems(deck) == []


def test_missing_image_files_need_no_image_support(tmp_path: Path) -> None:
    path = tmp_path / "deck.json5"
    path.write_text('{ logo_path: "/img/logo.png", content: [{ img_path: "gone.png" }] }')
    assert not deck_has_images(load_deck(path))
    Image.new("RGB", (4, 4)).save(tmp_path / "gone.png")
    assert deck_has_images(load_deck(path))


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(result.stdout.split())


def test_a_deck_without_images_never_imports_pillow(tmp_path: Path) -> None:
    deck = tmp_path / "plain.json5"
    deck.write_text(
        '{ content: [{ title: "Hi", video: "talk.mp4", map: "51.1,71.4" }, { img_path: "" }] }'
    )
    loaded = _modules_after(
        "import io\n"
        "from rich.console import Console\n"
        "from tui_slides.deck.loader import load_deck\n"
        "from tui_slides.media.problems import media_problems, deck_has_images\n"
        "from tui_slides.render.media import block_media\n"
        "from tui_slides.media.opener import open_video\n"
        f"deck = load_deck({str(deck)!r})\n"
        "assert not deck_has_images(deck) and media_problems(deck) == []\n"
        "console = Console(file=io.StringIO(), width=100)\n"
        "for block in deck.slides[0].content:\n"
        "    for item in block_media(block):\n"
        "        console.print(item)\n"
        "assert 'OpenStreetMap' in console.file.getvalue()\n"
    )
    assert "PIL" not in loaded
    assert "textual" not in loaded
    assert "segno" in loaded  # the map card's QR code


def test_text_mode_names_images_without_decoding_them(tmp_path: Path) -> None:
    Image.new("RGB", (4, 4)).save(tmp_path / "ok.png")
    deck = tmp_path / "deck.json5"
    deck.write_text('{ content: [{ img_path: "ok.png" }] }')
    loaded = _modules_after(
        "import io\n"
        "from rich.console import Console\n"
        "from tui_slides.deck.loader import load_deck\n"
        "from tui_slides.render.media import block_media\n"
        f"deck = load_deck({str(deck)!r})\n"
        "console = Console(file=io.StringIO(), width=100)\n"
        "console.print(*block_media(deck.slides[0].content[0], images='text'))\n"
        "assert console.file.getvalue() == '[image: ok.png]\\n', console.file.getvalue()\n"
    )
    assert "PIL" not in loaded


def test_headless_media_modules_import_neither_rich_nor_textual() -> None:
    loaded = _modules_after(
        "import tui_slides.media, tui_slides.media.images, tui_slides.media.links\n"
        "import tui_slides.media.opener, tui_slides.media.problems\n"
    )
    assert not {"rich", "textual", "PIL", "segno"} & loaded


def test_show_prints_images_as_text_when_piped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui_slides.cli import main

    Image.new("RGB", (4, 4)).save(tmp_path / "ok.png")
    deck = tmp_path / "deck.json5"
    deck.write_text(
        '{ content: [{ title: "Pic", img_path: "ok.png", video: "v.mp4", map: "51.1,71.4" }] }'
    )
    assert main(["show", str(deck), "--width", "70"]) == 0
    out = capsys.readouterr().out
    assert "[image: ok.png]" in out
    assert "╭─ Video" in out and "v.mp4" in out
    joined = "".join(line.strip("│ ") for line in out.splitlines())  # the link may wrap
    assert "https://www.openstreetmap.org/?mlat=51.1&mlon=71.4#map=15/51.1/71.4" in joined
    assert "▀" not in out  # no QR code without colour
