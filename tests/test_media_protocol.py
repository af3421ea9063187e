"""Choosing how images are drawn: ``--images`` and what the terminal can do."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tui_slides.app.options import PresenterOptions
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Deck
from tui_slides.media import protocol
from tui_slides.media.protocol import Protocol, choose_protocol


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def image_deck(tmp_path: Path) -> Deck:
    Image.new("RGB", (4, 4)).save(tmp_path / "a.png")
    path = tmp_path / "deck.json5"
    path.write_text('{ content: [{ img_path: "a.png" }] }')
    return load_deck(path)


@pytest.fixture
def plain_deck(tmp_path: Path) -> Deck:
    path = tmp_path / "plain.json5"
    path.write_text('{ content: [{ text: "hi", video: "v.mp4" }] }')
    return load_deck(path)


class Asked(list[str]):
    """Records whether the terminal was asked (``ask``); the answer is always ``kitty``."""

    def ask(self) -> Protocol:
        self.append("asked")
        return "kitty"


@pytest.fixture
def asked() -> Asked:
    return Asked()


def chosen(asked: Asked, images: str, deck: Deck, **where: Any) -> str:
    """``choose_protocol``, asking the terminal through ``asked``."""
    return choose_protocol(images, deck, ask=asked.ask, **where)


def test_explicit_choices_win(image_deck: Deck, asked: Asked) -> None:
    tty = _Terminal()
    assert chosen(asked, "none", image_deck, environ={"TERM": "xterm"}, stdout=tty) == "none"
    assert chosen(asked, "cells", image_deck, environ={"TERM": "xterm"}, stdout=tty) == "cells"
    assert asked == []


def test_auto_asks_a_real_terminal(image_deck: Deck, asked: Asked) -> None:
    result = choose_protocol(
        "auto", image_deck, environ={"TERM": "xterm-kitty"}, stdout=_Terminal(), ask=asked.ask
    )
    assert result == "kitty"
    assert asked == ["asked"]


@pytest.mark.parametrize(
    "environ",
    [
        {"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"},
        {"TERM": "screen", "STY": "1234.pts-0"},
        {"TERM": "dumb"},
        {},
    ],
)
def test_auto_uses_cells_without_asking_in_multiplexers_and_dumb_terminals(
    image_deck: Deck, asked: Asked, environ: dict[str, str]
) -> None:
    assert chosen(asked, "auto", image_deck, environ=environ, stdout=_Terminal()) == "cells"
    assert asked == []


def test_auto_uses_cells_when_not_a_terminal_or_no_images(
    image_deck: Deck, plain_deck: Deck, asked: Asked
) -> None:
    environ = {"TERM": "xterm-kitty"}
    assert chosen(asked, "auto", image_deck, environ=environ, stdout=io.StringIO()) == "cells"
    assert chosen(asked, "auto", plain_deck, environ=environ, stdout=_Terminal()) == "cells"
    assert asked == []


def test_cli_passes_images_to_the_presenter(
    image_deck: Deck, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tui_slides.app
    from tui_slides.cli import main

    seen: dict[str, object] = {}

    def fake_run(deck: Deck, options: PresenterOptions) -> int:
        seen.update(vars(options))
        return 0

    monkeypatch.setattr(tui_slides.app, "run_presenter", fake_run)
    # As if on a terminal:
    monkeypatch.setattr("tui_slides.commands.present.terminal_problem", lambda: None)
    Image.new("RGB", (4, 4)).save(tmp_path / "b.png")
    deck = tmp_path / "d.json5"
    deck.write_text('{ content: [{ img_path: "b.png" }] }')
    assert main(["present", str(deck), "--images", "none"]) == 0
    assert seen["images"] == "none"
    assert main([str(deck)]) == 0
    assert seen["images"] == "auto"
    assert main([str(deck), "--images", "sometimes"]) == 2


@pytest.mark.parametrize(
    ("reply", "draws"),
    [
        ("\x1bP>|kitty(0.26.5)\x1b\\\x1b[?62;c", False),  # Debian 12: boxes, no image
        ("\x1bP>|kitty(0.27.1)\x1b\\", False),
        ("\x1bP>|kitty(0.28.0)\x1b\\", True),
        ("\x1bP>|kitty(0.35.2)\x1b\\\x1b[?62;c", True),
        ("\x1bP>|kitty(1.0.0)\x1b\\", True),
        ("\x1bP>|WezTerm 20240203\x1b\\", True),
        ("\x1b[?62;c", True),  # no version: the benefit of the doubt
        ("", True),
    ],
)
def test_old_kitty_is_not_asked_to_draw_placeholders(reply: str, draws: bool) -> None:
    assert protocol.kitty_draws_placeholders(reply) is draws


SIXEL = re.compile(rb"\x1b\[(\d+);(\d+)H\x1bP[0-9;]*q\"1;1;(\d+);(\d+)(.*?)\x1b\\", re.S)
"""A cursor move, then a sixel image: its raster size (pixels) and data."""
SIXEL_TERMINAL = {
    b"\x1b[c": b"\x1b[?62;4;22c",  # device attributes: a VT220-class terminal with sixel (4)
    b"\x1b[16t": b"\x1b[6;16;8t",  # cells of 8x16 pixels
    b"\x1b[14t": b"\x1b[4;384;640t",
}


def _run_in_pty(argv: list[str], answers: dict[bytes, bytes], until: re.Pattern[bytes]) -> bytes:
    """What ``argv`` writes to an 80x24 pty that answers like ``answers``, until ``until``."""
    import fcntl
    import select
    import struct
    import subprocess
    import sys
    import termios
    import time

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TMUX", "STY"))}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", PYTHONPATH=str(Path.cwd()))
    child = subprocess.Popen(
        [sys.executable, *argv], stdin=slave, stdout=slave, stderr=slave, env=env,
        start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    written = b""
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if not select.select([master], [], [], 0.2)[0]:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            written += chunk
            for query, answer in answers.items():
                if query in chunk:
                    os.write(master, answer)
            if until.search(written):
                break
        os.write(master, b"q")
        child.wait(5)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
    return written


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_sixel_terminal_gets_a_sixel_image_under_the_block_text(tmp_path: Path) -> None:
    Image.new("RGB", (64, 16), (200, 40, 40)).save(tmp_path / "red.png")
    deck = tmp_path / "deck.json5"
    deck.write_text('{ content: [{ title: "Red", text: "A red bar.", img_path: "red.png" }] }')
    argv = ["-m", "tui_slides", str(deck), "--images", "auto"]
    written = _run_in_pty(argv, SIXEL_TERMINAL, until=SIXEL)
    assert b"\x1b[c" in written  # the terminal was asked what it can draw
    sixel = SIXEL.search(written)
    assert sixel is not None, written[-400:]
    row, column, width, height = (int(sixel[n]) for n in range(1, 5))
    assert (row, column) == (
        7,
        3,
    )  # heading on row 2, its rule on 3, text on 5: the image under them, lined up
    assert width % 8 == 0 and height % 16 == 0 and width <= 80 * 8  # whole cells of 8x16
    assert abs(width / height - 4) < 0.5  # the 64x16 picture's aspect ratio
    assert b"#0;2;78;16;16" in sixel[5]  # its red, in sixel's percentages (200/255, 40/255)
    assert "\u2580".encode() not in written  # no half-block fallback drawn
