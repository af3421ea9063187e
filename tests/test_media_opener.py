"""Opening videos: over SSH, without a display, without a player, and with a real player."""

from __future__ import annotations

import stat
import sys
import time
from pathlib import Path

import pytest

from tui_slides.deck.model import MediaKind, MediaRef
from tui_slides.media import opener
from tui_slides.media.opener import open_video

DESKTOP = {"DISPLAY": ":0"}


def _video(tmp_path: Path, name: str = "intro.mp4") -> MediaRef:
    path = tmp_path / name
    path.write_bytes(b"\0" * 16)
    return MediaRef(f"media/{name}", MediaKind.FILE, file=str(path), exists=True)


def _fake_player(folder: Path, name: str, record: Path) -> Path:
    """An executable named ``name`` that writes its arguments, one a line, to ``record``."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"open({str(record)!r}, 'w').write('\\n'.join(sys.argv[1:]))\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def _wait_for(path: Path) -> str:
    for _ in range(200):
        if path.exists() and path.read_text():
            return path.read_text()
        time.sleep(0.02)
    raise AssertionError(f"{path} was never written")


def test_over_ssh_it_says_so_and_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opener.subprocess, "Popen", _forbidden)
    environ = {**DESKTOP, "SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22"}
    result = open_video(_video(tmp_path), environ=environ, platform="linux")
    assert not result.opened
    assert result.message == "Running over SSH: cannot play media/intro.mp4 here; play it locally."


def test_over_ssh_a_url_is_left_for_the_audience(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opener.subprocess, "Popen", _forbidden)
    url = "https://example.org/talk"
    ref = MediaRef(url, MediaKind.URL, url=url)
    result = open_video(ref, environ={"SSH_TTY": "/dev/pts/1"}, platform="darwin")
    assert not result.opened
    assert "open it on your own machine" in result.message


def test_linux_without_a_display(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opener.subprocess, "Popen", _forbidden)
    result = open_video(_video(tmp_path), environ={}, platform="linux")
    assert not result.opened
    assert result.message.startswith("No graphical display")


def test_no_player_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opener.shutil, "which", lambda name: None)
    monkeypatch.setattr(opener.subprocess, "Popen", _forbidden)
    result = open_video(_video(tmp_path), environ=DESKTOP, platform="linux")
    assert not result.opened
    assert (
        result.message
        == "No video player found (looked for xdg-open, gio, mpv, vlc, totem, ffplay)."
    )


def test_missing_file(tmp_path: Path) -> None:
    ref = MediaRef("media/gone.mp4", MediaKind.FILE, file=str(tmp_path / "gone.mp4"))
    result = open_video(ref, environ=DESKTOP, platform="linux")
    assert result == opener.OpenResult(False, "Video not found: media/gone.mp4")


def test_unsafe_url_scheme_is_not_handed_to_the_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opener.subprocess, "Popen", _forbidden)
    ref = MediaRef("file:///etc/passwd", MediaKind.URL, url="file:///etc/passwd")
    result = open_video(ref, environ=DESKTOP, platform="linux")
    assert not result.opened
    assert result.message == "Not a web link tui-slides will open: file:///etc/passwd"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX executables")
def test_a_real_player_gets_the_absolute_path_as_one_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "args.txt"
    _fake_player(tmp_path / "bin", "xdg-open", record)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    ref = _video(tmp_path, "-rf my talk; $(boom).mp4")
    result = open_video(ref, environ=DESKTOP, platform="linux")
    assert result.opened, result.message
    assert result.message == "Opening media/-rf my talk; $(boom).mp4…"
    assert _wait_for(record) == str(ref.path.resolve() if ref.path else "")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX executables")
def test_the_first_player_found_is_used_with_its_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "args.txt"
    _fake_player(tmp_path / "bin", "ffplay", record)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    url = "https://example.org/v.mp4"
    result = open_video(MediaRef(url, MediaKind.URL, url=url), environ=DESKTOP, platform="linux")
    assert result.opened
    assert _wait_for(record).splitlines() == ["-autoexit", "-loglevel", "quiet", url]


def test_popen_gets_a_list_and_no_shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, dict[str, object]]] = []

    class FakePopen:
        def __init__(self, args: object, **kwargs: object) -> None:
            calls.append((args, kwargs))

        def poll(self) -> int:
            return 0

    monkeypatch.setattr(opener.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(opener.subprocess, "Popen", FakePopen)
    ref = _video(tmp_path)
    assert open_video(ref, environ=DESKTOP, platform="darwin").opened
    ((args, kwargs),) = calls
    assert args == ["/usr/bin/open", str(tmp_path.resolve() / "intro.mp4")]
    assert "shell" not in kwargs
    assert kwargs["start_new_session"] is True


def test_a_player_that_cannot_start_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "bin" / "xdg-open"
    broken.parent.mkdir()
    broken.write_text("#!/nonexistent/interpreter\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", str(broken.parent))
    result = open_video(_video(tmp_path), environ=DESKTOP, platform="linux")
    assert not result.opened
    assert result.message.startswith(f"Could not start {broken}")


def test_exited_players_are_collected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = tmp_path / "args.txt"
    _fake_player(tmp_path / "bin", "xdg-open", record)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(opener, "_children", [])
    assert open_video(_video(tmp_path), environ=DESKTOP, platform="linux").opened
    _wait_for(record)
    (child,) = opener._children
    child.wait(timeout=10)
    opener._reap()
    assert opener._children == []


def _forbidden(*args: object, **kwargs: object) -> None:
    raise AssertionError("no process may be started here")


def test_environment_helpers() -> None:
    assert opener.remote_session({"SSH_CLIENT": "1 2 3"})
    assert not opener.remote_session({"SSH_TTY": ""})
    assert opener.has_display({}, "darwin")
    assert opener.has_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not opener.has_display({}, "freebsd13")
