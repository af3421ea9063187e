"""``tui-slides show``: slides printed to a console with the presenter's renderables, no Textual."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TextIO

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.constrain import Constrain
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tui_slides.deck.model import Block, Deck, Layout, Slide
from tui_slides.deck.safety import one_line
from tui_slides.render.block import BLANK, MEASURE, block_in_layout
from tui_slides.render.layout import heading_of, shown_layout
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
    """One slide as ``show`` prints it: its header, then its blocks in its layout at the
    width printed to (``LaidOut``: a title slide centred, ``columns`` side by side while
    they are wide enough), then a blank line.

    ``step``: the slide as its incremental reveal shows it at that step
    (``Slide.step_plan``; the console's "next step"); None: complete, as ``show``
    prints every slide.
    """
    header = Stack(SlideHeader(slide, position, total, styles))
    group = Stack(header, LaidOut(slide, styles, media, step), BLANK)
    return group if measure is None else Constrain(group, measure)


class LaidOut:
    """``slide``'s blocks in the layout it is shown in at the width it is drawn at."""

    def __init__(
        self, slide: Slide, styles: SlideStyles, media: MediaFor | None, step: int | None
    ) -> None:
        self.slide, self.styles, self.media, self.step = slide, styles, media, step

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = shown_layout(self.slide, options.max_width, margins=False)
        yield slide_body(self.slide, layout, self.styles, self.media, self.step)


def slide_body(
    slide: Slide,
    layout: Layout,
    styles: SlideStyles,
    media: MediaFor | None = None,
    step: int | None = None,
) -> RenderableType:
    """``slide``'s blocks at ``step`` (None: complete) in ``layout``: side by side in equal
    columns (``columns``), else one under another, a blank line apart; the empty-slide
    line when none is shown. The presenter's and the audience's slide, and ``show``'s."""
    heading, kind = heading_of(slide, layout)
    plan = slide.step_plan
    parts: list[RenderableType] = []
    for number, block in enumerate(slide.content):
        if block.is_empty or (step is not None and not plan.shown(number, step)):
            continue
        parts.append(
            block_in_layout(
                block,
                styles,
                layout,
                kind if number == heading else "none",
                media=media(block) if media is not None else (),
                items=None if step is None else plan.items_shown(number, step),
            )
        )
    if not parts:
        return Prose(Text(EMPTY_SLIDE, style=styles.muted))
    if layout is Layout.COLUMNS:
        grid = Table.grid(padding=(0, 1), expand=True)
        for _ in parts:
            grid.add_column(ratio=1, overflow="fold")  # a long code line folds, as in a stack
        grid.add_row(*parts)
        return grid
    spaced: list[RenderableType] = []
    for index, part in enumerate(parts):
        if index:
            spaced.append(BLANK)  # the blocks' margin in the presenter
        spaced.append(part)
    return Stack(*spaced)


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
