"""Block renderables for the app: the shared renderer, themed, and guarded against errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache

from tui_slides.deck.model import Block
from tui_slides.deck.safety import visible
from tui_slides.render import DEFAULT_STYLES, SlideStyles
from tui_slides.render.lines import LineRenderable


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
    return DEFAULT_STYLES._replace(
        title=Style(color=primary, bold=True),
        bullet=Style(color=accent),
        number=Style(color=accent, bold=True),
        logo=Style(color=primary),
    )


class Guarded:
    """A block's renderable, built when first drawn, drawn once per width, never crashing.

    ``build`` runs on the first render, so flicking past a slide costs nothing;
    the lines are kept per width, so Textual's measuring pass and its painting
    pass share one render. If building or rendering fails, a red panel says why.
    """

    def __init__(self, build: Callable[[], RenderableType]) -> None:
        self._build = build
        self._renderable: RenderableType | None = None
        self._lines: dict[tuple[object, ...], list[list[Segment]]] = {}

    @property
    def renderable(self) -> RenderableType:
        """The block's renderable (built now if not yet), or the error panel."""
        if self._renderable is None:
            try:
                self._renderable = self._build()
            except Exception as error:  # parsing the text failed: show it, keep presenting
                self._renderable = _error_panel(error)
        return self._renderable

    @property
    def rendered(self) -> bool:
        """True once lines are kept for some width (drawn, or rendered ahead)."""
        return bool(self._lines)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        try:
            return Measurement.get(console, options, self.renderable)
        except Exception:  # measured again, and reported, when rendered
            return Measurement(1, options.max_width)

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The lines at ``options``' width, each ending in a line break (kept for next time)."""
        key = (options.max_width, options.justify, options.overflow, options.no_wrap)
        lines = self._lines.get(key)
        if lines is None:
            try:
                lines = _render(self.renderable, console, options)
            except Exception as error:  # a bad block must not take down the talk
                lines = console.render_lines(_error_panel(error), options, new_lines=True)
            self._lines = {key: lines}  # one width at a time: the terminal's
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(console, options):
            yield from line


def _render(
    renderable: RenderableType, console: Console, options: ConsoleOptions
) -> list[list[Segment]]:
    """The lines of ``renderable``, each ending in a line break, as ``render_lines`` gives them.

    The shared renderers build their lines themselves (``render.lines``): taken
    straight from them, they are not split into lines a second time.
    """
    if isinstance(renderable, LineRenderable) and options.height is None:
        newline = Segment.line()
        return [[*line, newline] for line in renderable.lines(console, options)]
    return console.render_lines(renderable, options, pad=False, new_lines=True)


def _error_panel(error: Exception) -> RenderableType:
    """A red panel naming what went wrong with a block."""
    message = f"This block could not be shown: {type(error).__name__}: {error}"
    return Panel(Text(visible(message)), border_style="red", title="error")


class RenderCache:
    """The block renderables of the slides shown or pre-rendered lately, by block.

    Blocks are frozen and belong to a loaded deck, so the same block with the
    same styles and media settings always looks the same: its ``Guarded``
    (with its lines per width) can be reused when the slide comes back, and
    the neighbours of the current slide can be rendered ahead of time.
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: LRUCache[tuple[object, ...], tuple[Block, Guarded]] = LRUCache(size)

    def get(
        self, block: Block, key: tuple[object, ...], build: Callable[[], RenderableType]
    ) -> Guarded:
        """The renderable for ``block`` under ``key`` (styles, media...), built if missing."""
        full_key = (id(block), *key)
        item = self._items.get(full_key)
        if item is not None:  # the block is kept with its renderable: its id stays unique
            return item[1]
        renderable = Guarded(build)
        self._items.set(full_key, (block, renderable))
        return renderable

    def clear(self) -> None:
        """Forget everything (a reload replaced the deck)."""
        self._items.clear()
