"""``tui-slides serve`` driven by ``tui-slides console``: the talk on a server, its keys elsewhere.

The served talk runs in this test's loop (``share.command._serve``; in its own
process: ``test_serve_process``); consoles find it by the rendezvous rule
(``launch.pick``) and join over its Unix socket: the real console app under a
Pilot, or the headless ``ConsoleLink``. Audiences are real asyncssh viewers.
Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import NamedTuple

import pytest
from console_support import DECK, deck_file_fixture, runtime_fixture, shown  # noqa: F401
from share_support import WAIT, asyncssh_viewer, until

from tui_slides.app.console.console_app import ConsoleApp
from tui_slides.app.console.launch import pick
from tui_slides.cli import main
from tui_slides.deck.loader import load_deck
from tui_slides.presenting.console_client import ConsoleLink
from tui_slides.presenting.events import SlideChanged
from tui_slides.presenting.presentation import Presentation
from tui_slides.presenting.protocol import Command, Message, State
from tui_slides.share.command import _serve, apply
from tui_slides.share.options import ShareOptions

CONSOLE_SIZE = (110, 32)
BROKEN = "{ slides: [ { content: [ } ] }"
"""A deck that no longer loads: ``}`` where a value belongs, at line 1, column 26."""


class Served(NamedTuple):
    """A talk served in this loop: its presentation, what it printed, its task."""

    talk: Presentation
    out: io.StringIO
    task: asyncio.Task[int]

    @property
    def port(self) -> int:
        found = re.search(r" -p (\d+) audience@127\.0\.0\.1", self.out.getvalue())
        assert found, self.out.getvalue()
        return int(found.group(1))


@contextlib.asynccontextmanager
async def served(
    deck_file: Path, tmp_path: Path, *, advance: float | None = None, loop: bool = False
) -> AsyncIterator[Served]:
    """``serve`` on ``deck_file`` (no standard input), until the block ends (as ``q`` would)."""
    talk = Presentation(load_deck(deck_file), loop=loop)
    out = io.StringIO()
    stop = asyncio.Event()
    options = ShareOptions(port=0, auth="none", data_dir=tmp_path / "data")
    serving = _serve(
        talk, options, lambda: load_deck(deck_file), out, None,
        path=deck_file, advance=advance, stop=stop,
    )  # fmt: skip
    task = asyncio.create_task(serving)
    started = ("Drive it with", "no presenter console")
    await until(lambda: any(s in out.getvalue() for s in started) or task.done(), "serve to start")
    try:
        yield Served(talk, out, task)
    finally:
        stop.set()
        assert await asyncio.wait_for(task, WAIT) == 0


def console_app() -> ConsoleApp:
    """The console ``tui-slides console`` would open: the one talk running, found by its rule."""
    err = io.StringIO()
    listing = pick(None, err)
    assert listing is not None, err.getvalue()
    return ConsoleApp(listing.path, listing.name)


def joined(console: ConsoleApp) -> bool:
    return console.talk.joined and console.link.connected


async def test_a_console_drives_the_served_talk_and_its_audience_follows(
    deck_file: Path, tmp_path: Path
) -> None:
    async with served(deck_file, tmp_path) as serve:
        assert f"Drive it with: tui-slides console (--join talk.{os.getpid()} when several" in (
            serve.out.getvalue()
        )
        conn, _chan, viewer = await asyncssh_viewer(serve.port)
        await until(lambda: viewer.status().endswith("1 / 5"), "the audience on slide 1")
        console = console_app()
        async with console.run_test(size=CONSOLE_SIZE) as pilot:
            await until(lambda: joined(console), "the console to join")
            assert (console.talk.name, console.talk.total) == ("talk", 5)
            assert console.talk.deck == str(deck_file.resolve())
            await until(lambda: "Greet the room." in shown(console, "#notes-text"), "notes")
            await until(lambda: "Body two" in shown(console, "#next-slide"), "the next slide")
            for keys, where, title in [(["n"], "2 / 5", "Two"), (["end"], "5 / 5", "Five"),
                                       (["p"], "4 / 5", "Four"), (["3", "enter"], "3 / 5", "Three"),
                                       (["home"], "1 / 5", "One")]:  # fmt: skip
                for key in keys:
                    await pilot.press(key)
                await until(lambda w=where: viewer.status().endswith(w), f"the audience at {where}")
                await until(lambda t=title: f"Title {t}" in shown(console, "#now-slide"), title)
            assert serve.talk.index == 0
            await pilot.press("n")
            await until(lambda: "Second notes" in shown(console, "#notes-text"), "its notes")
            await until(lambda: "Body three" in shown(console, "#next-slide"), "the next")
            await until(lambda: console.talk.started, "the talk's clock, started by moving on")
            await pilot.press("b")
            await until(lambda: not "".join(viewer.screen.display).strip(), "a blank audience")
            assert serve.talk.blank
            await until(lambda: "SCREEN BLANKED" in console.status_text, "the console told")
            await pilot.press("b")
            await until(lambda: viewer.status().endswith("2 / 5"), "the audience back")
        conn.close()


async def test_a_console_that_quits_leaves_the_talk_served_and_another_joins_mid_talk(
    deck_file: Path, tmp_path: Path
) -> None:
    async with served(deck_file, tmp_path) as serve:
        console = console_app()
        async with console.run_test(size=CONSOLE_SIZE) as pilot:
            await until(lambda: joined(console), "the console to join")
            await pilot.press("n")
            await until(lambda: serve.talk.index == 1, "slide 2")
            await pilot.press("q")
        assert not serve.task.done()
        serve.talk.next()  # the served talk goes on (its own commands, the advance...)
        messages: list[Message] = []
        link = ConsoleLink(console.link.path, "talk", messages.append, lambda _joined: None)
        following = asyncio.create_task(link.run())
        try:
            await until(lambda: any(type(m) is State for m in messages), "the state")
            state = next(m for m in messages if isinstance(m, State))
            assert (state.index, state.total, state.started) == (2, 5, True)
            assert link.send(Command("next"))
            await until(lambda: serve.talk.index == 3, "slide 4")
            await until(lambda: any(type(m) is SlideChanged for m in messages), "the event")
        finally:
            following.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await following
        assert not serve.task.done()


async def test_the_consoles_reload_reloads_the_served_deck_and_a_broken_one_is_said(
    deck_file: Path, tmp_path: Path
) -> None:
    async with served(deck_file, tmp_path) as serve:
        conn, _chan, viewer = await asyncssh_viewer(serve.port)
        console = console_app()
        async with console.run_test(size=CONSOLE_SIZE) as pilot:
            await until(lambda: joined(console), "the console to join")
            await pilot.press("n")
            await until(lambda: viewer.status().endswith("2 / 5"), "slide 2")
            deck_file.write_text(DECK.replace("Title Two", "Title Deux"), encoding="utf-8")
            await pilot.press("r")
            await until(lambda: "Reloaded talk.json5: 5 slides" in serve.out.getvalue(), "said")
            await until(lambda: "Title Deux" in shown(console, "#now-slide"), "the console")
            await until(lambda: "Title Deux" in "\n".join(viewer.screen.display), "the audience")
            deck_file.write_text(BROKEN, encoding="utf-8")
            await pilot.press("r")
            said = "tui-slides: reload failed, still showing the last good deck:"
            await until(lambda: said in serve.out.getvalue(), "the failure on serve's output")
            assert f"{deck_file}:1:26: error: expected a value, found '}}'" in serve.out.getvalue()
            await until(lambda: "reload failed: " in console.status_text, "the console told")
            assert serve.talk.problem.startswith(f"{deck_file}:1:26:")
            await pilot.press("n")  # the last good deck goes on
            await until(lambda: viewer.status().endswith("3 / 5"), "slide 3")
            assert not serve.task.done() and serve.talk.total == 5
        conn.close()


async def test_the_console_pauses_and_resumes_the_served_advance(
    deck_file: Path, tmp_path: Path
) -> None:
    async with served(deck_file, tmp_path, advance=0.01, loop=True) as serve:
        assert serve.talk.advance == "running"
        await until(lambda: serve.talk.index != 0, "the advance to move on by itself")
        console = console_app()
        async with console.run_test(size=CONSOLE_SIZE) as pilot:
            await until(lambda: joined(console), "the console to join")
            await pilot.press("home")
            await until(lambda: serve.talk.advance == "paused", "paused by a key")
            await until(lambda: serve.talk.index == 0, "the first slide")
            await pilot.press("a")
            await until(lambda: serve.talk.advance == "running", "resumed by a")
            await until(lambda: serve.talk.index != 0, "moving on again")


def test_serve_checks_its_advance(capsys: pytest.CaptureFixture[str], deck_file: Path) -> None:
    assert main(["serve", str(deck_file), "--ssh", "0", "--advance", "soon"]) == 2
    assert "not a duration like 10s, 1m30s or 2m: 'soon'" in capsys.readouterr().err


def test_serves_own_commands_pause_the_advance_as_keys_do_and_a_resumes_it(
    deck_file: Path,
) -> None:
    talk = Presentation(load_deck(deck_file))
    talk.start_advance(10.0)
    reloads: list[int] = []
    assert apply(talk, "3\n", lambda: reloads.append(1))
    assert (talk.index, talk.advance) == (2, "paused")
    assert apply(talk, "a\n", lambda: reloads.append(1))
    assert talk.advance == "running"
    for line in ("x", "²", "-3", "next please"):  # refused: nothing moves, nothing pauses
        with pytest.raises(ValueError, match="not a command"):
            apply(talk, line, lambda: reloads.append(1))
    assert (talk.index, talk.advance, reloads) == (2, "running", [])
    assert apply(talk, "٤", lambda: reloads.append(1))  # any script's digits are a number
    assert talk.index == 3
    last = len(talk.deck.slides) - 1
    for line, index in (("1234567890", last), ("9" * 5000, last), ("0" * 30 + "2", 1)):
        assert apply(talk, line, lambda: reloads.append(1))  # past the last is the last
        assert talk.index == index
    assert apply(talk, "R", lambda: reloads.append(1)) and reloads == [1]
    assert not apply(talk, "q\n", lambda: reloads.append(1))


async def test_serve_without_a_private_socket_folder_says_so_and_serves_on(
    runtime: Path, deck_file: Path, tmp_path: Path
) -> None:
    (runtime / "tui-slides").mkdir(mode=0o755)
    (runtime / "tui-slides").chmod(0o755)  # (whatever the umask)
    async with served(deck_file, tmp_path) as serve:
        said = serve.out.getvalue()
        assert "tui-slides: no presenter console for this talk: " in said
        assert "may be used by other users (mode 755)" in said
        conn, _chan, viewer = await asyncssh_viewer(serve.port)
        await until(lambda: viewer.status().endswith("1 / 5"), "the audience on slide 1")
        conn.close()
