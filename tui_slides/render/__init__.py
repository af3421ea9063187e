"""Rich renderables for slide text, shared by the presenter app and ``tui-slides show``."""

from __future__ import annotations

from tui_slides.render.block import MEASURE, render_block, render_nodes, render_text
from tui_slides.render.styles import DEFAULT_STYLES, SlideStyles

__all__ = [
    "DEFAULT_STYLES",
    "MEASURE",
    "SlideStyles",
    "render_block",
    "render_nodes",
    "render_text",
]
