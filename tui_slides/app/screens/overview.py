"""The overview overlay: every slide (position, ID, name, title), filtered as you type."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_slides.app.screens.picker import PickerScreen, picker_bindings
from tui_slides.deck.matching import fold
from tui_slides.deck.model import Deck, Slide
from tui_slides.deck.safety import one_line

ID_WIDTH = 14
"""Cells given to the ID column; longer IDs are cut with an ellipsis."""
FILTER_PLACEHOLDER = "Type to filter by position, ID, name or title"
"""What the empty filter says."""
NAME_WIDTH = 18
"""Cells given to the name column."""


def _cell(text: str, width: int) -> Text:
    """``text`` (deck text, made visible, on one line) padded or cut to exactly ``width`` cells."""
    cell = Text(one_line(text), no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell


def overview_row(slide: Slide, position: int, total: int) -> Text:
    """One line of the overview: ``  3  1.5.1.1.2  name  title``."""
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append(f"{position:>{len(str(total))}}", style="bold")
    row.append("  ")
    row.append_text(_cell(slide.id or "-", ID_WIDTH))
    row.append("  ")
    row.append_text(_cell(slide.name or "-", NAME_WIDTH))
    row.append("  ")
    row.append(one_line(slide.title) or "(no title)", style="italic" if not slide.title else "")
    return row


def haystack(slide: Slide, position: int) -> str:
    """What the filter looks in: position, ID, name and title, folded."""
    return fold(" ".join((str(position), slide.id, slide.name, slide.title)))


class OverviewScreen(PickerScreen[int]):
    """All slides in a list; typing filters it, Enter goes to the highlighted slide."""

    BINDINGS: ClassVar[list[BindingType]] = picker_bindings(
        "Close the overview", "Go to the highlighted slide"
    )

    def __init__(self, deck: Deck, current: int) -> None:
        super().__init__()
        self.deck = deck
        self.current = current
        total = len(deck)
        self._rows = [overview_row(s, n + 1, total) for n, s in enumerate(deck.slides)]
        self._hay = [haystack(s, n + 1) for n, s in enumerate(deck.slides)]

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            count = len(self.deck)
            title = f"Overview: {count} slide{'' if count == 1 else 's'}"
            yield Static(Text(title, style="bold"), id="overview-title")
            yield self.field(placeholder=FILTER_PLACEHOLDER)
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self.show_matching("")

    @property
    def shown(self) -> list[int]:
        """The 0-based indexes of the slides now listed, in order."""
        return [int(option.id or 0) for option in self.option_list.options]

    def show_matching(self, value: str) -> None:
        """List the slides whose position, ID, name or title contain ``value``."""
        needle = fold(value.strip())
        keep = [n for n, hay in enumerate(self._hay) if needle in hay]
        options = self.option_list
        options.set_options(Option(self._rows[n], id=str(n)) for n in keep)
        if keep:
            options.highlighted = keep.index(self.current) if self.current in keep else 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_matching(event.value)

    def result(self, option: Option) -> int:
        """The 0-based index of the slide picked."""
        return int(option.id or 0)
