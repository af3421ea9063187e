"""Repairs made for good, by kind and as a class: defects injected into valid JSON5, then fixed."""

from __future__ import annotations

import json
from typing import Any

import json5
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fix_support import patch
from tui_slides.deck import syntax
from tui_slides.deck.diff import unified_diff
from tui_slides.deck.errors import DeckSyntaxError
from tui_slides.deck.fix import FixError, apply, fix_text

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        pytest.param("{title: 'a' content: 'b'}", "{title: 'a', content: 'b'}", id="comma member"),
        pytest.param("['a' // one\n 'b']", "['a', // one\n 'b']", id="comma before comment"),
        pytest.param("[1 /* c */ -2]", "[1, /* c */ -2]", id="comma between numbers"),
        pytest.param("{content: 'one\ntwo'}", "{content: 'one\\n\\\ntwo'}", id="raw LF"),
        pytest.param('["a\r\nb\rc"]', '["a\\n\\\r\nb\\n\\\rc"]', id="raw CRLF and CR"),
        pytest.param("['a\\\nb\nc']", "['a\\\nb\\n\\\nc']", id="a continuation is kept"),
        pytest.param("{'a\nb': 1}", "{'a\\n\\\nb': 1}", id="raw LF in a key"),
        pytest.param("['a',, 'b',]", "['a', 'b',]", id="doubled comma"),
        pytest.param("[, 'a']", "[ 'a']", id="leading comma"),
        pytest.param("{,,}", "{}", id="commas alone"),
        pytest.param("{content: ['a'", "{content: ['a'\n]\n}", id="open at end"),
        pytest.param("{content: ['a',\n", "{content: ['a',\n]\n}\n", id="open, line break"),
        pytest.param("['a' // last", "['a' // last\n]", id="open after a comment"),
        pytest.param("{a: 1,\r\n", "{a: 1,\r\n}\r\n", id="open, CRLF"),
        pytest.param("{\r\na: 1", "{\r\na: 1\r\n}", id="open, CRLF file"),
        pytest.param(
            "[{a: 'x\ny', b: 2 c: 3},, [3 4",
            "[{a: 'x\\n\\\ny', b: 2, c: 3}, [3, 4\n]\n]",
            id="all at once",
        ),
    ],
)
def test_each_repair_kind(broken: str, fixed: str) -> None:
    result = fix_text(broken, "deck.json5")
    assert result.text == fixed
    assert json5.loads(fixed) == syntax.parse(broken, "deck.json5").value
    assert syntax.parse(fixed, "deck.json5", strict=True).value == json5.loads(fixed)
    assert len(result.repairs) == len(syntax.parse(broken, "deck.json5").repairs)


def test_valid_json5_is_left_as_it_is() -> None:
    text = "// a talk\n{content: ['a', 'b\\nc',], /* done */}\n"
    assert fix_text(text, "deck.json5").text is text


def test_a_hard_error_is_the_parser_own() -> None:
    with pytest.raises(DeckSyntaxError, match="expected a value"):
        fix_text("{content: [}", "deck.json5")


def test_edits_apply_in_order_and_must_not_overlap() -> None:
    assert apply("ab", [(2, 2, "]"), (1, 1, ","), (2, 2, "}")]) == "a,b]}"
    with pytest.raises(ValueError, match="overlapping"):
        apply("abc", [(0, 2, ""), (1, 1, ",")])


def test_edits_that_change_the_value_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    original = syntax.parse

    def wrong_edit(text: str, path: str, *, strict: bool = False, **options: Any) -> syntax.Parsed:
        parsed = original(text, path, strict=strict, **options)
        if not strict:
            parsed.edits = [(1, 4, "'b',")]  # fixes the comma, but changes 'a' to 'b'
        return parsed

    monkeypatch.setattr(syntax, "parse", wrong_edit)
    with pytest.raises(FixError, match="reads differently"):
        fix_text("['a' 'c']", "deck.json5")


# -- the class: random valid documents, random defects ----------------------

KEY = st.text("abcXYZ_$ж", min_size=1, max_size=5)
TEXT = st.lists(
    st.sampled_from(
        ["a", "Жё", " ", "'", '"', "\\", "//", "/*", ",", ":", "}", "]", "\t", "\u2028"]
    )
    | st.just("\n"),
    max_size=8,
).map("".join)
"""Strings with line breaks (half of them left raw, to be repaired) and what looks like syntax."""
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEY, inner, max_size=4),
    max_leaves=12,
)
GAPS = st.sampled_from([" ", "\n", "  ", "\n    ", " // note, ' \" {\n", " /* a, } */ ", "\t"])
"""What may stand between tokens: the comments hold what a repair must not touch."""


class Writer:
    """Writes a value as JSON5 with random layout, and with random defects, side by side."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.clean: list[str] = []
        self.broken: list[str] = []

    def both(self, piece: str) -> None:
        self.clean.append(piece)
        self.broken.append(piece)

    def value(self, value: object) -> None:
        if isinstance(value, dict):
            self.items("{", "}", [(key, item) for key, item in value.items()])
        elif isinstance(value, list):
            self.items("[", "]", [(None, item) for item in value])
        elif isinstance(value, str):
            self.string(value)
        else:
            self.both(json.dumps(value))

    def items(self, opener: str, closer: str, items: list[tuple[str | None, object]]) -> None:
        self.both(opener)
        if self.draw(st.integers(0, 9)) == 0:  # a leading comma
            self.broken.append(",")
        for index, (key, item) in enumerate(items):
            self.both(self.draw(GAPS))
            if key is not None:
                self.key(key)
            self.value(item)
            if index < len(items) - 1:
                self.comma(after_string=isinstance(item, str))
        self.both(self.draw(GAPS))
        self.both(closer)

    def comma(self, *, after_string: bool) -> None:
        defect = self.draw(st.sampled_from(["none", "none", "missing", "doubled"]))
        self.clean.append(",")
        # A string with a raw line break is repaired only when a separator follows it.
        if defect == "missing" and not (after_string and self.last_string_broken):
            return
        self.broken.append(",,," if defect == "doubled" else ",")

    def key(self, key: str) -> None:
        if key.isidentifier() and key not in ("true", "false", "null", "Infinity", "NaN"):
            self.both(key)
        else:
            self.both(json.dumps(key, ensure_ascii=False))
        self.both(self.draw(st.sampled_from([":", ": ", " : "])))

    def string(self, value: str) -> None:
        quote = self.draw(st.sampled_from("\"'"))
        self.last_string_broken = False
        self.both(quote)
        for char in value:
            if char == "\n" and self.draw(st.booleans()):
                self.clean.append("\\n")
                self.broken.append(self.draw(st.sampled_from(["\n", "\r\n"])))
                self.last_string_broken = True
            elif char == "\n":
                self.both("\\n")
            elif char in (quote, "\\"):
                self.both("\\" + char)
            else:
                self.both(char)
        self.both(quote)

    last_string_broken = False


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """A valid JSON5 text, and the same text with random defects."""
    top = draw(st.lists(VALUES, max_size=4) | st.dictionaries(KEY, VALUES, max_size=4))
    writer = Writer(draw)
    writer.value(top)
    broken = "".join(writer.broken)
    cut = draw(st.integers(0, 3))  # the file ends with brackets open
    while cut and broken.rstrip(" \t\n").endswith(("}", "]")):
        broken = broken.rstrip(" \t\n")[:-1]
        cut -= 1
    return "".join(writer.clean), broken


@FAST
@given(documents())
def test_fixed_defects_give_json5_that_reads_as_the_document_without_them(
    document: tuple[str, str],
) -> None:
    clean, broken = document
    expected = json5.loads(clean)
    fixed = fix_text(broken, "deck.json5")
    assert json5.loads(fixed.text) == expected
    assert syntax.parse(fixed.text, "deck.json5", strict=True).value == expected
    assert (fixed.text == broken) == (not fixed.repairs)
    if fixed.repairs:  # the diff, as `patch` would apply it, gives the same text
        assert patch(broken, "".join(unified_diff(broken, fixed.edits, "deck.json5"))) == fixed.text


def test_a_repair_without_an_edit_is_refused_not_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    original = syntax.parse

    def no_edits(text: str, path: str, *, strict: bool = False, **options: Any) -> syntax.Parsed:
        parsed = original(text, path, strict=strict, **options)
        parsed.edits = []  # a repair kind that forgot to record its edit
        return parsed

    monkeypatch.setattr(syntax, "parse", no_edits)
    with pytest.raises(FixError, match=r"still needs a repair \(missing ','"):
        fix_text("['a' 'c']", "deck.json5")


@st.composite
def edited_texts(draw: st.DrawFn) -> tuple[str, list[syntax.Edit]]:
    """A text of a few lines (LF, CRLF, a last line with or without one), and edits to it."""
    pieces = st.sampled_from(["a", "b", " ", "\n", "\r\n", "\n\n\n\n\n\n\n\n", "\x1b"])
    text = "".join(draw(st.lists(pieces, min_size=1, max_size=40)))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    cuts = [cut for cut in cuts if text[cut - 1 : cut + 1] != "\r\n"]  # as no repair does
    edits: list[syntax.Edit] = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        edits.append((start, end, draw(st.sampled_from(["", ",", "x\n", "\n", "]\n}\n", "\r\n"]))))
    return text, edits


@FAST
@given(edited_texts())
def test_the_diff_of_any_edits_applies_to_the_edited_text(
    case: tuple[str, list[syntax.Edit]],
) -> None:
    text, edits = case
    after = apply(text, edits)
    diff = "".join(unified_diff(text, edits, "deck.json5"))
    if after == text and not diff:
        return
    visible_text = text.replace("\x1b", "␛")  # the diff shows control characters visibly
    assert patch(visible_text, diff) == after.replace("\x1b", "␛")
