"""Revealed list items in the shared renderer: an item not revealed keeps its lines, blank."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from tui_slides.deck.model import Block, Reveal
from tui_slides.render import render_block

TEXT = (
    "Lead:\n- first item, long enough to wrap onto a second line at this width\n"
    "    - nested under the first\n- second\n\nBetween the lists.\n\nThen:\n1. third\n2. fourth"
)
BLOCK = Block(title="Title", text=TEXT, reveal=Reveal.ITEMS)


def lines(items: int | None) -> list[str]:
    console = Console(width=40, file=io.StringIO(), color_system=None, _environ={})
    console.print(render_block(BLOCK, items=items))
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue().split("\n")


def test_every_step_draws_the_same_lines_with_the_items_not_revealed_blank() -> None:
    whole = lines(None)
    assert whole == [
        "Title",
        "",
        "Lead:",
        "  • first item, long enough to wrap onto",
        "    a second line at this width",
        "    ◦ nested under the first",
        "  • second",
        "",
        "Between the lists.",
        "",
        "Then:",
        "  1. third",
        "  2. fourth",
        "",
    ]
    shown_upto = {1: 6, 2: 11, 3: 12, 4: 13}
    """Each count of items: the lines shown (the rest blank). The paragraph and the lead-in
    between two items show with the item before them."""
    for items, upto in shown_upto.items():
        drawn = lines(items)
        assert len(drawn) == len(whole), items
        assert drawn[:upto] == whole[:upto], items
        assert all(line == "" for line in drawn[upto:]), items


def test_every_item_revealed_is_the_block_whole() -> None:
    assert lines(None) == lines(4)


LINES = st.sampled_from(
    ["- item", "  - nested item", "1. numbered", "Lead:", "A paragraph line.", "", "Heading",
     "- a long item that wraps " * 3, "• bullet\twith tab"]
)  # fmt: skip


@given(st.lists(LINES, max_size=12), st.integers(0, 8))
def test_any_text_keeps_its_lines_and_shows_a_prefix_of_them(lines: list[str], items: int) -> None:
    block = Block(text="\n".join(lines), reveal=Reveal.ITEMS)
    console = Console(width=30, file=io.StringIO(), color_system=None, _environ={})
    whole = console.render_lines(render_block(block), pad=False)
    part = console.render_lines(render_block(block, items=items), pad=False)
    assert len(part) == len(whole)
    texts = ["".join(s.text for s in line) for line in part]
    expected = ["".join(s.text for s in line) for line in whole]
    first_blank = next(
        (n for n, t in enumerate(texts) if not t.strip() and expected[n].strip()), None
    )
    upto = len(texts) if first_blank is None else first_blank
    assert texts[:upto] == expected[:upto]  # what is drawn is the whole block's, in place
    assert all(not t.strip() for t in texts[upto:])  # and below the first item hidden, nothing
