"""Pinned looks of the presenter (textual and pytest-textual-snapshot are pinned exactly).

Review changes in ``snapshot_report.html`` before ``pytest --snapshot-update``.
"""

from __future__ import annotations

from typing import Any

import pytest
from app_support import SEED, make_app, make_deck

from tui_slides.app.app import PresenterApp


@pytest.fixture(autouse=True)
def _true_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same look whatever terminal runs the tests: Textual's console reads COLORTERM."""
    monkeypatch.setenv("COLORTERM", "truecolor")


def seed_app() -> PresenterApp:
    app = make_app(path=SEED)
    app.theme = "textual-dark"
    return app


def test_seed_100x30(snap_compare: Any) -> None:
    assert snap_compare(seed_app(), terminal_size=(100, 30))


def test_seed_80x24_top(snap_compare: Any) -> None:
    assert snap_compare(seed_app(), terminal_size=(80, 24))


def test_seed_80x24_scrolled(snap_compare: Any) -> None:
    assert snap_compare(seed_app(), press=["space"], terminal_size=(80, 24))


def test_overview(snap_compare: Any) -> None:
    app = make_app(make_deck(12), start=3)
    assert snap_compare(app, press=["o"], terminal_size=(100, 30))


def test_overview_filtered(snap_compare: Any) -> None:
    app = make_app(make_deck(12), start=3)
    assert snap_compare(app, press=["o", "1", "."], terminal_size=(100, 30))


def test_help(snap_compare: Any) -> None:
    assert snap_compare(seed_app(), press=["question_mark"], terminal_size=(100, 40))


def test_too_small_notice(snap_compare: Any) -> None:
    assert snap_compare(seed_app(), terminal_size=(24, 6))
