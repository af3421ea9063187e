"""The deck schema: parsed JSON5 values to model objects, with coercions and diagnostics.

Each field of DECK_FORMAT.md is read here. A number where a string belongs is
turned into the string; anything else of the wrong type is reported and
ignored; unknown fields are kept and reported as information.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping

from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.errors import DeckLimitError, DeckSchemaError
from tui_slides.deck.model import Block, MediaKind, MediaRef, Slide, TextFormat
from tui_slides.deck.numbers import spelling
from tui_slides.deck.safety import describe, is_safe, unsafe_characters, visible
from tui_slides.deck.syntax import MAX_DEPTH
from tui_slides.deck.syntax import Path as ValuePath

MAX_STRING = 1_000_000
"""Longest string, in characters, any field may hold."""

SLIDE_FIELDS = frozenset(
    ("name", "ID", "logo_title", "logo_path", "slide_now", "slide_max", "content", "notes", "theme")
)
DECK_FIELDS = frozenset(("slides", "name", "logo_title", "logo_path", "theme"))
BLOCK_FIELDS = frozenset(("title", "text", "block", "img_path", "video", "map", "format"))

_FORMATS = {member.value: member for member in TextFormat}
"""``format`` values by name (a dict: calling an Enum is slow, and this runs per block)."""
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
_COORDS = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*$")

_NO_DEFAULTS = Slide()

Locate = Callable[[ValuePath], tuple[int, int]]
"""Gives the line and column where the value at a path starts."""


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _depth(value: object) -> int:
    """How deeply objects and arrays nest in ``value`` (iteratively: no recursion limit)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        children = item.values() if isinstance(item, dict) else item
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


class Reader:
    """Reads the values of one deck file into model objects, collecting diagnostics."""

    def __init__(self, path: str, base: str, locate: Locate, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        """The file, as named in diagnostics."""
        self.base = base
        """The folder that relative media paths start from."""
        self.locate = locate
        self.diagnostics = diagnostics

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
                message = f"'{key}' should be a string, not {_kind(value)}; ignored"
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
        unsafe = [char for _, char in unsafe_characters(text)]
        if unsafe:
            names = ", ".join(sorted({describe(char) for char in unsafe}))
            self.report(
                Level.WARNING,
                (*where, key),
                f"'{key}' contains {len(unsafe)} control character(s) {names};"
                f" shown as visible symbols",
            )
        return text

    def integer(self, obj: Mapping[str, object], where: ValuePath, key: str) -> int | None:
        """An integer field; integral numbers and numeric strings are coerced."""
        value = obj.get(key)
        if isinstance(value, bool) or value is None:
            result = None
        elif isinstance(value, int):
            result = value
        elif isinstance(value, float) and value.is_integer():
            result = int(value)
        elif isinstance(value, str) and value.strip().lstrip("+-").isdigit():
            result = int(value.strip())
        else:
            result = None
        if result is None and value is not None and value != "":
            shown = visible(repr(value))[:40]
            message = f"'{key}' should be an integer, not {shown}; ignored"
            self.report(Level.WARNING, (*where, key), message)
        return result

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
            message = f"'{visible(raw)}' is not a valid latitude,longitude; ignored"
            self.report(Level.WARNING, (*where, key), message)
            return None
        inside = os.path.normpath(os.path.join(self.base, raw.lstrip("/")))
        candidates = [inside, os.path.normpath(raw)] if raw.startswith("/") else [inside]
        found = next((path for path in candidates if os.path.isfile(path)), None)
        if found is None:
            looked = " or ".join(candidates)
            message = f"file not found: '{visible(raw)}' (looked for {looked})"
            self.report(Level.WARNING, (*where, key), message)
        path = found or candidates[0]
        return MediaRef(
            raw, MediaKind.FILE, file=path, exists=found is not None, line=line, col=col
        )

    def unknown(
        self, obj: Mapping[str, object], known: frozenset[str], where: ValuePath, what: str
    ) -> dict[str, object]:
        """Fields the format does not define: kept, and reported as information."""
        if obj.keys() <= known:  # the common case, checked in C
            return {}
        extra = {key: value for key, value in obj.items() if key not in known}
        for key, value in extra.items():
            import difflib  # here: only a deck with unknown fields needs it

            if isinstance(value, (dict, list)) and _depth(value) + len(where) >= MAX_DEPTH:
                # Only plain JSON gets here (our parser refuses such nesting as it reads).
                # Locating re-reads the file with our parser, which raises the limit
                # error at the exact bracket; the error below is a fallback.
                line, col = self.locate((*where, key))
                message = f"nesting deeper than {MAX_DEPTH} levels in '{visible(key)}'"
                raise DeckLimitError(self.path, message, line=line, col=col)
            lowered = {name.lower(): name for name in known}
            close = difflib.get_close_matches(key.lower(), sorted(lowered), n=1, cutoff=0.7)
            hint = f" (did you mean '{lowered[close[0]]}'?)" if close else ""
            message = f"unknown {what} field '{visible(key)}' kept{hint}"
            self.report(Level.INFO, (*where, key, "<key>"), message)
        return extra

    # -- structures ---------------------------------------------------------

    def block(self, value: object, where: ValuePath) -> Block | None:
        if isinstance(value, str):
            self.report(Level.WARNING, where, "a string in 'content': shown as a text block")
            # Read as a block's text; diagnostics point at the string itself.
            return Block(text=self.string({"text": value}, where, "text"))
        if not isinstance(value, dict):
            message = f"a block should be an object, not {_kind(value)}; ignored"
            self.report(Level.WARNING, where, message)
            return None
        fmt = self.string(value, where, "format").strip().lower() if "format" in value else ""
        fmt = fmt or "plain"
        text_format = _FORMATS.get(fmt)
        if text_format is None:
            message = f"unknown format '{visible(fmt)}'; using plain text"
            self.report(Level.WARNING, (*where, "format"), message)
            text_format = TextFormat.PLAIN
        return Block(
            title=self.string(value, where, "title"),
            text=self.string(value, where, "text"),
            style=self.string(value, where, "block") or None,
            image=self.media(value, where, "img_path"),
            video=self.media(value, where, "video"),
            map=self.media(value, where, "map", coords=True),
            format=text_format,
            extra=self.unknown(value, BLOCK_FIELDS, where, "block"),
        )

    def content(self, value: object, where: ValuePath) -> tuple[Block, ...]:
        if value is None:
            return ()
        if isinstance(value, dict):
            message = "'content' should be an array of blocks; read this one block"
            self.report(Level.WARNING, where, message)
            block = self.block(value, where)
            return () if block is None else (block,)
        if not isinstance(value, list):
            message = f"'content' should be an array, not {_kind(value)}; ignored"
            self.report(Level.WARNING, where, message)
            return ()
        blocks = (self.block(item, (*where, index)) for index, item in enumerate(value))
        return tuple(block for block in blocks if block is not None)

    def slide(self, value: object, where: ValuePath, defaults: Slide = _NO_DEFAULTS) -> Slide:
        """One slide; fields it does not set come from ``defaults`` (the deck's)."""
        if not isinstance(value, dict):
            raise self.fail(where, f"a slide should be an object, not {_kind(value)}")
        own = value.keys()
        return Slide(
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
            theme=(self.string(value, where, "theme") or None)
            if "theme" in own
            else defaults.theme,
            source=self.path,
            extra=self.unknown(value, SLIDE_FIELDS, where, "slide"),
        )

    def slides(self, value: object) -> tuple[list[tuple[ValuePath, Slide]], str | None]:
        """All slides of a file in any shape, each with where it stands, and the deck theme."""
        if isinstance(value, list):
            return [
                ((index,), self.slide(item, (index,))) for index, item in enumerate(value)
            ], None
        if not isinstance(value, dict):
            shapes = "a slide object, an array of slides or a deck object"
            raise self.fail((), f"expected {shapes}, not {_kind(value)}")
        if "slides" not in value:
            return [((), self.slide(value, ()))], None
        slides = value["slides"]
        if not isinstance(slides, list):
            raise self.fail(("slides",), f"'slides' should be an array, not {_kind(slides)}")
        self.unknown(value, DECK_FIELDS, (), "deck")
        defaults = self._deck_defaults(value)
        read: list[tuple[ValuePath, Slide]] = []
        for index, item in enumerate(slides):
            read.append((("slides", index), self.slide(item, ("slides", index), defaults)))
        return read, defaults.theme

    def first_slide(self, value: list[object] | dict[str, object]) -> tuple[Slide, str | None]:
        """The first slide of an array of slides or of a deck object's ``slides``, and the
        deck theme, read as ``slides`` reads them (the rest are not looked at)."""
        if isinstance(value, list):
            return self.slide(value[0], (0,)), None
        slides = value["slides"]
        if not isinstance(slides, list):
            raise self.fail(("slides",), f"'slides' should be an array, not {_kind(slides)}")
        defaults = self._deck_defaults(value)
        return self.slide(slides[0], ("slides", 0), defaults), defaults.theme

    def _deck_defaults(self, value: Mapping[str, object]) -> Slide:
        """What a deck object gives every slide that does not set it."""
        return Slide(
            name=self.string(value, (), "name"),
            logo_title=self.string(value, (), "logo_title"),
            logo=self.media(value, (), "logo_path"),
            theme=self.string(value, (), "theme") or None,
        )
