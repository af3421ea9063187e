"""What each command does: one module a command, each importing what it needs when it runs.

The grammar and the dispatch are ``tui_slides.cli``; what every command
shares (reading a deck, saying what is wrong, exit statuses) is ``common``.
Each function here runs its command's module, imported only then: the
presenter's start-up imports no other command's module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from tui_slides.commands.common import Started


def run_present(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides [present]`` (``commands.present``)."""
    from tui_slides.commands.present import present

    return present(args, started)


def run_check(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides check`` (``commands.check``)."""
    from tui_slides.commands.check import check

    return check(args, started)


def run_show(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides show`` (``commands.show``)."""
    from tui_slides.commands.show import show

    return show(args, started)


def run_fix(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides fix`` (``commands.fix``)."""
    from tui_slides.commands.fix import fix

    return fix(args, started)


def run_export(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides export`` (``commands.export``)."""
    from tui_slides.commands.export import export

    return export(args, started)


def run_console(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides console`` (``commands.console``)."""
    from tui_slides.commands.console import console

    return console(args, started)


def run_serve(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides serve`` (``commands.serve``)."""
    from tui_slides.commands.serve import serve

    return serve(args, started)
