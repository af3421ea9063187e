"""Strict parsing agrees with every case of the JSON5 conformance suite in ../shared."""

from __future__ import annotations

import math
from pathlib import Path

import json5
import pytest

from tests.conftest import SHARED
from tui_slides.deck import syntax
from tui_slides.deck.errors import DeckError, DeckSyntaxError
from tui_slides.deck.loader import load_deck

SUITE = SHARED / "json5-tests"
CASES = (
    sorted(path for path in SUITE.rglob("*") if path.suffix in (".json", ".json5", ".js", ".txt"))
    if SUITE.is_dir()
    else []
)
NEEDS_SUITE = pytest.mark.skipif(not CASES, reason=f"JSON5 conformance suite not found at {SUITE}")


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same(a: object, b: object) -> bool:
    """Equal values of the same kinds (our numbers may carry their spelling: ``Int``, ``Float``)."""
    if _number(a) and _number(b):
        assert isinstance(a, (int, float)) and isinstance(b, (int, float))
        if isinstance(a, int) != isinstance(b, int):
            return False
        return math.isnan(b) if math.isnan(a) else a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def test_the_suite_is_there_when_shared_is() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared reference folder not found at {SHARED}")
    assert len(CASES) > 100


@NEEDS_SUITE
@pytest.mark.parametrize("case", CASES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_our_strict_parser_agrees(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    if case.suffix in (".json", ".json5"):
        parsed = syntax.parse(text, str(case), strict=True)
        assert parsed.repairs == []
        assert _same(parsed.value, json5.loads(text))
    else:
        with pytest.raises(DeckError):
            syntax.parse(text, str(case), strict=True)


@NEEDS_SUITE
@pytest.mark.parametrize("case", CASES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_strict_loading_agrees(case: Path, tmp_path: Path) -> None:
    """Through the whole loader (fast path included): valid cases parse, others fail."""
    deck_file = tmp_path / "deck.json5"
    deck_file.write_text(
        f"{{slides: [{{content: []}}], extra: {case.read_text(encoding='utf-8')}\n}}"
    )
    if case.name == "duplicate-keys.json":  # valid JSON5, but --strict refuses a duplicate key
        with pytest.raises(DeckSyntaxError, match='duplicate key "a"'):
            load_deck(deck_file, strict=True)
        assert len(load_deck(deck_file, strict=False)) == 1
    elif case.suffix in (".json", ".json5"):
        deck = load_deck(deck_file, strict=True)
        assert len(deck) == 1
    else:
        # Top-level-only cases (e.g. an empty file) may be valid once embedded:
        # load the document itself, and it must fail as syntax, not as schema.
        with pytest.raises(DeckSyntaxError):
            load_deck(case, strict=True)
