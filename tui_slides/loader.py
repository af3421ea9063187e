"""Deck loading: the only place that reads deck files, in any of the four shapes.

A large file that is plain JSON is parsed by the standard library (fast: JSON
is a subset of JSON5 with the same values); anything else by our own parser
(``syntax``), which reads JSON5, repairs hand-made defects or says exactly
where the file is broken. Source positions for schema diagnostics are worked
out only when one is needed.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from tui_slides import syntax
from tui_slides.diagnostics import Diagnostic, Level
from tui_slides.errors import DeckError, DeckLimitError, DeckNotFoundError, DeckSchemaError
from tui_slides.model import Deck, Slide
from tui_slides.schema import Reader
from tui_slides.source import decode

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""Largest deck file read by default (``--max-size`` changes it)."""

JSON_FAST_PATH = 32 * 1024
"""Characters from which a file is tried with the standard library's ``json`` first.

Below this, our parser takes less time than importing ``json`` (about 1 ms):
8 KB parse in 0.3 ms, 32 KB in 0.8 ms, while ``json.loads`` needs 0.05 ms
once imported. ``check`` and ``show`` on everyday decks start without it.
"""

SLIDE_SUFFIXES = (".json5", ".json", ".txt")
"""Files of a folder deck: each one is a slide."""


class LoadOptions(NamedTuple):
    """How to load: strictly or tolerantly, and the size limit."""

    strict: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES


def load_deck(
    path: str | os.PathLike[str], *, strict: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Deck:
    """Load a deck file or folder; raise ``DeckError`` when it cannot be loaded.

    Diagnostics name the file as ``path`` gives it (``os.path``, not ``pathlib``,
    which would cost every start of ``check`` and ``show`` its import).
    """
    options = LoadOptions(strict=strict, max_bytes=max_bytes)
    name = os.fspath(path)
    if os.path.isdir(name):
        return _load_folder(name, options)
    loaded = _load_file(name, options)
    if not loaded.slides:
        raise DeckSchemaError(name, "the deck has no slides")
    return _finish(name, [loaded], loaded.theme)


class _File(NamedTuple):
    """The slides of one file, where each stands in it, and what reading them found."""

    reader: Reader
    slides: list[tuple[syntax.Path, Slide]]
    theme: str | None


def _finish(name: str, files: list[_File], theme: str | None) -> Deck:
    """The deck of ``files``' slides, with every diagnostic, in order."""
    total = sum(len(file.slides) for file in files)
    for file in files:
        for where, slide in file.slides:
            if slide.slide_max is not None and slide.slide_max != total:
                file.reader.report(
                    Level.WARNING,
                    (*where, "slide_max"),
                    f"slide_max is {slide.slide_max}, but the deck has {total} slide"
                    f"{'s' if total != 1 else ''}",
                )
    slides = tuple(slide for file in files for _, slide in file.slides)
    diagnostics = [d for file in files for d in file.reader.diagnostics]
    diagnostics.sort(key=lambda d: (d.path, d.line, d.col))
    return Deck(slides, name, theme, tuple(diagnostics))


def read_text(name: str, options: LoadOptions) -> str:
    """The decoded text of one deck file, within the size limit."""
    try:
        with open(name, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            # A regular file is read as large as it is (asking for the limit would
            # allocate 16 MB first: ~1 ms); a pipe or device up to just over the limit.
            fits = 0 < size <= options.max_bytes
            data = file.read(size + 1) if fits else file.read(options.max_bytes + 1)
    except FileNotFoundError:
        raise DeckNotFoundError(name, "no such file or folder") from None
    except OSError as error:
        raise DeckNotFoundError(name, f"cannot read the file: {error.strerror or error}") from None
    if len(data) > options.max_bytes:
        raise DeckLimitError(
            name,
            f"the file is larger than the {options.max_bytes / 1024 / 1024:g} MB limit"
            " (raise it with --max-size)",
        )
    return decode(data, name)


def _load_file(name: str, options: LoadOptions) -> _File:
    text = read_text(name, options)
    parsed: syntax.Parsed | None = None
    value = _loads_json(text) if len(text) >= JSON_FAST_PATH else _NOT_JSON
    repairs: list[Diagnostic] = []
    if value is _NOT_JSON:  # small, or not JSON: JSON5, defects, or not a deck at all
        parsed = syntax.parse(text, name, strict=options.strict)
        value, repairs = parsed.value, parsed.repairs

    def locate(where: syntax.Path) -> tuple[int, int]:
        nonlocal parsed
        if parsed is None:  # first diagnostic of a valid file: find positions now
            parsed = syntax.parse(text, name, strict=False)
        positions = parsed.positions
        while where and where not in positions:
            where = where[:-1]
        return positions.get(where, (1, 1))

    reader = Reader(name, os.path.dirname(name), locate, list(repairs))
    slides, theme = reader.slides(value)
    return _File(reader, slides, theme)


_NOT_JSON = object()
"""What ``_loads_json`` returns for text that is not plain JSON."""


def _loads_json(text: str) -> object:
    """``text`` parsed by the standard library's ``json``, or ``_NOT_JSON``."""
    import json  # here: only large files take this path (see JSON_FAST_PATH)

    try:
        return json.loads(text)  # guards its own recursion; schema checks kept values' depth
    except (ValueError, RecursionError):
        return _NOT_JSON


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key comparing digit runs as numbers: ``slide2`` < ``slide10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in re.split(r"(\d+)", name)
        if part
    )


def _order(item: tuple[Slide, str]) -> tuple[object, ...]:
    """Folder order: ``slide_now``, then ``ID`` as dotted numbers, then the file name."""
    slide, path = item
    dotted = tuple(_natural(part) for part in slide.id.split(".")) if slide.id else ()
    return (
        slide.slide_now is None,
        slide.slide_now or 0,
        not slide.id,
        dotted,
        _natural(os.path.basename(path)),
    )


def _load_folder(name: str, options: LoadOptions) -> Deck:
    with os.scandir(name) as entries:
        found = [
            entry.name
            for entry in entries
            if os.path.splitext(entry.name)[1].lower() in SLIDE_SUFFIXES
            and not entry.name.startswith(".")
            and entry.is_file()
        ]
    files = [os.path.join(name, file) for file in sorted(found, key=_natural)]
    if not files:
        raise DeckSchemaError(
            name, f"the folder has no {', '.join('*' + s for s in SLIDE_SUFFIXES)} files"
        )
    skipped: list[Diagnostic] = []
    loaded: list[_File] = []
    for path in files:
        try:
            file = _load_file(path, options)
        except DeckError as error:
            skipped.append(error.diagnostic)
            skipped.append(
                Diagnostic(path, error.line, error.col, Level.WARNING, "this slide file is skipped")
            )
            continue
        if len(file.slides) != 1:
            count = len(file.slides)
            message = (
                f"a slide file should hold one slide, not {count}; skipped"
                " (a folder deck is one slide per file; to check several decks, name each)"
            )
            file.reader.report(Level.WARNING, (), message)
            skipped.extend(file.reader.diagnostics)
            continue
        loaded.append(file)
    if not loaded:
        raise DeckSchemaError(name, "no slide in the folder could be loaded")
    loaded.sort(key=lambda file: _order((file.slides[0][1], file.reader.path)))
    deck = _finish(name, loaded, None)
    diagnostics = sorted((*skipped, *deck.diagnostics), key=lambda d: (d.path, d.line, d.col))
    return Deck(deck.slides, name, None, tuple(diagnostics))
