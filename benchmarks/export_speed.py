"""How long ``tui-slides export`` takes, against ``tui-slides show`` of the same deck.

Three exports, each a fresh subprocess (what a person typing it waits for),
alternating with ``show`` of the same deck (piped to /dev/null, 100 columns) so
drift in the machine's load hits both alike; medians of ``--runs`` runs:

- the 1000-slide benchmark deck (``app_paint.big_deck``) to HTML: target 2 s;
- the same deck to PDF: target 20 s;
- the seed deck to PDF: target 2 s.

    python benchmarks/export_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: ``benchmarks`` is not yet importable
    sys.path.insert(0, str(ROOT))

from benchmarks.app_paint import big_deck  # noqa: E402
from benchmarks.command import TUI_SLIDES  # noqa: E402

SEED = ROOT / "decks" / "seed-nurotan-it-specialists.json5"


def time_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    args = parser.parse_args(argv)

    compileall.compile_dir(ROOT / "tui_slides", quiet=1)  # as pip install does
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        big = out / "big.json5"
        big_deck(big)
        cases = {
            "1000 slides -> HTML": (big, ["--html", str(out / "big.html")], 2.0),
            "1000 slides -> PDF": (big, ["--pdf", str(out / "big.pdf")], 20.0),
            "seed -> PDF": (SEED, ["--pdf", str(out / "seed.pdf")], 2.0),
        }
        commands: dict[str, list[str]] = {}
        for name, (deck, output, _) in cases.items():
            commands[name] = [*TUI_SLIDES, "export", str(deck), *output]
        commands["show 1000 slides"] = [*TUI_SLIDES, "show", str(big)]
        commands["show seed"] = [*TUI_SLIDES, "show", str(SEED)]
        for command in commands.values():  # warm the file cache and .pyc files
            time_once(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_once(command, env))
        sizes = {name: Path(output[1]).stat().st_size for name, (_, output, _) in cases.items()}
    medians = {name: statistics.median(values) for name, values in times.items()}

    print(f"runs each: {args.runs}; medians of fresh processes")
    ok = True
    for name, (deck, _, target) in cases.items():
        show = medians["show seed" if deck == SEED else "show 1000 slides"]
        verdict = "ok" if medians[name] <= target else "over target"
        ok = ok and medians[name] <= target
        print(
            f"  export {name:20} {medians[name]:6.2f} s  (target <= {target:g} s: {verdict});"
            f" show of the same deck {show:5.2f} s, ratio {medians[name] / show:4.1f}x;"
            f" {sizes[name] / 1024:,.0f} KiB"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
