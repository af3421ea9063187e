"""The share panel (``s`` while serving browsers): the address, the code, a QR code, who follows.

It shows the browser view's URL (``--http``), the access code, a QR code of
the URL to scan off the projector, and how many browsers follow now. Escape,
``s`` or ``q`` closes it. (The SSH audience's table, ``--ssh``, goes above
``browser_section`` when both run.)
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


def browser_section(web: WebServer) -> RenderableType:
    """The address, the access, how many follow, and a QR code of the address."""
    url = web.url
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row("Browser", Text(url, style=Style(underline=True, link=url)))
    if web.options.auth == "code":
        table.add_row("Access code", Text(web.options.code))
    else:
        table.add_row("Access", Text("anyone who reaches the address (--http-auth none)"))
    count = len(web.viewers)
    table.add_row("Following", Text(f"{count} of at most {web.options.max_viewers} browsers"))
    host, port = web.address
    if host in ("127.0.0.1", "::1", "localhost"):
        table.add_row("", Text(f"this machine only: --http 0.0.0.0:{port} serves the network"))
    return Group(table, Text(""), QRCode(url))


class ShareScreen(ModalScreen[None]):
    """The share panel; Escape, ``s`` or ``q`` closes it. ``show`` redraws it (viewers changed)."""

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

    def __init__(self, web: WebServer) -> None:
        super().__init__()
        self.web = web

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="share-box"):
            yield Static(Text("Following this talk in a browser", style="bold"), id="share-title")
            yield Static(browser_section(self.web), id="share-browser")

    def show(self) -> None:
        """Redraw from the server (a browser joined or left)."""
        self.query_one("#share-browser", Static).update(browser_section(self.web))

    def action_close(self) -> None:
        """Close the panel."""
        self.dismiss()
