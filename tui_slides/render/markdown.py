"""Markdown blocks (``"format": "markdown"``): rich's Markdown, with deck text kept inert.

``rich.markdown`` (and through it markdown-it and Pygments) is imported only
when a Markdown block is rendered, so plain decks print without that cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

from tui_slides.deck.safety import unsafe_characters, visible

if TYPE_CHECKING:
    from markdown_it.token import Token


class SafeSegments:
    """Renders ``renderable`` and makes any control character left in its output visible.

    Markdown decodes character references (``&#13;``, ``&#x202E;``) after the
    deck text was made visible, so the parsed tokens are cleaned again; this is
    the last guard: no control segment and no unsafe character gets through.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control:
                continue
            text, style, _ = segment
            if style is not None and style.link and next(unsafe_characters(style.link), None):
                style = style.update_link(visible(style.link))
            yield Segment(text if text == "\n" else visible(text), style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


def _clean(tokens: Iterable[Token]) -> None:
    for token in tokens:
        token.content = visible(token.content)
        token.info = visible(token.info)
        for name, value in token.attrs.items():
            if isinstance(value, str):
                token.attrs[name] = visible(value)
        if token.children:
            _clean(token.children)


def render_markdown(text: str, *, code_theme: str = "monokai") -> RenderableType:
    """``text`` rendered as Markdown: headings, lists, tables, highlighted code."""
    from rich.markdown import Markdown

    markdown = Markdown(visible(text), code_theme=code_theme)
    _clean(markdown.parsed)
    return SafeSegments(markdown)
