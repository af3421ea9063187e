"""The benchmark's baseline: the smallest Textual app, one ``Static``, for ``app_paint.py``.

It shows ``BASELINE READY``; each ``n`` replaces the ``Static`` with a screenful
of new plain text ending in a ``k / 1000`` counter, so Textual's own cost of
repainting a full screen after a key is measured in the same run as the
presenter's slide change.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "BASELINE READY"
"""What ``app_paint.py`` waits for on screen."""
WORDS = "проект подготовка специалистов центр обучение программирование школа".split()


def screenful(position: int, lines: int = 26) -> str:
    """About a screen of text, different for each position, then the counter."""
    rows = [
        " ".join(WORDS[(position + row + k) % len(WORDS)] for k in range(10))
        for row in range(lines)
    ]
    return "\n".join([*rows, f" {position} / 1000 "])


class Baseline(App[None]):
    """Shows one ``Static``; ``n`` repaints it with new text; ``q`` quits."""

    BINDINGS = [("q", "quit", "Quit"), ("n", "next", "Next")]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self.position = 1

    def compose(self) -> ComposeResult:
        yield Static(MARKER, markup=False)

    def action_next(self) -> None:
        self.position += 1
        self.query_one(Static).update(screenful(self.position))


if __name__ == "__main__":
    Baseline().run()
