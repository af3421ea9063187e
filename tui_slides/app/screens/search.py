"""The search overlay: type a query, see every match in the deck, Enter goes to one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_slides.app.screens.picker import PickerScreen, picker_bindings
from tui_slides.deck.model import Deck
from tui_slides.deck.safety import one_line, visible
from tui_slides.presenting.search import Match, search_deck
from tui_slides.render.highlight import MATCH_STYLE

MAX_RESULTS = 1000
"""Matches listed at most; the count says when there are more."""


def result_row(deck: Deck, match: Match) -> Text:
    """One line of results: position, slide label, and the snippet with the match highlighted."""
    slide = deck.slides[match.slide]
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append(f"{match.slide + 1:>{len(str(len(deck)))}}", style="bold")
    row.append("  ")
    label = Text(one_line(slide.label) or "-", no_wrap=True, overflow="ellipsis")
    label.truncate(14, overflow="ellipsis", pad=True)
    row.append_text(label)
    row.append("  …")
    snippet = match.snippet
    row.append(visible(snippet[: match.start]))
    row.append(visible(snippet[match.start : match.end]), style=MATCH_STYLE)
    row.append(visible(snippet[match.end :]))
    row.append("…")
    return row


class SearchScreen(PickerScreen[tuple[str, int]]):
    """Search all slide text; the result is ``(query, rank of the chosen match)``."""

    BINDINGS: ClassVar[list[BindingType]] = picker_bindings(
        "Close the search", "Go to the highlighted match"
    )

    def __init__(self, deck: Deck, query: str = "", current_slide: int = 0) -> None:
        super().__init__()
        self.deck = deck
        self.initial = query
        self.current_slide = current_slide
        self.matches: list[Match] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield self.field(self.initial, placeholder="Search all slides")
            yield Static(id="search-count", markup=False)
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self.show_results(self.initial)

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
            matches = "match" if len(listed) == 1 and not more else "matches"
            where = "slide" if slides == 1 else "slides"
            count = f"{len(listed)}{more} {matches} in {slides} {where}; Enter goes to one."
        self.query_one("#search-count", Static).update(Text(count))
        if listed:
            here = next((n for n, m in enumerate(listed) if m.slide >= self.current_slide), 0)
            options.highlighted = here

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    def result(self, option: Option) -> tuple[str, int]:
        """The query, and the rank of the match picked."""
        return self.field_value, int(option.id or 0)
