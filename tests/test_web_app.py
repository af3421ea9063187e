"""The browser view from the presenter's side: ``--http`` on the command line and the share panel.

The panel (``s``) shows the URL, the access code and a QR code that a phone
reads back to the URL (decoded with zxing-cpp); the server stops with the app.
"""

from __future__ import annotations

import io
import socket

import aiohttp
import pytest
from PIL import Image
from rich.console import Console
from rich.segment import Segment
from textual.widgets import Input, Static

from tests.app_support import make_app, make_deck
from tests.conftest import DECKS
from tests.web_support import CODE, options, until
from tui_slides.app.app import SHARE_BINDING
from tui_slides.app.options import PresenterOptions
from tui_slides.app.screens.help import HelpScreen
from tui_slides.app.screens.share import ShareScreen
from tui_slides.app.screens.slides import SlidesScreen
from tui_slides.app.sharing import BROWSERS_TITLE
from tui_slides.cli import main
from tui_slides.render.cards import QR_DARK

SIZE = (100, 40)


def panel_lines(screen: ShareScreen) -> list[list[Segment]]:
    return panel_lines_of(screen.query_one("#share-browser", Static))


def panel_lines_of(widget: Static) -> list[list[Segment]]:
    body = widget.content
    console = Console(width=100, file=io.StringIO(), force_terminal=True, _environ={})
    return console.render_lines(body, console.options, pad=False)


def rows_of(lines: list[list[Segment]]) -> dict[str, str]:
    """The panel's table as label -> value (labels in the first column)."""
    rows = {}
    for line in plain(lines).splitlines():
        label, _, value = line.partition("  ")
        if label.strip() and value.strip():
            rows[label.strip()] = value.strip()
    return rows


def plain(lines: list[list[Segment]]) -> str:
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


def qr_from(lines: list[list[Segment]]) -> str:
    """Read the QR code in the panel's cells back, as a phone scanning the screen would."""
    rows = [line for line in lines if line and set("".join(s.text for s in line)) == {"▀"}]
    modules: list[list[bool]] = []
    for line in rows:
        upper = [s.style is not None and s.style.color == QR_DARK.color for s in line]
        lower = [s.style is not None and s.style.bgcolor == QR_DARK.color for s in line]
        modules.extend([upper, lower])
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp decodes the QR code")
    bitmap = Image.new("L", (len(modules[0]), len(modules)))
    bitmap.putdata([0 if dark else 255 for row in modules for dark in row])
    bitmap = bitmap.resize((bitmap.width * 6, bitmap.height * 6), Image.Resampling.NEAREST)
    return "".join(result.text for result in zxingcpp.read_barcodes(bitmap))


async def test_the_share_panel_shows_the_url_its_code_and_a_qr_code_of_it() -> None:
    app = make_app(make_deck(3), http=options())
    said: list[tuple[str, str]] = []
    app.notify = lambda message, *, title="", **_: said.append((title, message))  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.web is not None and app.web.started)
        assert app.web is not None
        url = app.web.url
        assert url == f"http://127.0.0.1:{app.web.address[1]}/c/{CODE}/"
        await until(lambda: bool(said))
        assert said == [(BROWSERS_TITLE, f"{url}\ns: details")]  # a line each: never cut
        await pilot.press("s")
        assert isinstance(app.screen, ShareScreen)
        lines = panel_lines(app.screen)
        rows = rows_of(lines)
        assert rows["Browser"] == url and rows["Access code"] == CODE
        assert rows["Following"] == "0 of at most 500 browsers"
        assert qr_from(lines) == url
        async with aiohttp.ClientSession() as session, session.ws_connect(url + "ws"):
            await until(lambda: len(app.web.viewers) == 1)  # type: ignore[union-attr]
            await pilot.pause()
            assert rows_of(panel_lines(app.screen))["Following"] == "1 of at most 500 browsers"
        await until(lambda: not app.web.viewers)  # type: ignore[union-attr]
        await pilot.pause()
        assert rows_of(panel_lines(app.screen))["Following"] == "0 of at most 500 browsers"
        await pilot.press("escape")
        assert isinstance(app.screen, SlidesScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = plain(panel_lines_of(app.screen.query_one("#help-table", Static)))
        assert "Sharing (--ssh, --http)" in help_text and SHARE_BINDING.description in help_text
        await pilot.press("escape", "slash", "s")  # typed into the search: not the panel
        assert app.screen.query_one(Input).value == "s"
    host, port = app.web.address
    with pytest.raises(OSError), socket.create_connection((host, port), timeout=2):
        pass  # the server stopped with the app


async def test_without_http_s_says_how_to_share_and_the_help_leaves_it_out() -> None:
    app = make_app(make_deck(3))
    said: list[str] = []
    app.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SlidesScreen)
        assert said == ["Not sharing: start with --ssh PORT or --http PORT to serve audiences."]
        await pilot.press("question_mark")
        help_text = plain(panel_lines_of(app.screen.query_one("#help-table", Static)))
        assert "Sharing" not in help_text and SHARE_BINDING.description not in help_text
        assert app.web is None


def test_http_options_are_checked_before_the_screen_is_taken(
    capsys: pytest.CaptureFixture[str],
) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        cases = {
            ("--http", "127.0.0.1:notaport"): "not a port number: 'notaport'",
            ("--http", "70000"): "port 70000 is out of range",
            ("--http", f"127.0.0.1:{port}"): f"cannot serve on 127.0.0.1:{port}",
            ("--http-auth", "none"): "--http-auth and --http-max-viewers go with --http",
            ("--http-max-viewers", "9"): "--http-auth and --http-max-viewers go with --http",
            ("--http", "0", "--http-max-viewers", "0"): "--http-max-viewers: must be at least 1",
            ("--http", "0", "--http-max-viewers", "many"): "not a whole number: 'many'",
            ("--http", "0", "--http-auth", "open"): "invalid choice",
        }
        for arguments, message in cases.items():
            assert main([str(DECKS / "tour.json5"), *arguments]) == 2, arguments
            assert message in capsys.readouterr().err, arguments
    finally:
        taken.close()


def test_http_gives_the_presenter_a_bound_port_and_a_new_access_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re

    import tui_slides.app
    import tui_slides.commands.present as present_module
    from tui_slides.share.auth import CODE_ALPHABET

    given: list[PresenterOptions] = []
    monkeypatch.setattr(present_module, "terminal_problem", lambda: "")
    monkeypatch.setattr(tui_slides.app, "run_presenter", lambda deck, o: given.append(o) or 0)
    deck = str(DECKS / "tour.json5")
    assert main([deck, "--http", "127.0.0.1:0", "--http-max-viewers", "7"]) == 0
    assert main([deck, "--http", "0", "--http-auth", "none"]) == 0
    assert main([deck]) == 0
    first, second, third = (options.http for options in given)
    assert first is not None and second is not None and third is None
    try:
        letter = f"[{CODE_ALPHABET}]"
        assert re.fullmatch(f"{letter}{{4}}-{letter}{{4}}", first.code)  # share.auth's codes
        assert (first.host, first.auth, first.max_viewers) == ("127.0.0.1", "code", 7)
        assert first.sock is not None and first.sock.getsockname()[1] != 0  # bound already
        assert (second.host, second.auth, second.code) == ("127.0.0.1", "none", "")
    finally:
        for options in (first, second):
            if options.sock is not None:
                options.sock.close()
