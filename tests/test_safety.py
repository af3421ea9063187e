"""The safety check every deck string passes: fast, and never wrong."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_slides.deck.safety import is_safe, unsafe_characters, visible

UNSAFE = [chr(code) for code in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]
UNSAFE += list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize("char", UNSAFE, ids=lambda char: f"U+{ord(char):04X}")
def test_every_unsafe_character_is_caught_wherever_it_stands(char: str) -> None:
    for text in (char, f"a{char}", f"Цель\n\t{char} проекта", f"\u00a0{char}"):
        assert not is_safe(text)
        assert char not in visible(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Цель проекта:\n\t• один\r\nдва",  # line breaks and tabs (a CR is caught alone)
        "no\u00a0break, zero\u200dwidth joiner, soft\u00adhyphen",  # unprintable, but safe
        "line\u2028separator, 😀 emoji, 漢字, [bold]markup[/bold]",
    ],
)
def test_safe_text_is_kept_as_it_is(text: str) -> None:
    expected = "\r" not in text
    assert is_safe(text) is expected
    assert (visible(text) == text) is expected


@given(
    st.text(
        alphabet=st.one_of(st.characters(), st.sampled_from([*UNSAFE, "\n", "\t", "\u00a0"])),
        max_size=30,
    )
)
def test_is_safe_agrees_with_the_full_search(text: str) -> None:
    assert is_safe(text) == (not list(unsafe_characters(text)))
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", visible(text)) is None
