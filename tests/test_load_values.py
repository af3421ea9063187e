"""Hostile values (issue 11): numbers of every form and length, surrogate escapes,
duplicate keys; the strict parser still agrees with the reference ``json5``."""

from __future__ import annotations

import json
import math
from pathlib import Path

import json5
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_load_hostile import SOME, printable, write
from tui_slides import cli
from tui_slides.deck import fastjson, loader, syntax
from tui_slides.deck.errors import DeckSyntaxError
from tui_slides.deck.loader import load_deck
from tui_slides.deck.numbers import spelling

LARGE = 60_000
"""Characters of a large deck file (a JSON file of ``fastjson.JSON_FROM`` goes the standard
library's way first)."""

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
    filler = [{"content": [{"text": "x" * 100}]} for _ in range(600)]  # a large deck
    slides = [{"ID": "@", "name": "@", "content": [{"block": "@"}]}, *filler]
    text = json.dumps({"slides": slides}).replace('"@"', "1.10", 2).replace('"@"', "1" * 5000)
    assert len(text) > LARGE
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
    text = f'["{escaped}"' + (', "' + "x" * LARGE + '"' if large else "") + "]"
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
    large = text[:-1] + (", " if members else "") + f'"zz": "{"x" * LARGE}"}}'
    assert (loader._loads_json(large) is loader._NOT_JSON) == (duplicates > 0)


def test_only_a_large_file_is_tried_with_json_first() -> None:
    """``json`` is imported for files of ``JSON_FROM`` characters: smaller ones go to our parser."""
    small = '{"slides": [{"content": [{"text": "' + "x" * 100 + '"}]}]}'
    large = small.replace("x" * 100, "x" * fastjson.JSON_FROM)
    assert loader._loads_json(small) is loader._NOT_JSON
    value = loader._loads_json(large)
    assert (
        isinstance(value, dict)
        and value["slides"][0]["content"][0]["text"] == "x" * fastjson.JSON_FROM
    )
