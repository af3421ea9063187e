"""The presenter console: a presenter and a console over a real Unix socket, two Pilots."""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from app_support import make_app, slide_text
from console_support import DECK, FakeClock, deck_file_fixture, runtime_fixture, shown, until  # noqa: F401
from textual.pilot import Pilot

from tui_slides.app.app import PresenterApp
from tui_slides.app.console.console_app import ConsoleApp
from tui_slides.deck.loader import load_deck
from tui_slides.presenting import rendezvous
from tui_slides.presenting.presentation import Presentation

SIZE = (80, 24)
CONSOLE_SIZE = (110, 32)


def presenter(path: Path, clock: FakeClock | None = None, **options: object) -> PresenterApp:
    deck = load_deck(path)
    talk = Presentation(deck, clock=clock) if clock else Presentation(deck)
    return make_app(talk, path, console=True, **options)


def console_for(app: PresenterApp, **options: object) -> ConsoleApp:
    server = app.console_server
    assert server is not None
    return ConsoleApp(server.path, server.name, **options)  # type: ignore[arg-type]


def joined(console: ConsoleApp) -> bool:
    return console.talk.joined and console.link.connected


def written(folder: Path, name: str, text: str) -> Path:
    """A deck file ``name`` in ``folder`` holding ``text``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@contextlib.asynccontextmanager
async def talk_with_console(app: PresenterApp) -> AsyncIterator[tuple[Pilot, ConsoleApp, Pilot]]:
    """``app`` presenting and a console joined to it: the presenter's pilot, the console,
    the console's pilot."""
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.console_server is not None)
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE) as remote:
            await until(lambda: joined(console))
            yield pilot, console, remote


async def test_every_key_on_either_side_moves_both(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.console_server is not None)
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE) as remote:
            await until(lambda: joined(console))
            await until(lambda: "Body one" in shown(console, "#now-slide"))
            now = shown(console, "#now-slide").splitlines()[2:]
            assert [line.strip() for line in now] == [  # a title and a line: a title slide
                "Title One",
                "─" * len("  Title One  "),  # its rule a little wider than the title
                "",
                "Body one",
            ]
            assert now[0].index("Title") > 20  # centred, as the room sees it
            assert "Body two" in shown(console, "#next-slide")
            assert "Greet the room." in shown(console, "#notes-text")
            assert "t pause/resume timer · T reset timer" in shown(console, "#keys").replace(
                "\n", " "
            )
            # the presenter's keys move the console
            for key, title in [("n", "Two"), ("end", "Five"), ("p", "Four"), ("home", "One"),
                               ("3", "One"), ("enter", "Three"), ("G", "Five"), ("g", "One"),
                               ("right", "Two"), ("left", "One"), ("space", "Two"),
                               ("backspace", "One"), ("pagedown", "Two"), ("l", "Three"),
                               ("h", "Two")]:  # fmt: skip
                await pilot.press(key)
                await until(lambda t=title: f"Title {t}" in shown(console, "#now-slide"))
                assert f"Title {title}" in slide_text(app)
            # the console's keys move the presenter
            for key, title in [("n", "Three"), ("end", "Five"), ("p", "Four"), ("home", "One"),
                               ("4", "One"), ("enter", "Four"), ("G", "Five"), ("g", "One"),
                               ("right", "Two"), ("left", "One"), ("space", "Two"),
                               ("pageup", "One"), ("l", "Two"), ("h", "One"),
                               ("2", "One"), ("backspace", "One"), ("end", "Five"),
                               ("pagedown", "Five")]:  # fmt: skip
                await remote.press(key)
                await until(lambda t=title: f"Title {t}" in slide_text(app))
                await until(lambda t=title: f"Title {t}" in shown(console, "#now-slide"))
            assert "Last words" in shown(console, "#notes-text")
            assert "(the end)" in shown(console, "#next-slide")


async def test_blank_and_typed_numbers_show_on_both_sides(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.console_server is not None)
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE) as remote:
            await until(lambda: joined(console))
            await remote.press("b")
            await until(lambda: app.presentation.blank)
            await until(lambda: "SCREEN BLANKED" in console.status_text)
            await pilot.press("b")  # the presenter's blank screen: b comes back
            await until(lambda: not app.presentation.blank)
            await until(lambda: "SCREEN BLANKED" not in console.status_text)
            await pilot.press("4")
            await until(lambda: "go to 4…" in console.status_text)
            await remote.press("escape")
            await until(lambda: app.presentation.typed == "")
            await until(lambda: "go to" not in console.status_text)
            await remote.press("b")
            await until(lambda: app.presentation.blank)
            await remote.press("escape")  # Esc ends a blank, as on the presenter
            await until(lambda: not app.presentation.blank)


async def test_a_reload_with_the_console_open(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.console_server is not None)
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE) as remote:
            await until(lambda: joined(console))
            await pilot.press("n")
            await until(lambda: "Title Two" in shown(console, "#now-slide"))
            deck_file.write_text(DECK.replace("Title Two", "Title Deux"), encoding="utf-8")
            await pilot.press("r")  # the presenter reloads
            await until(lambda: "Title Deux" in shown(console, "#now-slide"))
            deck_file.write_text(DECK.replace("Title Three", "Title Trois"), encoding="utf-8")
            await remote.press("r")  # the console asks the presenter to reload
            await until(lambda: "Title Trois" in shown(console, "#next-slide"))
            assert "Title Two" in slide_text(app)
            deck_file.write_text("{ slides: [", encoding="utf-8")
            await remote.press("r")
            await until(lambda: "reload failed" in console.status_text)
            assert app.is_running and "Title Two" in slide_text(app)


async def test_a_console_that_joins_mid_talk_shows_the_slide_and_the_clock(
    deck_file: Path,
) -> None:
    clock = FakeClock()
    app = presenter(deck_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.console_server is not None)
        await pilot.press("n", "n")
        await until(lambda: app.presentation.clock.started)  # the first slide change starts it
        clock.now += 125
        console = console_for(app, clock=clock)
        async with console.run_test(size=CONSOLE_SIZE):
            await until(lambda: joined(console))
            assert "Title Three" in shown(console, "#now-slide")
            assert "Title Four" in shown(console, "#next-slide")
            assert "3 / 5" in console.status_text
            assert "Elapsed 02:05" in shown(console, "#clock")
            assert "Left 17:55" in shown(console, "#clock")  # the deck's duration: 20m


async def test_elapsed_and_left_add_up_to_the_duration(deck_file: Path) -> None:
    clock = FakeClock()
    app = presenter(deck_file, clock)
    async with app.run_test(size=SIZE):
        await until(lambda: app.console_server is not None)
        console = console_for(app, clock=clock, wall=FakeClock(0.0), duration=10)
        async with console.run_test(size=CONSOLE_SIZE) as remote:
            await until(lambda: joined(console))
            await remote.press("t")
            await until(lambda: console.talk.started)
            clock.now += 7.6  # between two ticks of the second
            console.tick()
            assert "Elapsed 00:07" in shown(console, "#clock")
            assert "Left 00:03" in shown(console, "#clock")  # 7 + 3 = 10, not 7 + 2


async def test_the_timer_with_a_fixed_clock(deck_file: Path) -> None:
    clock = FakeClock()
    wall = FakeClock(0.0)
    app = presenter(deck_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.console_server is not None)
        console = console_for(app, clock=clock, wall=wall, duration=600)  # --duration 10m
        async with console.run_test(size=CONSOLE_SIZE) as remote:
            await until(lambda: joined(console))
            timer = console.query_one("#clock")
            assert "Timer not started" in shown(console, "#clock")
            await remote.press("t")  # starts it
            await until(lambda: console.talk.started)
            clock.now += 61
            console.tick()
            assert "Elapsed 01:01" in shown(console, "#clock")
            assert "Left 08:59" in shown(console, "#clock")
            assert not timer.has_class("-warning")
            await remote.press("t")  # pauses it
            await until(lambda: console.talk.paused)
            clock.now += 1000
            console.tick()
            assert "Elapsed 01:01 (paused)" in shown(console, "#clock")
            await pilot.press("n")  # a slide change does not restart a paused clock
            await remote.press("t")  # resumes it
            await until(lambda: not console.talk.paused)
            clock.now += 480  # 09:01 of 10:00: the last 10%
            console.tick()
            assert "Left 00:59" in shown(console, "#clock")
            assert timer.has_class("-warning") and not timer.has_class("-over")
            clock.now += 75
            console.tick()
            assert "Over by 00:16" in shown(console, "#clock")
            assert timer.has_class("-over") and not timer.has_class("-warning")
            await remote.press("T")  # resets it
            await until(lambda: not console.talk.started)
            console.tick()
            assert "Timer not started" in shown(console, "#clock")
            assert not timer.has_class("-over")


async def test_a_presenter_that_quits_first(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.console_server is not None)
        server = app.console_server
        assert server is not None
        path = server.path
        console = ConsoleApp(path, server.name)
        async with console.run_test(size=CONSOLE_SIZE) as remote:
            await until(lambda: joined(console))
            await pilot.press("n")
            await until(lambda: "Title Two" in shown(console, "#now-slide"))
            await app.action_quit()
            await until(lambda: not console.link.connected)
            await until(lambda: "is gone" in console.status_text)
            assert console.is_running
            await remote.press("n")  # nobody to tell: the console stays up
            assert console.is_running
            # a new presenter on the same socket path: the console joins it again
            second = presenter(deck_file, console_socket=path)
            async with second.run_test(size=SIZE) as again:
                await until(lambda: second.console_server is not None)
                await until(lambda: joined(console))
                await until(lambda: "Title One" in shown(console, "#now-slide"))
                await again.press("end")
                await until(lambda: "Title Five" in shown(console, "#now-slide"))


async def test_a_console_that_quits_leaves_the_talk_running(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.console_server is not None)
        server = app.console_server
        assert server is not None
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE) as remote:
            await until(lambda: joined(console))
            await until(lambda: server.consoles == 1)
            await remote.press("q")
        await until(lambda: server.consoles == 0)
        await pilot.press("n")
        assert app.is_running and "Title Two" in slide_text(app)


async def test_the_socket_is_private_to_its_user(deck_file: Path, runtime: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE):
        await until(lambda: app.console_server is not None)
        server = app.console_server
        assert server is not None
        assert server.path.parent == runtime / "tui-slides"
        assert stat.S_IMODE(server.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(server.path.parent.stat().st_mode) == 0o700
        assert [listing.name for listing in rendezvous.running()] == ["talk"]
    assert not server.path.exists()  # removed as the presenter ends
    assert rendezvous.running() == []


async def test_an_unsafe_folder_means_no_console_and_the_talk_goes_on(
    deck_file: Path, runtime: Path
) -> None:
    folder = runtime / "tui-slides"
    folder.mkdir(mode=0o700)
    folder.chmod(0o755)
    app = presenter(deck_file)
    said: list[str] = []
    app.notify = lambda message, **options: said.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: any("No presenter console" in line for line in said))
        assert "may be used by other users (mode 755)" in said[0]
        assert app.console_server is None
        await pilot.press("n")
        assert "Title Two" in slide_text(app)
    with pytest.raises(rendezvous.UnsafeFolder, match="other users"):
        rendezvous.socket_folder()


async def test_with_console_the_presenter_says_the_command_to_run(deck_file: Path) -> None:
    app = presenter(deck_file, announce_console=True)
    said: list[str] = []
    app.notify = lambda message, **options: said.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=SIZE):
        await until(lambda: said)
    assert said == [
        f"Presenter console: run tui-slides console --join talk.{os.getpid()} in a second terminal"
    ]


async def test_the_time_left_follows_the_presenters_duration_else_the_decks(
    deck_file: Path,
) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.console_server is not None)
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE):
            await until(lambda: joined(console))
            assert "Left 20:00" in shown(console, "#clock")  # the deck's duration: 20m
            deck_file.write_text(DECK.replace('"20m"', '"45m"'), encoding="utf-8")
            await pilot.press("r")
            await until(lambda: console.talk.reloads == 1)
            console.tick()
            assert "Left 45:00" in shown(console, "#clock")
    app = presenter(deck_file, duration=300)  # --duration 5m on the presenter
    async with app.run_test(size=SIZE):
        await until(lambda: app.console_server is not None)
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE):
            await until(lambda: joined(console))
            assert "Left 05:00" in shown(console, "#clock")


async def test_a_huge_slide_and_huge_notes_show_within_bounds(runtime: Path) -> None:
    blocks = ", ".join(f'{{ title: "Block {n}" }}' for n in range(1, 1001))
    path = runtime / "huge.json5"
    path.write_text(
        f'[{{ content: [{blocks}], notes: "{"Say it. " * 5000}" }}, {{ content: [] }}]',
        encoding="utf-8",
    )
    app = presenter(path)
    async with app.run_test(size=SIZE):
        await until(lambda: app.console_server is not None)
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE):
            await until(lambda: joined(console))
            await until(lambda: "Block 200" in shown(console, "#now-slide"))
            now = shown(console, "#now-slide")
            assert "Block 201" not in now
            assert now.rstrip().endswith(
                "… 800 more blocks (truncated: the slide is too long to show)"
            )
            assert "(notes cut at 20,000 characters)" in shown(console, "#notes-text")


async def test_a_console_joins_a_new_presenter_of_the_same_talk(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE):
        await until(lambda: app.console_server is not None)
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE):
            await until(lambda: joined(console))
            await app.action_quit()
            await until(lambda: "is gone" in console.status_text)
            # a new presenter of talk.json5, as another process (another pid) would be
            elsewhere = rendezvous.socket_path("talk", os.getppid())
            second = presenter(deck_file, console_socket=elsewhere)
            async with second.run_test(size=SIZE) as pilot:
                await until(lambda: joined(console) and console.link.path == elsewhere)
                await pilot.press("n")
                await until(lambda: "Title Two" in shown(console, "#now-slide"))


async def test_the_console_shows_the_next_step_before_the_next_slide(runtime: Path) -> None:
    steps = (
        "[{ content: [{ title: 'First', text: 'Shown at once' },"
        " { title: 'Second', pause: true, text: 'After a step' }] },"
        " { content: [{ title: 'Later', text: 'The next slide' }] }]"
    )
    app = presenter(written(runtime, "steps.json5", steps))
    async with talk_with_console(app) as (pilot, console, _remote):
        await until(lambda: "Shown at once" in shown(console, "#now-slide"))
        assert "After a step" not in shown(console, "#now-slide")  # not revealed yet
        assert "After a step" in shown(console, "#next-slide")
        assert "The next slide" not in shown(console, "#next-slide")
        assert console.query_one("#next").border_title == "Next: step 2 of 2"
        await pilot.press("n")  # the step: now the next slide is next
        await until(lambda: "After a step" in shown(console, "#now-slide"))
        await until(lambda: "The next slide" in shown(console, "#next-slide"))
        assert console.query_one("#next").border_title == "Next"


async def test_the_console_pauses_the_advance_as_any_key_does_and_a_resumes_it(
    deck_file: Path,
) -> None:
    app = presenter(deck_file, advance=600.0)  # long: nothing moves on by itself in the test
    async with app.run_test(size=SIZE):
        await until(lambda: app.console_server is not None)
        talk = app.presentation
        await until(lambda: talk.advance == "running")
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE) as remote:
            await until(lambda: joined(console))
            await remote.press("n")
            await until(lambda: talk.index == 1)
            assert talk.advance == "paused"
            await remote.press("a")
            await until(lambda: talk.advance == "running")
            assert "a resume the advance" in shown(console, "#keys").replace("\n", " ")


async def test_the_console_shows_the_advance_and_that_the_talk_loops(deck_file: Path) -> None:
    """What the presenter's status bar shows of ``--advance`` (▶ running, ⏸ paused), and
    ``--loop``: after the last slide, the console's next is the first one."""
    talk = Presentation(load_deck(deck_file), loop=True)
    app = make_app(talk, deck_file, console=True, advance=600.0)  # nothing moves by itself
    async with talk_with_console(app) as (_pilot, console, remote):
        await until(lambda: "▶ 10m" in console.status_text)  # from the state on joining
        assert "loops" in console.status_text
        await remote.press("end")  # any key but a pauses the advance
        await until(lambda: "⏸ 10m (a resumes)" in console.status_text)
        await until(lambda: "Title One" in shown(console, "#next-slide"))
        assert console.query_one("#next").border_title == "Next: the first slide again"
        await remote.press("a")
        await until(lambda: "▶ 10m" in console.status_text)


async def test_the_console_shows_a_slides_media_as_cards_of_text(runtime: Path) -> None:
    media = {"video": "https://example.org/demo.mp4", "img_path": "pictures/chart.png"}
    media["map"] = "51.1694,71.4491"
    slides = [{"content": [{"title": "Intro"}]}, {"content": [{"title": "Demo", **media}]}]
    app = presenter(written(runtime, "media.json5", json.dumps(slides)))
    async with talk_with_console(app) as (pilot, console, _remote):
        await until(lambda: "example.org/demo.mp4" in shown(console, "#next-slide"))
        coming = shown(console, "#next-slide")  # the video's card, and:
        assert "chart.png" in coming  # the image, named: not decoded
        assert "51.1694" in coming  # the map's card
        await pilot.press("n")
        await until(lambda: "example.org/demo.mp4" in shown(console, "#now-slide"))


async def test_a_clickers_keys_move_the_talk_even_when_the_slide_is_taller_than_its_pane(
    runtime: Path,
) -> None:
    """PageDown, PageUp, Home, End: the talk's keys, never a pane's scrolling; the arrows
    up and down scroll the notes, not the slide."""
    long_text = "\n".join(f"line {n} of the slide" for n in range(1, 80))
    notes = "\n".join(f"note {n}" for n in range(1, 80))
    slides = [{"content": [long_text], "notes": notes}, *({"content": [x]} for x in "BCD")]
    app = presenter(written(runtime, "long.json5", json.dumps(slides)))
    async with talk_with_console(app) as (_pilot, console, remote):
        talk = app.presentation
        await until(lambda: "line 1 of" in shown(console, "#now-slide"))
        for key, index in (("pagedown", 1), ("pageup", 0), ("end", 3), ("home", 0)):
            await remote.press(key)
            await until(lambda index=index: talk.index == index)
        await until(lambda: console.talk.index == 0 and "note 1" in shown(console, "#notes-text"))
        await remote.press("down", "down")
        assert console.query_one("#notes").scroll_y > 0
        assert console.query_one("#now").scroll_y == 0


async def test_a_console_closing_ignores_the_clock_and_the_presenters_moves(
    deck_file: Path,
) -> None:
    """Closing, the console's widgets go before it stops running: a tick or a message from
    the presenter in between is nothing to show, never an error (seen once under load)."""
    app = presenter(deck_file)
    async with talk_with_console(app) as (pilot, console, remote):
        await console.query_one("#clock").remove()  # as closing does, before the rest
        console.tick()
        await pilot.press("n")
        await until(lambda: app.presentation.index == 1)
        await remote.pause(0.2)  # the state reaches the console, which shows nothing now
        assert console.is_running and console.return_code is None


async def test_the_previews_of_a_long_slide_draw_no_scrollbar(runtime: Path) -> None:
    lines = "\n".join(f"line {n} of a long slide" for n in range(60))
    deck = json.dumps({"slides": [{"content": [{"title": "Long", "text": lines}]}] * 2})
    app = presenter(written(runtime, "long.json5", deck))
    async with app.run_test(size=SIZE):
        await until(lambda: app.console_server is not None)
        console = console_for(app)
        async with console.run_test(size=CONSOLE_SIZE):
            await until(lambda: joined(console) and "line 3" in shown(console, "#now-slide"))
            for pane in ("#now", "#next"):
                preview = console.query_one(pane)
                assert preview.max_scroll_y > 0  # taller than its pane
                # yet no bar drawn into it: the slide keeps the pane's whole width
                assert preview.scrollable_content_region.width == preview.content_region.width


def in_view(console: ConsoleApp, pane: str) -> str:
    """What the console's preview ``pane`` shows of its slide, scrolled as it is."""
    view = console.query_one(pane)
    lines = shown(console, f"{pane}-slide").splitlines()
    top = round(view.scroll_y)
    return "\n".join(lines[top : top + view.scrollable_content_region.height])


async def test_a_step_low_on_a_long_slide_is_in_view_in_both_previews(runtime: Path) -> None:
    lines = "\\n".join(f"line {n} of a long block" for n in range(40))
    deck = (
        f"[{{ content: [{{ title: 'Long', text: '{lines}' }},"
        " { title: 'Revealed', pause: true, text: 'The step low on the slide' }] },"
        " { content: [{ title: 'Later', text: 'The next slide' }] }]"
    )
    app = presenter(written(runtime, "low.json5", deck))
    async with talk_with_console(app) as (pilot, console, _remote):
        await until(lambda: "The step low" in shown(console, "#next-slide"))
        await until(lambda: "The step low" in in_view(console, "#next"))  # scrolled to it
        assert "line 0 " in in_view(console, "#now")  # the slide as it stands: from its top
        await pilot.press("n")  # the step: the slide now shows it, the next slide is next
        await until(lambda: "The step low" in in_view(console, "#now"))
        await until(lambda: "The next slide" in in_view(console, "#next"))
        await pilot.press("p")  # back a step: the top again, the step next
        await until(lambda: "line 0 " in in_view(console, "#now"))
        await until(lambda: "The step low" in in_view(console, "#next"))
