"""A scrolling column that is not drawn a second time when only its content's height changed.

When the content of a scroll container grows or shrinks past the screen, Textual
sets the container's virtual size, and whether it has a scrollbar, during the very
layout that draws the new content. Both are reactives that ask for a layout and
a repaint, so the whole container was drawn once more in the next frame with
nothing in it changed: every change between slides of different heights, one of
them taller than the screen, wrote the screen twice (16.3 KB per slide change on
``benchmarks/app_paint.py``'s 1000-slide deck at 100x30, where a frame takes 7.3).
The layout that drew the new geometry already repainted what moved, so for these
two the column asks for the layout only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll

if TYPE_CHECKING:
    from textual.geometry import Region
    from typing_extensions import Self


class SteadyScroll(VerticalScroll):
    """``VerticalScroll``, without the repaint that follows a change of its virtual size."""

    _geometry_only = False
    """Set by the watchers below: the refresh that follows them is Textual's own, for them."""

    def watch_virtual_size(self) -> None:
        self._geometry_only = True

    def watch_show_vertical_scrollbar(self) -> None:
        self._geometry_only = True

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self._geometry_only:  # a reactive's own refresh comes right after its watcher
            self._geometry_only = False
            repaint = bool(regions)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
