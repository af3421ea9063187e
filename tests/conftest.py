"""Shared fixtures: where the shipped decks and the shared reference files live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "decks"
SEED = DECKS / "seed-nurotan-it-specialists.json5"
SHARED = ROOT.parent / "shared"
"""The team's shared folder beside the checkout; absent on some machines."""


@pytest.fixture
def seed_path() -> Path:
    """The seed deck, shipped byte for byte in ``decks/``."""
    return SEED


@pytest.fixture
def shared_dir() -> Path:
    """``../shared``, or skip the test with a clear reason where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared reference folder not found at {SHARED}")
    return SHARED


@pytest.fixture(autouse=True)
def no_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test runs with an empty config folder of its own, never the user's config file."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder / "tui-slides"
