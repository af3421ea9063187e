"""The deck schema: parsed JSON5 values to model objects, with coercions and diagnostics.

Each field of DECK_FORMAT.md is read here. A number where a string belongs is
turned into the string; anything else of the wrong type is reported and
ignored; unknown fields are kept and reported: as a warning when they look like
a known field misspelt (``fields.suggestion``), else as information.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from time import perf_counter

from tui_slides.deck import values
from tui_slides.deck.checks import empty_slide_note
from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.fields import (
    BLOCK_FIELDS,
    DECK_FIELDS,
    SLIDE_FIELDS,
)
from tui_slides.deck.findings import LISTED
from tui_slides.deck.look import read_css, read_layout
from tui_slides.deck.model import Block, Slide, TextFormat, blank, shown
from tui_slides.deck.reading import MAX_INTEGER, FieldReader, Locate
from tui_slides.deck.steps import read_pause, read_reveal, reveal_problem
from tui_slides.deck.syntax import Path as ValuePath

__all__ = ["BLOCK_FIELDS", "DECK_FIELDS", "MAX_INTEGER", "SLIDE_FIELDS", "Reader"]


_FORMATS = {member.value: member for member in TextFormat}
"""``format`` values by name (a dict: calling an Enum is slow, and this runs per block)."""

_NO_DEFAULTS = Slide()

STEP_SECONDS = 0.005
"""How long ``Reader.slides_in_steps`` reads before it yields: a key waits no longer."""


class Reader(FieldReader):
    """Reads the values of one deck file into model objects, collecting diagnostics."""

    def __init__(self, path: str, base: str, locate: Locate, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        """The file, as named in diagnostics."""
        self.base = base
        """The folder that relative media paths start from."""
        self.locate = locate
        self.diagnostics = diagnostics
        self.duration: int | None = None
        """The deck object's ``duration`` in seconds, once ``slides`` has read it."""
        self.unknown_fields = 0
        """How many objects with unknown fields were read (a slide checks its own)."""
        self.listed = 0
        """Unknown fields reported one by one (at most ``LISTED``)."""
        self.unlisted = 0
        """Unknown fields past ``LISTED``, counted in one line at the end."""
        self.empty_listed = 0
        """Slides reported as showing nothing because of unknown fields (``LISTED``)."""
        self.empty_unlisted = 0
        self.deck_css: str | None = None
        """The deck object's ``css`` file, resolved (``css``), once its slides are read."""
        self.deck_name = ""
        """The deck object's ``name``, once its slides are read ("" without a deck object)."""

    def block(self, value: object, where: ValuePath) -> Block | None:
        if isinstance(value, str):
            self.report(Level.WARNING, where, "a string in 'content': shown as a text block")
            # Read as a block's text; diagnostics point at the string itself.
            return Block(text=self.string({"text": value}, where, "text"))
        if not isinstance(value, dict):
            message = f"a block should be an object, not {values.kind(value)}; ignored"
            self.report(Level.WARNING, where, message)
            return None
        fmt = self.string(value, where, "format").strip().lower() if "format" in value else ""
        fmt = fmt or "plain"
        text_format = _FORMATS.get(fmt)
        if text_format is None:
            message = f"unknown format '{shown(fmt)}'; using plain text"
            self.report(Level.WARNING, (*where, "format"), message)
            text_format = TextFormat.PLAIN
        title = self.string(value, where, "title")
        block = Block(
            title="" if blank(title) else title,  # only spaces: no title, no heading
            text=self.string(value, where, "text"),
            style=self.string(value, where, "block") or None,
            image=self.media(value, where, "img_path"),
            video=self.media(value, where, "video"),
            map=self.media(value, where, "map", coords=True),
            format=text_format,
            pause=read_pause(self, value, where) if "pause" in value else False,
            reveal=read_reveal(self, value, where) if "reveal" in value else None,
            extra=self.unknown(value, BLOCK_FIELDS, where, "block"),
        )
        if block.reveal is not None and (problem := reveal_problem(block)):
            self.report(Level.WARNING, (*where, "reveal"), problem)
        return block

    def content(self, value: object, where: ValuePath) -> tuple[Block, ...]:
        if value is None:
            return ()
        if isinstance(value, dict):
            message = "'content' should be an array of blocks; read this one block"
            self.report(Level.WARNING, where, message)
            block = self.block(value, where)
            return () if block is None else (block,)
        if isinstance(value, str):  # its text kept, as one block's: a deck loses no words
            read = "a blank one: empty" if blank(value) else "read as one block's text"
            message = f"'content' should be an array of blocks, not a string; {read}"
            self.report(Level.WARNING, where, message)
            block = None if blank(value) else self.block({"text": value}, where)
            return () if block is None else (block,)
        if not isinstance(value, list):
            message = f"'content' should be an array, not {values.kind(value)}; ignored"
            self.report(Level.WARNING, where, message)
            return ()
        blocks = (self.block(item, (*where, index)) for index, item in enumerate(value))
        return tuple(block for block in blocks if block is not None)

    def slide(self, value: object, where: ValuePath, defaults: Slide = _NO_DEFAULTS) -> Slide:
        """One slide; fields it does not set come from ``defaults`` (the deck's)."""
        if not isinstance(value, dict):
            raise self.fail(where, f"a slide should be an object, not {values.kind(value)}")
        own = value.keys()
        unknown_before = self.unknown_fields
        slide = Slide(
            name=self.string(value, where, "name") if "name" in own else defaults.name,
            id=self.string(value, where, "ID").strip(),
            logo_title=(
                self.string(value, where, "logo_title")
                if "logo_title" in own
                else defaults.logo_title
            ),
            logo=self.media(value, where, "logo_path") if "logo_path" in own else defaults.logo,
            slide_now=self.integer(value, where, "slide_now"),
            slide_max=self.integer(value, where, "slide_max"),
            content=self.content(value.get("content"), (*where, "content")),
            notes=self.string(value, where, "notes"),
            theme=self.theme(value, where) if "theme" in own else defaults.theme,
            layout=(read_layout(self, value, where) if "layout" in own else None)
            or defaults.layout,  # (an unknown one is ignored: the deck's)
            source=self.path,
            extra=self.unknown(value, SLIDE_FIELDS, where, "slide"),
        )
        if self.unknown_fields > unknown_before and slide.is_empty:
            listed = self.empty_listed < LISTED
            note = empty_slide_note(slide, whole_file=not where) if listed else None
            if note is None:
                self.empty_unlisted += 1  # past LISTED: counted, not worked out
            else:
                self.empty_listed += 1
                self.report(Level.WARNING, where, note)
        return slide

    def slides(self, value: object) -> tuple[list[tuple[ValuePath, Slide]], str | None]:
        """All slides of a file in any shape, each with where it stands, and the deck theme."""
        steps = self.slides_in_steps(value, seconds=0)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]

    def slides_in_steps(
        self, value: object, seconds: float = STEP_SECONDS
    ) -> Generator[None, None, tuple[list[tuple[ValuePath, Slide]], str | None]]:
        """``slides``, yielding whenever ``seconds`` of reading have passed (0: never),
        so that a caller on an event loop can handle keys in between; it returns
        what ``slides`` returns."""
        entries, defaults, theme = self._shape(value)
        read: list[tuple[ValuePath, Slide]] = []
        due = perf_counter() + seconds
        for where, item in entries:
            read.append((where, self.slide(item, where, defaults)))
            if seconds and perf_counter() >= due:
                yield
                due = perf_counter() + seconds
        if self.unlisted:
            message = f"{self.unlisted:,} more unknown fields kept in this file (not listed)"
            self.report(Level.INFO, (), message)
        if self.empty_unlisted:
            message = (
                f"{self.empty_unlisted:,} more slides show nothing while they hold unknown"
                " fields (not listed)"
            )
            self.report(Level.WARNING, (), message)
        return read, theme

    def _shape(self, value: object) -> tuple[list[tuple[ValuePath, object]], Slide, str | None]:
        """Where each slide of a file stands and its value, the deck's defaults and theme."""
        if isinstance(value, list):
            return [((index,), item) for index, item in enumerate(value)], _NO_DEFAULTS, None
        if not isinstance(value, dict):
            shapes = "a slide object, an array of slides or a deck object"
            raise self.fail((), f"expected {shapes}, not {values.kind(value)}")
        if "slides" not in value:
            if not value:  # `{}`: nothing at all, said (it loads as one empty slide)
                self.report(Level.WARNING, (), "an empty object: no 'content', no 'slides'")
            return [((), value)], _NO_DEFAULTS, None
        slides = value["slides"]
        if not isinstance(slides, list):
            raise self.fail(("slides",), f"'slides' should be an array, not {values.kind(slides)}")
        self.unknown(value, DECK_FIELDS, (), "deck")
        if "duration" in value:
            self.duration = self._duration(value)
        self.deck_css = read_css(self, value) if "css" in value else None
        defaults = self._deck_defaults(value)
        entries: list[tuple[ValuePath, object]] = [
            (("slides", index), item) for index, item in enumerate(slides)
        ]
        return entries, defaults, defaults.theme

    def first_slide(self, value: list[object] | dict[str, object]) -> tuple[Slide, str | None]:
        """The first slide of an array of slides or of a deck object's ``slides``, and the
        deck theme, read as ``slides`` reads them (the rest are not looked at)."""
        if isinstance(value, list):
            return self.slide(value[0], (0,)), None
        slides = value["slides"]
        if not isinstance(slides, list):
            raise self.fail(("slides",), f"'slides' should be an array, not {values.kind(slides)}")
        self.deck_css = read_css(self, value) if "css" in value else None
        defaults = self._deck_defaults(value)
        return self.slide(slides[0], ("slides", 0), defaults), defaults.theme

    def _duration(self, value: Mapping[str, object]) -> int | None:
        """The deck's ``duration`` in seconds; a bad one is reported and ignored."""
        from tui_slides.deck.duration import parse_duration

        try:
            return parse_duration(self.string(value, (), "duration"))
        except ValueError as error:
            self.report(Level.WARNING, ("duration",), f"{error}; ignored")
            return None

    def _deck_defaults(self, value: Mapping[str, object]) -> Slide:
        """What a deck object gives every slide that does not set it (its ``name`` is
        ``deck_name`` too)."""
        self.deck_name = self.string(value, (), "name")
        return Slide(
            name=self.deck_name,
            logo_title=self.string(value, (), "logo_title"),
            logo=self.media(value, (), "logo_path"),
            theme=self.theme(value, ()),
            layout=read_layout(self, value, ()) if "layout" in value else None,
        )
