"""``--ssh`` on the command line, and ``tui-slides serve``: the talk with no local screen."""

from __future__ import annotations

import asyncio
import os
import re
import resource
import signal
import socket
import sys
from pathlib import Path

import pytest
from share_support import TOUR, WAIT, asyncssh_viewer, until

from tui_slides.cli import main
from tui_slides.commands import option_types
from tui_slides.share.terminal import LEAVE


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--ssh", "nope"], "not a port number: 'nope'"),
        (["--ssh", "2222", "--ssh-auth", "keys"], "--ssh-auth keys needs --ssh-keys FILE"),
        (["--ssh-auth", "none"], "go with --ssh"),
        # worded as --http-max-viewers' are: the option named, then what is wrong
        (
            ["--ssh", "2222", "--ssh-max-viewers", "0"],
            "argument --ssh-max-viewers: must be at least 1",
        ),
        (
            ["--ssh", "2222", "--ssh-max-viewers", "x\x1b"],
            "--ssh-max-viewers: not a whole number: 'x␛'",
        ),
    ],
)
def test_bad_sharing_options_are_usage_errors(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(TOUR), *extra]) == 2
    assert message in capsys.readouterr().err


def test_a_port_in_use_is_said_before_the_screen_is_taken(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main([str(TOUR), "--ssh", f"127.0.0.1:{port}"]) == 2
    assert f"cannot serve on 127.0.0.1:{port}: Address already in use" in capsys.readouterr().err


def test_serve_needs_a_port(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(TOUR)]) == 2
    assert "serve needs --ssh [HOST:]PORT" in capsys.readouterr().err


async def start_serve(tmp_path: Path, *extra: str) -> tuple[asyncio.subprocess.Process, int, str]:
    """``tui-slides serve`` in a child process; it, its port, and what it said first."""
    env = {**os.environ, "TUI_SLIDES_DATA_DIR": str(tmp_path / "data")}
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui_slides", "serve", str(TOUR), "--ssh", "127.0.0.1:0", *extra,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    assert child.stdout is not None
    said = ""
    while "Reading commands" not in said:
        line = await asyncio.wait_for(child.stdout.readline(), WAIT)
        assert line, said
        said += line.decode()
    found = re.search(r"ssh -C -p (\d+) audience@127\.0\.0\.1", said)
    assert found, said
    return child, int(found.group(1)), said


async def test_serve_follows_its_commands_and_says_goodbye(tmp_path: Path) -> None:
    child, port, said = await start_serve(tmp_path, "--ssh-auth", "none")
    assert "Host key fingerprint: SHA256:" in said
    assert child.stdin is not None
    conn, _chan, viewer = await asyncssh_viewer(port)
    await until(lambda: viewer.status().endswith("1 / 12"), "slide 1")
    for command, shown in ((b"n\n", "2 / 12"), (b"\n", "3 / 12"), (b"7\n", "7 / 12")):
        child.stdin.write(command)
        await until(lambda s=shown: viewer.status().endswith(s), shown)
    child.stdin.write(b"b\n")
    await until(lambda: not "".join(viewer.screen.display).strip(), "blank")
    child.stdin.write(b"q\n")
    assert await asyncio.wait_for(child.wait(), WAIT) == 0
    await until(lambda: bytes(viewer.data).endswith(LEAVE), "the goodbye")
    conn.close()


async def test_serve_asks_for_the_code_and_stops_on_sigterm(tmp_path: Path) -> None:
    child, port, said = await start_serve(tmp_path)
    code = re.search(r"Access code: (\S+)", said)
    assert code, said
    conn, _chan, viewer = await asyncssh_viewer(port, password=code.group(1))
    await until(lambda: viewer.status().endswith("1 / 12"), "slide 1")
    child.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(child.wait(), WAIT) == 0
    await until(lambda: bytes(viewer.data).endswith(LEAVE), "the goodbye")
    conn.close()


@pytest.mark.parametrize("option", ["--ssh-max-viewers", "--http-max-viewers"])
def test_more_viewers_than_the_process_may_open_files_for_is_a_usage_error(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    limit, _ = resource.getrlimit(resource.RLIMIT_NOFILE)  # what `ulimit -n` says
    room = limit - option_types.OWN_FILES
    serve = ["--ssh", "2222"] if option.startswith("--ssh") else ["--http", "0"]
    assert main([str(TOUR), *serve, option, str(room + 1)]) == 2
    err = capsys.readouterr().err
    assert f"argument {option}: {room + 1} viewers need {limit + 1} open files" in err
    assert f"this shell allows {limit}: at most {room}, or raise the limit (ulimit -n)" in err
    assert option_types.viewers(str(room)) == room  # as many as fit: accepted
