"""Incremental reveal: the steps of a slide, from its blocks' ``pause`` and ``reveal`` fields.

The one home of the rule (``DECK_FORMAT.md``, "Incremental reveal"). A slide
reads as one sequence, top to bottom; the presenter's "next" moves a cursor
through it, and everything before the cursor is shown:

- step 0 shows the blocks up to the first ``pause: true`` block;
- each ``pause`` block starts a step of its own, shown with the blocks after
  it up to the next pause;
- a ``reveal: "items"`` block shows its first top-level list item with the
  block, then adds one step per further top-level item. What is written
  between two items (a paragraph, the next list's lead-in) shows with the
  item before it, and so does what follows the last item; blocks after the
  block (without a pause of their own) show with its last item.

So nothing below a hidden item is ever shown, and a slide without ``pause`` or
``reveal`` has one step. Reveal applies to plain text: a Markdown block with
``reveal`` is shown whole (the schema warns). A block's title and media show
with the block.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_slides.deck import values
from tui_slides.deck.diagnostics import Level
from tui_slides.deck.model import Reveal, TextFormat, shown

if TYPE_CHECKING:
    from tui_slides.deck.model import Block
    from tui_slides.deck.schema import Reader
    from tui_slides.deck.syntax import Path as ValuePath

_REVEALS = {member.value: member for member in Reveal}


@dataclass(frozen=True, slots=True)
class StepPlan:
    """When each block of a slide, and each revealed item, appears.

    ``count`` is how many steps the slide has (at least 1). ``starts[n]`` is
    the step at which block ``n`` appears, ``items[n]`` how many top-level
    items block ``n`` reveals one by one (0: shown whole). Both are empty for
    a slide shown whole at step 0.
    """

    count: int = 1
    starts: tuple[int, ...] = ()
    items: tuple[int, ...] = ()

    @property
    def last(self) -> int:
        """The last step: the slide complete."""
        return self.count - 1

    def shown(self, block: int, step: int) -> bool:
        """True when block number ``block`` is on screen at ``step``."""
        return block >= len(self.starts) or step >= self.starts[block]

    def items_shown(self, block: int, step: int) -> int | None:
        """How many top-level items of block ``block`` are shown at ``step``; None: all of them.

        (For a block not shown yet this is its first item: draw it with ``shown``.)
        """
        if block >= len(self.items) or not self.items[block]:
            return None
        shown = step - self.starts[block] + 1
        return None if shown >= self.items[block] else max(1, shown)


WHOLE = StepPlan()
"""The plan of every slide with no ``pause`` and no ``reveal``: one step."""


MAX_DOTS = 8
"""Most reveal steps shown as dots (``●●○○``); a slide with more shows ``·2/12``."""


def step_label(step: int, steps: int) -> str:
    """Where in a slide's reveal steps we are: ``●●○○`` (steps done and to come), else ``""``.

    The presenter's status bar and the audiences' status line show it.
    """
    if steps <= 1:
        return ""
    if steps <= MAX_DOTS:
        return "●" * (step + 1) + "○" * (steps - step - 1)
    return f"·{step + 1}/{steps}"


def revealed_items(block: Block) -> int:
    """How many top-level list items ``block`` reveals one per step (0: none; shown whole)."""
    if block.reveal is not Reveal.ITEMS or block.format is not TextFormat.PLAIN:
        return 0
    from tui_slides.deck.text import BulletList, NumberedList, parse_text

    nodes = parse_text(block.text)
    return sum(len(node.items) for node in nodes if isinstance(node, (BulletList, NumberedList)))


def plan_steps(blocks: Sequence[Block]) -> StepPlan:
    """The steps of a slide made of ``blocks`` (see the module's rule)."""
    if not any(block.pause or block.reveal is not None for block in blocks):
        return WHOLE
    step = 0
    starts: list[int] = []
    items: list[int] = []
    for block in blocks:
        if block.pause:
            step += 1
        starts.append(step)
        count = revealed_items(block)
        items.append(count)
        step += max(0, count - 1)
    return StepPlan(step + 1, tuple(starts), tuple(items))


def reveal_problem(block: Block) -> str | None:
    """Why a block's ``reveal`` reveals nothing (for ``check``), or None when it works."""
    if block.reveal is not Reveal.ITEMS:
        return None
    if block.format is not TextFormat.PLAIN:
        return 'reveal "items" applies to plain text; this Markdown block is shown whole'
    if not revealed_items(block):
        return 'reveal "items" but the text has no list items; shown whole'
    return None


# -- the fields, as the schema reads them ---------------------------------------------


def read_pause(reader: Reader, block: Mapping[str, object], where: ValuePath) -> bool:
    """A block's ``pause``: true or false; anything else is reported and ignored."""
    value = block.get("pause")
    if not (value is None or isinstance(value, bool)):
        message = f"'pause' should be true or false, not {values.shown_value(value)}; ignored"
        reader.report(Level.WARNING, (*where, "pause"), message)
    return value is True


def read_reveal(reader: Reader, block: Mapping[str, object], where: ValuePath) -> Reveal | None:
    """A block's ``reveal``: ``"items"`` (any case); anything else is reported and ignored."""
    name = reader.string(block, where, "reveal").strip().lower()
    reveal = _REVEALS.get(name)
    if name and reveal is None:
        message = f"unknown reveal '{shown(name)}' (reveal takes \"items\"); ignored"
        reader.report(Level.WARNING, (*where, "reveal"), message)
    return reveal
