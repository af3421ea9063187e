"""A Markdown block's text as reportlab flowables, through markdown-it.

Paragraphs, headings, lists, code (highlighted by Pygments in the HTML's colours), tables
and quotes. Deck text is made visible (``safety.visible``) and escaped for reportlab's
paragraph markup; the only markup is ours (bold, italic, code, links to ``http(s)`` URLs
that ``media.links.linkable`` passes). On a title slide a top-level list, quote, table or
code block is as wide as its text and centred as a whole, as the presenter draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from tui_slides.deck.markdown import parse
from tui_slides.deck.safety import visible
from tui_slides.export.fonts import MONO, SANS, drawable, symbols
from tui_slides.export.pdf_text import LEVEL_BULLETS, LIST_INDENT, TextStyles
from tui_slides.media.links import linkable

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

QUOTE_WIDTH = 480.0
"""The widest a quote or a table on a title slide gets as wide as its text, in points (of a
landscape A4 page's ~770); a wider table keeps the frame's width."""


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
        elif kind in ("s_open", "s_close"):  # ~~struck~~, as the presenter and HTML strike it
            out.append("<strike>" if kind.endswith("open") else "</strike>")
        elif kind == "link_open":
            link = str(token.attrGet("href") or "")
            href = link if linkable(link) else None
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
    from reportlab.platypus import HRFlowable
    from reportlab.platypus import Paragraph as Para

    from tui_slides.export.html_text import markdown_parser
    from tui_slides.export.pdf_table import ContentTable

    tokens = parse(visible(value), markdown_parser())
    if tokens is None:  # nested too deep to read whole: the text as written
        lines = visible(value).splitlines()
        return [Para("<br/>".join(escape(drawable(line)) for line in lines), styles.body)]
    found: list[Flowable] = []
    lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
    bullet: str | None = None
    quotes: list[list[Flowable]] = []  # what came before each open quote
    outer: list[Flowable] | None = None  # what came before a title slide's open list
    rows: list[list[Flowable]] | None = None
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if styles.centred and not lists and not quotes:  # centred as a whole, below
                outer, found = found, []
            start = token.attrGet("start") or 1
            lists.append([int(start)] if kind == "ordered_list_open" else [])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if outer is not None and not lists:
                found, outer = [*outer, _centred(found, QUOTE_WIDTH)], None
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
                # On a title slide, a table as wide as its text centred (pdf_table sizes it).
                natural = sum(_widest(column) + 12 + 2 for column in zip(*padded, strict=True))
                fits = styles.centred and natural <= QUOTE_WIDTH
                found.append(ContentTable(padded, styles, "CENTER" if fits else "LEFT"))
            rows = None
        elif kind in ("fence", "code_block"):
            found.append(_code(token.content, token.info, styles, LIST_INDENT * len(lists)))
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
                    bulletFontName=style.fontName,  # not Helvetica: its • reads as DEL
                    bulletFontSize=style.fontSize,  # (reportlab's default is 10 pt)
                )
            text = _inline(token.children or [])
            if bullet is not None:
                found.append(Para(text, style, bulletText=escape(bullet)))
                bullet = None
            else:
                found.append(Para(text, style))
                if _introduces(tokens, index):  # a lead-in: a column never ends on it
                    found[-1].keepWithNext = True
    return found


def _introduces(tokens: Sequence[Any], index: int) -> bool:
    """Whether the paragraph of ``tokens[index]`` ends with a colon and a list, a table or
    code follows it (a lead-in, as structured text's line ending in a colon)."""
    after = tokens[index + 2].type if index + 2 < len(tokens) else ""
    opens = ("bullet_list_open", "ordered_list_open", "table_open", "fence", "code_block")
    return tokens[index].content.rstrip().endswith(":") and after in opens


def _code(content: str, language: str, styles: TextStyles, indent: float) -> Flowable:
    """A code block, highlighted: in a list, under its item's text; on a title slide
    (outside lists and quotes), as wide as its longest line and centred."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table, XPreformatted

    text = drawable(visible(content.rstrip("\n")))
    style = ParagraphStyle("code-in-list", parent=styles.code, leftIndent=indent)
    code = XPreformatted(highlighted(text, language, styles), style if indent else styles.code)
    padding = styles.code.borderPadding
    width = _widest([code]) + 2 * padding + 2  # and a hair: a line exactly as wide might wrap
    if indent or not styles.centred or width > QUOTE_WIDTH:
        return code
    box = Table([[code]], colWidths=[width], hAlign="CENTER", spaceBefore=4, spaceAfter=8)
    box.setStyle(
        [
            ("LEFTPADDING", (0, 0), (-1, -1), padding),  # the code's background is its padding
            ("RIGHTPADDING", (0, 0), (-1, -1), padding),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return box


def _centred(inside: list[Flowable], widest: float) -> Flowable:
    """A title slide's list: in a box as wide as its widest line, at most ``widest`` points,
    centred; its items left-aligned inside, nested ones indented."""
    from reportlab.platypus import Table

    box = Table([[inside]], colWidths=[min(_widest(inside) + 2, widest)], hAlign="CENTER")
    box.setStyle([(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING")])
    return box


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
    """Points the longest line of ``flowables``' paragraphs takes, its indent included (0: none;
    code, an ``XPreformatted``, line by line)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    return max(
        (
            f.style.leftIndent
            + float(stringWidth(line.expandtabs(8), f.style.fontName, f.style.fontSize))
            for f in flowables
            if isinstance(f, Paragraph)
            for line in f.getPlainText().split("\n")
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
