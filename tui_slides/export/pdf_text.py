"""A block's text as reportlab flowables: structured plain text, and Markdown through markdown-it.

Deck text is made visible (``safety.visible``) and escaped for reportlab's
paragraph markup; the only markup is ours (bold, italic, code, links to
``http(s)`` URLs that ``media.links.safe_url`` passes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
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
from tui_slides.export.fonts import MONO, SANS, drawable, symbols
from tui_slides.media.links import safe_url

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

LIST_INDENT = 18.0
"""Points each nesting level of a list is indented by."""

MARKER_GAP = 6.0
"""Points between a list marker and its text."""

LEVEL_BULLETS = ("•", "‣", "⁃")
"""Typed bullets (``-``, ``*``, ``+``) by nesting level: the terminal's ``• ◦ ▪`` are not
in Noto Sans, so the PDF takes bullets the font has."""

_TYPED_BULLETS = frozenset("-*+")

QUOTE_WIDTH = 480.0
"""The widest a quote or a table on a title slide gets as wide as its text, in points (of a
landscape A4 page's ~770); a wider table keeps the frame's width."""


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


def _inline(tokens: Sequence[Any]) -> str:
    out: list[str] = []
    links: list[bool] = []
    for token in tokens:
        kind = token.type
        if kind == "text":
            out.append(symbols(escape(visible(token.content))))
        elif kind == "code_inline":
            out.append(f'<font face="{MONO}">{escape(drawable(visible(token.content)))}</font>')
        elif kind in ("softbreak",):
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br/>")
        elif kind in ("strong_open", "strong_close"):
            out.append("<b>" if kind.endswith("open") else "</b>")
        elif kind in ("em_open", "em_close"):
            out.append("<i>" if kind.endswith("open") else "</i>")
        elif kind == "link_open":
            href = safe_url(str(token.attrGet("href") or ""))
            links.append(href is not None)
            if href is not None:
                out.append(f'<a href="{escape(href, {chr(34): "&quot;"})}" underline="1">')
        elif kind == "link_close":
            if links and links.pop():
                out.append("</a>")
        elif kind == "image":
            alt = "".join(child.content for child in token.children or [])
            out.append(f"[{escape(drawable(visible(alt or 'image')))}]")
    return "".join(out)


def markdown_flowables(value: str, styles: TextStyles) -> list[Flowable]:
    """Markdown as flowables: paragraphs, headings, lists, code, tables, quotes."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import HRFlowable, Table, XPreformatted
    from reportlab.platypus import Paragraph as Para

    from tui_slides.export.html_text import markdown_parser

    tokens = markdown_parser().parse(visible(value))
    found: list[Flowable] = []
    lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
    bullet: str | None = None
    quotes: list[list[Flowable]] = []  # what came before each open quote
    rows: list[list[Flowable]] | None = None
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "bullet_list_open":
            lists.append([])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            counter = lists[-1] if lists else []
            if counter:  # numbered from the first, as CommonMark (and the HTML) number
                bullet = f"{counter[0]}{token.markup or '.'}"
                counter[0] += 1
            else:
                bullet = LEVEL_BULLETS[min(len(lists) - 1, len(LEVEL_BULLETS) - 1)]
        elif kind == "blockquote_open":
            quotes.append(found)
            found = []
        elif kind == "blockquote_close":
            found = [*quotes.pop(), _quote(found, styles)]
        elif kind == "hr":  # a line across, as the presenter's rule
            found.append(
                HRFlowable(width="100%", thickness=0.8, color=styles.marker_colour,
                           spaceBefore=4, spaceAfter=10)
            )  # fmt: skip
        elif kind == "table_open":
            rows = []
        elif kind == "tr_open" and rows is not None:
            rows.append([])
        elif (
            kind == "inline"
            and rows is not None
            and tokens[index - 1].type in ("th_open", "td_open")
        ):
            cell = styles.heading if tokens[index - 1].type == "th_open" else styles.body
            rows[-1].append(Para(_inline(token.children or []), cell))
        elif kind == "table_close" and rows is not None:
            if rows and all(rows):
                width = max(len(row) for row in rows)
                padded = [row + [Para("", styles.body)] * (width - len(row)) for row in rows]
                # Spaced from the text around it; each cell's text from its top, as in HTML.
                # On a title slide, each column as wide as its text and the table centred.
                widths = [_widest(column) + 12 + 2 for column in zip(*padded, strict=True)]
                fits = styles.centred and sum(widths) <= QUOTE_WIDTH
                table = Table(
                    padded, colWidths=widths if fits else None, spaceBefore=4, spaceAfter=10,
                    hAlign="CENTER" if fits else "LEFT",
                )  # fmt: skip
                table.setStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, styles.marker_colour),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
                found.append(table)
            rows = None
        elif kind in ("fence", "code_block"):
            code = highlighted(drawable(visible(token.content.rstrip("\n"))), token.info, styles)
            found.append(XPreformatted(code, styles.code))
        elif kind == "inline" and rows is None:
            opener = tokens[index - 1].type
            style = styles.body
            if opener == "heading_open":
                style = styles.heading
            if quotes:  # italic, and left-aligned behind the quote's bar
                style = ParagraphStyle(
                    "quote", parent=style, fontName=f"{SANS}-Italic", alignment=0
                )
            left = LIST_INDENT * len(lists)
            if left:
                style = ParagraphStyle(  # left-aligned, lists and quotes, on title slides too
                    "md",
                    parent=style,
                    alignment=0,
                    leftIndent=left,
                    bulletIndent=left - LIST_INDENT,
                )
            text = _inline(token.children or [])
            if bullet is not None:
                found.append(Para(text, style, bulletText=escape(bullet)))
                bullet = None
            else:
                found.append(Para(text, style))
    return found


def _quote(inside: list[Flowable], styles: TextStyles) -> Flowable:
    """A quote's flowables behind a bar, as the presenter draws ``▌`` (centred on a title
    slide, as a whole)."""
    from reportlab.platypus import Table

    width = None  # the frame's, on a slide read top to bottom
    if styles.centred:  # as wide as its text, at most QUOTE_WIDTH
        width = [min(_widest(inside) + 10 + 6 + 2, QUOTE_WIDTH)]  # its paddings, and a hair
    box = Table(
        [[inside]], colWidths=width, hAlign="CENTER" if styles.centred else "LEFT", spaceAfter=6
    )
    box.setStyle(
        [
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, styles.marker_colour),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return box


def _widest(flowables: Sequence[Flowable]) -> float:
    """Points the longest of ``flowables``' paragraphs takes on one line (0: none)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    return max(
        (
            float(stringWidth(f.getPlainText(), f.style.fontName, f.style.fontSize))
            for f in flowables
            if isinstance(f, Paragraph)
        ),
        default=0.0,
    )


def highlighted(code: str, language: str, styles: TextStyles) -> str:
    """``code`` as XPreformatted markup in the colours, bold and italic of the Pygments style
    of ``styles``, by the lexer of ``language`` (the fence's info string), else plain."""
    from pygments.lexers import get_lexer_by_name
    from pygments.lexers.special import TextLexer
    from pygments.styles import get_style_by_name
    from pygments.util import ClassNotFound

    name = language.split()[0] if language.strip() else ""
    try:
        lexer = get_lexer_by_name(name) if name else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    colours = get_style_by_name(styles.code_style)
    out: list[str] = []
    for kind, value in lexer.get_tokens(code):
        text = escape(value)
        look = colours.style_for_token(kind)
        if look["bold"]:
            text = f"<b>{text}</b>"
        if look["italic"]:
            text = f"<i>{text}</i>"
        if look["color"]:
            text = f'<font color="#{look["color"]}">{text}</font>'
        out.append(text)
    return "".join(out).removesuffix("\n")
