"""``tui-slides show``: slides printed to a console with the presenter's renderables, no Textual."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TextIO

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.constrain import Constrain
from rich.rule import Rule
from rich.text import Text

from tui_slides.deck.model import Block, Deck, Slide
from tui_slides.deck.safety import one_line
from tui_slides.render.block import BLANK, MEASURE, render_block
from tui_slides.render.lines import Prose, Stack
from tui_slides.render.styles import DEFAULT_STYLES, SlideStyles

MediaFor = Callable[[Block], Sequence[RenderableType]]
"""Builds the renderables for a block's image, video and map (see ``render_block``)."""

EMPTY_SLIDE = "(empty slide)"
"""What an empty slide prints as."""


def make_console(width: int | None = None, file: TextIO | None = None) -> Console:
    """A console for ``show``: colour on a terminal, plain text when piped or when NO_COLOR is set.

    ``width`` fixes the line width (default: the terminal's, or 80 when piped).
    Deck text is never read as markup or emoji codes, and nothing is
    auto-highlighted: the renderables carry every style.
    """
    no_color = bool(os.environ.get("NO_COLOR"))  # no-color.org: set and not empty
    return Console(
        file=file,
        width=width,
        color_system=None if no_color else "auto",
        markup=False,
        emoji=False,
        highlight=False,
    )


class SlideHeader:
    """``3 / 12 · 1.5.1.1.2 · Title`` with the logo title at the right, over a rule; a slide
    without a title is headed by its name (the presenter's status bar shows it too)."""

    def __init__(self, slide: Slide, position: int, total: int, styles: SlideStyles) -> None:
        parts = [f"{position} / {total}", slide.id, slide.title or slide.name]
        self.left = Text(one_line(" · ".join(part for part in parts if part)), style=styles.header)
        self.right = Text(one_line(slide.logo_title), style=styles.logo)
        self.rule_style = styles.muted

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        left, right = self.left.copy(), self.right
        room = width - left.cell_len - right.cell_len
        if right.plain and room >= 2:
            left.append(" " * room)
            left.append_text(right)
            yield left
        else:
            yield left
            if right.plain:
                yield Text(right.plain, style=right.style, justify="right")
        yield Rule(style=self.rule_style)


def render_slide(
    slide: Slide,
    position: int,
    total: int,
    *,
    styles: SlideStyles = DEFAULT_STYLES,
    media: MediaFor | None = None,
    measure: int | None = MEASURE,
    step: int | None = None,
) -> RenderableType:
    """One slide as ``show`` prints it: its header, then each block, a blank line apart.

    ``step``: the slide as its incremental reveal shows it at that step
    (``Slide.step_plan``; the console's "next step"); None: complete, as ``show``
    and exports print every slide.
    """
    parts: list[RenderableType] = [Stack(SlideHeader(slide, position, total, styles))]
    plan = slide.step_plan
    numbered = [
        (number, block)
        for number, block in enumerate(slide.content)
        if not block.is_empty and (step is None or plan.shown(number, step))
    ]
    blocks = [block for _, block in numbered]
    for number, block in numbered:
        block_media = media(block) if media is not None else ()
        items = None if step is None else plan.items_shown(number, step)
        parts.append(render_block(block, styles, media=block_media, measure=None, items=items))
        parts.append(BLANK)
    if not blocks:
        parts.append(Prose(Text(EMPTY_SLIDE, style=styles.muted)))
        parts.append(BLANK)
    group = Stack(*parts)
    return group if measure is None else Constrain(group, measure)


def print_deck(
    deck: Deck,
    console: Console,
    *,
    index: int | None = None,
    styles: SlideStyles = DEFAULT_STYLES,
    media: MediaFor | None = None,
    notes: bool = False,
) -> None:
    """Print every slide of ``deck`` to ``console``, or only the one at 0-based ``index``.

    ``notes``: each slide's speaker notes follow it, under a "Notes" rule (``render.notes``).
    """
    total = len(deck.slides)
    positions = range(total) if index is None else [index]
    for position in positions:
        slide = deck.slides[position]
        console.print(render_slide(slide, position + 1, total, styles=styles, media=media))
        if notes and slide.notes.strip():
            from tui_slides.render.notes import notes_section

            console.print(Constrain(notes_section(slide.notes, styles), MEASURE))
            console.print(BLANK)
