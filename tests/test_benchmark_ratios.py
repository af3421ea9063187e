"""The first-paint benchmark's statistics: paired ratios and their intervals."""

from __future__ import annotations

import random

from benchmarks.app_paint import Results, paired_ratio, ratio_interval


def _results(pairs: list[tuple[float, float]]) -> Results:
    results = Results()
    for over, under in pairs:
        results.add("seed", over)
        results.add("baseline", under)
    return results


def _noisy(runs: int, ratio: float, seed: int) -> Results:
    """Runs whose speed drifts (the baseline from 120 to 180 ms) with a spread ratio."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(runs):
        under = rng.uniform(120, 180)
        pairs.append((under * ratio * rng.uniform(0.9, 1.1), under))
    return _results(pairs)


def test_the_interval_holds_the_paired_median() -> None:
    results = _noisy(24, 1.14, seed=1)
    low, high = ratio_interval(results, "seed", "baseline")
    assert low < paired_ratio(results, "seed", "baseline") < high


def test_runs_that_agree_give_an_interval_of_one_value() -> None:
    results = _results([(115.0, 100.0), (138.0, 120.0), (172.5, 150.0)])
    assert ratio_interval(results, "seed", "baseline") == (1.15, 1.15)


def test_more_runs_narrow_the_interval() -> None:
    few = ratio_interval(_noisy(12, 1.14, seed=2), "seed", "baseline")
    many = ratio_interval(_noisy(192, 1.14, seed=2), "seed", "baseline")
    assert many[1] - many[0] < (few[1] - few[0]) / 2
    assert many[0] < 1.14 < many[1]


def test_the_same_samples_give_the_same_interval() -> None:
    results = _noisy(24, 1.1, seed=3)
    assert ratio_interval(results, "seed", "baseline") == ratio_interval(
        results, "seed", "baseline"
    )
