"""The search overlay: type a query, see every match in the deck, Enter goes to one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_slides.app.finder import Match, search_deck
from tui_slides.app.highlight import MATCH_STYLE
from tui_slides.model import Deck
from tui_slides.safety import visible

MAX_RESULTS = 1000
"""Matches listed at most; the count says when there are more."""


def result_row(deck: Deck, match: Match) -> Text:
    """One line of results: position, slide label, and the snippet with the match highlighted."""
    slide = deck.slides[match.slide]
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append(f"{match.slide + 1:>{len(str(len(deck)))}}", style="bold")
    row.append("  ")
    label = Text(visible(slide.label) or "-", no_wrap=True, overflow="ellipsis")
    label.truncate(14, overflow="ellipsis", pad=True)
    row.append_text(label)
    row.append("  …")
    snippet = match.snippet
    row.append(visible(snippet[: match.start]))
    row.append(visible(snippet[match.start : match.end]), style=MATCH_STYLE)
    row.append(visible(snippet[match.end :]))
    row.append("…")
    return row


class SearchScreen(ModalScreen[tuple[str, int]]):
    """Search all slide text; the result is ``(query, rank of the chosen match)``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close the search"),
        Binding("enter", "jump", "Go to the highlighted match", show=False),
        Binding("up", "move('up')", "Move the highlight", key_display="↑ ↓ PgUp PgDn"),
        Binding("down", "move('down')", "Move the highlight"),
        Binding("pageup", "move('page_up')", "Move the highlight"),
        Binding("pagedown", "move('page_down')", "Move the highlight"),
    ]

    DEFAULT_CSS = """
    SearchScreen {
        align: center middle;
    }
    #search-box {
        width: 90%;
        max-width: 110;
        height: 80%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    #search-results {
        height: 1fr;
        border: none;
        background: $surface;
    }
    #search-input {
        border: tall $primary 50%;
    }
    """

    def __init__(self, deck: Deck, query: str = "", current_slide: int = 0) -> None:
        super().__init__()
        self.deck = deck
        self.initial = query
        self.current_slide = current_slide
        self.matches: list[Match] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            field = Input(self.initial, placeholder="Search all slides", id="search-input")
            field.cursor_blink = False  # a blinking cursor writes to the terminal twice a second
            yield field
            yield Static(id="search-count", markup=False)
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.show_results(self.initial)
        self.query_one("#search-input", Input).focus()

    @property
    def option_list(self) -> OptionList:
        """The list of matches."""
        return self.query_one("#search-results", OptionList)

    def show_results(self, query: str) -> None:
        """Search the deck for ``query`` and list the matches."""
        self.matches = search_deck(self.deck, query, limit=MAX_RESULTS + 1) if query else []
        listed = self.matches[:MAX_RESULTS]
        options = self.option_list
        options.set_options(
            Option(result_row(self.deck, match), id=str(n)) for n, match in enumerate(listed)
        )
        slides = len({match.slide for match in listed})
        if not query.strip():
            count = "Type to search the text of every slide."
        elif not listed:
            count = "No matches."
        else:
            more = "+" if len(self.matches) > MAX_RESULTS else ""
            count = f"{len(listed)}{more} matches in {slides} slides; Enter goes to one."
        self.query_one("#search-count", Static).update(Text(count))
        if listed:
            here = next((n for n, m in enumerate(listed) if m.slide >= self.current_slide), 0)
            options.highlighted = here

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_jump()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss((self.query_one("#search-input", Input).value, int(event.option.id or 0)))

    def action_jump(self) -> None:
        """Go to the highlighted match (nothing happens without one)."""
        option = self.option_list.highlighted_option
        if option is not None:
            self.dismiss((self.query_one("#search-input", Input).value, int(option.id or 0)))

    def action_move(self, how: str) -> None:
        """Move the highlight while the query keeps the focus."""
        options = self.option_list
        {
            "up": options.action_cursor_up,
            "down": options.action_cursor_down,
            "page_up": options.action_page_up,
            "page_down": options.action_page_down,
        }[how]()

    def action_close(self) -> None:
        """Close without moving."""
        self.dismiss()
