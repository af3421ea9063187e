"""Reading one field of a deck's object: of the right type, coerced where the meaning is
obvious, reported and ignored otherwise; unknown fields kept and reported (``schema``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping

from tui_slides.deck import values
from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.errors import DeckLimitError, DeckSchemaError
from tui_slides.deck.fields import BUILTIN_THEMES, close_themes, suggestion
from tui_slides.deck.files import FILE_NOT_FOUND, file_problem
from tui_slides.deck.findings import LISTED
from tui_slides.deck.model import MediaKind, MediaRef, shown
from tui_slides.deck.numbers import spelling
from tui_slides.deck.safety import describe, is_safe
from tui_slides.deck.syntax import MAX_DEPTH
from tui_slides.deck.syntax import Path as ValuePath

MAX_STRING = 1_000_000
"""Longest string, in characters, any field may hold."""

MAX_INTEGER = 10**9
"""Integer fields (``slide_now``, ``slide_max``) hold less than this: no deck has a
billion slides, and a number of thousands of digits is not one Python may print."""

_INTEGER = re.compile(r"[+-]?[0-9]+")
"""A numeric string an integer field accepts: ASCII digits only (``int`` refuses ``²``
and ``①``, which ``str.isdigit`` accepts)."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")

_COORDS = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*$")

Locate = Callable[[ValuePath], tuple[int, int]]
"""Gives the line and column where the value at a path starts."""


class FieldReader:
    """The field readers of one deck file's ``Reader`` (``schema``), and where they report."""

    path: str
    base: str
    locate: Locate
    diagnostics: list[Diagnostic]
    listed: int
    unlisted: int
    unknown_fields: int

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
        found, path, problem = _media_file(candidates)
        if problem == FILE_NOT_FOUND:
            looked = " or ".join(shown(candidate) for candidate in candidates)
            message = f"{FILE_NOT_FOUND}: '{shown(raw)}' (looked for {looked})"
            self.report(Level.WARNING, (*where, key), message)
        elif problem is not None:  # a folder, a FIFO, /dev/zero: the presenter says the same
            message = f"{problem}: '{shown(raw)}' ({shown(path)})"
            self.report(Level.WARNING, (*where, key), message)
        return MediaRef(raw, MediaKind.FILE, file=path, exists=found, line=line, col=col)

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


def _media_file(candidates: list[str]) -> tuple[bool, str, str | None]:
    """Whether one of ``candidates`` is a regular file, the one to point at, and what is
    wrong with it (``tui_slides.deck.files.file_problem``; None for a regular file).

    The first regular file wins; without one, the first that is there but is not one
    (a folder...) is pointed at, so the presenter says of it what ``check`` says;
    without that either, the first: its file is not found.
    """
    problems = []
    for candidate in candidates:
        problem = file_problem(candidate)
        if problem is None:
            return True, candidate, None
        problems.append((candidate, problem))
    there = [(path, problem) for path, problem in problems if problem != FILE_NOT_FOUND]
    path, problem = (there or problems)[0]
    return False, path, problem
