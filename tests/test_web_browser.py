"""The browser view in a real browser (Debian's chromium, headless, Playwright's asyncio API).

The page follows the presenter's keys, lets the viewer browse and follow
again, reconnects by itself when the server comes back, and runs no script
a deck smuggles in. Skipped where chromium or Playwright is missing; CI
installs both (``.ci/run``, ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.app_support import make_app, make_deck
from tests.export_support import write_deck
from tests.test_export_safety import HOSTILE
from tests.web_support import (
    CHROMIUM,
    browser,
    open_live,
    options,
    page_until,
    serving,
    shown,
    shows,
    status_is,
    stepped_deck,
    until,
)
from tui_slides.deck.loader import load_deck
from tui_slides.presenting.presentation import Presentation
from tui_slides.web.server import WebServer

pytest.importorskip("playwright.async_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


async def test_the_page_follows_the_presenters_keys() -> None:
    app = make_app(make_deck(5), http=options())
    async with app.run_test(size=(100, 30)) as pilot, browser() as chromium:
        await until(lambda: app.web is not None and bool(app.web.message))
        assert app.web is not None
        live = await open_live(chromium, app.web.url)
        page = live.page
        await shows(page, "slide-1")
        await status_is(page, "following 1 / 5")
        for key, expected in (("right", "slide-2"), ("right", "slide-3"), ("left", "slide-2")):
            await pilot.press(key)
            await shows(page, expected)
        await status_is(page, "following 2 / 5")
        await pilot.press("b")  # the presenter blanks the screen: so does the page
        await page_until(page, "() => document.documentElement.classList.contains('blanked')")
        await status_is(page, "following 2 / 5 (blank)")
        await pilot.press("b")
        await page_until(page, "() => !document.documentElement.classList.contains('blanked')")
        assert await page.evaluate("document.querySelector('h2').textContent") == "Title 1"
        assert live.dialogs == [] and live.errors == []
        assert len(app.web.viewers) == 1
        await page.close()


async def test_browse_and_follow_again() -> None:
    presentation = Presentation(make_deck(12), start=4)
    async with serving(presentation) as server, browser() as chromium:
        page = (await open_live(chromium, server.url)).page
        await shows(page, "slide-5")
        await page.keyboard.press("ArrowLeft")
        await page.keyboard.press("ArrowLeft")
        await shows(page, "slide-3")
        await status_is(page, "browsing 3 / 12, presenter at 5")
        presentation.next()  # the presenter moves on; the browsing viewer stays where it is
        await status_is(page, "browsing 3 / 12, presenter at 6")
        assert await shown(page) == "slide-3"
        await page.keyboard.press("f")
        await shows(page, "slide-6")
        await status_is(page, "following 6 / 12")
        await page.keyboard.press("End")
        await status_is(page, "browsing 12 / 12, presenter at 6")
        await page.keyboard.press("Escape")
        await shows(page, "slide-6")
        await page.click("#live-follow")  # the button browses from here, and follows again
        await status_is(page, "browsing 6 / 12, presenter at 6")
        await page.keyboard.press("ArrowRight")
        await shows(page, "slide-7")
        await page.click("#live-follow")
        await shows(page, "slide-6")
        await page.close()


async def reads(page: Any, slide_id: str, text: str, *, shown: bool = True) -> None:
    """Wait until slide ``slide_id`` visibly has ``text`` (``shown``) or has it hidden."""
    await page_until(
        page,
        """([id, text, shown]) => document.getElementById(id).innerText.includes(text) === shown
           && document.getElementById(id).textContent.includes(text)""",
        [slide_id, text, shown],
        f"{text!r} {'shown' if shown else 'hidden'} on {slide_id}",
    )


async def test_the_page_shows_the_presenters_step_and_browsing_spoils_nothing(
    tmp_path: Path,
) -> None:
    presentation = Presentation(stepped_deck(tmp_path))
    async with serving(presentation) as server, browser() as chromium:
        live = await open_live(chromium, server.url)
        page = live.page
        await reads(page, "slide-1", "Alpha")
        await reads(page, "slide-1", "Bravo", shown=False)  # in the page, not on screen
        await status_is(page, "following 1 / 4 \u25cf\u25cb\u25cb")  # the presenter's dots
        presentation.next()
        await reads(page, "slide-1", "Bravo")
        await status_is(page, "following 1 / 4 \u25cf\u25cf\u25cb")
        await reads(page, "slide-1", "Charlie", shown=False)
        presentation.next()
        presentation.next()  # slide 2 at its first step
        await shows(page, "slide-2")
        await reads(page, "slide-2", "Delta appears", shown=False)
        await page.keyboard.press("ArrowLeft")  # a slide before the presenter's: complete
        await shows(page, "slide-1")
        await reads(page, "slide-1", "Charlie")
        await page.keyboard.press("End")  # a slide after it: its first step only
        await status_is(page, "browsing 4 / 4 \u25cf\u25cb\u25cb, presenter at 2")
        await reads(page, "slide-4", "Four")
        await reads(page, "slide-4", "Golf", shown=False)
        await page.keyboard.press("ArrowLeft")
        await reads(page, "slide-3", "Echo")
        await reads(page, "slide-3", "Foxtrot", shown=False)
        await page.keyboard.press("f")  # following again: the presenter's step
        await shows(page, "slide-2")
        await reads(page, "slide-2", "Delta appears", shown=False)
        presentation.next()
        await reads(page, "slide-2", "Delta appears")
        await page.keyboard.press("ArrowLeft")  # browsing: blank wins there too
        await status_is(page, "browsing 1 / 4 \u25cf\u25cf\u25cf, presenter at 2")
        presentation.toggle_blank()  # blank wins over every step
        await page_until(page, "() => document.documentElement.classList.contains('blanked')")
        await status_is(page, "browsing 1 / 4 \u25cf\u25cf\u25cf, presenter at 2 (blank)")
        await page.keyboard.press("ArrowRight")  # browsing keys do nothing while blanked
        await status_is(page, "browsing 1 / 4 \u25cf\u25cf\u25cf, presenter at 2 (blank)")
        await page.keyboard.press("f")
        await status_is(page, "following 2 / 4 \u25cf\u25cf (blank)")
        presentation.go_to(3)  # a jump: the slide complete
        presentation.toggle_blank()
        await shows(page, "slide-4")
        await reads(page, "slide-4", "After all")
        assert live.errors == [] and live.dialogs == []
        await page.close()


async def test_the_page_reconnects_after_a_server_restart() -> None:
    presentation = Presentation(make_deck(5))
    first = WebServer(presentation, options())
    await first.start()
    port = first.address[1]
    async with browser() as chromium:
        try:
            page = (await open_live(chromium, first.url)).page
            await shows(page, "slide-1")
        finally:
            await first.stop()
        await status_is(page, "following 1 / 5 \u2014 offline, reconnecting\u2026")
        presentation.go_to(3)  # while no server follows the talk
        async with serving(presentation, port=port):
            await shows(page, "slide-4")
            await status_is(page, "following 4 / 5")
            presentation.next()
            await shows(page, "slide-5")
        await page.close()


GONE = (
    "this link no longer works: the presenter restarted the talk."
    " Ask the presenter for the new link."
)
"""What the page says once a restarted talk refuses its address (the access code is new)."""
COUNT_ATTEMPTS = """() => {
  window.attempts = 0;
  const Socket = window.WebSocket, ask = window.fetch;
  window.WebSocket = function (url) { window.attempts++; return new Socket(url); };
  window.fetch = function (...args) { window.attempts++; return ask(...args); };
}"""
"""Counts, in the page, every WebSocket it opens and every request it makes with ``fetch``."""


@pytest.mark.parametrize("auth", ["code", "none"])
async def test_the_page_stops_retrying_once_a_restarted_talk_refuses_its_link(auth: str) -> None:
    """Offline while the server is down; told plainly once the server, back with a new access
    code (or none: the old address is then 404), refuses the page's own link."""
    presentation = Presentation(make_deck(5), start=2)
    first = WebServer(presentation, options())
    await first.start()
    port = first.address[1]
    async with browser() as chromium:
        page = await chromium.new_page(viewport={"width": 1280, "height": 720})
        await page.clock.install()  # the page's timers run on as ever, until fast-forwarded
        try:
            await page.goto(first.url)
            await status_is(page, "following 3 / 5")
        finally:
            await first.stop()
        await status_is(page, "following 3 / 5 \u2014 offline, reconnecting\u2026")
        async with serving(presentation, port=port, code="m3n4-p5q6", auth=auth) as second:
            await status_is(page, GONE)
            await shows(page, "slide-3")  # the last slide stays on screen
            assert await page.evaluate("document.querySelector('.current h2').textContent") == (
                "Title 3"
            )
            assert second.viewers == set()
            await page.evaluate(COUNT_ATTEMPTS)
            await page.clock.fast_forward("30:00")  # half an hour of the page's timers at once
            assert await page.evaluate("window.attempts") == 0  # it asks no more
            await page.keyboard.press("ArrowLeft")  # the slides can still be read
            await status_is(page, "browsing 2 / 5, presenter at 3 \u2014 " + GONE)
        await page.close()


async def test_a_full_room_is_retried_not_taken_for_a_dead_link() -> None:
    presentation = Presentation(make_deck(2))
    async with serving(presentation, max_viewers=0) as server, browser() as chromium:
        page = await chromium.new_page()
        sockets: list[str] = []
        page.on("websocket", lambda socket: sockets.append(socket.url))
        await page.goto(server.url)
        await until(lambda: len(sockets) >= 3)  # refused (503), and tried again, twice
        await status_is(page, "connecting\u2026")
        assert len(server.viewers) == 0
        await page.close()


async def test_a_hostile_deck_runs_no_script(tmp_path: Path) -> None:
    deck = load_deck(write_deck(tmp_path, HOSTILE))
    presentation = Presentation(deck)
    async with serving(presentation) as server, browser() as chromium:
        live = await open_live(chromium, server.url)
        page = live.page
        for key in ("ArrowRight", "ArrowLeft", "End", "Home"):
            await page.keyboard.press(key)
        for link in await page.query_selector_all("a"):
            if await link.is_visible():
                await link.hover()  # an onmouseover smuggled into a link would fire now
        presentation.next()
        await page.keyboard.press("f")
        await shows(page, "slide-2")
        await page.wait_for_timeout(200)
        assert live.dialogs == []
        assert live.errors == []  # not even a script refused by the Content-Security-Policy
        assert await page.evaluate("document.scripts.length") == 1
        title = await page.evaluate("document.querySelector('h2').textContent")
        assert title == "</style><script>alert(1)</script>"
        origin = server.url.split("/c/")[0]
        assert all(url.startswith(origin) for url in live.requests), live.requests
        assert "notes <script>" not in await page.content()  # notes are never served
        await page.close()


async def test_an_empty_deck_is_a_page_at_0_of_0() -> None:
    from tui_slides.deck.model import Deck

    presentation = Presentation(Deck(slides=(), source="mem"))
    async with serving(presentation) as server, browser() as chromium:
        live = await open_live(chromium, server.url)
        await status_is(live.page, "following 0 / 0")
        await live.page.keyboard.press("ArrowRight")
        await status_is(live.page, "browsing 0 / 0, presenter at 0")
        assert await shown(live.page) == ""
        assert live.errors == [] and live.dialogs == []
        await live.page.close()


async def test_the_page_loads_the_new_deck_when_the_presenter_reloads_it() -> None:
    presentation = Presentation(make_deck(3), start=1)
    async with serving(presentation) as server, browser() as chromium:
        live = await open_live(chromium, server.url)
        await status_is(live.page, "following 2 / 3")
        presentation.reload(make_deck(7))
        presentation.go_to(5)
        await status_is(live.page, "following 6 / 7")
        await shows(live.page, "slide-6")
        assert await live.page.evaluate("document.querySelectorAll('section.slide').length") == 7
        assert live.errors == [] and live.dialogs == []
        await live.page.close()


async def test_the_slide_fills_the_window_down_to_the_bar_with_no_band_between() -> None:
    """The bar lies over the slide's own bottom margin: no strip of the page shows between."""
    app = make_app(make_deck(2), http=options())
    async with app.run_test(size=(100, 30)), browser() as chromium:
        await until(lambda: app.web is not None and bool(app.web.message))
        assert app.web is not None
        live = await open_live(chromium, app.web.url)
        await shows(live.page, "slide-1")
        gap = await live.page.evaluate(
            "() => { const s = document.querySelector('main > section.current')"
            ".getBoundingClientRect(); const bar = document.getElementById('live-bar')"
            ".getBoundingClientRect(); return [s.top, bar.top - s.bottom, innerHeight - s.bottom,"
            " document.documentElement.scrollHeight - innerHeight]; }"
        )
        top, under_bar, under_slide, scroll = gap
        assert top == 0 and under_bar <= 0 and under_slide <= 0.5 and scroll <= 1
        await live.page.close()
