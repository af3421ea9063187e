"""``tui-slides export DECK --html OUT.html | --pdf OUT.pdf``: load, render, write atomically.

Exit status: 0 written; 1 the deck fails to load (its ``file:line:col``
message on standard error) or cannot be rendered; 2 usage (no output asked
for, one file for both outputs, an output that cannot be written, a
``--theme`` no one knows, as the presenter says of it). Nothing here needs a
terminal. Each output is written to a temporary file beside it and moved into
place, so a failed export never leaves half a file.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from tui_slides.deck.diagnostics import LOUD
from tui_slides.deck.errors import DeckError
from tui_slides.deck.excerpt import output_columns
from tui_slides.deck.loader import DEFAULT_MAX_BYTES, load_deck
from tui_slides.deck.model import Deck
from tui_slides.deck.safety import visible
from tui_slides.export.themes import ALIASES, THEMES

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _error(message: str) -> None:
    print(f"tui-slides: error: {visible(message)}", file=sys.stderr)


def write_atomically(path: str, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a temporary file beside ``path``, then move it to ``path``.

    If ``write`` raises, the temporary file is removed and ``path`` is untouched.
    The data is on disk before the rename; a file replaced keeps its permissions,
    a new one gets the usual ones (0666 less the umask). A symbolic link is
    followed (its target is replaced, the link kept). An existing file that is
    not a regular file (``/dev/stdout``, a pipe, a device) is written in place:
    replacing it would put a plain file where it was.
    """
    target = Path(path)
    if target.exists() and not target.is_file():
        with target.open("wb") as stream:
            write(stream)
        return
    if target.is_symlink():
        target = target.resolve()
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
    handle, name = tempfile.mkstemp(prefix=".tui-slides-", suffix=".part", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(mode)  # not mkstemp's 0600
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _folder(path: str) -> Path:
    return Path(path).absolute().parent


def _writable(path: str) -> str | None:
    """Why ``path`` cannot be written, or None."""
    folder = _folder(path)
    if Path(path).is_dir():
        return f"{path} is a folder"
    if not folder.is_dir():
        return f"no such folder: {folder}"
    if not os.access(folder, os.W_OK):
        return f"cannot write to {folder}"
    return None


def _html(deck: Deck, path: str, theme: str | None, notes: bool) -> None:
    from tui_slides.export.html_page import deck_html

    page = deck_html(deck, theme=theme, notes=notes, out_dir=str(_folder(path)))

    def write(out: BinaryIO) -> None:
        out.write(page.encode("utf-8"))

    write_atomically(path, write)


def _pdf(deck: Deck, path: str, theme: str | None, notes: bool) -> None:
    from tui_slides.export.pdf import deck_pdf

    def write(out: BinaryIO) -> None:
        deck_pdf(deck, out, theme=theme, notes=notes)

    write_atomically(path, write)


def run_export(
    deck_path: str,
    *,
    html: str | None = None,
    pdf: str | None = None,
    theme: str | None = None,
    notes: bool = False,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """``tui-slides export``: write ``deck_path`` as HTML and/or PDF; returns the exit status."""
    if html is None and pdf is None:
        _error("export needs an output: --html OUT.html and/or --pdf OUT.pdf")
        return EXIT_USAGE
    if html is not None and pdf is not None and _same_file(html, pdf):
        _error(f"--html and --pdf name one file ({html}): the second would replace the first")
        return EXIT_USAGE
    if theme is not None and ALIASES.get(theme, theme) not in THEMES:
        names = ", ".join(sorted({*THEMES, *ALIASES}))
        _error(f"unknown theme {theme!r}; choose one of: {names}")
        return EXIT_USAGE
    if not Path(deck_path).exists():
        _error(f"no such deck: {deck_path}")
        return EXIT_USAGE
    for out in (html, pdf):
        problem = None if out is None else _writable(out)
        if problem is not None:
            _error(problem)
            return EXIT_USAGE
    try:
        deck = load_deck(deck_path, strict=strict, max_bytes=max_bytes)
    except DeckError as error:
        print(error.shown(output_columns(sys.stderr)), file=sys.stderr)
        return EXIT_FAILED
    for out in (html, pdf):
        used = None if out is None else _read_by(deck, out)
        if used is not None:
            _error(f"{out} is {used}: the export would replace it (name another file)")
            return EXIT_USAGE
    if deck.css:  # said, so that a look missing from the export is no surprise
        style = visible(Path(deck.css).name)
        print(f"tui-slides: note: {style} styles the presenter only; exports use the theme",
              file=sys.stderr)  # fmt: skip
    for diagnostic in deck.diagnostics:  # a deck's or a slide's unknown theme among them
        if diagnostic.level in LOUD:
            print(diagnostic, file=sys.stderr)
    for out, export in ((html, _html), (pdf, _pdf)):
        if out is None:
            continue
        try:
            export(deck, out, theme, notes)
        except OSError as error:
            _error(f"cannot write {out}: {error.strerror or error}")
            return EXIT_USAGE
        except Exception as error:  # a bug or a library's limit: said, never a traceback
            _error(f"could not export {out}: {type(error).__name__}: {error}")
            return EXIT_FAILED
    return EXIT_OK


def _read_by(deck: Deck, out: str) -> str | None:
    """What of ``deck`` the file ``out`` is (its file, a slide's, its CSS, a picture, a video), or
    None: the deck's own files are never written over."""
    files = [("the deck", deck.source), ("the deck's CSS", deck.css or "")]
    for slide in deck.slides:
        files.append(("a slide's file", slide.source))
        refs = [slide.logo] + [ref for b in slide.content for ref in (b.image, b.video, b.map)]
        files.extend(("a file the deck shows", ref.file or "") for ref in refs if ref is not None)
    return next((what for what, path in files if path and _same_file(out, path)), None)


def _same_file(first: str, second: str) -> bool:
    """True when two paths name one file (spelled alike, or linked)."""
    if Path(first).absolute() == Path(second).absolute():
        return True
    try:
        return Path(first).samefile(second)
    except OSError:  # one of them does not exist yet: two files
        return False
