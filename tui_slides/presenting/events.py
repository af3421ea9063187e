"""What a ``Presentation`` tells its subscribers: small frozen records of plain data.

Each event says what changed, in ints, strings and booleans only, so that a
view in another process (a presenter console, an audience over SSH or in a
browser) can receive it as one JSON line: ``as_dict`` and ``from_dict``.
A view reads anything else it needs from the ``Presentation`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Union


@dataclass(frozen=True, slots=True)
class SlideChanged:
    """The current slide is another one (``go_to``, ``next``, a match on another slide...)."""

    index: int
    """The 0-based index of the slide now current."""
    previous: int
    """The 0-based index of the slide current before."""


@dataclass(frozen=True, slots=True)
class TypedChanged:
    """The digits typed for "go to slide" changed (``""``: none, or forgotten)."""

    typed: str


@dataclass(frozen=True, slots=True)
class BlankChanged:
    """The screen was blanked (``blank`` true) or shows the slide again."""

    blank: bool


@dataclass(frozen=True, slots=True)
class SearchChanged:
    """A new search query (``""``: the search is cleared); no match is current yet."""

    query: str
    """The query, stripped, as highlighted on the slides."""
    count: int
    """How many matches were found (at most ``MAX_MATCHES``)."""


@dataclass(frozen=True, slots=True)
class MatchChanged:
    """The current search match moved (``next_match``, ``previous_match``, ``go_to_match``)."""

    rank: int
    """The 0-based rank of the match among the search's matches."""
    slide: int
    """The 0-based index of its slide (now the current slide)."""
    block: int
    """The 0-based index of its block in the slide."""
    occurrence: int
    """Its 0-based rank among the block's matches."""


@dataclass(frozen=True, slots=True)
class DeckReloaded:
    """A new version of the deck replaced the old one; the place was kept where possible."""

    index: int
    """The 0-based index of the current slide in the new deck."""
    previous: int
    """The 0-based index of the current slide in the old deck."""
    total: int
    """How many slides the new deck has."""


@dataclass(frozen=True, slots=True)
class ReloadFailed:
    """Reading the deck again failed; the last good deck stays (``message`` says why)."""

    message: str
    """What a person reads: ``path:line:col: error: ...`` and, when known, the caret line."""


@dataclass(frozen=True, slots=True)
class ProblemCleared:
    """The reload problem shown is gone (dismissed, or a good version was loaded)."""


@dataclass(frozen=True, slots=True)
class ClockChanged:
    """The talk's clock was started, paused, resumed or reset."""

    started: bool
    paused: bool
    elapsed: float
    """Seconds of talk so far, pauses left out, at the moment of the change."""


Event = Union[
    SlideChanged,
    TypedChanged,
    BlankChanged,
    SearchChanged,
    MatchChanged,
    DeckReloaded,
    ReloadFailed,
    ProblemCleared,
    ClockChanged,
]
"""Every event a ``Presentation`` sends."""

EVENTS: dict[str, type[Event]] = {
    kind.__name__: kind
    for kind in (
        SlideChanged,
        TypedChanged,
        BlankChanged,
        SearchChanged,
        MatchChanged,
        DeckReloaded,
        ReloadFailed,
        ProblemCleared,
        ClockChanged,
    )
}
"""Each event class by name: the ``"event"`` key of ``as_dict``."""


def as_dict(event: Event) -> dict[str, object]:
    """The event as plain data for a JSON line: ``{"event": "SlideChanged", "index": 3, ...}``."""
    data: dict[str, object] = {"event": type(event).__name__}
    for field in fields(event):
        data[field.name] = getattr(event, field.name)
    return data


def from_dict(data: dict[str, object]) -> Event:
    """The event ``as_dict`` made ``data`` from; ``ValueError`` for anything else."""
    kind = EVENTS.get(str(data.get("event")))
    if kind is None:
        raise ValueError(f"not a presentation event: {data.get('event')!r}")
    values = {key: value for key, value in data.items() if key != "event"}
    try:
        return kind(**values)  # type: ignore[arg-type]
    except TypeError as error:
        raise ValueError(f"bad {kind.__name__}: {error}") from None
