"""The presenter's own screen comes first: audiences are sent a change after its repaint."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from share_support import TOUR, asyncssh_viewer, until

from tui_slides.deck.loader import load_deck
from tui_slides.presenting.presentation import Presentation
from tui_slides.share import server as share_server
from tui_slides.share.options import ShareOptions
from tui_slides.share.server import ShareServer


async def test_viewers_get_a_change_only_after_the_presenters_repaint(tmp_path: Path) -> None:
    repaints: list[Callable[[], None]] = []  # what the app's call_after_refresh would run

    def after_repaint(callback: Callable[[], None]) -> None:
        repaints.append(callback)

    presentation = Presentation(load_deck(TOUR))
    options = ShareOptions(port=0, auth="none", data_dir=tmp_path / "data")
    server = ShareServer(presentation, options, after_repaint=after_repaint)
    await server.start()
    try:
        conn, _chan, viewer = await asyncssh_viewer(server.address[1])
        await until(lambda: viewer.status().endswith("1 / 12"), "the first slide")
        presentation.next()
        await asyncio.sleep(share_server.SEND_DELAY * 5)
        assert viewer.status().endswith("1 / 12")  # the presenter has not repainted yet
        assert len(repaints) == 1
        repaints.pop()()  # the presenter's screen is out
        await until(lambda: viewer.status().endswith("2 / 12"), "slide 2, after the repaint")
        conn.close()
    finally:
        await asyncio.wait_for(server.stop(), 10)
