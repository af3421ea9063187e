"""The presenter on the worst slide shapes within the size limit: first paint, quit, memory.

    python benchmarks/hostile_app.py [--only blocks,lines] [--size 100x30] [--timeout 90]

Each deck is generated into a temporary folder, within the 16 MiB limit
(``tui_slides.deck.loader.DEFAULT_MAX_BYTES``) and the 1,000,000-character
limit on one string (``tui_slides.deck.schema.MAX_STRING``):

- ``blocks``: one slide of 100,000 tiny blocks (~1.8 MB);
- ``lines``: one block of 500,000 one-letter lines (the longest text a string holds);
- ``long-line``: 15 blocks, each one line of 999,999 letters without a space (15 MB);
- ``wide-line``: one block, one line of 999,999 two-cell letters (3 MB of UTF-8);
- ``markdown``: one Markdown block of ~1 MB (headings, lists, code, links);
- ``tables``: three slides, each a ~1 MB Markdown table (Rich's costliest
  Markdown per character), started on the middle one: both neighbours are
  rendered ahead right after the first paint;
- ``slides``: 3,000 slides of 100 tiny blocks each (~4.5 MB; 10,000 such slides are more
  than the 1,000,000 values the loader reads from one file: refused at once).

Each deck's presenter is started in a pseudo-terminal (``benchmarks/app_paint.py``
helpers), as a person starts it. Measured: the time to the first paint (the
status bar's counter on screen); then ``q`` is pressed, at once and, in
another launch, ``QUIT_DELAYS`` later (after the first paint the presenter
renders the neighbours ahead and reads the rest of a large deck), and the
time to the end of the process is taken (the slower of the two is reported);
and the child's peak memory (VmHWM, last read before it ended). Bounds from
issue 11: first paint within 5 s, quit within 1 s. A child that does not
paint within ``--timeout`` seconds, or does not quit within 5 s, is killed
and reported as a miss: the script always ends by itself.
The presenter shows a slide up to bounds (``tui_slides.app.shown``), so these
figures say little about the size of a deck; ``check`` is measured elsewhere.
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: ``benchmarks`` is not yet importable
    sys.path.insert(0, str(ROOT))

from benchmarks.app_paint import KEYS, counter, spawn  # noqa: E402
from benchmarks.command import TUI_SLIDES  # noqa: E402

FIRST_PAINT_BOUND = 5.0
"""Seconds from start to the first slide on screen (issue 11)."""
QUIT_BOUND = 1.0
"""Seconds from ``q`` to the end of the process (issue 11)."""
QUIT_DELAYS = (0.0, 0.5)
"""Seconds after the first paint at which ``q`` is pressed, one launch each."""
LONGEST = 999_999
"""Characters in the longest string generated: the loader refuses 1,000,001."""

Slides = list[dict[str, object]]


def many_blocks() -> Slides:
    return [{"name": "blocks", "content": [{"text": f"b{n}"} for n in range(100_000)]}]


def many_lines() -> Slides:
    return [{"name": "lines", "content": [{"text": "\n".join("x" * (LONGEST // 2 + 1))}]}]


def long_line() -> Slides:
    return [{"name": "long", "content": [{"text": "x" * LONGEST} for _ in range(15)]}]


def wide_line() -> Slides:
    return [{"name": "wide", "content": [{"text": "字" * LONGEST}]}]


def markdown() -> Slides:
    parts: list[str] = []
    size = number = 0
    while size < LONGEST - 200:
        number += 1
        part = (
            f"## Part {number}\n\nSome *text* with `code` and a [link](https://example.org/{number})."
            f"\n\n- item one\n- item **two**\n\n```python\nprint({number})\n```\n\n"
        )
        parts.append(part)
        size += len(part)
    return [{"name": "markdown", "content": [{"text": "".join(parts), "format": "markdown"}]}]


def tables() -> Slides:
    rows = "| cell | another cell | a third one |\n" * (LONGEST // 40)
    table = "| a | b | c |\n|---|---|---|\n" + rows
    return [
        {"name": str(n), "content": [{"text": table, "format": "markdown"}]} for n in range(1, 4)
    ]


def many_slides() -> Slides:
    return [
        {"name": str(s), "content": [{"text": f"t{b}"} for b in range(100)]} for s in range(3_000)
    ]


DECKS: dict[str, Callable[[], Slides]] = {
    "blocks": many_blocks,
    "lines": many_lines,
    "long-line": long_line,
    "wide-line": wide_line,
    "markdown": markdown,
    "tables": tables,
    "slides": many_slides,
}
START = {"tables": 2}
"""The slide a deck is started on (``--slide``), when not the first."""


def write_deck(folder: Path, name: str) -> tuple[Path, int]:
    """The deck ``name`` written as compact JSON in ``folder``; its path and slide count."""
    slides = DECKS[name]()
    path = folder / f"{name}.json"
    text = json.dumps({"slides": slides}, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, "utf-8")
    return path, len(slides)


@dataclass
class Launch:
    """What one launch measured (``None``: it did not get that far)."""

    paint: float | None = None
    """Seconds from start to the first paint."""
    quit: float | None = None
    """Seconds from ``q`` to the end of the process."""
    rss: float | None = None
    """Peak resident memory, MiB."""
    error: str = ""


def measure(
    argv: list[str], marker: str, size: tuple[int, int], timeout: float, delay: float
) -> Launch:
    """Start ``argv``, wait for ``marker``, press ``q`` ``delay`` seconds later."""
    child = spawn(argv, *size)
    launch = Launch()
    try:
        launch.paint = child.wait_for(marker, 0, timeout=timeout) - child.started
        until = time.perf_counter() + delay
        while time.perf_counter() < until:
            child.read(0.01)
        pressed = child.send(KEYS["quit"])
        deadline = pressed + 5
        while child.proc.poll() is None and time.perf_counter() < deadline:
            try:
                rss = child.peak_rss_mib()
            except (OSError, ValueError):
                rss = math.nan
            if not math.isnan(rss):  # ending: the last figure read stands
                launch.rss = rss
            child.read(0.01)
        if child.proc.poll() is not None:
            launch.quit = time.perf_counter() - pressed
    except TimeoutError as error:
        launch.error = str(error)[:200]
    finally:
        if child.proc.poll() is None:
            child.proc.kill()
            child.proc.wait()
    return launch


def _slowest(values: list[float | None]) -> float | None:
    """The largest of ``values``, or ``None`` if one is missing (a launch fell short)."""
    known = [value for value in values if value is not None]
    return max(known) if known and len(known) == len(values) else None


def _figure(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def run_deck(path: Path, total: int, start: int, size: tuple[int, int], timeout: float) -> str:
    """One line of the report for the deck at ``path``: launches, figures, ok or MISS."""
    where = ["--slide", str(start)] if start != 1 else []  # --slide reads the whole deck first
    argv = [*TUI_SLIDES, str(path), *where]
    launches = [measure(argv, counter(start, total), size, timeout, d) for d in QUIT_DELAYS]
    paint = _slowest([launch.paint for launch in launches])
    quit_ = _slowest([launch.quit for launch in launches])
    rss = _slowest([launch.rss for launch in launches])
    ok = paint is not None and paint <= FIRST_PAINT_BOUND and quit_ is not None
    ok = ok and quit_ is not None and quit_ <= QUIT_BOUND
    errors = "; ".join(launch.error for launch in launches if launch.error)
    return (
        f"{'  ok ' if ok else 'MISS '}{path.stem:<10} {path.stat().st_size / 1e6:6.1f}"
        f" {_figure(paint, 2):>8} {_figure(quit_, 2):>7} {_figure(rss, 0):>9}"
        + (f"   {errors}" if errors else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(DECKS), help="decks to run, comma-separated")
    parser.add_argument("--size", default="100x30", help="terminal size, COLSxROWS")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds to wait for a paint")
    args = parser.parse_args(argv)
    columns, rows = (int(part) for part in args.size.lower().split("x"))
    names = [name for name in args.only.split(",") if name]
    unknown = [name for name in names if name not in DECKS]
    if unknown:
        parser.error(f"unknown deck(s): {', '.join(unknown)}; known: {', '.join(DECKS)}")

    compileall.compile_dir(ROOT / "tui_slides", quiet=1)
    print(f"terminal {columns}x{rows}; bounds: first paint <= {FIRST_PAINT_BOUND} s, quit <= 1 s")
    print(f"slowest of {len(QUIT_DELAYS)} launches, q pressed {QUIT_DELAYS} s after the paint")
    print(f"     {'deck':<10} {'MB':>6} {'paint s':>8} {'quit s':>7} {'peak MiB':>9}")
    missed = 0
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            path, total = write_deck(Path(folder), name)
            line = run_deck(path, total, START.get(name, 1), (columns, rows), args.timeout)
            path.unlink()
            missed += line.startswith("MISS")
            print(line, flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
