"""How long ``tui-slides show`` takes on the seed deck, against a minimal Rich script.

Each command runs as a fresh subprocess (what a person typing it waits for),
alternating the two so drift in the machine's load hits both alike. Prints the
median wall time of each and their ratio; the target is a ratio of at most 1.3.

    python benchmarks/show_speed.py [--runs 21] [--deck decks/seed-nurotan-it-specialists.json5]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.3
"""Largest acceptable ratio of ``show`` to the baseline."""

BASELINE = (
    "from rich.console import Console\n"
    "Console().print('Сроки реализации проекта - 2018 – 2020 гг. A short paragraph.')\n"
)
"""The least a Rich program does: import rich and print one short paragraph."""

if str(ROOT) not in sys.path:  # run as a script: ``benchmarks`` is not yet importable
    sys.path.insert(0, str(ROOT))

from benchmarks.command import TUI_SLIDES  # noqa: E402


def time_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    parser.add_argument("--deck", default="decks/seed-nurotan-it-specialists.json5")
    args = parser.parse_args(argv)

    # Measure what an installed copy runs: compiled modules (pip compiles them on
    # install). Some environments set PYTHONDONTWRITEBYTECODE, which would make
    # every run compile our sources while Rich's came precompiled.
    compileall.compile_dir(ROOT / "tui_slides", quiet=1)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    show = [*TUI_SLIDES, "show", args.deck]
    baseline = [sys.executable, "-c", BASELINE]
    for command in (show, baseline):  # warm the file cache and .pyc files
        time_once(command, env)

    # Where the time goes: the CLI's imports alone, then with the show renderers.
    cli_only = [sys.executable, "-c", "import tui_slides.cli"]
    cli_show = [sys.executable, "-c", "import tui_slides.cli, tui_slides.render.slide"]
    commands = {"show": show, "baseline": baseline, "cli": cli_only, "cli+show": cli_show}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(time_once(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}

    ratio = medians["show"] / medians["baseline"]
    print(f"runs each: {args.runs}")
    print(f"  baseline: import rich, print one paragraph  {medians['baseline'] * 1000:7.1f} ms")
    print(f"  tui-slides show {args.deck}  {medians['show'] * 1000:7.1f} ms")
    print(f"    of which: import tui_slides.cli           {medians['cli'] * 1000:7.1f} ms")
    print(f"              + import tui_slides.render.slide {medians['cli+show'] * 1000:7.1f} ms")
    verdict = "ok" if ratio <= TARGET else "over target"
    print(f"ratio show / baseline: {ratio:.2f}x (target <= {TARGET}x: {verdict})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
