"""The command line's side of sharing: ``--ssh`` options checked and bound, and ``serve``.

``prepare`` turns the ``--ssh*`` options into ``ShareOptions`` with the port
bound, before any screen is taken (a port in use is said at once).
``serve`` runs a talk with no local screen: the server, the presentation, a
``ConsoleServer`` so that ``tui-slides console`` on this machine finds and
drives it (notes, clock, next slide, as with the presenter), and the simple
commands read from standard input (one per line: ``n``, ``p``, a slide number,
``b``, ``r``, ``q``). A console that quits leaves the talk running (it may join
again); only ``q`` on standard input, Ctrl+C or SIGTERM end it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui_slides.deck.safety import visible
from tui_slides.share.options import DEFAULT_MAX_VIEWERS, ShareOptions, bind, make_options

if TYPE_CHECKING:
    from tui_slides.deck.model import Deck
    from tui_slides.presenting.advance import Advance
    from tui_slides.presenting.console_server import ConsoleServer
    from tui_slides.presenting.presentation import Presentation
    from tui_slides.share.server import ShareServer

SERVE_HELP = (
    "commands, one a line: n or Enter (next), p (previous), a number (go to), b (blank),"
    " r (reload), a (resume --advance), q (quit)"
)
"""What ``serve`` says it reads on standard input."""
NO_MORE_COMMANDS = (
    "tui-slides: standard input ended: no more commands; serving on until Ctrl+C"
    " or SIGTERM (kill {0})"
)
"""What ``serve`` says when its standard input ends (its PID in it)."""


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


def apply(presentation: Presentation, line: str, reload: Callable[[], object]) -> bool:
    """Carry out one ``serve`` command on ``presentation``; False for ``q`` (quit).

    ``reload`` reads the deck again and gives it to the presentation (``Reloader``).
    As a key in the presenter, any command but ``a`` pauses the automatic advance,
    and ``a`` resumes it. ``ValueError`` for a line that is no command.
    """
    command = line.strip().lower()
    if command in ("q", "quit"):
        return False
    if command in ("a", "advance"):
        presentation.resume_advance()
        return True
    number = command.isdecimal()  # (int() reads any script's digits)
    if command not in _COMMANDS and not number:
        raise ValueError(f"not a command: {command[:40]!r} ({SERVE_HELP})")
    presentation.pause_advance()
    if command in ("n", "next", ""):
        presentation.next()
    elif command in ("p", "prev", "previous"):
        presentation.previous()
    elif command in ("b", "blank"):
        presentation.toggle_blank()
    elif command in ("r", "reload"):
        reload()
    else:  # a slide number, of any length: past the last is the last, as in the presenter
        digits = command.lstrip("0") or "0"
        presentation.go_to(int(digits) - 1 if len(digits) <= 9 else len(presentation.deck.slides))
    return True


_COMMANDS = frozenset(("n", "next", "", "p", "prev", "previous", "b", "blank", "r", "reload"))
"""``serve``'s commands but ``q``, ``a`` and slide numbers."""


class Reloader:
    """Reads the deck again for ``presentation`` (``r``, or a console's reload), says how it went.

    A deck that fails to load is said on ``out`` and to the consoles (the
    presentation's ``report_problem``); the last good deck goes on being shown.
    """

    def __init__(
        self, presentation: Presentation, load: Callable[[], Deck], out: TextIO, name: str
    ) -> None:
        self.presentation = presentation
        self.load = load
        self.out = out
        self.name = name
        """The deck's name, as messages on ``out`` call it."""

    def __call__(self) -> bool:
        """Reload once; True if the new deck is shown."""
        from tui_slides.deck.errors import DeckError

        try:
            deck = self.load()
        except DeckError as error:
            problem = str(error)
        except OSError as error:
            problem = f"{self.name}: {error.strerror or error}"
        except Exception as error:  # a bug in loading must not end the talk
            problem = f"{self.name}: {type(error).__name__}: {error}"
        else:
            self.presentation.reload(deck)
            total = len(deck.slides)
            self._say(f"Reloaded {self.name}: {total} slide{'' if total == 1 else 's'}")
            return True
        self.presentation.report_problem(problem)
        self._say(f"tui-slides: reload failed, still showing the last good deck:\n{problem}")
        return False

    def _say(self, text: str) -> None:
        print(visible(text), file=self.out, flush=True)


def serve(
    deck: Deck,
    options: ShareOptions,
    *,
    start: int = 0,
    reload: Callable[[], Deck],
    path: str | os.PathLike[str] | None = None,
    advance: float | None = None,
    loop: bool = False,
    out: TextIO = sys.stdout,
    commands: TextIO | None = None,
) -> int:
    """``tui-slides serve``: the talk for audiences only, until ``q``, Ctrl+C or SIGTERM.

    ``path``: the deck's file or folder, for consoles to join (none without it);
    ``advance``: move on every that many seconds (``--advance``); ``loop``: ``--loop``.
    """
    from tui_slides.presenting.presentation import Presentation

    presentation = Presentation(deck, start, loop=loop)
    return asyncio.run(
        _serve(presentation, options, reload, out, commands, path=path, advance=advance)
    )


async def _serve(
    presentation: Presentation,
    options: ShareOptions,
    reload: Callable[[], Deck],
    out: TextIO,
    commands: TextIO | None,
    *,
    path: str | os.PathLike[str] | None = None,
    advance: float | None = None,
    stop: asyncio.Event | None = None,
) -> int:
    """``serve``'s run in the running loop; ``stop`` (set from the loop) ends it as ``q`` does."""
    from tui_slides.share.server import ShareServer
    from tui_slides.share.stdin import in_background, read_commands

    loop = asyncio.get_running_loop()
    done = stop or asyncio.Event()
    name = Path(path).name if path is not None else "the deck"
    again = Reloader(presentation, reload, out, name)
    server = ShareServer(presentation, options)
    await server.start()
    for line in describe(server):
        print(line, file=out)
    console = await _console_server(presentation, path, again, out)
    if commands is not None and in_background(commands):  # `serve &`: said as it is
        print(f"In the background: after fg, reading {SERVE_HELP}", file=out)
    elif commands is not None:
        print(f"Reading {SERVE_HELP}", file=out)
    out.flush()
    handled = []
    for signum in _ending_signals():
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, done.set)
            handled.append(signum)

    def command(line: str) -> None:
        try:
            going = apply(presentation, line, again)
        except Exception as error:  # a command must never end the talk
            print(f"tui-slides: {visible(str(error))}", file=out, flush=True)
            going = True
        if not going:
            done.set()

    def no_more_commands() -> None:  # Ctrl+D, or a pipe's end: typing on would seem ignored
        print(NO_MORE_COMMANDS.format(os.getpid()), file=out, flush=True)

    def reading_now() -> None:  # `fg`: the commands are read from here on
        print(f"Reading {SERVE_HELP}", file=out, flush=True)

    if commands is not None:
        read_commands(
            commands,
            lambda line: loop.call_soon_threadsafe(command, line),
            lambda: loop.call_soon_threadsafe(no_more_commands),
            lambda: loop.call_soon_threadsafe(reading_now),
        )
    timer = _advance(presentation, advance)
    try:
        await done.wait()
    finally:
        for signum in handled:
            loop.remove_signal_handler(signum)
        if timer is not None:
            timer.close()
        if console is not None:
            console.close()
        await server.stop()
    return 0


def _ending_signals() -> list[signal.Signals]:
    """Ctrl+C, SIGTERM and a hang-up end ``serve`` cleanly (not a hang-up ``nohup`` ignores)."""
    ending = [signal.SIGINT, signal.SIGTERM]
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is not None and signal.getsignal(hangup) is not signal.SIG_IGN:
        ending.append(hangup)
    return ending


async def _console_server(
    presentation: Presentation,
    path: str | os.PathLike[str] | None,
    reload: Callable[[], object],
    out: TextIO,
) -> ConsoleServer | None:
    """Listen for ``tui-slides console`` (and say how to run it); None if it cannot."""
    if path is None:
        return None
    from tui_slides.presenting import rendezvous
    from tui_slides.presenting.console_server import ConsoleServer

    name = rendezvous.deck_name(path)
    try:
        console = ConsoleServer(
            presentation,
            rendezvous.socket_path(name),
            deck=str(Path(path).resolve()),
            name=name,
            reload=reload,
        )
        await console.start()
    except (OSError, rendezvous.UnsafeFolder) as error:
        reason = visible(str(error))
        print(f"tui-slides: no presenter console for this talk: {reason}", file=out)
        return None
    joined = f"{visible(name)}.{os.getpid()}"
    print(f"Drive it with: tui-slides console (--join {joined} when several talks run)",
          file=out)  # fmt: skip
    return console


def _advance(presentation: Presentation, seconds: float | None) -> Advance | None:
    """``--advance``: move on every ``seconds``, on the running loop's timers."""
    if seconds is None:
        return None
    from tui_slides.presenting.advance import Advance

    loop = asyncio.get_running_loop()

    def schedule(delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        return loop.call_later(delay, callback).cancel

    timer = Advance(presentation, seconds, schedule)
    timer.start()
    return timer
