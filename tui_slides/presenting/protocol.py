"""The console protocol: a presentation's events and commands as versioned JSON lines.

One message per line, UTF-8 JSON objects, each with ``"v": VERSION`` and a
``"type"``: from the presenter, ``"state"`` (everything, sent on join) and one
type per event of ``tui_slides.presenting.events`` (``"slide"``, ``"clock"``...);
to it, ``"command"``. Shared by the presenter console and the SSH audiences.

Input is untrusted: ``decode`` checks the version, the type and every field's
type and size, and drops anything else with a log line; it never raises.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from tui_slides.presenting.events import (
    AdvanceChanged,
    BlankChanged,
    ClockChanged,
    DeckReloaded,
    Event,
    MatchChanged,
    ProblemCleared,
    ReloadFailed,
    SearchChanged,
    SlideChanged,
    StepChanged,
    TypedChanged,
)

VERSION = 2
"""The protocol's version: a message with another ``v`` is dropped (2: the state says the
advance and the loop)."""
MAX_LINE = 64 * 1024
"""The longest message, in bytes with its newline: a longer one is dropped unread."""
MAX_TEXT = 16 * 1024
"""The longest string field, in characters (a reload problem, a deck path...)."""

log = logging.getLogger("tui_slides.protocol")

EVENT_TYPES: dict[str, type[Event]] = {
    "slide": SlideChanged,
    "typed": TypedChanged,
    "blank": BlankChanged,
    "search": SearchChanged,
    "match": MatchChanged,
    "reloaded": DeckReloaded,
    "reload_failed": ReloadFailed,
    "problem_cleared": ProblemCleared,
    "clock": ClockChanged,
    "step": StepChanged,
    "advance": AdvanceChanged,
}
"""Each event's message type."""
_TYPE_OF = {kind: name for name, kind in EVENT_TYPES.items()}

COMMANDS = frozenset(
    (
        "next", "prev", "first", "last", "g", "G", "enter", "backspace", "escape",
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
        "go_to", "blank", "toggle_blank", "reload",
        "clock_toggle", "clock_reset", "clock_start", "clock_pause", "clock_resume",
        "advance_resume",
    )
)  # fmt: skip
"""What a console may ask of the presenter (navigation keys by ``navigation.step`` name)."""

STATE_FIELDS: dict[str, tuple[type, ...]] = {
    "deck": (str,),
    "name": (str,),
    "pid": (int,),
    "index": (int,),
    "step": (int,),
    "total": (int,),
    "blank": (bool,),
    "typed": (str,),
    "problem": (str,),
    "started": (bool,),
    "paused": (bool,),
    "elapsed": (int, float),
    "duration": (int, float, type(None)),
    "loop": (bool,),
    "advance": (str,),
    "advance_seconds": (int, float),
}
"""The fields of a ``"state"`` message and their types."""


class Command:
    """A console's request: ``name`` (one of ``COMMANDS``) and, for ``go_to``, ``index``."""

    __slots__ = ("index", "name")

    def __init__(self, name: str, index: int = 0) -> None:
        self.name = name
        self.index = index

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Command) and (other.name, other.index) == (self.name, self.index)

    def __hash__(self) -> int:
        return hash((self.name, self.index))

    def __repr__(self) -> str:
        return f"Command({self.name!r}, {self.index})"


class State:
    """The whole talk as a joining console needs it (``STATE_FIELDS``), as read from a line."""

    __slots__ = ("values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, State) and other.values == self.values

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.values.items())))

    def __repr__(self) -> str:
        return f"State({self.values!r})"


Message = Event | Command | State
"""Whatever one line carries."""


def encode(message: Message) -> bytes:
    """One message as a JSON line (``\\n``-terminated UTF-8)."""
    if isinstance(message, Command):
        data: dict[str, object] = {"v": VERSION, "type": "command", "name": message.name}
        if message.name == "go_to":
            data["index"] = message.index
    elif isinstance(message, State):
        data = {"v": VERSION, "type": "state"}
        for name, value in message.values.items():
            data[name] = value[:MAX_TEXT] if isinstance(value, str) else value
    else:
        data = {"v": VERSION, "type": _TYPE_OF[type(message)]}
        for name in message.__slots__:
            value = getattr(message, name)
            data[name] = value[:MAX_TEXT] if isinstance(value, str) else value
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def decode(line: bytes) -> Message | None:
    """The message on ``line``; None (and a log line saying why) for anything not valid."""
    try:
        return _decode(line)
    except Exception as error:  # anything at all: a bad peer never crashes a view
        log.warning("dropped a console message: %s", _short(error))
        return None


def _short(error: Exception) -> str:
    text = str(error)
    return text if len(text) <= 200 else text[:200] + "…"


def _decode(line: bytes) -> Message:
    if len(line) > MAX_LINE:
        raise ValueError(f"{len(line)} bytes, more than {MAX_LINE}")
    data = json.loads(line.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"not an object: {type(data).__name__}")
    if data.get("v") != VERSION:
        raise ValueError(f"protocol version {data.get('v')!r}, not {VERSION}")
    kind = data.get("type")
    fields = {key: value for key, value in data.items() if key not in ("v", "type")}
    if kind == "command":
        return _command(fields)
    if kind == "state":
        return State(_checked(fields, STATE_FIELDS, "state"))
    event = EVENT_TYPES.get(kind) if isinstance(kind, str) else None
    if event is None:
        raise ValueError(f"unknown message type {kind!r}")
    types = {name: _FIELD_TYPES[(event, name)] for name in event.__slots__}
    return event(**_checked(fields, types, str(kind)))


def _command(fields: dict[str, Any]) -> Command:
    name = fields.get("name")
    if not isinstance(name, str) or name not in COMMANDS:
        raise ValueError(f"unknown command {name!r}")
    index = fields.get("index", 0)
    if type(index) is not int or not 0 <= index < 1_000_000:
        raise ValueError(f"bad slide index {index!r}")
    return Command(name, index)


def _checked(
    fields: dict[str, Any], types: Mapping[str, tuple[type, ...]], kind: str
) -> dict[str, Any]:
    if set(fields) != set(types):
        raise ValueError(f"bad {kind} message: fields {sorted(fields)}")
    for name, value in fields.items():
        allowed = types[name]
        # bool is an int to isinstance: a field of numbers takes no true or false
        if type(value) not in allowed and not (float in allowed and type(value) is int):
            raise ValueError(f"bad {kind} message: {name} is {type(value).__name__}")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise ValueError(f"bad {kind} message: {name} longer than {MAX_TEXT}")
        if type(value) in (int, float) and not -1e12 < value < 1e12:
            raise ValueError(f"bad {kind} message: {name} out of range")
    return fields


_NUMBER = (int,)
_FIELD_TYPES: dict[tuple[type, str], tuple[type, ...]] = {
    (SlideChanged, "index"): _NUMBER,
    (SlideChanged, "previous"): _NUMBER,
    (TypedChanged, "typed"): (str,),
    (BlankChanged, "blank"): (bool,),
    (SearchChanged, "query"): (str,),
    (SearchChanged, "count"): _NUMBER,
    (MatchChanged, "rank"): _NUMBER,
    (MatchChanged, "slide"): _NUMBER,
    (MatchChanged, "block"): _NUMBER,
    (MatchChanged, "occurrence"): _NUMBER,
    (DeckReloaded, "index"): _NUMBER,
    (DeckReloaded, "previous"): _NUMBER,
    (DeckReloaded, "total"): _NUMBER,
    (ReloadFailed, "message"): (str,),
    (ClockChanged, "started"): (bool,),
    (ClockChanged, "paused"): (bool,),
    (ClockChanged, "elapsed"): (float, int),
    (StepChanged, "index"): _NUMBER,
    (StepChanged, "step"): _NUMBER,
    (StepChanged, "steps"): _NUMBER,
    (AdvanceChanged, "state"): (str,),
    (AdvanceChanged, "seconds"): (float, int),
}
"""The type of each event field (every field of every event is here)."""


class LineSplitter:
    """Bytes from a stream in, whole lines out; a line longer than ``MAX_LINE`` is skipped.

    The oversized line is dropped as it arrives (never kept whole in memory),
    with a log line, and reading goes on at the next newline.
    """

    __slots__ = ("_buffer", "_skipping", "limit")

    def __init__(self, limit: int = MAX_LINE) -> None:
        self.limit = limit
        self._buffer = bytearray()
        self._skipping = False

    def feed(self, data: bytes) -> list[bytes]:
        """The complete lines ``data`` ends (without their newlines)."""
        lines: list[bytes] = []
        start = 0
        while True:
            end = data.find(b"\n", start)
            if end < 0:
                break
            if self._skipping:
                self._skipping = False
            elif len(self._buffer) + end - start + 1 > self.limit:
                self._drop()
            else:
                self._buffer += data[start:end]
                lines.append(bytes(self._buffer))
            self._buffer.clear()
            start = end + 1
        if not self._skipping:
            self._buffer += data[start:]
            if len(self._buffer) >= self.limit:
                self._buffer.clear()
                self._skipping = True
                self._drop()
        return lines

    def _drop(self) -> None:
        log.warning("dropped a console message: longer than %d bytes", self.limit)
