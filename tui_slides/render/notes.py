"""Speaker notes as the console and ``show --notes`` print them: structured text, under a rule."""

from __future__ import annotations

from rich.console import RenderableType
from rich.rule import Rule

from tui_slides.render.block import render_text
from tui_slides.render.lines import Stack
from tui_slides.render.styles import DEFAULT_STYLES, SlideStyles

NOTES_TITLE = "Notes"
"""The title of the rule over a slide's notes."""
NO_NOTES = "(no notes for this slide)"
"""What the console shows for a slide without notes."""


def render_notes(notes: str, styles: SlideStyles = DEFAULT_STYLES) -> RenderableType:
    """``notes`` read as structured text (paragraphs, lists, headings), as a block's text is."""
    return render_text(notes, styles)


def notes_section(notes: str, styles: SlideStyles = DEFAULT_STYLES) -> RenderableType:
    """A "Notes" rule, then ``notes``: what ``show --notes`` prints under a slide."""
    return Stack(Rule(NOTES_TITLE, style=styles.muted), render_notes(notes, styles))
