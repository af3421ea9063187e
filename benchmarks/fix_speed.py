"""`tui-slides fix` on large decks with seed-style defects: time and peak memory.

Run from the repository root: ``python -m benchmarks.fix_speed``. No target in
the issue; this shows what a large broken deck costs. Most of the time is the
safety net: the reference ``json5`` package (pure Python, ~7 s a megabyte)
accepting the repaired text before anything is written. A deck that needs no
repair skips it (shown as the baseline: the same deck once fixed).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.decks import seed_style_defects

COMMAND = [
    sys.executable,
    "-c",
    "import sys; from tui_slides.startup import main; sys.exit(main())",
]


def measure(*argv: str) -> tuple[float, float]:
    """Seconds and peak MiB of one ``tui-slides ARGV`` in a fresh process (run alone)."""
    started = time.perf_counter()
    subprocess.run([*COMMAND, *argv], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest so far
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="250000,1000000", help="deck sizes in bytes")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    print(f"{'deck':>12}  {'fix (diff)':>12}  {'fix --write':>12}  {'nothing to fix':>14}")
    for size in (int(size) for size in args.sizes.split(",")):
        path = folder / f"{size}.json5"
        path.write_text(seed_style_defects(size), encoding="utf-8")
        diff, _ = measure("fix", str(path))
        write, _ = measure("fix", "--write", str(path))
        clean, peak = measure("fix", str(path))
        print(
            f"{size / 1e6:>9.2f} MB  {diff:>10.1f} s  {write:>10.1f} s  {clean:>12.1f} s"
            f"   (peak so far {peak:.0f} MiB)"
        )


if __name__ == "__main__":
    main()
