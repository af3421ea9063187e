"""The presenter's sharing: consoles (a Unix socket), SSH audiences and browsers.

Each server runs in the App's own event loop and is started after the first
paint, so none delays it: ``start_sharing`` then, ``stop_sharing`` on unmount.
The share panel (``s``) says how audiences join.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from tui_slides.app.options import PresenterOptions
    from tui_slides.app.screens.slides import SlidesScreen
    from tui_slides.presenting.console_server import ConsoleServer
    from tui_slides.presenting.presentation import Presentation
    from tui_slides.share.server import ShareServer
    from tui_slides.web.options import WebOptions
    from tui_slides.web.server import WebServer

SSH_TITLE = "Sharing over SSH"
"""The title of the notice that says how viewers join over SSH (the command, the code)."""
BROWSERS_TITLE = "Sharing in browsers"
"""The title of the notice that gives the browser view's address."""


class SharingApp(App[int]):
    """The part of the presenter app that shares the talk (``PresenterApp`` is one)."""

    options: PresenterOptions
    presentation: Presentation
    slides: SlidesScreen
    share: ShareServer | None = None
    """The SSH server for audiences, once started (``--ssh``); None when not sharing."""
    web: WebServer | None = None
    """The browser view's server (``--http``), once started after the first paint."""
    console_server: ConsoleServer | None = None
    """Sharing the talk with ``tui-slides console`` (``options.console``), once listening."""

    def reload(self, *, watched: bool = False) -> bool:
        """Read the deck again (the presenter's; a console may ask for it)."""
        raise NotImplementedError

    def start_sharing(self) -> None:
        """Start what ``options`` ask for: each server in a worker, after the first paint."""
        if self.options.share is not None:  # asyncssh takes 0.25 s to import
            self.run_worker(self._start_share(), name="share")
        if self.options.console:  # consoles can wait a frame
            from tui_slides.app.console.sharing import share

            self.run_worker(share(self), name="console-server")
        if self.options.http is not None:
            self.run_worker(self._serve_web(self.options.http), name="http")

    async def stop_sharing(self) -> None:
        """Stop the servers: audiences' terminals put back, browsers told."""
        if self.share is not None:
            await self.share.stop()
        if self.web is not None:
            await self.web.stop()

    async def _serve_web(self, options: WebOptions) -> None:
        """``--http``: serve the browser view from this app's loop (aiohttp is imported now)."""
        from tui_slides.web.server import WebServer

        server = WebServer(
            self.presentation, options, theme=self.options.theme, on_change=self._browsers_changed
        )
        try:
            await server.start()
        except OSError as error:  # the port was bound: only the system can refuse now
            self.notify(f"Cannot serve browsers: {error}", severity="error", markup=False)
            return
        self.web = server
        # A line each: a toast is half the screen wide, and wrapped text would cut them.
        self.notify(f"{server.url}\ns: details", title=BROWSERS_TITLE, timeout=8, markup=False)

    def _browsers_changed(self) -> None:
        """Browsers joined or left: the share panel, if open, says how many."""
        from tui_slides.app.screens.share import ShareScreen

        if isinstance(self.screen, ShareScreen):
            self.screen.show()

    async def _start_share(self) -> None:
        """Serve the talk to audiences in this app's own event loop (the port is bound).

        asyncssh is imported in a thread: 0.25 s the presenter's keys never wait for.
        """
        import asyncio
        import importlib

        module = await asyncio.to_thread(importlib.import_module, "tui_slides.share.server")
        options = self.options.share
        assert options is not None
        try:
            server = module.ShareServer(
                self.presentation,
                options,
                on_change=self._audience_changed,
                after_repaint=self.call_after_refresh,  # the presenter's screen first
            )
            await server.start()
        except (OSError, ValueError) as error:
            self.notify(f"Cannot share over SSH: {error}", severity="error", markup=False)
            return
        self.share = server
        self._audience_changed()
        lines = [server.command, *([f"code {server.code}"] if server.code else []), "s: details"]
        self.notify("\n".join(lines), title=SSH_TITLE, timeout=8, markup=False)

    def _audience_changed(self) -> None:
        """Viewers joined or left: the count in the status bar, the share panel if open."""
        if self.share is None:
            return
        self.slides.status_bar.audience = len(self.share.viewers)
        from tui_slides.app.screens.share import ShareScreen

        if isinstance(self.screen, ShareScreen):
            self.screen.show()

    def action_share(self) -> None:
        """Open the share panel (``s``): how audiences join over SSH and in a browser."""
        if self.share is None and self.web is None:
            self.notify(
                "Not sharing: start with --ssh PORT or --http PORT to serve audiences.",
                markup=False,
            )
            return
        from tui_slides.app.screens.share import ShareScreen

        if not isinstance(self.screen, ShareScreen):
            self.push_screen(ShareScreen(self.share, self.web))
