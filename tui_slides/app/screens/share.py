"""The share panel (``s``): how the audience follows the talk in a browser, with a QR code.

It shows the browser view's URL (``--http``), the access code, a QR code of
the URL to scan off the projector, and how many browsers follow now. Escape,
``s`` or ``q`` closes it. (The SSH audience's command and fingerprint belong
here too, once ``--ssh`` and ``--http`` run side by side.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_slides.render.cards import QRCode

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tui_slides.web.server import WebServer

REFRESH = 1.0
"""Seconds between two looks at the number of viewers."""
NOT_SERVED = "Not shared: start with --http [HOST:]PORT to let a room follow in a browser."
STARTING = "The browser view is starting\u2026"


def share_text(web: WebServer | None) -> RenderableType:
    """What the panel shows for ``web`` (None: the talk is not served to browsers)."""
    if web is None:
        return Text(NOT_SERVED)
    if not web.started:
        return Text(STARTING)
    url = web.url
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    table.add_row("Browser", Text(url, style=Style(underline=True, link=url)))
    if web.options.auth == "code":
        table.add_row("Access code", Text(web.options.code))
    else:
        table.add_row("Access", Text("anyone who reaches the address (--http-auth none)"))
    count = len(web.viewers)
    table.add_row("Following", Text(f"{count} browser{'s' if count != 1 else ''}"))
    host, port = web.address
    if host in ("127.0.0.1", "::1", "localhost"):
        table.add_row("", Text(f"this machine only: --http 0.0.0.0:{port} serves the network"))
    return Group(table, Text(""), QRCode(url))


class ShareScreen(ModalScreen[None]):
    """The browser view's URL, code, viewers and QR code; Escape, ``s`` or ``q`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s,q", "close", "Close the share panel"),
    ]

    DEFAULT_CSS = """
    ShareScreen {
        align: center middle;
    }
    #share-box {
        width: auto;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 2;
    }
    #share-title {
        margin-bottom: 1;
    }
    """

    def __init__(self, web: WebServer | None) -> None:
        super().__init__()
        self.web = web

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="share-box"):
            yield Static(Text("Share the talk", style="bold"), id="share-title")
            yield Static(share_text(self.web), id="share-body")

    def on_mount(self) -> None:
        self.set_interval(REFRESH, self.refresh_body)

    def refresh_body(self) -> None:
        """Show the current number of viewers (and the URL, once the server is up)."""
        self.query_one("#share-body", Static).update(share_text(self.web))

    def action_close(self) -> None:
        """Close the panel."""
        self.dismiss()
