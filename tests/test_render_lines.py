"""The line-building renderables: the same lines Rich draws, wrapped once, no trailing blanks."""

from __future__ import annotations

import io

import pytest
from rich.console import Console, Group
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui_slides.render.lines import Centred, Prose, Stack, lines_of, trim_end

SEED_LINE = "Сроки реализации проекта - 2018 – 2020 гг. 漢字 😀 and a long tail of words"


def console(width: int) -> Console:
    return Console(width=width, file=io.StringIO(), force_terminal=True, _environ={})


@pytest.mark.parametrize("width", [6, 11, 20, 40, 100])
@pytest.mark.parametrize("style", [Style(), Style(bold=True, color="cyan")])
def test_prose_draws_the_lines_rich_draws_without_the_trailing_space(
    width: int, style: Style
) -> None:
    text = Text(SEED_LINE + "\nsecond line", style=style, overflow="fold")
    out = console(width)
    options = out.options.update_width(width)
    expected = [trim_end(line) for line in out.render_lines(text, options, pad=False)]
    assert Prose(text).lines(out, options) == expected
    assert all(not line or line[-1].text[-1:] != " " for line in expected)


def test_a_stack_is_its_parts_one_under_another() -> None:
    out = console(30)
    options = out.options
    parts = [Prose(Text("one two three four five six seven")), Text("plain"), Group(Text("g"))]
    expected = [line for part in parts for line in lines_of(part, out, options)]
    assert Stack(*parts).lines(out, options) == expected
    assert [("".join(s.text for s in line)) for line in expected] == [
        "one two three four five six",
        "seven",
        "plain",
        "g",
    ]


def test_trailing_spaces_that_paint_a_background_are_kept() -> None:
    painted = Style(bgcolor="red")
    line = [Segment("text"), Segment("  ", painted)]
    assert trim_end(line) == line
    assert trim_end([Segment("text  "), Segment("   ")]) == [Segment("text")]
    assert trim_end([Segment("   ")]) == []


def _printed(renderable: object, width: int) -> list[str]:
    out = Console(width=width, file=io.StringIO(), color_system=None, _environ={})
    out.print(renderable)
    return [line.rstrip() for line in out.file.getvalue().splitlines()]  # type: ignore[attr-defined]


def test_centred_moves_its_lines_together_by_the_widest() -> None:
    part = Stack(Text("• one"), Text("• two items"), Text(""), Text("  • nested"))
    assert _printed(Centred(part), 21) == [
        "     • one",
        "     • two items",
        "",
        "       • nested",
    ]


def test_centred_takes_its_width_from_like_and_leaves_a_full_width_line_alone() -> None:
    shown = Stack(Text("• a"))
    whole = Stack(Text("• a"), Text("• a longer one"))
    assert _printed(Centred(shown, like=whole), 20) == ["   • a"]
    assert _printed(Centred(Text("x" * 20)), 20) == ["x" * 20]


def test_markdown_centred_for_a_title_slide_is_exact() -> None:
    from tui_slides.render.markdown import render_markdown

    text = "# Big\n\nBy *me*\n\n1. first\n2. second item\n\n> quoted"
    assert _printed(render_markdown(text, centre=True), 30) == [
        "             Big",
        "",
        "            By me",
        "",
        "        1. first",  # the list as a whole: " 2. second item" is 15 cells of 30
        "        2. second item",
        "",
        "           ▌ quoted",
    ]
