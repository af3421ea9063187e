"""Markdown drawn as a slide draws it: in line with the slide's text, exact Rich output."""

from __future__ import annotations

import io

from rich.console import Console

from tui_slides.render.markdown import render_markdown


def printed(text: str, width: int = 40, *, centre: bool = False) -> list[str]:
    out = Console(width=width, file=io.StringIO(), color_system=None, _environ={})
    out.print(render_markdown(text, centre=centre))
    return [line.rstrip() for line in out.file.getvalue().splitlines()]  # type: ignore[attr-defined]


def test_headings_are_left_aligned_with_the_text() -> None:
    assert printed("# Big\n\nText.\n\n## Smaller") == ["Big", "", "Text.", "", "Smaller"]


def test_numbered_items_keep_their_period_and_right_align_their_numbers() -> None:
    assert printed("9. nine\n10. ten\n11. eleven") == ["  9. nine", " 10. ten", " 11. eleven"]
    assert printed("1. one\n2. two\n   wrapped text that is long", 20) == [
        " 1. one",
        " 2. two wrapped text",
        "    that is long",  # under the item's text
    ]


def test_a_rule_is_a_line_not_dashes() -> None:
    assert printed("Above\n\n---\n\nBelow", 10) == ["Above", "", "─" * 10, "", "Below"]


def test_a_table_starts_with_the_text_and_wraps_a_long_word_in_its_cell() -> None:
    table = "| Shape | Path |\n|---|---|\n| One | decks/shapes/single-slide.json5 |"
    text = f"Before.\n\n{table}\n\nAfter."
    assert printed(text, 30) == [
        "Before.",
        "",
        "Shape  Path",
        "──────────────────────────────",
        "One    decks/shapes/single-sli",  # folded, not cut with …
        "       de.json5",
        "",
        "After.",
    ]


def test_on_a_title_slide_a_table_is_centred_as_a_whole() -> None:
    assert printed("| a | b |\n|---|---|\n| 1 | 2 |", 20, centre=True) == [
        "        a  b",
        "        ────",
        "        1  2",
    ]


def test_on_a_title_slide_code_is_as_wide_as_its_lines_and_centred_as_a_whole() -> None:
    out = Console(width=40, file=io.StringIO(), color_system=None, _environ={})
    out.print(render_markdown("```\nab\nabcd\n```", centre=True))
    lines = out.file.getvalue().splitlines()  # type: ignore[attr-defined]
    indent = " " * 17  # (40 - 6) // 2: the code's 4 columns and a space either side
    # Every row of the code's background is 6 wide, not the column's 40.
    assert lines == [indent + " " * 6, indent + " ab   ", indent + " abcd ", indent + " " * 6]


def test_code_inside_a_title_slides_list_stays_under_its_item() -> None:
    lines = printed("- item\n\n  ```\n  code\n  ```", 40, centre=True)
    assert [line.strip() for line in lines if line.strip()] == ["• item", "code"]
    item, code = (line for line in lines if line.strip())
    assert code.index("code") == item.index("item") + 1  # the item's text, and its padding


def test_a_column_of_numbers_is_not_broken_while_a_column_of_text_can_wrap() -> None:
    table = (
        "| Region | Q1 revenue | Notes |\n|---|---|---|\n"
        "| North | 1,200,000 | a strong year for us |"
    )
    assert printed(table, 30) == [
        "        Q1",  # the header wraps on its words to the numbers' width
        "Region  revenue    Notes",
        "──────────────────────────────",
        "North   1,200,000  a strong",  # the text column gives the room
        "                   year for us",
    ]
    narrow = printed(table, 20)  # too narrow for the numbers whole: all fold, nothing is cut
    body = narrow[narrow.index("─" * 20) + 1 :]
    assert [line[7:12].strip() for line in body[:2]] == ["1,200", ",000"]
    assert "".join(line[14:] for line in body) == "astrongyearfor us"
