"""Hostile input to the loader (issue 11): numbers, surrogates, duplicate keys, control
sequences in diagnostics, capped repairs, special files and odd file names."""

from __future__ import annotations

import json
import math
import os
import sys
import threading
from pathlib import Path

import json5
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_slides import cli
from tui_slides.deck import loader, syntax
from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.errors import DeckError, DeckLimitError, DeckNotFoundError, DeckSyntaxError
from tui_slides.deck.loader import load_deck
from tui_slides.deck.numbers import spelling
from tui_slides.deck.safety import is_safe

SOME = settings(max_examples=150, deadline=None)


def write(folder: Path, text: str, name: str = "deck.json5") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def printable(text: str) -> bool:
    """Safe for a terminal and encodable: no control sequence, no lone surrogate."""
    text.encode("utf-8")  # raises on a lone surrogate
    return is_safe(text)


# -- numbers ------------------------------------------------------------------------

DIGITS = st.text("0123456789", min_size=1, max_size=6000)
HEX = st.text("0123456789abcdefABCDEF", min_size=1, max_size=5000)


@st.composite
def number_tokens(draw: st.DrawFn) -> str:
    """Every form of JSON5 number, of any length."""
    sign = draw(st.sampled_from(["", "-", "+"]))
    kind = draw(st.sampled_from(["int", "fraction", "exponent", "hex", "word", "dot"]))
    digits = draw(DIGITS).lstrip("0") or "0"
    if kind == "int":
        body = digits
    elif kind == "fraction":
        body = f"{digits}.{draw(st.text('0123456789', max_size=400))}"
    elif kind == "exponent":
        exponent = draw(st.integers(-100_000, 100_000))
        body = f"{digits}{draw(st.sampled_from('eE'))}{exponent}"
    elif kind == "dot":
        body = f".{draw(DIGITS)}"
    elif kind == "hex":
        body = f"0{draw(st.sampled_from('xX'))}{draw(HEX)}"
    else:
        body = draw(st.sampled_from(["Infinity", "NaN"]))
    return sign + body


@SOME
@given(number_tokens(), st.sampled_from(["block", "name", "ID", "slide_now", "other"]))
def test_a_number_of_any_form_and_length_loads_and_prints(
    tmp_path_factory: pytest.TempPathFactory, token: str, field: str
) -> None:
    """No conversion limit, no traceback: a string field keeps the number's spelling."""
    folder = tmp_path_factory.mktemp("n")
    where = "block" if field == "block" else "slide"
    block = f"{{title: 't', block: {token}}}" if where == "block" else "{title: 't'}"
    slide_field = "" if where == "block" else f", {field}: {token}"
    path = write(folder, f"{{content: [{block}]{slide_field}}}")
    deck = load_deck(path)
    slide = deck.slides[0]
    expected = token if len(token) <= 1_000_000 else None
    if field == "block":
        assert slide.content[0].style == expected
    elif field == "name":
        assert slide.name == expected
    elif field == "ID":
        assert slide.id == expected
    elif field == "other":
        value = slide.extra["other"]
        assert spelling(value) == token  # type: ignore[arg-type]
        assert len(str(value)) < 400 and f"{value}" == str(value)
    for diagnostic in deck.diagnostics:
        assert printable(str(diagnostic))
    assert cli.main(["show", str(path), "--width", "40"]) == 0


@SOME
@given(number_tokens().filter(lambda token: len(token) < 300))
def test_numbers_agree_with_the_reference_json5(token: str) -> None:
    ours = syntax.parse(token, "t", strict=True).value
    theirs = json5.loads(token)
    assert isinstance(ours, (int, float)) and isinstance(theirs, (int, float))
    assert isinstance(ours, int) == isinstance(theirs, int)
    assert (math.isnan(ours) and math.isnan(theirs)) or ours == theirs


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("1" * 400, math.inf),
        ("-" + "9" * 5000, -math.inf),
        ("0x" + "f" * 5000, math.inf),
        ("0x" + "0" * 5000 + "1f", 31),
        ("1e400", math.inf),
        ("9" * 300, int("9" * 300)),
    ],
)
def test_beyond_a_doubles_range_a_number_is_infinite(token: str, value: float) -> None:
    """A JSON5 number is a double: an integer out of its range is inf, in range exact."""
    parsed = syntax.parse(token, "t").value
    assert parsed == value and spelling(parsed) == token  # type: ignore[arg-type]


def test_the_json_fast_path_keeps_spellings_too(tmp_path: Path) -> None:
    filler = [{"content": [{"text": "x" * 100}]} for _ in range(400)]  # over JSON_FAST_PATH
    slides = [{"ID": "@", "name": "@", "content": [{"block": "@"}]}, *filler]
    text = json.dumps({"slides": slides}).replace('"@"', "1.10", 2).replace('"@"', "1" * 5000)
    assert len(text) > loader.JSON_FAST_PATH
    slide = load_deck(write(tmp_path, text, "deck.json")).slides[0]
    assert (slide.id, slide.name, slide.content[0].style) == ("1.10", "1.10", "1" * 5000)


def test_an_id_keeps_its_spelling(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, "[{ID: 1.10, content: []}, {ID: 1.9, content: []}]"))
    assert [slide.id for slide in deck.slides] == ["1.10", "1.9"]
    assert deck.find("1.10") == 0


# -- strings: surrogate escapes -------------------------------------------------------


def test_an_escaped_surrogate_pair_is_one_character(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, r'{content: [{title: "\uD83D\uDE00 \ud83d\ude00"}]}'))
    assert deck.slides[0].content[0].title == "😀 😀"
    assert deck.diagnostics == ()


def test_a_lone_surrogate_is_shown_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, '{content: [{\n  title: "a\\uD800b \\uDE00"}]}')
    deck = load_deck(path, strict=True)  # valid JSON5: a warning, not an error
    assert deck.slides[0].content[0].title == "a\ufffdb \ufffd"
    assert [str(d) for d in deck.diagnostics] == [
        f"{path}:2:12: warning: lone surrogate '\\uD800' in a string: shown as U+FFFD (�)",
        f"{path}:2:20: warning: lone surrogate '\\uDE00' in a string: shown as U+FFFD (�)",
    ]
    assert cli.main(["show", str(path), "--width", "30"]) == 0
    assert "a�b �" in capsys.readouterr().out


@SOME
@given(st.lists(st.integers(0, 0xFFFF), max_size=12), st.booleans())
def test_escaped_code_units_read_as_utf16_does(units: list[int], large: bool) -> None:
    """Any run of ``\\uXXXX``: pairs joined, lone surrogates U+FFFD, on both parse paths."""
    escaped = "".join(f"\\u{unit:04x}" for unit in units)
    expected = b"".join(unit.to_bytes(2, "little") for unit in units).decode("utf-16-le", "replace")
    text = f'["{escaped}"' + (', "' + "x" * loader.JSON_FAST_PATH + '"' if large else "") + "]"
    assert syntax.parse(text, "t").value[0] == expected  # type: ignore[index]
    value = loader._loads_json(text)
    if value is not loader._NOT_JSON:  # the fast path takes only what it reads the same
        assert value[0] == expected  # type: ignore[index]


# -- duplicate keys -------------------------------------------------------------------


def test_a_duplicate_key_is_a_warning_with_both_positions(tmp_path: Path) -> None:
    path = write(tmp_path, '{content: [],\n  name: "a",\n  "name": "b"}')
    deck = load_deck(path)
    assert deck.slides[0].name == "b"
    assert [str(d) for d in deck.diagnostics] == [
        f'{path}:3:3: warning: duplicate key "name" (first at 2:3); the last value wins'
    ]
    with pytest.raises(DeckSyntaxError) as error:
        load_deck(path, strict=True)
    assert str(error.value).startswith(f'{path}:3:3: error: duplicate key "name" (first at 2:3)')


@SOME
@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 9)), max_size=8))
def test_duplicate_keys_last_wins_as_json5_says(members: list[tuple[str, int]]) -> None:
    text = "{" + ", ".join(f'"{key}": {value}' for key, value in members) + "}"
    parsed = syntax.parse(text, "t")
    assert parsed.value == json5.loads(text)
    duplicates = len(members) - len({key for key, _ in members})
    assert len(parsed.warnings) == duplicates
    large = text[:-1] + (", " if members else "") + f'"zz": "{"x" * loader.JSON_FAST_PATH}"}}'
    assert (loader._loads_json(large) is loader._NOT_JSON) == (duplicates > 0)


# -- control sequences and odd characters in diagnostics ------------------------------


@given(st.text(), st.text())
def test_a_diagnostic_prints_nothing_raw(path: str, message: str) -> None:
    diagnostic = Diagnostic(path, 1, 2, Level.WARNING, message)
    assert printable(str(diagnostic))
    data = diagnostic.as_dict()
    assert printable(str(data["path"])) and printable(str(data["message"]))


def test_a_key_in_a_syntax_error_is_made_visible(tmp_path: Path) -> None:
    path = write(tmp_path, '{"\\u001b[2J" 1}', "evil\x1b]0;x\x07.json5")
    with pytest.raises(DeckError) as error:
        load_deck(path)
    shown = str(error.value)
    assert printable(shown) and "after the key '␛[2J'" in shown and "evil␛]0;x␇.json5:" in shown


def test_check_json_output_shows_the_path_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "{content: [], x: 1,, }", "a\u202eb.json5")
    assert cli.main(["check", "--format", "json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    diagnostics = report["decks"][0]["diagnostics"]
    assert {d["path"] for d in diagnostics} == {str(tmp_path / "a\ufffdb.json5")}
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
    padding = ', "pad": "' + "x" * loader.JSON_FAST_PATH + '"' if large else ""
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
