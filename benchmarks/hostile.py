"""Hostile decks against the bounds of issue 11: ``check`` within 10 s and 300 MB.

Run from the repository root: ``python -m benchmarks.hostile``. Each input is
written to a temporary folder, just under the 16 MB size limit where it is a
large one, and ``tui-slides check`` runs on it in a subprocess (started as the
installed command is: ``benchmarks/command.py``); the table shows
the median wall time of a few runs, the largest peak memory among them (the
children's maximum resident set size, as ``getrusage`` keeps it), and the exit
status of the last. ``--only NAME``
runs the cases whose name contains NAME.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.command import TUI_SLIDES

LIMIT = 16 * 1024 * 1024
"""The default size limit; the large inputs stay just under it."""
BIG = LIMIT - 4096
SECONDS = 10.0
MEGABYTES = 300.0


def _slide(body: str = "") -> str:
    return '{"content": [{"title": "t"}]' + body + "}"


def _fill(unit: str, size: int = BIG) -> str:
    return unit * (size // len(unit))


CASES: dict[str, Callable[[], str]] = {
    "15 MB block comment": lambda: "/*" + _fill("x", BIG - 40) + "*/" + _slide(),
    "15 MB of line comments": lambda: _fill("//\n") + _slide(),
    "15 MB of line breaks": lambda: _fill("\n") + _slide(),
    "15 MB of tiny block comments": lambda: _fill("/**/") + _slide(),
    "4M stray commas": lambda: "[" + "," * 4_000_000 + _slide() + "]",
    "15 MB of stray commas": lambda: "[" + _fill(",", BIG - 40) + _slide() + "]",
    "5M missing commas": lambda: '{"content": [], "x": [' + _fill("1 ", 10_000_000) + "]}",
    "15 MB raw line breaks in a string": lambda: _slide(', "notes": "' + _fill("\n") + '"'),
    "900K-char string of escapes": lambda: _slide(', "notes": "' + "\\n" * 900_000 + '"'),
    "15 MB string of escapes, unknown field": lambda: _slide(', "x": "' + _fill("\\n") + '"'),
    "15 MB string, unknown field": lambda: _slide(', "x": "' + _fill("x") + '"'),
    "15 MB key": lambda: '{"content": [], "' + _fill("k") + '": 1}',
    "15 MB unquoted word": lambda: '{"content": [], x: ' + _fill("k") + "}",
    "15 MB decimal number": lambda: '{"content": [], "x": ' + _fill("1") + "}",
    "15 MB hex number": lambda: '{"content": [], "x": 0x' + _fill("f") + "}",
    "15 MB number as block": lambda: '{"content": [{"block": ' + _fill("9") + "}]}",
    "1M numbers": lambda: '{"content": [], "x": [' + ",".join(["12345.5"] * 1_000_000) + "]}",
    "deepest allowed nesting x 100K": lambda: _slide(
        ', "x": [' + ",".join(["[" * 60 + "]" * 60] * 100_000) + "]"
    ),
    "deepest allowed nesting x 15K": lambda: _slide(
        ', "x": [' + ",".join(["[" * 60 + "]" * 60] * 15_000) + "]"
    ),
    "900K values (under the limit)": lambda: (
        '{"content": [], "x": [' + ",".join(["0"] * 900_000) + "], y: 1}"
    ),
    "300K blocks that are numbers": lambda: '{"content": [' + ",".join(["1"] * 300_000) + "]}",
    "too deep nesting, 15 MB": lambda: "[" * (BIG // 2) + "]" * (BIG // 2),
    "100,000 tiny blocks in 2 MB": lambda: (
        '{"content": [' + ",".join(['{"text": "a"}'] * 100_000) + "]}"
    ),
    "1M tiny values in JSON": lambda: "[" + _slide() + "," + ",".join(["0"] * 1_000_000) + "]",
    "15 MB single line, valid JSON5": lambda: (
        "{content: [" + ",".join(["{text: 'abc', title: 'x',}"] * (BIG // 27)) + "]}"
    ),
    "2M duplicate keys": lambda: '{"content": [], ' + ",".join(['"a": 1'] * 2_000_000) + "}",
    "1M lone surrogates": lambda: _slide(', "notes": "' + "\\uD800" * 1_000_000 + '"'),
    "2M surrogate pairs": lambda: _slide(', "notes": "' + "\\uD83D\\uDE00" * 1_000_000 + '"'),
}


def measure(path: Path) -> tuple[float, float, int]:
    """Wall seconds and peak megabytes of one ``check`` run, and its exit status."""
    started = time.perf_counter()
    run = subprocess.run(
        [*TUI_SLIDES, "check", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    seconds = time.perf_counter() - started
    # The largest of all children so far: each case is measured from a fresh
    # helper process (``--one``, see main), so an earlier case does not count.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak / 1024, run.returncode


def _one(path: str, runs: int) -> None:
    """Measure ``runs`` checks of ``path``; print median seconds, peak megabytes, status."""
    results = [measure(Path(path)) for _ in range(runs)]
    seconds = statistics.median(r[0] for r in results)
    megabytes = max(r[1] for r in results)
    print(seconds, megabytes, results[-1][2])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.one, args.runs)
        return
    print(f"{'input':<38} {'size':>8} {'time':>8} {'peak':>9}  exit  within bounds")
    worst = True
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES.items():
            if args.only not in name:
                continue
            path = Path(folder) / "deck.json5"
            path.write_text(make(), encoding="utf-8")
            size = path.stat().st_size / 1024 / 1024
            # Run from a fresh process: RUSAGE_CHILDREN's peak is the largest of all children.
            out = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.hostile",
                    "--one",
                    str(path),
                    "--runs",
                    str(args.runs),
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            seconds, megabytes, status = float(out[0]), float(out[1]), int(out[2])
            ok = seconds <= SECONDS and megabytes <= MEGABYTES
            worst = worst and ok
            print(
                f"{name:<38} {size:>6.1f}MB {seconds:>7.2f}s {megabytes:>7.0f}MB"
                f"  {status:>4}  {'yes' if ok else 'NO'}"
            )
    print(f"\nbounds: {SECONDS:g} s, {MEGABYTES:g} MB; time: median of {args.runs} runs")
    if not worst:
        sys.exit(1)


if __name__ == "__main__":
    main()
