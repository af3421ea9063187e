"""The deck model: frozen dataclasses for decks, slides, blocks and media references.

Nothing here imports Textual or Rich, and nothing here reads files: the loader
builds these objects, the renderers and the app only read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

from tui_slides.deck.diagnostics import Diagnostic
from tui_slides.deck.safety import one_line

if TYPE_CHECKING:
    from pathlib import Path

    from tui_slides.deck.steps import StepPlan

SHOWN_LENGTH = 160
"""Most characters of a path or URL shown in a message or on a card (a deck may hold 1,000,000)."""

"""Lone surrogates: no encoding can print them (file names that are not UTF-8 hold them)."""


def shown(text: str, limit: int = SHOWN_LENGTH) -> str:
    """``text`` on one line as it may be printed: controls (line breaks and tabs too) made
    visible, lone surrogates as ``�``, and cut to ``limit`` characters by a ``…`` in the
    middle (a path's start and its file name both say something)."""
    if len(text) > limit:
        head = (limit - 1) * 2 // 3
        text = text[:head] + "\u2026" + text[len(text) - (limit - 1 - head) :]
    return one_line(text)


STYLE_CLASS_LENGTH = 64
"""Longest class a ``block`` value is spelled out in; a longer one is a hash."""


def style_class(value: str) -> str | None:
    """The CSS class of a ``block`` value: a valid identifier for every value, always the same.

    ASCII letters, digits, ``-`` and ``_`` are kept; other ASCII characters
    (spaces, punctuation) become ``-``; any other character is ``u`` and its
    code point in hex, four digits at least: ``"x y"`` is ``block-x-y``, ``"1.5"``
    ``block-1-5``, ``"важно"`` ``block-u0432u0430u0436u043du043e``. A class that
    would be longer than ``STYLE_CLASS_LENGTH`` is ``block-h`` and 16 hex digits
    of the value's SHA-256. A value of only spaces has no class.
    """
    value = value.strip()
    if not value:
        return None
    if value.isascii() and value.replace("-", "").replace("_", "").isalnum():
        name = value  # the common case: "2", "note", "key-point"
    else:
        name = "".join(_class_part(char) for char in value)
    if len(name) > STYLE_CLASS_LENGTH - len("block-"):
        from hashlib import sha256  # here: only absurd values need it

        name = "h" + sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"block-{name}"


def _class_part(char: str) -> str:
    if char.isascii():
        return char if char.isalnum() or char in "-_" else "-"
    return f"u{ord(char):04x}"


def blank(text: str) -> bool:
    """True when ``text`` shows nothing: empty, or only spaces and line breaks."""
    return not text or text.isspace()


class MediaKind(str, Enum):
    """What a media field points at."""

    FILE = "file"
    URL = "url"
    COORDS = "coords"


@dataclass(frozen=True)
class MediaRef:
    """A reference to an image, video or map, as written and as resolved.

    ``file`` is the resolved file for ``FILE`` references (the first candidate
    when none exists, so a placeholder can name it); ``exists`` says whether it
    was found when the deck was loaded.
    """

    raw: str
    kind: MediaKind
    file: str | None = None
    exists: bool = False
    url: str | None = None
    coords: tuple[float, float] | None = None
    line: int = field(default=1, compare=False)
    """Where the reference is written in its deck file, for diagnostics."""
    col: int = field(default=1, compare=False)

    @property
    def label(self) -> str:
        """The reference as written, as people may see it (``shown``)."""
        return shown(self.raw)

    @property
    def path(self) -> Path | None:
        """``file`` as a ``Path``, for the media code that opens it.

        The model keeps a string: ``pathlib`` costs milliseconds to import, and
        ``check`` and ``show`` start without it.
        """
        if self.file is None:
            return None
        from pathlib import Path

        return Path(self.file)


class Layout(str, Enum):
    """How a slide's blocks are placed (the ``layout`` field)."""

    STACK = "stack"
    """Top to bottom (the default)."""
    COLUMNS = "columns"
    """Side by side in equal columns; stacked when the screen is too narrow for them."""
    TITLE = "title"
    """A title or section slide: centred both ways, the first title large."""


TITLE_LINE = 80
"""The longest line a slide of only a title and one line may have to be shown as a title slide."""


class TextFormat(str, Enum):
    """How a block's ``text`` is to be read."""

    PLAIN = "plain"
    MARKDOWN = "markdown"


class Reveal(str, Enum):
    """How a block's text appears over the steps of its slide (the ``reveal`` field)."""

    ITEMS = "items"
    """Its top-level list items, one per step."""


@dataclass(frozen=True)
class Block:
    """One block of a slide: a titled piece of text, with optional media."""

    title: str = ""
    text: str = ""
    style: str | None = None
    """The ``block`` style hint as a string, e.g. ``"2"``."""
    image: MediaRef | None = None
    video: MediaRef | None = None
    map: MediaRef | None = None
    format: TextFormat = TextFormat.PLAIN
    pause: bool = False
    """``pause: true``: this block and the ones after it wait for the next step."""
    reveal: Reveal | None = None
    """``reveal: "items"``: the text's top-level list items appear one per step."""
    extra: Mapping[str, object] = field(default_factory=dict, compare=False)
    """Fields the format does not know, kept as loaded."""

    @property
    def style_class(self) -> str | None:
        """The CSS class a theme can style this block with, e.g. ``block-2`` (``style_class``)."""
        return None if self.style is None else style_class(self.style)

    @property
    def has_media(self) -> bool:
        """True when the block shows an image, a video or a map."""
        return self.image is not None or self.video is not None or self.map is not None

    @property
    def image_files(self) -> tuple[MediaRef, ...]:
        """The image files the block shows: its ``img_path``, then its ``map`` if that is a file.

        The presenter draws each as a widget of its own; a web image or map is a card.
        """
        refs = (self.image, self.map)
        return tuple(ref for ref in refs if ref is not None and ref.kind is MediaKind.FILE)

    @property
    def is_empty(self) -> bool:
        """True when the block shows nothing at all (blank text and title are nothing)."""
        return blank(self.title) and blank(self.text) and not self.has_media


@dataclass(frozen=True)
class Slide:
    """One slide: labels for the status bar and overview, and its blocks."""

    name: str = ""
    id: str = ""
    logo_title: str = ""
    logo: MediaRef | None = None
    slide_now: int | None = None
    slide_max: int | None = None
    content: tuple[Block, ...] = ()
    notes: str = ""
    theme: str | None = None
    layout: Layout | None = None
    """The ``layout`` field (the slide's, else the deck's); None: not given (``shown_layout``)."""
    source: str = ""
    """The file this slide was loaded from."""
    extra: Mapping[str, object] = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        """The first block title, the slide's heading in the overview."""
        return next((block.title for block in self.content if block.title), "")

    @property
    def label(self) -> str:
        """A short label: the name, else the ID, else the title."""
        return self.name or self.id or self.title

    @property
    def is_empty(self) -> bool:
        """True when the slide has no content to show."""
        return all(block.is_empty for block in self.content)

    @cached_property
    def step_plan(self) -> StepPlan:
        """The slide's incremental reveal steps (``tui_slides.deck.steps``), worked out once."""
        from tui_slides.deck.steps import plan_steps

        return plan_steps(self.content)

    @property
    def shown_layout(self) -> Layout:
        """The layout the slide is shown in: its ``layout``, else ``title`` for a slide whose
        only content is a title and at most one short line of text (no media), else ``stack``."""
        if self.layout is not None:
            return self.layout
        blocks = [block for block in self.content if not block.is_empty]
        if len(blocks) == 1:
            block = blocks[0]
            text = block.text.strip()
            if block.title and not block.has_media and "\n" not in text and len(text) <= TITLE_LINE:
                return Layout.TITLE
        return Layout.STACK


@dataclass(frozen=True)
class Deck:
    """A loaded deck: its slides in presentation order, and what loading found."""

    slides: tuple[Slide, ...]
    source: str
    theme: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    duration: int | None = None
    """The talk's planned length in seconds (the deck object's ``duration``), if given."""
    css: str | None = None
    """The deck's ``css`` field: the Textual CSS file it is styled with, resolved from the
    deck's folder (it may not exist: the presenter says so)."""
    name: str = ""
    """The deck object's ``name`` (its slides' default name too); "" without a deck object."""

    def __len__(self) -> int:
        return len(self.slides)

    @property
    def title(self) -> str:
        """What the deck is called in an export's title: its ``name``, else the first slide's
        title, else the file it came from."""
        if self.name.strip():
            return self.name
        return self.slides[0].title if self.slides and self.slides[0].title else self.source

    def find(self, key: str) -> int | None:
        """The 0-based index of the slide named by ``key``: an ``ID``, or a 1-based position.

        An exact ``ID`` match wins over a position, so ``--slide 2`` finds the
        slide whose ID is ``2`` if there is one, else the second slide. A position
        is written in decimal digits of any script, as ``int`` reads them (``٣`` is
        3), with any number of leading zeros; other digit-like characters (``²``,
        ``①``) are no position, and a position past the last slide finds nothing.
        """
        key = key.strip()
        for index, slide in enumerate(self.slides):
            if slide.id and slide.id == key:
                return index
        if not key.isdecimal():
            return None
        # Digit by digit: int() of a whole key fails past 4300 digits.
        digits = "".join(str(int(digit)) for digit in key).lstrip("0")
        if not digits or len(digits) > len(str(len(self.slides))):
            return None
        position = int(digits)
        return position - 1 if position <= len(self.slides) else None
