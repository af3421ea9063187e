"""The share panel (``s`` while sharing): how audiences join over SSH and in a browser.

Over SSH (``--ssh``): the join command, the access code, the host key, who
watches. In a browser (``--http``): the URL, the access code, a QR code of the
URL to scan off the projector, how many follow. Escape, ``s`` or ``q`` closes it.
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
from textual.widgets import Static

from tui_slides.app.screens.panel import Panel
from tui_slides.deck.safety import visible
from tui_slides.render.cards import QRCode

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tui_slides.share.server import ShareServer
    from tui_slides.web.server import WebServer

LISTED = 20
"""Viewers listed by name at most; the rest are counted."""


def share_table(server: ShareServer) -> Table:
    """The join command, the access, the host key and the viewers, as a two-column table."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row("Join with", Text(server.command, style="bold"))
    auth = server.options.auth
    if auth == "code":
        table.add_row("Access code", Text(server.code, style="bold"))
    elif auth == "keys":
        table.add_row("Access", Text(f"the keys in {visible(str(server.options.keys))}"))
    else:
        table.add_row("Access", Text("anyone who reaches the port (--ssh-auth none)"))
    table.add_row("Host key", Text(server.fingerprint))
    host, port = server.address
    where = " (this machine only)" if host in ("127.0.0.1", "::1") else ""
    table.add_row("Listening on", Text(f"{host}:{port}{where}"))
    viewers = server.viewers
    table.add_row("Viewers", Text(f"{len(viewers)} of at most {server.options.max_viewers}"))
    for viewer in viewers[:LISTED]:
        columns, rows = viewer.size
        where = "following" if viewer.browsing is None else f"browsing {viewer.browsing + 1}"
        table.add_row("", Text(f"{viewer.peer}  {columns}x{rows}  {where}"))
    if len(viewers) > LISTED:
        table.add_row("", Text(f"and {len(viewers) - LISTED} more"))
    return table


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


class ShareScreen(Panel):
    """The share panel; Escape, ``s`` or ``q`` closes it. ``show`` redraws it (viewers changed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s,q", "close", "Close the share panel"),
    ]

    def __init__(self, ssh: ShareServer | None, web: WebServer | None) -> None:
        super().__init__()
        self.ssh = ssh
        self.web = web

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="share-box", classes="panel-box"):
            yield Static(
                Text("Sharing this talk", style="bold"), id="share-title", classes="panel-title"
            )
            if self.ssh is not None:
                yield Static(share_table(self.ssh), id="share-table")
            if self.web is not None:
                yield Static(browser_section(self.web), id="share-browser")

    def show(self) -> None:
        """Redraw from the servers (a viewer joined or left)."""
        if self.ssh is not None:
            self.query_one("#share-table", Static).update(share_table(self.ssh))
        if self.web is not None:
            self.query_one("#share-browser", Static).update(browser_section(self.web))

    def action_close(self) -> None:
        """Close the panel."""
        self.dismiss()
