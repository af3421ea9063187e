"""Structured plain text: every rule of the deck format, the seed's outcomes, and odd input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SEED
from tui_slides.deck.loader import load_deck
from tui_slides.deck.text import (
    BULLETS,
    MAX_DEPTH,
    BulletList,
    Heading,
    LeadIn,
    ListItem,
    Node,
    NumberedList,
    Paragraph,
    parse_text,
    plain_lines,
)


def seed_text() -> str:
    """The seed's long ``text``: its second block, as loaded."""
    return load_deck(SEED).slides[0].content[1].text


def bullets(*texts: str, marker: str = "•") -> BulletList:
    return BulletList(tuple(ListItem(marker, text) for text in texts))


# The seed ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_nodes() -> tuple[Node, ...]:
    return parse_text(seed_text())


def test_seed_headings(seed_nodes: tuple[Node, ...]) -> None:
    headings = [node.text for node in seed_nodes if isinstance(node, Heading)]
    assert headings == [
        "Обоснование актуальности проекта:",
        "Цель проекта:",
        "Задачи проекта",
        "Механизм реализации:",
    ]


def test_seed_lead_in_and_its_six_bullets(seed_nodes: tuple[Node, ...]) -> None:
    lead_in = LeadIn("Принятые меры и реализация проекта позволят обеспечить:")
    following = seed_nodes[seed_nodes.index(lead_in) + 1]
    assert isinstance(following, BulletList)
    assert len(following.items) == 6
    assert following.items[0] == ListItem(
        "•", "развитие цифровой инфраструктуры и IT-экосистемы в стране;"
    )
    assert following.items[5].text == "обеспечить возврат инвестиций в 4,8-6,4 раза к 2025 году."


def test_seed_numbered_list_under_its_heading(seed_nodes: tuple[Node, ...]) -> None:
    heading = seed_nodes.index(Heading("Механизм реализации:"))
    numbered = seed_nodes[heading + 1]
    assert isinstance(numbered, NumberedList)
    assert [item.marker for item in numbered.items] == ["1.", "2.", "3.", "4.", "5."]
    assert numbered.items[4].text.startswith("IT - центры могут быть открыты")
    assert seed_nodes[heading + 1 :] == (numbered,)


def test_seed_dates_line_is_a_paragraph(seed_nodes: tuple[Node, ...]) -> None:
    assert Paragraph(("Сроки реализации проекта - 2018 – 2020 гг.",)) in seed_nodes
    assert Heading("Сроки реализации проекта - 2018 – 2020 гг.") not in seed_nodes


def test_seed_structure(seed_nodes: tuple[Node, ...]) -> None:
    kinds = [type(node).__name__ for node in seed_nodes]
    assert kinds == [
        "Paragraph",
        "Heading",
        "Paragraph",
        "LeadIn",
        "BulletList",
        "Paragraph",
        "LeadIn",  # Анализ деятельности ... проблем:
        "BulletList",
        "Paragraph",
        "LeadIn",  # Проект реализуется во исполнение:
        "BulletList",
        "Heading",  # Цель проекта:
        "Paragraph",
        "Heading",  # Задачи проекта
        "BulletList",
        "Paragraph",  # Сроки реализации ...
        "Heading",  # Механизм реализации:
        "NumberedList",
    ]
    first = seed_nodes[0]
    assert isinstance(first, Paragraph)
    # "проекта   Нысанов": runs of spaces collapse
    assert first.lines[0].startswith("Ответственный руководитель проекта Нысанов Адель")


def test_seed_source_line_breaks_and_whitespace(seed_nodes: tuple[Node, ...]) -> None:
    paragraph = seed_nodes[5]
    assert isinstance(paragraph, Paragraph)
    assert len(paragraph.lines) == 3
    assert paragraph.lines[2].startswith("Вместе с тем")
    every_line = plain_lines(seed_nodes)
    assert all(line == line.rstrip() and "  " not in line for line in every_line)
    assert any(line.endswith("при Назарбаев Университете.") for line in every_line)  # the tab


def test_seed_title_block_text_is_one_paragraph() -> None:
    text = load_deck(SEED).slides[0].content[0].text
    assert parse_text(text) == (Paragraph((text,)),)


# Bullets ------------------------------------------------------------------------------


@pytest.mark.parametrize("marker", list(BULLETS))
@pytest.mark.parametrize("space", [" ", "\t", "   ", " \t"])
def test_every_bullet_marker(marker: str, space: str) -> None:
    assert parse_text(f"{marker}{space}first\n{marker}{space}second") == (
        bullets("first", "second", marker=marker),
    )


@pytest.mark.parametrize(
    "line",
    ["•text", "-5 degrees", "**bold**", "+7 701 000 00 00", "—", "•", "- ", "*\t", "x • y"],
)
def test_a_marker_needs_a_space_and_text_after_it(line: str) -> None:
    assert parse_text(line) == (Paragraph((line.rstrip(),)),)


def test_only_markers() -> None:
    assert parse_text("•\n-\n*\n+") == (Paragraph(("•", "-", "*", "+")),)


def test_nesting_by_indentation() -> None:
    text = "• fruit\n  - apple\n  - pear\n      * green\n• bread"
    green = BulletList((ListItem("*", "green"),))
    assert parse_text(text) == (
        BulletList(
            (
                ListItem(
                    "•",
                    "fruit",
                    (BulletList((ListItem("-", "apple"), ListItem("-", "pear", (green,)))),),
                ),
                ListItem("•", "bread"),
            )
        ),
    )


def test_tab_indentation_nests() -> None:
    nodes = parse_text("-\tone\n\t-\ttwo\n-\tthree")
    outer = nodes[0]
    assert isinstance(outer, BulletList)
    assert [item.text for item in outer.items] == ["one", "three"]
    assert outer.items[0].children == (bullets("two", marker="-"),)


def test_nesting_is_capped() -> None:
    text = "\n".join(" " * depth + f"- level {depth}" for depth in range(3 * MAX_DEPTH))
    depth = 0
    node: Node = parse_text(text)[0]
    while isinstance(node, BulletList):
        depth += 1
        last = node.items[-1]
        if not last.children:
            break
        node = last.children[0]
    assert depth == MAX_DEPTH
    assert len(plain_lines(parse_text(text))) == 3 * MAX_DEPTH


def test_indented_line_continues_the_item() -> None:
    text = "1. first line\n   goes on here\n2. second"
    assert parse_text(text) == (
        NumberedList((ListItem("1.", "first line\ngoes on here"), ListItem("2.", "second"))),
    )


def test_continuation_after_a_nested_list_stays_in_order() -> None:
    text = "- a\n  - b\n c"
    assert parse_text(text) == (
        BulletList((ListItem("-", "a", (bullets("b", marker="-"), Paragraph(("c",)))),)),
    )


def test_unindented_line_ends_the_list() -> None:
    assert parse_text("• one\n• two\nAfter the list.") == (
        bullets("one", "two"),
        Paragraph(("After the list.",)),
    )


def test_blank_lines_between_items_keep_one_list() -> None:
    assert parse_text("• one\n\n• two\n\n\n• three") == (bullets("one", "two", "three"),)


def test_indented_text_after_a_blank_line_is_a_paragraph() -> None:
    assert parse_text("• one\n\n   later") == (bullets("one"), Paragraph(("later",)))


# Numbered items -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markers",
    [
        ["1.", "2.", "10."],
        ["1)", "2)", "3)"],
        ["a)", "b)", "c)"],
        ["а)", "б)", "в)"],  # Cyrillic
        ["А)", "Б)", "В)"],
        ["1.1.", "1.2.", "1.10."],
    ],
)
def test_numbered_markers_are_kept_as_written(markers: list[str]) -> None:
    text = "\n".join(f"{marker}\titem {n}" for n, marker in enumerate(markers))
    assert parse_text(text) == (
        NumberedList(tuple(ListItem(marker, f"item {n}") for n, marker in enumerate(markers))),
    )


@pytest.mark.parametrize(
    "line", ["2018. A year.", "1.5 is a number", "a. letter and dot", "ab) two letters", "1.2.3"]
)
def test_not_numbered(line: str) -> None:
    assert parse_text(line) == (Paragraph((line,)),)


def test_bullets_and_numbers_at_one_level_are_two_lists() -> None:
    assert parse_text("1. one\n2. two\n• dot") == (
        NumberedList((ListItem("1.", "one"), ListItem("2.", "two"))),
        bullets("dot"),
    )


def test_numbered_list_nested_in_bullets() -> None:
    nodes = parse_text("• steps\n    a) open\n    b) close")
    assert nodes == (
        BulletList(
            (
                ListItem(
                    "•", "steps", (NumberedList((ListItem("a)", "open"), ListItem("b)", "close"))),)
                ),
            )
        ),
    )


# Headings and lead-ins ----------------------------------------------------------------


def test_colon_line_before_a_blank_line_is_a_heading() -> None:
    assert parse_text("Intro text.\nGoals:\n\nTo teach.") == (
        Paragraph(("Intro text.",)),
        Heading("Goals:"),
        Paragraph(("To teach.",)),
    )


def test_bare_line_between_blank_lines_is_a_heading() -> None:
    assert parse_text("Text.\n\nTasks \n\n\n- one") == (
        Paragraph(("Text.",)),
        Heading("Tasks"),
        BulletList((ListItem("-", "one"),)),
    )


def test_start_of_text_counts_as_a_blank_line_before() -> None:
    assert parse_text("Overview\n\nBody.") == (Heading("Overview"), Paragraph(("Body.",)))


@pytest.mark.parametrize("end", [".", "!", "?", "…", ";", ",", ".»", '."', "?)"])
def test_closing_punctuation_makes_a_paragraph(end: str) -> None:
    text = f"Before.\n\nA finished sentence{end}\n\nAfter."
    assert parse_text(text)[1] == Paragraph((f"A finished sentence{end}",))


def test_closing_quote_without_punctuation_is_a_heading() -> None:
    assert parse_text("Проект «Цифра»\n\nТекст.")[0] == Heading("Проект «Цифра»")


def test_bare_line_right_after_text_is_not_a_heading() -> None:
    assert parse_text("First line.\nNo punctuation here\n\nNext.") == (
        Paragraph(("First line.", "No punctuation here")),
        Paragraph(("Next.",)),
    )


def test_a_heading_needs_text_after_it() -> None:
    assert parse_text("Body.\n\nThe end") == (Paragraph(("Body.",)), Paragraph(("The end",)))
    assert parse_text("Body.\n\nContacts:\n\n") == (
        Paragraph(("Body.",)),
        Paragraph(("Contacts:",)),
    )


def test_one_line_text_is_a_paragraph() -> None:
    assert parse_text("Just a title-like line") == (Paragraph(("Just a title-like line",)),)


def test_headings_are_short() -> None:
    long_line = "word " * 20 + "end:"
    assert len(long_line) > 80
    assert parse_text(f"{long_line}\n\nBody.")[0] == Paragraph((long_line,))
    assert parse_text("x" * 79 + ":\n\nBody.")[0] == Heading("x" * 79 + ":")


def test_a_heading_needs_a_letter_or_digit() -> None:
    assert parse_text("Text.\n\n***\n\nMore.")[1] == Paragraph(("***",))


def test_lead_in_is_a_colon_line_directly_before_a_list() -> None:
    long_lead = "A long introduction " * 6 + "as follows:"
    assert parse_text(f"Paragraph line.\n{long_lead}\n1) one") == (
        Paragraph(("Paragraph line.",)),
        LeadIn(long_lead),
        NumberedList((ListItem("1)", "one"),)),
    )


def test_no_colon_no_lead_in() -> None:
    assert parse_text("Things\n- one")[0] == Paragraph(("Things",))


def test_colon_line_then_blank_then_list_is_a_heading() -> None:
    assert parse_text("Steps:\n\n1. go")[0] == Heading("Steps:")


# Paragraphs and whitespace --------------------------------------------------------------


def test_paragraph_keeps_line_breaks_and_normalises_spaces() -> None:
    text = "  one   two\t\tthree  \n\tfour \t\n\nfive"
    assert parse_text(text) == (Paragraph(("one two three", "four")), Paragraph(("five",)))


def test_non_breaking_spaces_are_kept() -> None:
    assert parse_text("100\u00a0000  tenge") == (Paragraph(("100\u00a0000 tenge",)),)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028", "\u2029"])
def test_line_breaks(newline: str) -> None:
    text = newline.join(["Intro:", "", "Body line", "• item", "• more"])
    assert parse_text(text) == parse_text("Intro:\n\nBody line\n• item\n• more")


def test_empty_text() -> None:
    assert parse_text("") == ()
    assert parse_text(" \n\t\n\r\n  ") == ()


def test_control_characters_are_kept_for_the_renderer() -> None:
    assert parse_text("\x1b[31mred\x07") == (Paragraph(("\x1b[31mred\x07",)),)


def test_very_long_words() -> None:
    word = "Донауэшингенский" * 1000
    assert parse_text(f"• {word}\n{word}") == (bullets(word), Paragraph((word,)))


# Size -------------------------------------------------------------------------------------


def test_ten_thousand_items() -> None:
    text = "\n".join(f"• item number {n}" for n in range(10_000))
    (bulleted,) = parse_text(text)
    assert isinstance(bulleted, BulletList)
    assert len(bulleted.items) == 10_000
    assert bulleted.items[-1] == ListItem("•", "item number 9999")


def test_numbers_have_at_most_three_digits() -> None:
    text = "\n".join(f"{n}. item {n}" for n in range(1, 10_001))
    numbered, rest = parse_text(text)
    assert isinstance(numbered, NumberedList)
    assert numbered.items[-1] == ListItem("999.", "item 999")
    assert rest == Paragraph(tuple(f"{n}. item {n}" for n in range(1000, 10_001)))


def test_ten_thousand_lines_of_mixed_text() -> None:
    unit = ["Heading", "", "Some text,", "more text:", "- a", "  - b", "   c", "1) d", ""]
    text = "\n".join(unit * 1112)
    nodes = parse_text(text)
    assert len(text.splitlines()) > 10_000
    assert nodes[:4] == parse_text("\n".join(unit))[:4]
    assert sum(isinstance(node, Heading) for node in nodes) == 1112


def test_ten_thousand_nested_lines() -> None:
    text = "\n".join(" " * (n % 50) + f"- {n}" for n in range(10_000))
    lines = plain_lines(parse_text(text))
    assert [line.split()[-1] for line in lines] == [str(n) for n in range(10_000)]


# Properties -------------------------------------------------------------------------------

_ALPHABET = st.sampled_from([*"ab :.;-•*+1)а\t \n\r»", "  ", "\r\n", "\x1b", "10."])


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_nothing_is_lost_or_reordered(text: str) -> None:
    def ink(value: str) -> str:
        return "".join(char for char in value if not char.isspace())

    assert ink("".join(plain_lines(parse_text(text)))) == ink(text)


def test_nodes_of_different_kinds_are_never_equal() -> None:
    """Named tuples alone would make these equal; the parser's tests rely on the kind."""
    assert Heading("Цель:") != LeadIn("Цель:")
    assert not Heading("Цель:") == LeadIn("Цель:")
    assert BulletList(()) != NumberedList(())
    assert Heading("Цель:") == Heading("Цель:")
    assert Heading("Цель:") != ("Цель:",)
    assert len({Heading("a"), Heading("a")}) == 1
