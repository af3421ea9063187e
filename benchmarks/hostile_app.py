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
- ``slides``: 10,000 slides of 100 tiny blocks each (~15 MB).

Each deck's presenter is started in a pseudo-terminal (``benchmarks/app_paint.py``
helpers), as a person starts it. Measured: the time to the first paint (the
status bar's counter on screen), then ``q`` is pressed and the time to the end
of the process is taken, then the child's peak memory (VmHWM, read just before
``q``). Bounds from issue 11: first paint within 5 s, quit within 1 s. A child
that does not paint within ``--timeout`` seconds, or does not quit within 5 s,
is killed and reported as a miss: the script always ends by itself.
"""

from __future__ import annotations

import argparse
import compileall
import json
import sys
import tempfile
import time
from collections.abc import Callable
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


def many_slides() -> Slides:
    return [
        {"name": str(s), "content": [{"text": f"t{b}"} for b in range(100)]} for s in range(10_000)
    ]


DECKS: dict[str, Callable[[], Slides]] = {
    "blocks": many_blocks,
    "lines": many_lines,
    "long-line": long_line,
    "wide-line": wide_line,
    "markdown": markdown,
    "slides": many_slides,
}


def write_deck(folder: Path, name: str) -> tuple[Path, int]:
    """The deck ``name`` written as compact JSON in ``folder``; its path and slide count."""
    slides = DECKS[name]()
    path = folder / f"{name}.json"
    text = json.dumps({"slides": slides}, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, "utf-8")
    return path, len(slides)


def measure(path: Path, total: int, size: tuple[int, int], timeout: float) -> dict[str, object]:
    """First paint (s), quit (s) and peak RSS (MiB) of the presenter on ``path``."""
    child = spawn([*TUI_SLIDES, str(path)], *size)
    result: dict[str, object] = {"paint": None, "quit": None, "rss": None}
    try:
        seen = child.wait_for(counter(1, total), 0, timeout=timeout)
        result["paint"] = seen - child.started
        time.sleep(0.3)  # a person reads the slide; work after the first paint shows here
        child.read(0)
        result["rss"] = child.peak_rss_mib()
        pressed = child.send(KEYS["quit"])
        deadline = pressed + 5
        while child.proc.poll() is None and time.perf_counter() < deadline:
            child.read(0.01)
        if child.proc.poll() is not None:
            result["quit"] = time.perf_counter() - pressed
    except TimeoutError as error:
        result["error"] = str(error)[:200]
    finally:
        if child.proc.poll() is None:
            child.proc.kill()
            child.proc.wait()
    return result


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
    missed = 0
    print(f"terminal {columns}x{rows}; bounds: first paint <= {FIRST_PAINT_BOUND} s, quit <= 1 s")
    print(f"  {'deck':<10} {'MB':>6} {'paint s':>8} {'quit s':>7} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            path, total = write_deck(Path(folder), name)
            megabytes = path.stat().st_size / 1e6
            result = measure(path, total, (columns, rows), args.timeout)
            path.unlink()
            paint, quit_, rss = result["paint"], result["quit"], result["rss"]
            ok = (
                isinstance(paint, float)
                and paint <= FIRST_PAINT_BOUND
                and isinstance(quit_, float)
                and quit_ <= QUIT_BOUND
            )
            missed += not ok

            def show(value: object, digits: int) -> str:
                return f"{value:.{digits}f}" if isinstance(value, float) else "-"

            print(
                f"{'  ok ' if ok else 'MISS '}{name:<10} {megabytes:6.1f} {show(paint, 2):>8}"
                f" {show(quit_, 2):>7} {show(rss, 0):>9}"
                + (f"   {result['error']}" if "error" in result else "")
            )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
