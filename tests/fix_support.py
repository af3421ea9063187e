"""Helpers for the `fix` tests: run the command, and apply a unified diff as `patch -p1` would."""

from __future__ import annotations

import re

import pytest

from tui_slides.cli import main

HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``tui-slides ARGV``: the exit status, standard output and standard error."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def lines(text: str) -> list[str]:
    """``text`` split after each LF, each line keeping its ending."""
    parts = text.split("\n")
    last = parts.pop()
    return [part + "\n" for part in parts] + ([last] if last else [])


def patch(text: str, diff: str) -> str:
    """``text`` with the one-file unified ``diff`` applied; fails where the diff does not fit.

    Stricter than ``patch``: every hunk's ranges (old and new) must be exact.
    """
    old = lines(text)
    diff_lines = lines(diff)
    assert diff_lines[0].startswith("--- a/") and diff_lines[1].startswith("+++ b/")
    new: list[str] = []
    done = 0
    previous = ""
    counts: list[int] = []  # what the open hunk still has to take and to give
    for line in diff_lines[2:]:
        hunk = HUNK.match(line)
        if hunk:
            assert counts in ([], [0, 0])
            old_start, old_length, new_start, new_length = (
                int(group) if group is not None else 1 for group in hunk.groups()
            )
            start = old_start - (1 if old_length else 0)
            assert start >= done
            new += old[done:start]
            done = start
            assert new_start - (1 if new_length else 0) == len(new)
            counts = [old_length, new_length]
        elif line.startswith("\\"):  # "\ No newline at end of file": of the line before
            if previous == "+":  # (a kept or removed line is the file's own, as it is)
                new[-1] = new[-1].removesuffix("\n")
        elif line[0] in " -":
            assert old[done] == line[1:] or old[done] == line[1:].removesuffix("\n")
            if line[0] == " ":
                new.append(old[done])
                counts[1] -= 1
            counts[0] -= 1
            done += 1
        else:
            assert line[0] == "+"
            new.append(line[1:])
            counts[1] -= 1
        previous = line[0]
    assert counts == [0, 0]
    return "".join(new + old[done:])
