"""``tui-slides fix``: print a deck's repairs as a unified diff, or write them to the file.

Only the repaired characters change: the file's bytes are decoded and encoded
back the same way (UTF-8, with its BOM if it had one, or UTF-16 with its BOM),
line endings and everything else untouched. With ``--write`` each file is
replaced atomically (a temporary file in the same folder, flushed to disk,
then renamed over the original) keeping its permission bits (and owner, where
allowed); a read-only file, or one that changed while it was being fixed, is
left alone. A folder deck is fixed file by file: the slide files the loader
would read.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, TextIO

from tui_slides.deck.diff import unified_diff
from tui_slides.deck.errors import DeckError, DeckNotFoundError, too_large
from tui_slides.deck.excerpt import output_columns
from tui_slides.deck.fix import fix_text
from tui_slides.deck.loader import DEFAULT_MAX_BYTES, SLIDE_SUFFIXES
from tui_slides.deck.safety import one_line, visible
from tui_slides.deck.source import decode

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def run_fix(
    paths: Sequence[str],
    *,
    write: bool,
    out: TextIO,
    err: TextIO,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """``tui-slides fix``: the repairs of each deck as a diff on ``out``, or written with ``write``.

    Notes and errors go to ``err``. Returns 0 when every file was fixed (or needed
    nothing), 1 when one could not be read, parsed, proved or written (that file
    is left untouched; the others are fixed), 2 when a deck does not exist.
    """
    missing = [path for path in paths if not os.path.lexists(path)]
    if missing:
        names = ", ".join(visible(path) for path in missing)
        print(f"tui-slides: error: no such deck: {names}", file=err)
        return EXIT_USAGE
    status = EXIT_OK
    for deck in paths:
        repaired = 0
        try:
            files = list(_files(deck))
        except OSError as error:
            print(f"{visible(deck)}: error: cannot list the folder: {error.strerror}", file=err)
            status = EXIT_FAILED
            continue
        failed = False
        for name in files:
            try:
                repaired += _fix_file(name, write=write, out=out, err=err, max_bytes=max_bytes)
            except DeckError as error:
                print(error.shown(output_columns(err)), file=err)
                failed = True
        if failed:
            status = EXIT_FAILED
        elif not repaired:
            print(f"{visible(deck)}: nothing to fix", file=err)
    return status


def _files(deck: str) -> Iterator[str]:
    """The files of ``deck``: itself, or a folder's slide files as the loader finds them."""
    folder = Path(deck)
    if not folder.is_dir():
        yield deck
        return
    found = sorted(
        path.name
        for path in folder.iterdir()
        if path.suffix.lower() in SLIDE_SUFFIXES
        and not path.name.startswith(".")
        and path.is_file()
    )
    for name in found:
        yield str(folder / name)


class _Read(NamedTuple):
    data: bytes
    status: os.stat_result


def _fix_file(name: str, *, write: bool, out: TextIO, err: TextIO, max_bytes: int) -> int:
    """Fix one file; the number of repairs made (or to be made); raise ``DeckError``."""
    read = _read(name, max_bytes)
    text = decode(read.data, name)
    bom, encoding = next(
        ((bom, encoding) for bom, encoding in _BOMS if read.data.startswith(bom)), (b"", "utf-8")
    )
    fixed = fix_text(text, name, notify=lambda note: print(f"{visible(name)}: {note}", file=err))
    if fixed.text == text:
        return 0
    data = bom + fixed.text.encode(encoding)
    if bom + text.encode(encoding) != read.data:  # cannot happen: decode is strict
        raise DeckError(name, "the file does not encode back to its own bytes; nothing written")
    if not write:
        label = one_line(name).lstrip("/")  # as git names an absolute path: a/tmp/deck.json5
        out.writelines(unified_diff(text, fixed.edits, label))
        return len(fixed.repairs)
    try:
        _replace(name, data, read.status)
    except OSError as error:
        raise DeckError(
            name, f"cannot write the file: {error.strerror or error}; nothing written"
        ) from None
    count = len(fixed.repairs)
    print(f"{visible(name)}: {count} repair{'s' if count != 1 else ''} written", file=err)
    return count


def _read(name: str, max_bytes: int) -> _Read:
    """The bytes of regular file ``name`` (not opened if it is anything else), within the limit."""
    path = Path(name)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise DeckNotFoundError(name, "not a regular file: fix reads and writes files only")
        with path.open("rb") as file:
            status = os.fstat(file.fileno())
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise DeckNotFoundError(name, f"cannot read the file: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise too_large(name, max_bytes)
    return _Read(data, status)


def _replace(name: str, data: bytes, before: os.stat_result) -> None:
    """Replace the file ``name`` (a symbolic link's target) by ``data``, atomically.

    Raises ``OSError``; then the file is as it was and no temporary file is left.
    """
    import tempfile  # here: only --write needs it

    target = Path(name).resolve()
    if not before.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(0, "it is read-only")  # renaming over it would work
    handle, name_of_temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".fix", dir=target.parent
    )
    temporary = Path(name_of_temporary)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(stat.S_IMODE(before.st_mode))
        if hasattr(os, "chown"):
            try:
                os.chown(temporary, before.st_uid, before.st_gid)
            except PermissionError:  # only root gives a file away: it stays the user's own
                pass
        now = target.stat()
        if (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != (
            before.st_dev,
            before.st_ino,
            before.st_size,
            before.st_mtime_ns,
        ):
            raise OSError(0, "it changed while it was being fixed; run fix again")
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk, where the system allows a folder to be opened."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
