"""tui-slides: a terminal slide presenter for JSON5 decks."""

__version__ = "0.1.0"
