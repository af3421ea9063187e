"""Rich renderables for a block: its title, then its structured text (or Markdown), then media."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich.console import RenderableType
from rich.constrain import Constrain
from rich.style import Style
from rich.text import Text

from tui_slides.deck.model import Block, TextFormat
from tui_slides.deck.safety import visible
from tui_slides.deck.text import (
    BulletList,
    LeadIn,
    ListNode,
    Node,
    NumberedList,
    Paragraph,
    parse_text,
)
from tui_slides.deck.text import Heading as HeadingNode
from tui_slides.render.hanging import Hanging
from tui_slides.render.lines import Prose, Stack
from tui_slides.render.styles import DEFAULT_STYLES, SlideStyles, Themed

MEASURE = 100
"""Widest line of slide text, in cells: text never runs edge to edge on a wide terminal."""

LIST_INDENT = 2
"""Cells before a top-level list's markers; nested lists start under their parent's text."""

LEVEL_BULLETS = ("•", "◦", "▪")
"""What typed bullets (``-``, ``*``, ``+``) are drawn as, by nesting level."""

_TYPED_BULLETS = frozenset("-*+")


HeadingKind = Literal["none", "slide", "title", "centred"]
"""How a block's title is drawn: a section head (``none``), the slide's heading under
which a rule runs (``slide``), or a title slide's large, centred heading (``title``;
``centred``: the same, not letter-spaced, while a search highlights its words)."""


def _text(text: str, style: Style, *, centre: bool = False) -> Prose:
    return Prose(
        Text(visible(text), style=style, overflow="fold", justify="center" if centre else None)
    )


BLANK = Prose(Text())
"""An empty line between pieces."""


def _marker(node: ListNode, marker: str, level: int) -> str:
    if isinstance(node, BulletList) and marker in _TYPED_BULLETS:
        return LEVEL_BULLETS[min(level, len(LEVEL_BULLETS) - 1)]
    return visible(marker)


def _render_list(node: ListNode, styles: SlideStyles, level: int) -> RenderableType:
    marker_style = styles.number if isinstance(node, NumberedList) else styles.bullet
    markers = [Text(_marker(node, item.marker, level), style=marker_style) for item in node.items]
    width = max(marker.cell_len for marker in markers)
    rows: list[RenderableType] = []
    for item, marker in zip(node.items, markers, strict=True):
        body: RenderableType = _text(item.text, styles.paragraph)
        if item.children:
            children = (_render_node(child, styles, level + 1) for child in item.children)
            body = Stack(body, *children)
        indent = LIST_INDENT if level == 0 else 0
        rows.append(Hanging(marker, body, marker_width=width, indent=indent))
    return Stack(*rows)


def _render_node(
    node: Node, styles: SlideStyles, level: int = 0, *, centre: bool = False
) -> RenderableType:
    if isinstance(node, HeadingNode):
        return _text(node.text, styles.heading, centre=centre)
    if isinstance(node, LeadIn):
        return _text(node.text, styles.lead_in, centre=centre)
    if isinstance(node, Paragraph):
        return _text(node.text, styles.paragraph, centre=centre)
    return _render_list(node, styles, level)


def render_nodes(
    nodes: Sequence[Node], styles: SlideStyles = DEFAULT_STYLES, *, centre: bool = False
) -> RenderableType:
    """Parsed structured text as one renderable (``centre``: its paragraphs centred).

    A blank line separates the pieces, except after a heading or a lead-in,
    which bind to what follows them.
    """
    parts: list[RenderableType] = []
    for index, node in enumerate(nodes):
        if index and not isinstance(nodes[index - 1], (HeadingNode, LeadIn)):
            parts.append(BLANK)
        parts.append(_render_node(node, styles, centre=centre))
    return Stack(*parts)


def render_text(
    text: str,
    styles: SlideStyles = DEFAULT_STYLES,
    *,
    format: TextFormat = TextFormat.PLAIN,
    centre: bool = False,
) -> RenderableType:
    """A block's ``text``: structured plain text, or Markdown when ``format`` says so."""
    if format is TextFormat.MARKDOWN:
        from tui_slides.render.markdown import render_markdown

        return render_markdown(
            text, code_theme=styles.code_theme, styles=styles.markdown, code=styles.code
        )
    return render_nodes(parse_text(text), styles, centre=centre)


def render_block(
    block: Block,
    styles: SlideStyles = DEFAULT_STYLES,
    *,
    media: Sequence[RenderableType] = (),
    measure: int | None = MEASURE,
    heading: HeadingKind = "none",
) -> RenderableType:
    """A block: its title as a heading, its text, then ``media``, at most ``measure`` cells wide.

    ``heading`` says whether its title is the slide's heading (``HeadingKind``); a
    title slide's heading block has its text centred under it too.

    ``media`` is where the block's image, video card and map go (built by
    ``tui_slides.render.media`` from ``block.image``, ``block.video`` and
    ``block.map``); they follow the text, a blank line apart. ``measure=None``
    leaves the width to the caller (the app lays blocks out itself).
    """
    parts: list[RenderableType] = []
    if block.title and heading == "none":
        parts.append(_text(block.title, styles.title))
    elif block.title:
        from tui_slides.render.heading import SlideHeading

        centre = heading in ("title", "centred")
        heading_part = SlideHeading(
            block.title, styles.slide_title, styles.rule, large=centre, spaced=heading == "title"
        )
        parts.append(heading_part)
    if block.text.strip():
        if parts:
            parts.append(BLANK)
        centre = heading in ("title", "centred")
        parts.append(render_text(block.text, styles, format=block.format, centre=centre))
    muted = (("slide.muted", styles.muted),)  # the cards' quieter lines (render.cards.MUTED)
    for item in media:
        if parts:
            parts.append(BLANK)
        parts.append(Themed(item, muted))
    group = Stack(*parts)
    return group if measure is None else Constrain(group, measure)
