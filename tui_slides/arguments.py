"""The command line's grammar: subcommands, their arguments, help text and usage errors.

Written out rather than built with argparse: with gettext and locale, argparse
costs ~3 ms on every start (benchmarks/show_speed.py), a tenth of what
``tui-slides show`` may add to Rich's own start-up, for a grammar of three
commands. The conventions are argparse's: ``--name VALUE`` or ``--name=VALUE``,
a unique prefix of a name is enough (``--wid 60``), the last of a repeated
option wins, ``--`` ends the options, ``-h``/``--help`` anywhere prints help,
and a usage error prints the usage line and exits with status 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import NamedTuple


class Option(NamedTuple):
    """``--name``: a flag (no ``metavar``) or an option taking one value."""

    name: str
    help: str
    metavar: str = ""
    """What the value is called in help; empty for a flag, which is True when given."""
    choices: tuple[str, ...] = ()
    convert: Callable[[str], object] | None = None
    """Turns the value into what the program wants; raises ``ValueError`` with a reason."""
    default: object = None

    @property
    def dest(self) -> str:
        """The attribute the value is stored under: ``--max-size`` gives ``max_size``."""
        return self.name[2:].replace("-", "_")

    @property
    def usage(self) -> str:
        if not self.metavar:
            return self.name
        return f"{self.name} {'{' + ','.join(self.choices) + '}' if self.choices else self.metavar}"


class Positional(NamedTuple):
    """A positional argument: one (``arity="1"``), optional (``"?"``) or one or more (``"+"``)."""

    dest: str
    metavar: str
    help: str
    arity: str = "1"

    @property
    def usage(self) -> str:
        return {"?": f"[{self.metavar}]", "+": f"{self.metavar} [{self.metavar} ...]"}.get(
            self.arity, self.metavar
        )


class Command(NamedTuple):
    """A subcommand: its name, one line of help, and its arguments."""

    name: str
    help: str
    positionals: tuple[Positional, ...]
    options: tuple[Option, ...]


class Program(NamedTuple):
    """The whole command line: a name, a description, commands (the first is the default)."""

    name: str
    description: str
    version: str
    commands: tuple[Command, ...]


class UsageError(Exception):
    """The command line cannot be understood; ``str`` is the whole message to print."""


class Shown(Exception):
    """``--help`` or ``--version`` was asked for; ``str`` is what to print (status 0)."""


def parse(program: Program, argv: Sequence[str]) -> tuple[str, SimpleNamespace]:
    """The command named by ``argv`` (the default command if none is) and its values.

    Raises ``Shown`` for ``--help``/``--version`` and ``UsageError`` when the
    arguments do not fit the grammar.
    """
    commands = {command.name: command for command in program.commands}
    args = list(argv)
    if args and args[0] in ("-h", "--help"):
        raise Shown(program_help(program))
    if args and args[0] == "--version":
        raise Shown(f"{program.name} {program.version}")
    command = commands[args.pop(0)] if args and args[0] in commands else program.commands[0]
    return command.name, _parse_command(program, command, args)


def _parse_command(program: Program, command: Command, args: list[str]) -> SimpleNamespace:
    values: dict[str, object] = {option.dest: option.default for option in command.options}
    values.update((option.dest, False) for option in command.options if not option.metavar)
    words: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "--":
            words.extend(args[index:])
            break
        if arg in ("-h", "--help"):
            raise Shown(command_help(program, command))
        if not arg.startswith("-") or arg == "-":
            words.append(arg)
            continue
        name, has_value, value = arg.partition("=")
        option = _find_option(program, command, name)
        if not option.metavar:
            if has_value:
                raise _error(program, command, f"argument {option.name}: takes no value")
            values[option.dest] = True
            continue
        if not has_value:
            if index >= len(args) or args[index].startswith("--"):
                raise _error(program, command, f"argument {option.name}: expected a value")
            value = args[index]
            index += 1
        values[option.dest] = _convert(program, command, option, value)
    _take_positionals(program, command, words, values)
    return SimpleNamespace(**values)


def _find_option(program: Program, command: Command, name: str) -> Option:
    """The option called ``name``, or the only one whose name starts with it."""
    if name.startswith("--"):
        exact = [option for option in command.options if option.name == name]
        found = exact or [option for option in command.options if option.name.startswith(name)]
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(option.name for option in found)
            raise _error(program, command, f"ambiguous option: {name} could match {names}")
    raise _error(program, command, f"unrecognized option: {name}")


def _convert(program: Program, command: Command, option: Option, value: str) -> object:
    if option.choices and value not in option.choices:
        choices = ", ".join(option.choices)
        message = f"argument {option.name}: invalid choice {value!r} (choose from {choices})"
        raise _error(program, command, message)
    if option.convert is None:
        return value
    try:
        return option.convert(value)
    except ValueError as error:
        raise _error(program, command, f"argument {option.name}: {error}") from None


def _take_positionals(
    program: Program, command: Command, words: list[str], values: dict[str, object]
) -> None:
    missing = []
    for positional in command.positionals:
        if positional.arity == "+":
            values[positional.dest], words = list(words), []
            if not values[positional.dest]:
                missing.append(positional.metavar)
        elif words:
            values[positional.dest] = words.pop(0)
        else:
            values[positional.dest] = None
            if positional.arity == "1":
                missing.append(positional.metavar)
    if missing:
        message = f"the following arguments are required: {', '.join(missing)}"
        raise _error(program, command, message)
    if words:
        raise _error(program, command, f"unrecognized arguments: {' '.join(words)}")


def _error(program: Program, command: Command, message: str) -> UsageError:
    return UsageError(f"{command_usage(program, command)}\n{program.name}: error: {message}")


def command_usage(program: Program, command: Command) -> str:
    """``usage: tui-slides show [-h] DECK [--slide N|ID] ...``, wrapped to the terminal."""
    lead = f"usage: {program.name} {command.name}"
    parts = ["[-h]", *(positional.usage for positional in command.positionals)]
    parts.extend(f"[{option.usage}]" for option in command.options)
    lines, line = [], lead
    for part in parts:
        if len(line) + 1 + len(part) > help_width() and line.strip():
            lines.append(line)
            line = " " * len(lead)
        line = f"{line} {part}"
    return "\n".join([*lines, line])


def command_help(program: Program, command: Command) -> str:
    """A command's usage, what it does, and each of its arguments."""
    rows = [(positional.metavar, positional.help) for positional in command.positionals]
    options = [("-h, --help", "show this help and exit")]
    options += [(option.usage, option.help) for option in command.options]
    sections = [command_usage(program, command), _wrap(command.help)]
    if rows:
        sections.append("arguments:\n" + _table(rows))
    sections.append("options:\n" + _table(options))
    return "\n\n".join(sections)


def program_help(program: Program) -> str:
    """The top-level help: the usage, the description, the commands."""
    names = ",".join(command.name for command in program.commands)
    usage = f"usage: {program.name} [-h] [--version] [{{{names}}}] ..."
    commands = _table([(command.name, command.help) for command in program.commands])
    options = _table([("-h, --help", "show this help and exit"), ("--version", "show the version")])
    return "\n\n".join(
        [
            usage,
            _wrap(program.description),
            f"commands ({program.commands[0].name} if none is named):\n{commands}",
            f"options:\n{options}",
            f"`{program.name} COMMAND --help` lists a command's arguments.",
        ]
    )


def help_width() -> int:
    """Columns help is wrapped to: the terminal's (``COLUMNS``, else stdout's), at most 100."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(40, min(columns, 100) - 2)


def _wrap(text: str, indent: int = 0) -> str:
    import textwrap  # here: only help is wrapped

    return textwrap.fill(
        text, help_width(), initial_indent=" " * indent, subsequent_indent=" " * indent
    )


def _table(rows: Sequence[tuple[str, str]]) -> str:
    """Two columns: names, then help starting in one column for all (wrapped under itself)."""
    column = min(max(len(name) for name, _ in rows) + 4, 28)
    lines = []
    for name, text in rows:
        entry = f"  {name}"
        body = _wrap(text, column).lstrip(" ")
        if len(entry) + 2 > column:  # a long name: its help starts on the next line
            lines.extend([entry, " " * column + body])
        else:
            lines.append(f"{entry:<{column}}{body}")
    return "\n".join(lines)
