"""The deck schema: parsed JSON5 values to model objects, with coercions and diagnostics.

Each field of DECK_FORMAT.md is read here. A number where a string belongs is
turned into the string; anything else of the wrong type is reported and
ignored; unknown fields are kept and reported: as a warning when they look like
a known field misspelt (``fields.suggestion``), else as information.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator, Mapping
from time import perf_counter

from tui_slides.deck import values
from tui_slides.deck.checks import empty_slide_note
from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.errors import DeckLimitError, DeckSchemaError
from tui_slides.deck.fields import (
    BLOCK_FIELDS,
    BUILTIN_THEMES,
    DECK_FIELDS,
    SLIDE_FIELDS,
    close_themes,
    suggestion,
)
from tui_slides.deck.findings import LISTED
from tui_slides.deck.look import read_css, read_layout
from tui_slides.deck.model import Block, MediaKind, MediaRef, Slide, TextFormat, shown
from tui_slides.deck.numbers import spelling
from tui_slides.deck.safety import describe, is_safe
from tui_slides.deck.steps import read_pause, read_reveal, reveal_problem
from tui_slides.deck.syntax import MAX_DEPTH
from tui_slides.deck.syntax import Path as ValuePath

__all__ = ["BLOCK_FIELDS", "DECK_FIELDS", "SLIDE_FIELDS", "Reader"]

MAX_STRING = 1_000_000
"""Longest string, in characters, any field may hold."""

MAX_INTEGER = 10**9
"""Integer fields (``slide_now``, ``slide_max``) hold less than this: no deck has a
billion slides, and a number of thousands of digits is not one Python may print."""

_INTEGER = re.compile(r"[+-]?[0-9]+")
"""A numeric string an integer field accepts: ASCII digits only (``int`` refuses ``²``
and ``①``, which ``str.isdigit`` accepts)."""

_FORMATS = {member.value: member for member in TextFormat}
"""``format`` values by name (a dict: calling an Enum is slow, and this runs per block)."""
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
_COORDS = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*$")

_NO_DEFAULTS = Slide()

STEP_SECONDS = 0.005
"""How long ``Reader.slides_in_steps`` reads before it yields: a key waits no longer."""

Locate = Callable[[ValuePath], tuple[int, int]]
"""Gives the line and column where the value at a path starts."""


class Reader:
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

    def report(self, level: Level, where: ValuePath, message: str) -> None:
        line, col = self.locate(where)
        self.diagnostics.append(Diagnostic(self.path, line, col, level, message))

    def fail(self, where: ValuePath, message: str) -> DeckSchemaError:
        line, col = self.locate(where)
        return DeckSchemaError(self.path, message, line=line, col=col)

    # -- field readers: each reads ``obj[key]``; ``where`` is the path of ``obj`` --

    def string(self, obj: Mapping[str, object], where: ValuePath, key: str) -> str:
        """A string field; numbers are coerced, other types reported and ignored."""
        value = obj.get(key)
        if isinstance(value, str):
            if len(value) <= MAX_STRING and is_safe(value):
                return value  # the common case, kept cheap
            text = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            text = spelling(value)  # as written: ID 1.10 is "1.10", block 0x1F is "0x1F"
        else:
            if value is not None:
                message = f"'{key}' should be a string, not {values.kind(value)}; ignored"
                self.report(Level.WARNING, (*where, key), message)
            return ""
        if len(text) > MAX_STRING:
            line, col = self.locate((*where, key))
            raise DeckLimitError(
                self.path,
                f"'{key}' is {len(text):,} characters long; the limit is {MAX_STRING:,}",
                line=line,
                col=col,
            )
        # Each distinct character once (in C): a string of a million ESCs costs no more.
        unsafe = sorted(char for char in set(text) if not is_safe(char))
        if unsafe:
            count = sum(text.count(char) for char in unsafe)
            names = ", ".join(describe(char) for char in unsafe[:8])
            more = f" and {len(unsafe) - 8} more" if len(unsafe) > 8 else ""
            self.report(
                Level.WARNING,
                (*where, key),
                f"'{key}' contains {count} control character(s) {names}{more};"
                f" shown as visible symbols",
            )
        return text

    def integer(self, obj: Mapping[str, object], where: ValuePath, key: str) -> int | None:
        """An integer field; integral numbers and numeric strings (digits 0-9) are coerced.

        A value of ``MAX_INTEGER`` or more (either sign), or anything else, is
        reported and ignored.
        """
        value = obj.get(key)
        if value is None or value == "":
            return None
        text = value.strip() if isinstance(value, str) else ""
        result: int | None = None
        if isinstance(value, bool):
            pass
        elif isinstance(value, int):
            result = value
        elif isinstance(value, float) and value.is_integer():
            result = int(value)
        elif _INTEGER.fullmatch(text):
            # Past a dozen digits it is out of range: never ask int() for 4,300 of them
            # (leading zeros count towards Python's limit too).
            digits = text.lstrip("+-").lstrip("0") or "0"
            sign = -1 if text.startswith("-") else 1
            result = sign * int(digits) if len(digits) <= 12 else MAX_INTEGER
        if result is not None and -MAX_INTEGER < result < MAX_INTEGER:
            return result
        if result is not None:
            message = f"'{key}' is {values.shown_value(value)}, too large; ignored"
        elif text.lstrip("+-").isdigit():  # "²", "①": digits to Unicode, not to int()
            message = f"'{key}' should use the digits 0-9, not {values.shown_value(value)}; ignored"
        else:
            message = f"'{key}' should be an integer, not {values.shown_value(value)}; ignored"
        self.report(Level.WARNING, (*where, key), message)
        return None

    def media(
        self, obj: Mapping[str, object], where: ValuePath, key: str, *, coords: bool = False
    ) -> MediaRef | None:
        """A media reference: a URL, ``lat,lon`` coordinates (maps), or a file path."""
        if key not in obj:  # most blocks have no media: the common case, kept cheap
            return None
        raw = self.string(obj, where, key).strip()
        if not raw:
            return None
        line, col = self.locate((*where, key))
        if _URL.match(raw):
            return MediaRef(raw, MediaKind.URL, url=raw, line=line, col=col)
        match = _COORDS.match(raw) if coords else None
        if match:
            lat, lon = float(match.group(1)), float(match.group(2))
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return MediaRef(raw, MediaKind.COORDS, coords=(lat, lon), line=line, col=col)
            message = f"'{shown(raw)}' is not a valid latitude,longitude; ignored"
            self.report(Level.WARNING, (*where, key), message)
            return None
        inside = os.path.normpath(os.path.join(self.base, raw.lstrip("/")))
        candidates = [inside, os.path.normpath(raw)] if raw.startswith("/") else [inside]
        found = next((path for path in candidates if os.path.isfile(path)), None)
        if found is None:
            looked = " or ".join(shown(candidate) for candidate in candidates)
            message = f"file not found: '{shown(raw)}' (looked for {looked})"
            self.report(Level.WARNING, (*where, key), message)
        path = found or candidates[0]
        return MediaRef(
            raw, MediaKind.FILE, file=path, exists=found is not None, line=line, col=col
        )

    def unknown(
        self, obj: Mapping[str, object], known: frozenset[str], where: ValuePath, what: str
    ) -> dict[str, object]:
        """Fields the format does not define: kept; a warning when one looks like a known
        field misspelt ("did you mean"), else information.

        A file lists its first ``LISTED`` unknown fields; ``slides`` counts the rest.
        """
        if obj.keys() <= known:  # the common case, checked in C
            return {}
        extra = {key: value for key, value in obj.items() if key not in known}
        self.unknown_fields += 1
        for key, value in extra.items():
            if isinstance(value, (dict, list)) and values.depth(value) + len(where) >= MAX_DEPTH:
                # Only plain JSON gets here (our parser refuses such nesting as it reads).
                # Locating re-reads the file with our parser, which raises the limit
                # error at the exact bracket; the error below is a fallback.
                line, col = self.locate((*where, key))
                message = f"nesting deeper than {MAX_DEPTH} levels in '{shown(key)}'"
                raise DeckLimitError(self.path, message, line=line, col=col)
            if self.listed >= LISTED:
                self.unlisted += 1
                continue
            self.listed += 1
            meant = suggestion(key, known)
            if meant is None:
                message = f"unknown {what} field '{shown(key)}' kept"
                self.report(Level.INFO, (*where, key, "<key>"), message)
            else:
                message = f"unknown {what} field '{shown(key)}' (did you mean '{meant}'?)"
                self.report(Level.WARNING, (*where, key, "<key>"), message)
        return extra

    def theme(self, obj: Mapping[str, object], where: ValuePath) -> str | None:
        """The ``theme`` field: kept as written; a name Textual does not have is a warning
        naming the close ones (the presenter falls back to its default)."""
        name = self.string(obj, where, "theme").strip()
        if name and name not in BUILTIN_THEMES:
            close = close_themes(name)
            if close:
                hint = "did you mean " + " or ".join(f"'{theme}'" for theme in close) + "?"
            else:
                hint = "the themes are " + ", ".join(sorted(BUILTIN_THEMES))
            message = f"unknown theme '{shown(name)}'; {hint}"
            self.report(Level.WARNING, (*where, "theme"), message)
        return name or None

    # -- structures ---------------------------------------------------------

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
        block = Block(
            title=self.string(value, where, "title"),
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
            layout=read_layout(self, value, where) if "layout" in own else defaults.layout,
            source=self.path,
            extra=self.unknown(value, SLIDE_FIELDS, where, "slide"),
        )
        if self.unknown_fields > unknown_before and slide.is_empty:
            note = empty_slide_note(slide) if self.empty_listed < LISTED else None
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
        """What a deck object gives every slide that does not set it."""
        return Slide(
            name=self.string(value, (), "name"),
            logo_title=self.string(value, (), "logo_title"),
            logo=self.media(value, (), "logo_path"),
            theme=self.theme(value, ()),
            layout=read_layout(self, value, ()) if "layout" in value else None,
        )
