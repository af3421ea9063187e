"""A deck's own Textual CSS (``--css FILE``, the deck's ``css`` field), checked before use.

Each file is parsed on its own first, with the theme's variables, by
Textual's public ``Stylesheet``: a file that does not parse is left out, so
the deck presents without its rules, and the problem is one line
``file:line:col: message`` that the app shows (and prints when it ends, if the
file is still bad then).
``restyle`` reads them again when the deck is reloaded (``r``, ``--watch``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath

from textual.app import App
from textual.css.errors import StylesheetError
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.css.tokenizer import TokenError

from tui_slides.deck.errors import DeckEncodingError
from tui_slides.deck.model import shown
from tui_slides.deck.source import decode


def add_css(app: App[int], files: Sequence[Path]) -> list[str]:
    """Add each of ``files`` that parses to ``app``'s stylesheets, in order, over the built-in
    ones (``App.css_path``, read as the app starts); why each of the others is left out."""
    good, problems = _checked(app, files)
    app.css_path.extend(good)
    return problems


def restyle(app: App[int], built_in: Sequence[Path], files: Sequence[Path]) -> list[str]:
    """Style the running ``app`` with its ``built_in`` files and each of ``files`` that parses,
    read again from disk (a file that went, or stopped parsing, leaves its rules with it);
    why each of the others is left out. The screens are restyled at once."""
    good, problems = _checked(app, files)
    paths: list[Path] = [*built_in, *good]
    gone = {_source_key(path) for path in app.css_path} - {_source_key(path) for path in paths}
    stylesheet = app.stylesheet.copy()
    for key in [key for key in stylesheet.source if key[0] in gone and not key[1]]:
        del stylesheet.source[key]  # a file no longer used: its rules go with it
    try:
        stylesheet.read_all(paths)
        stylesheet.parse()
    except (StylesheetError, TokenError) as error:  # changed again since it was checked
        return [*problems, f"the CSS was not reloaded: {shown(str(error), 300)}"]
    app.stylesheet = stylesheet
    app.css_path = paths
    stylesheet.update(app)
    for screen in app.screen_stack:
        stylesheet.update(screen)
    return problems


def _source_key(path: PurePath) -> str:
    """The name ``Stylesheet.read`` keeps a file's rules under (not resolved: as Textual does)."""
    return os.path.abspath(os.path.expanduser(path))  # noqa: PTH100, PTH111


def _checked(app: App[int], files: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """``files`` that parse (with ``app``'s variables), and why each of the others does not."""
    variables = app.get_css_variables()
    good: list[Path] = []
    problems: list[str] = []
    for path in files:
        problem = css_problem(path, variables)
        if problem is None:
            good.append(path)
        else:
            problems.append(problem)
    return good, problems


def css_problem(path: Path, variables: Mapping[str, str]) -> str | None:
    """Why the Textual CSS file ``path`` cannot be used (``file:line:col: ...``), or None."""
    name = shown(str(path))
    try:
        text = decode(path.read_bytes(), str(path))  # as a deck is read: UTF-8, a BOM...
    except OSError as error:
        return f"{name}: cannot read the CSS file: {error.strerror or error}"
    except DeckEncodingError as error:
        return f"{name}:{error.line}:{error.col}: {error.message}"
    try:
        _parsed(text, path, variables)
    except TokenError as error:  # Textual stops at the first token it cannot read
        line, col = error.start
        said = f"{name}:{line}:{col}: {shown(str(error).replace('.; ', '. '), 300)}"
        before = "".join(text.splitlines(keepends=True)[: line - 1])
        try:  # what the lines before it hold, found first in reading order
            _parsed(before, path, variables)
        except StylesheetParseError as earlier:
            first, count = _rule_errors(name, earlier)
            return f"{first} (and {count} more)" if first else said
        except (TokenError, StylesheetError):
            pass
        return said
    except StylesheetParseError as error:
        first, count = _rule_errors(name, error)
        more = f" (and {count - 1} more)" if count > 1 else ""
        return f"{first}{more}" if first else f"{name}: the CSS does not parse"
    except StylesheetError as error:
        return f"{name}: {shown(str(error), 300)}"
    return None


def _parsed(text: str, path: Path, variables: Mapping[str, str]) -> None:
    """Parse ``text`` as ``path``'s CSS; raises as Textual does."""
    stylesheet = Stylesheet(variables=dict(variables))
    stylesheet.add_source(text, read_from=(str(path), ""))
    stylesheet.parse()


def _rule_errors(name: str, error: StylesheetParseError) -> tuple[str, int]:
    """The first of a parse error's rule errors, as ``file:line:col: message``, and how many."""
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
    return first, count
