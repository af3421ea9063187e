"""DeckError and its kinds: why a deck could not be loaded, and where."""

from __future__ import annotations

from tui_slides.deck.diagnostics import Diagnostic, Level


class DeckError(Exception):
    """A deck that cannot be loaded. ``str()`` is the whole message a person reads."""

    kind = "error"

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int = 1,
        col: int = 1,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.col = col
        self.source_line = source_line

    @property
    def diagnostic(self) -> Diagnostic:
        """The error as a diagnostic line, for ``check`` and ``--format json``."""
        return Diagnostic(self.path, self.line, self.col, Level.ERROR, self.message)

    def __str__(self) -> str:
        return self.shown(None)

    def shown(self, width: int | None) -> str:
        """The whole message, its excerpt fitted to ``width`` columns (the output's; None
        when unknown: ``tui_slides.deck.excerpt.UNKNOWN_WIDTH``)."""
        head = str(self.diagnostic)
        if self.source_line is None:
            return head
        from tui_slides.deck.excerpt import caret_lines  # only a failed load prints one

        return f"{head}\n{caret_lines(self.source_line, self.col, width)}"


class DeckSyntaxError(DeckError):
    """The file is not JSON5, and tolerant parsing could not repair it."""

    kind = "syntax"


class DeckEncodingError(DeckError):
    """The file's bytes are not text in an encoding the format allows."""

    kind = "encoding"


class DeckSchemaError(DeckError):
    """The file is JSON5 but not a deck (e.g. a number at the top)."""

    kind = "schema"


class DeckLimitError(DeckError):
    """The file is too large, too deep or has too long a string to load safely."""

    kind = "limit"


class DeckNotFoundError(DeckError):
    """The path does not exist or cannot be read."""

    kind = "io"


def too_large(name: str, max_bytes: int) -> DeckLimitError:
    """The error of a file over ``max_bytes``, the limit said in MB as typed (``0.01``, not
    the ``0.00999928`` its whole bytes come back as)."""
    limit = f"{max_bytes / 1024 / 1024:.3g}"
    return DeckLimitError(
        name, f"the file is larger than the {limit} MB limit (raise it with --max-size)"
    )
