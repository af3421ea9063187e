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
    """``text`` with the one-file unified ``diff`` applied; fails where a line does not match."""
    old = lines(text)
    diff_lines = lines(diff)
    assert diff_lines[0].startswith("--- a/") and diff_lines[1].startswith("+++ b/")
    new: list[str] = []
    done = 0
    previous = ""
    for line in diff_lines[2:]:
        hunk = HUNK.match(line)
        if hunk:
            start = int(hunk.group(1)) - (0 if hunk.group(2) == "0" else 1)
            assert start >= done
            new += old[done:start]
            done = start
        elif line.startswith("\\"):  # "\ No newline at end of file": of the line before
            if previous == "+":  # (a kept or removed line is the file's own, as it is)
                new[-1] = new[-1].removesuffix("\n")
        elif line[0] in " -":
            assert old[done] == line[1:] or old[done] == line[1:].removesuffix("\n")
            if line[0] == " ":
                new.append(old[done])
            done += 1
        else:
            assert line[0] == "+"
            new.append(line[1:])
        previous = line[0]
    return "".join(new + old[done:])
