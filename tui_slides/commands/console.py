"""``tui-slides console``: the presenter console, joining a talk running in another terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from tui_slides.commands.common import EXIT_FAILED, EXIT_USAGE, Started
from tui_slides.streams import say_problem, terminal_problem

if TYPE_CHECKING:
    import argparse


def console(args: argparse.Namespace, started: Started) -> int:
    """Join the running presentation (``--join NAME``: that one); the exit status.

    No presentation, several without ``--join``, or none of that name: said
    on standard error, status 1, without starting Textual.
    """
    from tui_slides.app.console.launch import pick, run_console

    listing = pick(args.join, sys.stderr)
    if listing is None:
        return EXIT_FAILED
    problem = terminal_problem()
    if problem:
        say_problem(problem.replace("the presenter ", "the console "))
        return EXIT_USAGE
    started()
    return run_console(listing, args.duration)
