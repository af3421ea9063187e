"""Hostile input to the loader (issue 11): control sequences in diagnostics, capped
findings, special files and odd file names, limits, memory (values: test_load_values)."""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_slides import cli
from tui_slides.deck import syntax
from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.errors import DeckError, DeckLimitError, DeckNotFoundError
from tui_slides.deck.loader import load_deck
from tui_slides.deck.safety import is_safe

LARGE = 60_000
"""Characters of a large deck file (a JSON file of ``fastjson.JSON_FROM`` goes the standard
library's way first)."""

SOME = settings(max_examples=150, deadline=None)


def write(folder: Path, text: str, name: str = "deck.json5") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def printable(text: str) -> bool:
    """Safe for a terminal and encodable: no control sequence, no lone surrogate."""
    text.encode("utf-8")  # raises on a lone surrogate
    return is_safe(text)


# -- control sequences and odd characters in diagnostics ------------------------------


@given(st.text(), st.text())
def test_a_diagnostic_prints_nothing_raw(path: str, message: str) -> None:
    diagnostic = Diagnostic(path, 1, 2, Level.WARNING, message)
    assert printable(str(diagnostic))
    data = diagnostic.as_dict()
    assert data["path"] == path and printable(str(data["message"]))  # JSON escapes the path


def test_a_key_in_a_syntax_error_is_made_visible(tmp_path: Path) -> None:
    path = write(tmp_path, '{"\\u001b[2J" 1}', "evil\x1b]0;x\x07.json5")
    with pytest.raises(DeckError) as error:
        load_deck(path)
    shown = str(error.value)
    assert printable(shown) and "after the key '␛[2J'" in shown and "evil␛]0;x␇.json5:" in shown


def test_check_json_output_escapes_the_path_and_keeps_it_exact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "{content: [], x: 1,, }", "a\u202eb.json5")
    assert cli.main(["check", "--format", "json", str(path)]) == 0
    out = capsys.readouterr().out
    assert printable(out) and "\\u202e" in out  # JSON's escape, not the override itself
    report = json.loads(out)
    diagnostics = report["decks"][0]["diagnostics"]
    assert {d["path"] for d in diagnostics} == {report["decks"][0]["path"]} == {str(path)}
    assert all(printable(d["message"]) for d in diagnostics)


# -- repairs are listed up to a number per kind -------------------------------------------


def test_repairs_of_one_kind_are_listed_up_to_a_hundred(tmp_path: Path) -> None:
    path = write(tmp_path, "[" + "," * 250 + "{content: []}]")
    messages = [str(d) for d in load_deck(path).diagnostics]
    assert len(messages) == syntax.REPORTED_REPAIRS + 1
    assert messages[-1] == (
        f"{path}:1:102: warning: and 150 more like this, not listed: stray ',' after '['; removed"
    )
    every = syntax.parse(path.read_text(), str(path), listed=None)
    assert len(every.repairs) == 250


# -- special files and folders ------------------------------------------------------------


def run_briefly(action: object) -> object:
    """Run ``action`` in a thread: a FIFO opened for reading would block it for ever."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(_attempt(action)), daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert result, "blocked: the special file was opened"
    return result[0]


def _attempt(action: object) -> object:
    try:
        return action()  # type: ignore[operator]
    except DeckError as error:
        return error


def test_a_fifo_deck_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "deck.json5"
    os.mkfifo(fifo)
    error = run_briefly(lambda: load_deck(fifo))
    assert isinstance(error, DeckNotFoundError)
    assert str(error) == f"{fifo}:1:1: error: not a regular file (a named pipe)" + (
        ": a deck is a file or folder"
    )


def test_a_device_deck_is_refused() -> None:
    error = run_briefly(lambda: load_deck("/dev/zero"))
    assert isinstance(error, DeckNotFoundError) and "a character device" in str(error)


def test_a_fifo_in_a_folder_is_skipped_and_reported(tmp_path: Path) -> None:
    write(tmp_path, "{content: [], name: 'one'}", "1.json5")
    os.mkfifo(tmp_path / "2.json5")
    deck = run_briefly(lambda: load_deck(tmp_path))
    assert not isinstance(deck, DeckError)
    assert [slide.name for slide in deck.slides] == ["one"]  # type: ignore[attr-defined]
    assert [str(d) for d in deck.diagnostics] == [  # type: ignore[attr-defined]
        f"{tmp_path / '2.json5'}:1:1: error: not a regular file (a named pipe):"
        " a deck is a file or folder",
        f"{tmp_path / '2.json5'}:1:1: warning: this slide file is skipped",
    ]


def test_an_unreadable_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tests run as root, where chmod 000 does not deny: the refusal is simulated."""

    def denied(path: object) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", denied)
    with pytest.raises(DeckNotFoundError) as error:
        load_deck(tmp_path)
    assert str(error.value) == f"{tmp_path}:1:1: error: cannot read the folder: Permission denied"
    assert cli.main(["check", str(tmp_path)]) == 1
    assert "cannot read the folder: Permission denied" in capsys.readouterr().out


def test_a_file_name_that_is_not_utf8_loads_and_is_shown_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(os.fsencode(tmp_path) + b"/\xff.json5")  # as os.scandir names it
    Path(name).write_bytes(b"{content: [], name: 'odd', x: 1,,}")
    deck = load_deck(tmp_path)
    assert [slide.name for slide in deck.slides] == ["odd"]
    assert cli.main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path}/\\xff.json5:1:33: warning: stray ','" in out


def test_file_names_with_digits_int_refuses_sort_naturally(tmp_path: Path) -> None:
    for name in ("slide²", "①", "slide10", "slide2", "٣", "slide" + "9" * 5000):
        write(tmp_path, f"{{content: [], name: '{name[:12]}'}}", f"{name[:200]}.json5")
    names = [slide.name for slide in load_deck(tmp_path).slides]
    assert names == ["٣", "slide2", "slide10", "slide9999999", "slide²", "①"]


def test_ids_with_digits_of_any_length_or_script_sort(tmp_path: Path) -> None:
    ids = ["1.²", "1." + "9" * 5000, "1.٣", "1.10", "①"]
    for index, slide_id in enumerate(ids):
        write(tmp_path, f"{{content: [], ID: '{slide_id}'}}", f"{index}.json5")
    got = [slide.id for slide in load_deck(tmp_path).slides]
    assert got == ["1.٣", "1.10", "1." + "9" * 5000, "1.²", "①"]


# -- limits that keep memory bounded ----------------------------------------------------


@pytest.mark.parametrize("large", [False, True])
def test_a_file_with_too_many_values_is_refused_where_they_overflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large: bool
) -> None:
    """On both paths: the standard library's too (it leaves such a file to our parser)."""
    monkeypatch.setattr(syntax, "MAX_VALUES", 1000)
    padding = ', "pad": "' + "x" * LARGE + '"' if large else ""
    items = ", ".join(["0"] * 1200)
    path = write(tmp_path, '{"content": [], "x": [' + items + "]" + padding + "}", "deck.json")
    with pytest.raises(DeckLimitError) as error:
        load_deck(path)
    assert str(error.value).startswith(
        f"{path}:1:{23 + 3 * 995}: error: more than 1,000 values in one file"  # 5 before [
    )


def test_past_the_positions_kept_a_diagnostic_points_at_an_enclosing_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(syntax, "MAX_POSITIONS", 10)
    blocks = ",\n".join(["{title: 't'}"] * 20 + ["{title: 't', block: []}"])
    path = write(tmp_path, "{content: [\n" + blocks + "]}")
    (warning,) = load_deck(path).diagnostics
    assert str(warning).startswith(f"{path}:1:11: warning: 'block' should be a string")


def test_schema_findings_of_one_kind_are_listed_up_to_a_hundred(tmp_path: Path) -> None:
    blocks = ", ".join(
        ["1"] * 150 + ["{title: []}"] * 120 + [f"{{format: 'f{i}'}}" for i in range(3)]
    )
    path = write(tmp_path, f"{{content: [{blocks}]}}")
    messages = [str(d) for d in load_deck(path).diagnostics]
    assert len(messages) == 100 + 1 + 100 + 1 + 3  # unknown formats differ only by the name
    assert f"{path}:1:312: warning: and 50 more like this, not listed: a block should be an" in (
        "\n".join(messages)
    )
    assert sum("and 20 more like this" in message for message in messages) == 1


# -- memory that does not grow with one comment, string, word or run --------------------

BIG = 1_000_000
BY_311 = pytest.mark.skipif(
    sys.version_info < (3, 11),
    reason="Python 3.10 has no possessive repeats: memory grows with the escapes in one string",
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("/*" + "x" * BIG + "*/ {content: []}", id="block comment"),
        pytest.param("//x\n" * (BIG // 4) + "{content: []}", id="line comments"),
        pytest.param("\n" * BIG + "{content: []}", id="line breaks"),
        pytest.param(
            '{content: [], notes: "' + "\\n" * (BIG // 2) + '"}', id="escapes", marks=BY_311
        ),
        pytest.param("{content: [], " + "k" * BIG + ": 1}", id="long key"),
        pytest.param("[" + "," * BIG + "{content: []}]", id="stray commas"),
        pytest.param(
            '{content: [], x: "' + "\\uD800" * (BIG // 6) + '"}', id="lone surrogates", marks=BY_311
        ),
    ],
)
def test_parsing_takes_memory_in_proportion_to_the_values_not_the_text(text: str) -> None:
    """A 15 MB comment took 1.7 GB (110x): each of these now takes a small multiple of its size."""
    import tracemalloc

    tracemalloc.start()
    try:
        parsed = syntax.parse(text, "t")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * len(text), peak  # a re.sub of 1M escapes joins 1M pieces: 6x
    assert len(parsed.repairs) + len(parsed.warnings) <= 2 * (syntax.REPORTED_REPAIRS + 1)


@given(st.text(alphabet="ab\n\r", max_size=60), st.lists(st.integers(0, 60), max_size=12))
def test_lines_give_the_same_position_in_any_order_of_asking(text: str, offsets: list[int]) -> None:
    from tui_slides.deck.source import Lines

    lines = Lines(text)
    for offset in (min(offset, len(text)) for offset in offsets):
        before = text[:offset]
        expected = (before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)
        assert lines.position(offset) == expected
        end = text.find("\n", offset)
        start = before.rfind("\n") + 1
        assert lines.line_at(offset) == text[start : end if end != -1 else None].rstrip("\r")
