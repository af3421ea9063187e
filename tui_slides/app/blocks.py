"""Block renderables for the app: the shared renderer, themed, and guarded against errors."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.style import Style
from rich.text import Text

from tui_slides.model import Block
from tui_slides.render import DEFAULT_STYLES, SlideStyles, render_block
from tui_slides.safety import visible


def slide_styles(variables: Mapping[str, str]) -> SlideStyles:
    """The renderer's styles drawn from a Textual theme's CSS variables.

    Titles take the theme's primary text colour, list markers its accent; the
    rest keeps the renderer's defaults (bold, italic), which read in any theme.
    """

    def colour(name: str, fallback: str) -> str:
        value = variables.get(name, fallback)
        return value if value.startswith("#") else fallback

    primary = colour("text-primary", "cyan")
    accent = colour("text-accent", "cyan")
    return dataclasses.replace(
        DEFAULT_STYLES,
        title=Style(color=primary, bold=True),
        bullet=Style(color=accent),
        number=Style(color=accent, bold=True),
        logo=Style(color=primary),
    )


class Guarded:
    """Render ``renderable``, or a red panel naming the error if rendering fails."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        try:
            return Measurement.get(console, options, self.renderable)
        except Exception:  # measured again, and reported, when rendered
            return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        try:
            lines = console.render_lines(self.renderable, options, pad=False, new_lines=True)
        except Exception as error:  # a bad block must not take down the talk
            message = f"This block could not be shown: {type(error).__name__}: {error}"
            yield Panel(Text(visible(message)), border_style="red", title="error")
            return
        for line in lines:
            yield from line


def block_renderable(
    block: Block, styles: SlideStyles = DEFAULT_STYLES, media: Sequence[RenderableType] = ()
) -> RenderableType:
    """The renderable that shows ``block`` (and its ``media``); the app's CSS sets its width."""
    try:
        renderable = render_block(block, styles, media=media, measure=None)
    except Exception as error:  # parsing the text failed: show it, keep presenting
        message = f"This block could not be shown: {type(error).__name__}: {error}"
        return Panel(Text(visible(message)), border_style="red", title="error")
    return Guarded(renderable)
