"""``tui-slides serve`` in its own process: found and driven by consoles, ended by its owner.

The served talk is a child process (in a pseudo-terminal where a terminal
matters); consoles find it by the rendezvous rule (``launch.pick``): the real
``tui-slides console`` in a pseudo-terminal, or the headless ``ConsoleLink``.
Audiences are real asyncssh viewers. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import shutil
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from console_support import deck_file_fixture, runtime_fixture  # noqa: F401
from share_support import WAIT, Terminal, asyncssh_viewer, client_env, terminal, until

from tui_slides.app.console.launch import pick
from tui_slides.presenting.console_client import ConsoleLink
from tui_slides.presenting.events import ReloadFailed, SlideChanged
from tui_slides.presenting.protocol import Command, Message, State

CONSOLE_SIZE = (110, 32)
BROKEN = "{ slides: [ { content: [ } ] }"
"""A deck that no longer loads: ``}`` where a value belongs, at line 1, column 26."""


async def test_serve_in_its_own_process_is_found_driven_and_ended_only_by_its_owner(
    runtime: Path, deck_file: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "TUI_SLIDES_DATA_DIR": str(tmp_path / "data")}
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui_slides", "serve", str(deck_file), "--ssh", "127.0.0.1:0",
        "--ssh-auth", "none", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        env=env,
    )  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    try:
        said = ""
        while "Reading commands" not in said:
            line = await asyncio.wait_for(child.stdout.readline(), WAIT)
            assert line, said
            said += line.decode()
        assert f"Drive it with: tui-slides console (--join talk.{child.pid} when" in said
        err = io.StringIO()
        listing = pick(None, err)
        assert listing is not None and (listing.name, listing.pid) == ("talk", child.pid)
        messages: list[Message] = []
        link = ConsoleLink(listing.path, listing.name, messages.append, lambda _joined: None)
        following = asyncio.create_task(link.run())
        await until(lambda: any(type(m) is State for m in messages), "the state")
        assert link.send(Command("next"))
        await until(lambda: any(type(m) is SlideChanged and m.index == 1 for m in messages),
                    "slide 2")  # fmt: skip
        child.stdin.write(b"x\n")
        line = await asyncio.wait_for(child.stdout.readline(), WAIT)
        assert line.decode().startswith("tui-slides: not a command: 'x' (commands, one a line:")
        deck_file.write_text(BROKEN, encoding="utf-8")
        child.stdin.write(b"r\n")  # serve's own command reloads too, and says so to consoles
        line = await asyncio.wait_for(child.stdout.readline(), WAIT)
        assert line.decode().startswith("tui-slides: reload failed, still showing")
        await until(lambda: any(type(m) is ReloadFailed for m in messages), "the problem")
        child.stdin.close()  # no more commands: the talk goes on, and serve says so
        said = ""  # (after the reload's problem: its place, the line, a caret)
        while "standard input ended" not in said:
            line = await asyncio.wait_for(child.stdout.readline(), WAIT)
            assert line, said
            said += line.decode()
        ended = said.splitlines()[-1]
        assert ended.startswith("tui-slides: standard input ended: no more commands")
        assert ended.endswith(f"(kill {child.pid})")
        following.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await following
        messages.clear()
        following = asyncio.create_task(link.run())  # the console joins again
        await until(lambda: any(type(m) is State for m in messages), "the state again")
        state = next(m for m in messages if isinstance(m, State))
        assert state.index == 1 and state.problem.startswith(f"{deck_file}:1:26:")
        following.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await following
        assert child.returncode is None
        child.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(child.wait(), WAIT) == 0
        assert not listing.path.exists()
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for job control")


def end_serve(pid: int) -> None:
    """End the serve ``pid``, stopped (a background job that read its terminal) or not."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
        os.kill(pid, signal.SIGCONT)  # a stopped one takes the SIGTERM once it goes on


@contextlib.asynccontextmanager
async def job_control(
    runtime: Path, deck_file: Path, tmp_path: Path, then: str
) -> AsyncIterator[Terminal]:
    """bash with job control in a pty: ``serve deck_file &``, then the shell commands ``then``.

    A job is a process group of its own, which the terminal's end does not reach: whatever
    the test found, the serve still listed in ``runtime`` is ended on the way out.
    """
    serve = f"{sys.executable} -m tui_slides serve {deck_file} --ssh 127.0.0.1:0 --ssh-auth none"
    env = client_env(TUI_SLIDES_DATA_DIR=str(tmp_path / "data"), XDG_RUNTIME_DIR=str(runtime))
    try:
        async with terminal(["bash", "-m", "-c", f"{serve} & {then}"], (160, 30), env) as shell:
            yield shell
    finally:
        left = pick(None, io.StringIO())
        if left is not None:
            end_serve(left.pid)


@needs_bash
async def test_serve_as_a_background_job_of_a_terminal_goes_on_serving(
    runtime: Path, deck_file: Path, tmp_path: Path
) -> None:
    """``tui-slides serve DECK --ssh 2222 &``: reading its terminal would stop it (SIGTTIN)."""
    async with job_control(runtime, deck_file, tmp_path, "wait") as shell:
        await shell.prints(b"In the background: after fg, reading commands, one a line:")
        assert b"Reading commands" not in shell.raw  # it cannot, yet
        listing = pick(None, io.StringIO())
        assert listing is not None
        try:
            await moves_on(listing.path)
        finally:
            end_serve(listing.pid)
        assert await shell.exits() == 0


@needs_bash
async def test_serve_brought_to_the_foreground_says_it_reads_commands_and_takes_them(
    runtime: Path, deck_file: Path, tmp_path: Path
) -> None:
    """``serve &`` then ``fg``: it says it reads its commands now, and ``q`` ends it."""
    async with job_control(runtime, deck_file, tmp_path, "sleep 1; fg") as shell:
        await shell.prints(b"In the background: after fg, reading commands")
        await shell.prints(b"Reading commands, one a line:")  # once fg has brought it back
        shell.type(b"q\r")
        assert await shell.exits() == 0


async def start_child(
    deck_file: Path, tmp_path: Path, **popen: object
) -> tuple[asyncio.subprocess.Process, str]:
    """``tui-slides serve deck_file`` in a child process, once it says how to drive it; what
    it said."""
    env = {**os.environ, "TUI_SLIDES_DATA_DIR": str(tmp_path / "data")}
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui_slides", "serve", str(deck_file), "--ssh", "127.0.0.1:0",
        "--ssh-auth", "none", stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        env=env, **popen,  # type: ignore[arg-type]
    )  # fmt: skip
    assert child.stdout is not None
    said = ""
    while "Drive it with" not in said:
        line = await asyncio.wait_for(child.stdout.readline(), WAIT)
        assert line, said
        said += line.decode()
    return child, said


async def moves_on(path: Path) -> None:
    """A console joins the talk at ``path`` and moves it on: it is being served."""
    messages: list[Message] = []
    link = ConsoleLink(path, "talk", messages.append, lambda _joined: None)
    following = asyncio.create_task(link.run())
    try:
        await until(lambda: any(type(m) is State for m in messages), "the state")
        assert link.send(Command("next"))
        await until(lambda: any(type(m) is SlideChanged for m in messages), "the next slide")
    finally:
        following.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await following


@pytest.mark.parametrize("nohup", [False, True])
async def test_a_hang_up_ends_serve_as_sigterm_does_unless_it_runs_under_nohup(
    runtime: Path, deck_file: Path, tmp_path: Path, nohup: bool
) -> None:
    def ignore_hangups() -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    child, _said = await start_child(
        deck_file, tmp_path, preexec_fn=ignore_hangups if nohup else None
    )
    try:
        listing = pick(None, io.StringIO())
        assert listing is not None and listing.pid == child.pid
        await moves_on(listing.path)
        child.send_signal(signal.SIGHUP)
        if nohup:
            await moves_on(listing.path)  # still served
            child.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(child.wait(), WAIT) == 0
        assert not listing.path.exists()  # ended cleanly: its socket removed
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()


async def test_the_console_command_in_a_terminal_drives_a_served_talk_and_quits_alone(
    runtime: Path, deck_file: Path, tmp_path: Path
) -> None:
    child, said = await start_child(deck_file, tmp_path)
    try:
        port = re.search(r" -p (\d+) audience@", said)
        assert port, said
        conn, _chan, viewer = await asyncssh_viewer(int(port.group(1)))
        await until(lambda: viewer.status().endswith("1 / 5"), "the audience on slide 1")
        argv = [sys.executable, "-m", "tui_slides", "console"]
        env = client_env(XDG_RUNTIME_DIR=str(runtime))
        async with terminal(argv, CONSOLE_SIZE, env) as console:
            await console.shows("Greet the room.")
            console.type(b"n")
            await until(lambda: viewer.status().endswith("2 / 5"), "the audience on slide 2")
            await console.shows("Second notes")
            console.type(b"q")
            assert await console.exits() == 0
        listing = pick(None, io.StringIO())
        assert listing is not None and listing.pid == child.pid
        await moves_on(listing.path)  # still served, and a console joins again
        await until(lambda: viewer.status().endswith("3 / 5"), "the audience on slide 3")
        assert not viewer.closed
        conn.close()
    finally:
        if child.returncode is None:
            child.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(child.wait(), WAIT) == 0
