"""The console's side of the socket: join a presentation, follow it, and join it again.

``ConsoleLink.run`` connects, hands every valid message to ``on_message``,
and when the presenter goes away says so (``on_status``) and tries again, a
little later each time up to ``MAX_DELAY``, until it is back (the same socket,
or a new presenter of the same talk) or the console ends.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path

from tui_slides.presenting import rendezvous
from tui_slides.presenting.protocol import Command, LineSplitter, Message, decode, encode

DELAYS = (0.05, 0.1, 0.2, 0.5, 1.0)
"""Seconds between tries to join again; the last repeats (``MAX_DELAY``)."""
MAX_DELAY = DELAYS[-1]


def candidates(path: Path, name: str) -> list[Path]:
    """Where to look for the talk: ``path`` first, then the newest talks called ``name``."""
    found = [path]
    with contextlib.suppress(rendezvous.UnsafeFolder, OSError):
        others = [listing.path for listing in rendezvous.running() if listing.name == name]
        found += [other for other in reversed(others) if other != path]
    return found


class ConsoleLink:
    """One console's connection to the talk listening at ``path`` (the talk ``name``)."""

    def __init__(
        self,
        path: Path,
        name: str,
        on_message: Callable[[Message], None],
        on_status: Callable[[bool], None],
    ) -> None:
        self.path = path
        self.name = name
        self._on_message = on_message
        self._on_status = on_status
        self._writer: asyncio.StreamWriter | None = None
        self.connected = False

    def send(self, command: Command) -> bool:
        """Send ``command`` to the presenter; False when not joined now."""
        writer = self._writer
        if writer is None or writer.transport.is_closing():
            return False
        writer.write(encode(command))
        return True

    async def run(self) -> None:
        """Join, follow, and join again whenever the presenter is lost (until cancelled)."""
        failures = 0
        while True:
            joined = False
            for path in candidates(self.path, self.name):
                try:
                    reader, writer = await asyncio.open_unix_connection(str(path))
                except OSError:
                    continue
                self.path, joined = path, True
                failures = 0
                await self._follow(reader, writer)
                break
            if not joined:
                await asyncio.sleep(DELAYS[min(failures, len(DELAYS) - 1)])
                failures += 1

    async def _follow(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writer = writer
        self.connected = True
        self._on_status(True)
        splitter = LineSplitter()
        ended = False
        try:
            while True:
                data = await reader.read(64 * 1024)
                if not data:
                    break
                for line in splitter.feed(data):
                    message = decode(line)
                    if message is not None:
                        self._on_message(message)
        except (ConnectionError, OSError):
            pass
        except asyncio.CancelledError:  # the console ends: nobody to tell
            ended = True
            raise
        finally:
            self._writer = None
            self.connected = False
            writer.close()
            if not ended:
                self._on_status(False)
