"""An error's excerpt fits the output's width, the caret under the column (issue s11, 1).

A minified one-line deck with an error in the middle: ``check`` and the presenter's
start-up error show a window of the line as wide as the terminal, cut with ``…``;
a file or a pipe gets the 160-cell window. Wide (CJK) characters and tabs keep the
caret under the character.
"""

from __future__ import annotations

import fcntl
import os
import struct
import subprocess
import sys
import termios
from collections.abc import Generator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from tests.app_support import make_app
from tests.conftest import ROOT, SEED
from tests.test_app_in_a_terminal import read_until
from tui_slides import cli
from tui_slides.deck.errors import DeckSyntaxError
from tui_slides.deck.excerpt import caret_lines
from tui_slides.deck.loader import load_deck

ASCII_DECK = "{slides:[" + ",".join(
    '{title:"Slide 120" @}' if i == 120 else f'{{title:"Slide {i:03}"}}' for i in range(250)
) + "]}"  # fmt: skip
"""5,012 characters on one line; the ``@`` is at column 2,429."""

CJK_DECK = (
    "{slides:["
    + ",".join(f'{{title:"第{i:03}章のスライド"}}' for i in range(60))
    + ',{title:"終わり" @}]}'
)
"""A line of wide characters; the ``@`` is at column 1,283, near its end."""

HEAD = "error: expected ',' or '}' after the object member, found '@'"

SHOWN = {
    ("ascii", 80): [
        '  …{title:"Slide 119"},{title:"Slide 120" @},{title:"Slide 121"},{title:"Slide …',
        "                                          ^",
    ],
    ("ascii", 40): [
        '  …{title:"Slide 120" @},{title:"Slide …',
        "                      ^",
    ],
    ("cjk", 80): [
        '  …,{title:"第058章のスライド"},{title:"第059章のスライド"},{title:"終わり" @}]}',
        "                                                                            ^",
    ],
    ("cjk", 40): [
        '  …59章のスライド"},{title:"終わり" @}]}',
        "                                    ^",
    ],
}
"""What a terminal that wide shows under the error line: 80 or 40 cells at most."""

DECKS = {"ascii": ASCII_DECK, "cjk": CJK_DECK}


def written(deck: Path, text: str) -> Path:
    deck.write_text(text, encoding="utf-8")
    return deck


def excerpt(said: str) -> list[str]:
    """The two lines under the first ``path:line:col`` line of ``said``."""
    lines = said.replace("\r\n", "\n").split("\n")
    first = next(number for number, line in enumerate(lines) if HEAD in line)
    return lines[first + 1 : first + 3]


def in_a_terminal(argv: list[str], columns: int, cwd: Path) -> tuple[int, str]:
    """``tui-slides argv`` with all three standard streams on a pseudo-terminal ``columns``
    wide: its exit status and what it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env.update(TERM="xterm-256color", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-m", "tui_slides", *argv],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    try:
        said = read_until(master, lambda _: False, 30)  # until the pty closes: the child ended
        status = child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
    return status, said.decode("utf-8")


@pytest.mark.parametrize(("kind", "columns"), sorted(SHOWN))
def test_check_fits_the_excerpt_to_the_terminal(tmp_path: Path, kind: str, columns: int) -> None:
    written(tmp_path / "bad.json5", DECKS[kind])
    status, said = in_a_terminal(["check", "bad.json5"], columns, tmp_path)
    assert status == 1
    assert excerpt(said) == SHOWN[kind, columns]
    assert all(cell_len(line) <= columns for line in SHOWN[kind, columns])


@pytest.mark.parametrize(
    "argv",
    [["show", "bad.json5"], ["fix", "bad.json5"], ["export", "bad.json5", "--html", "x.html"]],
)
def test_the_other_commands_fit_it_too(tmp_path: Path, argv: list[str]) -> None:
    written(tmp_path / "bad.json5", CJK_DECK)
    status, said = in_a_terminal(argv, 40, tmp_path)
    assert status == 1
    assert excerpt(said) == SHOWN["cjk", 40]


def test_the_presenters_start_up_error_fits_the_terminal(tmp_path: Path) -> None:
    written(tmp_path / "bad.json5", CJK_DECK)
    status, said = in_a_terminal(["bad.json5"], 40, tmp_path)
    assert status == 1
    assert said.replace("\r\n", "\n") == "\n".join(
        [f"bad.json5:1:1283: {HEAD}", *SHOWN["cjk", 40], ""]
    )


async def test_the_presenter_ends_with_an_excerpt_as_wide_as_its_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quick start's deck whose rest does not load: the reason is printed once the
    screen is given back, to a terminal as wide as the screen was."""
    path = written(tmp_path / "bad.json5", CJK_DECK)
    with pytest.raises(DeckSyntaxError) as caught:
        load_deck(path)

    class Failing:  # an opening whose rest turns out not to load
        deck = load_deck(SEED)

        def complete_in_steps(self) -> Generator[None, None, object]:
            yield
            raise caught.value

    app = make_app(Failing.deck, path, opening=Failing())
    said: list[object] = []
    exit_app = app.exit
    monkeypatch.setattr(app, "exit", lambda **kw: (said.append(kw["message"]), exit_app(**kw)))
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    (message,) = said
    assert isinstance(message, Text)
    assert message.plain.split("\n")[1:] == SHOWN["cjk", 40]


async def test_the_reload_panel_fits_the_excerpt_inside_its_padding(tmp_path: Path) -> None:
    path = written(tmp_path / "talk.json5", '{ content: [{ title: "One" }] }')
    app = make_app(load_deck(path), path)
    async with app.run_test(size=(42, 24)) as pilot:  # the panel has a column of padding a side
        written(path, CJK_DECK)
        await pilot.press("r")
        panel = app.slides.query_one("#diagnostics")
        message = str(panel.content)  # type: ignore[attr-defined]
    assert message.split("\n")[-2:] == SHOWN["cjk", 40]


def test_check_into_a_pipe_shows_the_160_cell_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = written(tmp_path / "bad.json5", ASCII_DECK)
    assert cli.main(["check", str(deck)]) == 1
    shown, caret = excerpt(capsys.readouterr().out)
    assert len(shown) == 162 and shown.startswith("  …") and shown.endswith("…")
    assert shown[len(caret) - 1] == "@" and caret.strip() == "^"


def test_tabs_keep_the_caret_under_the_column() -> None:
    line = "\t" * 3 + "[" + "1,\t" * 40 + "1 2,\t" + "3,\t" * 40 + "]"
    assert caret_lines(line, line.index("2") + 1, 40) == (
        "  …, 1, 1, 1, 1, 1, 1 2, 3, 3, 3, 3, 3,…\n"  # each tab one space
        "                      ^"
    )
    assert caret_lines("\t{a: 1 2}", 8, 40) == "   {a: 1 2}\n         ^"


def test_a_short_line_is_shown_whole() -> None:
    assert caret_lines("{ 名前: 1 2 }", 9, 20) == "  { 名前: 1 2 }\n            ^"
    assert caret_lines("{ a: [", 7, 40) == "  { a: [\n        ^"  # past the end of the line


@given(
    st.text(st.sampled_from("ab {}:,\t名前テ"), max_size=400),
    st.integers(min_value=1, max_value=401),
    st.integers(min_value=20, max_value=200),
)
def test_the_excerpt_fits_and_the_caret_is_under_the_column(
    line: str, col: int, columns: int
) -> None:
    col = min(col, len(line) + 1)
    shown, caret = caret_lines(line, col, columns).split("\n")
    assert cell_len(shown) <= columns and cell_len(caret) <= columns
    assert caret.endswith("^") and set(caret[:-1]) == {" "}
    text = shown[2:].removeprefix("…")  # no "…" in the line: each is a cut
    cut = len(shown) - 2 - len(text)
    text = text.removesuffix("…")
    assert text in line.replace("\t", " ")
    before = len(caret) - 3 - cut  # the cells of ``text`` before the caret
    taken = 0
    for char in text:
        if taken == before:
            assert char == line[col - 1].replace("\t", " ")
            return
        taken += cell_len(char)
    assert taken == before and col == len(line) + 1  # the caret after the line's end
