"""What sharing a talk over SSH is asked to do: one frozen record, parsed from the command line.

Nothing heavy is imported here: the command line builds a ``ShareOptions``
before it knows whether asyncssh is even installed.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
"""Where audiences are served unless ``--ssh HOST:PORT`` says otherwise (this machine only)."""
DEFAULT_MAX_VIEWERS = 500
"""``--ssh-max-viewers`` by default: what one process serves within the targets (README)."""
AUTH_MODES = ("code", "keys", "none")
"""``--ssh-auth``: a random access code (the default), authorized keys, or nothing (explicit)."""
DATA_DIR_VARIABLE = "TUI_SLIDES_DATA_DIR"
"""An environment variable naming the folder for the host key instead of the user's data folder."""


@dataclass(frozen=True)
class ShareOptions:
    """How the talk is served to audiences over SSH."""

    host: str = DEFAULT_HOST
    """The address to listen on (``0.0.0.0`` exposes the talk to the network: explicit only)."""
    port: int = 2222
    """The TCP port (0: any free port, chosen when the server starts)."""
    auth: str = "code"
    """``code``, ``keys`` or ``none`` (``AUTH_MODES``)."""
    keys: Path | None = None
    """``--ssh-keys``: an authorized_keys file, for ``auth`` ``keys``."""
    max_viewers: int = DEFAULT_MAX_VIEWERS
    """How many audience terminals at once; the next is told the talk is full."""
    data_dir: Path | None = None
    """Where the host key lives (None: ``TUI_SLIDES_DATA_DIR``, else the user's data folder)."""
    code: str | None = None
    """The access code (None: a new random one each run; tests set their own)."""
    login_timeout: float = 30.0
    """Seconds a connection has to authenticate before it is closed."""
    stall_timeout: float = 20.0
    """Seconds a viewer may stay unable to take more output before it is dropped."""
    sock: socket.socket | None = field(default=None, compare=False)
    """A listening socket bound already (``bind``): the command line binds before the app starts,
    so a port in use is said at once, before the screen is taken."""


def bind(host: str, port: int, *, backlog: int = 128) -> socket.socket:
    """A listening TCP socket on ``host:port`` (``OSError`` if it cannot be had).

    The command line binds it before the presenter takes the screen, so a port in
    use is said at once; the server then serves on it (SSH here, ``web`` too).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def parse_address(value: str) -> tuple[str, int]:
    """``[HOST:]PORT`` (IPv6 as ``[::1]:2222``) -> ``(host, port)``; ``ValueError`` if bad."""
    host, sep, port_text = value.rpartition(":")
    if not sep:
        host = DEFAULT_HOST
    elif host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if sep and not host:
        raise ValueError(f"no host before ':' in {value!r}")
    try:
        port = int(port_text)
    except ValueError:
        raise ValueError(f"not a port number: {port_text!r} (give [HOST:]PORT)") from None
    if not 0 <= port <= 65535:
        raise ValueError(f"port {port} is out of range (0 to 65535)")
    return host, port


def make_options(
    address: str,
    *,
    auth: str = "code",
    keys: str | None = None,
    max_viewers: int = DEFAULT_MAX_VIEWERS,
) -> ShareOptions:
    """The options ``--ssh ADDRESS --ssh-auth ... --ssh-keys ... --ssh-max-viewers ...`` ask for.

    ``ValueError`` with a message for the user when they do not fit together.
    """
    host, port = parse_address(address)
    if auth not in AUTH_MODES:
        raise ValueError(f"--ssh-auth must be one of {', '.join(AUTH_MODES)}, not {auth!r}")
    if auth == "keys" and not keys:
        raise ValueError("--ssh-auth keys needs --ssh-keys FILE (authorized_keys format)")
    if keys and auth != "keys":
        raise ValueError("--ssh-keys goes with --ssh-auth keys")
    if keys and not Path(keys).is_file():
        raise ValueError(f"no such authorized_keys file: {keys}")
    if max_viewers < 1:
        raise ValueError("--ssh-max-viewers must be at least 1")
    return ShareOptions(
        host=host,
        port=port,
        auth=auth,
        keys=Path(keys) if keys else None,
        max_viewers=max_viewers,
    )
