"""The door of the SSH server: who may come in, and what a connection may ask for.

``Door`` is asyncssh's ``SSHServer`` for one connection: it checks the access
code or the key, counts failures per connection and per address (``auth.Gate``),
and refuses every request that is not an audience session: TCP/IP forwarding
both ways (``-L``, ``-R``), Unix socket forwarding, tun/tap. (Agent and X11
forwarding are refused by the server's options; exec and subsystems by ``Viewer``.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import asyncssh

from tui_slides.share.auth import ATTEMPTS_PER_CONNECTION, Gate, code_matches
from tui_slides.share.viewer import Viewer

if TYPE_CHECKING:
    from tui_slides.share.server import ShareServer

log = logging.getLogger("tui_slides.share")

CODE_PROMPT = "Access code: "
"""What keyboard-interactive authentication asks (OpenSSH shows it as the prompt)."""
KEY_OFFERS = 10
"""Keys one connection may offer that are not authorized (a client tries each of its own)."""
SPARE_LOGINS = 64
"""Connections still logging in at once, at most, beyond ``max_viewers`` (a whole room may be
typing the code at once); more are closed on arrival. ``login_timeout`` ends each of them."""


class Door(asyncssh.SSHServer):
    """One connection's authentication and requests."""

    class Registry:
        """The server's open connections and the failures by address."""

        def __init__(self, server: ShareServer) -> None:
            self.server = server
            self.gate = Gate()
            self.doors: set[Door] = set()

        def new(self) -> Door:
            """asyncssh's ``server_factory``: a door for a new connection."""
            return Door(self)

        def close_all(self) -> None:
            """Close every connection (the server stops)."""
            for door in list(self.doors):
                door.close()

    def __init__(self, registry: Door.Registry) -> None:
        self.registry = registry
        self.server = registry.server
        self.conn: asyncssh.SSHServerConnection | None = None
        self.peer = "?"
        self.failures = 0
        self.key_offers = 0
        self.authenticated = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.peer = str(peer[0]) if peer else "?"
        registry = self.registry
        waiting = sum(1 for door in registry.doors if not door.authenticated)
        registry.doors.add(self)
        if not registry.gate.allows(self.peer):
            log.info("refused a connection from %s: too many failed attempts", self.peer)
            self.server.refusals.append("address")
            self.close()
        elif waiting >= self.server.options.max_viewers + SPARE_LOGINS:
            log.info("refused a connection from %s: too many logging in at once", self.peer)
            self.server.refusals.append("logins")
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.registry.doors.discard(self)

    def close(self) -> None:
        """Close the connection, soon (never from inside asyncssh's own callback)."""
        conn = self.conn
        if conn is not None:
            asyncio.get_running_loop().call_soon(conn.close)

    # -- authentication ------------------------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        if self.server.options.auth == "none":
            self.authenticated = True
            return False
        return True

    def auth_completed(self) -> None:
        self.authenticated = True

    def _failed(self) -> None:
        self.failures += 1
        self.registry.gate.failed(self.peer)
        self.server.refusals.append("auth")
        if self.failures >= ATTEMPTS_PER_CONNECTION or not self.registry.gate.allows(self.peer):
            log.info("closed a connection from %s: %d failed attempts", self.peer, self.failures)
            self.close()

    def _code_ok(self, typed: str) -> bool:
        if self.server.options.auth != "code" or not self.server.code:
            return False
        if code_matches(typed, self.server.code):
            return True
        self._failed()
        return False

    def password_auth_supported(self) -> bool:
        return self.server.options.auth == "code"

    def validate_password(self, username: str, password: str) -> bool:
        return self._code_ok(password)

    def kbdint_auth_supported(self) -> bool:
        return self.server.options.auth == "code"

    def get_kbdint_challenge(
        self, username: str, lang: str, submethods: str
    ) -> tuple[str, str, str, list[tuple[str, bool]]]:
        return "tui-slides", "Type the access code the presenter shows.", "", [(CODE_PROMPT, False)]

    def validate_kbdint_response(self, username: str, responses: Sequence[str]) -> bool:
        return len(responses) == 1 and self._code_ok(responses[0])

    def public_key_auth_supported(self) -> bool:
        return self.server.options.auth == "keys"

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        data = key.public_data
        if any(known.public_data == data for known in self.server.authorized):
            return True
        self.key_offers += 1
        if self.key_offers >= KEY_OFFERS:
            self._failed()
            self.close()
        return False

    # -- what a connection may ask for ---------------------------------------------------

    def session_requested(self) -> Viewer:
        return Viewer(self.server, self.peer)

    def _refuse(self, what: str) -> bool:
        log.info("refused %s from %s", what, self.peer)
        self.server.refusals.append(what)
        return False

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        """``ssh -L``: refused."""
        return self._refuse("forwarding")

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        """``ssh -R``: refused."""
        return self._refuse("remote forwarding")

    def unix_connection_requested(self, dest_path: str) -> bool:
        """``ssh -L`` to a Unix socket: refused."""
        return self._refuse("forwarding")

    def unix_server_requested(self, listen_path: str) -> bool:
        """``ssh -R`` from a Unix socket: refused."""
        return self._refuse("remote forwarding")

    def tun_requested(self, unit: int | None) -> bool:
        """``ssh -w``: refused."""
        return self._refuse("tunnel")

    def tap_requested(self, unit: int | None) -> bool:
        """``ssh -w`` (ethernet): refused."""
        return self._refuse("tunnel")
