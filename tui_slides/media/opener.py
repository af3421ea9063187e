"""Opening a video in the system's player, or saying plainly why it cannot be done.

Headless (no Rich, no Textual). ``open_video(ref)`` never raises: over SSH, on a
Linux box with no graphical display, or with no player installed it returns an
``OpenResult`` whose message says so. The player is started with
``subprocess.Popen`` and an argument list (never a shell), detached from the
presenter's terminal, with the file as an absolute path so a name starting
with ``-`` cannot pass for an option.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from tui_slides.deck.files import FILE_NOT_FOUND, file_problem
from tui_slides.deck.model import MediaKind, MediaRef, Slide
from tui_slides.media.links import safe_url

LINUX_OPENERS = ("xdg-open", "gio", "mpv", "vlc", "totem", "ffplay")
"""Tried in order on Linux and BSD: the desktop's choice first, then common players."""

_OPENER_ARGS = {"gio": ["open"], "ffplay": ["-autoexit", "-loglevel", "quiet"]}
"""Arguments a command needs before the file or URL."""

_children: list[subprocess.Popen[bytes]] = []
"""Players started, kept so their exit can be collected (no zombie processes)."""


@dataclass(frozen=True)
class OpenResult:
    """What happened when asked to open a video: a message for the status bar."""

    opened: bool
    message: str


def remote_session(environ: Mapping[str, str]) -> bool:
    """True when the presenter runs over SSH (a player would start on the far machine)."""
    return any(environ.get(name) for name in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"))


def has_display(environ: Mapping[str, str], platform: str) -> bool:
    """True when a window can be shown: always on macOS and Windows, else X11 or Wayland."""
    if platform == "darwin" or platform.startswith("win"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def player_command(target: str, platform: str) -> list[str] | None:
    """The command that opens ``target`` on this platform, or ``None`` when none is found."""
    if platform == "darwin":
        found = shutil.which("open")
        return [found, target] if found else None
    if platform.startswith("win"):
        return None  # Windows uses os.startfile, see open_video
    for name in LINUX_OPENERS:
        found = shutil.which(name)
        if found:
            return [found, *_OPENER_ARGS.get(name, []), target]
    return None


def open_video(
    ref: MediaRef,
    *,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> OpenResult:
    """Open ``ref`` (a local file or an http(s) URL) in the system's player or browser."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    shown = ref.label  # visible, one line, cut if absurdly long
    target = _target(ref)
    if target is None:
        if ref.kind is not MediaKind.FILE:
            return OpenResult(False, f"Not a web link tui-slides will open: {shown}")
        problem = FILE_NOT_FOUND if ref.path is None else file_problem(ref.path)
        if problem in (FILE_NOT_FOUND, None):  # None: a file again since it was looked at
            return OpenResult(False, f"Video not found: {shown}")
        return OpenResult(False, f"Cannot play {shown}: {problem}")  # what check says
    if remote_session(environ):
        where = "open it on your own machine" if ref.kind is MediaKind.URL else "play it locally"
        return OpenResult(False, f"Running over SSH: cannot play {shown} here; {where}.")
    if not has_display(environ, platform):
        reason = "No graphical display (DISPLAY/WAYLAND_DISPLAY is not set)"
        return OpenResult(False, f"{reason}: cannot play {shown}.")
    _reap()
    if platform.startswith("win"):
        return _start_windows(target, shown)
    command = player_command(target, platform)
    if command is None:
        names = ", ".join(LINUX_OPENERS)
        return OpenResult(False, f"No video player found (looked for {names}).")
    try:
        child = subprocess.Popen(  # a list, no shell; the target is checked above
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError as error:
        return OpenResult(False, f"Could not start {command[0]}: {error.strerror or error}")
    _children.append(child)
    return OpenResult(True, f"Opening {shown}…")


def _target(ref: MediaRef) -> str | None:
    if ref.kind is MediaKind.FILE:
        if ref.path is None or file_problem(ref.path) is not None:
            return None
        return str(ref.path.resolve())
    if ref.kind is MediaKind.URL:
        return safe_url(ref.url or ref.raw)
    return None


def _start_windows(target: str, shown: str) -> OpenResult:  # pragma: no cover - Windows only
    startfile = getattr(os, "startfile", None)
    if startfile is None:
        return OpenResult(False, "No video player found.")
    try:
        startfile(target)
    except OSError as error:
        return OpenResult(False, f"Could not open {shown}: {error.strerror or error}")
    return OpenResult(True, f"Opening {shown}…")


def _reap() -> None:
    """Collect players that have exited."""
    _children[:] = [child for child in _children if child.poll() is None]


def first_video(slide: Slide | None) -> MediaRef | None:
    """The video the play key opens: the first one on ``slide``, top to bottom."""
    if slide is None:
        return None
    return next((block.video for block in slide.content if block.video is not None), None)
