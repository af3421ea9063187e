"""A scrolling column that is neither laid out nor drawn again when only its content's height
changed.

When the content of a scroll container grows or shrinks past the screen, Textual
sets the container's virtual size, and whether it has a scrollbar, during the very
layout that draws the new content. Both are reactives that ask for a layout and
a repaint, so the whole container was laid out and drawn once more in the next
frame with nothing in it changed: every change between slides of different
heights, one of them taller than the screen, wrote the screen twice (17.3 KB per
slide change on ``benchmarks/app_paint.py``'s 1000-slide deck at 100x30, where a
frame takes 7.3). The layout that set the virtual size has already placed and
repainted everything that moved, so that change asks for nothing more. A
scrollbar shown or hidden still asks for a layout (a stylesheet may give it a
width), but not for a repaint: the layout repaints what it moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll

if TYPE_CHECKING:
    from textual.geometry import Region
    from typing_extensions import Self


class SteadyScroll(VerticalScroll):
    """``VerticalScroll``, without the layout and repaint that follow a change of its virtual
    size (``virtual_size``), nor the repaint that follows a scrollbar shown or hidden."""

    _after: str | None = None
    """Which of the two watchers below ran: the refresh that follows is Textual's, for it."""

    def watch_virtual_size(self) -> None:
        self._after = "virtual_size"

    def watch_show_vertical_scrollbar(self) -> None:
        self._after = "scrollbar"

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        after, self._after = self._after, None
        if after is not None and not regions:  # a reactive's refresh comes right after its watcher
            repaint = False
            layout = layout and after == "scrollbar"
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
