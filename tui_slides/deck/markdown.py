"""Markdown read one way in every view: the presenter, ``show``, SSH frames, HTML and PDF.

CommonMark with tables and strikethrough, raw HTML read as text (Rich drops the HTML it is
given: a paragraph that began with ``<b>`` was lost), and every link read as
one (``[a](javascript:...)`` is a link whose text the views keep; each view decides,
by ``media.links.linkable``, whether it is live). markdown-it is imported only when a
Markdown block is read.

markdown-it stops reading a block nested deeper than its ``maxNesting`` and silently
drops the rest of the text (CommonMark's preset: 20 levels, ten nested lists or twenty
nested quotes). Here the limit is ``NESTING``, and text that reaches it is not Markdown
to draw: ``parse`` returns ``None`` and the view shows the text as written.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

NESTING = 40
"""Levels of blocks markdown-it reads (a quote is one, a list item two, its paragraph one).

Deeper text would be dropped; ``parse`` hands it back as plain text instead. The views
draw each level recursively (Rich, reportlab): 40 keeps a deck far inside Python's
recursion limit, and no slide shows more levels than that (a quote takes 2 columns).
"""


def new_parser() -> MarkdownIt:
    """A parser of its own, for a view that adds render rules or options (the HTML's)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "maxNesting": NESTING})
    md.enable(["strikethrough", "table"])
    # Every link is read as one (markdown-it left `[a](javascript:...)` as its source):
    # each view keeps the text of one that is not ``linkable``, without the link.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@cache
def parser() -> MarkdownIt:
    """The parser the views share that add nothing to it."""
    return new_parser()


def parse(text: str, md: MarkdownIt | None = None) -> list[Token] | None:
    """The tokens of ``text`` (by ``md``, default ``parser()``), or ``None`` when it is
    nested too deep to be read whole (``NESTING``): then it is shown as written."""
    tokens = (md or parser()).parse(text)
    if any(token.level >= NESTING - 1 for token in tokens):
        return None
    return tokens
