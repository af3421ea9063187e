"""The presenter's end: listen for consoles while the app runs (``PresenterOptions.console``)."""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING

from tui_slides.deck.safety import visible
from tui_slides.presenting import rendezvous
from tui_slides.presenting.console_server import ConsoleServer

if TYPE_CHECKING:
    from tui_slides.app.sharing import SharingApp


def server_for(app: SharingApp) -> ConsoleServer:
    """A server sharing ``app``'s presentation, on its own socket (not listening yet)."""
    options = app.options
    name = rendezvous.deck_name(options.path)
    path = options.console_socket or rendezvous.socket_path(name)
    return ConsoleServer(
        app.presentation,
        path,
        deck=str(options.path.resolve()),
        name=name,
        duration=options.duration,  # --duration; else each console reads the deck's own
        schedule=app.call_later,
        reload=app.reload,
    )


async def share(app: SharingApp) -> None:
    """Listen for consoles until the app ends (a worker); a failure is a warning, not an end."""
    try:
        server = server_for(app)
        await server.start()
    except (OSError, rendezvous.UnsafeFolder) as error:
        app.notify(
            f"No presenter console for this talk: {visible(str(error))}",
            severity="warning",
            timeout=8,
            markup=False,
        )
        return
    app.console_server = server
    if app.options.announce_console:
        command = f"tui-slides console --join {server.name}.{os.getpid()}"
        app.notify(f"Presenter console: run {command} in a second terminal", timeout=15,
                   markup=False)  # fmt: skip
    try:
        await asyncio.Event().wait()  # until the worker is cancelled, as the app ends
    finally:
        server.close()
