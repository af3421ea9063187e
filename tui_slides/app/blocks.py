"""Block renderables for the app: the shared renderer, themed, and guarded against errors."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.widget import Widget

from tui_slides.deck.model import Block
from tui_slides.deck.safety import visible
from tui_slides.render import DEFAULT_STYLES, SlideStyles
from tui_slides.render.contrast import blend, readable
from tui_slides.render.lines import LineRenderable


def slide_styles(variables: Mapping[str, str], *, eight_bit: bool = False) -> SlideStyles:
    """The renderer's styles drawn from a Textual theme's CSS variables.

    Every colour is the theme's: the slide's heading and list markers its
    accent, block titles its primary, code on its surface (body text keeps
    the widget's colour, so a deck's CSS can set it); each one nudged, if it
    must be, until it reads on the slide's background at WCAG AA
    (``render.contrast``). A theme of the terminal's own ANSI colours
    (``ansi-dark``) has no colours to compute with: the renderer's defaults,
    in ANSI colours too, are kept. ``eight_bit``: the terminal shows 256
    colours, and each pair is judged as it shows them.
    """

    def colour(name: str, fallback: str) -> str:
        value = variables.get(name, fallback)
        return value if value.startswith("#") else fallback

    def fit(value: str, back: str) -> str:
        return readable(value, back, eight_bit=eight_bit)

    background = colour("background", "")
    if not background:
        return DEFAULT_STYLES
    foreground = colour("foreground", "#E0E0E0")
    surface = colour("surface", background)

    def on(name: str, back: str = background, fallback: str = foreground) -> str:
        return fit(colour(name, fallback), back)

    text = fit(foreground, background)
    primary = on("text-primary", fallback=colour("primary", foreground))
    accent = on("text-accent", fallback=colour("accent", foreground))
    secondary = on("text-secondary", fallback=primary)
    muted = fit(blend(text, background, 0.3), background)
    code_text = fit(foreground, surface)
    heading = Style(color=accent, bold=True)
    markdown = {
        "markdown.h1": heading,
        "markdown.h1.border": Style(color=accent),
        "markdown.h2": Style(color=primary, bold=True),
        "markdown.h3": Style(color=primary, bold=True),
        "markdown.h4": Style(color=secondary, bold=True),
        "markdown.h5": Style(color=secondary, italic=True),
        "markdown.h6": Style(color=muted, italic=True),
        "markdown.h7": Style(color=muted, italic=True),
        "markdown.code": Style(color=fit(colour("text-accent", accent), surface), bgcolor=surface),
        "markdown.code_block": Style(color=code_text, bgcolor=surface),
        "markdown.block_quote": Style(color=muted, italic=True),
        "markdown.list": Style(color=accent),
        "markdown.item.bullet": Style(color=accent, bold=True),
        "markdown.item.number": Style(color=accent, bold=True),
        "markdown.hr": Style(color=muted),
        "markdown.link": Style(color=primary, underline=True),
        "markdown.link_url": Style(color=primary, underline=True),
        "markdown.table.border": Style(color=muted),
        "markdown.table.header": Style(color=primary, bold=True),
        "markdown.kbd": Style(color=accent, bold=True),
        "table.header": Style(color=primary, bold=True),
    }
    code = {
        "background": Style(bgcolor=surface),
        "": Style(color=code_text),
        "Keyword": Style(color=fit(colour("text-accent", accent), surface), bold=True),
        "Name.Builtin": Style(color=fit(colour("text-primary", primary), surface)),
        "Name.Function": Style(color=fit(colour("text-primary", primary), surface)),
        "Name.Tag": Style(color=fit(colour("text-primary", primary), surface)),
        "String": Style(color=fit(colour("text-success", code_text), surface)),
        "Number": Style(color=fit(colour("text-warning", code_text), surface)),
        "Literal": Style(color=fit(colour("text-warning", code_text), surface)),
        "Comment": Style(color=fit(blend(code_text, surface, 0.3), surface), italic=True),
        "Operator": Style(color=code_text),
        "Punctuation": Style(color=code_text),
    }
    return DEFAULT_STYLES._replace(
        title=Style(color=primary, bold=True),
        bullet=Style(color=accent),
        number=Style(color=accent, bold=True),
        logo=Style(color=primary),
        muted=Style(color=muted),
        slide_title=heading,
        rule=Style(color=accent),
        markdown=tuple(markdown.items()),
        code=tuple(code.items()),
    )


TITLE_PARTS = ("slide--heading", "slide--title")
"""The slide view's component classes for titles, which a deck's CSS styles: over the
renderer's ``slide_title`` (the slide's heading) and ``title`` (the blocks' own titles)."""


def css_titles(view: Widget, styles: SlideStyles) -> SlideStyles:
    """``styles`` with what the CSS says of ``view``'s ``TITLE_PARTS`` on top: a colour,
    background or text style set there wins over the theme's, as the user chose it."""
    heading, title = (view.get_component_rich_style(name, partial=True) for name in TITLE_PARTS)
    return _titled(styles, heading, title)


@functools.lru_cache(maxsize=8)
def _titled(styles: SlideStyles, heading: Style, title: Style) -> SlideStyles:
    """Cached: the same styles come back as the same object (renderables are kept by it)."""
    if not heading and not title:
        return styles
    return styles._replace(slide_title=styles.slide_title + heading, title=styles.title + title)


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
