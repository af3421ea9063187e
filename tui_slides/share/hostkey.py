"""The server's host key: made once, kept in the user's data folder (mode 0600), reused.

A stable key gives audiences a stable fingerprint, so a warning from their
``ssh`` about a changed key means something.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from tui_slides.share.options import DATA_DIR_VARIABLE

if TYPE_CHECKING:
    import asyncssh

KEY_FILE = "ssh_host_ed25519_key"
"""The host key's file name in the data folder (OpenSSH's private key format)."""


def data_dir(override: Path | None = None) -> Path:
    """Where tui-slides keeps files: ``override``, ``TUI_SLIDES_DATA_DIR``, else platformdirs."""
    if override is not None:
        return override
    named = os.environ.get(DATA_DIR_VARIABLE)
    if named:
        return Path(named)
    from platformdirs import user_data_path

    return user_data_path("tui-slides", appauthor=False)


def load_host_key(folder: Path) -> asyncssh.SSHKey:
    """The host key kept in ``folder``, made (Ed25519) and saved with mode 0600 the first time.

    A key file others can read is made private again (its mode set to 0600).
    """
    import asyncssh

    path = folder / KEY_FILE
    if path.exists():
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
        return asyncssh.read_private_key(path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = asyncssh.generate_private_key("ssh-ed25519")
    data = key.export_private_key()
    temporary = path.with_name(f".{KEY_FILE}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        temporary.replace(path)  # two servers starting at once: one key wins, both read it
    finally:
        if temporary.exists():
            temporary.unlink()
    return asyncssh.read_private_key(path)


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The key's fingerprint as OpenSSH shows it: ``SHA256:...``."""
    return str(key.get_fingerprint("sha256"))
