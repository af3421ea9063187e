"""The named styles slide text is drawn with, so one theme can drive every renderer."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style


@dataclass(frozen=True)
class SlideStyles:
    """Every style the slide renderers use, by role.

    ``DEFAULT_STYLES`` suits dark and light terminals alike; the app builds its
    own from its Textual theme, e.g.
    ``dataclasses.replace(DEFAULT_STYLES, title=Style(color=theme.primary, bold=True))``.
    """

    title: Style = field(default_factory=lambda: Style(bold=True, color="cyan"))
    """A block's title."""
    heading: Style = field(default_factory=lambda: Style(bold=True))
    """A section heading inside a block's text (``Цель проекта:``)."""
    lead_in: Style = field(default_factory=lambda: Style(italic=True))
    """A line ending with ``:`` that introduces a list."""
    paragraph: Style = field(default_factory=lambda: Style())
    """Paragraphs and the text of list items."""
    bullet: Style = field(default_factory=lambda: Style(color="cyan"))
    """A bullet list's markers."""
    number: Style = field(default_factory=lambda: Style(color="cyan", bold=True))
    """A numbered list's numbers and letters."""
    header: Style = field(default_factory=lambda: Style(bold=True))
    """The line above each slide in ``tui-slides show``: position, ID and title."""
    logo: Style = field(default_factory=lambda: Style(color="cyan"))
    """The logo title beside that line."""
    muted: Style = field(default_factory=lambda: Style(dim=True))
    """Rules and notices such as an empty slide."""
    code_theme: str = "monokai"
    """The Pygments theme for code in Markdown blocks."""


DEFAULT_STYLES = SlideStyles()
"""The styles used when a caller brings none."""
