"""The browser view's server: what viewers are sent, what they cannot do, and its bounds.

Real WebSockets on 127.0.0.1 (aiohttp's client, or a raw socket for a
viewer that never reads). Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
from html.parser import HTMLParser
from pathlib import Path

import aiohttp
import pytest

from tests.app_support import make_deck
from tests.web_support import CODE, options, serving, stepped_deck, until
from tui_slides.presenting.presentation import Presentation
from tui_slides.web.page import live_page
from tui_slides.web.server import MAX_MESSAGE, WebServer
from tui_slides.web.viewers import Viewer, text_frame

RECEIVE = 5.0
"""Seconds a test waits for a message that must come."""


async def receive(ws: aiohttp.ClientWebSocketResponse) -> dict[str, object]:
    data = await ws.receive_json(timeout=RECEIVE)
    assert isinstance(data, dict)
    return data


async def test_a_viewer_gets_the_state_on_joining_and_after_each_change() -> None:
    presentation = Presentation(make_deck(5), start=2)
    async with serving(presentation) as server, aiohttp.ClientSession() as session:
        async with session.ws_connect(server.url + "ws") as ws:
            first = await receive(ws)
            assert first == {"v": 1, "type": "state", "deck": first["deck"], "index": 2,
                             "step": 0, "total": 5, "blank": False}  # fmt: skip
            presentation.next()
            assert (await receive(ws))["index"] == 3
            presentation.set_blank(True)
            assert (await receive(ws))["blank"] is True
            presentation.search("Body")  # not a change of what is shown: nothing is sent
            presentation.set_blank(False)
            assert (await receive(ws))["blank"] is False
            assert server.viewers and len(server.viewers) == 1
        await until(lambda: not server.viewers)


def place(state: dict[str, object]) -> tuple[object, object]:
    """A state message's slide index and reveal step."""
    return state["index"], state["step"]


async def test_each_step_is_a_state_and_a_slide_change_one_message(tmp_path: Path) -> None:
    presentation = Presentation(stepped_deck(tmp_path))
    async with serving(presentation) as server, aiohttp.ClientSession() as session:
        async with session.ws_connect(server.url + "ws") as ws:
            assert place(await receive(ws)) == (0, 0)
            moves = [(presentation.next, (0, 1)), (presentation.next, (0, 2))]
            moves += [(presentation.next, (1, 0)), (presentation.next, (1, 1))]
            moves += [(presentation.previous, (1, 0)), (presentation.previous, (0, 2))]
            for move, expected in moves:
                move()
                assert place(await receive(ws)) == expected
            presentation.set_blank(True)  # the next message: no repeat of the last state
            assert (await receive(ws))["blank"] is True


class Steps(HTMLParser):
    """Each piece of text of a page, and the step it appears at (its innermost ``data-step``)."""

    VOID = frozenset(("br", "img", "meta", "link", "input", "hr", "source", "wbr"))

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[int] = [0]
        self.texts: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            step = dict(attrs).get("data-step")
            self.stack.append(int(step) if step is not None else self.stack[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts[data.strip()] = self.stack[-1]


def test_the_live_page_marks_the_step_each_piece_appears_at(tmp_path: Path) -> None:
    steps = Steps()
    steps.feed(live_page(stepped_deck(tmp_path)).html.decode())
    expected = {"Alpha": 0, "Bravo": 1, "Charlie": 2, "Second slide": 0, "Delta appears": 1}
    expected |= {"Echo": 0, "Foxtrot": 1, "Letters": 0, "Four": 0, "Intro line": 1, "Golf": 1}
    expected |= {"Between golf and hotel": 1, "Hotel": 2, "After all": 2}  # with the item before
    assert {text: steps.texts[text] for text in expected} == expected


async def test_viewers_cannot_drive_the_talk() -> None:
    presentation = Presentation(make_deck(5))
    async with serving(presentation) as server, aiohttp.ClientSession() as session:
        async with session.ws_connect(server.url + "ws") as ws:
            await receive(ws)
            for text in ("next", '{"type": "command", "command": "next"}', "n", "\x1b[C"):
                await ws.send_str(text)
            await ws.send_bytes(b"\x00" * 100)
            presentation.go_to(1)  # only the presenter moves the talk
            assert (await receive(ws))["index"] == 1
            assert presentation.index == 1 and not presentation.blank
            await ws.send_str("x" * (MAX_MESSAGE + 1))  # too large: the viewer is closed
            closing = await ws.receive(timeout=RECEIVE)
            assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            assert ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
        await until(lambda: not server.viewers)
        assert presentation.index == 1


async def test_the_number_of_viewers_is_bounded() -> None:
    async with serving(Presentation(make_deck(2)), max_viewers=2) as server:
        async with aiohttp.ClientSession() as session:
            first = await session.ws_connect(server.url + "ws")
            second = await session.ws_connect(server.url + "ws")
            with pytest.raises(aiohttp.WSServerHandshakeError) as full:
                await session.ws_connect(server.url + "ws")
            assert full.value.status == 503
            await first.close()
            await until(lambda: len(server.viewers) == 1)
            third = await session.ws_connect(server.url + "ws")  # room again
            assert (await receive(third))["index"] == 0
            await second.close()
            await third.close()


def raw_viewer(host: str, port: int) -> socket.socket:
    """A WebSocket viewer that joins and then never reads: its buffers fill and stay full."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    sock.connect((host, port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        f"GET /c/{CODE}/ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        .encode()
    )  # fmt: skip
    return sock


def viewer_of(server: WebServer, sock: socket.socket) -> Viewer:
    """The server's side of the raw viewer ``sock``."""
    local = sock.getsockname()
    (viewer,) = [v for v in server.viewers if v.transport.get_extra_info("peername") == local]
    return viewer


async def test_a_stalled_viewer_is_dropped_and_never_holds_up_the_others() -> None:
    presentation = Presentation(make_deck(3))
    async with serving(presentation, stall_timeout=0.5) as server:
        host, port = server.address
        stalled = raw_viewer(host, port)
        try:
            async with aiohttp.ClientSession() as session:
                async with session.ws_connect(server.url + "ws") as ws:
                    await until(lambda: len(server.viewers) == 2)
                    await receive(ws)
                    viewer = viewer_of(server, stalled)
                    # What a viewer that never reads has left unread after a long while:
                    # its socket buffers full, a backlog over the bound (one big frame).
                    viewer.transport.write(text_frame("x" * (16 << 20)))
                    presentation.go_to(1)
                    assert (await receive(ws))["index"] == 1  # the other viewer is not held up
                    assert viewer.behind is not None and server.dropped == 0
                    presentation.go_to(2)
                    assert (await receive(ws))["index"] == 2
                    await until(lambda: server.dropped == 1, timeout=5)
                    await until(lambda: len(server.viewers) == 1)
                    presentation.go_to(0)
                    assert (await receive(ws))["index"] == 0
        finally:
            stalled.close()


def read_frames(sock: socket.socket, until_index: int, timeout: float = RECEIVE) -> list[dict]:
    """Read the raw viewer's frames (after the handshake) until one names ``until_index``."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    data = data.split(b"\r\n\r\n", 1)[1]
    states: list[dict] = []
    while not states or states[-1]["index"] != until_index:
        while len(data) < 2 or len(data) < 2 + (data[1] & 0x7F):
            chunk = sock.recv(65536)
            assert chunk, "closed"
            data += chunk
        size = data[1] & 0x7F
        assert data[0] == 0x81 and size < 126  # the server's small text frames
        states.append(json.loads(data[2 : 2 + size]))
        data = data[2 + size :]
    return states


async def test_a_viewer_behind_gets_only_the_latest_state_once_it_reads() -> None:
    presentation = Presentation(make_deck(3))
    async with serving(presentation, stall_timeout=30) as server:
        host, port = server.address
        behind = raw_viewer(host, port)
        try:
            await until(lambda: len(server.viewers) == 1)
            (viewer,) = server.viewers
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 30
            changes = 0
            while viewer.behind is None:  # until its buffers are full
                assert loop.time() < deadline
                presentation.go_to(changes % 2)
                changes += 1
                await asyncio.sleep(0)
            for _ in range(1000):  # skipped: it is behind
                presentation.go_to(1 - presentation.index)
            presentation.go_to(2)
            states = await loop.run_in_executor(None, read_frames, behind, 2)
            assert states[-1]["index"] == 2  # caught up: the latest state
            assert len(states) < changes + 1000  # the changes made while behind were skipped
            assert viewer.behind is None and server.dropped == 0
        finally:
            behind.close()


async def test_a_reload_gives_a_new_page_and_says_so() -> None:
    presentation = Presentation(make_deck(3))
    async with serving(presentation) as server, aiohttp.ClientSession() as session:
        async with session.ws_connect(server.url + "ws") as ws:
            old = (await receive(ws))["deck"]
            presentation.go_to(2)
            await receive(ws)
            presentation.reload(make_deck(7))
            new = await receive(ws)
            assert new["deck"] != old and new["total"] == 7 and new["index"] == 2
            async with session.get(server.url) as response:
                page = await response.text()
            assert page.count("<section") == 7
            assert f'<meta name="tui-slides-deck" content="{new["deck"]}">' in page


async def test_a_deck_that_cannot_be_rendered_is_a_503_not_a_hang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tui_slides.web.server as server_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(server_module, "live_page", broken)
    server = WebServer(Presentation(make_deck(2)), options())
    await server.start()
    try:
        async with aiohttp.ClientSession() as session, session.get(server.url) as response:
            assert response.status == 503
            assert "Title" not in await response.text()
        assert server.message == ""
    finally:
        await server.stop()


@pytest.mark.parametrize("size", [0, 125, 126, 65535, 65536])
def test_state_frames_are_whole_websocket_text_frames(size: int) -> None:
    frame = text_frame("x" * size)
    assert frame[0] == 0x81  # final, text, unmasked (server to client)
    if size < 126:
        header = bytes([0x81, size])
    elif size < 65536:
        header = bytes([0x81, 126]) + size.to_bytes(2, "big")
    else:
        header = bytes([0x81, 127]) + size.to_bytes(8, "big")
    assert frame == header + b"x" * size
