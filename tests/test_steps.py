"""Incremental reveal in the deck: ``pause`` and ``reveal`` read by the schema, a slide's steps."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_slides.deck.diagnostics import Level
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Reveal, Slide, TextFormat
from tui_slides.deck.steps import WHOLE, StepPlan, plan_steps


def load(tmp_path: Path, text: str) -> tuple[Slide, list[tuple[int, str]]]:
    path = tmp_path / "deck.json5"
    path.write_text(text, encoding="utf-8")
    deck = load_deck(path)
    found = [(d.line, d.message) for d in deck.diagnostics if d.level is Level.WARNING]
    return deck.slides[0], found


def test_pause_and_reveal_are_read_as_typed_fields(tmp_path: Path) -> None:
    slide, warnings = load(
        tmp_path,
        """{content: [
  {title: 'A'},
  {title: 'B', pause: true},
  {title: 'C', pause: false, reveal: 'items', text: '- one\\n- two'},
  {title: 'D', reveal: ' Items ', text: '1. x'},
]}""",
    )
    assert warnings == []
    assert [block.pause for block in slide.content] == [False, True, False, False]
    assert [block.reveal for block in slide.content] == [None, None, Reveal.ITEMS, Reveal.ITEMS]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("pause: 'yes'", "'pause' should be true or false, not 'yes'; ignored"),
        ("pause: 1", "'pause' should be true or false, not 1; ignored"),
        ("pause: [true]", "'pause' should be true or false, not an array; ignored"),
        ("reveal: 'lines'", "unknown reveal 'lines' (reveal takes \"items\"); ignored"),
        ("reveal: true", "'reveal' should be a string, not a boolean; ignored"),
    ],
)
def test_a_wrong_pause_or_reveal_is_warned_at_its_line_and_ignored(
    tmp_path: Path, field: str, message: str
) -> None:
    slide, warnings = load(tmp_path, f"{{content: [\n  {{title: 'A', text: '- x',\n {field}}}]}}")
    assert warnings == [(3, message)]
    assert (slide.content[0].pause, slide.content[0].reveal) == (False, None)
    assert slide.step_plan.count == 1


def test_reveal_that_reveals_nothing_is_warned(tmp_path: Path) -> None:
    slide, warnings = load(
        tmp_path,
        """{content: [
  {reveal: 'items', text: 'No list here.'},
  {reveal: 'items', format: 'markdown', text: '- one\\n- two'},
]}""",
    )
    assert warnings == [
        (2, 'reveal "items" but the text has no list items; shown whole'),
        (3, 'reveal "items" applies to plain text; this Markdown block is shown whole'),
    ]
    assert slide.step_plan.count == 1


def blocks(*specs: str) -> tuple[Block, ...]:
    """``"p"``: a pause block; ``"r3"``: reveals a list of 3 items; ``"."``: a plain block."""
    made = []
    for spec in specs:
        pause = "p" in spec
        items = int(spec.split("r")[1]) if "r" in spec else 0
        text = "\n".join(f"- item {n}" for n in range(1, items + 1)) if items else "plain"
        made.append(Block(text=text, pause=pause, reveal=Reveal.ITEMS if items else None))
    return tuple(made)


@pytest.mark.parametrize(
    ("specs", "count", "starts", "items"),
    [
        ((".", "."), 1, (), ()),
        ((".", "p", "."), 2, (0, 1, 1), (0, 0, 0)),
        ((".", "p", "p"), 3, (0, 1, 2), (0, 0, 0)),
        (("p", "."), 2, (1, 1), (0, 0)),  # a pause first: step 0 shows nothing
        (("r4",), 4, (0,), (4,)),
        (("r1",), 1, (0,), (1,)),
        (("r4", "."), 4, (0, 3), (4, 0)),  # the block after shows with the last item
        (("r3", "p"), 4, (0, 3), (3, 0)),
        ((".", "pr3", "p"), 5, (0, 1, 4), (0, 3, 0)),
    ],
)
def test_steps_of_a_slide(
    specs: tuple[str, ...], count: int, starts: tuple[int, ...], items: tuple[int, ...]
) -> None:
    assert plan_steps(blocks(*specs)) == StepPlan(count, starts, items)


def test_a_slide_works_out_its_steps_once() -> None:
    slide = Slide(content=blocks(".", "pr3"))
    assert slide.step_plan is slide.step_plan
    assert slide.step_plan.count == 4
    assert Slide(content=blocks(".", ".")).step_plan is WHOLE


def test_what_each_step_shows() -> None:
    plan = plan_steps(blocks(".", "pr3", "."))
    shown = [[plan.shown(b, step) for b in range(3)] for step in range(plan.count)]
    assert shown == [
        [True, False, False],
        [True, True, False],
        [True, True, False],
        [True, True, True],
    ]
    assert [plan.items_shown(1, step) for step in range(plan.count)] == [1, 1, 2, None]
    assert [plan.items_shown(0, step) for step in range(plan.count)] == [None] * 4


def test_revealed_items_are_the_top_level_items_of_every_list_of_the_text() -> None:
    text = "Lead:\n- a\n    - nested, not a step\n- b\n\nThen:\n1. c\n2. d\nAfter."
    plan = plan_steps((Block(text=text, reveal=Reveal.ITEMS),))
    assert plan.count == 4
    markdown = Block(text="- a\n- b", reveal=Reveal.ITEMS, format=TextFormat.MARKDOWN)
    assert plan_steps((markdown,)).count == 1


@given(st.lists(st.sampled_from([".", "p", "r2", "pr3", "r1"]), max_size=8))
def test_every_block_shows_by_the_last_step_and_stays(specs: list[str]) -> None:
    plan = plan_steps(blocks(*specs))
    assert plan.count >= 1
    for b in range(len(specs)):
        assert plan.shown(b, plan.last) and plan.items_shown(b, plan.last) is None
        seen = [plan.shown(b, step) for step in range(plan.count)]
        assert seen == sorted(seen)  # once shown, shown at every later step
