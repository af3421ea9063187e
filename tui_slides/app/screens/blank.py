"""The blank screen: ``b`` hides the slide (a projector's "black screen"); ``b`` or Esc returns,
as do the keys the config file binds to ``blank``."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from textual import events
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

    def __init__(self, keys: Collection[str] = ()) -> None:
        super().__init__()
        self.keys = frozenset(keys)
        """The keys the config file gives ``blank``: they come back as ``b`` does (a clicker's
        blank button, pressed again; bound to ``q``, it must not quit the talk)."""

    def on_key(self, event: events.Key) -> None:
        if event.key in self.keys or (event.character or "") in self.keys:
            event.stop()  # not on to the App's bindings (``q``: quit)
            self.dismiss()

    def action_unblank(self) -> None:
        """Go back to the slide."""
        self.dismiss()
