"""Views of one ``Presentation``: two presenters follow one talk; screens ask the app by message."""

from __future__ import annotations

from app_support import make_app, make_deck, slide_text, status

from tui_slides.app.screens.blank import BlankScreen
from tui_slides.app.screens.help import HelpScreen
from tui_slides.presenting.events import SlideChanged
from tui_slides.presenting.presentation import Presentation

SIZE = (80, 24)


async def test_a_key_in_one_view_moves_every_view_of_the_presentation() -> None:
    talk = Presentation(make_deck(6))
    one, two = make_app(talk), make_app(talk)
    async with one.run_test(size=SIZE) as first, two.run_test(size=SIZE) as second:
        await first.press("n", "n")
        await second.pause()
        for app in (one, two):
            assert "Title 3" in slide_text(app)
            assert status(app).rstrip().endswith("3 / 6")
        await second.press("5")  # typing shows in both status bars
        await first.pause()
        assert "Go to slide 5_" in status(one)
        await second.press("enter")
        await first.pause()
        for app in (one, two):
            assert "Title 5" in slide_text(app)
            assert "Go to slide" not in status(app)
        assert talk.index == 4


async def test_search_and_blank_in_one_view_show_in_the_other() -> None:
    talk = Presentation(make_deck(4))
    one, two = make_app(talk), make_app(talk)
    async with one.run_test(size=SIZE) as first, two.run_test(size=SIZE) as second:
        talk.search("Body of slide 3")
        await first.press("ctrl+n")
        await second.pause()
        for app in (one, two):
            assert "Title 3" in slide_text(app)
            assert "/Body of slide 3  1 of 1 matches" in status(app)
        await second.press("b")
        await first.pause()
        assert isinstance(one.screen, BlankScreen) and isinstance(two.screen, BlankScreen)
        await first.press("b")  # back from the blank screen in one: both come back
        await second.pause()
        assert not isinstance(one.screen, BlankScreen)
        assert not isinstance(two.screen, BlankScreen)
        assert not talk.blank


async def test_a_view_stops_following_when_its_app_ends() -> None:
    talk = Presentation(make_deck(3))
    told: list[object] = []
    talk.subscribe(told.append)
    async with make_app(talk).run_test(size=SIZE) as pilot:
        await pilot.press("n")
    talk.next()  # no view left: only the test's own subscriber hears it
    assert told == [SlideChanged(1, 0), SlideChanged(2, 1)]
    assert talk.subscribers == 1


async def test_help_is_asked_for_by_message_and_shown_by_the_app() -> None:
    app = make_app(make_deck(2))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
