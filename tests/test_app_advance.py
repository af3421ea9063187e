"""The kiosk in the app: --advance on Textual's timers, any key pauses it, a resumes it, the
status bar says so; --loop; extra keys from the config; a failed reload keeps the talk running."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import make_app, make_deck, status

from tui_slides.app.status_bar import advance_label
from tui_slides.deck.steps import step_label

SIZE = (80, 24)


async def test_the_advance_moves_on_by_itself_on_textual_timers() -> None:
    app = make_app(make_deck(3), advance=0.05)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(40):  # at most 2 s; it takes about 0.1 s
            if app.presentation.index == 2:
                break
            await pilot.pause(0.05)
        assert app.presentation.index == 2
        await pilot.pause()
        assert app.presentation.advance == "stopped"
        assert status(app).endswith("⏹ 0.05s  3 / 3 ")


async def test_any_key_pauses_and_a_resumes() -> None:
    app = make_app(make_deck(3), advance=10)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert status(app).endswith("▶ 10s  1 / 3 ")
        assert app.advance is not None and app.advance.waiting
        await pilot.press("down")
        await pilot.pause()
        assert status(app).endswith("⏸ 10s  1 / 3 ")
        assert not app.advance.waiting
        await pilot.press("right")  # moving by hand while paused: still paused
        await pilot.pause()
        assert app.presentation.advance == "paused"
        await pilot.press("a")
        await pilot.pause()
        assert status(app).endswith("▶ 10s  2 / 3 ")
        assert app.advance.waiting


@pytest.mark.parametrize("key", ["n", "right", "pagedown", "p", "left"])
async def test_a_paging_key_pauses_the_advance_as_it_moves(key: str) -> None:
    """Next and previous run first among the bindings (priority), past the screen's
    on_key that pauses the advance: they pause it themselves."""
    app = make_app(make_deck(3), advance=10, start=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.presentation.advance == "running"
        await pilot.press(key)
        await pilot.pause()
        assert app.presentation.advance == "paused"
        assert app.presentation.index == (2 if key in ("n", "right", "pagedown") else 0)
        assert app.advance is not None and not app.advance.waiting


async def test_without_advance_the_bar_shows_nothing_and_a_does_nothing() -> None:
    app = make_app(make_deck(3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert app.advance is None and app.presentation.advance == "off"
        assert status(app).endswith(" 1 / 3 ") and "▶" not in status(app)


async def test_loop_makes_next_on_the_last_slide_start_over() -> None:
    app = make_app(make_deck(3), start=2, loop=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        assert app.presentation.index == 0
        await pilot.press("left")
        assert app.presentation.index == 2


async def test_extra_keys_from_the_config_win_over_the_built_in_ones() -> None:
    app = make_app(make_deck(4), keys={"next": ("b", "f5"), "previous": ("x",)})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert app.presentation.index == 1 and not app.presentation.blank
        await pilot.press("f5")
        assert app.presentation.index == 2
        await pilot.press("x")
        assert app.presentation.index == 1
        await pilot.press("right")  # the built-in keys still work
        assert app.presentation.index == 2


async def test_an_extra_key_for_the_advance_resumes_it() -> None:
    app = make_app(make_deck(3), advance=10, keys={"advance": ("f6",)})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f6")
        await pilot.pause()
        assert app.presentation.advance == "running"


async def test_a_deck_that_fails_to_reload_under_watch_keeps_the_last_good_one_running(
    tmp_path: Path,
) -> None:
    path = tmp_path / "deck.json5"
    path.write_text("[{name: 'A', content: ['1']}, {name: 'B', content: ['2']}, {content: ['3']}]")
    app = make_app(path=path, watch=True, advance=10)
    async with app.run_test(size=SIZE) as pilot:
        good = app.presentation.deck
        path.write_text("[{name: 'A', content: ['one']}, {name: 'B' content: [}]")
        assert not app.reload(watched=True)
        await pilot.pause()
        assert app.presentation.deck is good and app.slides.error_shown
        assert app.presentation.advance == "running"
        assert app.advance is not None and app.advance.waiting
        app.presentation.next()  # what the timer does
        await pilot.pause()
        assert status(app).endswith("▶ 10s  2 / 3 ")


async def test_the_help_names_the_resume_key_only_when_the_advance_is_on() -> None:
    for advance, listed in ((10.0, True), (None, False)):
        app = make_app(make_deck(2), advance=advance)
        async with app.run_test(size=(100, 60)) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            assert ("Resume" in app.export_screenshot()) is listed


@pytest.mark.parametrize(
    ("state", "seconds", "label"),
    [
        ("running", 10, "▶ 10s"),
        ("paused", 90, "⏸ 1m30s"),
        ("stopped", 120, "⏹ 2m"),
        ("running", 0.05, "▶ 0.05s"),
        ("running", 2.5, "▶ 2.5s"),
        ("off", 10, ""),
    ],
)
def test_advance_label(state: str, seconds: float, label: str) -> None:
    assert advance_label(state, seconds) == label


@pytest.mark.parametrize(
    ("step", "steps", "label"),
    [(0, 1, ""), (0, 4, "●○○○"), (3, 4, "●●●●"), (1, 8, "●●○○○○○○"), (1, 12, "·2/12")],
)
def test_step_label(step: int, steps: int, label: str) -> None:
    assert step_label(step, steps) == label
