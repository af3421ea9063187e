"""Deck source text: bytes to text (UTF-8 or UTF-16 by BOM) and offsets to line:col."""

from __future__ import annotations

import codecs

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
    """Maps character offsets in a text to 1-based ``(line, column)``, and to their lines.

    Lines are counted from the last offset asked about (the parser, then the
    schema, ask in order), so no table of every line start is kept: a file of
    15 million line breaks costs no memory, and each character is counted about
    once per pass.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._offset = 0
        """The offset last asked about, its line, and where that line starts."""
        self._line = 1
        self._start = 0

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the character at ``offset``."""
        text = self.text
        if offset < self._offset:  # backwards: an error, an opener, the schema after parsing
            if offset >= self._start:  # on the cursor's line
                return self._line, offset - self._start + 1
            # From the top, moving the cursor: what is asked next is most likely after it.
            self._offset, self._line, self._start = 0, 1, 0
        breaks = text.count("\n", self._offset, offset)
        if breaks:
            self._line += breaks
            self._start = text.rfind("\n", self._offset, offset) + 1
        self._offset = offset
        return self._line, offset - self._start + 1

    def line_at(self, offset: int) -> str:
        """The text of the line holding ``offset``, without its line ending."""
        text = self.text
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        return text[start : end if end != -1 else len(text)].rstrip("\r")
