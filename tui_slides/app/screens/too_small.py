"""The "terminal too small" notice, shown over everything while the terminal is too small."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui_slides.app.sizes import MIN_HEIGHT, MIN_WIDTH


class TooSmallScreen(Screen[None]):
    """Says the terminal is too small and how big it needs to be; updates as it is resized."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        overflow: hidden hidden;  /* a scrollbar here would fight the notice for the last cells */
    }
    #too-small-notice {
        width: 100%;
        height: auto;
        overflow: hidden hidden;
        text-align: center;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-notice", markup=False)

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        """Show the current terminal size against the minimum."""
        notice = Text(justify="center")
        notice.append("Terminal too small", style="bold")
        notice.append(f"\n{width}x{height}, need {MIN_WIDTH}x{MIN_HEIGHT}")
        notice.append("\nEnlarge the window, or press q to quit.")
        self.query_one("#too-small-notice", Static).update(notice)
