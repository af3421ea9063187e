"""The talk served over SSH: ``ShareServer`` follows a ``Presentation`` and draws it for viewers.

It runs in the event loop already running (the presenter's Textual loop, or
``serve``'s own): no extra process and no Textual app per viewer. Viewers get
frames from one ``Frames`` cache and diffs from one ``ScreenDiff`` cache; after
each change the places the presenter may go next (the next and previous step,
the neighbouring slides) are drawn ahead for every size connected.

A viewer following the presenter sees the presenter's slide at the presenter's
reveal step. A viewer browsing on its own sees the slides before the
presenter's complete (they have been shown), the presenter's at its step, and
the slides after it at their first step only: nothing the presenter has not
revealed yet (``shown_step``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import asyncssh

from tui_slides.deck.steps import step_label
from tui_slides.presenting.events import (
    BlankChanged,
    DeckReloaded,
    Event,
    SlideChanged,
    StepChanged,
)
from tui_slides.presenting.navigation import walk
from tui_slides.share.auth import new_code
from tui_slides.share.door import Door
from tui_slides.share.frames import Frames, Line
from tui_slides.share.hostkey import data_dir, fingerprint, load_host_key
from tui_slides.share.options import bind
from tui_slides.share.screen import ScreenDiff, ScreenKey
from tui_slides.share.terminal import CLEAR, ENTER
from tui_slides.share.viewer import Viewer

if TYPE_CHECKING:
    from tui_slides.presenting.presentation import Presentation
    from tui_slides.share.options import ShareOptions

log = logging.getLogger("tui_slides.share")

BATCH = 32
"""Viewers written to in one turn of the event loop."""
STOP_WAIT = 1.0
"""Seconds ``stop`` waits for viewers' sessions to close before closing their connections."""
SEND_DELAY = 0.01
"""Seconds between the presenter's repaint and the start of sending it to viewers.

Textual's writer thread puts the presenter's frame on its terminal, and needs the
GIL to do so; sending to viewers at once would hold it (a write is ~0.1 ms of
Python: 20 ms for 200 viewers) while the frame waits. With 200 viewers the
presenter's next slide took 2.0x its time alone, 1.5-1.7x with start-up's short
switch interval alone, 0.96-0.98x with this (``benchmarks/ssh_viewers.py
--presenter``); the viewers' 95th percentile stays far under 100 ms."""
KEEPALIVE = 15.0
"""Seconds between keepalives; three unanswered and the connection is dropped."""
SHOWN: frozenset[type[Event]] = frozenset((SlideChanged, StepChanged, BlankChanged, DeckReloaded))
"""The events that change what viewers see."""


MORE_BELOW = " ▼ more below"
"""A viewer's status line on a slide cut off by its terminal (the long form tells why)."""


class ShareServer:
    """Serves one ``Presentation`` to SSH viewers; ``start`` it in a running event loop."""

    def __init__(
        self,
        presentation: Presentation,
        options: ShareOptions,
        *,
        on_change: Callable[[], None] | None = None,
        after_repaint: Callable[[Callable[[], None]], object] | None = None,
    ) -> None:
        """Serve ``presentation`` as ``options`` say (on ``options.sock`` if bound already).

        ``on_change`` is called whenever viewers join or leave (the audience count).
        ``after_repaint(callback)`` runs ``callback`` once the presenter's own screen is
        repainted (the app's ``call_after_refresh``): audiences are sent a change after it.
        """
        self.presentation = presentation
        self.options = options
        self.code = (options.code or new_code()) if options.auth == "code" else ""
        """The access code viewers type (``auth`` ``code``), new each run; "" with keys or
        none (then no notice or panel names one: it would let no one in)."""
        self.key = load_host_key(data_dir(options.data_dir))
        self.fingerprint = fingerprint(self.key)
        """The host key's fingerprint, ``SHA256:...``, the same every run."""
        self.frames = Frames()
        self.diffs = ScreenDiff(self.frames.sgr)
        self.viewers: list[Viewer] = []
        """The viewers shown the talk now, in the order they joined."""
        self.refusals: list[str] = []
        """What was refused, in order (``exec``, ``subsystem``, ``forwarding``...): for the log."""
        self.authorized: list[asyncssh.SSHKey] = []
        if options.auth == "keys" and options.keys is not None:
            self.authorized = list(asyncssh.read_public_key_list(options.keys))
        self._on_change = on_change
        self._after_repaint = after_repaint
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._version = 0
        self._ahead: asyncio.Task[None] | None = None
        self._pending = False
        """A change not yet sent to every viewer."""
        self._sending: asyncio.Task[None] | None = None
        self.doors = Door.Registry(self)

    # -- starting and stopping -----------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        """The host and port served (the port chosen once started, if 0 was asked)."""
        if self._acceptor is not None:
            sockets = self._acceptor.sockets
            if sockets:
                name = sockets[0].getsockname()
                return str(name[0]), int(name[1])
        return self.options.host, self.options.port

    @property
    def command(self) -> str:
        """The command an audience member types to join.

        With ``-C`` (compression; any ``ssh`` joins without it too): a slide change of
        the benchmark deck at 100x30 is 2.4 KB of new text and cursor moves, 0.3 KB
        over the wire compressed (``benchmarks/ssh_viewers.py --compress``).
        """
        host, port = self.address
        shown = f"[{host}]" if ":" in host else host
        if host in ("0.0.0.0", "::"):
            shown = "HOST"
        return f"ssh -C -p {port} audience@{shown}" if port != 22 else f"ssh -C audience@{shown}"

    async def start(self) -> None:
        """Listen for viewers and follow the presentation (``OSError`` if the port is taken)."""
        sock = self.options.sock
        if sock is None:
            sock = bind(self.options.host, self.options.port)
        self._acceptor = await asyncssh.listen(
            sock=sock,
            server_factory=self.doors.new,
            server_host_keys=[self.key],
            login_timeout=self.options.login_timeout,
            keepalive_interval=KEEPALIVE,
            keepalive_count_max=3,
            agent_forwarding=False,
            x11_forwarding=False,
            allow_scp=False,
            sftp_factory=None,
            line_editor=False,
            encoding=None,
            server_version="tui-slides",
        )
        self._unsubscribe = self.presentation.subscribe(self._on_event)

    async def stop(self) -> None:
        """Say goodbye to every viewer and stop listening."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for task in (self._ahead, self._sending):
            if task is not None:
                task.cancel()
        closing = [viewer.chan for viewer in self.viewers if viewer.chan is not None]
        for viewer in list(self.viewers):
            viewer.leave()
        if closing:  # their exit status and goodbye out before the connections close
            waits = [asyncio.ensure_future(chan.wait_closed()) for chan in closing]
            _done, late = await asyncio.wait(waits, timeout=STOP_WAIT)
            for wait in late:
                wait.cancel()
        self.doors.close_all()
        if self._acceptor is not None:
            self._acceptor.close()
            await self._acceptor.wait_closed()
            self._acceptor = None

    # -- viewers -------------------------------------------------------------------------

    def join(self, viewer: Viewer) -> bool:
        """Show ``viewer`` the talk; False when ``max_viewers`` are watching already."""
        if len(self.viewers) >= self.options.max_viewers:
            self.refusals.append("full")
            return False
        self.viewers.append(viewer)
        viewer.joined = True
        viewer.write(ENTER)
        self.refresh(viewer)
        self._changed()
        self._render_ahead()
        return True

    def part(self, viewer: Viewer) -> None:
        """``viewer`` is gone."""
        if viewer.joined:
            viewer.joined = False
            with contextlib.suppress(ValueError):
                self.viewers.remove(viewer)
            self._changed()

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()

    def viewer_key(self, viewer: Viewer, action: str) -> None:
        """A viewer's own key: browse (next, prev, first, last) or follow the presenter.

        While the presenter blanks the screen, browsing keys do nothing: the viewer sees
        nothing move, so it must not find itself elsewhere once the slides come back.
        """
        presentation = self.presentation
        total = presentation.total
        if presentation.blank and action != "follow":
            return
        if action == "follow":
            viewer.browsing = None
        elif total:
            at = presentation.index if viewer.browsing is None else viewer.browsing
            moved = {"next": at + 1, "prev": at - 1, "first": 0, "last": total - 1}[action]
            moved = max(0, min(total - 1, moved))
            viewer.browsing = None if moved == presentation.index else moved
        self.refresh(viewer)
        self._render_ahead()

    # -- what each viewer is shown -------------------------------------------------------

    def screen(self, viewer: Viewer) -> tuple[ScreenKey, tuple[Line, ...]]:
        """The screen ``viewer`` should show now, and its key."""
        presentation = self.presentation
        if presentation.blank:
            return ("blank", viewer.size), self.frames.blank(viewer.size)
        browsing = viewer.browsing is not None
        index = presentation.index if viewer.browsing is None else viewer.browsing
        return self._screen_at(viewer, index, self.shown_step(index), browsing=browsing)

    def shown_step(self, index: int) -> int:
        """The reveal step viewers see slide ``index`` at: the presenter's step on the
        presenter's slide, complete before it, the first step after it (no spoilers)."""
        presentation = self.presentation
        if index == presentation.index:
            return presentation.step
        return self._last_step(index) if index < presentation.index else 0

    def _last_step(self, index: int) -> int:
        slides = self.presentation.deck.slides
        return slides[index].step_plan.last if 0 <= index < len(slides) else 0

    def _screen_at(
        self, viewer: Viewer, index: int, step: int, *, browsing: bool
    ) -> tuple[ScreenKey, tuple[Line, ...]]:
        """The screen of slide ``index`` at ``step``, at ``viewer``'s size and colours, with
        its status line."""
        presentation = self.presentation
        width, rows = viewer.size
        colours = viewer.colours
        frame_key, body = self.frames.body(
            presentation.deck, self._version, index, step, (width, rows - 1), colours
        )
        total = presentation.total
        steps = presentation.deck.slides[index].step_plan.count if total else 1
        dots = step_label(min(step, steps - 1), steps)  # the presenter's step dots: ●●○
        if browsing:
            left = " Esc or f: follow · q: leave"
            right = f"browsing {index + 1} / {total}, presenter at {presentation.position} "
        else:
            left, right = " q: leave · ←/→: browse", f"{index + 1} / {total} "
        right = f"{dots} {right}" if dots else right  # the counter stays at the line's end
        if self.frames.continues(frame_key):  # a viewer cannot scroll: a taller window shows it
            room = width - len(right)
            hints = (f"{MORE_BELOW}: make the window taller ·{left}", MORE_BELOW)
            left = next((hint for hint in hints if len(hint) < room), "")  # never cut in a word
            if not left:  # no room for the words: the mark alone, by the counter
                right = f"▼ {right}"
        status = self.frames.status(left, right, width, colours)
        return (frame_key, left, right), (*body, status)

    def refresh(self, viewer: Viewer) -> None:
        """Send ``viewer`` what changed since its last screen (nothing while it is backed up)."""
        if viewer.paused or not viewer.joined:
            return  # resume_writing calls again: the latest screen then, none in between
        key, lines = self.screen(viewer)
        if key == viewer.sent_key:
            return
        old_key = viewer.sent_key if viewer.sent is not None else ("clear", viewer.size)
        data = self.diffs.diff(old_key, viewer.sent, key, lines, viewer.colours)
        if viewer.sent is None:
            data = CLEAR + data
        viewer.sent_key, viewer.sent = key, lines
        viewer.write(data)

    async def _send_all(self) -> None:
        """Bring every viewer up to date, ``BATCH`` at a time: between two batches the loop
        is free for the presenter's own screen (a write costs ~0.1 ms: 200 viewers, 20 ms)."""
        while self._pending:
            self._pending = False
            for number, viewer in enumerate(list(self.viewers)):
                if number and not number % BATCH:
                    await asyncio.sleep(0)
                self.refresh(viewer)  # the screen wanted now: a change since is sent too
        self._render_ahead()

    def _on_event(self, event: Event) -> None:
        kind = type(event)
        if kind is DeckReloaded:
            self._version += 1
            total = self.presentation.total
            for viewer in self.viewers:
                if viewer.browsing is not None and viewer.browsing >= total:
                    viewer.browsing = None
        if kind in SHOWN:
            if self._pending:
                return  # a change of the same key (a slide, then its step): sent together
            self._pending = True  # the presenter's key returns at once; sent from the loop
            if self._after_repaint is not None:
                self._after_repaint(self._send_soon)  # the presenter's own screen first
            else:
                asyncio.get_running_loop().call_soon(self._start_sending)

    def _send_soon(self) -> None:
        asyncio.get_running_loop().call_later(SEND_DELAY, self._start_sending)

    def _start_sending(self) -> None:
        if self._pending and (self._sending is None or self._sending.done()):
            self._sending = asyncio.get_running_loop().create_task(self._send_all())

    # -- drawing ahead -------------------------------------------------------------------

    def _render_ahead(self) -> None:
        if self._ahead is None or self._ahead.done():
            self._ahead = asyncio.get_running_loop().create_task(self._draw_ahead())

    async def _draw_ahead(self) -> None:
        """Where each viewer may be shown next, for every size and colour depth connected.

        Each place is drawn, and its diff from the screen viewers of that size show
        now encoded, one per loop turn: a step or slide change is then a write to
        each viewer.
        """
        done: set[tuple[object, ...]] = set()
        for viewer in list(self.viewers):
            for index, step in self._places_ahead(viewer):
                mark = (viewer.sent_key, index, step, viewer.size, viewer.colours)
                if mark in done or viewer.sent is None:
                    continue
                done.add(mark)
                await asyncio.sleep(0)
                if not viewer.joined or self._pending:
                    return  # things moved on: the next refresh starts again
                self._ahead_one(viewer, index, step)

    def _places_ahead(self, viewer: Viewer) -> list[tuple[int, int]]:
        """The ``(slide, step)`` places ``viewer`` may be shown next, likeliest first.

        Following: the presenter's next and previous place (``walk``: often a step of
        this slide), and the neighbouring slides as the presenter would arrive there
        (the next at its first step, the previous complete, as ``Presentation`` shows
        it going back). Browsing: the slides either side, as browsing shows them.
        """
        presentation = self.presentation
        total = presentation.total
        if viewer.browsing is not None:
            at = viewer.browsing
            return [(n, self.shown_step(n)) for n in (at + 1, at - 1) if 0 <= n < total]
        index, step, last, loop = (
            presentation.index,
            presentation.step,
            self._last_step,
            presentation.loop,
        )
        places = [
            walk(index, step, total, last, 1, loop=loop),
            (index + 1, 0),
            (index - 1, last(index - 1)),
            walk(index, step, total, last, -1, loop=loop),
        ]
        seen = {(index, step)}
        ahead = []
        for place in places:
            if place not in seen and 0 <= place[0] < total:
                seen.add(place)
                ahead.append(place)
        return ahead

    def _ahead_one(self, viewer: Viewer, index: int, step: int) -> None:
        """Draw slide ``index`` at ``step`` for ``viewer``, and encode the diff to it."""
        browsing = viewer.browsing is not None and index != self.presentation.index
        key, lines = self._screen_at(viewer, index, step, browsing=browsing)
        self.diffs.diff(viewer.sent_key, viewer.sent, key, lines, viewer.colours)
