"""Helpers for the browser view's tests: a served presentation, and Debian's chromium."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Deck
from tui_slides.presenting.presentation import Presentation
from tui_slides.web.options import WebOptions, bind
from tui_slides.web.server import WebServer

CODE = "k7m2-x9qp"
"""The access code the tests serve with."""
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TIMEOUT_MS = 5000
"""How long a browser check waits for the page to show what is expected."""
STEPPED = """[
  {name: 'one', content: [{title: 'Letters', reveal: 'items',
                           text: "- Alpha\\n- Bravo\\n- Charlie"}]},
  {name: 'two', content: [{text: 'Second slide'}, {pause: true, text: 'Delta appears'}]},
  {name: 'three', content: [{reveal: 'items', text: "- Echo\\n- Foxtrot"}]},
  {name: 'four', content: [{text: 'Four'}, {pause: true, reveal: 'items',
    text: "Intro line\\n\\n- Golf\\n\\nBetween golf and hotel\\n\\n- Hotel\\n\\nAfter all"}]},
]"""
"""Four slides with reveal steps: three (items), two (a pause), two (items), three (a pause,
then items with text between them)."""


def stepped_deck(folder: Path) -> Deck:
    """``STEPPED``, loaded from a file in ``folder``."""
    path = folder / "steps.json5"
    path.write_text(STEPPED)
    return load_deck(path)


def options(port: int = 0, **fields: Any) -> WebOptions:
    """Options on 127.0.0.1 with the tests' code, the port bound (0: any free one)."""
    fields.setdefault("code", CODE)
    return WebOptions(host="127.0.0.1", port=port, sock=bind("127.0.0.1", port), **fields)


@asynccontextmanager
async def serving(presentation: Presentation, **fields: Any) -> AsyncIterator[WebServer]:
    """``presentation`` served on a free port of 127.0.0.1, its page rendered."""
    server = WebServer(presentation, options(**fields))
    await server.start()
    try:
        await page_ready(server)
        yield server
    finally:
        await server.stop()


async def page_ready(server: WebServer) -> None:
    """Wait (bounded) until the server has rendered its page."""
    await until(lambda: bool(server.message))


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait until ``condition()`` holds; fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.01)


@asynccontextmanager
async def browser() -> AsyncIterator[Any]:
    """Debian's chromium, headless, driven by Playwright's asyncio API (no browser download)."""
    from playwright.async_api import async_playwright

    assert CHROMIUM is not None
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, timeout=30_000
        )
        try:
            yield chromium
        finally:
            await chromium.close()


class Watched:
    """A page and what it did: dialogs opened, console errors, uncaught errors, URLs asked."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self._tasks: set[asyncio.Future[Any]] = set()
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        task = asyncio.ensure_future(dialog.dismiss())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)


async def open_live(chromium: Any, url: str) -> Watched:
    """``url`` in a new page, watched, once its script says it follows the talk."""
    page = await chromium.new_page(viewport={"width": 1280, "height": 720})
    watched = Watched(page)
    await page.goto(url)
    await status_is(page, "following ", prefix=True)
    return watched


async def page_until(page: Any, function: str, arg: Any = None, what: str = "") -> None:
    """Wait, at most ``TIMEOUT_MS``, until ``function(arg)`` is true in the page.

    Polled from here with ``page.evaluate``: Playwright's ``wait_for_function``
    polls inside the page with ``eval``, which the live page's Content-Security-
    Policy forbids (it failed whenever the first look was not yet true).
    """
    from playwright.async_api import Error as PlaywrightError

    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT_MS / 1000
    while True:
        try:
            if await page.evaluate(function, arg):
                return
        except PlaywrightError as error:  # the page navigating (a reload): look again
            if "context was destroyed" not in str(error) or loop.time() > deadline:
                raise
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what or function}")
        await asyncio.sleep(0.02)


async def status_is(page: Any, text: str, *, prefix: bool = False) -> None:
    """Wait until the page's status line says ``text`` (or starts with it)."""
    check = "s => document.getElementById('live-status').textContent"
    check += ".startsWith(s)" if prefix else " === s"
    await page_until(page, check, text, f"the status {text!r}")


async def shown(page: Any) -> str:
    """The id of the one slide the page shows (``slide-3``), or "" for none."""
    return str(
        await page.evaluate(
            """() => [...document.querySelectorAll("main > section.slide")]
                 .filter(s => getComputedStyle(s).display !== "none")
                 .map(s => s.id).join(",")"""
        )
    )


async def shows(page: Any, slide_id: str) -> None:
    """Wait until the page shows slide ``slide_id`` and only it."""
    await page_until(
        page,
        """id => {
          const on = [...document.querySelectorAll("main > section.slide")]
            .filter(s => getComputedStyle(s).display !== "none");
          return on.length === 1 && on[0].id === id;
        }""",
        slide_id,
        f"{slide_id} shown",
    )
