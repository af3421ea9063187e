"""Deck loading speed: medians against json.loads measured in the same run.

Run from the repository root: ``python -m benchmarks.load``. Targets (issue 2):
a 2 MB valid-JSON deck within 3x json.loads on the same bytes; a 1 MB JSON5
deck (comments, trailing commas) within 100 ms; a 1 MB deck with seed-style
defects, repaired, within 300 ms. Also shows the json5 package for comparison.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.decks import json5_with_comments, seed_style_defects, valid_json
from tui_slides.deck.loader import load_deck


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--with-json5", action="store_true", help="also time the json5 package (slow)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    cases = {
        "2 MB valid JSON": valid_json(2_000_000),
        "1 MB JSON5 with comments": json5_with_comments(1_000_000),
        "1 MB seed-style defects": seed_style_defects(1_000_000),
    }
    results: dict[str, tuple[float, float]] = {}
    for name, text in cases.items():
        path = folder / (name.replace(" ", "-") + ".json5")
        path.write_text(text, encoding="utf-8")
        data = path.read_bytes()
        deck = load_deck(path)
        repairs = sum("warning" == d.level.value for d in deck.diagnostics)
        baseline = (
            median_ms(lambda data=data: json.loads(data), args.runs)
            if name.endswith("JSON")
            else float("nan")
        )
        ours = median_ms(lambda path=path: load_deck(path), args.runs)
        results[name] = (ours, baseline)
        print(f"{name}: {len(data) / 1e6:.2f} MB, {len(deck)} slides, {repairs} repairs")
        print(f"  load_deck median {ours:.1f} ms", end="")
        print(
            f"; json.loads {baseline:.1f} ms; ratio {ours / baseline:.2f}x"
            if baseline == baseline
            else ""
        )
        if args.with_json5 and "defects" not in name:  # json5 rejects the defects
            import json5

            text5 = data.decode()
            once = median_ms(lambda text5=text5: json5.loads(text5), 1)
            print(f"  json5.loads (one run) {once:.0f} ms")
    valid, baseline = results["2 MB valid JSON"]
    print()
    print(f"target 2 MB JSON <= 3x json.loads: {valid / baseline:.2f}x")
    print(f"target 1 MB JSON5 <= 100 ms: {results['1 MB JSON5 with comments'][0]:.1f} ms")
    print(f"target 1 MB defects <= 300 ms: {results['1 MB seed-style defects'][0]:.1f} ms")


if __name__ == "__main__":
    main()
