"""The smallest terminal the slides are shown in; below it the app shows a notice instead."""

from __future__ import annotations

MIN_WIDTH = 32
"""Narrowest terminal the slides are shown in (columns)."""
MIN_HEIGHT = 8
"""Shortest terminal the slides are shown in (rows, the status bar included)."""


def is_too_small(width: int, height: int) -> bool:
    """True when a ``width`` x ``height`` terminal is below the minimum."""
    return width < MIN_WIDTH or height < MIN_HEIGHT
