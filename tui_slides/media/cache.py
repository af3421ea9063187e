"""The one least-recently-used cache outside the app: bounded by a count, or by bytes.

Decoded images (``media.images``) are bounded by the bytes of their pixels,
drawn half-block images (``render.halfblock``) by how many are kept. The app's
own caches use Textual's ``LRUCache``; this one is thread-safe, because images
are decoded ahead in a background thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


def _one(value: object) -> int:
    return 1


class LRUCache(Generic[Key, Value]):
    """A mapping that forgets the least recently used items once their sizes pass ``limit``.

    ``size`` gives an item's size (default: 1, so ``limit`` counts items). The
    item just put is always kept, even when it alone is larger than ``limit``.
    """

    def __init__(self, limit: int, size: Callable[[Value], int] = _one) -> None:
        self.limit = limit
        self._size = size
        self._items: OrderedDict[Key, tuple[Value, int]] = OrderedDict()
        self._used = 0
        self._lock = threading.Lock()

    def get(self, key: Key) -> Value | None:
        """The value under ``key`` (now the most recently used), or None."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Key, value: Value) -> None:
        """Keep ``value`` under ``key``, forgetting the oldest items past the limit."""
        size = self._size(value)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._used -= old[1]
            self._items[key] = (value, size)
            self._used += size
            while self._used > self.limit and len(self._items) > 1:
                _, (_, dropped) = self._items.popitem(last=False)
                self._used -= dropped

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()
            self._used = 0

    def __len__(self) -> int:
        return len(self._items)
