"""Deck source text: bytes to text (UTF-8 or UTF-16 by BOM) and offsets to line:col."""

from __future__ import annotations

import codecs
from bisect import bisect_right

from tui_slides.deck.errors import DeckEncodingError


def decode(data: bytes, path: str) -> str:
    """Decode a deck file: UTF-8 with or without BOM, or UTF-16 with a BOM.

    Line endings are left alone (CRLF is handled by the parser and the text
    renderer); anything else is a ``DeckEncodingError`` naming the byte offset.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data, "utf-8", 3, path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        return _decode(data, encoding, 2, path)
    return _decode(data, "utf-8", 0, path)


def _decode(data: bytes, encoding: str, skip: int, path: str) -> str:
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = error.start + skip
        text = data[skip : error.start].decode(encoding, errors="replace")
        lines = Lines(text)
        line, col = lines.position(len(text))
        raise DeckEncodingError(
            path,
            f"invalid {encoding.upper()} at byte offset {offset}"
            f" (byte 0x{data[offset]:02X}): save the file as UTF-8",
            line=line,
            col=col,
        ) from None
    nul = text.find("\0")
    if nul != -1:  # no text file holds a raw NUL: most likely UTF-16 without a BOM
        line, col = Lines(text).position(nul)
        offset = skip + len(text[:nul].encode(encoding))
        raise DeckEncodingError(
            path,
            f"NUL byte at byte offset {offset}: this is not a text file"
            " (UTF-16 needs a byte order mark; UTF-8 is best)",
            line=line,
            col=col,
        )
    return text


class Lines:
    """Maps character offsets in a text to 1-based ``(line, column)`` and back to lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        index = find("\n")
        while index != -1:
            starts.append(index + 1)
            index = find("\n", index + 1)
        self.starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the character at ``offset``."""
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line``, without its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r")
