"""The command line's side of sharing: ``--ssh`` options checked and bound, and ``serve``.

``prepare`` turns the ``--ssh*`` options into ``ShareOptions`` with the port
bound, before any screen is taken (a port in use is said at once).
``serve`` runs a talk with no local screen: the server, the presentation, and
the simple commands read from standard input that drive it until the
presenter console does (one per line: ``n``, ``p``, a slide number, ``b``,
``r``, ``q``).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from tui_slides.deck.safety import visible
from tui_slides.share.options import DEFAULT_MAX_VIEWERS, ShareOptions, bind, make_options

if TYPE_CHECKING:
    from tui_slides.deck.model import Deck
    from tui_slides.presenting.presentation import Presentation
    from tui_slides.share.server import ShareServer

SERVE_HELP = (
    "commands, one a line: n or Enter (next), p (previous), a number (go to), b (blank),"
    " r (reload), q (quit)"
)
"""What ``serve`` says it reads on standard input."""


def prepare(
    address: str,
    *,
    auth: str = "code",
    keys: str | None = None,
    max_viewers: int | None = None,
) -> ShareOptions:
    """The options ``--ssh ADDRESS ...`` ask for, the port bound; ``ValueError`` says why not."""
    options = make_options(
        address,
        auth=auth,
        keys=keys,
        max_viewers=DEFAULT_MAX_VIEWERS if max_viewers is None else max_viewers,
    )
    try:
        sock = bind(options.host, options.port)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ValueError(f"cannot serve on {options.host}:{options.port}: {reason}") from None
    return replace(options, sock=sock)


def describe(server: ShareServer) -> list[str]:
    """What the presenter is told: how to join, the code, the host key."""
    host, port = server.address
    lines = [f"Audiences join with: {server.command}"]
    auth = server.options.auth
    if auth == "code":
        lines.append(f"Access code: {server.code}")
    elif auth == "keys":
        lines.append(f"Keys allowed: {visible(str(server.options.keys))}")
    else:
        lines.append("No authentication (--ssh-auth none): anyone who reaches the port watches")
    lines.append(f"Host key fingerprint: {server.fingerprint}")
    if host in ("127.0.0.1", "::1", "localhost"):
        lines.append(
            f"Listening on {host}:{port} only (this machine): --ssh 0.0.0.0:{port} exposes it"
        )
    return lines


def apply(presentation: Presentation, line: str, reload: Callable[[], Deck]) -> bool:
    """Carry out one ``serve`` command on ``presentation``; False for ``q`` (quit)."""
    command = line.strip().lower()
    if command in ("q", "quit"):
        return False
    if command in ("n", "next", ""):
        presentation.next()
    elif command in ("p", "prev", "previous"):
        presentation.previous()
    elif command in ("b", "blank"):
        presentation.toggle_blank()
    elif command in ("r", "reload"):
        presentation.reload(reload())
    elif command.isdigit():
        presentation.go_to(int(command) - 1)
    return True


def serve(
    deck: Deck,
    options: ShareOptions,
    *,
    start: int = 0,
    reload: Callable[[], Deck],
    out: TextIO = sys.stdout,
    commands: TextIO | None = None,
) -> int:
    """``tui-slides serve``: the talk for audiences only, until ``q``, Ctrl+C or SIGTERM."""
    from tui_slides.presenting.presentation import Presentation

    presentation = Presentation(deck, start)
    return asyncio.run(_serve(presentation, options, reload, out, commands))


async def _serve(
    presentation: Presentation,
    options: ShareOptions,
    reload: Callable[[], Deck],
    out: TextIO,
    commands: TextIO | None,
) -> int:
    from tui_slides.share.server import ShareServer

    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    server = ShareServer(presentation, options)
    await server.start()
    for line in describe(server):
        print(line, file=out)
    if commands is not None:
        print(f"Reading {SERVE_HELP}", file=out)
    out.flush()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, done.set)

    def command(line: str) -> None:
        try:
            going = apply(presentation, line, reload)
        except Exception as error:  # a bad reload must not end the talk
            print(f"tui-slides: {visible(str(error))}", file=out, flush=True)
            going = True
        if not going:
            done.set()

    if commands is not None:
        stream = commands

        def read() -> None:  # a daemon thread: a blocked read never holds up the exit
            for line in stream:
                loop.call_soon_threadsafe(command, line)

        threading.Thread(target=read, name="serve-commands", daemon=True).start()
    try:
        await done.wait()
    finally:
        await server.stop()
    return 0
