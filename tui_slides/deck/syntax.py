"""JSON5 parsing with source positions, strict or tolerant (repairing hand-made defects).

Plain JSON takes the standard library's fast path (see ``loader``); this parser
reads everything else: JSON5, repairing what people get wrong by hand or saying
exactly where the file is broken. It also finds the positions diagnostics need.

Repairs in tolerant mode, each reported as a warning with its line and column:
a missing comma between members or elements, raw line breaks inside a string,
doubled or leading commas, and brackets left open at the end of the file.
Each repair also records the text edit that makes it for good (``Parsed.edits``,
applied by ``tui-slides fix``): a comma inserted after the value, a stray comma
deleted, ``\\n\\`` put before each raw line break in a string (the ``\\n`` escape,
then a line continuation: the string keeps its value and the file its lines),
the closers appended at the end of the file, each on a line of its own.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import NoReturn

from tui_slides.deck.diagnostics import UNCLOSED_AT_END, Diagnostic, Level
from tui_slides.deck.errors import DeckError, DeckLimitError, DeckSyntaxError
from tui_slides.deck.source import Lines

MAX_DEPTH = 64
"""Deepest nesting of objects and arrays accepted; decks need five or so."""

Path = tuple[str | int, ...]
"""Where a value sits in the document: keys and indices from the top."""

Edit = tuple[int, int, str]
"""A repair made for good: replace ``text[start:end]`` by the replacement."""

_LINE_BREAKS = "\n\r\u2028\u2029"
_SKIP = re.compile(
    r"(?:[\t\v\f \u00a0\ufeff\n\r\u2028\u2029\u1680\u2000-\u200a\u202f\u205f\u3000]+"
    r"|//[^\n\r\u2028\u2029]*|/\*(?:[^*]|\*(?!/))*\*/)*"
)
_STRING = {  # JSON5 allows U+2028 and U+2029 raw in strings, but not LF or CR
    '"': re.compile(r'"([^"\\\n\r]*(?:\\(?:\r\n|[\s\S])[^"\\\n\r]*)*)"'),
    "'": re.compile(r"'([^'\\\n\r]*(?:\\(?:\r\n|[\s\S])[^'\\\n\r]*)*)'"),
}
_STRING_MULTILINE = {
    '"': re.compile(r'"([^"\\]*(?:\\[\s\S][^"\\]*)*)"'),
    "'": re.compile(r"'([^'\\]*(?:\\[\s\S][^'\\]*)*)'"),
}
_RAW_BREAK = re.compile(r"\r\n|[\n\r]")
_RAW_BREAK_OR_ESCAPE = re.compile(r"\\(?:\r\n|[\s\S])|\r\n|[\n\r]")
_NUMBER = re.compile(
    r"[+-]?(?:Infinity|NaN|0[xX][0-9a-fA-F]+"
    r"|(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
)
_IDENTIFIER = re.compile(
    r"(?:[^\W\d]|[$]|\\u[0-9a-fA-F]{4})(?:[\w$\u200c\u200d]|\\u[0-9a-fA-F]{4})*"
)
_ID_START = re.compile(r"[^\W\d]|[$_]")
_ID_PART = re.compile(r"[\w$\u200c\u200d]")
_ESCAPE = (
    r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|(\r\n|[\n\r\u2028\u2029])|(0(?![0-9]))|([\s\S]))"
)
"""An escape in a string; compiled by ``_escape`` for the first string that has one."""
_SIMPLE_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_LITERALS: dict[str, object] = {"true": True, "false": False, "null": None}


@cache
def _escape() -> re.Pattern[str]:
    """``_ESCAPE``, compiled (~0.2 ms) only for a deck with an escape in a string."""
    return re.compile(_ESCAPE)


class Parsed:
    """A parsed document, the repairs it needed, and where each value started.

    (A plain class, like the other internals on the loading path: a dataclass
    costs more to create than this one is worth at every start of the CLI.)
    """

    def __init__(self, value: object = None) -> None:
        self.value = value
        self.repairs: list[Diagnostic] = []
        self.positions: dict[Path, tuple[int, int]] = {}
        """Line and column of each value (and of each key, under ``path + ("<key>",)``)."""
        self.edits: list[Edit] = []
        """The text edits that make the repairs, in the order they were made."""


def parse(text: str, path: str, *, strict: bool = False) -> Parsed:
    """Parse JSON5 ``text``; raise ``DeckSyntaxError`` where it cannot be read.

    ``path`` names the file in diagnostics. In strict mode the first defect is
    an error; otherwise the repairs listed in the module docstring are made.
    """
    return _Parser(text, path, strict).parse_document()


def _describe(text: str, pos: int) -> str:
    if pos >= len(text):
        return "the end of the file"
    char = text[pos]
    if char in _LINE_BREAKS:
        return "a line break"
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"U+{ord(char):04X}"


class _Parser:
    def __init__(self, text: str, path: str, strict: bool) -> None:
        self.text = text
        self.path = path
        self.strict = strict
        self.lines = Lines(text)
        self.result = Parsed(None)

    # -- errors and repairs -------------------------------------------------

    def position(self, pos: int) -> tuple[int, int]:
        return self.lines.position(pos)

    def fail(self, pos: int, message: str, kind: type[DeckError] = DeckSyntaxError) -> NoReturn:
        line, col = self.position(pos)
        raise kind(self.path, message, line=line, col=col, source_line=self.lines.line_text(line))

    def expected(self, pos: int, what: str) -> NoReturn:
        self.fail(pos, f"expected {what}, found {_describe(self.text, pos)}")

    def repair(self, pos: int, defect: str, message: str, *edits: Edit, code: str = "") -> None:
        """Record a repair, its ``edits`` and ``code``, or in strict mode fail with the defect."""
        if self.strict:
            self.fail(pos, f"{defect} (tolerant mode would repair this; --strict is on)")
        line, col = self.position(pos)
        self.result.repairs.append(Diagnostic(self.path, line, col, Level.WARNING, message, code))
        self.result.edits.extend(edits)

    # -- scanning -----------------------------------------------------------

    def skip(self, pos: int) -> int:
        end = _SKIP.match(self.text, pos).end()  # type: ignore[union-attr]  # always matches
        if self.text.startswith("/*", end):
            self.fail(end, "unterminated block comment: '/*' is never closed by '*/'")
        return end

    def parse_document(self) -> Parsed:
        pos = self.skip(0)
        if pos >= len(self.text):
            self.fail(pos, "the file is empty: expected a slide object, an array or a deck object")
        value, pos = self.value(pos, (), 0)
        pos = self.skip(pos)
        if pos < len(self.text):
            self.expected(pos, "the end of the file after the top-level value")
        self.result.value = value
        return self.result

    def record(self, path: Path, pos: int) -> None:
        self.result.positions[path] = self.position(pos)

    def value(self, pos: int, path: Path, depth: int) -> tuple[object, int]:
        self.record(path, pos)
        text = self.text
        char = text[pos] if pos < len(text) else ""
        if char == "{":
            return self.parse_object(pos, path, depth + 1)
        if char == "[":
            return self.parse_array(pos, path, depth + 1)
        if char in "\"'":
            return self.string(pos)
        match = _NUMBER.match(text, pos)
        if match:
            return self.number(match)
        match = _IDENTIFIER.match(text, pos)
        if match and match.group() in _LITERALS:
            return _LITERALS[match.group()], match.end()
        if match:
            self.fail(
                pos, f"unknown word '{match.group()}': expected a value (a string needs quotes)"
            )
        self.expected(pos, "a value")

    def check_depth(self, pos: int, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.fail(pos, f"nesting deeper than {MAX_DEPTH} levels", DeckLimitError)

    def parse_object(self, start: int, path: Path, depth: int) -> tuple[object, int]:
        self.check_depth(start, depth)
        members: dict[str, object] = {}
        pos = self.skip(start + 1)
        pos = self.extra_commas(pos, "'{'")
        while True:
            if pos < len(self.text) and self.text[pos] == "}":
                return members, pos + 1
            if pos >= len(self.text):
                return members, self.close_at_end(start, "{")
            key, key_end = self.key(pos)
            member_path = (*path, key)
            self.record((*member_path, "<key>"), pos)
            pos = self.skip(key_end)
            if pos >= len(self.text) or self.text[pos] != ":":
                self.expected(pos, f"':' after the key '{key}'")
            pos = self.skip(pos + 1)
            if pos >= len(self.text):
                self.expected(pos, f"a value for the key '{key}'")
            members[key], value_end = self.value(pos, member_path, depth)
            pos = self.after_item(value_end, "}", "object member")

    def parse_array(self, start: int, path: Path, depth: int) -> tuple[object, int]:
        self.check_depth(start, depth)
        items: list[object] = []
        pos = self.skip(start + 1)
        pos = self.extra_commas(pos, "'['")
        while True:
            if pos < len(self.text) and self.text[pos] == "]":
                return items, pos + 1
            if pos >= len(self.text):
                return items, self.close_at_end(start, "[")
            item, value_end = self.value(pos, (*path, len(items)), depth)
            items.append(item)
            pos = self.after_item(value_end, "]", "array element")

    def after_item(self, value_end: int, closer: str, what: str) -> int:
        """Step past the separator after an item, to the next item, the closer or the end."""
        pos = self.skip(value_end)
        text = self.text
        if pos >= len(text):
            return pos
        char = text[pos]
        if char == ",":
            return self.extra_commas(self.skip(pos + 1), "','")
        if char == closer:
            return pos
        if char in "}]" or not self.starts_item(pos, closer):
            self.expected(pos, f"',' or '{closer}' after the {what}")
        self.repair(
            value_end,
            f"missing ',' between {what}s",
            f"missing ',' after this {what}; inserted one",
            (value_end, value_end, ","),
        )
        return pos

    def starts_item(self, pos: int, closer: str) -> bool:
        """Whether what stands at ``pos`` can begin the next member or element."""
        char = self.text[pos]
        if char in "\"'":
            return True
        if closer == "}":
            return _IDENTIFIER.match(self.text, pos) is not None
        return char in "{[" or bool(
            _NUMBER.match(self.text, pos) or _IDENTIFIER.match(self.text, pos)
        )

    def extra_commas(self, pos: int, after: str) -> int:
        while pos < len(self.text) and self.text[pos] == ",":
            self.repair(
                pos,
                f"unexpected ',' after {after}",
                f"stray ',' after {after}; removed",
                (pos, pos + 1, ""),
            )
            pos = self.skip(pos + 1)
        return pos

    def close_at_end(self, start: int, opener: str) -> int:
        line, col = self.position(start)
        end = len(self.text)
        self.repair(
            end,
            f"the file ends inside the '{opener}' opened at line {line}, column {col}",
            f"the file ends inside the '{opener}' opened at line {line}, column {col}; closed it",
            (end, end, self.own_line("}" if opener == "{" else "]")),
            code=UNCLOSED_AT_END,
        )
        return end

    def own_line(self, closer: str) -> str:
        """``closer`` on a line of its own at the end of the file, in the file's line endings.

        (After the file's last line break, or after a new one: the file may end in a comment.)
        """
        text = self.text
        if text.endswith("\n"):
            return closer + ("\r\n" if text.endswith("\r\n") else "\n")
        return ("\r\n" if "\r\n" in text else "\n") + closer

    def key(self, pos: int) -> tuple[str, int]:
        text = self.text
        if text[pos] in "\"'":
            value, end = self.string(pos)
            return str(value), end
        match = _IDENTIFIER.match(text, pos)
        if not match:
            self.expected(pos, "a key (a name or a quoted string) or '}'")
        name = match.group()
        if "\\" in name:
            name = self.identifier_escapes(pos, name)
        return name, match.end()

    def identifier_escapes(self, pos: int, name: str) -> str:
        decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), name)
        if not _ID_START.match(decoded[0]) or not all(_ID_PART.match(char) for char in decoded[1:]):
            self.fail(pos, f"'{name}' is not a valid key name: quote it")
        return decoded

    def string(self, pos: int) -> tuple[object, int]:
        quote = self.text[pos]
        match = _STRING[quote].match(self.text, pos)
        body, end = (match.group(1), match.end()) if match else self.multiline_string(pos, quote)
        return (self.unescape(pos, body) if "\\" in body else body), end

    def multiline_string(self, pos: int, quote: str) -> tuple[str, int]:
        """A string with raw line breaks: repaired when it plausibly ends well."""
        match = _STRING_MULTILINE[quote].match(self.text, pos)
        breaks = _RAW_BREAK.search(self.text, pos)
        if match is None or breaks is None or not self.plausible_end(match.end()):
            end = breaks.start() if breaks else len(self.text)
            self.fail(
                end,
                f"unterminated string: expected a closing {quote}"
                f" before {_describe(self.text, end)}",
            )
        count = len(_RAW_BREAK.findall(match.group(1)))
        self.repair(
            breaks.start(),
            "raw line break inside a string",
            f"raw line break inside a string ({count} in this string); kept as line breaks",
            *(
                (pos + 1 + found.start(), pos + 1 + found.end(), "\\n\\" + found.group())
                for found in _RAW_BREAK_OR_ESCAPE.finditer(match.group(1))
                if found.group()[0] != "\\"
            ),
        )
        return _RAW_BREAK.sub("\n", match.group(1)), match.end()

    def plausible_end(self, end: int) -> bool:
        """After a closing quote comes a separator, a closer, a key's ':' or the end."""
        pos = self.skip(end)
        return pos >= len(self.text) or self.text[pos] in ",:}]"

    def unescape(self, pos: int, body: str) -> str:
        def replace(match: re.Match[str]) -> str:
            hex2, hex4, continuation, zero, other = match.groups()
            if hex2 or hex4:
                return chr(int(hex2 or hex4, 16))
            if continuation is not None:
                return ""
            if zero:
                return "\0"
            if other in _SIMPLE_ESCAPES:
                return _SIMPLE_ESCAPES[other]
            if other.isdigit() or other in "xu":
                self.fail(pos + 1 + match.start(), f"invalid escape '\\{other}' in a string")
            return str(other)

        return _escape().sub(replace, body)

    def number(self, match: re.Match[str]) -> tuple[object, int]:
        end = match.end()
        if end < len(self.text) and (_ID_PART.match(self.text[end]) or self.text[end] == "."):
            self.fail(
                end,
                f"invalid number: unexpected {_describe(self.text, end)} after '{match.group()}'",
            )
        token = match.group()
        sign = -1 if token[0] == "-" else 1
        digits = token.lstrip("+-")
        if digits == "Infinity":
            return sign * math.inf, end
        if digits == "NaN":
            return math.nan, end
        if digits[:2] in ("0x", "0X"):
            return sign * int(digits, 16), end
        if any(char in digits for char in ".eE"):
            return sign * float(digits), end
        return sign * int(digits), end
