"""Rich renderables for a block: its title, then its structured text (or Markdown), then media."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich.align import Align
from rich.console import RenderableType
from rich.constrain import Constrain
from rich.style import Style
from rich.text import Text

from tui_slides.deck.model import Block, Layout, TextFormat
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
from tui_slides.render.lines import Centred, Hidden, Prose, Stack
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


def _render_list(
    node: ListNode, styles: SlideStyles, level: int, shown: int | None = None
) -> RenderableType:
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
        row = Hanging(marker, body, marker_width=width, indent=indent)
        rows.append(row if shown is None or len(rows) < shown else Hidden(row))
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
    nodes: Sequence[Node],
    styles: SlideStyles = DEFAULT_STYLES,
    *,
    items: int | None = None,
    centre: bool = False,
) -> RenderableType:
    """Parsed structured text as one renderable.

    A blank line separates the pieces, except after a heading or a lead-in,
    which bind to what follows them. ``items``: only the first ``items``
    top-level list items are drawn, with what comes before the next one
    (incremental reveal, ``tui_slides.deck.steps``); the rest keeps its place, blank.
    ``centre`` (a title slide): paragraphs are centred line by line, and a list is centred
    as a whole with the lead-in that introduces it, its markers in one column, by its
    width once whole (it stays in place while its items appear).
    """
    parts: list[RenderableType] = []
    left = items  # top-level items still to draw (None: all)
    lead: tuple[RenderableType, RenderableType] | None = None  # a lead-in: (drawn, whole)
    for index, node in enumerate(nodes):
        if index and not isinstance(nodes[index - 1], (HeadingNode, LeadIn)):
            parts.append(BLANK)
        hidden = left is not None and left < 0  # below an item not drawn yet
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        if (
            centre
            and isinstance(node, LeadIn)
            and isinstance(following, (BulletList, NumberedList))
        ):
            shown = _text(node.text, styles.lead_in)
            lead = (Hidden(shown) if hidden else shown, shown)
        elif isinstance(node, (BulletList, NumberedList)):
            drawn = _render_list(node, styles, 0, None if left is None else max(0, left))
            if centre:
                full = None if left is None else _render_list(node, styles, 0)
                if lead is not None:
                    drawn = Stack(lead[0], drawn)
                    full = None if full is None else Stack(lead[1], full)
                drawn = Centred(drawn, like=full)
            parts.append(drawn)
            lead = None
            if left is not None:
                left -= len(node.items)
        elif hidden:
            parts.append(Hidden(_render_node(node, styles, centre=centre)))
        else:
            parts.append(_render_node(node, styles, centre=centre))
    return Stack(*parts)


def render_text(
    text: str,
    styles: SlideStyles = DEFAULT_STYLES,
    *,
    format: TextFormat = TextFormat.PLAIN,
    items: int | None = None,
    centre: bool = False,
) -> RenderableType:
    """A block's ``text``: structured plain text, or Markdown when ``format`` says so.

    ``items``: how many top-level list items of plain text are revealed (``render_nodes``).
    """
    if format is TextFormat.MARKDOWN:
        from tui_slides.render.markdown import render_markdown

        return render_markdown(
            text,
            code_theme=styles.code_theme,
            styles=styles.markdown,
            code=styles.code,
            centre=centre,
        )
    return render_nodes(parse_text(text), styles, items=items, centre=centre)


def render_block(
    block: Block,
    styles: SlideStyles = DEFAULT_STYLES,
    *,
    media: Sequence[RenderableType] = (),
    measure: int | None = MEASURE,
    items: int | None = None,
    heading: HeadingKind = "none",
    ruled: bool = False,
) -> RenderableType:
    """A block: its title as a heading, its text, then ``media``, at most ``measure`` cells wide.

    ``heading`` says whether its title is the slide's heading (``HeadingKind``); a
    title slide's heading block has its text centred under it too.

    ``media`` is where the block's image, video card and map go (built by
    ``tui_slides.render.media`` from ``block.image``, ``block.video`` and
    ``block.map``); they follow the text, a blank line apart. ``measure=None``
    leaves the width to the caller (the app lays blocks out itself). ``items``:
    the top-level list items revealed so far (``render_nodes``; None: all). ``ruled``:
    the block's own title has a rule under it too, as the heading has (the columns of a
    ``columns`` slide, so that every column's text starts on the same row).
    """
    parts: list[RenderableType] = []
    centre = heading in ("title", "centred")
    if block.title and heading == "none" and not ruled:
        parts.append(_text(block.title, styles.title))
    elif block.title:  # the heading, or a column's own title ruled as the heading is
        from tui_slides.render.heading import SlideHeading

        style = styles.title if heading == "none" else styles.slide_title
        parts.append(
            SlideHeading(block.title, style, styles.rule, large=centre, spaced=heading == "title")
        )
    if block.text.strip():
        if parts:
            parts.append(BLANK)
        text = render_text(block.text, styles, format=block.format, items=items, centre=centre)
        parts.append(text)
    muted = (("slide.muted", styles.muted),)  # the cards' quieter lines (render.cards.MUTED)
    for item in media:
        if parts:
            parts.append(BLANK)
        card = Themed(item, muted)
        parts.append(Align.center(card) if centre else card)
    group = Stack(*parts)
    return group if measure is None else Constrain(group, measure)


def block_in_layout(
    block: Block,
    styles: SlideStyles,
    layout: Layout,
    heading: HeadingKind,
    *,
    media: Sequence[RenderableType] = (),
    items: int | None = None,
) -> RenderableType:
    """A block as a slide in ``layout`` draws it, the presenter's and the audience's alike.

    In ``columns`` every column's title is ruled as the heading is (their text starts on
    one row); on a title slide a block below the heading is centred as a whole, its lines
    aligned. The width is the caller's.
    """
    drawn = render_block(
        block,
        styles,
        media=media,
        measure=None,
        heading=heading,
        items=items,
        ruled=layout is Layout.COLUMNS,
    )
    boxed = layout is Layout.TITLE and heading == "none"
    return Align.center(drawn) if boxed else drawn
