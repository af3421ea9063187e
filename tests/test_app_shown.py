"""What of a slide the presenter shows: bounded parts of hostile slides, and empty-slide notices."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_slides.app import shown
from tui_slides.app.shown import (
    EMPTY_SLIDE_TEXT,
    MARKDOWN_WEIGHT,
    MAX_BLOCKS,
    MAX_CHARS,
    MAX_LINES,
    TRUNCATED,
    empty_notice,
    shown_part,
    suggestion,
)
from tui_slides.deck.model import Block, Slide, TextFormat


def test_an_ordinary_slide_is_shown_whole_and_as_it_is() -> None:
    slide = Slide(content=(Block(title="T", text="a\nb"), Block(text="c" * 1000)))
    part = shown_part(slide)
    assert part.blocks == slide.content
    assert all(a is b for a, b in zip(part.blocks, slide.content, strict=True))
    assert part.notice == ""


def test_a_slide_of_100000_blocks_shows_the_first_ones_and_counts_the_rest() -> None:
    slide = Slide(content=tuple(Block(text=f"b{n}") for n in range(100_000)))
    part = shown_part(slide)
    assert [block.text for block in part.blocks] == [f"b{n}" for n in range(MAX_BLOCKS)]
    assert part.notice == f"… {100_000 - MAX_BLOCKS:,} more blocks {TRUNCATED}"


def test_half_a_million_lines_show_up_to_the_line_bound() -> None:
    slide = Slide(content=(Block(text="\n".join("x" * 500_000)),))
    (block,) = shown_part(slide).blocks
    assert block.text == "\n".join("x" * MAX_LINES)
    assert shown_part(slide).notice == f"… {500_000 - MAX_LINES:,} more lines {TRUNCATED}"


def test_a_line_too_long_is_cut_and_the_blocks_after_it_counted() -> None:
    slide = Slide(content=tuple(Block(text="x" * 999_999) for _ in range(15)))
    part = shown_part(slide)
    assert [block.text for block in part.blocks] == ["x" * MAX_CHARS]
    left = 999_999 - MAX_CHARS
    assert part.notice == f"… {left:,} more characters and 14 more blocks {TRUNCATED}"


def test_markdown_counts_more_per_character_and_keeps_its_format() -> None:
    slide = Slide(content=(Block(text="# A\n\n" + "word " * 100_000, format=TextFormat.MARKDOWN),))
    (block,) = shown_part(slide).blocks
    assert block.format is TextFormat.MARKDOWN
    assert len(block.text) == MAX_CHARS // MARKDOWN_WEIGHT
    assert "more characters" in shown_part(slide).notice


def test_a_cut_within_a_line_counts_its_rest_the_lines_after_and_the_blocks_after() -> None:
    lines = MAX_CHARS // 100 + 5
    text = "\n".join(["a" * 99] * lines)  # lines of 100 characters with their line breaks
    part = shown_part(Slide(content=(Block(title="Kept", text=text), Block(text="later"))))
    (cut,) = part.blocks
    shown_chars = MAX_CHARS - len("Kept")
    assert (cut.title, cut.text) == ("Kept", text[:shown_chars])
    rest_of_line = 100 - shown_chars % 100 - 1
    lines_after = lines - shown_chars // 100 - 1
    assert part.notice == (
        f"… {rest_of_line} more characters, {lines_after} more lines and 1 more block {TRUNCATED}"
    )


def test_a_cut_in_a_title_hides_the_text() -> None:
    title_part = shown_part(Slide(content=(Block(title="t" * (MAX_CHARS + 7), text="x\ny"),)))
    (block,) = title_part.blocks
    assert (block.title, block.text) == ("t" * MAX_CHARS, "")
    assert title_part.notice == f"… 7 more characters and 2 more lines {TRUNCATED}"


def test_the_same_slide_gives_the_same_cut_blocks() -> None:
    """The app's render cache knows blocks by identity: a cut must not be new each time."""
    slide = Slide(content=(Block(text="\n".join("x" * 5000)),))
    assert shown_part(slide).blocks[0] is shown_part(slide).blocks[0]


def _lines(text: str) -> int:
    return text.count("\n") + 1 if text else 0


texts = st.one_of(
    st.text(alphabet="ab \n", max_size=40),
    st.builds(lambda n, s: s * n, st.integers(0, 60), st.sampled_from(["x", "\n", "ab\n", "字 "])),
)
blocks = st.builds(
    Block,
    title=st.text(alphabet="T\n", max_size=6),
    text=texts,
    format=st.sampled_from(list(TextFormat)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(blocks, max_size=12), st.integers(1, 5), st.integers(1, 40), st.integers(1, 200))
def test_every_slide_is_shown_within_the_bounds_as_a_prefix_of_itself(
    content: list[Block], max_blocks: int, max_lines: int, max_chars: int
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shown, "MAX_BLOCKS", max_blocks)
        patch.setattr(shown, "MAX_LINES", max_lines)
        patch.setattr(shown, "MAX_CHARS", max_chars)
        slide = Slide(content=tuple(content))
        part = shown_part(slide)
    assert len(part.blocks) <= max_blocks
    weight = {TextFormat.PLAIN: 1, TextFormat.MARKDOWN: MARKDOWN_WEIGHT}
    chars = sum(len(b.title) + len(b.text) * weight[b.format] for b in part.blocks)
    assert chars <= max_chars or part.blocks == slide.content
    assert sum(_lines(b.title) + _lines(b.text) for b in part.blocks) <= max_lines or (
        part.blocks == slide.content
    )
    for kept, whole in zip(part.blocks, slide.content, strict=False):
        assert whole.title.startswith(kept.title) and whole.text.startswith(kept.text)
        assert kept.format is whole.format
    whole_shown = part.blocks == slide.content
    assert (part.notice == "") == whole_shown
    if not whole_shown:
        assert part.notice.startswith("… ") and part.notice.endswith(TRUNCATED)


def test_an_empty_slide_with_a_misspelt_field_names_it_with_a_suggestion() -> None:
    slide = Slide(extra={"contents": [{"text": "Hello"}]})
    assert empty_notice(slide) == (
        f'{EMPTY_SLIDE_TEXT}\nUnknown field "contents" (did you mean "content"?)'
    )


def test_unknown_fields_of_blocks_are_named_with_the_block_number() -> None:
    slide = Slide(content=(Block(), Block(extra={"txt": "Hi", "zzzz": 1})))
    assert empty_notice(slide) == (
        f"{EMPTY_SLIDE_TEXT}\n"
        'Unknown field "txt" in block 2 (did you mean "text"?)\n'
        'Unknown field "zzzz" in block 2'
    )


def test_an_empty_slide_without_unknown_fields_says_only_that() -> None:
    assert empty_notice(Slide(content=(Block(),))) == EMPTY_SLIDE_TEXT


def test_field_names_are_made_visible_shortened_and_not_all_listed() -> None:
    names = {f"\x1b[31mbad{n}" + "x" * 100: n for n in range(9)}
    notice = empty_notice(Slide(extra=names))
    assert "\x1b" not in notice
    lines = notice.splitlines()
    assert lines[-1] == "and 4 more"
    assert len(lines) == 1 + shown.MAX_NAMED_FIELDS + 1
    assert all(len(line) < 80 for line in lines)


@pytest.mark.parametrize(
    ("name", "known", "expected"),
    [
        ("contents", {"content", "notes"}, "content"),
        ("Title", {"title", "text"}, "title"),
        ("colour", {"title", "text"}, None),
    ],
)
def test_suggestion(name: str, known: set[str], expected: str | None) -> None:
    assert suggestion(name, known) == expected
