"""The presenter's side of the console: a Unix socket server that shares a ``Presentation``.

Each console that joins gets the whole talk at once (a ``State``), then every
event as it happens; what it sends back are ``Command``s, applied to the
presentation. A console can never hold the presenter up: nothing waits for a
console's writes; one that stops reading is dropped once ``MAX_BUFFER`` bytes
wait for it, and one that floods gets ``MAX_COMMANDS`` a read at most.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui_slides.presenting.events import Event, SlideChanged
from tui_slides.presenting.protocol import Command, LineSplitter, State, decode, encode

if TYPE_CHECKING:
    from tui_slides.presenting.presentation import Presentation

log = logging.getLogger("tui_slides.console")

MAX_BUFFER = 256 * 1024
"""Bytes that may wait for a console that does not read; past that it is dropped."""
MAX_COMMANDS = 32
"""Commands taken from one read of a console (a person sends one a key)."""
READ_SIZE = 64 * 1024

Schedule = Callable[[Callable[[], object]], object]
"""Runs a function soon, where the presentation's views expect changes (the app's queue)."""


def apply(presentation: Presentation, command: Command, reload: Callable[[], object]) -> None:
    """Do what ``command`` asks of ``presentation`` (``reload`` reads the deck again).

    As in the presenter, any key but ``a`` (``advance_resume``) pauses the automatic
    advance (``--advance``), and ``a`` resumes it.
    """
    name = command.name
    clock = presentation.clock
    if name == "advance_resume":
        presentation.resume_advance()
        return
    presentation.pause_advance()
    if name == "go_to":
        presentation.go_to(command.index)
    elif name in ("blank", "toggle_blank"):
        presentation.set_blank(not presentation.blank if name == "toggle_blank" else True)
    elif name == "reload":
        reload()
    elif name == "clock_toggle":
        if not clock.started:
            presentation.start_clock()
        elif clock.paused:
            presentation.resume_clock()
        else:
            presentation.pause_clock()
    elif name == "clock_reset":
        presentation.reset_clock()
    elif name == "clock_start":
        presentation.start_clock()
    elif name == "clock_pause":
        presentation.pause_clock()
    elif name == "clock_resume":
        presentation.resume_clock()
    elif name == "escape":  # as on the presenter: Esc ends a blank, else cancels
        if presentation.blank:
            presentation.set_blank(False)
        else:
            presentation.cancel()
    else:  # a navigation key (moves the slides behind a blank screen too)
        presentation.key(name)


class ConsoleServer:
    """Shares ``presentation`` on the Unix socket ``path`` (see ``rendezvous``)."""

    def __init__(
        self,
        presentation: Presentation,
        path: Path,
        *,
        deck: str,
        name: str,
        duration: float | None = None,
        schedule: Schedule | None = None,
        reload: Callable[[], object] | None = None,
    ) -> None:
        """``deck``: the deck's path, for the console to read; ``name``: the talk's listed name."""
        self.presentation = presentation
        self.path = path
        self.deck = deck
        self.name = name
        self.duration = duration
        self._schedule = schedule
        self._reload = reload or (lambda: None)
        self._server: asyncio.AbstractServer | None = None
        self._peers: set[asyncio.StreamWriter] = set()
        self._unsubscribe: Callable[[], None] | None = None

    @property
    def consoles(self) -> int:
        """How many consoles are joined now."""
        return len(self._peers)

    async def start(self) -> None:
        """Listen (the socket made with mode 0600), and follow the presentation."""
        old = os.umask(0o177)
        try:
            self._server = await asyncio.start_unix_server(
                self._serve, path=os.fspath(self.path), limit=READ_SIZE
            )
        finally:
            os.umask(old)
        self.path.chmod(0o600)
        self._unsubscribe = self.presentation.subscribe(self._on_event)

    def close(self) -> None:
        """Stop listening, let every console go, and remove the socket."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._server is not None:
            self._server.close()
            self._server = None
            with contextlib.suppress(OSError):
                self.path.unlink()
        for writer in list(self._peers):
            self._drop(writer)

    def state(self) -> State:
        """The whole talk now, as a joining console gets it."""
        talk = self.presentation
        clock = talk.clock
        return State(
            {
                "deck": self.deck,
                "name": self.name,
                "pid": os.getpid(),
                "index": talk.index,
                "step": talk.step,
                "total": talk.total,
                "blank": talk.blank,
                "typed": talk.typed,
                "problem": talk.problem,
                "started": clock.started,
                "paused": clock.paused,
                "elapsed": clock.elapsed,
                "duration": self.duration,
                "loop": talk.loop,
                "advance": talk.advance,
                "advance_seconds": talk.advance_seconds,
            }
        )

    # -- to the consoles ---------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if self._peers:
            self._broadcast(encode(event))
        if type(event) is SlideChanged and not self.presentation.clock.started:
            self._soon(self.presentation.start_clock)  # the talk's clock starts as it moves on

    def _broadcast(self, line: bytes) -> None:
        for writer in list(self._peers):
            self._send(writer, line)

    def _send(self, writer: asyncio.StreamWriter, line: bytes) -> None:
        if writer.transport.is_closing():
            self._drop(writer)
            return
        writer.write(line)
        if writer.transport.get_write_buffer_size() > MAX_BUFFER:
            log.warning("dropped a console that stopped reading")
            self._drop(writer)

    def _drop(self, writer: asyncio.StreamWriter) -> None:
        self._peers.discard(writer)
        writer.transport.abort()

    def _soon(self, function: Callable[[], object]) -> None:
        if self._schedule is not None:
            self._schedule(function)
        else:
            asyncio.get_running_loop().call_soon(function)

    # -- from a console ----------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._peers.add(writer)
        self._send(writer, encode(self.state()))
        splitter = LineSplitter()
        try:
            while writer in self._peers:
                data = await reader.read(READ_SIZE)
                if not data:
                    break
                taken = 0
                for line in splitter.feed(data):
                    message = decode(line)
                    if message is None:
                        continue
                    if not isinstance(message, Command):
                        log.warning("dropped a console message: not a command")
                    elif taken < MAX_COMMANDS:
                        taken += 1
                        self._soon(
                            functools.partial(apply, self.presentation, message, self._reload)
                        )
                    elif taken == MAX_COMMANDS:
                        taken += 1
                        log.warning("a console sent too many commands at once: kept %d",
                                    MAX_COMMANDS)  # fmt: skip
                await asyncio.sleep(0)  # the presenter's own work comes first
        except (ConnectionError, OSError):
            pass
        except asyncio.CancelledError:  # the loop ends: Python 3.11's server logs a re-raise
            pass
        finally:
            self._drop(writer)
