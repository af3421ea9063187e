"""Deck loading: the only place that reads deck files, in any of the four shapes.

A file that is plain JSON is parsed by the standard library (fast: JSON is a
subset of JSON5 with the same values); anything else by our own parser
(``syntax``), which reads JSON5, repairs hand-made defects or says exactly
where the file is broken. Source positions for schema diagnostics are worked
out only when one is needed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

from tui_slides import syntax
from tui_slides.diagnostics import Diagnostic, Level
from tui_slides.errors import DeckError, DeckLimitError, DeckNotFoundError, DeckSchemaError
from tui_slides.model import Deck, Slide
from tui_slides.schema import Reader
from tui_slides.source import decode

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""Largest deck file read by default (``--max-size`` changes it)."""

SLIDE_SUFFIXES = (".json5", ".json", ".txt")
"""Files of a folder deck: each one is a slide."""


class LoadOptions(NamedTuple):
    """How to load: strictly or tolerantly, and the size limit."""

    strict: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES


def load_deck(
    path: str | Path, *, strict: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Deck:
    """Load a deck file or folder; raise ``DeckError`` when it cannot be loaded."""
    options = LoadOptions(strict=strict, max_bytes=max_bytes)
    path = Path(path)
    if path.is_dir():
        return _load_folder(path, options)
    loaded = _load_file(path, options)
    if not loaded.slides:
        raise DeckSchemaError(str(path), "the deck has no slides")
    return _finish(str(path), [loaded], loaded.theme)


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


def read_text(path: Path, options: LoadOptions) -> str:
    """The decoded text of one deck file, within the size limit."""
    name = str(path)
    try:
        with path.open("rb") as file:
            data = file.read(options.max_bytes + 1)
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


def _load_file(path: Path, options: LoadOptions) -> _File:
    name = str(path)
    text = read_text(path, options)
    parsed: syntax.Parsed | None = None
    try:
        value = json.loads(text)  # guards its own recursion; schema checks kept values' depth
        repairs: list[Diagnostic] = []
    except (ValueError, RecursionError):  # not JSON: JSON5, defects, or not a deck at all
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

    reader = Reader(name, path.parent, locate, list(repairs))
    slides, theme = reader.slides(value)
    return _File(reader, slides, theme)


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key comparing digit runs as numbers: ``slide2`` < ``slide10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in re.split(r"(\d+)", name)
        if part
    )


def _order(item: tuple[Slide, Path]) -> tuple[object, ...]:
    """Folder order: ``slide_now``, then ``ID`` as dotted numbers, then the file name."""
    slide, path = item
    dotted = tuple(_natural(part) for part in slide.id.split(".")) if slide.id else ()
    return (
        slide.slide_now is None,
        slide.slide_now or 0,
        not slide.id,
        dotted,
        _natural(path.name),
    )


def _load_folder(folder: Path, options: LoadOptions) -> Deck:
    name = str(folder)
    files = sorted(
        (
            path
            for path in folder.iterdir()
            if path.suffix.lower() in SLIDE_SUFFIXES
            and not path.name.startswith(".")
            and path.is_file()
        ),
        key=lambda path: _natural(path.name),
    )
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
                Diagnostic(
                    str(path), error.line, error.col, Level.WARNING, "this slide file is skipped"
                )
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
    loaded.sort(key=lambda file: _order((file.slides[0][1], Path(file.reader.path))))
    deck = _finish(name, loaded, None)
    diagnostics = sorted((*skipped, *deck.diagnostics), key=lambda d: (d.path, d.line, d.col))
    return Deck(deck.slides, name, None, tuple(diagnostics))
