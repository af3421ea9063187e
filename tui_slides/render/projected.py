"""A slide as the presenter shows it on a screen of a given size, with Rich alone.

SSH audiences (``share.frames``) see what the room sees: the slide's column and margins,
its heading with its rule, ``columns`` side by side, a ``title`` slide centred both ways
(``render.layout`` places it, as it places the presenter's). What the presenter's status
bar says, the viewer's own status line says, so there is no header here (``show``'s
``render_slide`` has one: a printout needs it).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.align import Align
from rich.console import RenderableType
from rich.constrain import Constrain
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tui_slides.deck.model import Layout, Slide
from tui_slides.render.block import BLANK, block_in_layout
from tui_slides.render.layout import column_width, heading_of, shown_layout, side_margin
from tui_slides.render.lines import Prose, Stack
from tui_slides.render.slide import EMPTY_SLIDE, MediaFor
from tui_slides.render.styles import DEFAULT_STYLES, SlideStyles


def project_slide(
    slide: Slide,
    size: tuple[int, int],
    *,
    styles: SlideStyles = DEFAULT_STYLES,
    media: MediaFor | None = None,
    step: int | None = None,
) -> RenderableType:
    """``slide`` on a screen of ``size`` (columns, rows), at ``step`` (None: complete)."""
    width, rows = size
    layout = shown_layout(slide, width)
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
        parts.append(Prose(Text(EMPTY_SLIDE, style=styles.muted)))
    body = Constrain(_laid_out(parts, layout), column_width(width))
    if layout is Layout.TITLE:
        return Padding(Align(body, vertical="middle", height=rows), (0, 0, 0, side_margin(width)))
    return Padding(body, (1, 0, 0, side_margin(width)))  # a row from the top, as the presenter


def _laid_out(parts: Sequence[RenderableType], layout: Layout) -> RenderableType:
    """The blocks side by side in equal columns (``columns``), else one under another."""
    if layout is Layout.COLUMNS:
        grid = Table.grid(padding=(0, 1), expand=True)
        for _ in parts:
            grid.add_column(ratio=1)
        grid.add_row(*parts)
        return grid
    spaced: list[RenderableType] = []
    for index, part in enumerate(parts):
        if index:
            spaced.append(BLANK)  # the blocks' margin in the presenter
        spaced.append(part)
    return Stack(*spaced)
