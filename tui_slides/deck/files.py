"""Whether a path names a regular file, and if not what it is: asked of ``os.stat`` alone.

Nothing here opens a file: a FIFO would block the open, a device could stream
for ever. The loader (a deck file, a media file's warning in ``check``) and the
media layer (the presenter's image placeholder, the video card and the play
key) ask ``file_problem`` and say what it says.
"""

from __future__ import annotations

import errno
import os
import stat

FILE_NOT_FOUND = "file not found"
"""Nothing is there; also a name no file can have (a NUL, a lone surrogate, too long)."""

_NOT_THERE = (errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG)
"""What ``os.stat`` fails with where no file is: none, a file where a folder is named, a
name too long for the system."""


def file_problem(path: str | os.PathLike[str]) -> str | None:
    """None when ``path`` is a regular file (after symbolic links); else why a file's
    contents cannot be read from it (``regular_file``)."""
    found = regular_file(path)
    return found if isinstance(found, str) else None


def regular_file(path: str | os.PathLike[str]) -> os.stat_result | str:
    """The ``os.stat`` of the regular file ``path`` (after symbolic links), or why there is
    none: ``FILE_NOT_FOUND``, ``not a regular file (a folder)`` (``special_kind``), or
    ``cannot read the file (Permission denied)``."""
    try:
        info = os.stat(path)  # noqa: PTH116 - the deck layer has no pathlib (see MediaRef.path)
    except ValueError:  # a NUL in the name, or a lone surrogate: no file can have it
        return FILE_NOT_FOUND
    except OSError as error:
        if error.errno in _NOT_THERE:
            return FILE_NOT_FOUND
        return f"cannot read the file ({error.strerror or error})"
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({special_kind(info.st_mode)})"
    return info


def special_kind(mode: int) -> str:
    """What kind of file that is not a regular one ``mode`` describes: ``a folder``..."""
    kinds = (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")
