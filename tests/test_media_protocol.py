"""Choosing how images are drawn: ``--images`` and what the terminal can do."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tui_slides.loader import load_deck
from tui_slides.media import protocol
from tui_slides.media.protocol import choose_protocol
from tui_slides.model import Deck


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


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records whether the terminal was asked; the answer is always ``kitty``."""
    calls: list[str] = []

    def ask() -> str:
        calls.append("asked")
        return "kitty"

    monkeypatch.setattr(protocol, "_ask_terminal", ask)
    return calls


def test_explicit_choices_win(image_deck: Deck, asked: list[str]) -> None:
    tty = _Terminal()
    assert choose_protocol("none", image_deck, environ={"TERM": "xterm"}, stdout=tty) == "none"
    assert choose_protocol("cells", image_deck, environ={"TERM": "xterm"}, stdout=tty) == "cells"
    assert asked == []


def test_auto_asks_a_real_terminal(image_deck: Deck, asked: list[str]) -> None:
    result = choose_protocol(
        "auto", image_deck, environ={"TERM": "xterm-kitty"}, stdout=_Terminal()
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
    image_deck: Deck, asked: list[str], environ: dict[str, str]
) -> None:
    assert choose_protocol("auto", image_deck, environ=environ, stdout=_Terminal()) == "cells"
    assert asked == []


def test_auto_uses_cells_when_not_a_terminal_or_no_images(
    image_deck: Deck, plain_deck: Deck, asked: list[str]
) -> None:
    environ = {"TERM": "xterm-kitty"}
    assert choose_protocol("auto", image_deck, environ=environ, stdout=io.StringIO()) == "cells"
    assert choose_protocol("auto", plain_deck, environ=environ, stdout=_Terminal()) == "cells"
    assert asked == []


def test_cli_passes_images_to_the_presenter(
    image_deck: Deck, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tui_slides.app
    from tui_slides.cli import main

    seen: dict[str, object] = {}

    def fake_run(deck: Deck, path: Path, **options: object) -> int:
        seen.update(options)
        return 0

    monkeypatch.setattr(tui_slides.app, "run_presenter", fake_run)
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
