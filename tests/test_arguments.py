"""The command line's grammar as a user types it: forms of options, help, every usage error."""

from __future__ import annotations

import pytest

from tui_slides.arguments import Shown, UsageError, parse
from tui_slides.cli import PROGRAM, main
from tui_slides.deck.loader import DEFAULT_MAX_BYTES


def values(*argv: str) -> tuple[str, dict[str, object]]:
    command, namespace = parse(PROGRAM, argv)
    return command, vars(namespace)


def error(*argv: str) -> str:
    with pytest.raises(UsageError) as caught:
        parse(PROGRAM, argv)
    return str(caught.value)


def test_a_deck_alone_is_presented_with_the_defaults() -> None:
    assert values("talk.json5") == (
        "present",
        {
            "deck": "talk.json5",
            "slide": None,
            "theme": None,
            "watch": False,
            "css": None,
            "images": "auto",
            "strict": False,
            "max_size": DEFAULT_MAX_BYTES,
        },
    )
    assert values()[1]["deck"] is None  # no deck: the tour


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


def test_a_value_may_start_with_one_dash() -> None:
    assert values("show", "d.json5", "--slide", "-1")[1]["slide"] == "-1"


def test_check_takes_several_decks_and_converts_sizes() -> None:
    command, found = values("check", "a.json5", "b", "--max-size", "0.5", "--format", "json")
    assert command == "check"
    assert found["decks"] == ["a.json5", "b"]
    assert found["max_size"] == 512 * 1024
    assert found["format"] == "json"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show"], "the following arguments are required: DECK"),
        (["check"], "the following arguments are required: DECK"),
        (["show", "a", "b"], "unrecognized arguments: b"),
        (["show", "a", "--colour"], "unrecognized option: --colour"),
        (["show", "a", "-x"], "unrecognized option: -x"),
        (["show", "a", "--s"], "ambiguous option: --s could match --slide, --strict"),
        (["show", "a", "--width"], "argument --width: expected a value"),
        (["show", "a", "--width", "--strict"], "argument --width: expected a value"),
        (["show", "a", "--width", "wide"], "argument --width: not a whole number: 'wide'"),
        (["show", "a", "--strict=yes"], "argument --strict: takes no value"),
        (["check", "a", "--max-size", "lots"], "not a number of megabytes: 'lots'"),
        (["check", "a", "--max-size", "0"], "argument --max-size: must be more than 0"),
        (
            ["a", "--images", "sixel"],
            "argument --images: invalid choice 'sixel' (choose from auto, cells, none)",
        ),
    ],
)
def test_usage_errors_name_the_problem_under_the_usage_line(argv: list[str], message: str) -> None:
    text = error(*argv)
    command = argv[0] if argv[0] in ("show", "check") else "present"
    assert text.startswith(f"usage: tui-slides {command} [-h] ")
    said = text.splitlines()[-1]
    assert said.startswith("tui-slides: error: ")
    assert message in said


@pytest.mark.parametrize("argv", [["-h"], ["--help"], ["show", "-h"], ["d.json5", "--help"]])
def test_help_anywhere_is_shown_not_parsed(argv: list[str]) -> None:
    with pytest.raises(Shown) as caught:
        parse(PROGRAM, argv)
    assert str(caught.value).startswith("usage: tui-slides")


def test_each_command_help_lists_every_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    for command in PROGRAM.commands:
        with pytest.raises(Shown) as caught:
            parse(PROGRAM, [command.name, "--help"])
        text = str(caught.value)
        assert command.help in " ".join(text.split())
        for option in command.options:
            assert option.name in text
        for positional in command.positionals:
            assert positional.metavar in text
        assert max(len(line) for line in text.splitlines()) <= 60


def test_top_level_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(command.name in out for command in PROGRAM.commands)
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"tui-slides {PROGRAM.version}\n"


def test_main_prints_usage_errors_to_stderr_with_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "deck.json5", "--width", "x"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[-1] == "tui-slides: error: argument --width: not a whole number: 'x'"
