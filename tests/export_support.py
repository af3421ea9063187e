"""Helpers for the export tests: decks in a temporary folder, pages parsed with html.parser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


@dataclass
class Element:
    """One parsed HTML element: its tag, attributes, children and text."""

    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and every element under it (with ``tag``, when given), in order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def find_all(self, tag: str, cls: str | None = None) -> list[Element]:
        """Elements under this one with ``tag`` (and the class ``cls``)."""
        return [
            e
            for e in self.iter(tag)
            if e is not self and (cls is None or cls in (e.attrs.get("class") or "").split())
        ]

    def own_children(self, tag: str) -> list[Element]:
        """Direct children with ``tag``."""
        return [c for c in self.children if isinstance(c, Element) and c.tag == tag]

    @property
    def text(self) -> str:
        """All the text inside, as a browser would show it (``br`` as a line break)."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append("\n")
            else:
                parts.append(child.text)
        return "".join(parts)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(page: str) -> Element:
    """``page`` parsed into a tree of ``Element``."""
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root


def write_deck(folder: Path, deck: object, name: str = "deck.json5") -> Path:
    """``deck`` written as JSON into ``folder``."""
    path = folder / name
    path.write_text(json.dumps(deck, ensure_ascii=False), "utf-8")
    return path


def make_image(path: Path, size: tuple[int, int], *, photo: bool = False) -> Path:
    """A PNG (flat colours) or, with ``photo``, a noisy JPEG of ``size`` at ``path``."""
    from PIL import Image

    if photo:
        image = Image.effect_noise(size, 60).convert("RGB")
        image.save(path, "JPEG")
    else:
        image = Image.new("RGB", size, (200, 30, 30))
        image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
        image.save(path, "PNG")
    return path
