"""One audience terminal over SSH: an asyncssh session that only shows slides.

It shows a shell with a pty and nothing else: a command (``ssh host cmd``) is
run nowhere, only told how to join and closed; subsystem requests (SFTP
included) are refused, and a shell without a pty is told why and closed.
What it shows is the ``ShareServer``'s business; a viewer holds its terminal
(size, colours), whether it follows the presenter, and what it was last sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import asyncssh

from tui_slides.share.frames import Line
from tui_slides.share.screen import ScreenKey
from tui_slides.share.terminal import LEAVE, colour_system, read_keys

if TYPE_CHECKING:
    from tui_slides.share.server import ShareServer

log = logging.getLogger("tui_slides.share")

NO_PTY = "tui-slides: this talk needs a terminal (no -T); join it with: {0}\r\n"
"""What a session without a pty reads before it is closed (the join command)."""
NO_COMMANDS = "tui-slides: this talk runs no commands; join it with: {0}\r\n"
"""What a session asking to run a command reads before it is closed (the join command)."""
FULL = "tui-slides: this talk has its {0} viewers already; try again later.\r\n"
"""What a viewer beyond ``--ssh-max-viewers`` reads before it is closed."""
HIGH_WATER = 64 * 1024
"""Bytes a viewer may have waiting to go out before it is sent nothing more (latest wins)."""
MIN_SIZE = (10, 2)
"""The smallest terminal drawn for (columns, rows); a smaller one gets a cropped frame."""
RESIZE_SETTLE = 0.05
"""Seconds a new terminal size must last before it is drawn for (a dragged window sends dozens)."""
MAX_SIZE = (400, 150)
"""The largest drawn for: a client claiming a larger terminal gets this (frames cost memory)."""


class Viewer(asyncssh.SSHServerSession[bytes]):
    """An audience member's terminal: its session, its size, and where it is in the talk."""

    def __init__(self, server: ShareServer, peer: str) -> None:
        """A session of ``server``'s, from address ``peer``."""
        self.server = server
        self.peer = peer
        self.chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.term_type = ""
        self.size = (80, 24)
        """(columns, rows) of the terminal."""
        self.colours: str | None = None
        """The Rich colour system the terminal gets (``terminal.colour_system``)."""
        self.has_pty = False
        self.command: str | None = None
        """The command the client asked to run (``ssh host cmd``): never run, answered."""
        self.joined = False
        """True once shown the talk (counted among the viewers)."""
        self.browsing: int | None = None
        """The 0-based slide this viewer browses on its own, or None when it follows."""
        self.sent_key: ScreenKey = None
        """The screen the terminal shows (None: nothing of ours yet: cleared first)."""
        self.sent: Sequence[Line] | None = None
        self.paused = False
        """True while the channel holds more than ``HIGH_WATER`` unsent bytes."""
        self.bytes_sent = 0
        """Every byte written to this viewer (for the share panel and benchmarks)."""
        self._stall: asyncio.TimerHandle | None = None
        self._redraw: asyncio.TimerHandle | None = None

    # -- the session, as asyncssh drives it ----------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Mapping[int, int]
    ) -> bool:
        self.has_pty = True
        self.term_type = term_type
        self._resize(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        """Taken only to answer it: audiences run nothing here (``ssh host cmd``, scp).

        OpenSSH says no more than "exec request failed" of a refused one; this
        session instead tells how to join, then ends with status 1.
        """
        log.info("refused exec from %s", self.peer)
        self.server.refusals.append("exec")
        self.command = command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        """Refused: no SFTP or any other subsystem."""
        log.info("refused subsystem from %s", self.peer)
        self.server.refusals.append("subsystem")
        return False

    def break_received(self, msec: int) -> bool:
        return False

    def session_started(self) -> None:
        chan = self.chan
        assert chan is not None
        if self.command is not None:  # nothing is run: the way in, then the door closes
            chan.write_stderr(NO_COMMANDS.format(self.server.command).encode())
            chan.exit(1)
            return
        if not self.has_pty:
            self.server.refusals.append("no pty")
            chan.write(NO_PTY.format(self.server.command).encode())
            chan.exit(1)
            return
        environment = chan.get_environment()
        self.colours = colour_system(self.term_type, environment)
        chan.set_write_buffer_limits(high=HIGH_WATER)
        if not self.server.join(self):
            chan.write(FULL.format(self.server.options.max_viewers).encode())
            chan.exit(1)

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        for action in read_keys(data):
            if action == "leave":
                self.leave()
                return
            self.server.viewer_key(self, action)

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if self._resize(width, height) and self.joined:
            self.sent_key, self.sent = None, None  # the terminal reflowed its lines: start clean
            if self._redraw is not None:  # a window dragged: draw the size it stops at
                self._redraw.cancel()
            loop = asyncio.get_running_loop()
            self._redraw = loop.call_later(RESIZE_SETTLE, self._redrawn)

    def _redrawn(self) -> None:
        self._redraw = None
        if self.joined:
            self.server.refresh(self)

    def _resize(self, width: int, height: int) -> bool:
        columns = min(MAX_SIZE[0], max(MIN_SIZE[0], width or 80))
        size = (columns, min(MAX_SIZE[1], max(MIN_SIZE[1], height or 24)))
        changed = size != self.size
        self.size = size
        return changed

    def eof_received(self) -> bool:
        self.leave()
        return False

    def pause_writing(self) -> None:
        self.paused = True
        if self._stall is None:
            loop = asyncio.get_running_loop()
            self._stall = loop.call_later(self.server.options.stall_timeout, self._stalled)

    def resume_writing(self) -> None:
        self.paused = False
        if self._stall is not None:
            self._stall.cancel()
            self._stall = None
        if self.joined:
            self.server.refresh(self)  # the latest screen: whatever came between is skipped

    def connection_lost(self, exc: Exception | None) -> None:
        for timer in (self._stall, self._redraw):
            if timer is not None:
                timer.cancel()
        self._stall = self._redraw = None
        self.server.part(self)

    # -- what the server does with it ----------------------------------------------------

    def write(self, data: bytes) -> None:
        """Send ``data`` (nothing once the channel is closing)."""
        chan = self.chan
        if chan is not None and not chan.is_closing():
            chan.write(data)
            self.bytes_sent += len(data)

    def leave(self) -> None:
        """Put the terminal back as it was and close the session."""
        chan = self.chan
        if chan is None or chan.is_closing():
            return
        if self.joined:
            chan.write(LEAVE)
        chan.exit(0)

    def _stalled(self) -> None:
        """Nothing could be sent for ``stall_timeout`` seconds: drop the viewer's connection.

        (The whole connection: what it holds unsent is freed at once.)
        """
        self._stall = None
        log.info("dropped stalled viewer %s", self.peer)
        self.server.refusals.append("stalled")
        chan = self.chan
        if chan is not None:
            chan.get_connection().abort()
