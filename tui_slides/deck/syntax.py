"""JSON5 parsing with source positions, strict or tolerant (repairing hand-made defects).

Plain JSON takes the standard library's fast path (see ``loader``); this parser
reads everything else: JSON5, repairing what people get wrong by hand or saying
exactly where the file is broken. It also finds the positions diagnostics need.

Repairs in tolerant mode, each a warning with its line and column (the first
``REPORTED_REPAIRS`` of a kind listed, the rest counted): a missing comma between
members or elements, raw line breaks inside a string, doubled or leading commas,
and brackets left open at the end of the file. Warned, as JSON5 allows them: a
lone surrogate escape (read as U+FFFD) and a duplicate key (the last value wins).

Asked for (``parse(..., edits=True)``, as ``tui-slides fix`` does), each repair
also records the text edit that makes it for good (``Parsed.edits``): a comma
inserted after the value, a stray comma deleted, ``\\n\\`` put before each raw
line break in a string (the ``\\n`` escape, then a line continuation: the string
keeps its value and the file its lines), the closers appended at the end of the
file, each on a line of its own. Loading does not ask: five million repairs
would be five million edits kept for nothing.

Memory does not grow with a comment, a string or a run of one character: no
regular expression repeats a group it must remember each turn of (a 15 MB
comment took 1.7 GB so), and lines are counted as the parser moves on.
"""

from __future__ import annotations

import re
from typing import NoReturn

from tui_slides.deck.diagnostics import UNCLOSED_AT_END, Diagnostic
from tui_slides.deck.errors import DeckError, DeckLimitError, DeckSyntaxError
from tui_slides.deck.findings import LISTED, Findings
from tui_slides.deck.numbers import from_token
from tui_slides.deck.source import Lines
from tui_slides.deck.strings import ONCE, RAW_BREAK, STRING, STRING_MULTILINE, short, unescape

MAX_DEPTH = 64
"""Deepest nesting of objects and arrays accepted; decks need five or so."""

REPORTED_REPAIRS = LISTED
"""Repairs (and warnings) of one kind listed one by one; the rest are counted in one line."""

MAX_VALUES = 1_000_000
"""Most values and keys in one file (100,000 blocks are a few hundred thousand)."""

MAX_POSITIONS = 300_000
"""Most values whose position is kept for diagnostics; beyond, one points at an enclosing value."""

LOCATED_DEPTH = 8
"""Deepest path a position is kept for: the schema reports at most six deep (a block's key)."""

Path = tuple[str | int, ...]
"""Where a value sits in the document: keys and indices from the top."""

_LINE_BREAKS = "\n\r\u2028\u2029"
_SPACE = re.compile(r"[\t\v\f \u00a0\ufeff\n\r\u2028\u2029\u1680\u2000-\u200a\u202f\u205f\u3000]*")
_LINE_END = re.compile(r"[\n\r\u2028\u2029]")
_NUMBER = re.compile(
    r"[+-]?(?:Infinity|NaN|0[xX][0-9a-fA-F]+"
    r"|(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
)
_IDENTIFIER = re.compile(  # unrolled: the group repeats once per escape, not per character
    r"(?:[^\W\d]|[$]|\\u[0-9a-fA-F]{4})[\w$\u200c\u200d]*"
    r"(?:\\u[0-9a-fA-F]{4}[\w$\u200c\u200d]*)" + ONCE
)
_ID_START = re.compile(r"[^\W\d]|[$_]")
_ID_PART = re.compile(r"[\w$\u200c\u200d]")
_LITERALS: dict[str, object] = {"true": True, "false": False, "null": None}
_COMMAS = re.compile(r",[\t\n\r ,]*")
"""A run of commas (and plain white space between them)."""
_RAW_BREAK_OR_ESCAPE = re.compile(r"\\(?:\r\n|[\s\S])|\r\n|[\n\r]")
"""A raw line break in a string's body, or an escape (which may escape one)."""

Edit = tuple[int, int, str]
"""A repair made for good: replace ``text[start:end]`` by the replacement."""


class Parsed:
    """A parsed document, the repairs it needed, and where each value started.

    (A plain class, like the other internals on the loading path: a dataclass
    costs more to create than this one is worth at every start of the CLI.)
    """

    def __init__(self, value: object = None) -> None:
        self.value = value
        self.repairs: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        """What is allowed but suspect (not repaired): lone surrogates, duplicate keys."""
        self.positions: dict[Path, int] = {}
        """Where each value starts (and each key, under ``path + ("<key>",)``), as an offset."""
        self.lines: Lines | None = None
        self.edits: list[Edit] = []
        """The text edits that make the repairs (with ``parse(..., edits=True)``), in order."""

    def locate(self, where: Path) -> tuple[int, int]:
        """Line and column of the value at ``where``, or of the nearest enclosing one known."""
        positions = self.positions
        while where and where not in positions:
            where = where[:-1]
        offset = positions.get(where)
        return (1, 1) if offset is None or self.lines is None else self.lines.position(offset)


def parse(
    text: str,
    path: str,
    *,
    strict: bool = False,
    listed: int | None = REPORTED_REPAIRS,
    unique_keys: bool = False,
    edits: bool = False,
) -> Parsed:
    """Parse JSON5 ``text``; raise ``DeckSyntaxError`` where it cannot be read.

    ``path`` names the file in diagnostics. In strict mode the first defect is
    an error; otherwise the repairs listed in the module docstring are made.
    ``listed`` repairs of each kind are recorded one by one, then one line
    counts the rest (``None``: record every repair). A duplicate key is valid
    JSON5 (the last value wins) and a warning, unless ``unique_keys`` makes it
    an error (the loader's ``--strict``). ``edits`` records the edit of every repair.
    """
    parser = _Parser(text, path, strict, listed)
    parser.unique_keys = unique_keys
    parser.record_edits = edits
    return parser.parse_document()


def positions(text: str, path: str) -> Parsed:
    """``text`` parsed tolerantly for the positions of its values: as far as it goes when
    it holds more than ``MAX_VALUES`` (the standard library's path has read it already)."""
    parser = _Parser(text, path, False, 0)
    try:
        return parser.parse_document()
    except DeckLimitError:
        if parser.values <= MAX_VALUES:
            raise
        return parser.result


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
    def __init__(self, text: str, path: str, strict: bool, listed: int | None = None) -> None:
        self.text = text
        self.path = path
        self.strict = strict
        self.lines = Lines(text)
        self.findings = Findings(path, self.lines, listed)
        self.result = Parsed(None)
        self.result.lines = self.lines
        self.result.repairs = self.findings.repairs
        self.result.warnings = self.findings.warnings
        self.values = 0
        self.unique_keys = False
        self.record_edits = False

    # -- errors and repairs -------------------------------------------------

    def position(self, pos: int) -> tuple[int, int]:
        return self.lines.position(pos)

    def fail(self, pos: int, message: str, kind: type[DeckError] = DeckSyntaxError) -> NoReturn:
        line, col = self.position(pos)
        raise kind(self.path, message, line=line, col=col, source_line=self.lines.line_at(pos))

    def expected(self, pos: int, what: str) -> NoReturn:
        self.fail(pos, f"expected {what}, found {_describe(self.text, pos)}")

    def repair(self, pos: int, defect: str, message: str, *edits: Edit, code: str = "") -> None:
        """Record a repair, the ``edits`` making it and its ``code`` if it has one,
        or in strict mode fail with the defect."""
        if self.strict:
            self.fail(pos, f"{defect} (tolerant mode would repair this; --strict is on)")
        self.findings.add(pos, defect, message, code=code)
        if self.record_edits:
            self.result.edits.extend(edits)

    def warn(self, pos: int, kind: str, message: str) -> None:
        """Record something allowed but suspect (not a repair: the text is not changed)."""
        self.findings.add(pos, kind, message, warning=True)

    # -- scanning -----------------------------------------------------------

    def skip(self, pos: int) -> int:
        """Past white space and comments from ``pos``."""
        text = self.text
        while True:
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # always matches
            if not text.startswith("/", pos):
                return pos
            if text.startswith("//", pos):
                line_end = _LINE_END.search(text, pos)
                pos = line_end.start() if line_end else len(text)
            elif text.startswith("/*", pos):
                end = text.find("*/", pos + 2)
                if end == -1:
                    self.fail(pos, "unterminated block comment: '/*' is never closed by '*/'")
                pos = end + 2
            else:
                return pos

    def parse_document(self) -> Parsed:
        pos = self.skip(0)
        if pos >= len(self.text):
            self.fail(pos, "the file is empty: expected a slide object, an array or a deck object")
        value, pos = self.value(pos, (), 0)
        pos = self.skip(pos)
        if pos < len(self.text):
            self.expected(pos, "the end of the file after the top-level value")
        self.findings.close()
        self.result.value = value
        return self.result

    def record(self, path: Path, pos: int) -> None:
        self.values += 1
        if self.values <= MAX_POSITIONS and len(path) <= LOCATED_DEPTH:
            self.result.positions[path] = pos
        if self.values > MAX_VALUES:
            message = f"more than {MAX_VALUES:,} values in one file: too many to load safely"
            self.fail(pos, message, DeckLimitError)

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
                pos,
                f"unknown word '{short(match.group())}': expected a value (a string needs quotes)",
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
            if key in members:
                self.duplicate(pos, key, (*member_path, "<key>"))
            self.record((*member_path, "<key>"), pos)
            pos = self.skip(key_end)
            if pos >= len(self.text) or self.text[pos] != ":":
                self.expected(pos, f"':' after the key '{short(key)}'")
            pos = self.skip(pos + 1)
            if pos >= len(self.text):
                self.expected(pos, f"a value for the key '{short(key)}'")
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

    def duplicate(self, pos: int, key: str, where: Path) -> None:
        """A key given twice in one object: the last value wins, as in JSON5 (strict: an error)."""
        if not self.unique_keys and not self.findings.listable("duplicate key"):
            self.warn(pos, "duplicate key", "duplicate key; the last value wins")
            return
        first = self.result.positions.get(where)
        line, col = self.position(first) if first is not None else (0, 0)
        message = f'duplicate key "{short(key)}" (first at {line}:{col})'
        if self.unique_keys:
            self.fail(pos, f"{message}; --strict is on")
        self.warn(pos, "duplicate key", f"{message}; the last value wins")

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
        defect, message = f"unexpected ',' after {after}", f"stray ',' after {after}; removed"
        while pos < len(self.text) and self.text[pos] == ",":
            if self.strict or self.record_edits or self.findings.listable(defect):
                self.repair(pos, defect, message, (pos, pos + 1, ""))
                pos = self.skip(pos + 1)
                continue
            run = _COMMAS.match(self.text, pos)  # no longer listed: count the run at once
            end = run.end()  # type: ignore[union-attr]  # a comma is there
            self.findings.add(pos, defect, message, count=self.text.count(",", pos, end))
            pos = self.skip(end)
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
            self.fail(pos, f"'{short(name)}' is not a valid key name: quote it")
        return decoded

    def string(self, pos: int) -> tuple[object, int]:
        quote = self.text[pos]
        match = STRING[quote].match(self.text, pos)
        body, end = (match.group(1), match.end()) if match else self.multiline_string(pos, quote)
        return (unescape(body, pos + 1, self.warn, self.fail) if "\\" in body else body), end

    def multiline_string(self, pos: int, quote: str) -> tuple[str, int]:
        """A string with raw line breaks: repaired when it plausibly ends well."""
        match = STRING_MULTILINE[quote].match(self.text, pos)
        breaks = RAW_BREAK.search(self.text, pos)
        if match is None or breaks is None or not self.plausible_end(match.end()):
            end = breaks.start() if breaks else len(self.text)
            self.fail(
                end,
                f"unterminated string: expected a closing {quote}"
                f" before {_describe(self.text, end)}",
            )
        body = match.group(1)
        count = body.count("\n") + body.count("\r") - body.count("\r\n")
        self.repair(
            breaks.start(),
            "raw line break inside a string",
            f"raw line break inside a string ({count} in this string); kept as line breaks",
            *(
                (pos + 1 + found.start(), pos + 1 + found.end(), "\\n\\" + found.group())
                for found in _RAW_BREAK_OR_ESCAPE.finditer(body)
                if found.group()[0] != "\\"
            )
            if self.record_edits
            else (),
        )
        return (RAW_BREAK.sub("\n", body) if "\r" in body else body), match.end()

    def plausible_end(self, end: int) -> bool:
        """After a closing quote comes a separator, a closer, a key's ':' or the end."""
        pos = self.skip(end)
        return pos >= len(self.text) or self.text[pos] in ",:}]"

    def number(self, match: re.Match[str]) -> tuple[object, int]:
        end = match.end()
        if end < len(self.text) and (_ID_PART.match(self.text[end]) or self.text[end] == "."):
            self.fail(
                end,
                f"invalid number: unexpected {_describe(self.text, end)}"
                f" after '{short(match.group())}'",
            )
        return from_token(match.group()), end
