"""Helpers for the SSH share tests: a server on a free loopback port, real clients in a pty.

``Terminal`` runs a command (OpenSSH's ``ssh``) in a pseudo-terminal and feeds
what it prints to a ``pyte`` screen, so a test reads what a person would see.
Every wait is bounded; every process is ended when its test ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import shutil
import signal
import struct
import subprocess
import termios
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import asyncssh
import pyte
import pytest

from tui_slides.deck.loader import load_deck
from tui_slides.presenting.presentation import Presentation
from tui_slides.share.options import ShareOptions
from tui_slides.share.server import ShareServer

ROOT = Path(__file__).resolve().parent.parent
TOUR = ROOT / "decks" / "tour.json5"
WAIT = 10.0
"""Seconds any one wait may take before the test fails (a real client on a loaded machine)."""
CODE = "abcd-efgh"
"""The access code the tests' servers use (a real run makes a random one)."""
SSH = shutil.which("ssh")
needs_ssh = pytest.mark.skipif(SSH is None, reason="OpenSSH's ssh client is not installed")


def ssh_args(port: int, *extra: str, command: Sequence[str] = ()) -> list[str]:
    """``ssh`` to the test server (then ``command``): no config, no known hosts."""
    return [
        "ssh",
        "-F", "/dev/null",
        "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=ERROR",
        "-o", "ConnectTimeout=5",
        "-p", str(port),
        *extra,
        "audience@127.0.0.1",
        *command,
    ]  # fmt: skip


def client_env(**more: str) -> dict[str, str]:
    """The environment for a client: no agent, a 256-colour terminal type."""
    env = {k: v for k, v in os.environ.items() if k not in ("SSH_AUTH_SOCK", "SSH_AGENT_PID")}
    env.update(TERM="xterm-256color", **more)
    return env


@contextlib.asynccontextmanager
async def serving(
    tmp_path: Path,
    presentation: Presentation | None = None,
    *,
    after_repaint: Callable[[Callable[[], None]], object] | None = None,
    **options: object,
) -> AsyncIterator[ShareServer]:
    """A ``ShareServer`` on a free port of 127.0.0.1, its host key under ``tmp_path``.

    ``after_repaint``: as the presenter's app gives it (``ShareServer``).
    """
    presentation = presentation or Presentation(load_deck(TOUR))
    settings: dict[str, object] = {"port": 0, "code": CODE, "data_dir": tmp_path / "data"}
    settings.update(options)
    server = ShareServer(
        presentation,
        ShareOptions(**settings),  # type: ignore[arg-type]
        after_repaint=after_repaint,
    )
    await server.start()
    try:
        yield server
    finally:
        await asyncio.wait_for(server.stop(), WAIT)


async def until(condition: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    """Wait until ``condition()`` holds, checking every 10 ms; fail after ``timeout``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


class Terminal:
    """A command in a pseudo-terminal of a given size, read through a terminal emulator."""

    def __init__(self, argv: Sequence[str], size: tuple[int, int], env: dict[str, str]) -> None:
        columns, rows = size
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        """Every byte the command wrote to the terminal."""
        master, slave = os.openpty()
        self.master = master
        self._set_size(columns, rows)

        def controlling_terminal() -> None:  # in the child: the pty is its terminal
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            preexec_fn=controlling_terminal,
            close_fds=True,
        )
        os.close(slave)
        os.set_blocking(master, False)
        self._loop = asyncio.get_running_loop()
        self._loop.add_reader(master, self._read)

    def _set_size(self, columns: int, rows: int) -> None:
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def _read(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except OSError:
            data = b""
        if not data:
            self._loop.remove_reader(self.master)
            return
        self.raw += data
        self.stream.feed(data)

    @property
    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def line(self, row: int) -> str:
        """Row ``row`` of the screen (negative from the bottom), trailing spaces cut."""
        return self.screen.display[row].rstrip()

    async def shows(self, text: str, timeout: float = WAIT) -> None:
        """Wait until ``text`` is on the screen."""
        await until(lambda: text in self.text, f"{text!r} on screen:\n{self.text}", timeout)

    async def prints(self, data: bytes, timeout: float = WAIT) -> None:
        """Wait until the command has written ``data``."""
        await until(lambda: data in self.raw, f"{data!r} in the output", timeout)

    def type(self, data: bytes) -> None:
        """Keys typed at the terminal."""
        os.write(self.master, data)

    def resize(self, columns: int, rows: int) -> None:
        """The window changed size: the pty tells the command (SIGWINCH)."""
        self.screen.resize(rows, columns)
        self._set_size(columns, rows)

    async def exits(self, timeout: float = WAIT) -> int:
        """Wait for the command to end; its exit status."""
        await until(lambda: self.process.poll() is not None, "the client to exit", timeout)
        await asyncio.sleep(0.05)  # the last bytes
        return self.process.returncode

    async def close(self) -> None:
        """End the command if it still runs (the loop serving it keeps running), free the pty."""
        with contextlib.suppress(ValueError, OSError):
            self._loop.remove_reader(self.master)
        await stop(self.process)
        with contextlib.suppress(OSError):
            os.close(self.master)


@contextlib.asynccontextmanager
async def terminal(
    argv: Sequence[str], size: tuple[int, int] = (100, 30), env: dict[str, str] | None = None
) -> AsyncIterator[Terminal]:
    """``Terminal`` for the duration of a ``with`` block."""
    term = Terminal(argv, size, env or client_env())
    try:
        yield term
    finally:
        await term.close()


async def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL after ``WAIT``: waited for without blocking the event loop."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            await until(lambda: process.poll() is not None, "the process to end")
        except AssertionError:
            process.kill()
            await until(lambda: process.poll() is not None, "the process to die")


async def run(
    argv: Sequence[str], *, stdin: bytes = b"", env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run ``argv`` without a terminal; ``(status, stdout + stderr)``, bounded in time."""
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env=env or client_env(),
    )
    try:
        out, _ = await asyncio.wait_for(process.communicate(stdin), WAIT)
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()
        raise
    return process.returncode or 0, out.decode(errors="replace")


class Received(asyncssh.SSHClientSession[bytes]):
    """An asyncssh viewer's session: keeps every byte it is sent, and the screen they draw."""

    def __init__(self, size: tuple[int, int] = (100, 30)) -> None:
        self.data = bytearray()
        self.closed = False
        self.screen = pyte.Screen(*size)
        self._stream = pyte.ByteStream(self.screen)

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.data += data
        self._stream.feed(data)

    def status(self) -> str:
        """The bottom line of its screen, trailing spaces cut."""
        return self.screen.display[-1].rstrip()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True


async def asyncssh_viewer(
    port: int,
    *,
    size: tuple[int, int] = (100, 30),
    term_type: str = "xterm-256color",
    password: str | None = None,
    window: int = 2 * 1024 * 1024,
) -> tuple[asyncssh.SSHClientConnection, asyncssh.SSHClientChannel[bytes], Received]:
    """A viewer through asyncssh's client, with a pty of ``size``: connection, channel, session."""
    conn = await asyncio.wait_for(
        asyncssh.connect(
            "127.0.0.1",
            port,
            username="audience",
            password=password,
            known_hosts=None,
            client_keys=None,
            agent_path=None,
            preferred_auth="password,keyboard-interactive" if password else (),
            config=None,
        ),
        WAIT,
    )
    chan, session = await conn.create_session(
        lambda: Received(size), term_type=term_type, term_size=size, encoding=None, window=window
    )
    return conn, chan, session
