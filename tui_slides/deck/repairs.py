"""The tolerant parser's repairs: missing and stray commas, raw line breaks, closers at the end.

``Repairs`` is a part of ``syntax``'s parser (a mixin): each repair is reported,
and in strict mode is an error instead (``repair``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from tui_slides.deck.diagnostics import UNCLOSED_AT_END
from tui_slides.deck.strings import RAW_BREAK, STRING_MULTILINE
from tui_slides.deck.tokens import COMMAS, IDENTIFIER, NUMBER, RAW_BREAK_OR_ESCAPE, describe

if TYPE_CHECKING:
    from tui_slides.deck.findings import Findings


class Repairs:
    """What the parser repairs in tolerant mode (its text, options and reporting, below)."""

    text: str
    strict: bool
    record_edits: bool
    findings: Findings

    if TYPE_CHECKING:  # the parser's own, which these repairs use

        def skip(self, pos: int) -> int: ...
        def position(self, pos: int) -> tuple[int, int]: ...
        def fail(self, pos: int, message: str) -> NoReturn: ...
        def expected(self, pos: int, what: str) -> NoReturn: ...
        def repair(
            self, pos: int, defect: str, message: str, *edits: tuple[int, int, str], code: str = ""
        ) -> None: ...

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
            return IDENTIFIER.match(self.text, pos) is not None
        return char in "{[" or bool(
            NUMBER.match(self.text, pos) or IDENTIFIER.match(self.text, pos)
        )

    def extra_commas(self, pos: int, after: str) -> int:
        defect, message = f"unexpected ',' after {after}", f"stray ',' after {after}; removed"
        while pos < len(self.text) and self.text[pos] == ",":
            if self.strict or self.record_edits or self.findings.listable(defect):
                self.repair(pos, defect, message, (pos, pos + 1, ""))
                pos = self.skip(pos + 1)
                continue
            run = COMMAS.match(self.text, pos)  # no longer listed: count the run at once
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

    def multiline_string(self, pos: int, quote: str) -> tuple[str, int]:
        """A string with raw line breaks: repaired when it plausibly ends well."""
        match = STRING_MULTILINE[quote].match(self.text, pos)
        breaks = RAW_BREAK.search(self.text, pos)
        if match is None or breaks is None or not self.plausible_end(match.end()):
            end = breaks.start() if breaks else len(self.text)
            self.fail(
                end,
                f"unterminated string: expected a closing {quote}"
                f" before {describe(self.text, end)}",
            )
        body = match.group(1)
        count = body.count("\n") + body.count("\r") - body.count("\r\n")
        self.repair(
            breaks.start(),
            "raw line break inside a string",
            f"raw line break inside a string ({count} in this string); kept as line breaks",
            *(
                (pos + 1 + found.start(), pos + 1 + found.end(), "\\n\\" + found.group())
                for found in RAW_BREAK_OR_ESCAPE.finditer(body)
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
