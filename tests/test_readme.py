"""The README's two set-up commands are what CI runs, and they are what a new user can type."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set-up: two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_there_are_exactly_two_setup_commands() -> None:
    run, test = setup_commands()
    assert run.endswith("tui-slides") and "pip install ." in run
    assert "pip install '.[test]'" in test and "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, test = setup_commands()
    assert test in CI.splitlines()


def test_ci_installs_as_the_readme_says() -> None:
    run, _ = setup_commands()
    install = run.rsplit(" && ", 1)[0]  # everything but starting the full-screen app
    assert install in CI.splitlines()


def test_the_bundled_tour_deck_the_first_command_presents_exists() -> None:
    from tui_slides.commands.present import bundled_decks

    assert (bundled_decks() / "tour.json5").is_file()


def test_every_command_line_in_use_is_one_the_parser_takes() -> None:
    """The "Use" section stays true: each example parses to the command it says."""
    from tui_slides.cli import COMMANDS, parse

    section = README.split("## Use", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```sh\n(.+?)\n```", section, re.DOTALL)[0]
    examples = [line.split("#", 1)[0].split() for line in block.splitlines()]
    assert len(examples) >= 8
    for words in examples:
        assert words[0] == "tui-slides"
        argv = [{"DECK": "talk.json5", "DECK...": "talk.json5"}.get(w, w) for w in words[1:]]
        command, args = parse(argv)
        assert command == (argv[0] if argv[0] in COMMANDS else "present")
        assert (getattr(args, "decks", None) or [args.deck]) == ["talk.json5"]
