"""Markdown blocks (``"format": "markdown"``): rich's Markdown, with deck text kept inert.

Only plain ``http`` and ``https`` URLs become live hyperlinks (OSC 8), by the
rule the cards follow (``media.links.linkable``); any other link
(``javascript:``, ``file:``, ``mailto:``, one with control characters) keeps
its text, visible, without a link. ``rich.markdown`` (and through it
markdown-it and Pygments) is imported only when a Markdown block is rendered,
so plain decks print without that cost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui_slides.deck.markdown import parse
from tui_slides.deck.safety import visible
from tui_slides.media.links import linkable
from tui_slides.render.styles import Themed

if TYPE_CHECKING:
    from markdown_it.token import Token
    from rich.markdown import Markdown
    from rich.syntax import SyntaxTheme, TokenType


class SafeSegments:
    """Renders ``renderable`` and makes any control character left in its output visible.

    Markdown decodes character references (``&#13;``, ``&#x202E;``) after the
    deck text was made visible, so the parsed tokens are cleaned again; this is
    the last guard: no control segment, no unsafe character and no link other than
    ``http(s)`` gets through.
    """

    def __init__(
        self, renderable: RenderableType, plain: Callable[[], RenderableType] | None = None
    ) -> None:
        self.renderable = renderable
        self.plain = plain
        """Makes what is drawn instead where the console draws no styles (``show`` piped,
        ``NO_COLOR``): built only there."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Blank lines before the first line and after the last are left out: a table's
        # empty top edge, Markdown's spacing; the block's title and margins space it.
        blanks: list[list[Segment]] = []
        started = False
        unstyled = self.plain is not None and console.color_system is None
        drawn = self.plain() if self.plain is not None and unstyled else self.renderable
        for line in Segment.split_lines(console.render(drawn, options)):
            if _blank(line):
                if started:
                    blanks.append(line)
                continue
            started = True
            for pending in [*blanks, line]:
                for segment in pending:
                    if segment.control:
                        continue
                    text, style, _ = segment
                    if style is not None and style.link and not linkable(style.link):
                        style = style.update_link(None)
                    yield Segment(visible(text), style)
                yield Segment.line()
            blanks = []

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


def _blank(line: list[Segment]) -> bool:
    """True when ``line`` shows nothing: no text but spaces, and no background painted."""
    return not any(
        segment.text.strip() or (segment.style is not None and segment.style.bgcolor)
        for segment in line
        if not segment.control
    )


def _clean(tokens: Iterable[Token]) -> None:
    for token in tokens:
        if token.children:
            token.children = _images_as_links(token.children)
        token.content = visible(token.content)
        token.info = visible(token.info)
        for name, value in token.attrs.items():
            if name in ("href", "src") and not linkable(str(value)):
                token.attrs[name] = ""  # no link: rich then styles the text alone
            elif isinstance(value, str):
                token.attrs[name] = visible(value)
        if token.children:
            _clean(token.children)


def _images_as_links(children: list[Token]) -> list[Token]:
    """An image as a link to it, ``[alt]`` (its own link only when ``linkable``): as the HTML
    and PDF show it. Rich draws an image's alt text at the start of its line, out of order."""
    from markdown_it.token import Token

    found: list[Token] = []
    for token in children:
        if token.type != "image":
            found.append(token)
            continue
        alt = "".join(child.content for child in token.children or []) or "image"
        found += [
            Token("link_open", "a", 1, attrs={"href": str(token.attrGet("src") or "")}),
            Token("text", "", 0, content=f"[{alt}]"),
            Token("link_close", "a", -1),
        ]
    return found


def syntax_theme(code: Sequence[tuple[str, Style]]) -> SyntaxTheme:
    """A Rich syntax theme of ``code`` (``SlideStyles.code``): styles by Pygments token name."""
    from pygments.token import string_to_tokentype
    from rich.syntax import ANSISyntaxTheme

    styles = dict(code)
    background = styles.pop("background", Style())
    plain = styles.pop("", Style())

    class _Theme(ANSISyntaxTheme):
        def get_style_for_token(self, token_type: TokenType) -> Style:
            return plain + super().get_style_for_token(token_type)  # unmapped: plain code

        def get_background_style(self) -> Style:
            return background

    return _Theme({string_to_tokentype(name): style for name, style in styles.items()})


def render_markdown(
    text: str,
    *,
    code_theme: str = "monokai",
    styles: Sequence[tuple[str, Style]] = (),
    code: Sequence[tuple[str, Style]] = (),
    centre: bool = False,
) -> RenderableType:
    """``text`` rendered as Markdown: headings, lists, tables, highlighted code.

    ``styles`` set Rich's Markdown style names, ``code`` the code colours
    (``SlideStyles``); without them, Rich's defaults and ``code_theme``. Drawn as a slide
    draws it, and centred on a title slide (``centre``): ``render.markdown_look``.
    """
    from tui_slides.render.markdown_look import CentredMarkdown, SlideMarkdown

    markup = visible(text)
    tokens = parse(markup)
    if tokens is None:  # nested too deep to read whole: the text as written
        plain = SafeSegments(Text(markup, justify="center" if centre else None))
        return Themed(plain, styles) if styles else plain
    theme: str | SyntaxTheme = syntax_theme(code) if code else code_theme
    kind = CentredMarkdown if centre else SlideMarkdown

    def drawn(parsed: list[Token]) -> Markdown:
        markdown = kind("", code_theme=theme, justify="center" if centre else None)  # type: ignore[arg-type]
        markdown.markup = markup
        markdown.parsed = parsed
        _clean(parsed)
        return markdown

    struck = any(child.type == "s_open" for token in tokens for child in token.children or ())
    as_written = (lambda: drawn(_struck_as_written(parse(markup) or []))) if struck else None
    safe = SafeSegments(drawn(tokens), as_written)
    return Themed(safe, styles) if styles else safe


def _struck_as_written(tokens: list[Token]) -> list[Token]:
    """``tokens`` with struck text between its ``~~``: where no style is drawn, a struck
    word would read as meant (``This is ~~not~~ true``)."""
    from markdown_it.token import Token

    for token in tokens:
        for index, child in enumerate(token.children or ()):
            if child.type in ("s_open", "s_close"):
                token.children[index] = Token("text", "", 0, content=child.markup)  # type: ignore[index]
    return tokens
