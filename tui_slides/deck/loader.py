"""Deck loading: the only place that reads deck files, in any of the four shapes.

A large file that is plain JSON is parsed by the standard library (fast: JSON
is a subset of JSON5 with the same values); anything else by our own parser
(``syntax``), which reads JSON5, repairs hand-made defects or says exactly
where the file is broken. Source positions for schema diagnostics are worked
out only when one is needed. ``open_deck`` lets the presenter show a large
deck's first slide before the other slides are read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import NamedTuple

from tui_slides.deck import syntax
from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.errors import DeckError, DeckLimitError, DeckNotFoundError, DeckSchemaError
from tui_slides.deck.model import Deck, Slide
from tui_slides.deck.schema import Reader
from tui_slides.deck.source import decode

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""Largest deck file read by default (``--max-size`` changes it)."""

JSON_FAST_PATH = 32 * 1024
"""Characters from which a file is tried with the standard library's ``json`` first.

Below this, our parser takes less time than importing ``json`` (about 1 ms):
8 KB parse in 0.3 ms, 32 KB in 0.8 ms, while ``json.loads`` needs 0.05 ms
once imported. ``check`` and ``show`` on everyday decks start without it.
"""

QUICK_START = 256 * 1024
"""Characters from which ``open_deck`` reads a JSON deck's first slide before the others.

Reading slides into the model takes ~15 ms per thousand (is every string safe,
every field of the right type): under this size, a few milliseconds at most.
"""

SLIDE_SUFFIXES = (".json5", ".json", ".txt")
"""Files of a folder deck: each one is a slide (the suffix in any case: ``Slide1.JSON5``)."""


def is_slide_name(name: str) -> bool:
    """True for a file name a folder deck reads as a slide: a slide suffix, not hidden."""
    return os.path.splitext(name)[1].lower() in SLIDE_SUFFIXES and not name.startswith(".")


_NOT_JSON = object()
"""What ``_loads_json`` returns for text that is not plain JSON."""
_UNREAD = object()
"""The value of a text not parsed yet."""


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
    return _deck_of(name, _load_file(name, options))


def open_deck(
    path: str | os.PathLike[str], *, strict: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Deck, Callable[[], Deck] | None]:
    """``path`` loaded far enough to show its first slide, and what reads the rest.

    A large deck file (``QUICK_START``) of plain JSON with more than one slide
    and no image, map or logo is parsed and only its first slide read: the deck
    returned has that slide, then an empty stand-in for each of the others, and
    no diagnostics. The function returned, to be called once, reads every slide
    into the complete deck, with every diagnostic, or raises ``DeckError``, as
    ``load_deck`` would have. Any other deck is loaded completely at once, and
    the function is ``None``. Images rule a quick start out because the
    presenter decides how to draw them before it starts, from the whole deck.
    """
    options = LoadOptions(strict=strict, max_bytes=max_bytes)
    name = os.fspath(path)
    if os.path.isdir(name):
        return _load_folder(name, options), None
    text = read_text(name, options)
    value = _loads_json(text) if len(text) >= QUICK_START else _UNREAD
    items = value.get("slides") if isinstance(value, dict) else value
    if (
        not isinstance(value, (list, dict))
        or not isinstance(items, list)
        or len(items) < 2
        or _names_images(value, items)
    ):
        return _deck_of(name, _read_file(name, text, options, value)), None
    reader = Reader(name, os.path.dirname(name), _nowhere, [])  # its findings come again later
    try:
        first, theme = reader.first_slide(value)
    except DeckError:  # reported by the full reading, which knows where it is
        return _deck_of(name, _read_file(name, text, options, value)), None
    stand_in = Deck((first, *(_STAND_IN,) * (len(items) - 1)), name, theme)
    unread = [(text, value)]  # let go of once read: several times the file's size

    def read_the_rest() -> Deck:
        text, value = unread.pop()
        return _deck_of(name, _read_file(name, text, options, value))

    return stand_in, read_the_rest


_STAND_IN = Slide()
"""What ``open_deck`` puts in place of the slides it has not read yet."""


class Opening:
    """A deck opened far enough to show: ``deck`` now, ``complete()`` for all of it.

    ``rest`` reads the complete deck (``open_deck``'s second value); None when
    ``deck`` is complete already.
    """

    def __init__(self, deck: Deck, rest: Callable[[], Deck] | None = None) -> None:
        self.deck = deck
        """What to show first (the complete deck, or its first slide and stand-ins)."""
        self._rest = rest
        self._complete: Deck | DeckError | None = deck if rest is None else None

    def complete(self) -> Deck:
        """The complete deck, read once and kept; raises ``DeckError`` as ``load_deck`` would."""
        if self._complete is None:
            rest, self._rest = self._rest, None
            assert rest is not None
            try:
                self._complete = rest()
            except DeckError as error:
                self._complete = error
        if isinstance(self._complete, DeckError):
            raise self._complete
        return self._complete


def _nowhere(where: syntax.Path) -> tuple[int, int]:
    return 1, 1


def _names_images(value: object, items: list[object]) -> bool:
    """True when the deck may show an image: a logo, image or map field anywhere.

    Also true for a slide or content of an unexpected type, so that the full
    reading reports it before the presenter starts.
    """
    if isinstance(value, dict) and "logo_path" in value:
        return True
    for item in items:
        if not isinstance(item, dict) or "logo_path" in item:
            return True
        content = item.get("content")
        blocks = content if isinstance(content, list) else [content]
        for block in blocks:
            if block is None or isinstance(block, str):
                continue
            if not isinstance(block, dict) or "img_path" in block or "map" in block:
                return True
    return False


def _deck_of(name: str, loaded: _File) -> Deck:
    """The deck of one file's slides."""
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
    return _read_file(name, read_text(name, options), options)


def _read_file(name: str, text: str, options: LoadOptions, value: object = _UNREAD) -> _File:
    """The slides of one file's ``text``; ``value`` is the text parsed as JSON, if it was."""
    parsed: syntax.Parsed | None = None
    if value is _UNREAD:
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
        found = [entry.name for entry in entries if is_slide_name(entry.name) and entry.is_file()]
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
