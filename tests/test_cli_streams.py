"""The command line on odd standard streams and odd names: each run as a user's shell would.

A full disk, a closed pipe, an output that is not UTF-8, no terminal for the
presenter, file names with control characters and bytes that are not UTF-8:
a clear line and an exit status, never a traceback, never a hang.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED
from tui_slides.deck.safety import is_safe, visible

ODD_NAME = os.fsdecode(b"\x1b[31m\xffodd.json5")
"""A file name with an ESC (a colour sequence) and a byte that is not UTF-8."""
ODD_SHOWN = "␛[31m\\xffodd.json5"  # the undecodable byte, as \xff
"""The same name as a terminal must see it."""


def tui_slides(
    *argv: str, env: dict[str, str] | None = None, **options: Any
) -> subprocess.CompletedProcess[bytes]:
    """``tui-slides ARGV`` as the installed command runs it (``startup.main``), bounded in time."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    options.setdefault("stdin", subprocess.DEVNULL)
    options.setdefault("timeout", 60)
    return subprocess.run(
        [sys.executable, "-m", "tui_slides", *argv],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        check=False,
        **options,
    )


@given(st.text(st.characters(exclude_categories=())) | st.binary().map(os.fsdecode))
def test_anything_visible_is_safe_and_valid_utf8(text: str) -> None:
    """File names as Python decodes them from bytes, and any text: nothing raw gets through."""
    said = visible(text)
    assert is_safe(said)
    said.encode("utf-8")  # no lone surrogate left: raises if there is one
    assert visible(said) == said


@pytest.fixture
def cyrillic_deck(tmp_path: Path) -> Path:
    """A deck with a Cyrillic name and text, and a repair to report."""
    path = tmp_path / "доклад.json5"
    path.write_text('{ content: [{ title: "Сроки реализации" text: "проекта" }] }')
    return path


def full_disk() -> IO[bytes]:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    return Path("/dev/full").open("wb")


@pytest.mark.parametrize(
    "argv",
    [
        ["check", str(SEED)],
        ["check", "--format", "json", str(SEED)],
        ["show", str(SEED)],
    ],
)
def test_a_full_disk_is_one_line_on_stderr_and_status_1(argv: list[str]) -> None:
    with full_disk() as stdout:
        result = tui_slides(*argv, stdout=stdout)
    assert result.returncode == 1
    said = result.stderr.decode().splitlines()  # show: after the deck's warnings
    assert said[-1] == "tui-slides: error: cannot write the output: No space left on device"
    assert "Traceback" not in result.stderr.decode()


@pytest.mark.parametrize("command", ["check", "show"])
def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path, command: str) -> None:
    """As ``tui-slides check decks/* | head -1`` does: more output than a pipe holds."""
    deck = tmp_path / "deck.json5"
    slides = ",".join(f'{{ content: [{{ title: "slide {n}" text: "text" }}] }}' for n in range(800))
    deck.write_text(f"[{slides}]")  # a missing comma in each: a warning a slide
    argv = [str(deck)] * 40 if command == "check" else [str(deck)]
    with (tmp_path / "stderr").open("w+b") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui_slides", command, *argv],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
        assert process.stdout is not None
        first = process.stdout.readline()
        process.stdout.close()  # what `head -1` does after its line
        status = process.wait(timeout=60)
        stderr.seek(0)
        err = stderr.read().decode()
    assert first.strip()
    assert status == 1
    assert "Traceback" not in err and "Exception" not in err
    if command == "check":  # show's warnings went to stderr before its output
        assert err == ""


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
    ids=["PYTHONIOENCODING=ascii", "C locale, no UTF-8 mode"],
)
def test_an_output_that_is_not_utf8_gets_ascii_stand_ins(
    cyrillic_deck: Path, env: dict[str, str]
) -> None:
    show = tui_slides("show", str(cyrillic_deck), "--width", "40", env=env)
    assert show.returncode == 0, show.stderr
    out = show.stdout.decode("ascii")  # nothing but ASCII
    assert "????? ??????????" in out and "\\u" not in out  # one `?` a letter: columns stay
    assert max(len(line) for line in out.splitlines()) <= 40
    check = tui_slides("check", str(cyrillic_deck), env=env)
    assert check.returncode == 0
    lines = check.stdout.decode("ascii").splitlines()
    if "PYTHONIOENCODING" in env:  # доклад, as escapes that say which letters
        name = "\\u0434\\u043e\\u043a\\u043b\\u0430\\u0434"
    else:  # in the C locale the name's bytes are not text: a stand-in each
        name = "".join(f"\\x{byte:02x}" for byte in "доклад".encode())
    assert lines[0].startswith(f"{cyrillic_deck.parent}/{name}.json5:1:")
    assert "Traceback" not in check.stderr.decode("ascii")


def test_on_an_ascii_output_a_wide_character_is_two_stand_ins_so_lines_keep_their_width(
    tmp_path: Path,
) -> None:
    deck = tmp_path / "wide.json5"
    deck.write_text('{content: [{title: "漢字", text: "中文 abc é\u0301"}]}', encoding="utf-8")
    show = tui_slides("show", str(deck), "--width", "40", env={"PYTHONIOENCODING": "ascii"})
    assert show.returncode == 0, show.stderr
    lines = show.stdout.decode("ascii").splitlines()
    assert lines[1] == "?" * 40  # the header's rule: 40 columns, as on a UTF-8 terminal
    shown = [line.strip() for line in lines]  # (a title and a line: a title slide, centred)
    assert "???? abc ?" in shown and lines[0].endswith("????")  # 中文 two each; é and its mark
    plain = tui_slides("show", str(deck), "--width", "40", env={"PYTHONIOENCODING": "utf-8"})
    widths = [len(line) for line in lines]
    from rich.cells import cell_len

    assert widths == [cell_len(line) for line in plain.stdout.decode().splitlines()]


def test_check_json_on_an_ascii_output_keeps_every_value(cyrillic_deck: Path) -> None:
    plain = tui_slides("check", "--format", "json", str(cyrillic_deck))
    ascii_only = tui_slides(
        "check", "--format", "json", str(cyrillic_deck), env={"PYTHONIOENCODING": "ascii"}
    )
    assert ascii_only.stdout.decode("ascii")
    assert json.loads(ascii_only.stdout) == json.loads(plain.stdout)
    assert json.loads(plain.stdout)["decks"][0]["path"] == str(cyrillic_deck)


@pytest.mark.parametrize("command", ["check", "show"])
def test_odd_file_names_are_printed_visibly(tmp_path: Path, command: str) -> None:
    deck = tmp_path / ODD_NAME
    deck.write_text('{ content: [{ title: "a" "b" }] }')  # a syntax error naming the file
    missing = tmp_path / f"missing {ODD_NAME}"
    for argv, status, stream in (
        ([str(deck)], 1, "stdout" if command == "check" else "stderr"),
        ([str(missing)], 2, "stderr"),
    ):
        result = tui_slides(command, *argv)
        assert result.returncode == status
        said = getattr(result, stream).decode("utf-8")  # valid UTF-8: no raw \xff byte
        assert "\x1b" not in said
        assert f"{tmp_path}/{ODD_SHOWN}" in said or f"{tmp_path}/missing {ODD_SHOWN}" in said
        assert "Traceback" not in result.stderr.decode("utf-8")


def test_check_json_keeps_an_odd_file_name_exactly(tmp_path: Path) -> None:
    deck = tmp_path / ODD_NAME
    deck.write_text('{ content: [{ title: "a" }] }')
    result = tui_slides("check", "--format", "json", str(deck))
    assert result.returncode == 0
    assert b"\x1b" not in result.stdout  # as JSON's own escapes
    assert json.loads(result.stdout)["decks"][0]["path"] == str(deck)


def test_check_json_spells_a_file_name_one_way_in_the_deck_and_its_diagnostics(
    tmp_path: Path,
) -> None:
    """A deck's ``path`` and its diagnostics' ``path`` are the same string, the name
    exactly (JSON's escapes keep the terminal safe): a program matches them and opens
    the file. A folder deck's diagnostics name its slide file, under the folder's path."""
    odd = os.fsdecode(b"\x1b[31m\x7f\xff\tdeck\n.json5")
    deck = tmp_path / odd
    deck.write_text('{ content: [{ title: "a" "b" }], x: 1,, }')  # a repair: one warning
    folder = tmp_path / f"talk {odd}"
    folder.mkdir()
    (folder / "1.json5").write_text('{ content: [{ text: "A" }] }')
    (folder / odd).write_text("{bad")  # skipped, with its error
    result = tui_slides("check", "--format", "json", str(deck), str(folder))
    assert result.returncode == 1
    assert not set(result.stdout) & {0x1B, 0x7F, 0x9B, 0xFF}  # each as JSON's own escape
    first, second = json.loads(result.stdout)["decks"]
    assert first["path"] == str(deck) and second["path"] == str(folder)
    assert first["diagnostics"] and second["diagnostics"]
    assert {d["path"] for d in first["diagnostics"]} == {str(deck)}
    assert {d["path"] for d in second["diagnostics"]} == {str(folder / odd)}


def test_an_odd_slide_key_is_printed_visibly() -> None:
    result = tui_slides("show", str(SEED), "--slide", os.fsdecode(b"\x1b]0;x\x07\xff"))
    assert result.returncode == 2
    assert result.stderr.decode("utf-8").splitlines()[-1] == (  # after the seed's warnings
        "tui-slides: error: no slide '␛]0;x␇\\xff': give a number from 1 to 1 or a slide ID"
    )


NO_TERMINAL = (
    "tui-slides: the presenter needs a terminal, and standard {} is not one;"
    " over SSH use `ssh -t`, or print the slides with `tui-slides show DECK`"
)


def test_the_presenter_refuses_to_start_without_a_terminal() -> None:
    """As ``ssh host tui-slides DECK`` without ``-t`` runs it: no terminal at either end."""
    for argv in ([str(SEED)], ["present", str(SEED)], []):
        result = tui_slides(*argv, timeout=20)
        assert result.returncode == 2
        assert result.stdout == b""
        assert result.stderr.decode().splitlines() == [NO_TERMINAL.format("input")]


def test_the_presenter_needs_a_terminal_at_both_ends() -> None:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        piped_out = tui_slides(str(SEED), stdin=follower, timeout=20)  # `tui-slides DECK | less`
        no_input = tui_slides(str(SEED), stdout=follower, timeout=20)  # `tui-slides DECK < file`
    finally:
        os.close(follower)
        os.close(leader)
    assert piped_out.returncode == 2
    assert piped_out.stderr.decode().splitlines() == [NO_TERMINAL.format("output")]
    assert no_input.returncode == 2
    assert no_input.stderr.decode().splitlines() == [NO_TERMINAL.format("input")]


def test_the_presenter_refuses_a_standard_error_that_is_not_a_terminal(tmp_path: Path) -> None:
    """``tui-slides DECK 2>log``: Textual draws on standard error, so the screen went into
    the file and the terminal stayed blank. Now: a line in the file and on the terminal."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    log = tmp_path / "log"
    try:
        with log.open("wb") as errors:
            result = tui_slides(str(SEED), stdin=follower, stdout=follower, stderr=errors)
        os.set_blocking(leader, False)
        on_terminal = os.read(leader, 65536).decode()
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    said = "the presenter draws on standard error, which is not a terminal here"
    assert said in log.read_text("utf-8").splitlines()[-1]
    assert said in on_terminal and "\x1b[" not in on_terminal  # the line, no screen


def test_ctrl_c_is_one_line_and_status_130_not_a_traceback(tmp_path: Path) -> None:
    """``show`` of a long deck into a pipe nobody reads blocks on writing; Ctrl+C then."""
    import signal
    import time

    slides = [{"content": [{"title": f"Slide {n}", "text": "word " * 200}]} for n in range(400)]
    deck = tmp_path / "long.json"
    deck.write_text(json.dumps(slides), "utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", "tui_slides", "show", str(deck), "--width", "80"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        child.stdout.read(1)  # it is printing: the rest fills the pipe and blocks it
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
    finally:
        child.kill()
    said = err.decode("utf-8")
    assert child.returncode == 130
    assert said.strip() == "tui-slides: interrupted"
    assert "Traceback" not in said
