"""The headless presenting core: a ``Presentation``, its events and its clock, without Textual."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT
from tui_slides.deck.model import Block, Deck, Slide
from tui_slides.presenting.events import (
    AdvanceChanged,
    BlankChanged,
    ClockChanged,
    DeckReloaded,
    Event,
    MatchChanged,
    ProblemCleared,
    ReloadFailed,
    SearchChanged,
    SlideChanged,
    StepChanged,
    TypedChanged,
    as_dict,
    from_dict,
)
from tui_slides.presenting.navigation import MAX_TYPED_DIGITS
from tui_slides.presenting.presentation import Presentation


def deck(*texts: str, ids: tuple[str, ...] | None = None) -> Deck:
    """One slide per text, IDs ``1``.. (or ``ids``); each slide one block holding its text."""
    names = ids if ids is not None else tuple(str(n) for n in range(1, len(texts) + 1))
    slides = tuple(
        Slide(id=sid, name=f"N{sid}", content=(Block(title=f"T{sid}", text=text),))
        for sid, text in zip(names, texts, strict=True)
    )
    return Deck(slides=slides, source="mem")


def numbered(count: int) -> Deck:
    return deck(*(f"body {n}" for n in range(1, count + 1)))


class Recorder:
    """Subscribes to a presentation and keeps every event it is told."""

    def __init__(self, presentation: Presentation) -> None:
        self.events: list[Event] = []
        self.unsubscribe = presentation.subscribe(self.events.append)

    def take(self) -> list[Event]:
        taken, self.events[:] = list(self.events), []
        return taken


def test_a_new_presentation_starts_where_asked_clamped() -> None:
    assert Presentation(numbered(5)).index == 0
    assert Presentation(numbered(5), 3).index == 3
    assert Presentation(numbered(5), 99).index == 4
    assert Presentation(numbered(5), -2).index == 0
    empty = Presentation(Deck(slides=(), source="mem"), 4)
    assert (empty.index, empty.position, empty.total, empty.slide) == (0, 0, 0, None)


def test_every_move_is_one_event_with_where_it_came_from() -> None:
    talk = Presentation(numbered(5), 1)
    seen = Recorder(talk)
    talk.next()
    talk.previous()
    talk.last()
    talk.first()
    talk.go_to(3)
    assert seen.take() == [
        SlideChanged(2, 1),
        SlideChanged(1, 2),
        SlideChanged(4, 1),
        SlideChanged(0, 4),
        SlideChanged(3, 0),
    ]
    assert (talk.index, talk.position, talk.slide) == (3, 4, talk.deck.slides[3])


def test_nothing_is_told_when_nothing_changes() -> None:
    talk = Presentation(numbered(3), 2)
    seen = Recorder(talk)
    talk.next()  # the last slide already
    talk.last()
    talk.go_to(7)  # clamped: the last again
    talk.set_blank(False)
    talk.cancel()
    talk.pause_clock()  # not started
    assert seen.take() == []


@pytest.mark.parametrize(
    ("start", "keys", "index"),
    [
        (0, "7 enter", 6),
        (0, "7 first", 6),  # typed, then Home: that slide
        (9, "3 last", 2),  # typed, then End: that slide
        (0, "4 g", 3),
        (0, "4 G", 3),
        (5, "0 enter", 0),  # slide 0 does not exist: the first
        (0, "9 9 9 enter", 9),  # beyond the end: the last
        (4, "enter", 4),  # nothing typed: stays
        (4, "first", 0),
        (4, "last", 9),
    ],
)
def test_go_to_by_typed_number(start: int, keys: str, index: int) -> None:
    talk = Presentation(numbered(10), start)
    for key in keys.split():
        talk.key(key)
    assert (talk.index, talk.typed) == (index, "")


def test_typing_is_told_digit_by_digit_and_a_jump_forgets_it() -> None:
    talk = Presentation(numbered(20))
    seen = Recorder(talk)
    talk.type_digit("1")
    talk.type_digit("5")
    talk.key("backspace")
    talk.type_digit("2")
    talk.key("enter")
    assert seen.take() == [
        TypedChanged("1"),
        TypedChanged("15"),
        TypedChanged("1"),
        TypedChanged("12"),
        TypedChanged(""),
        SlideChanged(11, 0),
    ]
    for _ in range(MAX_TYPED_DIGITS + 2):
        talk.type_digit("9")
    assert talk.typed == "9" * MAX_TYPED_DIGITS


def test_go_to_forgets_a_typed_number() -> None:
    talk = Presentation(numbered(5))
    talk.type_digit("4")
    talk.go_to(1)
    assert (talk.index, talk.typed) == (1, "")


def test_cancel_forgets_the_number_then_the_search_then_the_problem() -> None:
    talk = Presentation(deck("alpha", "beta"))
    talk.search("alpha")
    talk.report_problem("talk.json5:1:1: error: broken")
    talk.type_digit("2")
    seen = Recorder(talk)
    assert talk.cancel() and talk.typed == "" and talk.query == "alpha"
    assert talk.cancel() and talk.query == "" and talk.problem
    assert talk.cancel() and talk.problem == ""
    assert not talk.cancel()
    assert seen.take() == [TypedChanged(""), SearchChanged("", 0), ProblemCleared()]


def test_blank_is_a_state_with_its_own_event() -> None:
    talk = Presentation(numbered(2))
    seen = Recorder(talk)
    talk.toggle_blank()
    assert talk.blank
    talk.set_blank(True)
    talk.toggle_blank()
    assert not talk.blank
    assert seen.take() == [BlankChanged(True), BlankChanged(False)]


def test_a_slide_without_pause_or_reveal_has_one_step_and_no_step_event() -> None:
    talk = Presentation(numbered(3))
    seen = Recorder(talk)
    assert (talk.step, talk.steps) == (0, 1)
    talk.next()
    talk.last()
    talk.previous()
    assert talk.step == 0
    assert seen.take() == [SlideChanged(1, 0), SlideChanged(2, 1), SlideChanged(1, 2)]


# -- search ---------------------------------------------------------------------------

SEARCHED = deck("cat here", "no match", "cat and cat", "dog", "a cat")
"""Matches of "cat": slide 0 (one), slide 2 (two), slide 4 (one)."""


def test_search_finds_matches_and_the_match_keys_step_through_them_in_order() -> None:
    talk = Presentation(SEARCHED)
    seen = Recorder(talk)
    talk.search("  CAT ")
    assert (talk.query, len(talk.matches), talk.match_rank) == ("CAT", 4, None)
    assert seen.take() == [SearchChanged("CAT", 4)]
    visited = []
    for _ in range(5):
        assert talk.next_match()
        match = talk.current_match
        assert match is not None
        visited.append((talk.index, match.slide, match.occurrence))
    assert visited == [(0, 0, 0), (2, 2, 0), (2, 2, 1), (4, 4, 0), (0, 0, 0)]  # wraps round
    assert seen.take()[:3] == [
        MatchChanged(0, 0, 0, 0),
        SlideChanged(2, 0),
        MatchChanged(1, 2, 0, 0),
    ]


def test_previous_match_steps_backwards_and_wraps_round() -> None:
    talk = Presentation(SEARCHED, 3)
    talk.search("cat")
    ranks = []
    for _ in range(5):
        assert talk.previous_match()
        ranks.append(talk.match_rank)
    assert ranks == [2, 1, 0, 3, 2]  # from slide 3: the last match before it first


@pytest.mark.parametrize(
    ("start", "direction", "rank"),
    [(0, 1, 0), (1, 1, 1), (2, 1, 1), (3, 1, 3), (4, -1, 3), (1, -1, 0), (0, -1, 0)],
)
def test_the_first_match_key_goes_to_the_nearest_match_from_here(
    start: int, direction: int, rank: int
) -> None:
    talk = Presentation(SEARCHED, start)
    talk.search("cat")
    assert talk.next_match() if direction > 0 else talk.previous_match()
    assert talk.match_rank == rank


def test_match_keys_with_no_match_say_so_and_stay() -> None:
    talk = Presentation(SEARCHED, 1)
    assert not talk.next_match()  # no search at all
    talk.search("zebra")
    assert not talk.next_match() and not talk.previous_match()
    assert talk.index == 1


def test_a_new_search_forgets_the_current_match() -> None:
    talk = Presentation(SEARCHED)
    talk.search("cat")
    talk.go_to_match(2)
    assert talk.index == 2 and talk.match_rank == 2
    talk.search("dog")
    assert talk.match_rank is None and talk.current_match is None
    talk.go_to_match(99)  # clamped
    assert talk.index == 3


# -- reload ---------------------------------------------------------------------------


def test_reload_keeps_the_slide_by_id_when_slides_move() -> None:
    talk = Presentation(deck("a", "b", "c", ids=("x", "y", "z")), 1)
    seen = Recorder(talk)
    talk.reload(deck("new", "a", "c", "b", ids=("w", "x", "z", "y")))
    assert talk.index == 3 and talk.slide is not None and talk.slide.id == "y"
    assert seen.take() == [DeckReloaded(3, 1, 4)]


def test_reload_falls_back_to_the_position_and_clamps_it() -> None:
    talk = Presentation(deck("a", "b", "c", ids=("x", "y", "z")), 2)
    talk.reload(deck("p", "q", "r", "s", ids=("1", "2", "3", "4")))
    assert talk.index == 2  # the ID is gone: the same position
    talk.reload(deck("only", ids=("9",)))
    assert talk.index == 0  # the deck shrank: clamped
    talk.reload(Deck(slides=(), source="mem"))
    assert (talk.index, talk.slide) == (0, None)


def test_reload_by_a_numeric_key_needs_the_same_id() -> None:
    """``Deck.find`` also takes a 1-based number: an ID "2" is not slide number 2."""
    talk = Presentation(deck("a", "b", ids=("2", "x")), 0)
    talk.reload(deck("p", "q", "r", ids=("y", "z", "w")))
    assert talk.index == 0


def test_reload_runs_the_search_again_and_clears_a_problem() -> None:
    talk = Presentation(deck("cat", "dog"))
    talk.search("cat")
    talk.report_problem("broken")
    seen = Recorder(talk)
    talk.reload(deck("cat", "cat cat"))
    assert len(talk.matches) == 3 and talk.problem == ""
    assert seen.take() == [ProblemCleared(), DeckReloaded(0, 0, 2), SearchChanged("cat", 3)]


def test_a_problem_is_told_and_kept_until_cleared() -> None:
    talk = Presentation(numbered(2))
    seen = Recorder(talk)
    talk.report_problem("talk.json5:3:4: error: no")
    assert talk.problem == "talk.json5:3:4: error: no"
    talk.clear_problem()
    talk.clear_problem()
    assert seen.take() == [ReloadFailed("talk.json5:3:4: error: no"), ProblemCleared()]


# -- the clock ------------------------------------------------------------------------


class FakeClock:
    """A time source the test sets by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_clock_counts_talk_time_without_the_pauses() -> None:
    time = FakeClock()
    talk = Presentation(numbered(2), clock=time)
    seen = Recorder(talk)
    assert (talk.clock.started, talk.clock.elapsed) == (False, 0.0)
    time.now = 110.0
    talk.start_clock()
    time.now = 130.0
    assert talk.clock.elapsed == 20.0
    talk.pause_clock()
    time.now = 200.0
    assert (talk.clock.paused, talk.clock.elapsed) == (True, 20.0)  # stands still
    talk.resume_clock()
    time.now = 205.0
    assert talk.clock.elapsed == 25.0
    talk.start_clock()  # running already: nothing
    talk.reset_clock()
    assert (talk.clock.started, talk.clock.paused, talk.clock.elapsed) == (False, False, 0.0)
    assert seen.take() == [
        ClockChanged(True, False, 0.0),
        ClockChanged(True, True, 20.0),
        ClockChanged(True, False, 20.0),
        ClockChanged(False, False, 0.0),
    ]


def test_the_clock_resets_while_paused_and_starts_again_from_zero() -> None:
    time = FakeClock()
    talk = Presentation(numbered(1), clock=time)
    talk.start_clock()
    time.now += 5
    talk.pause_clock()
    talk.pause_clock()  # paused already
    talk.reset_clock()
    time.now += 50
    talk.resume_clock()  # not paused: nothing
    assert talk.clock.elapsed == 0.0
    talk.start_clock()
    time.now += 3
    assert talk.clock.elapsed == 3.0


# -- subscribers and events -----------------------------------------------------------


def test_every_subscriber_is_told_in_order_until_it_unsubscribes() -> None:
    talk = Presentation(numbered(4))
    first, second = Recorder(talk), Recorder(talk)
    talk.next()
    first.unsubscribe()
    talk.next()
    assert first.take() == [SlideChanged(1, 0)]
    assert second.take() == [SlideChanged(1, 0), SlideChanged(2, 1)]


def test_a_subscriber_may_unsubscribe_while_being_told() -> None:
    talk = Presentation(numbered(4))
    told: list[Event] = []

    def once(event: Event) -> None:
        told.append(event)
        unsubscribe()

    unsubscribe = talk.subscribe(once)
    later = Recorder(talk)
    talk.next()
    talk.next()
    assert told == [SlideChanged(1, 0)]
    assert len(later.take()) == 2


EVENTS = st.one_of(
    st.builds(SlideChanged, st.integers(0, 10**6), st.integers(0, 10**6)),
    st.builds(TypedChanged, st.text()),
    st.builds(BlankChanged, st.booleans()),
    st.builds(SearchChanged, st.text(), st.integers(0, 10**4)),
    st.builds(MatchChanged, *(st.integers(0, 10**4) for _ in range(4))),
    st.builds(DeckReloaded, *(st.integers(0, 10**6) for _ in range(3))),
    st.builds(ReloadFailed, st.text()),
    st.just(ProblemCleared()),
    st.builds(ClockChanged, st.booleans(), st.booleans(), st.floats(0, 1e6, allow_nan=False)),
    st.builds(StepChanged, *(st.integers(0, 10**6) for _ in range(3))),
    st.builds(
        AdvanceChanged,
        st.sampled_from(["off", "running", "paused", "stopped"]),
        st.floats(0, 1e6, allow_nan=False),
    ),
)


@given(EVENTS)
def test_every_event_travels_as_one_json_line_and_comes_back_equal(event: Event) -> None:
    line = json.dumps(as_dict(event))
    assert "\n" not in line
    assert from_dict(json.loads(line)) == event


def test_from_dict_refuses_what_is_not_an_event() -> None:
    with pytest.raises(ValueError, match="not a presentation event"):
        from_dict({"event": "Quit"})
    with pytest.raises(ValueError, match="bad SlideChanged"):
        from_dict({"event": "SlideChanged", "index": 1})


def test_the_core_imports_neither_textual_nor_rich() -> None:
    probe = (
        "import sys\n"
        "import tui_slides.presenting.presentation, tui_slides.presenting.events\n"
        "import tui_slides.presenting.clock, tui_slides.app.options\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_events_are_frozen_records_compared_by_type_and_value() -> None:
    event = SlideChanged(2, 1)
    with pytest.raises(AttributeError, match="frozen"):
        event.index = 3
    assert event == SlideChanged(2, 1) and hash(event) == hash(SlideChanged(2, 1))
    assert event != SlideChanged(1, 2)
    assert TypedChanged("x") != ReloadFailed("x")  # same values, another kind of change
    assert ProblemCleared() == ProblemCleared()
    assert repr(MatchChanged(1, 2, 3, 4)) == "MatchChanged(rank=1, slide=2, block=3, occurrence=4)"
    assert as_dict(DeckReloaded(3, 1, 9)) == {
        "event": "DeckReloaded",
        "index": 3,
        "previous": 1,
        "total": 9,
    }


def test_no_module_of_the_app_or_the_core_imports_the_entry_point_even_lazily() -> None:
    """The entry point owns start-up (``PresenterOptions.on_first_paint``): no import circle."""
    import ast

    entry = {"tui_slides.cli", "tui_slides.startup", "tui_slides.arguments"}
    found = []
    for folder in ("app", "presenting"):
        for path in sorted((ROOT / "tui_slides" / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
                found += [f"{path.name}: {name}" for name in names if name in entry]
    assert found == []
