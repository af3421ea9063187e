"""Property tests: any input loads or fails with our own error; strict parsing matches json5."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import json5
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from tui_slides.deck import syntax
from tui_slides.deck.errors import DeckError
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Deck

SEED_BYTES = SEED.read_bytes()
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_bytes(data: bytes, *, strict: bool = False) -> Deck | DeckError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.json5"
        path.write_bytes(data)
        try:
            return load_deck(path, strict=strict)
        except DeckError as error:  # the only exception allowed out of the loader
            assert str(error).startswith(f"{path}:")
            return error


@FAST
@given(st.binary(max_size=400), st.booleans())
def test_random_bytes_load_or_fail_cleanly(data: bytes, strict: bool) -> None:
    load_bytes(data, strict=strict)


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED_BYTES)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        piece = draw(
            st.sampled_from(
                [
                    b",",
                    b"{",
                    b"}",
                    b"[",
                    b"]",
                    b'"',
                    b"'",
                    b":",
                    b"\n",
                    b"/*",
                    b"\\",
                    b"\x00",
                    b"\xd0",
                    b"\x1b",
                ]
            )
        )
        if action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif action == "insert":
            data[at:at] = piece
        elif action == "replace":
            data[at : at + 1] = piece
        else:
            del data[at:]
    return bytes(data)


@FAST
@given(mutated_seed(), st.booleans())
def test_mutated_seeds_load_or_fail_cleanly(data: bytes, strict: bool) -> None:
    result = load_bytes(data, strict=strict)
    if isinstance(result, Deck):
        assert len(result) >= 1


def number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def same(a: object, b: object) -> bool:
    """Equal values of the same kinds (a number may be ours, carrying its spelling)."""
    if number(a) and number(b):
        assert isinstance(a, (int, float)) and isinstance(b, (int, float))
        if isinstance(a, int) != isinstance(b, int):
            return False
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


JSON5_PIECES = st.sampled_from(
    ['{', '}', '[', ']', ',', ':', ' ', '\n', '"a"', "'b'", 'key', '1', '-0', '.5', '5.', '0x1F',
     'Infinity', 'NaN', 'true', 'null', '// c\n', '/* c */', '"\\n"', '"\\x41"', '"\\u00e9"', '1e3',
     '"\\\n"', '\u2028', '"\u2028"', '\t', '+1', '0', '00', 'é'],
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(JSON5_PIECES, max_size=14).map("".join))
def test_strict_parser_agrees_with_the_reference_json5(text: str) -> None:
    """The ``json5`` package ports the reference implementation; ours must agree with it."""
    try:
        expected: object = json5.loads(text)
    except ValueError:
        expected = DeckError
    try:
        ours: object = syntax.parse(text, "t", strict=True).value
    except DeckError:
        ours = DeckError
    if expected is DeckError or ours is DeckError:
        assert ours is expected, (text, ours, expected)
    else:
        assert same(ours, expected), (text, ours, expected)


@FAST
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
))  # fmt: skip
def test_json_documents_parse_the_same_on_both_paths(value: object) -> None:
    """What the standard library's fast path reads, our parser reads the same."""
    text = json.dumps(value, ensure_ascii=False)
    assert same(syntax.parse(text, "t", strict=True).value, json.loads(text))
