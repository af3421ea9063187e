"""What serving the talk to browsers is asked to do: ``--http [HOST:]PORT --http-auth code|none``.

Nothing heavy is imported here: the command line builds ``WebOptions`` (and
binds the port, so a port in use is said before the screen is taken) before
aiohttp is imported.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

from tui_slides.share.options import bind, parse_address

AUTH_MODES = ("code", "none")
"""``--http-auth``: the access code in the URL (the default), or nothing (explicit)."""
DEFAULT_MAX_VIEWERS = 500
"""Browsers following at once (WebSocket connections); the next is refused until one leaves."""


@dataclass(frozen=True)
class WebOptions:
    """How the talk is served to browsers."""

    host: str = "127.0.0.1"
    """The address to listen on (``0.0.0.0`` exposes the page to the network: explicit only)."""
    port: int = 8000
    """The TCP port (0: any free port, chosen when the server starts)."""
    auth: str = "code"
    """``code`` (the URL carries the access code) or ``none`` (``AUTH_MODES``)."""
    code: str = ""
    """The access code, for ``auth`` ``code``: the one SSH audiences type too (``share.auth``)."""
    max_viewers: int = DEFAULT_MAX_VIEWERS
    """How many WebSocket viewers at once."""
    stall_timeout: float = 10.0
    """Seconds one send to a viewer may take before that viewer is dropped (it reconnects)."""
    heartbeat: float = 20.0
    """Seconds between WebSocket pings; a viewer that does not answer is dropped."""
    sock: socket.socket | None = field(default=None, compare=False)
    """A listening socket bound already (``bind``), or None to bind when the server starts."""


def prepare(
    address: str, *, auth: str = "code", code: str = "", max_viewers: int | None = None
) -> WebOptions:
    """The options ``--http ADDRESS --http-auth AUTH --http-max-viewers N`` ask for, port bound.

    ``code`` is the access code for ``auth`` ``code`` (the caller makes it once
    for every audience). ``ValueError`` with a message for the user when the
    address is bad or cannot be had.
    """
    host, port = parse_address(address)
    if auth not in AUTH_MODES:
        raise ValueError(f"--http-auth must be one of {', '.join(AUTH_MODES)}, not {auth!r}")
    if auth == "code" and not code:
        raise ValueError("--http-auth code needs an access code")
    viewers = DEFAULT_MAX_VIEWERS if max_viewers is None else max_viewers
    if viewers < 1:
        raise ValueError("--http-max-viewers must be at least 1")
    try:
        sock = bind(host, port, backlog=1024)  # a room of browsers may join at once
    except OSError as error:
        reason = error.strerror or str(error)
        raise ValueError(f"cannot serve on {host}:{port}: {reason}") from None
    code = code if auth == "code" else ""
    return WebOptions(host, port, auth, code, max_viewers=viewers, sock=sock)
