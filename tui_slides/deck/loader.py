"""Deck loading: the only place that reads deck files, in any of the four shapes.

A file that is plain JSON is parsed by the standard library (fast: JSON is a
subset of JSON5 with the same values); anything else by our own parser
(``syntax``), which reads JSON5, repairs hand-made defects or says exactly
where the file is broken. Source positions for schema diagnostics are worked
out only when one is needed. ``open_deck`` lets the presenter show a large
deck's first slide before the other slides are read (an ``Opening``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Generator
from typing import NamedTuple, TypeVar

from tui_slides.deck import syntax
from tui_slides.deck.checks import report_duplicate_ids
from tui_slides.deck.diagnostics import Diagnostic, Level, source_order
from tui_slides.deck.errors import DeckError, DeckNotFoundError, DeckSchemaError, too_large
from tui_slides.deck.fastjson import NOT_JSON as _NOT_JSON
from tui_slides.deck.fastjson import loads_json as _loads_json
from tui_slides.deck.files import special_kind
from tui_slides.deck.findings import Capped
from tui_slides.deck.model import Deck, Slide
from tui_slides.deck.order import folder_order, natural
from tui_slides.deck.schema import STEP_SECONDS, Reader
from tui_slides.deck.source import decode

_T = TypeVar("_T")

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""Largest deck file read by default (``--max-size`` changes it)."""

QUICK_START = 256 * 1024
"""Characters from which ``open_deck`` reads a JSON deck's first slide before the others.

Reading slides into the model takes ~15 ms per thousand (is every string safe,
every field of the right type): under this size, a few milliseconds at most.
"""

SLIDE_SUFFIXES = (".json5", ".json", ".txt")
"""Files of a folder deck: each one is a slide (in any case: ``Slide1.JSON5`` too)."""


def is_slide_file(name: str) -> bool:
    """True when the file ``name`` in a folder deck is one of its slides (see ``SLIDE_SUFFIXES``).

    Hidden files (``.name``) are not; whether ``name`` is a regular file is the caller's to ask.
    """
    return os.path.splitext(name)[1].lower() in SLIDE_SUFFIXES and not name.startswith(".")


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
) -> Opening:
    """``path`` opened far enough to show its first slide; raise ``DeckError`` as ``load_deck``.

    A large deck file (``QUICK_START``) of plain JSON with more than one slide
    and no image, map or logo is parsed and only its first slide read: the
    opening's ``deck`` has that slide, then an empty stand-in for each of the
    others, and no diagnostics; ``complete()`` reads the rest. Any other deck
    is loaded completely at once. Images rule a quick start out because the
    presenter decides how to draw them before it starts, from the whole deck.
    """
    options = LoadOptions(strict=strict, max_bytes=max_bytes)
    name = os.fspath(path)
    if os.path.isdir(name):
        return Opening(_load_folder(name, options))
    text = read_text(name, options)
    value = _loads_json(text) if len(text) >= QUICK_START else _UNREAD
    items = value.get("slides") if isinstance(value, dict) else value
    if (
        not isinstance(value, (list, dict))
        or not isinstance(items, list)
        or len(items) < 2
        or _names_images(value, items)
    ):
        return Opening(_deck_of(name, _read_file(name, text, options, value)))
    reader = Reader(name, os.path.dirname(name), _nowhere, [])  # its findings come again later
    try:
        first, theme = reader.first_slide(value)
    except DeckError:  # reported by the full reading, which knows where it is
        return Opening(_deck_of(name, _read_file(name, text, options, value)))
    rest = (_STAND_IN,) * (len(items) - 1)
    stand_in = Deck((first, *rest), name, theme, css=reader.deck_css, name=reader.deck_name)
    return Opening(stand_in, _Unread(name, text, value, options))


class Opening:
    """A deck as ``open_deck`` opened it: ``deck`` to show first, ``complete()`` for all of it.

    The quick start of a large deck (``QUICK_START``): on 1000 slides, opening
    takes 6 ms where loading takes 15, and the first paint comes after 143 ms of
    CPU instead of 150-156 (``benchmarks/app_paint.py``).
    """

    __slots__ = ("_complete", "_error", "_unread", "deck", "whole")

    def __init__(self, deck: Deck, unread: _Unread | None = None) -> None:
        self.deck = deck
        """What to show first: the whole deck, or its first slide and stand-ins."""
        self.whole = unread is None
        """True when ``deck`` is already the whole deck (``complete()`` returns it)."""
        self._unread = unread  # let go of once read: several times the file's size
        self._complete: Deck | None = deck if unread is None else None
        self._error: DeckError | None = None

    def complete(self) -> Deck:
        """The whole deck, with every diagnostic; raise ``DeckError`` as ``load_deck`` would.

        The rest is read on the first call only; later calls give the same deck (or error).
        """
        return _run(self.complete_in_steps())

    def complete_in_steps(self, seconds: float = STEP_SECONDS) -> Generator[None, None, Deck]:
        """``complete()``, yielding whenever ``seconds`` of reading have passed.

        A presenter reads the rest this way on its event loop, handling keys in
        between: 10,000 slides of 100 blocks take 4.5 s to read, and ``q`` must not wait.
        """
        if self._complete is not None:
            return self._complete
        if self._error is not None:
            raise self._error
        unread = self._unread
        assert unread is not None
        try:
            read = yield from _read_file_in_steps(
                unread.name, unread.text, unread.options, unread.value, seconds
            )
            self._complete = _deck_of(unread.name, read)
        except DeckError as error:
            self._error = error
            raise
        finally:
            if self._complete is not None or self._error is not None:
                self._unread = None  # read: let go of it (a reading left off keeps it)
        return self._complete

    @property
    def completed(self) -> Deck | None:
        """The whole deck if it has been read (``complete()``), else None."""
        return self._complete


class _Unread(NamedTuple):
    """What ``Opening.complete`` reads the rest of a deck from."""

    name: str
    text: str
    value: object
    options: LoadOptions


_STAND_IN = Slide()
"""What ``open_deck`` puts in place of the slides it has not read yet."""


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
    report_duplicate_ids((f.reader, where, s) for f in files for where, s in f.slides)
    slides = tuple(slide for file in files for _, slide in file.slides)
    diagnostics = [d for file in files for d in _closed(file.reader.diagnostics)]
    diagnostics.sort(key=source_order)
    duration = next((file.reader.duration for file in files if file.reader.duration), None)
    one = files[0].reader if len(files) == 1 else None  # a folder has no deck object
    css, title = (one.deck_css, one.deck_name) if one is not None else (None, "")
    return Deck(slides, name, theme, tuple(diagnostics), duration, css, title)


def _closed(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A reader's diagnostics, with the count of each kind not listed (``Capped``)."""
    if isinstance(diagnostics, Capped):
        diagnostics.close()
    return diagnostics


def read_text(name: str, options: LoadOptions) -> str:
    """The decoded text of one deck file, within the size limit.

    Only a regular file is opened: a FIFO would block the open, a device could
    stream for ever, so either is refused from ``os.stat`` alone. (The open does
    not wait either, should the file be swapped for a FIFO in between.)
    """
    try:
        _refuse_special(name, os.stat(name).st_mode)
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            _refuse_special(name, info.st_mode)
            # Read as large as it is (asking for the limit would allocate 16 MB
            # first: ~1 ms); up to just over the limit if it says 0 (/proc) or grows.
            fits = 0 < info.st_size <= options.max_bytes
            data = file.read(info.st_size + 1 if fits else options.max_bytes + 1)
    except FileNotFoundError:
        raise DeckNotFoundError(name, "no such file or folder") from None
    except OSError as error:
        raise DeckNotFoundError(name, f"cannot read the file: {error.strerror or error}") from None
    if len(data) > options.max_bytes:
        raise too_large(name, options.max_bytes)
    return decode(data, name)


def _refuse_special(name: str, mode: int) -> None:
    """Raise ``DeckNotFoundError`` unless ``mode`` is a regular file's."""
    if not stat.S_ISREG(mode):
        raise DeckNotFoundError(
            name, f"not a regular file ({special_kind(mode)}): a deck is a file or folder"
        )


def _load_file(name: str, options: LoadOptions) -> _File:
    return _read_file(name, read_text(name, options), options)


def _read_file(name: str, text: str, options: LoadOptions, value: object = _UNREAD) -> _File:
    """The slides of one file's ``text``; ``value`` is the text parsed as JSON, if it was."""
    return _run(_read_file_in_steps(name, text, options, value, seconds=0))


def _run(steps: Generator[None, None, _T]) -> _T:
    """What a reading in steps returns, read at once."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def _read_file_in_steps(
    name: str, text: str, options: LoadOptions, value: object, seconds: float
) -> Generator[None, None, _File]:
    """``_read_file``, yielding every ``seconds`` of reading (``Reader.slides_in_steps``)."""
    parsed: syntax.Parsed | None = None
    if value is _UNREAD:
        value = _loads_json(text)
    repairs: list[Diagnostic] = []
    if value is _NOT_JSON:  # small, or not JSON: JSON5, defects, or not a deck at all
        parsed = syntax.parse(text, name, strict=options.strict, unique_keys=options.strict)
        value, repairs = parsed.value, [*parsed.repairs, *parsed.warnings]

    def locate(where: syntax.Path) -> tuple[int, int]:
        nonlocal parsed
        if parsed is None:  # first diagnostic of a valid file: find positions now
            parsed = syntax.positions(text, name)
        return parsed.locate(where)

    reader = Reader(name, os.path.dirname(name), locate, Capped(repairs))
    slides, theme = yield from reader.slides_in_steps(value, seconds)
    return _File(reader, slides, theme)


def _slide_files(name: str) -> list[str]:
    """The names of a folder's slide files, in natural order; subfolders are not slides."""
    try:
        with os.scandir(name) as entries:
            found = [
                entry.name
                for entry in entries
                if is_slide_file(entry.name) and not _is_folder(entry)
            ]
    except OSError as error:
        raise DeckNotFoundError(
            name, f"cannot read the folder: {error.strerror or error}"
        ) from None
    return sorted(found, key=natural)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # cannot tell: reading it as a file says why
        return False


def _load_folder(name: str, options: LoadOptions) -> Deck:
    files = [os.path.join(name, file) for file in _slide_files(name)]
    if not files:
        raise DeckSchemaError(
            name, f"the folder has no {', '.join('*' + s for s in SLIDE_SUFFIXES)} files"
        )
    skipped: list[Diagnostic] = []
    loaded: list[_File] = []
    for path in files:  # a FIFO or device among them is refused by read_text, not opened
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
            skipped.extend(_closed(file.reader.diagnostics))
            continue
        loaded.append(file)
    if not loaded:
        raise DeckSchemaError(name, "no slide in the folder could be loaded")
    loaded.sort(key=lambda file: folder_order((file.slides[0][1], file.reader.path)))
    deck = _finish(name, loaded, None)
    diagnostics = sorted((*skipped, *deck.diagnostics), key=source_order)
    return Deck(deck.slides, name, None, tuple(diagnostics))
