"""The named styles slide text is drawn with, so one theme can drive every renderer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.style import Style


class SlideStyles(NamedTuple):
    """Every style the slide renderers use, by role.

    ``DEFAULT_STYLES`` suits dark and light terminals alike; the app builds its
    own from its Textual theme, e.g.
    ``DEFAULT_STYLES._replace(title=Style(color=theme.primary, bold=True))``.
    (A named tuple: immutable, and cheaper to create at start-up than a dataclass.)
    """

    title: Style = Style(bold=True, color="cyan")
    """A block's title."""
    heading: Style = Style(bold=True)
    """A section heading inside a block's text (``Цель проекта:``)."""
    lead_in: Style = Style(italic=True)
    """A line ending with ``:`` that introduces a list."""
    paragraph: Style = Style()
    """Paragraphs and the text of list items."""
    bullet: Style = Style(color="cyan")
    """A bullet list's markers."""
    number: Style = Style(color="cyan", bold=True)
    """A numbered list's numbers and letters."""
    header: Style = Style(bold=True)
    """The line above each slide in ``tui-slides show``: position, ID and title."""
    logo: Style = Style(color="cyan")
    """The logo title beside that line."""
    muted: Style = Style(dim=True)
    """Rules and notices such as an empty slide."""
    code_theme: str = "monokai"
    """The Pygments theme for code in Markdown blocks, unless ``code`` gives the colours."""
    slide_title: Style = Style(bold=True, color="cyan")
    """The slide's heading: its first title, set apart from the blocks' own titles."""
    rule: Style = Style(color="cyan")
    """The rule under the slide's heading."""
    markdown: tuple[tuple[str, Style], ...] = ()
    """Rich's Markdown style names (``markdown.h1``, ``markdown.code``...) and their styles,
    pushed while a Markdown block renders; empty: Rich's defaults."""
    code: tuple[tuple[str, Style], ...] = ()
    """Code colours by Pygments token name (``Keyword``, ``String``, ``Comment``...; ``""``
    for plain code, ``background`` for the block): a syntax theme made of the app's theme.
    Plain data, so that Pygments is imported only when a Markdown block renders."""


DEFAULT_STYLES = SlideStyles()
"""The styles used when a caller brings none."""


class Themed:
    """Renders ``renderable`` with Rich's named styles (``markdown.h1``...) set to ``styles``.

    Rich's Markdown looks its colours up by name on the console: pushing a
    theme of the slide's colours while it renders makes every heading, quote,
    table and inline code take the app's theme, whatever console draws it.
    """

    def __init__(self, renderable: RenderableType, styles: Sequence[tuple[str, Style]]) -> None:
        from rich.theme import Theme

        self.renderable = renderable
        self.theme = Theme(dict(styles))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        with console.use_theme(self.theme):
            yield from console.render(self.renderable, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        with console.use_theme(self.theme):
            return Measurement.get(console, options, self.renderable)
