"""Structured plain text: a block's ``text`` parsed into headings, lead-ins, paragraphs and lists.

The rules are those of "Structured plain text" in the deck format:

- A **bullet** item is a line starting with one of ``BULLETS`` followed by
  spaces or a tab; a **numbered** item starts with ``1.``, ``1)``, ``1.2.``,
  ``a)`` or ``а)`` (any single letter, Cyrillic too) followed by spaces or a
  tab. Items nest by indentation (a tab counts as ``TAB_WIDTH`` columns), at
  most ``MAX_DEPTH`` levels deep. A line indented deeper than its item's
  marker, with no marker of its own, continues the item's text (or, after a
  nested list, adds a paragraph to the item). A blank line between items
  keeps the list open; any other line after a blank line ends it.
- A **heading** is a short line (at most ``HEADING_MAX`` characters) that is
  followed by a blank line and then more text, and that either ends with
  ``:`` or has a blank line (or the start of the text) before it and no
  closing punctuation at its end.
- A **lead-in** is a line ending with ``:`` directly followed by a list item.
- Every other non-blank line belongs to a **paragraph**; consecutive lines
  form one paragraph and keep their line breaks.

Inside every line, runs of spaces and tabs become one space and trailing
whitespace is dropped. ``\\r\\n``, ``\\r``, ``\\n``, U+2028 and U+2029 all
break lines. Text is kept otherwise as written: control characters are left
for the renderer to make visible (``tui_slides.deck.safety.visible``). Parsing is
a single pass over the lines, linear in the size of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Union

BULLETS = "•●○◦▪■‣⁃–—-*+"
"""Characters that start a bullet item when followed by spaces or a tab."""

TAB_WIDTH = 4
"""Columns a tab counts for when comparing indentation."""

MAX_DEPTH = 8
"""Deepest list nesting; deeper items become siblings at this depth."""

HEADING_MAX = 80
"""Longest line, in characters, that can be a heading."""

CLOSING_PUNCTUATION = ".!?…;,:"
"""A line ending with one of these (before closing quotes) is not a bare heading."""

_CLOSERS = "»\"”’')]}›"
"""Closing quotes and brackets, looked through when checking the last punctuation."""

_LINE_BREAK = re.compile("\r\n?|\n|[\u2028\u2029]")
"""Line breaks. Not one class ``[\r\n\u2028\u2029]``: Python compiles a class of both
Latin-1 and other characters scattered in more than two runs into a 64K-entry table,
~0.1 ms of every start."""
_SPACES = re.compile("[ \t]+")
_ITEM = re.compile(
    rf"(?P<bullet>[{re.escape(BULLETS)}])"
    r"|(?P<number>\d{1,3}(?:\.\d{1,3})*[.)]|[^\W\d_]\))"
)
"""A list marker at the start of a line's content; a space must follow it."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading, e.g. ``Цель проекта:``."""

    text: str


@dataclass(frozen=True, slots=True)
class LeadIn:
    """A line ending with ``:`` that introduces the list right after it."""

    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Consecutive plain lines, each kept as its own line."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """The paragraph with its line breaks."""
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list item: its marker as written, its text, and the lists nested in it."""

    marker: str
    """``•``, ``-``, ``1.``, ``а)``... exactly as written."""
    text: str
    """The item's text; continuation lines are joined with ``\\n``."""
    children: tuple[Node, ...] = ()
    """Nested lists, and paragraphs of continuation lines that follow a nested list."""


@dataclass(frozen=True, slots=True)
class BulletList:
    """Items marked with bullets."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class NumberedList:
    """Items marked with numbers or letters, kept as written."""

    items: tuple[ListItem, ...]


ListNode = Union[BulletList, NumberedList]
"""A list of either kind."""

Node = Union[Heading, LeadIn, Paragraph, BulletList, NumberedList]
"""One top-level piece of structured text."""


class _Line:
    """One source line, measured and normalised (a plain class: cheap to define and make)."""

    __slots__ = ("content", "indent", "item_text", "marker", "numbered")

    def __init__(
        self,
        indent: int,
        content: str,
        marker: str = "",
        numbered: bool = False,
        item_text: str = "",
    ) -> None:
        self.indent = indent
        self.content = content
        """The line without indentation or trailing whitespace, spaces collapsed."""
        self.marker = marker
        self.numbered = numbered
        self.item_text = item_text


def _indent_width(prefix: str) -> int:
    if "\t" not in prefix:
        return len(prefix)
    width = 0
    for char in prefix:
        width += 1 if char == " " else TAB_WIDTH - width % TAB_WIDTH
    return width


def _read_line(raw: str) -> _Line:
    start = len(raw) - len(raw.lstrip(" \t"))
    indent = _indent_width(raw[:start])
    content = _SPACES.sub(" ", raw[start:].rstrip())
    match = _ITEM.match(content)
    if match is None or content[match.end() : match.end() + 1] != " ":
        return _Line(indent, content)
    return _Line(
        indent,
        content,
        marker=match.group(),
        numbered=match.group("number") is not None,
        item_text=content[match.end() + 1 :],
    )


def _is_heading_text(text: str, *, after_blank: bool) -> bool:
    if len(text) > HEADING_MAX:
        return False
    if text.endswith(":"):
        return True
    if not after_blank or not any(char.isalnum() for char in text):
        return False
    return text.rstrip(_CLOSERS)[-1:] not in CLOSING_PUNCTUATION


class _OpenItem:
    """A list item still being read."""

    __slots__ = ("children", "lines", "marker", "tail")

    def __init__(self, marker: str, text: str) -> None:
        self.marker = marker
        self.lines = [text]
        self.children: list[Node] = []
        self.tail: list[str] = []
        """Continuation lines after a nested list, kept in order as a paragraph."""

    def add_line(self, text: str) -> None:
        (self.tail if self.children else self.lines).append(text)

    def add_child(self, node: Node) -> None:
        self._end_tail()
        self.children.append(node)

    def _end_tail(self) -> None:
        if self.tail:
            self.children.append(Paragraph(tuple(self.tail)))
            self.tail = []

    def build(self) -> ListItem:
        self._end_tail()
        return ListItem(self.marker, "\n".join(self.lines), tuple(self.children))


class _OpenList:
    """A list still being read."""

    __slots__ = ("indent", "items", "numbered")

    def __init__(self, indent: int, numbered: bool) -> None:
        self.indent = indent
        self.numbered = numbered
        self.items: list[_OpenItem] = []

    def build(self) -> ListNode:
        items = tuple(item.build() for item in self.items)
        return NumberedList(items) if self.numbered else BulletList(items)


class _Lists:
    """The lists open at the current line, innermost last."""

    def __init__(self, out: list[Node]) -> None:
        self._out = out
        self._stack: list[_OpenList] = []

    def __bool__(self) -> bool:
        return bool(self._stack)

    def _pop(self) -> None:
        node = self._stack.pop().build()
        if self._stack:
            self._stack[-1].items[-1].add_child(node)
        else:
            self._out.append(node)

    def add(self, line: _Line) -> None:
        indent = line.indent
        stack = self._stack
        while stack and stack[-1].indent > indent:
            self._pop()
        if stack and stack[-1].indent < indent and len(stack) >= MAX_DEPTH:
            indent = stack[-1].indent
        if stack and stack[-1].indent == indent and stack[-1].numbered != line.numbered:
            self._pop()
        if not stack or stack[-1].indent != indent:
            stack.append(_OpenList(indent, line.numbered))
        stack[-1].items.append(_OpenItem(line.marker, line.item_text))

    def continues(self, line: _Line) -> bool:
        """Add ``line`` to the item it is indented under; False when there is none."""
        stack = self._stack
        while stack and stack[-1].indent >= line.indent:
            self._pop()
        if not stack:
            return False
        stack[-1].items[-1].add_line(line.content)
        return True

    def close(self) -> None:
        while self._stack:
            self._pop()


def parse_text(text: str) -> tuple[Node, ...]:
    """Parse a block's plain ``text`` into headings, lead-ins, paragraphs and lists."""
    lines = [_read_line(raw) for raw in _LINE_BREAK.split(text)]
    last_content = max((i for i, line in enumerate(lines) if line.content), default=-1)
    out: list[Node] = []
    lists = _Lists(out)
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            out.append(Paragraph(tuple(paragraph)))
            paragraph.clear()

    after_blank = True
    for i, line in enumerate(lines):
        if not line.content:
            end_paragraph()
            after_blank = True
            continue
        if line.marker:
            end_paragraph()
            lists.add(line)
        elif lists and not after_blank and lists.continues(line):
            pass
        else:
            lists.close()
            following = lines[i + 1] if i + 1 < len(lines) else None
            if following is not None and following.marker and line.content.endswith(":"):
                end_paragraph()
                out.append(LeadIn(line.content))
            elif (
                following is not None
                and not following.content
                and i < last_content
                and _is_heading_text(line.content, after_blank=after_blank)
            ):
                end_paragraph()
                out.append(Heading(line.content))
            else:
                paragraph.append(line.content)
        after_blank = False
    end_paragraph()
    lists.close()
    return tuple(out)


def plain_lines(nodes: Sequence[Node]) -> list[str]:
    """The nodes as plain lines (markers as written), for search and tests."""
    result: list[str] = []

    def add(node: Node, pad: str) -> None:
        if isinstance(node, (BulletList, NumberedList)):
            for item in node.items:
                first, *rest = item.text.split("\n")
                result.append(f"{pad}{item.marker} {first}")
                result.extend(f"{pad}  {line}" for line in rest)
                for child in item.children:
                    add(child, pad + "  ")
        elif isinstance(node, Paragraph):
            result.extend(pad + line for line in node.lines)
        else:
            result.append(pad + node.text)

    for node in nodes:
        add(node, "")
    return result
