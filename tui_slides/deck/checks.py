"""Checks across what the schema read: slides that show nothing, duplicate slide IDs.

``empty_slide_note`` is what ``check`` (and the presenter, once) can tell the
author of a slide that shows nothing while it holds unknown fields;
``report_duplicate_ids`` warns at every slide whose ``ID`` an earlier one has.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui_slides.deck.diagnostics import Level
from tui_slides.deck.fields import BLOCK_FIELDS, SLIDE_FIELDS, suggestion
from tui_slides.deck.model import Slide, shown

if TYPE_CHECKING:
    from tui_slides.deck.schema import Reader
    from tui_slides.deck.syntax import Path as ValuePath


def empty_slide_note(slide: Slide, *, whole_file: bool = False) -> str | None:
    """What to tell the author of a slide that shows nothing but holds unknown fields
    (``contents`` for ``content``, a block's ``image``...), or ``None``. ``whole_file``: the
    slide is the file's one object, which may have meant to be a deck (``slide`` for
    ``slides``)."""
    if not slide.is_empty:
        return None
    known = SLIDE_FIELDS | {"slides"} if whole_file else SLIDE_FIELDS
    found = [(key, known) for key in slide.extra]
    for block in slide.content:
        found.extend((key, BLOCK_FIELDS) for key in block.extra)
    if not found:
        return None
    names = []
    for key, known in found[:4]:  # the suggestions of the first few: a deck may have 100,000
        meant = suggestion(key, known)
        names.append(f"'{shown(key)}'" + (f" (did you mean '{meant}'?)" if meant else ""))
    more = f" and {len(found) - 4} more" if len(found) > 4 else ""
    return f"this slide shows nothing; it has unknown fields {', '.join(names)}{more}"


def report_duplicate_ids(slides: Iterable[tuple[Reader, ValuePath, Slide]]) -> None:
    """Warn at each slide whose ``ID`` an earlier slide of the deck has, naming where that
    one is (``file:line:col``): ``--slide`` and the overview would find only the first."""
    first: dict[str, tuple[Reader, ValuePath]] = {}
    for reader, where, slide in slides:
        if not slide.id:
            continue
        earlier = first.setdefault(slide.id, (reader, where))
        if earlier == (reader, where):
            continue
        other, at = earlier
        line, col = other.locate((*at, "ID"))
        message = (
            f"duplicate ID '{shown(slide.id)}': the slide at"
            f" {shown(other.path)}:{line}:{col} has it too"
        )
        reader.report(Level.WARNING, (*where, "ID"), message)
