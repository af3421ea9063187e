"""A block's structured plain text as reportlab flowables (Markdown: ``export.pdf_markdown``).

Deck text is made visible (``safety.visible``) and escaped for reportlab's
paragraph markup; the only markup is ours (line breaks, and the symbols font for what
Noto Sans lacks, ``fonts.symbols``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from tui_slides.deck.safety import visible
from tui_slides.deck.text import (
    BulletList,
    Heading,
    LeadIn,
    ListItem,
    ListNode,
    Node,
    NumberedList,
    Paragraph,
    parse_text,
)
from tui_slides.export.fonts import drawable, symbols

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

LIST_INDENT = 18.0
"""Points each nesting level of a list is indented by."""

MARKER_GAP = 8.4
"""Points between a list marker and its text: the 0.6 of the marker's size (14 pt) that
reportlab keeps after a bullet, else it narrows the item's first line by the difference."""

LEVEL_BULLETS = ("•", "‣", "⁃")
"""Typed bullets (``-``, ``*``, ``+``) by nesting level: the terminal's ``• ◦ ▪`` are not
in Noto Sans, so the PDF takes bullets the font has."""

_TYPED_BULLETS = frozenset("-*+")


@dataclass(frozen=True)
class TextStyles:
    """The paragraph styles a slide's text is set in."""

    slide_title: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    lead_in: ParagraphStyle
    body: ParagraphStyle
    code: ParagraphStyle
    notes: ParagraphStyle
    marker_colour: str
    covered: frozenset[int]
    """Code points the body font has glyphs for."""
    code_style: str = "default"
    """The Pygments style code is highlighted in (``html_text.CODE_STYLES``, as the HTML)."""
    centred: bool = False
    """A title slide's: paragraphs centred, a list centred as a whole (its items aligned)."""


def markup(value: str) -> str:
    """Deck text for a reportlab paragraph: visible, escaped, line breaks kept, what the body
    font lacks in the symbols font (``fonts.symbols``)."""
    return symbols(escape(visible(value))).replace("\n", "<br/>")


def _marker(marker: str, numbered: bool, level: int, styles: TextStyles) -> str:
    if not numbered and (
        marker in _TYPED_BULLETS or any(ord(c) not in styles.covered for c in marker)
    ):
        return LEVEL_BULLETS[min(level, len(LEVEL_BULLETS) - 1)]
    return visible(marker)


def _item(
    item: ListItem, numbered: bool, level: int, width: float, styles: TextStyles
) -> list[Flowable]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph as Para

    body = styles.body
    marker = _marker(item.marker, numbered, level, styles)
    left = LIST_INDENT * (level + 1) + width
    shift = width - stringWidth(marker, body.fontName, body.fontSize)  # numbers align right
    style = ParagraphStyle(
        "item",
        parent=body,
        alignment=0,  # left: a list on a title slide is centred as a whole, not line by line
        leftIndent=left,
        bulletIndent=left - width - MARKER_GAP + shift,
        bulletFontName=body.fontName,
        bulletFontSize=body.fontSize,  # (reportlab's default, 10 pt, was 70% of the text)
        bulletColor=styles.marker_colour,
        spaceAfter=2,
    )
    found: list[Flowable] = [Para(markup(item.text), style, bulletText=escape(marker))]
    for child in item.children:
        found.extend(_node(child, styles, level + 1, indent=left))
    return found


def _text_width(text: str, styles: TextStyles) -> float:
    """Points ``text`` takes on one line in the body font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, styles.body.fontName, styles.body.fontSize))


def _marker_width(node: ListNode, styles: TextStyles, level: int) -> float:
    """Points the widest marker of ``node`` takes: its markers' column."""
    numbered = isinstance(node, NumberedList)
    return max(_text_width(_marker(i.marker, numbered, level, styles), styles) for i in node.items)


def _list(node: ListNode, styles: TextStyles, level: int) -> list[Flowable]:
    numbered = isinstance(node, NumberedList)
    width = _marker_width(node, styles, level)
    found: list[Flowable] = []
    for item in node.items:
        found.extend(_item(item, numbered, level, width, styles))
    return found


def _node(node: Node, styles: TextStyles, level: int = 0, indent: float = 0) -> list[Flowable]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as Para

    if isinstance(node, (BulletList, NumberedList)):
        return _list(node, styles, level)
    style = styles.body
    if isinstance(node, Heading):
        style = styles.heading
    elif isinstance(node, LeadIn):
        style = styles.lead_in
    if indent:
        style = ParagraphStyle("indented", parent=style, leftIndent=indent)
    value = "\n".join(node.lines) if isinstance(node, Paragraph) else node.text
    return [Para(markup(value), style)]


def nodes_flowables(nodes: Sequence[Node], styles: TextStyles) -> list[Flowable]:
    """Parsed structured text as flowables (on a title slide, a list centred with its lead-in)."""
    found: list[Flowable] = []
    for index, node in enumerate(nodes):
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        lead = nodes[index - 1] if index else None
        if not styles.centred:
            found.extend(_node(node, styles))
        elif isinstance(node, (BulletList, NumberedList)):
            found.append(_centred_list(node, styles, lead if isinstance(lead, LeadIn) else None))
        elif not (isinstance(node, LeadIn) and isinstance(following, (BulletList, NumberedList))):
            found.extend(_node(node, styles))
    return found


def _centred_list(node: ListNode, styles: TextStyles, lead: LeadIn | None = None) -> Flowable:
    """A list in a box as wide as its widest item (at most the width there is), centred:
    its markers stay in one column, and the ``lead`` that introduces it at its left."""
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import KeepInFrame
    from reportlab.platypus import Paragraph as Para

    width = _list_width(node, styles, 0)
    content = _list(node, styles, 0)
    if lead is not None:
        style = ParagraphStyle("lead-in-left", parent=styles.lead_in, alignment=TA_LEFT)
        text = drawable(visible(lead.text))
        width = max(width, float(stringWidth(text, style.fontName, style.fontSize)))
        content = [Para(markup(lead.text), style), *content]
    return KeepInFrame(width, 0, content, mode="overflow", hAlign="CENTER")


def _list_width(node: ListNode, styles: TextStyles, level: int) -> float:
    """Points the widest item of ``node`` takes on one line, its indent and marker included."""
    marker = _marker_width(node, styles, level)
    widest = 0.0
    for item in node.items:
        text = _text_width(drawable(visible(item.text)), styles)
        widest = max(widest, LIST_INDENT * (level + 1) + marker + text)
        for child in item.children:
            if isinstance(child, (BulletList, NumberedList)):
                widest = max(widest, _list_width(child, styles, level + 1))
    return widest + 1  # a point to spare: a line exactly as wide might still wrap


def plain_flowables(value: str, styles: TextStyles) -> list[Flowable]:
    """A block's plain ``text`` as flowables."""
    return nodes_flowables(parse_text(value), styles)
