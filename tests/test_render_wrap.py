"""The quick word wrap: Rich's own lines, segment for segment, or no answer at all."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text

from tui_slides.render.lines import Prose, trim_end
from tui_slides.render.wrap import SINGLE_CELL_RANGES, is_simple, wrap

SIMPLE = [chr(code) for first, last in SINGLE_CELL_RANGES for code in range(first, last + 1)]
STYLES = [Style(), Style(bold=True, color="cyan"), Style(bgcolor="blue")]


def console(width: int) -> Console:
    return Console(width=width, file=io.StringIO(), force_terminal=True, _environ={})


def rich_lines(text: Text, width: int) -> list[list[object]]:
    """What Rich draws for ``text`` at ``width``, as ``Prose`` hands lines on."""
    out = console(width)
    options = out.options.update_width(width)
    return [trim_end(line) for line in out.render_lines(text, options, pad=False)]


def test_every_quick_character_is_one_cell_and_the_space_is_the_only_whitespace() -> None:
    assert all(cell_len(char) == 1 for char in SIMPLE)
    assert [char for char in SIMPLE if char.isspace()] == [" "]
    assert all(char.isprintable() for char in SIMPLE)


@pytest.mark.parametrize(
    "text",
    [
        "\u00a0no-break space",  # Rich breaks lines there: not for the quick wrap
        "tab\there",
        "漢字",
        "emoji 😀",
        "combining e\u0301",
        "zero\u200bwidth",
        "line\u2028separator",
    ],
)
def test_text_rich_must_measure_is_not_simple(text: str) -> None:
    assert not is_simple(text)


def test_a_word_wider_than_the_line_is_left_to_rich() -> None:
    assert wrap("a supercalifragilistic word", 10) is None
    assert wrap("a short word", 10) == ["a short ", "word"]


@pytest.mark.parametrize("width", [1, 5, 12, 40, 96])
@pytest.mark.parametrize("style", STYLES)
def test_seed_like_text_wraps_as_rich_wraps_it(width: int, style: Style) -> None:
    plain = (
        "Обоснование актуальности проекта:\n\n  Сроки реализации – 2018 – 2020 гг.  "
        "«Цифровой Казахстан» … №5, €10 ₸ 40,6 %   школ\n" + "word " * 30
    )
    text = Text(plain, style=style, overflow="fold")
    options = console(width).options.update_width(width)
    assert Prose(text).lines(console(width), options) == rich_lines(text, width)
    if width >= 12:  # every word fits on a line: no folding for Rich to decide
        assert Prose(text).quick_lines(console(width), options) is not None


@given(
    words=st.lists(
        st.tuples(st.text(st.sampled_from(SIMPLE[1:]), min_size=1, max_size=14), st.integers(0, 3)),
        max_size=40,
    ),
    breaks=st.sets(st.integers(0, 40), max_size=4),
    lead=st.integers(0, 3),
    width=st.integers(1, 50),
    style=st.sampled_from(STYLES),
)
def test_any_simple_text_wraps_as_rich_wraps_it(
    words: list[tuple[str, int]], breaks: set[int], lead: int, width: int, style: Style
) -> None:
    pieces = [" " * lead]
    for index, (word, spaces) in enumerate(words):
        pieces.append(("\n" if index in breaks else "") + word + " " * spaces)
    text = Text("".join(pieces), style=style, overflow="fold")
    out = console(width)
    assert Prose(text).lines(out, out.options.update_width(width)) == rich_lines(text, width)


def test_prose_takes_the_quick_wrap_only_where_it_applies() -> None:
    out = console(20)
    options = out.options.update_width(20)
    simple = Prose(Text("Сроки реализации проекта 2018", overflow="fold"))
    assert simple.quick_lines(out, options) is not None
    for other in [
        Text("centred text", justify="center"),
        Text("cropped", overflow="crop"),
        Text("漢字 text"),
        Text.assemble("two ", ("styles", "bold")),
    ]:
        assert Prose(other).quick_lines(out, options) is None
        assert Prose(other).lines(out, options) == rich_lines(other, 20)
