"""Where presentations listen for consoles: a private folder of Unix sockets, one per talk.

The folder is ``$XDG_RUNTIME_DIR/tui-slides``, else ``tui-slides-UID`` under
the temp dir; it is made with mode 0700 and used only if it is this user's and
nobody else may enter it. Each socket is named for its deck and the
presenter's process (``talk.4711.sock``) and made with mode 0600, so that no
other user can join or drive a talk. Sockets of processes that ended are removed.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path
from typing import NamedTuple

SUFFIX = ".sock"
MAX_NAME = 40
"""Characters of a deck's name kept in its socket's name (a socket path has ~100 bytes)."""
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class UnsafeFolder(Exception):
    """The sockets' folder is not private to this user: no socket is made or joined there."""


class Listing(NamedTuple):
    """A running presentation: its deck's name, its process, when it started, its socket."""

    name: str
    pid: int
    started: float
    path: Path


def socket_folder() -> Path:
    """The private folder of the sockets, made if need be; ``UnsafeFolder`` if it is not private."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_absolute() and Path(runtime).is_dir():
        folder = Path(runtime) / "tui-slides"
    else:
        folder = Path(tempfile.gettempdir()) / f"tui-slides-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError as error:
        raise UnsafeFolder(f"{folder}: {error.strerror or error}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolder(f"{folder} is not a folder")
    if info.st_uid != os.getuid():
        raise UnsafeFolder(f"{folder} belongs to another user")
    if info.st_mode & 0o077:
        raise UnsafeFolder(f"{folder} may be used by other users (mode {info.st_mode & 0o777:o})")
    return folder


def deck_name(path: str | os.PathLike[str]) -> str:
    """The name a talk is listed and joined by: its file's stem, or its folder's name."""
    base = Path(path).absolute()
    name = base.name if base.is_dir() else base.stem
    return _UNSAFE.sub("-", name).strip("-")[:MAX_NAME] or "deck"


def socket_path(name: str, pid: int | None = None) -> Path:
    """Where the talk ``name`` of process ``pid`` (this one by default) listens."""
    return socket_folder() / f"{name}.{os.getpid() if pid is None else pid}{SUFFIX}"


def is_alive(pid: int) -> bool:
    """True while process ``pid`` runs (or runs as another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running() -> list[Listing]:
    """The presentations listening now, oldest first; sockets of ended processes are removed."""
    folder = socket_folder()
    found: list[Listing] = []
    for entry in os.scandir(folder):
        name, dot, rest = entry.name.rpartition(".")
        stem, _, pid_text = name.rpartition(".")
        if not dot or "." + rest != SUFFIX or not pid_text.isdigit() or not stem:
            continue
        pid = int(pid_text)
        path = folder / entry.name
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISSOCK(info.st_mode):
            continue
        if not is_alive(pid):
            remove_stale(path)
            continue
        found.append(Listing(stem, pid, info.st_mtime, path))
    return sorted(found, key=lambda listing: (listing.started, listing.pid))


def remove_stale(path: Path) -> None:
    """Remove a socket nobody listens on any more (gone already: fine)."""
    try:
        path.unlink()
    except OSError:
        pass


def choose(listings: list[Listing], wanted: str) -> list[Listing]:
    """The listings ``--join wanted`` names: by deck name, by pid, or by ``name.pid``."""
    exact = [
        listing
        for listing in listings
        if wanted in (listing.name, str(listing.pid), f"{listing.name}.{listing.pid}")
    ]
    if exact:
        return exact
    return [listing for listing in listings if listing.name.startswith(wanted)]
