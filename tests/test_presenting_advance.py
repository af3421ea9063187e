"""The automatic advance, headless: a fake timer stands in for the app's, nothing sleeps."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui_slides.deck.model import Block, Deck, Slide
from tui_slides.presenting.advance import LONGEST, Advance, TooLong, parse_interval
from tui_slides.presenting.events import AdvanceChanged, Event
from tui_slides.presenting.presentation import Presentation


class FakeTimer:
    """A schedule that runs its calls when the test moves time on (``advance``)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.calls: list[tuple[float, Callable[[], None]]] = []

    def schedule(self, seconds: float, callback: Callable[[], None]) -> Callable[[], None]:
        entry = (self.now + seconds, callback)
        self.calls.append(entry)
        return lambda: self.calls.remove(entry) if entry in self.calls else None

    def advance(self, seconds: float) -> None:
        end = self.now + seconds
        while self.calls and min(due for due, _ in self.calls) <= end:
            entry = min(self.calls, key=lambda call: call[0])
            self.calls.remove(entry)
            self.now = entry[0]
            entry[1]()
        self.now = end


def make_deck(*steps: int) -> Deck:
    slides = []
    for number, count in enumerate(steps, 1):
        blocks = [Block(title=f"S{number}")]
        blocks += [Block(text=f"step {n}", pause=True) for n in range(1, count)]
        slides.append(Slide(id=str(number), content=tuple(blocks)))
    return Deck(slides=tuple(slides), source="mem")


def place(talk: Presentation) -> tuple[int, int]:
    return talk.index, talk.step


def started(*steps: int, loop: bool = False) -> tuple[Presentation, Advance, FakeTimer]:
    timer = FakeTimer()
    talk = Presentation(make_deck(*steps), loop=loop)
    advance = Advance(talk, 10, timer.schedule)
    advance.start()
    return talk, advance, timer


def test_it_moves_on_every_interval_steps_included_and_stops_at_the_end() -> None:
    talk, advance, timer = started(1, 2, 1)
    seen: list[Event] = []
    talk.subscribe(seen.append)
    timer.advance(9.9)
    assert place(talk) == (0, 0)
    places = []
    for _ in range(4):
        timer.advance(10)
        places.append(place(talk))
    assert places == [(1, 0), (1, 1), (2, 0), (2, 0)]
    assert talk.advance == "stopped" and not advance.waiting
    assert AdvanceChanged("stopped", 10) in seen


def test_loop_starts_over_after_the_last_slide() -> None:
    talk, _, timer = started(1, 2, loop=True)
    timer.advance(30)
    assert place(talk) == (0, 0) and talk.advance == "running"
    timer.advance(10)
    assert place(talk) == (1, 0)


def test_a_loop_of_one_slide_keeps_waiting() -> None:
    talk, advance, timer = started(1, loop=True)
    timer.advance(100)
    assert talk.advance == "running" and advance.waiting


def test_pause_stops_the_timer_and_resume_gives_a_whole_interval() -> None:
    talk, advance, timer = started(1, 1, 1)
    timer.advance(8)
    talk.pause_advance()
    assert talk.advance == "paused" and not advance.waiting
    timer.advance(100)
    assert place(talk) == (0, 0)
    talk.resume_advance()
    timer.advance(9)
    assert place(talk) == (0, 0)
    timer.advance(1)
    assert place(talk) == (1, 0)


def test_a_move_made_by_hand_while_running_restarts_the_interval() -> None:
    talk, _, timer = started(1, 1, 1)
    timer.advance(8)
    talk.next()  # the console, say
    timer.advance(8)
    assert place(talk) == (1, 0)
    timer.advance(2)
    assert place(talk) == (2, 0)


def test_resume_at_the_end_stays_stopped_until_there_is_somewhere_to_go() -> None:
    talk, advance, timer = started(1, 1)
    timer.advance(10)
    assert talk.advance == "stopped"
    talk.resume_advance()
    assert talk.advance == "stopped"
    talk.go_to(0)
    talk.resume_advance()
    assert talk.advance == "running" and advance.waiting


def test_a_failed_reload_keeps_the_last_good_deck_advancing() -> None:
    talk, _, timer = started(1, 1, 1)
    talk.report_problem("deck.json5:3:1: error: expected ','")
    timer.advance(10)
    assert place(talk) == (1, 0) and talk.problem
    talk.reload(make_deck(1, 1, 1, 1))  # a good version: the timer goes on as it was
    timer.advance(10)
    assert place(talk) == (2, 0)


def test_close_stops_everything() -> None:
    talk, advance, timer = started(1, 1)
    advance.close()
    timer.advance(100)
    assert place(talk) == (0, 0) and not timer.calls


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("10s", 10), ("10", 10), ("1m30s", 90), ("2m", 120), ("1h", 3600), ("0.5s", 0.5),
     (" 1M ", 60)],
)  # fmt: skip
def test_durations(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


def test_an_interval_is_at_most_a_day() -> None:
    assert parse_interval("24h") == LONGEST == 86400
    for text in ("24h0.5s", "1441m", "99999999999h", "9" * 400):
        with pytest.raises(TooLong, match="at most 24h"):
            parse_interval(text)


@pytest.mark.parametrize("text", ["", "s", "ten", "10x", "1m-3s", "m30"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_interval(text)
