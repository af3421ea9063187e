"""Who may watch: the access code, authorized keys, and limits on failed attempts.

No asyncssh here: the server asks ``Gate`` whether an address may try, and
tells it each failure; ``new_code`` makes the code shown to the presenter.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from time import monotonic

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""Letters and digits not misread for one another (no ``l``/``1``, ``o``/``0``, ``i``)."""
CODE_GROUPS = 2
"""An access code is this many groups of ``CODE_GROUP`` characters: ``k7m2-x9qp``."""
CODE_GROUP = 4

ATTEMPTS_PER_CONNECTION = 3
"""Wrong codes or keys one connection may offer before it is closed (OpenSSH asks 3 times)."""
FAILURES_PER_ADDRESS = 10
"""Failures one address may have within ``FAILURE_WINDOW``; then its connections are refused."""
FAILURE_WINDOW = 300.0
"""Seconds a failure counts against its address."""
MAX_ADDRESSES = 10_000
"""Addresses remembered at most (the oldest forgotten first): a flood cannot exhaust memory."""


def new_code() -> str:
    """A new random access code, e.g. ``k7m2-x9qp`` (31**8, about 2**40 possibilities)."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normal_code(text: str) -> str:
    """A typed code as compared: lower case, without spaces or dashes."""
    return "".join(char for char in text.lower() if char not in " -\t")


def code_matches(typed: str, code: str) -> bool:
    """Whether ``typed`` is ``code`` (case, spaces and dashes aside), in constant time."""
    return hmac.compare_digest(normal_code(typed).encode(), normal_code(code).encode())


class Gate:
    """Failed attempts by address: too many within the window and the address must wait."""

    def __init__(
        self,
        *,
        limit: int = FAILURES_PER_ADDRESS,
        window: float = FAILURE_WINDOW,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        """At most ``limit`` failures per address within ``window`` seconds."""
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[str, list[float]] = {}

    def _recent(self, address: str) -> list[float]:
        times = self._failures.get(address)
        if times is None:
            return []
        cutoff = self._clock() - self.window
        recent = [when for when in times if when > cutoff]
        if recent:
            self._failures[address] = recent
        else:
            del self._failures[address]
        return recent

    def allows(self, address: str) -> bool:
        """Whether ``address`` may try to log in now."""
        return len(self._recent(address)) < self.limit

    def failed(self, address: str) -> None:
        """Count one failed attempt from ``address``."""
        times = self._recent(address)
        times.append(self._clock())
        self._failures.pop(address, None)
        self._failures[address] = times  # most recent last: the oldest are forgotten first
        while len(self._failures) > MAX_ADDRESSES:
            del self._failures[next(iter(self._failures))]
