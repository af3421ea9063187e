"""An audience terminal: its colours (from the pty request), its keys, entering and leaving it.

Plain functions over strings and bytes; nothing here knows SSH.
"""

from __future__ import annotations

from collections.abc import Mapping

ENTER = b"\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[H\x1b[2J"
"""Alternate screen, cursor hidden, no auto-wrap (a full last line must not scroll), cleared."""
LEAVE = b"\x1b[0m\x1b[?7h\x1b[?25h\x1b[?1049l"
"""Everything ``ENTER`` changed, put back."""
CLEAR = b"\x1b[0m\x1b[H\x1b[2J"
"""A clean screen (after a resize the terminal's reflowed old lines are not trusted)."""

KEYS: dict[bytes, str] = {
    b"\x1b[C": "next", b"\x1bOC": "next", b"\x1b[B": "next", b"\x1bOB": "next",
    b"\x1b[6~": "next", b" ": "next", b"n": "next", b"l": "next", b"j": "next",
    b"\x1b[D": "prev", b"\x1bOD": "prev", b"\x1b[A": "prev", b"\x1bOA": "prev",
    b"\x1b[5~": "prev", b"p": "prev", b"h": "prev", b"k": "prev", b"\x7f": "prev",
    b"\x1b[H": "first", b"\x1bOH": "first", b"\x1b[1~": "first", b"g": "first",
    b"\x1b[F": "last", b"\x1bOF": "last", b"\x1b[4~": "last", b"G": "last",
    b"\x1b": "follow", b"f": "follow",
    b"q": "leave", b"Q": "leave", b"\x03": "leave", b"\x04": "leave",
}  # fmt: skip
"""What a viewer's keys mean: browse (next, prev, first, last), follow the presenter, leave."""


def colour_system(term_type: str, environment: Mapping[str, str]) -> str | None:
    """The Rich colour system for a terminal: ``truecolor``, ``256``, ``standard`` or None.

    From ``COLORTERM`` and ``NO_COLOR`` when the client sent them, else from the
    terminal type of the pty request (``xterm-256color``, ``*-direct``, ``dumb``).
    """
    if environment.get("NO_COLOR"):
        return None
    if environment.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return "truecolor"
    term = term_type.lower()
    if term in ("", "dumb", "unknown"):
        return None
    if term.endswith("-direct") or "truecolor" in term or "24bit" in term:
        return "truecolor"
    if "256" in term:
        return "256"
    return "standard"


def read_keys(data: bytes) -> list[str]:
    """The viewer actions in one read of a terminal's input (unknown bytes are skipped).

    A lone Escape is "follow"; escape sequences for arrows and paging keys are
    read whole, in both their normal and application-mode forms.
    """
    actions: list[str] = []
    pos = 0
    while pos < len(data):
        if data[pos] == 0x1B and pos + 1 < len(data):
            end = _sequence_end(data, pos)
            action = KEYS.get(data[pos:end])
            pos = end
        else:
            action = KEYS.get(data[pos : pos + 1])
            pos += 1
        if action is not None:
            actions.append(action)
    return actions


def _sequence_end(data: bytes, pos: int) -> int:
    """Where the escape sequence starting at ``pos`` ends (CSI, SS3, or Esc and one byte)."""
    kind = data[pos + 1]
    if kind == 0x5B:  # CSI: parameters, then a final byte 0x40..0x7e
        end = pos + 2
        while end < len(data) and not 0x40 <= data[end] <= 0x7E:
            end += 1
        return min(end + 1, len(data))
    if kind == 0x4F:  # SS3: one more byte
        return min(pos + 3, len(data))
    if kind == 0x1B:  # Esc Esc: the first alone
        return pos + 1
    return pos + 2
