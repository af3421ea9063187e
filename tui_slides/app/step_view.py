"""How the slide view follows the reveal steps and the search: a widget hidden in its place,
where what is shown ends on a long slide, and scrolling what a step showed (or still shows),
or a search match, into view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Region

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui_slides.app.slide_view import SlideView
    from tui_slides.deck.steps import StepPlan
    from tui_slides.presenting.search import Match


def reveal(widget: Widget, shown: bool) -> None:
    """Show ``widget``, or keep its place on the slide drawn blank (a later reveal step)."""
    if widget.styles.visibility != (visibility := "visible" if shown else "hidden"):
        widget.styles.visibility = visibility


def shown_end(view: SlideView, plan: StepPlan, step: int) -> float:
    """The scroll at which the end of what is shown is in view: neither the blank places kept
    for blocks of later steps count, nor the margin under the last block (a slide that fits
    but for that blank row has nothing below, and Space goes on, it does not scroll a row)."""
    if step < plan.last:
        shown = [b.virtual_region.bottom for b in view.blocks if b.styles.visibility != "hidden"]
    else:  # the blocks, and the pictures drawn as widgets of their own among them
        shown = [child.virtual_region.bottom for child in view.children if child.display]
    end = max(shown, default=0) - view.scrollable_content_region.height
    return min(view.max_scroll_y, end)


def scroll_to_step(view: SlideView, plan: StepPlan, step: int) -> None:
    """Scroll so what ``step`` showed is in view: a block shown now from its top, another
    item of a revealing block at the block's end."""
    if not step:
        return
    blocks = view.blocks
    changed = [
        number
        for number in range(min(len(blocks), len(plan.starts)))
        if plan.shown(number, step)
        and (
            not plan.shown(number, step - 1)
            or plan.items_shown(number, step) != plan.items_shown(number, step - 1)
        )
    ]
    if changed:
        number = changed[-1]
        region = blocks[number].virtual_region
        if plan.shown(number, step - 1):
            region = Region(0, region.bottom - 1, 1, 1)
        view.scroll_to_region(region, animate=False, immediate=True)


def scroll_into_shown(view: SlideView, plan: StepPlan, step: int) -> None:
    """After a step back: a view scrolled past what ``step`` still shows comes up to its end
    (the blank place kept for what went is not what the audience should be looking at)."""
    end = max(0.0, shown_end(view, plan, step))
    if view.scroll_y > end:
        view.scroll_to(y=end, animate=False, immediate=True)


def scroll_to_match(view: SlideView, match: Match, *, last: bool = False) -> bool:
    """Centre ``match``'s line in view (a line on the slide's first screen: the slide from its
    top, its heading in view); False while its block's lines are not known yet (a slide just
    shown is laid out in a later frame), unless ``last``: then its block's top (a match
    across a line break is on no one line)."""
    blocks = view.blocks
    if match.block >= len(blocks):
        return True  # (no such block: nothing to wait for)
    shown = blocks[match.block]
    lines = shown.highlight.match_lines if shown.highlight else []
    if not lines and not last:
        return False
    line = lines[min(match.occurrence, len(lines) - 1)] if lines else 0
    top = shown.virtual_region.y + line
    if top < view.size.height - 1:
        view.scroll_to(y=0, animate=False, immediate=True)
    else:
        view.scroll_to_region(Region(0, top, 1, 1), animate=False, center=True, immediate=True)
    return True
