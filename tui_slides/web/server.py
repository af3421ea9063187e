"""The talk served to browsers: ``WebServer`` follows a ``Presentation`` over WebSockets (aiohttp).

It runs in the event loop already running (the presenter's Textual loop): no
thread and no process of its own. Routes, and nothing else (404):

- ``/c/CODE/`` or ``/?code=CODE``: the live page (``web.page``); ``/`` alone with
  ``--http-auth none``. A wrong or missing code is 403, with no deck content.
- ``ws`` beside the page (``/c/CODE/ws``, ``/ws?code=CODE``): the WebSocket. The
  server sends one small state message (slide index, reveal step, blank) on
  joining and after every change; what viewers send is read and dropped.

A slow viewer never delays the presenter: a change is framed once and
written to each viewer's socket without waiting; a viewer that does not read
gets only the latest state once it catches up, and is dropped if it stays
behind for ``stall_timeout`` (``web.viewers``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import WSMsgType, web

from tui_slides.presenting.events import (
    BlankChanged,
    DeckReloaded,
    Event,
    SlideChanged,
    StepChanged,
)
from tui_slides.share.auth import code_matches
from tui_slides.share.options import bind
from tui_slides.web.page import (
    CONTENT_SECURITY_POLICY,
    LivePage,
    content_security_policy,
    live_page,
    state_message,
)
from tui_slides.web.viewers import Viewer, text_frame

if TYPE_CHECKING:
    from tui_slides.presenting.presentation import Presentation
    from tui_slides.web.options import WebOptions

log = logging.getLogger("tui_slides.web")

MAX_REQUEST = 1024
"""The largest request body read, in bytes (the page and the socket take none)."""
MAX_MESSAGE = 1024
"""The largest WebSocket message a viewer may send (it is dropped anyway); larger closes it."""
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
"""On every response, refusals and 404s included."""
FORBIDDEN = "403: this talk needs its access code in the address (ask the presenter)\n"
FULL = "503: the talk has as many viewers as it takes; try again shortly\n"
NOT_RENDERED = "503: the slides could not be made into a page\n"
RENDER_WAIT = 30.0
"""Seconds a request waits for the page to be rendered before it is told to come back."""


class WebServer:
    """Serves one ``Presentation`` to browsers; ``start`` it in a running event loop."""

    def __init__(
        self,
        presentation: Presentation,
        options: WebOptions,
        *,
        theme: str | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        """Serve ``presentation`` as ``options`` say; ``theme`` (``--theme``) as in the export.

        ``on_change`` is called whenever viewers join or leave (the audience count).
        """
        self.presentation = presentation
        self.options = options
        self.theme = theme
        self.viewers: set[Viewer] = set()
        """The WebSocket viewers connected now."""
        self.dropped = 0
        """Viewers dropped for being too slow to take their updates."""
        self.started = False
        """True once the server listens (``url`` is then what browsers open)."""
        self._on_change = on_change
        self._page: asyncio.Future[LivePage | None] | None = None
        self.message = ""
        """The state message every viewer is sent now ("" until the page is rendered)."""
        self.frame = b""
        """``message`` as a WebSocket frame (``web.viewers.text_frame``), framed once."""
        self._runner: web.AppRunner | None = None
        self._site: web.SockSite | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._render_task: asyncio.Task[None] | None = None
        self._address: tuple[str, int] | None = None

    # -- starting and stopping -----------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        """The host and port served (the port chosen once started, if 0 was asked)."""
        if self._address is not None:
            return self._address
        sock = self.options.sock
        if sock is not None and sock.fileno() != -1:
            name = sock.getsockname()
            return str(name[0]), int(name[1])
        return self.options.host, self.options.port

    @property
    def page(self) -> LivePage | None:
        """The live page served now (None until it is first rendered)."""
        page = self._page
        return page.result() if page is not None and page.done() else None

    @property
    def url(self) -> str:
        """The address to open in a browser, access code included."""
        host, port = self.address
        if host in ("0.0.0.0", "::"):
            host = _lan_address() or "HOST"
        shown = f"[{host}]" if ":" in host else host
        base = f"http://{shown}:{port}/"
        return f"{base}c/{self.options.code}/" if self.options.auth == "code" else base

    async def start(self) -> None:
        """Render the page, listen for viewers and follow the presentation."""
        sock = self.options.sock
        if sock is None:
            sock = bind(self.options.host, self.options.port, backlog=1024)
            self.options = replace(self.options, sock=sock)
        name = sock.getsockname()
        self._address = (str(name[0]), int(name[1]))  # kept: said the same once stopped
        loop = asyncio.get_running_loop()
        self._page = loop.create_future()
        self._unsubscribe = self.presentation.subscribe(self._on_event)
        self._render_task = asyncio.create_task(self._render())
        app = web.Application(client_max_size=MAX_REQUEST, handler_args={"max_field_size": 8190})
        app.on_response_prepare.append(_secure)
        code = "{code:[^/]{1,64}}"
        if self.options.auth == "code":
            app.router.add_get("/", self._page_by_query)
            app.router.add_get("/ws", self._socket_by_query)
            app.router.add_get(f"/c/{code}/", self._page_by_path)
            app.router.add_get(f"/c/{code}", self._slash)
            app.router.add_get(f"/c/{code}/ws", self._socket_by_path)
        else:
            app.router.add_get("/", self._serve_page)
            app.router.add_get("/ws", self._serve_socket)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await self._runner.setup()
        self._site = web.SockSite(self._runner, sock)
        await self._site.start()
        self.started = True

    async def stop(self) -> None:
        """Close every viewer's socket and stop listening."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._render_task is not None:
            self._render_task.cancel()
        for viewer in list(self.viewers):
            viewer.transport.abort()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        sock = self.options.sock
        if sock is not None:
            sock.close()
        self.started = False

    # -- the page ------------------------------------------------------------------------

    async def _render(self) -> None:
        """Render the live page of the current deck (in a thread: a large deck takes a while)."""
        deck = self.presentation.deck
        folder = str(Path(deck.source).parent) if deck.source else "."
        try:
            page = await asyncio.to_thread(live_page, deck, theme=self.theme, out_dir=folder)
        except Exception:  # a bug in rendering must not end the talk
            log.exception("could not render the live page")
            if self._page is not None and not self._page.done():
                self._page.set_result(None)  # no page yet: said to browsers (503)
            return  # else the last page stays, with its state
        if deck is not self.presentation.deck:
            return  # reloaded meanwhile: that reload renders again
        if self._page is None or self._page.done():
            self._page = asyncio.get_running_loop().create_future()
        self._page.set_result(page)
        self._changed()

    def _on_event(self, event: Event) -> None:
        """Follow the presentation: a new slide, step or blank is a new state; a reload a new
        page."""
        kind = type(event)
        if kind is SlideChanged or kind is StepChanged or kind is BlankChanged:
            self._changed()
        elif kind is DeckReloaded:
            if self._render_task is not None:
                self._render_task.cancel()
            self._render_task = asyncio.get_running_loop().create_task(self._render())

    def _changed(self) -> None:
        """Make the state message once and write it to every viewer: nothing here waits."""
        shown = self.page
        if shown is None:
            return  # the page is being rendered (or could not be): no state without it
        p = self.presentation
        message = state_message(shown.deck_id, p.index, shown.total, p.blank, p.step)
        if message == self.message:
            return  # a slide change and its step, told apart: one state, sent once
        self.message = message
        self.frame = text_frame(message)
        timeout = self.options.stall_timeout
        for viewer in self.viewers:
            viewer.offer(self._latest, timeout, self._dropped)

    # -- handlers ------------------------------------------------------------------------

    def _allowed(self, code: str | None) -> bool:
        return code is not None and code_matches(code, self.options.code)

    async def _page_by_query(self, request: web.Request) -> web.StreamResponse:
        if not self._allowed(request.query.get("code")):
            return _forbidden()
        return await self._serve_page(request)

    async def _page_by_path(self, request: web.Request) -> web.StreamResponse:
        if not self._allowed(request.match_info["code"]) or request.query_string:
            return _forbidden()
        return await self._serve_page(request)

    async def _slash(self, request: web.Request) -> web.StreamResponse:
        if not self._allowed(request.match_info["code"]):
            return _forbidden()
        raise web.HTTPFound(f"{self.options.code}/")  # relative: also under a proxy's path

    async def _socket_by_query(self, request: web.Request) -> web.StreamResponse:
        if not self._allowed(request.query.get("code")):
            return _forbidden()
        return await self._serve_socket(request)

    async def _socket_by_path(self, request: web.Request) -> web.StreamResponse:
        if not self._allowed(request.match_info["code"]):
            return _forbidden()
        return await self._serve_socket(request)

    async def _serve_page(self, request: web.Request) -> web.StreamResponse:
        assert self._page is not None  # started
        try:
            page = await asyncio.wait_for(asyncio.shield(self._page), RENDER_WAIT)
        except asyncio.TimeoutError:
            page = None
        if page is None:
            return web.Response(status=503, text=NOT_RENDERED)
        headers = {
            "Content-Type": "text/html; charset=utf-8",
            "Vary": "Accept-Encoding",
            "Content-Security-Policy": content_security_policy(request.host),
        }
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return web.Response(body=page.gzipped, headers=headers)
        return web.Response(body=page.html, headers=headers)

    async def _serve_socket(self, request: web.Request) -> web.StreamResponse:
        if len(self.viewers) >= self.options.max_viewers:
            return web.Response(status=503, text=FULL)
        transport = request.transport
        if transport is None:  # the client has gone already
            return web.Response(status=400)
        socket = web.WebSocketResponse(
            max_msg_size=MAX_MESSAGE, heartbeat=self.options.heartbeat, compress=False
        )
        await socket.prepare(request)
        viewer = Viewer(transport)
        self.viewers.add(viewer)
        self._told()
        if self.frame:
            viewer.offer(self._latest, self.options.stall_timeout, self._dropped)
        try:
            async for message in socket:  # read and dropped: viewers cannot drive the talk
                if message.type is WSMsgType.ERROR:
                    break
        finally:
            viewer.close()
            self.viewers.discard(viewer)
            self._told()
        return socket

    def _latest(self) -> bytes:
        return self.frame

    def _dropped(self) -> None:
        self.dropped += 1

    def _told(self) -> None:
        if self._on_change is not None:
            self._on_change()


def _forbidden() -> web.Response:
    return web.Response(status=403, text=FORBIDDEN)


async def _secure(request: web.Request, response: web.StreamResponse) -> None:
    """Every response: the Content-Security-Policy and the other headers (``SECURITY_HEADERS``)."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)


def _lan_address() -> str | None:
    """This machine's address on its network (no packet is sent), for the URL shown."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routing is looked up, nothing is sent
        return str(probe.getsockname()[0])
    return None
