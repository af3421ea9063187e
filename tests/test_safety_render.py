"""A hostile deck: no control sequence from its text reaches the output; markup shows literally."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from tui_slides import cli
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Slide
from tui_slides.deck.safety import visible
from tui_slides.render.slide import print_deck

CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"  # OSC 52: write "evil" to the clipboard
CLEAR = "\x1b[2J"
RED = "\x1b[31m"
LONE_ESC = "lone \x1b here"
CSI_8BIT = "\x9b2J"
BIDI = "\u202eevil\u202c and \u2066isolate\u2069"
MARKUP = "[bold]not bold[/bold] [link=https://example.com]x[/link]"

PLAIN_TEXT = "\n".join(
    [
        f"Copy: {CLIPBOARD}",
        f"Clear {CLEAR} and {RED}red\x1b[0m",
        "",
        LONE_ESC,
        f"8-bit {CSI_8BIT} csi",
        BIDI,
        MARKUP,
        "",
        f"Lead-in {RED}:",
        f"• item {CLEAR}",
        f"{CSI_8BIT} not a marker",
        f"1. {CLIPBOARD}",
    ]
)

MARKDOWN_TEXT = "\n".join(
    [
        f"# Head {RED}",
        "",
        f"Inline `{CLIPBOARD}` and {CLEAR} and {MARKUP}",
        "",
        "```",
        f"{CLEAR}{CSI_8BIT}",
        "```",
        "",
        "Entities: &#13;cr &#x202e;bidi &#x9b;csi &#27;esc &#7;bel",
        "",
        f"[a link](https://example.com/{CLIPBOARD}) and <https://example.com/{CSI_8BIT}>",
        "",
        "| a | b |",
        "|---|---|",
        f"| {CLEAR} | {BIDI} |",
    ]
)

DECK_FIELDS = {
    "ID": f"1{CLIPBOARD}",
    "logo_title": f"Logo{CLEAR}",
    "content": [
        {"title": f"{MARKUP} {RED}title", "text": PLAIN_TEXT},
        {"title": "Markdown", "format": "markdown", "text": MARKDOWN_TEXT},
    ],
}

OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*\x1b\\")
"""What rich itself writes: SGR colours and OSC 8 hyperlinks."""

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Every character that must not reach the terminal from a deck (tab is expanded by rich)."""


@pytest.fixture
def deck_path(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.json5"
    path.write_text(json.dumps(DECK_FIELDS), encoding="utf-8")
    return path


def defanged(deck: Deck) -> Deck:
    """``deck`` with ``visible`` applied to every string up front."""
    slides = []
    for slide in deck.slides:
        blocks = tuple(
            dataclasses.replace(block, title=visible(block.title), text=visible(block.text))
            for block in slide.content
        )
        slides.append(
            dataclasses.replace(
                slide,
                id=visible(slide.id),
                logo_title=visible(slide.logo_title),
                content=blocks,
            )
        )
    return dataclasses.replace(deck, slides=tuple(slides))


def printed(deck: Deck, *, colour: bool, width: int = 60) -> str:
    console = Console(
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        _environ={},
        color_system="truecolor" if colour else None,
    )
    print_deck(deck, console)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def assert_inert(output: str) -> None:
    for sequence in (CLIPBOARD, CLEAR, RED, "\x1b]52", "\x9b", "\u202e", "\x07"):
        assert sequence not in output
    leftover = CONTROL.findall(OWN_SEQUENCES.sub("", output))
    assert leftover == []


def test_the_deck_really_holds_the_attacks(deck_path: Path) -> None:
    deck = load_deck(deck_path)
    block = deck.slides[0].content[0]
    for sequence in (CLIPBOARD, CLEAR, RED, LONE_ESC, CSI_8BIT, BIDI, MARKUP):
        assert sequence in block.text
    assert CLIPBOARD in deck.slides[0].id


@pytest.mark.parametrize("width", [30, 60, 120])
def test_colour_output_is_inert(deck_path: Path, width: int) -> None:
    output = printed(load_deck(deck_path), colour=True, width=width)
    assert_inert(output)


def test_plain_output_has_no_escape_at_all(deck_path: Path) -> None:
    output = printed(load_deck(deck_path), colour=False)
    assert "\x1b" not in output
    assert CONTROL.findall(output) == []


def test_output_is_that_of_the_visible_text(deck_path: Path) -> None:
    """Rendering depends only on the visible form of the text: nothing raw gets around it."""
    deck = load_deck(deck_path)
    link_ids = re.compile(r"\x1b\]8;id=[0-9]+;")  # rich numbers each hyperlink it writes
    raw = link_ids.sub("", printed(deck, colour=True))
    assert raw == link_ids.sub("", printed(defanged(deck), colour=True))


def test_controls_show_as_symbols_and_markup_literally(deck_path: Path) -> None:
    output = printed(load_deck(deck_path), colour=False, width=120)
    assert "Copy: ␛]52;c;ZXZpbA==␇" in output
    assert "Clear ␛[2J and ␛[31mred␛[0m" in output
    assert "lone ␛ here" in output
    assert "8-bit \ufffd2J csi" in output
    assert "\ufffdevil\ufffd and \ufffdisolate\ufffd" in output
    assert output.count("[bold]not bold[/bold] [link=https://example.com]x[/link]") == 4
    assert "1 / 1 · 1␛]52;c;ZXZpbA==␇ · [bold]not bold" in output
    assert "Logo␛[2J" in output
    assert "• item ␛[2J" in output
    assert "1. ␛]52;c;ZXZpbA==␇" in output


def test_markdown_character_references_stay_inert(deck_path: Path) -> None:
    output = printed(load_deck(deck_path), colour=False, width=120)
    assert "Entities: ␍cr \ufffdbidi" in output  # decoded by Markdown, then made visible
    assert "&#27;esc" in output or "\ufffdesc" in output  # Markdown refuses ESC itself


def test_through_the_cli_with_colour(
    deck_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.main(["show", str(deck_path), "--width", "80"]) == 0
    output = capsys.readouterr().out
    assert "\x1b[" in output  # really in colour
    assert_inert(output)
    assert "[bold]not bold[/bold]" in output


def test_render_block_directly() -> None:
    from tui_slides.render import render_block

    block = Block(title=f"{CLEAR}T", text=PLAIN_TEXT)
    console = Console(width=50, file=io.StringIO(), force_terminal=True, _environ={})
    console.print(render_block(block))
    console.print(Slide(content=(block,)).title)  # a plain str printed by rich is not ours
    output = console.file.getvalue()  # type: ignore[attr-defined]
    rendered = output[: output.rindex("\n", 0, len(output) - 1)]
    assert_inert(rendered)


def test_last_guard_on_rendered_segments() -> None:
    """Whatever a renderable emits inside a Markdown block is made visible once more."""
    from rich.text import Text

    from tui_slides.render.markdown import SafeSegments

    console = Console(width=40, file=io.StringIO(), force_terminal=True, _environ={})
    console.print(SafeSegments(Text(f"a{CLEAR}b{CSI_8BIT}")))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert output == "a␛[2Jb\ufffd2J\n"
