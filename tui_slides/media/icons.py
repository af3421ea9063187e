"""The real sizes of the images inside an icon (ICO) file, read from their headers.

Pillow decodes an icon as it opens it, and each image inside declares its own
size, whatever the icon's directory says: ``media.images`` reads these sizes
first, to refuse an icon that would decode too many pixels.
"""

from __future__ import annotations

import struct
from pathlib import Path

_ICON_MAGIC = b"\x00\x00\x01\x00"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def icon_sizes(path: Path) -> list[tuple[int, int]] | None:
    """The real size of every image in an icon file, or ``None`` for any other file.

    An icon is a directory of entries, each naming where its image starts; the
    image is a PNG (whose IHDR chunk declares its size) or a bitmap (whose
    header does, twice the height: the transparency mask follows the colours).
    The directory's own sizes are one byte each and may lie. Reads a few bytes
    per entry.
    """
    with path.open("rb") as file:
        head = file.read(6)
        if len(head) < 6 or head[:4] != _ICON_MAGIC:
            return None
        count = int.from_bytes(head[4:6], "little")
        directory = file.read(16 * count)
        sizes = []
        for start in range(0, len(directory) - 15, 16):
            entry = directory[start : start + 16]
            width, height = entry[0] or 256, entry[1] or 256
            file.seek(int.from_bytes(entry[12:16], "little"))
            inner = file.read(24)
            if inner[:8] == _PNG_MAGIC:
                if len(inner) < 24:
                    continue  # cut short: Pillow reports the file as corrupt
                width, height = struct.unpack(">II", inner[16:24])
            elif len(inner) >= 12:
                bitmap_width, bitmap_height = struct.unpack("<ii", inner[4:12])
                width, height = abs(bitmap_width), abs(bitmap_height) // 2
            sizes.append((width, height))
        return sizes
