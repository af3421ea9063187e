"""The presenter sharing its talk (``--ssh``): the audience count, the share panel, the goodbye."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from app_support import make_app, status
from rich.console import Console
from share_support import CODE, TOUR, asyncssh_viewer, until
from textual.widgets import Static

from tui_slides.app.app import PresenterApp
from tui_slides.app.screens.share import ShareScreen
from tui_slides.app.sharing import SSH_TITLE
from tui_slides.deck.loader import load_deck
from tui_slides.share.options import ShareOptions
from tui_slides.share.terminal import LEAVE


def shown(content: object) -> str:
    """A widget's Rich content as plain text, 100 cells wide."""
    console = Console(width=100, file=io.StringIO(), color_system=None, _environ={})
    console.print(content)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


async def test_the_presenter_serves_its_audience_from_its_own_loop(tmp_path: Path) -> None:
    share = ShareOptions(port=0, code=CODE, data_dir=tmp_path / "data")
    app = make_app(load_deck(TOUR), path=TOUR, share=share)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(lambda: app.share is not None, "the server to start")
        server = app.share
        assert server is not None
        assert "0 watching" in status(app)
        conn, _chan, viewer = await asyncssh_viewer(server.address[1], password=CODE)
        await until(lambda: viewer.status().endswith("1 / 12"), "the viewer on slide 1")
        await pilot.pause()
        assert "1 watching" in status(app)
        await pilot.press("right")
        await until(lambda: viewer.status().endswith("2 / 12"), "the viewer on slide 2")
        await pilot.press("b")
        await until(lambda: not "".join(viewer.screen.display).strip(), "the viewer blanked")
        await pilot.press("b")
        await until(lambda: viewer.status().endswith("2 / 12"), "the slide back")

        await pilot.press("s")
        assert isinstance(app.screen, ShareScreen)
        panel = shown(app.screen.query_one("#share-table", Static).content)
        assert f"ssh -C -p {server.address[1]} audience@127.0.0.1" in panel
        assert CODE in panel
        assert server.fingerprint in panel
        assert "1 of at most 500" in panel
        assert "100x30  following" in panel
        await pilot.press("escape")
        assert not isinstance(app.screen, ShareScreen)
        await pilot.press("question_mark")
        help_text = shown(app.screen.query_one("#help-table", Static).content)
        assert "Share panel" in help_text
        await pilot.press("escape")
    # The presenter quit: the viewer's terminal was put back and its session closed.
    await until(lambda: viewer.closed or viewer.data.endswith(LEAVE), "the goodbye")
    assert viewer.data.endswith(LEAVE)
    conn.close()


def drawn(widget: Static) -> str:
    """The lines a widget draws on screen, as plain text (nothing when it has no room)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.region.height))


@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
async def test_the_share_panel_is_drawn_with_room_for_its_text(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    # The panel's box was as wide as its content asked (width: auto), which a scrolling
    # box of Statics measured as nothing: an empty frame on screen.
    share = ShareOptions(port=0, code=CODE, data_dir=tmp_path / "data")
    app = make_app(load_deck(TOUR), path=TOUR, share=share)
    async with app.run_test(size=size) as pilot:
        await until(lambda: app.share is not None, "the server to start")
        assert app.share is not None
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ShareScreen)
        assert "Sharing this talk" in drawn(screen.query_one("#share-title", Static))
        table = drawn(screen.query_one("#share-table", Static))
        assert f"ssh -C -p {app.share.address[1]}" in table
        assert CODE in table


async def test_without_sharing_s_says_how_to_share(monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(PresenterApp, "notify", lambda self, message, **_: said.append(message))
    app = make_app(load_deck(TOUR), path=TOUR)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        assert not isinstance(app.screen, ShareScreen)
        assert "watching" not in status(app)
    assert said == ["Not sharing: start with --ssh PORT or --http PORT to serve audiences."]


async def test_sharing_over_ssh_and_in_a_browser_shows_both_in_one_panel(tmp_path: Path) -> None:
    from tests.web_support import options as web_options

    share = ShareOptions(port=0, code=CODE, data_dir=tmp_path / "data")
    app = make_app(load_deck(TOUR), path=TOUR, share=share, http=web_options())
    async with app.run_test(size=(100, 50)) as pilot:
        await until(lambda: app.share is not None, "the SSH server to start")
        await until(lambda: app.web is not None and app.web.started, "the web server to start")
        assert app.share is not None and app.web is not None
        await pilot.press("s")
        assert isinstance(app.screen, ShareScreen)
        ssh = shown(app.screen.query_one("#share-table", Static).content)
        web = shown(app.screen.query_one("#share-browser", Static).content)
        assert f"ssh -C -p {app.share.address[1]} audience@127.0.0.1" in ssh
        assert app.web.url in web


def test_ssh_audiences_and_browsers_get_one_access_code(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui_slides.app
    import tui_slides.commands.present as present_module
    from tui_slides.app.options import PresenterOptions
    from tui_slides.cli import main

    given: list[PresenterOptions] = []
    monkeypatch.setattr(present_module, "terminal_problem", lambda: "")
    monkeypatch.setattr(tui_slides.app, "run_presenter", lambda deck, o: given.append(o) or 0)
    assert main([str(TOUR), "--ssh", "127.0.0.1:0", "--http", "127.0.0.1:0"]) == 0
    (options,) = given
    assert options.share is not None and options.http is not None
    try:
        assert options.share.code and options.share.code == options.http.code
    finally:
        for sock in (options.share.sock, options.http.sock):
            if sock is not None:
                sock.close()


@pytest.mark.parametrize("auth", ["code", "none"])
async def test_the_sharing_notice_names_a_code_only_when_one_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, auth: str
) -> None:
    said: list[str] = []

    def notify(self: PresenterApp, message: str, *, title: str = "", **_: object) -> None:
        said.append(f"{title}: {message}")

    monkeypatch.setattr(PresenterApp, "notify", notify)
    share = ShareOptions(port=0, code=CODE, auth=auth, data_dir=tmp_path / "data")
    app = make_app(load_deck(TOUR), path=TOUR, share=share)
    async with app.run_test(size=(100, 30)):
        await until(lambda: app.share is not None, "the server to start")
        server = app.share
        assert server is not None
        await until(lambda: any(m.startswith(SSH_TITLE) for m in said), "the notice")
        join = server.command
    (notice,) = [m for m in said if m.startswith(SSH_TITLE)]
    coded = f"{SSH_TITLE}: {join}\ncode {CODE}\ns: details"
    assert notice == (coded if auth == "code" else f"{SSH_TITLE}: {join}\ns: details")
    assert (server.code == CODE) is (auth == "code")
