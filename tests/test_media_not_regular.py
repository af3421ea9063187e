"""Media that is there but is not a regular file: ``check`` says what the presenter says.

A folder, a FIFO or ``/dev/zero`` as ``img_path`` or ``video``: ``check`` used to say
"file not found" while the presenter's placeholder said "not a regular file". One
rule now (``tui_slides.deck.files``), asked of ``os.stat`` alone: a FIFO is never
opened (``check`` would wait on it for ever).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from tests.conftest import ROOT
from tui_slides.deck.loader import load_deck
from tui_slides.media.images import ImageProblem, load_ref
from tui_slides.media.opener import open_video
from tui_slides.render.cards import image_text, video_card

DECK = """{
  content: [
    {
      img_path: "VALUE",
      video: "VALUE",
    },
  ],
}
"""


def _folder(tmp_path: Path) -> tuple[str, Path]:
    (tmp_path / "pics").mkdir()
    return "pics", tmp_path / "pics"


def _fifo(tmp_path: Path) -> tuple[str, Path]:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.png")
    return "pipe.png", tmp_path / "pipe.png"


def _device(tmp_path: Path) -> tuple[str, Path]:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    return "/dev/zero", Path("/dev/zero")  # not in the deck's folder: the absolute path


KINDS = {
    "folder": (_folder, "not a regular file (a folder)"),
    "fifo": (_fifo, "not a regular file (a named pipe)"),
    "device": (_device, "not a regular file (a character device)"),
}


def _deck(tmp_path: Path, kind: str) -> tuple[Path, str, Path, str]:
    """The deck, its media value, the file it names, and what is wrong with that file."""
    make, problem = KINDS[kind]
    value, target = make(tmp_path)
    deck = tmp_path / "deck.json5"
    deck.write_text(DECK.replace("VALUE", value), encoding="utf-8")
    return deck, value, target, problem


@pytest.mark.parametrize("kind", KINDS)
def test_check_says_what_is_there_instead_of_file_not_found(tmp_path: Path, kind: str) -> None:
    deck, value, target, problem = _deck(tmp_path, kind)
    result = subprocess.run(  # a child with a time limit: opening a FIFO would hang it
        [sys.executable, "-m", "tui_slides", "check", str(deck)],
        capture_output=True, text=True, timeout=60, cwd=ROOT, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"{deck}:4:17: warning: {problem}: '{value}' ({target})",
        f"{deck}:5:14: warning: {problem}: '{value}' ({target})",
        "1 deck checked: 1 loaded, 0 failed; 0 errors, 2 warnings, 0 notes",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_the_presenter_says_the_same_of_it(tmp_path: Path, kind: str) -> None:
    deck, value, target, problem = _deck(tmp_path, kind)
    block = load_deck(deck).slides[0].content[0]
    assert block.image is not None and block.video is not None
    assert block.image.path == target and not block.image.exists
    placeholder = load_ref(block.image)  # the image widget's placeholder says its reason
    assert isinstance(placeholder, ImageProblem) and placeholder.reason == problem
    console = Console(width=100, record=True, color_system=None)
    console.print(video_card(block.video, hint="v: play in the video player"))
    console.print(image_text(block.image))
    said = console.export_text()
    assert f"⚠ {problem}: {value}" in said and "v: play" not in said  # nothing to play
    assert f"[image: {value} ({problem})]" in said
    played = open_video(block.video, environ={"DISPLAY": ":0"}, platform="linux")
    assert (played.opened, played.message) == (False, f"Cannot play {value}: {problem}")


def test_a_regular_file_in_the_decks_folder_is_still_found_first(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "zero").write_bytes(b"not an image")
    (tmp_path / "deck.json5").write_text(DECK.replace("VALUE", "/dev/zero"), encoding="utf-8")
    block = load_deck(tmp_path / "deck.json5").slides[0].content[0]
    assert block.image is not None and block.image.exists
    assert block.image.path == tmp_path / "dev" / "zero"
