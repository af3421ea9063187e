"""The command line's grammar as a user types it: forms of options, help, every usage error."""

from __future__ import annotations

import contextlib
import io
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_slides import __version__
from tui_slides.cli import COMMANDS, main, parse
from tui_slides.commands.option_types import WIDTHS
from tui_slides.deck.loader import DEFAULT_MAX_BYTES


def values(*argv: str) -> tuple[str, dict[str, object]]:
    command, namespace = parse(argv)
    return command, vars(namespace)


def error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """What a usage error prints (on stderr, nothing on stdout), checking its status."""
    assert main(list(argv)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


def test_a_deck_alone_is_presented_with_the_defaults() -> None:
    assert values("talk.json5") == (
        "present",
        {
            "deck": "talk.json5",
            "slide": None,
            "theme": None,
            "watch": False,
            "css": None,
            "console": False,
            "duration": None,
            "images": None,  # not given: the config file's, else auto (tests/test_config.py)
            "advance": None,
            "loop": False,
            "config_path": False,
            "ssh": None,  # not shared over SSH (tui_slides.share)
            "ssh_auth": "code",
            "ssh_keys": None,
            "ssh_max_viewers": None,
            "http": None,
            "http_auth": "code",
            "http_max_viewers": None,
            "strict": False,
            "max_size": DEFAULT_MAX_BYTES,
        },
    )
    assert values()[1]["deck"] is None  # no deck: the tour


def test_a_deck_named_like_a_command_is_presented_with_present_or_after_double_dash() -> None:
    assert values("check", "x")[0] == "check"
    assert values("present", "check") == ("present", {**values("x")[1], "deck": "check"})
    assert values("--", "check")[1]["deck"] == "check"
    assert values("--strict", "show")[1]["deck"] == "show"  # only the first word names a command


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "d.json5", "--width", "60", "--slide", "2"],
        ["show", "--width=60", "d.json5", "--slide=2"],
        ["show", "--wid", "60", "--sl", "2", "d.json5"],  # unique prefixes
        ["show", "--width", "10", "d.json5", "--width", "60", "--slide", "2"],  # last wins
    ],
)
def test_option_forms(argv: list[str]) -> None:
    command, found = values(*argv)
    assert command == "show"
    assert (found["deck"], found["width"], found["slide"]) == ("d.json5", 60, "2")


def test_double_dash_ends_the_options() -> None:
    assert values("show", "--", "--odd name.json5")[1]["deck"] == "--odd name.json5"
    assert values("check", "--strict", "--", "-a", "b")[1]["decks"] == ["-a", "b"]
    assert values("--slide", "2", "--", "-deck")[1]["deck"] == "-deck"


def test_a_value_may_start_with_one_dash() -> None:
    assert values("show", "d.json5", "--slide", "-1")[1]["slide"] == "-1"


def test_check_takes_several_decks_and_converts_sizes() -> None:
    command, found = values("check", "a.json5", "b", "--max-size", "0.5", "--format", "json")
    assert command == "check"
    assert found["decks"] == ["a.json5", "b"]
    assert found["max_size"] == 512 * 1024
    assert found["format"] == "json"


def test_options_may_come_between_the_decks_of_check() -> None:
    found = values("check", "a.json5", "--strict", "b", "--format=json", "c")[1]
    assert found["decks"] == ["a.json5", "b", "c"]
    assert found["strict"] is True and found["format"] == "json"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show"], "the following arguments are required: DECK"),
        (["check"], "the following arguments are required: DECK"),
        (["show", "a", "b"], "unrecognized arguments: b"),
        (["show", "a", "--colour"], "unrecognized arguments: --colour"),
        (["show", "a", "-x"], "unrecognized arguments: -x"),
        (["show", "a", "--s"], "ambiguous option: --s could match --slide, --strict"),
        (["show", "a", "--width"], "argument --width: expected one argument"),
        (["show", "a", "--width", "--strict"], "argument --width: expected one argument"),
        (["show", "a", "--width", "wide"], "argument --width: not a whole number: 'wide'"),
        (["show", "a", "--width", "9"], "argument --width: must be from 10 to 10000 columns"),
        (["show", "a", "--width", "9" * 5000], "argument --width: must be from 10 to 10000"),
        (["show", "a", "--strict=yes"], "argument --strict: ignored explicit argument 'yes'"),
        (["check", "a", "--max-size", "lots"], "not a number of megabytes: 'lots'"),
        (["check", "a", "--max-size", "0"], "argument --max-size: must be more than 0"),
        (["check", "a", "--max-size", "-3"], "argument --max-size: must be more than 0"),
        (["check", "a", "--max-size", "inf"], "not a finite number of megabytes: 'inf'"),
        (["check", "a", "--max-size", "1e400"], "not a finite number of megabytes: '1e400'"),
        (["check", "a", "--max-size", "nan"], "not a finite number of megabytes: 'nan'"),
        (["check", "a", "--max-size", "1e303"], "not a finite number of megabytes: '1e303'"),
        (["check", "a", "--max-size", "\x1b[2J"], "not a number of megabytes: '␛[2J'"),
        (["a", "--images", "sixel"], "argument --images: invalid choice: 'sixel'"),
        (["present", "a", "--images", "sixel"], "argument --images: invalid choice: 'sixel'"),
    ],
)
def test_usage_errors_name_the_problem_under_the_usage_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    text = error(capsys, *argv)
    command = f"tui-slides {argv[0]}" if argv[0] in ("show", "check") else "tui-slides"
    assert text.startswith(f"usage: {command} [-h] ")
    said = text.splitlines()[-1]
    assert said.startswith(f"{command}: error: ")
    assert message in said


@given(st.text(max_size=30))
def test_any_max_size_is_a_positive_number_of_bytes_or_a_usage_error(value: str) -> None:
    """No text given to ``--max-size`` ends in a traceback, or in a limit that is no limit."""
    try:
        found = values("check", "a", "--max-size", value)[1]
    except SystemExit as exit:
        assert exit.code == 2
        return
    megabytes = float(value)
    assert math.isfinite(megabytes) and megabytes > 0
    assert isinstance(found["max_size"], int) and found["max_size"] >= 1


@given(st.one_of(st.integers(), st.text(max_size=12)))
def test_any_width_is_in_range_or_a_usage_error(width: int | str) -> None:
    try:
        found = values("show", "d", "--width", str(width))[1]
    except SystemExit as exit:
        assert exit.code == 2
        return
    assert found["width"] in WIDTHS


WORDS = st.one_of(
    st.sampled_from(
        ["present", "check", "show", "fix", "export", "-h", "--help", "--version", "--", "-",
         "--slide", "--width", "--wid", "--max-size", "--format", "--images", "--strict", "--s",
         "-x", "--html", "--write"]
    ),
    st.text(max_size=8),
)  # fmt: skip


@given(st.lists(WORDS, max_size=8))
def test_any_command_line_parses_or_is_help_or_a_usage_error(argv: list[str]) -> None:
    """Whatever is typed, argparse answers: values, help (0) or a usage error (2)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            command, _ = parse(argv)
        except SystemExit as exit:
            assert exit.code in (0, 2)
            assert (out if exit.code == 0 else err).getvalue().startswith("usage: ") or (
                exit.code == 0 and out.getvalue() == f"tui-slides {__version__}\n"
            )
            return
    assert command in COMMANDS
    assert out.getvalue() == err.getvalue() == ""


@pytest.mark.parametrize(
    ("argv", "usage"),
    [
        (["-h"], "usage: tui-slides [-h]"),
        (["--help"], "usage: tui-slides [-h]"),
        (["present", "--help"], "usage: tui-slides [-h]"),
        (["d.json5", "--help"], "usage: tui-slides [-h]"),
        (["show", "-h"], "usage: tui-slides show [-h]"),
        (["check", "--width", "x", "--he"], "usage: tui-slides check [-h]"),
    ],
)
def test_help_anywhere_is_shown_not_parsed(
    capsys: pytest.CaptureFixture[str], argv: list[str], usage: str
) -> None:
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith(usage)


LOADING = ["--strict", "--max-size MB"]
SHARING = ["--ssh [HOST:]PORT", "--ssh-auth", "--ssh-keys FILE", "--ssh-max-viewers N"]
ARGUMENTS = {
    "present": [
        "DECK",
        "--slide N|ID",
        "--theme NAME",
        "--watch",
        "--images",
        "--console",
        "--duration TIME",
        *SHARING,
        *LOADING,
    ],
    "check": ["DECK", "--format {text,json}", *LOADING],
    "show": ["DECK", "--slide N|ID", "--width W", "--notes", *LOADING],
    "fix": ["DECK", "--write", "--max-size MB"],
    "export": ["DECK", "--html OUT.html", "--pdf OUT.pdf", "--theme NAME", "--notes", *LOADING],
    "console": ["--join NAME", "--duration TIME"],
    "serve": ["DECK", "--slide N|ID", *SHARING, *LOADING],
}


def test_each_command_help_lists_every_argument(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert set(ARGUMENTS) == set(COMMANDS)
    for name, command in COMMANDS.items():
        assert main([name, "--help"]) == 0
        text = capsys.readouterr().out
        assert command.help in " ".join(text.split())
        for argument in ["-h, --help", *ARGUMENTS[name]]:
            assert argument in text
        assert max(len(line) for line in text.splitlines()) <= 60


def test_top_level_help_lists_the_commands_and_the_presenters_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    commands = out.split("commands (present if none is named):\n", 1)[1]
    for name, command in COMMANDS.items():
        assert f"\n  {name}" in f"\n{commands}" and command.help in " ".join(commands.split())
    for option in ("--slide N|ID", "--theme NAME", "--watch", "--images", "--strict", "--max-size"):
        assert option in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"tui-slides {__version__}\n"


def test_main_prints_usage_errors_to_stderr_with_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "deck.json5", "--width", "x"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[-1] == (
        "tui-slides show: error: argument --width: not a whole number: 'x'"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99999999999h", "at most 24h"),
        ("24h1s", "at most 24h"),
        ("0s", "must be more than 0s"),
        ("soon", "not a duration like 10s, 1m30s or 2m: 'soon'"),
    ],
)
def test_advance_takes_a_duration_up_to_a_day(
    capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    assert main(["deck.json5", "--advance", value]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"tui-slides: error: argument --advance: {message}"
    )
