"""The config file: where it is, what it sets, who wins over it; a bad one never stops a talk."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import make_app, make_deck

import tui_slides.app
from tui_slides.app.app import PresenterApp
from tui_slides.app.screens.slides import ACTIONS as SCREEN_ACTIONS
from tui_slides.cli import main
from tui_slides.commands import present
from tui_slides.config import ACTIONS, Config, config_path, load_config


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def read(path: Path) -> tuple[Config, list[str]]:
    said: list[str] = []
    return load_config(path, warn=said.append), said


def test_the_config_file_is_in_the_platform_config_folder(no_user_config: Path) -> None:
    assert config_path() == no_user_config / "config.toml"


def test_config_path_prints_it(capsys: pytest.CaptureFixture[str], no_user_config: Path) -> None:
    assert main(["--config-path"]) == 0
    assert capsys.readouterr().out == f"{no_user_config / 'config.toml'}\n"


def test_no_config_file_is_the_built_in_defaults(tmp_path: Path) -> None:
    assert read(tmp_path / "missing.toml") == (Config(), [])


def test_every_setting(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """theme = "nord"
css = "styles/talk.tcss"
images = "cells"
duration = "20m"
advance = "1m30s"
loop = true

[keys]
next = ["b", "F5", "ctrl+n"]
previous = "pageup"
""",
    )
    config, said = read(path)
    assert said == []
    assert config == Config(
        theme="nord",
        css=str(tmp_path / "styles" / "talk.tcss"),
        images="cells",
        duration=1200.0,
        advance=90.0,
        loop=True,
        keys={"next": ("b", "f5", "ctrl+n"), "previous": ("pageup",)},
    )


def test_a_file_that_is_not_toml_is_one_line_with_its_place_and_the_defaults_apply(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, 'theme = "nord"\nimages = \n')
    config, said = read(path)
    assert config == Config()
    assert said == [f"{path}:2:10: error: Invalid value; using the built-in defaults"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("theme = 3", 1, "'theme' should be a string, not a number"),
        ('\n\nimages = "sixel"', 3, "'images' should be one of auto, cells, none"),
        ('advance = "soon"', 1, "'advance' should be a duration like 10s, 1m30s or 20m"),
        ('advance = "25h"', 1, "'advance' should be at most 24h"),
        ('duration = "0s"', 1, "'duration' should be a duration like 10s, 1m30s or 20m"),
        ('loop = "yes"', 1, "'loop' should be true or false, not a string"),
        ("loop = 2026-12-01", 1, "'loop' should be true or false, not a date or time"),
        ("duration = -5", 1, "'duration' should be a duration like 10s, 1m30s or 20m"),
        ("keys = 3", 1, "'keys' should be a table ([keys]), not a number"),
        ('thme = "nord"', 1, "unknown setting 'thme' (the settings are theme, css, images,"),
        ('[keys]\nnxt = "b"', 2, "unknown action 'nxt' (the actions are next, previous,"),
        ('[keys]\nnext = "hyper+x"', 2, "unknown key 'hyper+x' for 'next'"),
        ("[keys]\nnext = 5", 2, "the keys of 'next' should be a key or a list of keys"),
    ],
)
def test_a_wrong_setting_is_one_line_with_its_line_and_is_ignored(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, f"{text}\n\n[other]\nx = 1\n" if "[" not in text else text)
    config, said = read(path)
    relevant = [m for m in said if "'other'" not in m]
    assert len(relevant) == 1, said
    assert relevant[0].startswith(f"{path}:{line}: warning: {message}")
    assert relevant[0].endswith("; ignored")
    assert config.keys == {} and config.theme is None and config.advance is None


def test_the_good_settings_of_a_file_with_a_bad_one_still_apply(tmp_path: Path) -> None:
    config, said = read(write(tmp_path, 'theme = "nord"\nimages = 3\n'))
    assert config.theme == "nord" and config.images is None and len(said) == 1


def test_what_is_ignored_is_said_from_the_top_of_the_file_down(tmp_path: Path) -> None:
    path = write(tmp_path, 'loop = "yes"\nimages = 3\ntheme = 7\nnoise = 1\n')
    _config, said = read(path)
    assert [message.split(":")[1] for message in said] == ["1", "2", "3", "4"]


def test_the_config_names_every_action_of_the_slides_screen() -> None:
    assert set(ACTIONS) == set(SCREEN_ACTIONS)


# -- the command line and the config: who wins ------------------------------------------


@pytest.fixture
def presented(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The options the presenter would be started with (it is not started)."""
    seen: dict[str, object] = {}
    monkeypatch.setattr(
        tui_slides.app, "run_presenter", lambda deck, options: seen.update(vars(options)) or 0
    )
    monkeypatch.setattr(present, "terminal_problem", lambda: None)  # as if on a terminal
    return seen


def deck(tmp_path: Path) -> str:
    path = tmp_path / "deck.json5"
    path.write_text("{ content: [{ title: 'Hello' }] }")
    return str(path)


def test_the_config_gives_the_defaults(
    tmp_path: Path, no_user_config: Path, presented: dict[str, object]
) -> None:
    write(no_user_config, 'theme = "nord"\nimages = "none"\nadvance = "10s"\nloop = true\n'
          '[keys]\nnext = "b"\n')  # fmt: skip
    assert main([deck(tmp_path)]) == 0
    assert presented["default_theme"] == "nord" and presented["theme"] is None
    assert presented["images"] == "none"
    assert (presented["advance"], presented["loop"]) == (10.0, True)
    assert presented["keys"] == {"next": ("b",)}


def test_the_command_line_wins_over_the_config(
    tmp_path: Path, no_user_config: Path, presented: dict[str, object]
) -> None:
    write(no_user_config, 'theme = "nord"\nimages = "none"\nadvance = "10s"\n')
    argv = [deck(tmp_path), "--theme", "dracula", "--images", "cells", "--advance", "3s"]
    assert main(argv) == 0
    assert (presented["theme"], presented["images"], presented["advance"]) == (
        "dracula",
        "cells",
        3.0,
    )


def test_without_config_or_options_the_built_in_defaults(
    tmp_path: Path, presented: dict[str, object]
) -> None:
    assert main([deck(tmp_path)]) == 0
    assert presented["images"] == "auto"
    assert (presented["advance"], presented["loop"], presented["keys"]) == (None, False, {})
    assert presented["start_complete"] is False
    assert main([deck(tmp_path), "--slide", "1"]) == 0
    assert presented["start_complete"] is True  # --slide is a jump: the slide shown complete


def test_a_bad_config_file_is_said_and_the_presenter_still_starts(
    tmp_path: Path,
    no_user_config: Path,
    presented: dict[str, object],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(no_user_config, "theme = [\n")
    assert main([deck(tmp_path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"{path}:2:1: error: ")
    assert err[0].endswith("; using the built-in defaults")
    assert presented["images"] == "auto" and presented["default_theme"] is None


def test_the_presenter_is_told_how_many_config_problems_it_hides(
    tmp_path: Path,
    no_user_config: Path,
    presented: dict[str, object],
    capsys: pytest.CaptureFixture[str],
) -> None:
    write(no_user_config, 'images = 3\nloop = "yes"\n')
    assert main([deck(tmp_path)]) == 0
    assert len(capsys.readouterr().err.splitlines()) == presented["config_printed"] == 2
    assert presented["printed"] == 0  # the deck has none


async def test_the_presenter_says_the_config_files_problems_after_its_first_paint(
    monkeypatch: pytest.MonkeyPatch, no_user_config: Path
) -> None:
    said: list[str] = []
    monkeypatch.setattr(PresenterApp, "notify", lambda self, message, **_: said.append(message))
    app = make_app(make_deck(1), config_printed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert said == [
        "The config file: 3 problems, printed in this terminal: shown when you quit;"
        " what it could not use is left out"
    ]


@pytest.mark.parametrize("value", ["0s", "soon", "-5s"])
def test_a_bad_advance_is_a_usage_error(
    tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([deck(tmp_path), f"--advance={value}"]) == 2
    assert "argument --advance:" in capsys.readouterr().err


def test_the_deck_s_duration_wins_over_the_config_s_and_the_command_line_over_both(
    tmp_path: Path, no_user_config: Path, presented: dict[str, object]
) -> None:
    write(no_user_config, 'duration = "20"\n')  # a bare number is minutes, as in a deck
    plain = deck(tmp_path)
    assert main([plain]) == 0
    assert presented["duration"] == 1200
    timed = tmp_path / "timed.json5"
    timed.write_text("{ duration: '5m', slides: [{ content: [{ title: 'Hello' }] }] }")
    assert main([str(timed)]) == 0
    assert presented["duration"] is None  # the console reads the deck's own 5m
    assert main([str(timed), "--duration", "30m"]) == 0
    assert presented["duration"] == 1800


@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-config", "relative/ignored", ""])
def test_the_config_path_is_platformdirs_own(
    xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worked out without importing platformdirs on Linux: the same folder, whatever is set."""
    import platformdirs

    from tui_slides.config import APP_NAME, FILE_NAME, config_path

    if xdg is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    expected = platformdirs.user_config_path(APP_NAME, appauthor=False) / FILE_NAME
    assert config_path() == expected


def test_toml_numbers_are_read_as_bare_numbers_minutes_and_seconds(tmp_path: Path) -> None:
    """``duration = 20`` is 20 minutes, as ``"20"`` is (and as a deck's ``duration``);
    ``advance = 10`` is 10 seconds, as ``--advance 10``."""
    config, said = read(write(tmp_path, "duration = 20\nadvance = 10\n"))
    assert said == []
    assert (config.duration, config.advance) == (20 * 60, 10)


@pytest.mark.parametrize("key", ["x", "f5", "q"])
async def test_a_key_bound_to_blank_brings_the_slide_back_too_and_never_quits(key: str) -> None:
    """A clicker's blank button, pressed twice: blank, then the slide (as ``b``, ``b``)."""
    from tui_slides.app.screens.blank import BlankScreen

    app = make_app(make_deck(2), keys={"blank": ("x", "f5", "q")})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen) and app.presentation.blank
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and app.screen is app.slides  # back, not quit
        assert not app.presentation.blank


async def test_a_config_key_takes_a_paging_key_from_next_and_previous() -> None:
    """``n`` and ``right`` given to other actions do those, not next (the paging keys'
    priority bindings let them go by); the paging keys left to next and previous still page."""
    from tui_slides.app.screens.blank import BlankScreen

    app = make_app(make_deck(4), keys={"blank": ("n",), "last": ("right",), "first": ("h",)})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert app.presentation.index == 1
        await pilot.press("right")
        await pilot.pause()
        assert app.presentation.index == 3
        await pilot.press("h")
        await pilot.pause()
        assert app.presentation.index == 0
        await pilot.press("pagedown", "pagedown", "p")
        await pilot.pause()
        assert app.presentation.index == 1
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen) and app.presentation.index == 1


async def test_the_help_lists_the_config_files_keys_and_not_the_keys_they_take() -> None:
    from rich.console import Console
    from textual.widgets import Static

    app = make_app(make_deck(2), keys={"next": ("z",), "blank": ("q",)})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        console = Console(width=100, color_system=None, record=True, _environ={})
        with console.capture() as capture:
            console.print(app.screen.query_one("#help-table", Static).content)
        rows = [" ".join(line.split()) for line in capture.get().splitlines()]
        assert "z Next step, then next slide" in rows  # described as the built-in next keys
        assert any(row.startswith("q Blank the screen") for row in rows)
        quit_row = next(row for row in rows if row.endswith("Quit"))
        assert quit_row.split()[0] != "q" and "Ctrl+C" in quit_row  # q blanks now
