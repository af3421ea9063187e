"""A deck's own Textual CSS (``--css FILE``, the deck's ``css`` field), checked before use.

Each file is parsed on its own first, with the theme's variables, by
Textual's public ``Stylesheet``: a file that does not parse is left out, so
the deck presents with the built-in styles, and the problem is one line
``file:line:col: message`` that the app shows and prints when it ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from textual.css.errors import StylesheetError
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.css.tokenizer import TokenError

from tui_slides.deck.model import shown


def css_problem(path: Path, variables: Mapping[str, str]) -> str | None:
    """Why the Textual CSS file ``path`` cannot be used (``file:line:col: ...``), or None."""
    name = shown(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return f"{name}: cannot read the CSS file: {reason}"
    stylesheet = Stylesheet(variables=dict(variables))
    try:
        stylesheet.add_source(text, read_from=(str(path), ""))
        stylesheet.parse()
    except TokenError as error:
        line, col = error.start
        return f"{name}:{line}:{col}: {shown(str(error), 300)}"
    except StylesheetParseError as error:
        return _first_error(name, error)
    except StylesheetError as error:
        return f"{name}: {shown(str(error), 300)}"
    return None


def _first_error(name: str, error: StylesheetParseError) -> str:
    """The first of a parse error's rule errors, as ``file:line:col: message``."""
    count = 0
    first = ""
    for rule in error.errors.rules:
        for token, message in rule.errors:
            count += 1
            if not first:
                where = token.referenced_by or token
                line, col = where.location
                summary = getattr(message, "summary", message)
                first = f"{name}:{line + 1}:{col + 1}: {shown(str(summary), 300)}"
    more = f" (and {count - 1} more)" if count > 1 else ""
    return f"{first}{more}" if first else f"{name}: the CSS does not parse"
