"""A deck's own Textual CSS (``--css FILE``, the deck's ``css`` field), checked before use.

Each file is parsed on its own first, with the theme's variables, by
Textual's public ``Stylesheet``: a file that does not parse is left out, so
the deck presents with the built-in styles, and the problem is one line
``file:line:col: message`` that the app shows and prints when it ends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from textual.app import App
from textual.css.errors import StylesheetError
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.css.tokenizer import TokenError

from tui_slides.deck.model import shown


def add_css(app: App[int], files: Sequence[Path]) -> list[str]:
    """Add each of ``files`` that parses to ``app``'s stylesheets, in order, over the built-in
    ones (``App.css_path``, read as the app starts); why each of the others is left out."""
    variables = app.get_css_variables()
    problems: list[str] = []
    for path in files:
        problem = css_problem(path, variables)
        if problem is None:
            app.css_path.append(path)
        else:
            problems.append(problem)
    return problems


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
