"""``serve``'s commands from standard input, read in a thread that never holds the talk up.

Standard input may be a pipe, a file, closed, or a terminal; the talk runs on
whatever it is. On a terminal, ``serve`` may be a background job
(``tui-slides serve DECK --ssh 2222 &``): reading then would stop the whole
process (SIGTTIN), audiences and consoles included, so the commands are read
only while it is in the foreground (after ``fg``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import threading
import time
from collections.abc import Callable
from typing import TextIO

POLL = 0.5
"""Seconds between two looks at whether a background ``serve`` came to the foreground."""


def read_commands(
    stream: TextIO,
    take: Callable[[str], object],
    ended: Callable[[], object] | None = None,
    foreground: Callable[[], object] | None = None,
) -> threading.Thread:
    """Hand each line of ``stream`` to ``take`` (from a daemon thread) until its end; then
    call ``ended`` (the end of the input, not an input that cannot be read).
    ``foreground``: called each time a background job is brought to the foreground (``fg``),
    before it reads."""
    terminal = _is_terminal(stream)
    if terminal:  # a read or write in the background fails instead of stopping the process
        for signum in (signal.SIGTTIN, signal.SIGTTOU):
            with contextlib.suppress(ValueError, OSError):  # (not the main thread: as it was)
                signal.signal(signum, signal.SIG_IGN)

    def read() -> None:
        waited = False
        while True:
            if terminal and not _in_foreground(stream):
                waited = True
                time.sleep(POLL)
                continue
            if waited and foreground is not None:
                foreground()
            waited = False
            try:
                line = stream.readline()
            except OSError as error:
                if terminal and error.errno == errno.EIO:  # put in the background meanwhile
                    waited = True
                    time.sleep(POLL)
                    continue
                return  # unreadable (nohup's): no commands, the talk goes on
            except ValueError:  # closed
                return
            if not line:  # the end of the input: the talk goes on until Ctrl+C or SIGTERM
                if ended is not None:
                    ended()
                return
            take(line)

    thread = threading.Thread(target=read, name="serve-commands", daemon=True)
    thread.start()  # a daemon: a blocked read never holds up the exit
    return thread


def in_background(stream: TextIO) -> bool:
    """True when ``stream`` is the terminal of a job in the background (``serve &``): its
    commands wait for ``fg``."""
    return _is_terminal(stream) and not _in_foreground(stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return os.isatty(stream.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor (a StringIO)
        return False


def _in_foreground(stream: TextIO) -> bool:
    try:
        return os.tcgetpgrp(stream.fileno()) == os.getpgrp()
    except (OSError, ValueError):
        return True
