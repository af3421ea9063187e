"""A talk's planned length, ``"20m"``, ``"1h30m"`` or ``"90s"``: a deck's ``duration``."""

from __future__ import annotations

import re

_DURATION = re.compile(r"(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?")


def parse_duration(text: str) -> int:
    """Seconds in ``text`` (hours ``h``, minutes ``m``, seconds ``s``, in that order).

    A bare number is minutes. ``ValueError`` says what is wrong otherwise.
    """
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned.isdigit() and len(cleaned) <= 4:
        seconds = int(cleaned) * 60
    else:
        found = _DURATION.fullmatch(cleaned)
        if not cleaned or found is None:
            raise ValueError(f"not a duration like 20m, 1h30m or 90s: {text!r}")
        hours, minutes, secs = (int(part or 0) for part in found.groups())
        seconds = hours * 3600 + minutes * 60 + secs
    if seconds <= 0:
        raise ValueError(f"a duration must be more than 0: {text!r}")
    return seconds
