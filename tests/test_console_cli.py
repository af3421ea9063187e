"""The console on the command line: ``console`` (--join), ``DECK --console``, ``--duration``,
``show --notes`` and the deck's ``duration``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from console_support import DECK, deck_file_fixture, runtime_fixture  # noqa: F401

from tui_slides import cli
from tui_slides.deck.duration import parse_duration
from tui_slides.deck.loader import load_deck
from tui_slides.presenting import rendezvous


def listening(name: str, pid: int | None = None) -> socket.socket:
    """A socket where a presentation ``name`` of process ``pid`` would listen."""
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(rendezvous.socket_path(name, pid)))
    listener.listen()
    return listener


def test_console_with_no_presentation_says_so(
    runtime: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["console"]) == 1
    assert capsys.readouterr().err == (
        "tui-slides: no presentation is running: start one with `tui-slides DECK`"
        " (or `tui-slides serve DECK --ssh PORT`)\n"
    )


def test_console_with_several_lists_them_and_join_picks_one(
    runtime: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getppid()  # a process that runs, as a second presenter would
    sockets = [listening("talk"), listening("keynote", parent)]
    # Listed by start, oldest first: two sockets made within one clock tick of the file
    # system share a time (then the pid decides), so the test sets the times apart.
    started = time.time()
    os.utime(rendezvous.socket_path("talk"), (started - 60, started - 60))
    os.utime(rendezvous.socket_path("keynote", parent), (started, started))
    assert cli.main(["console"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "tui-slides: several presentations are running; pick one with --join NAME:"
    assert [line.split()[0] for line in err[1:]] == [f"talk.{os.getpid()}", f"keynote.{parent}"]
    assert all(" started 20" in line for line in err[1:])
    assert len({line.index(" pid ") for line in err[1:]}) == 1  # in columns
    assert cli.main(["console", "--join", "nope"]) == 1
    assert capsys.readouterr().err.startswith("tui-slides: no presentation called 'nope'; running:")
    joined: list[tuple[Path, str, float | None]] = []

    class Console:
        return_code = 0

        def __init__(self, path: Path, name: str, *, duration: float | None) -> None:
            joined.append((path, name, duration))

        def run(self) -> None:
            pass

    import tui_slides.app.console.console_app as console_app
    from tui_slides.commands import console as command

    monkeypatch.setattr(console_app, "ConsoleApp", Console)
    monkeypatch.setattr(command, "terminal_problem", lambda: None)  # as if on a terminal
    assert cli.main(["console", "--join", "keynote", "--duration", "1h30m"]) == 0
    assert joined == [(rendezvous.socket_path("keynote", parent), "keynote", 5400)]
    for listener in sockets:
        listener.close()


def test_present_with_console_prints_the_command_for_the_second_terminal(
    deck_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_slides.app
    from tui_slides.commands import present

    monkeypatch.setattr(present, "terminal_problem", lambda: None)  # as if on a terminal
    seen: list[object] = []
    monkeypatch.setattr(
        tui_slides.app, "run_presenter", lambda deck, options: seen.append(options) or 0
    )
    assert cli.main([str(deck_file), "--console", "--duration", "20m"]) == 0
    command = f"tui-slides console --join talk.{os.getpid()}"
    assert capsys.readouterr().err == (
        f"Presenter console: in a second terminal, run:  {command}\n"
    )
    (options,) = seen
    assert options.console and options.duration == 1200  # type: ignore[attr-defined]
    assert cli.main([str(deck_file)]) == 0  # shared all the same, nothing printed
    assert capsys.readouterr().err == ""
    assert seen[1].console  # type: ignore[attr-defined]


def test_a_bad_duration_is_a_usage_error(
    deck_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([str(deck_file), "--duration", "soon"]) == 2
    assert "not a duration like 20m, 1h30m or 90s: 'soon'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("20m", 1200), ("1h30m", 5400), ("90s", 90), ("1h", 3600), ("2m30s", 150), ("45", 2700),
     (" 1H 5M ", 3900)],
)  # fmt: skip
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "20x", "1m1h", "0m", "-5m", "1.5h", "h30"])
def test_not_durations(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


def test_the_decks_duration_is_read_and_a_bad_one_reported(tmp_path: Path, deck_file: Path) -> None:
    assert load_deck(deck_file).duration == 1200
    bad = tmp_path / "bad.json5"
    bad.write_text(DECK.replace('"20m"', '"a while"'), encoding="utf-8")
    deck = load_deck(bad)
    assert deck.duration is None
    assert [str(d) for d in deck.diagnostics] == [
        f"{bad}:2:13: warning: not a duration like 20m, 1h30m or 90s: 'a while'; ignored"
    ]


def test_show_notes_prints_each_slides_notes_under_a_rule(
    deck_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["show", str(deck_file), "--notes", "--width", "40", "--slide", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 / 5 · Title One",
        "─" * 40,
        "               Title One",  # a title and a line: a title slide, centred
        "             ─────────────",
        "",
        "                Body one",
        "",
        "──────────────── Notes ─────────────────",
        "Greet the room.",
        "",
        "  • who we are",
        "  • why now",
        "",
    ]
    assert cli.main(["show", str(deck_file), "--notes", "--width", "40", "--slide", "3"]) == 0
    assert "Notes" not in capsys.readouterr().out  # a slide without notes: no rule
    assert cli.main(["show", str(deck_file), "--width", "40", "--slide", "1"]) == 0
    assert "Greet" not in capsys.readouterr().out  # notes only when asked for


def test_check_says_nothing_of_empty_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty-notes.json5"
    path.write_text("{ content: [{ title: 'A' }], notes: '' }", encoding="utf-8")
    assert cli.main(["check", str(path)]) == 0
    assert "notes" not in capsys.readouterr().out.replace(" 0 notes", "")


def test_console_lists_nothing_to_join_quickly_without_textual(runtime: Path) -> None:
    code = (
        "import sys; from tui_slides import cli; status = cli.main(['console']);"
        " assert 'textual' not in sys.modules, 'imported Textual'; sys.exit(status)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={
        **os.environ, "XDG_RUNTIME_DIR": str(runtime)})  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "no presentation is running" in done.stderr
