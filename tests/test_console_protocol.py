"""The console protocol: events and commands as JSON lines, and untrusted input dropped."""

from __future__ import annotations

import json
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_slides.presenting.events import (
    BlankChanged,
    ClockChanged,
    DeckReloaded,
    MatchChanged,
    ProblemCleared,
    ReloadFailed,
    SearchChanged,
    SlideChanged,
    TypedChanged,
)
from tui_slides.presenting.protocol import (
    COMMANDS,
    MAX_LINE,
    MAX_TEXT,
    VERSION,
    Command,
    LineSplitter,
    State,
    decode,
    encode,
)
from tui_slides.presenting.remote import RemoteTalk, clock_text

EVERY_EVENT = [
    SlideChanged(3, 2),
    TypedChanged("12"),
    BlankChanged(True),
    SearchChanged("kernel", 4),
    MatchChanged(1, 3, 0, 2),
    DeckReloaded(2, 3, 9),
    ReloadFailed("talk.json5:3:11: error: bad\n    slides: 5,\n            ^"),
    ProblemCleared(),
    ClockChanged(True, False, 61.5),
]

STATE = State(
    {
        "deck": "/talks/talk.json5", "name": "talk", "pid": 4711, "index": 2, "step": 0,
        "total": 5, "blank": False, "typed": "", "problem": "", "started": True,
        "paused": False, "elapsed": 12.5, "duration": 1200, "loop": True,
        "advance": "paused", "advance_seconds": 10,
    }
)  # fmt: skip


@pytest.mark.parametrize("message", [*EVERY_EVENT, Command("next"), Command("go_to", 7), STATE])
def test_every_message_goes_through_a_line_and_back(message: object) -> None:
    line = encode(message)  # type: ignore[arg-type]
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    data = json.loads(line)
    assert data["v"] == VERSION
    assert decode(line.rstrip(b"\n")) == message


def test_the_wire_format_is_plain_and_versioned() -> None:
    assert encode(SlideChanged(3, 2)) == b'{"v":2,"type":"slide","index":3,"previous":2}\n'
    assert encode(Command("clock_toggle")) == b'{"v":2,"type":"command","name":"clock_toggle"}\n'


@pytest.mark.parametrize(
    ("line", "why"),
    [
        (b"not json", "Expecting value"),
        (b"[1, 2]", "not an object"),
        (b'{"type": "slide", "index": 1, "previous": 0}', "protocol version None"),
        (b'{"v": 1, "type": "slide", "index": 1, "previous": 0}', "protocol version 1"),
        (b'{"v": 2, "type": "explode"}', "unknown message type 'explode'"),
        (b'{"v": 2, "type": "slide", "index": "1", "previous": 0}', "index is str"),
        (b'{"v": 2, "type": "slide", "index": true, "previous": 0}', "index is bool"),
        (b'{"v": 2, "type": "slide", "index": 1}', "fields ['index']"),
        (b'{"v": 2, "type": "slide", "index": 1, "previous": 0, "x": 1}', "fields"),
        (b'{"v": 2, "type": "slide", "index": 1e300, "previous": 0}', "index is float"),
        (b'{"v": 2, "type": "clock", "started": true, "paused": false, "elapsed": 1e200}',
         "out of range"),
        (b'{"v": 2, "type": "command", "name": "rm -rf"}', "unknown command 'rm -rf'"),
        (b'{"v": 2, "type": "command", "name": "go_to", "index": -1}', "bad slide index -1"),
        (b'{"v": 2, "type": "typed", "typed": "' + b"9" * (MAX_TEXT + 1) + b'"}', "longer than"),
        (b"\xff\xfe", "utf-8"),
        (b"[" * 30_000, "recursion"),
        (b" " * (MAX_LINE + 1), "more than"),
    ],
    ids=lambda value: value[:30].decode("latin-1") if isinstance(value, bytes) else "",
)  # fmt: skip
def test_a_bad_message_is_dropped_with_a_log_line(
    line: bytes, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="tui_slides.protocol"):
        assert decode(line) is None
    assert caplog.records[0].getMessage().startswith("dropped a console message: ")
    assert why in caplog.records[0].getMessage()


@given(st.binary(max_size=300))
def test_decode_never_raises(line: bytes) -> None:
    decode(line)


@given(
    st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=8),
    st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=10),
)
def test_lines_come_out_whole_however_the_bytes_are_cut(
    lines: list[bytes], cuts: list[int]
) -> None:
    stream = b"".join(line + b"\n" for line in lines)
    splitter = LineSplitter()
    out: list[bytes] = []
    position, turn = 0, 0
    while position < len(stream):
        size = cuts[turn % len(cuts)]
        out += splitter.feed(stream[position : position + size])
        position, turn = position + size, turn + 1
    assert out == lines


def test_an_oversized_line_is_skipped_as_it_comes_and_the_next_one_read(
    caplog: pytest.LogCaptureFixture,
) -> None:
    splitter = LineSplitter(limit=100)
    with caplog.at_level(logging.WARNING, logger="tui_slides.protocol"):
        assert splitter.feed(b"a" * 80) == []
        assert splitter.feed(b"a" * 80) == []  # over the limit: dropped, not kept
        assert splitter.feed(b"a" * 5000) == []
        assert splitter.feed(b"aaa\nshort\n" + b"b" * 150 + b"\nlast\n") == [b"short", b"last"]
    assert [r.getMessage() for r in caplog.records] == [
        "dropped a console message: longer than 100 bytes"
    ] * 2


def test_long_text_is_cut_to_fit_when_sent() -> None:
    line = encode(ReloadFailed("x" * (MAX_TEXT * 3)))
    message = decode(line.rstrip(b"\n"))
    assert isinstance(message, ReloadFailed) and len(message.message) == MAX_TEXT


def test_every_command_a_console_sends_is_one_the_presenter_takes() -> None:
    from tui_slides.app.console.console_app import ConsoleApp

    sent = {b.action.split("'")[1] for b in ConsoleApp.BINDINGS if b.action.startswith("send")}  # type: ignore[union-attr]
    assert sent <= COMMANDS
    assert {"next", "prev", "first", "last", "toggle_blank", "clock_toggle", "clock_reset"} <= sent


def test_the_remote_talk_follows_the_messages_and_runs_its_clock() -> None:
    now = [100.0]
    talk = RemoteTalk(lambda: now[0])
    assert not talk.joined and talk.elapsed == 0
    talk.apply(STATE)
    assert talk.joined and (talk.index, talk.total, talk.duration) == (2, 5, 1200)
    now[0] += 10
    assert talk.elapsed == 22.5
    talk.apply(ClockChanged(True, True, 30.0))
    now[0] += 10
    assert talk.elapsed == 30.0
    talk.apply(SlideChanged(4, 2))
    talk.apply(DeckReloaded(1, 4, 3))
    talk.apply(BlankChanged(True))
    talk.apply(TypedChanged("2"))
    talk.apply(ReloadFailed("bad"))
    assert (talk.index, talk.total, talk.blank, talk.typed, talk.problem) == (
        1,
        3,
        True,
        "2",
        "bad",
    )
    assert talk.reloads == 1
    talk.apply(ProblemCleared())
    assert talk.problem == ""
    assert not talk.apply(SearchChanged("x", 0))  # nothing a console shows


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "00:00"), (59.9, "00:59"), (61, "01:01"), (3600, "1:00:00"), (-75, "-01:15")],
)
def test_clock_text(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text


def test_every_event_of_the_presentation_has_a_message_type() -> None:
    """A new event the core sends must reach consoles, not crash the server's encoding."""
    from tui_slides.presenting.events import EVENTS
    from tui_slides.presenting.protocol import EVENT_TYPES

    assert set(EVENT_TYPES.values()) == set(EVENTS.values())


def test_steps_and_the_advance_travel_and_the_remote_talk_follows_the_step() -> None:
    from tui_slides.presenting.events import AdvanceChanged, StepChanged

    for event in (StepChanged(3, 1, 4), AdvanceChanged("paused", 10.0)):
        assert decode(encode(event)) == event
    talk = RemoteTalk()
    assert talk.apply(StepChanged(3, 1, 4))
    assert (talk.index, talk.step) == (3, 1)
