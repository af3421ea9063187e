"""The share's headless parts: addresses, codes, failure limits, keys, colours, diffs."""

from __future__ import annotations

import pyte
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Layout, Slide
from tui_slides.share.auth import (
    CODE_ALPHABET,
    MAX_ADDRESSES,
    Gate,
    code_matches,
    new_code,
)
from tui_slides.share.frames import Frames, Line
from tui_slides.share.options import make_options, parse_address
from tui_slides.share.screen import encode
from tui_slides.share.terminal import ENTER, colour_system, read_keys


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("2222", ("127.0.0.1", 2222)),
        ("0.0.0.0:2222", ("0.0.0.0", 2222)),
        ("localhost:22", ("localhost", 22)),
        ("[::1]:2200", ("::1", 2200)),
        ("0", ("127.0.0.1", 0)),
    ],
)
def test_addresses(text: str, address: tuple[str, int]) -> None:
    assert parse_address(text) == address


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ssh", "not a port number: 'ssh'"),
        (":22", "no host before ':'"),
        ("70000", "port 70000 is out of range"),
        ("host:", "not a port number: ''"),
    ],
)
def test_bad_addresses_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_address(text)


def test_options_that_do_not_go_together(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="needs --ssh-keys"):
        make_options("2222", auth="keys")
    with pytest.raises(ValueError, match="goes with --ssh-auth keys"):
        make_options("2222", keys=str(tmp_path / "k"))
    with pytest.raises(ValueError, match="no such authorized_keys file"):
        make_options("2222", auth="keys", keys=str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="at least 1"):
        make_options("2222", max_viewers=0)
    assert make_options("0.0.0.0:2200", auth="none").host == "0.0.0.0"


def test_access_codes_are_random_readable_and_typed_loosely() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        first, second = code.split("-")
        assert len(first) == len(second) == 4
        assert set(first + second) <= set(CODE_ALPHABET)
    assert code_matches("K7M2 X9QP", "k7m2-x9qp")
    assert code_matches("k7m2x9qp", "k7m2-x9qp")
    assert not code_matches("k7m2-x9qq", "k7m2-x9qp")
    assert not code_matches("", "k7m2-x9qp")


def test_the_gate_counts_failures_per_address_within_a_window() -> None:
    now = [0.0]
    gate = Gate(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert gate.allows("10.0.0.1")
        gate.failed("10.0.0.1")
    assert not gate.allows("10.0.0.1")
    assert gate.allows("10.0.0.2")  # another address is not punished
    now[0] = 61.0
    assert gate.allows("10.0.0.1")  # the window passed


def test_the_gate_remembers_a_bounded_number_of_addresses() -> None:
    gate = Gate(limit=1)
    for n in range(MAX_ADDRESSES + 10):
        gate.failed(f"a{n}")
    assert gate.allows("a0")  # the oldest were forgotten first
    assert not gate.allows(f"a{MAX_ADDRESSES + 9}")


@pytest.mark.parametrize(
    ("term", "environment", "system"),
    [
        ("xterm-256color", {}, "256"),
        ("xterm", {}, "standard"),
        ("screen", {}, "standard"),
        ("xterm-direct", {}, "truecolor"),
        ("xterm-256color", {"COLORTERM": "truecolor"}, "truecolor"),
        ("xterm-256color", {"NO_COLOR": "1"}, None),
        ("dumb", {}, None),
        ("", {}, None),
    ],
)
def test_colours_come_from_the_terminal_type_and_environment(
    term: str, environment: dict[str, str], system: str | None
) -> None:
    assert colour_system(term, environment) == system


@pytest.mark.parametrize(
    ("data", "actions"),
    [
        (b"\x1b[C", ["next"]),
        (b"\x1bOC", ["next"]),
        (b" ", ["next"]),
        (b"\x1b[6~\x1b[5~", ["next", "prev"]),
        (b"\x1b[D\x1b[A", ["prev", "prev"]),
        (b"\x1b", ["follow"]),
        (b"f", ["follow"]),
        (b"q", ["leave"]),
        (b"\x03", ["leave"]),
        (b"\x1b[1;5C", []),  # Ctrl+Right: not a viewer key
        (b"xyz\x1b[H", ["first"]),
        (b"\x1b\x1b[C", ["follow", "next"]),
    ],
)
def test_viewer_keys(data: bytes, actions: list[str]) -> None:
    assert read_keys(data) == actions


# -- diffs: what a terminal shows after them is the new screen -----------------------------

CHARS = st.sampled_from([" ", " ", " ", "a", "b", "ж", "я", "─", "界"])


@st.composite
def screens(draw: st.DrawFn, width: int = 12, rows: int = 4) -> list[Line]:
    lines = []
    for _ in range(rows):
        chars: list[str] = []
        styles: list[int] = []
        while len(chars) < width:
            char = draw(CHARS)
            style = draw(st.integers(0, 2))
            if char == "界":
                if len(chars) + 2 > width:
                    char = " "
                else:
                    chars += [char, ""]
                    styles += [style, style]
                    continue
            chars.append(char)
            styles.append(style)
        lines.append(Line(tuple(chars), tuple(styles)))
    return lines


def sgr(style: int, colours: str | None) -> str:
    return ("\x1b[0m", "\x1b[0;1m", "\x1b[0;36m")[style]


def shown(screen: pyte.Screen) -> list[tuple[str, ...]]:
    """Each row's characters and, per cell, whether it is bold or cyan."""
    rows = []
    for y in range(screen.lines):
        row = screen.buffer[y]
        rows.append(
            tuple(
                f"{row[x].data}|{int(row[x].bold)}{int(row[x].fg == 'cyan')}"
                for x in range(screen.columns)
            )
        )
    return rows


def expected(lines: list[Line]) -> list[tuple[str, ...]]:
    marks = {0: "00", 1: "10", 2: "01"}
    result = []
    for line in lines:
        cells = []
        for char, style in zip(line.chars, line.styles, strict=True):
            blank = char == " " and style == 0
            cells.append(f"{char}|{'00' if blank else marks[style]}")
        result.append(tuple(cells))
    return result


@settings(max_examples=300, deadline=None)
@given(old=screens(), new=screens())
def test_a_diff_turns_the_old_screen_into_the_new(old: list[Line], new: list[Line]) -> None:
    screen = pyte.Screen(12, 4)
    stream = pyte.ByteStream(screen)
    stream.feed(ENTER + encode(None, old, sgr, "256"))
    assert shown(screen) == expected(old)
    stream.feed(encode(old, new, sgr, "256"))
    assert shown(screen) == expected(new)


def test_an_unchanged_screen_costs_nothing_and_one_cell_costs_a_few_bytes() -> None:
    line = Line(tuple("hello world "), (0,) * 12)
    assert encode([line], [line], sgr, "256") == b""
    changed = Line(tuple("hello world!"), (0,) * 12)
    assert encode([line], [changed], sgr, "256") == b"\x1b[1;12H\x1b[0m!"


def test_a_frame_is_rendered_once_per_slide_size_and_colours(seed_path) -> None:  # type: ignore[no-untyped-def]
    deck = load_deck(seed_path)
    frames = Frames()
    key, body = frames.body(deck, 0, 0, 0, (100, 29), "256")
    again = frames.body(deck, 0, 0, 0, (100, 29), "256")
    assert again == (key, body) and again[1] is body
    assert frames.renders == 1
    frames.body(deck, 0, 0, 0, (80, 23), "256")
    frames.body(deck, 0, 0, 0, (100, 29), "standard")
    assert frames.renders == 3
    assert len(body) == 29 and all(len(line.chars) == 100 for line in body)


def _rows(frames: Frames, deck: Deck, index: int, size: tuple[int, int]) -> list[str]:
    _key, body = frames.body(deck, 0, index, 0, size, None)
    return ["".join(line.chars).rstrip() for line in body]


def test_audiences_see_the_presenters_layouts() -> None:
    """A title slide centred both ways, columns side by side where they fit, the heading
    ruled, and no printed ``n / N`` header: what the room sees, as the presenter draws it."""
    blocks = (Block(title="Left", text="left text"), Block(title="Right", text="right text"))
    deck = Deck(
        slides=(
            Slide(content=(Block(title="Talk", text="by me"),), layout=Layout.TITLE),
            Slide(content=blocks, layout=Layout.COLUMNS),
        ),
        source="mem",
    )
    frames = Frames()
    rows = _rows(frames, deck, 0, (100, 30))
    (row,) = [n for n, text in enumerate(rows) if "T a l k" in text]
    assert 10 <= row <= 16  # down the middle of 30 rows
    heading = rows[row]
    assert abs(len(heading) - len(heading.lstrip()) - (100 - len("T a l k")) // 2) <= 1
    assert rows[row + 1].strip().startswith("─")  # its rule under it
    assert not any(" / 2" in text for text in rows)  # the status line says where we are
    wide = _rows(frames, deck, 1, (160, 40))
    assert any("Left" in text and "Right" in text for text in wide)  # side by side
    narrow = _rows(frames, deck, 1, (60, 24))  # columns of 28 < 30: stacked
    assert not any("Left" in text and "Right" in text for text in narrow)
    assert [n for n, t in enumerate(narrow) if "Left" in t] < [
        n for n, t in enumerate(narrow) if "Right" in t
    ]
