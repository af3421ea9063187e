"""The presenter in a real pseudo-terminal: keys as xterm and tmux send them, and signals.

SIGTERM and SIGHUP end the presenter as ``q`` does: the terminal is put back as it was.
Shift+F3 arrives as ``CSI 1;2R`` from xterm and tmux.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import DECKS, ROOT

ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()=>][0-9A-Za-z]?"
)
PUT_BACK = (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l")
"""Out of the alternate screen, the cursor shown, the mouse not reported."""


def read_until(master: int, done: object, seconds: float = 20.0) -> bytes:
    """What the child writes until ``done(written)`` or the end, bounded by ``seconds``."""
    written = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not done(written):  # type: ignore[operator]
        if not select.select([master], [], [], 0.2)[0]:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child is gone and the pty closed
            break
        if not chunk:
            break
        written += chunk
        if b"\x1b[c" in chunk:  # device attributes: answer as xterm, so nothing waits
            os.write(master, b"\x1b[?62;22c")
    return written


def start(*argv: str) -> tuple[subprocess.Popen[bytes], int]:
    """The presenter on ``argv`` in a 100x30 pseudo-terminal: the child and the pty's master."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TMUX", "STY"))}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-m", "tui_slides", *argv, "--images", "cells"],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    return child, master


def stop(child: subprocess.Popen[bytes], master: int) -> None:
    if child.poll() is None:
        child.kill()
        child.wait()
    os.close(master)


def screen_has(text: bytes) -> object:
    return lambda written: text in ESCAPES.sub(b"", written)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_quits_the_presenter_and_puts_the_terminal_back(number: int) -> None:
    child, master = start(str(DECKS / "tour.json5"))
    try:
        shown = read_until(master, screen_has(b" 1 / "))
        assert b" 1 / " in ESCAPES.sub(b"", shown), shown[-300:]
        child.send_signal(number)
        after = read_until(master, lambda w: all(code in w for code in PUT_BACK))
        assert child.wait(10) == 0
        for code in PUT_BACK:
            assert code in after
    finally:
        stop(child, master)


def test_shift_f3_as_xterm_and_tmux_send_it_goes_to_the_previous_match() -> None:
    child, master = start(str(DECKS / "tour.json5"))
    try:
        read_until(master, screen_has(b" 1 / "))
        for keys in (b"/", b"slide", b"\r"):  # search, as a person types it
            os.write(master, keys)
            time.sleep(0.3)
        rank_of = re.compile(rb"(\d+) of (\d+) matches")  # the status bar, once Enter chose one
        found = read_until(master, lambda w: rank_of.search(ESCAPES.sub(b"", w)), seconds=5)
        counts = rank_of.findall(ESCAPES.sub(b"", found))
        assert counts, ESCAPES.sub(b"", found)[-400:]
        rank, total = (int(n) for n in counts[-1])
        os.write(master, b"\x1b[1;2R")  # Shift+F3 in xterm and tmux
        before = rank - 1 if rank > 1 else total
        moved = read_until(master, screen_has(f"{before} of {total} matches".encode()), 5)
        assert f"{before} of {total} matches".encode() in ESCAPES.sub(b"", moved)
        os.write(master, b"q")
        assert child.wait(10) == 0
    finally:
        stop(child, master)


def test_a_slide_change_draws_the_screen_once(tmp_path: Path) -> None:
    """Slides taller than the screen, each of its own height: one frame per change.

    Textual drew a scroll container once more when its content's height changed
    (``app.scroll``): the whole slide went to the terminal twice.
    """
    slides = [
        {"ID": str(number), "content": [{"title": f"Heading {number}", "text": "\n".join(
            f"line {row} of slide {number}" for row in range(rows)
        )}]}
        for number, rows in enumerate((40, 50, 60), 1)
    ]  # fmt: skip
    deck = tmp_path / "tall.json"
    deck.write_text(json.dumps({"slides": slides}), encoding="utf-8")
    child, master = start(str(deck))
    try:
        read_until(master, screen_has(b" 1 / 3"))
        read_until(master, lambda written: False, 1.0)  # start-up's later frames, if any
        for number in (2, 3):
            os.write(master, b"n")
            written = read_until(master, screen_has(f" {number} / 3".encode()))
            written += read_until(master, lambda written: False, 0.5)
            assert ESCAPES.sub(b"", written).count(f"Heading {number}".encode()) == 1
    finally:
        stop(child, master)
