"""Incremental reveal in the headless core: ``navigation.walk`` as a table, the ``Presentation``'s
steps, jumps shown complete, reloads that keep the step, and the ``StepChanged`` events."""

from __future__ import annotations

import pytest

from tui_slides.deck.model import Block, Deck, Reveal, Slide
from tui_slides.presenting.events import DeckReloaded, Event, SlideChanged, StepChanged
from tui_slides.presenting.navigation import walk
from tui_slides.presenting.presentation import Presentation
from tui_slides.presenting.search import search_deck

STEPS = (1, 3, 1, 2)
"""Steps of the slides of ``DECK``: slide 1 has three, slide 3 two."""


def _slide(number: int, steps: int) -> Slide:
    blocks = [Block(title=f"Slide {number}", text=f"body {number}")]
    blocks += [Block(text=f"step {n} of {number}", pause=True) for n in range(1, steps)]
    return Slide(id=str(number), name=f"S{number}", content=tuple(blocks))


def make_deck(steps: tuple[int, ...] = STEPS) -> Deck:
    return Deck(slides=tuple(_slide(n, s) for n, s in enumerate(steps, 1)), source="mem")


DECK = make_deck()


def last(index: int) -> int:
    return STEPS[index] - 1


@pytest.mark.parametrize(
    ("at", "direction", "loop", "expected"),
    [
        ((0, 0), 1, False, (1, 0)),  # a slide of one step: on to the next, at its first step
        ((1, 0), 1, False, (1, 1)),  # the next step
        ((1, 1), 1, False, (1, 2)),
        ((1, 2), 1, False, (2, 0)),  # from the last step only: the next slide
        ((3, 1), 1, False, (3, 1)),  # the end: stays
        ((3, 1), 1, True, (0, 0)),  # looping: the first slide, from its start
        ((3, 0), 1, True, (3, 1)),  # looping still shows every step
        ((1, 2), -1, False, (1, 1)),  # back a step
        ((1, 0), -1, False, (0, 0)),
        ((2, 0), -1, False, (1, 2)),  # back to a slide: complete
        ((0, 0), -1, False, (0, 0)),  # the start: stays
        ((0, 0), -1, True, (3, 1)),  # looping: the last slide, complete
    ],
)
def test_walk(at: tuple[int, int], direction: int, loop: bool, expected: tuple[int, int]) -> None:
    assert walk(*at, len(STEPS), last, direction, loop=loop) == expected


def test_walk_in_an_empty_deck_stays_at_zero() -> None:
    assert walk(0, 0, 0, last, 1, loop=True) == (0, 0)
    assert walk(0, 0, 0, last, -1, loop=True) == (0, 0)


class Recorder:
    def __init__(self, talk: Presentation) -> None:
        self.events: list[Event] = []
        talk.subscribe(self.events.append)

    def take(self) -> list[Event]:
        taken, self.events[:] = list(self.events), []
        return taken


def test_next_shows_each_step_then_the_next_slide_from_its_first() -> None:
    talk = Presentation(DECK)
    seen = Recorder(talk)
    places = []
    for _ in range(8):
        talk.next()
        places.append((talk.index, talk.step, talk.steps))
    assert (
        places
        == [(1, 0, 3), (1, 1, 3), (1, 2, 3), (2, 0, 1), (3, 0, 2), (3, 1, 2)] + [(3, 1, 2)] * 2
    )
    assert seen.take() == [
        SlideChanged(1, 0),
        StepChanged(1, 0, 3),  # a slide with steps: which one is shown
        StepChanged(1, 1, 3),
        StepChanged(1, 2, 3),
        SlideChanged(2, 1),  # one step: no StepChanged
        SlideChanged(3, 2),
        StepChanged(3, 0, 2),
        StepChanged(3, 1, 2),
    ]


def test_previous_goes_back_a_step_and_to_the_slide_before_complete() -> None:
    talk = Presentation(DECK, 3)
    seen = Recorder(talk)
    talk.next()
    talk.previous()
    talk.previous()  # from step 0: slide 2, one step
    talk.previous()  # slide 1 complete
    talk.key("backspace")  # nothing typed: back a step too
    assert (talk.index, talk.step) == (1, 1)
    assert seen.take() == [
        StepChanged(3, 1, 2),
        StepChanged(3, 0, 2),
        SlideChanged(2, 3),
        SlideChanged(1, 2),
        StepChanged(1, 2, 3),
        StepChanged(1, 1, 3),
    ]


@pytest.mark.parametrize(
    "jump",
    [
        lambda talk: talk.go_to(0),
        lambda talk: [talk.type_digit("1"), talk.key("enter")],
        lambda talk: [talk.type_digit("3"), talk.key("G")],
        lambda talk: talk.first(),
        lambda talk: talk.last(),
    ],
    ids=["go_to", "number Enter", "number G", "first", "last"],
)
def test_a_jump_shows_the_slide_complete(jump: object) -> None:
    talk = Presentation(make_deck((3, 1, 3)), 1)
    jump(talk)  # type: ignore[operator]
    assert talk.index != 1 and (talk.step, talk.steps) == (2, 3)


def test_a_jump_to_the_slide_shown_completes_it() -> None:
    talk = Presentation(DECK, 1)
    seen = Recorder(talk)
    talk.go_to(1)
    assert seen.take() == [StepChanged(1, 2, 3)]
    talk.go_to(1)
    assert seen.take() == []


def test_a_search_match_shows_its_slide_complete() -> None:
    talk = Presentation(DECK)
    talk.search("step 2 of 2")
    assert talk.next_match()
    assert (talk.index, talk.step) == (1, 2)
    assert search_deck(DECK, "step 2 of 2", limit=5)[0].slide == 1


def test_start_complete_or_from_the_first_step() -> None:
    assert Presentation(DECK, 1).step == 0
    assert Presentation(DECK, 1, complete=True).step == 2
    assert Presentation(DECK, 0, complete=True).step == 0
    assert Presentation(Deck(slides=(), source="mem"), complete=True).steps == 1


def test_a_reload_keeps_the_step_clamped_and_tells_it() -> None:
    talk = Presentation(DECK, 1)
    talk.next()
    talk.next()
    seen = Recorder(talk)
    talk.reload(make_deck((1, 4, 1, 2)))
    assert (talk.index, talk.step, talk.steps) == (1, 2, 4)
    talk.reload(make_deck((1, 2, 1, 2)))
    assert (talk.index, talk.step) == (1, 1)
    talk.reload(make_deck((1, 1, 1, 2)))
    assert (talk.index, talk.step) == (1, 0)
    assert seen.take() == [
        DeckReloaded(1, 1, 4),
        StepChanged(1, 2, 4),
        DeckReloaded(1, 1, 4),
        StepChanged(1, 1, 2),
        DeckReloaded(1, 1, 4),
    ]


def test_a_reload_that_moves_the_slide_keeps_its_step() -> None:
    talk = Presentation(DECK, 1)
    talk.next()
    moved = Deck(slides=(DECK.slides[0], DECK.slides[2], DECK.slides[1]), source="mem")
    talk.reload(moved)
    assert (talk.index, talk.step) == (2, 1)


def test_loop_makes_next_at_the_end_start_over() -> None:
    talk = Presentation(DECK, 3, loop=True)
    talk.next()
    assert talk.at_end
    talk.next()
    assert (talk.index, talk.step) == (0, 0)
    talk.previous()
    assert (talk.index, talk.step) == (3, 1)


def test_revealed_items_are_steps_of_the_presentation() -> None:
    items = Block(title="List", text="- a\n- b\n- c", reveal=Reveal.ITEMS)
    talk = Presentation(Deck(slides=(Slide(content=(items,)),), source="mem"))
    assert talk.steps == 3
    talk.next()
    talk.next()
    assert talk.at_end


def test_upcoming_is_what_next_would_show() -> None:
    talk = Presentation(DECK)
    seen = []
    while talk.upcoming is not None:
        expected = talk.upcoming
        talk.next()
        seen.append(expected == (talk.index, talk.step))
    assert all(seen) and len(seen) == sum(STEPS) - 1 and talk.at_end
    assert Presentation(DECK, 3, complete=True, loop=True).upcoming == (0, 0)
