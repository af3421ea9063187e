"""A block's text as HTML: structured plain text from ``deck.text``, Markdown through markdown-it.

Every piece of deck text is made visible (``safety.visible``) and escaped
(``html.escape``); Markdown is rendered with raw HTML off (it comes out
escaped), links only to ``http``/``https`` (``media.links.safe_url``), and
images as links (an export never loads anything from the network). Code in
Markdown fences is highlighted by Pygments with classes, styled by one
stylesheet in the page (``code_stylesheet``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any

from tui_slides.deck.markdown import new_parser, parse
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
from tui_slides.media.links import linkable

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

HEADING_SHIFT = 3
"""Markdown ``#`` becomes ``h4``: under the slide's ``h2`` and the block titles' ``h3``."""

CODE_STYLES = {True: "monokai", False: "default"}
"""The Pygments style for code on dark and on light themes."""

LEVEL_BULLETS = ("•", "◦", "▪")
"""What typed bullets (``-``, ``*``, ``+``) are drawn as, by nesting level, as in the terminal."""

_TYPED_BULLETS = frozenset("-*+")
_LEADING_NUMBER = re.compile(r"\d+")


def text(value: str) -> str:
    """Deck text as HTML text: control characters made visible, markup characters escaped."""
    return escape(visible(value), quote=True)


def one_line_text(value: str) -> str:
    """Deck text for one line, such as the page's ``<title>``: control characters made
    visible, each run of spaces, tabs and line breaks one space, markup characters escaped."""
    return escape(re.sub(r"[ \t\n]+", " ", visible(value)).strip(" "), quote=True)


def lines_html(value: str) -> str:
    """Deck text as HTML text, its line breaks kept (``<br>``)."""
    return "<br>".join(text(line) for line in value.split("\n"))


def _marker(marker: str, numbered: bool, level: int) -> str:
    if not numbered and marker in _TYPED_BULLETS:
        return LEVEL_BULLETS[min(level, len(LEVEL_BULLETS) - 1)]
    return marker


def _step(step: int) -> str:
    """The attribute saying at which reveal step a piece appears (none for step 0)."""
    return f' data-step="{step}"' if step > 0 else ""


def _item(item: ListItem, numbered: bool, level: int, attrs: str = "") -> str:
    value = ""
    if numbered:
        number = _LEADING_NUMBER.match(item.marker)
        if number is not None:
            value = f' value="{int(number.group())}"'
    shown = text(_marker(item.marker, numbered, level))
    marker = f'<span class="marker" aria-hidden="true">{shown}</span>'
    children = "".join(_node(child, level + 1) for child in item.children)
    body = lines_html(item.text)
    return f'<li{value}{attrs}>{marker}<div class="item">{body}{children}</div></li>'


def _list(node: ListNode, level: int, first_step: int | None = None) -> str:
    numbered = isinstance(node, NumberedList)
    tag = "ol" if numbered else "ul"
    width = max(len(item.marker) for item in node.items)
    items = "".join(
        _item(item, numbered, level, "" if first_step is None else _step(first_step + number))
        for number, item in enumerate(node.items)
    )
    return f'<{tag} class="items" style="--marker:{width}ch">{items}</{tag}>'


def _node(node: Node, level: int = 0, attrs: str = "") -> str:
    if isinstance(node, Heading):
        return f"<h4{attrs}>{text(node.text)}</h4>"
    if isinstance(node, LeadIn):
        return f'<p class="lead-in"{attrs}>{text(node.text)}</p>'
    if isinstance(node, Paragraph):
        return f"<p{attrs}>{'<br>'.join(text(line) for line in node.lines)}</p>"
    if isinstance(node, (BulletList, NumberedList)):
        return _list(node, level)
    raise TypeError(f"not a text node: {node!r}")


def nodes_html(nodes: Sequence[Node]) -> str:
    """Parsed structured text as HTML: ``h4``, ``p``, ``ul``/``ol`` with the markers as written."""
    return _introduced(nodes, [_node(node) for node in nodes])


def _introduced(nodes: Sequence[Node], parts: list[str]) -> str:
    """``parts`` (one per node) joined, each lead-in with the list it introduces in one
    ``div.introduced``: a title slide centres the two as one, the lead-in at the list's left."""
    out: list[str] = []
    for index, part in enumerate(parts):
        listed = isinstance(nodes[index], (BulletList, NumberedList))
        if index and listed and isinstance(nodes[index - 1], LeadIn):
            out[-1] = f'<div class="introduced">{out[-1]}{part}</div>'
        else:
            out.append(part)
    return "".join(out)


def plain_html(value: str) -> str:
    """A block's plain ``text`` as HTML."""
    return nodes_html(parse_text(value))


def revealed_html(value: str, start: int) -> str:
    """A block's plain ``text`` whose top-level list items appear one per step from ``start``.

    As ``plain_html``, each top-level item and each piece between them marked with
    ``data-step``, the step it appears at (none: with the block), by the rule of
    ``tui_slides.deck.steps``: what follows an item appears with it.
    """
    nodes = parse_text(value)
    parts = []
    seen = 0  # top-level items before the node
    for node in nodes:
        if isinstance(node, (BulletList, NumberedList)):
            parts.append(_list(node, 0, start + seen))
            seen += len(node.items)
        else:
            parts.append(_node(node, 0, _step(start + max(0, seen - 1))))
    return _introduced(nodes, parts)


def _highlight(code: str, lang: str, _attrs: Any) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.lexers.special import TextLexer
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(lang) if lang else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    body = highlight(code, lexer, HtmlFormatter(nowrap=True))
    return f'<pre class="code"><code>{body}</code></pre>'


def _image_as_link(self: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
    """A Markdown image as a link to it (or its alt text): the export loads nothing remote."""
    token = tokens[index]
    alt = self.renderInlineAsText(token.children or [], options, env) or "image"
    src = str(token.attrGet("src") or "")
    if not linkable(src):
        return f"[{escape(alt)}]"
    return f'<a href="{escape(src, quote=True)}">[{escape(alt)}]</a>'


@cache
def markdown_parser() -> MarkdownIt:
    """The Markdown parser exports share (``deck.markdown``'s), code highlighted, images
    links; ``_unlink`` keeps the text of a link that is not ``linkable``."""
    md = new_parser()
    md.options["highlight"] = _highlight
    md.add_render_rule("image", _image_as_link)
    return md


def markdown_html(value: str) -> str:
    """Markdown as HTML: raw HTML escaped, ``http(s)`` links only, headings from ``h4``."""
    md = markdown_parser()
    tokens = parse(visible(value), md)
    if tokens is None:  # nested too deep to read whole: the text as written
        return "<p>" + "<br>".join(escape(line) for line in visible(value).splitlines()) + "</p>"
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + HEADING_SHIFT)}"
        _unlink(token.children or [])
    # Character references (&#27;) are decoded by the parser: made visible once more.
    return visible(md.renderer.render(tokens, md.options, {}))


def _unlink(children: Sequence[Any]) -> None:
    """Links that may not be live (``javascript:``, a control character) become their text."""
    dropping = False
    for token in children:
        if token.type == "link_open":
            dropping = not linkable(str(token.attrGet("href") or ""))
        elif token.type != "link_close" or not dropping:
            continue
        if dropping:  # the tag itself goes; the link's text, between, stays
            token.type, token.tag, token.nesting, token.attrs, token.content = "text", "", 0, {}, ""


@cache
def code_stylesheet() -> str:
    """Pygments' rules for highlighted code, for dark (``.dark``) and light (``.light``) slides."""
    from pygments.formatters import HtmlFormatter

    return "".join(
        HtmlFormatter(style=style).get_style_defs(f".{'dark' if dark else 'light'} pre.code")
        for dark, style in CODE_STYLES.items()
    )
