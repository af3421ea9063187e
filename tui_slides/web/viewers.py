"""Sending the talk's state to WebSocket viewers without ever waiting for one of them.

A change is one small text frame, framed once (``text_frame``) and written to
every viewer's transport in the same call that told the server of the change:
a write to a non-blocking socket never waits, and 500 such writes take a few
milliseconds, done before the presenter's own screen is redrawn in the same
loop (aiohttp's ``send_str`` would cost a task per viewer per change).

A viewer that does not read is "behind" once more than ``MAX_BACKLOG`` bytes
wait for it: it is then sent nothing until its backlog drains, and then only
the latest state (changes in between are skipped); if it stays behind for
``stall_timeout`` seconds it is dropped (its page reconnects by itself).

The frames are whole RFC 6455 frames, each one ``write``: aiohttp writes its
own frames (pings, the close) the same way, whole, so they never interleave
within a frame.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger("tui_slides.web")

MAX_BACKLOG = 64 * 1024
"""Bytes written to a viewer and not yet taken by it before it counts as behind."""
POLL = 0.05
"""Seconds between two looks at a viewer that is behind."""


def text_frame(text: str) -> bytes:
    """``text`` as one unmasked, final WebSocket text frame (server to client, RFC 6455 5.2)."""
    payload = text.encode("utf-8")
    size = len(payload)
    if size < 126:
        header = bytes((0x81, size))
    elif size < 1 << 16:
        header = bytes((0x81, 126)) + size.to_bytes(2, "big")
    else:
        header = bytes((0x81, 127)) + size.to_bytes(8, "big")
    return header + payload


class Viewer:
    """One WebSocket viewer's transport, and whether it is behind."""

    __slots__ = ("behind", "transport")

    def __init__(self, transport: asyncio.Transport) -> None:
        self.transport = transport
        self.behind: asyncio.Task[None] | None = None
        """While the viewer is behind: the task that waits for it to catch up, or drops it."""

    def offer(
        self, frame: Callable[[], bytes], stall_timeout: float, dropped: Callable[[], None]
    ) -> None:
        """Write the latest state now, or leave it to the catching-up task if behind."""
        if self.behind is not None or self.transport.is_closing():
            return
        if self.transport.get_write_buffer_size() <= MAX_BACKLOG:
            self.transport.write(frame())
            return
        self.behind = asyncio.get_running_loop().create_task(
            self._catch_up(frame, stall_timeout, dropped)
        )

    async def _catch_up(
        self, frame: Callable[[], bytes], stall_timeout: float, dropped: Callable[[], None]
    ) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + stall_timeout
        transport = self.transport
        while transport.get_write_buffer_size() > MAX_BACKLOG:
            if transport.is_closing():
                return
            if loop.time() >= deadline:
                log.info("dropped a viewer that took no updates for %.1f s", stall_timeout)
                dropped()
                transport.abort()
                return
            await asyncio.sleep(POLL)
        self.behind = None
        transport.write(frame())  # the latest state, whatever was skipped

    def close(self) -> None:
        """Forget the viewer: stop waiting for it."""
        if self.behind is not None:
            self.behind.cancel()
            self.behind = None
