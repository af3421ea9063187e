"""What a ``Presentation`` tells its subscribers: small frozen records of plain data.

Each event says what changed, in ints, strings and booleans only, so that a
view in another process (a presenter console, an audience over SSH or in a
browser) can receive it as one JSON line: ``as_dict`` and ``from_dict``.
A view reads anything else it needs from the ``Presentation`` itself.

The records are plain classes with ``__slots__`` on one small base, not
dataclasses: defining nine frozen dataclasses takes 2.6 ms when the presenter
starts (2% of its CPU time to the first paint, ``benchmarks/app_paint.py``),
these 0.2 ms. They behave as frozen dataclasses do: compared by type and
values, hashable, immutable, with a readable ``repr``.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeAlias


class _Record:
    """Frozen, compared by type and field values; the fields are the ``__slots__``, in order.

    (In the order of the ``__init__`` arguments, not sorted: ``repr`` and ``as_dict`` follow it.)
    """

    __slots__: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def _set(self, **values: object) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class SlideChanged(_Record):
    """The current slide is another one (``go_to``, ``next``, a match on another slide...).

    ``index``: the 0-based index of the slide now current; ``previous``: the one before.
    """

    __slots__ = ("index", "previous")
    index: int
    previous: int

    def __init__(self, index: int, previous: int) -> None:
        self._set(index=index, previous=previous)


class TypedChanged(_Record):
    """The digits typed for "go to slide" changed (``typed`` ``""``: none, or forgotten)."""

    __slots__ = ("typed",)
    typed: str

    def __init__(self, typed: str) -> None:
        self._set(typed=typed)


class BlankChanged(_Record):
    """The screen was blanked (``blank`` true) or shows the slide again."""

    __slots__ = ("blank",)
    blank: bool

    def __init__(self, blank: bool) -> None:
        self._set(blank=blank)


class SearchChanged(_Record):
    """A new search ``query`` (stripped; ``""``: cleared) with ``count`` matches; none current yet.

    ``count`` is at most ``presentation.MAX_MATCHES``.
    """

    __slots__ = ("query", "count")  # noqa: RUF023
    query: str
    count: int

    def __init__(self, query: str, count: int) -> None:
        self._set(query=query, count=count)


class MatchChanged(_Record):
    """The current search match moved (``next_match``, ``previous_match``, ``go_to_match``).

    ``rank``: its 0-based rank among the matches; ``slide``: its slide (now the
    current one); ``block``: its block in the slide; ``occurrence``: its rank
    among the block's matches. All 0-based.
    """

    __slots__ = ("rank", "slide", "block", "occurrence")  # noqa: RUF023
    rank: int
    slide: int
    block: int
    occurrence: int

    def __init__(self, rank: int, slide: int, block: int, occurrence: int) -> None:
        self._set(rank=rank, slide=slide, block=block, occurrence=occurrence)


class DeckReloaded(_Record):
    """A new version of the deck replaced the old one; the place was kept where possible.

    ``index``: the current slide in the new deck; ``previous``: the current
    slide in the old one (0-based); ``total``: how many slides the new deck has.
    """

    __slots__ = ("index", "previous", "total")
    index: int
    previous: int
    total: int

    def __init__(self, index: int, previous: int, total: int) -> None:
        self._set(index=index, previous=previous, total=total)


class ReloadFailed(_Record):
    """Reading the deck again failed; the last good deck stays.

    ``message`` is what a person reads: ``path:line:col: error: ...`` and,
    when the error has a position, the caret line.
    """

    __slots__ = ("message",)
    message: str

    def __init__(self, message: str) -> None:
        self._set(message=message)


class ProblemCleared(_Record):
    """The reload problem shown is gone (dismissed, or a good version was loaded)."""

    __slots__ = ()


class ClockChanged(_Record):
    """The talk's clock was started, paused, resumed or reset.

    ``elapsed``: seconds of talk so far, pauses left out, at the moment of the change.
    """

    __slots__ = ("started", "paused", "elapsed")  # noqa: RUF023
    started: bool
    paused: bool
    elapsed: float

    def __init__(self, started: bool, paused: bool, elapsed: float) -> None:
        self._set(started=started, paused=paused, elapsed=elapsed)


class StepChanged(_Record):
    """The reveal step shown changed, or a slide with steps was shown (after ``SlideChanged``
    or ``DeckReloaded``).

    ``index``: the current slide; ``step``: the step shown, 0-based; ``steps``:
    how many the slide has (``step == steps - 1``: complete). A view that gets a
    ``SlideChanged`` with no ``StepChanged`` after it shows a slide of one step.
    """

    __slots__ = ("index", "step", "steps")
    index: int
    step: int
    steps: int

    def __init__(self, index: int, step: int, steps: int) -> None:
        self._set(index=index, step=step, steps=steps)


class AdvanceChanged(_Record):
    """The automatic advance (``--advance``) started, paused, resumed or came to the end.

    ``state``: ``"running"``, ``"paused"``, ``"stopped"`` (at the end of a deck
    that does not loop) or ``"off"``; ``seconds``: its interval.
    """

    __slots__ = ("state", "seconds")  # noqa: RUF023
    state: str
    seconds: float

    def __init__(self, state: str, seconds: float) -> None:
        self._set(state=state, seconds=seconds)


Event: TypeAlias = (
    SlideChanged
    | TypedChanged
    | BlankChanged
    | SearchChanged
    | MatchChanged
    | DeckReloaded
    | ReloadFailed
    | ProblemCleared
    | ClockChanged
    | StepChanged
    | AdvanceChanged
)
"""Every event a ``Presentation`` sends."""

EVENTS: dict[str, type[_Record]] = {
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
        StepChanged,
        AdvanceChanged,
    )
}
"""Each event class by name: the ``"event"`` key of ``as_dict``."""


def as_dict(event: Event) -> dict[str, object]:
    """The event as plain data for a JSON line: ``{"event": "SlideChanged", "index": 3, ...}``."""
    data: dict[str, object] = {"event": type(event).__name__}
    for name in event.__slots__:
        data[name] = getattr(event, name)
    return data


def from_dict(data: dict[str, Any]) -> Event:
    """The event ``as_dict`` made ``data`` from; ``ValueError`` for anything else."""
    kind = EVENTS.get(str(data.get("event")))
    if kind is None:
        raise ValueError(f"not a presentation event: {data.get('event')!r}")
    values = {key: value for key, value in data.items() if key != "event"}
    if set(values) != set(kind.__slots__):
        raise ValueError(f"bad {kind.__name__}: fields {sorted(values)}")
    return kind(**values)  # type: ignore[return-value]
