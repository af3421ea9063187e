"""A slide as the presenter shows it on a screen of a given size, with Rich alone.

SSH audiences (``share.frames``) see what the room sees: the slide's column and margins,
its heading with its rule, ``columns`` side by side, a ``title`` slide centred both ways
(``render.layout`` places it, as it places the presenter's). What the presenter's status
bar says, the viewer's own status line says, so there is no header here (``show``'s
``render_slide`` has one: a printout needs it).
"""

from __future__ import annotations

from rich.align import Align
from rich.console import RenderableType
from rich.constrain import Constrain
from rich.padding import Padding

from tui_slides.deck.model import Layout, Slide
from tui_slides.render.layout import column_width, shown_layout, side_margin
from tui_slides.render.slide import MediaFor, slide_body
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
    body = Constrain(slide_body(slide, layout, styles, media, step), column_width(width))
    if layout is Layout.TITLE:
        return Padding(Align(body, vertical="middle", height=rows), (0, 0, 0, side_margin(width)))
    return Padding(body, (1, 0, 0, side_margin(width)))  # a row from the top, as the presenter
