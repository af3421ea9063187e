"""The blank screen: ``b`` hides the slide (a projector's "black screen"); ``b`` or Esc returns."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen


class BlankScreen(Screen[None]):
    """An empty black screen with nothing on it, not even the status bar."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b,escape", "unblank", "Show the slide again"),
    ]

    DEFAULT_CSS = """
    BlankScreen {
        background: black;
    }
    """

    def action_unblank(self) -> None:
        """Go back to the slide."""
        self.dismiss()
