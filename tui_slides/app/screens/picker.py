"""The shape the overview and the search share: a box with a text field over a list to pick from."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

ResultT = TypeVar("ResultT")


def picker_bindings(close: str, jump: str) -> list[BindingType]:
    """A picker's keys, with the help texts of one picker (``close``, ``jump``)."""
    return [
        Binding("escape", "close", close),
        Binding("enter", "jump", jump, show=False),
        Binding("up", "move('up')", "Move the highlight", key_display="↑ ↓ PgUp PgDn"),
        Binding("down", "move('down')", "Move the highlight"),
        Binding("pageup", "move('page_up')", "Move the highlight"),
        Binding("pagedown", "move('page_down')", "Move the highlight"),
    ]


class PickerScreen(ModalScreen[ResultT], Generic[ResultT]):
    """A field that keeps the focus while the arrow keys move the highlight in the list.

    Subclasses compose ``#picker-box`` holding ``#picker-field`` (an ``Input``)
    and ``#picker-list`` (an ``OptionList`` whose option ids they choose), and
    say in ``result`` what picking an option returns.
    """

    BINDINGS: ClassVar[list[BindingType]] = picker_bindings("Close", "Pick the highlighted item")

    DEFAULT_CSS = """
    PickerScreen {
        align: center middle;
    }
    #picker-box {
        width: 90%;
        max-width: 110;
        height: 80%;
        border: round $primary;
        background: $surface;
        color: $text;  /* reads on the box in every theme: solarized's foreground does not */
        padding: 0 1;
    }
    #picker-list {
        height: 1fr;
        border: none;
        background: $surface;
        color: $text;
        text-wrap: nowrap;  /* a long row is cut with an ellipsis at the list's width */
        text-overflow: ellipsis;
    }
    #picker-list > .option-list--option-highlighted {
        color: auto;  /* white or black: the theme's cursor colours read at 2.8-4.4:1 in
                         five themes, and $text (87%) at 4.3:1 in one at 256 colours */
    }
    #picker-field {
        border: tall $primary 50%;
    }
    """

    @staticmethod
    def field(value: str = "", *, placeholder: str) -> Input:
        """The picker's text field."""
        field = Input(value, placeholder=placeholder, id="picker-field")
        field.cursor_blink = False  # a blinking cursor writes to the terminal twice a second
        return field

    @property
    def option_list(self) -> OptionList:
        """The list to pick from."""
        return self.query_one("#picker-list", OptionList)

    @property
    def field_value(self) -> str:
        """What is typed in the field."""
        return self.query_one("#picker-field", Input).value

    def result(self, option: Option) -> ResultT:
        """What picking ``option`` returns to the caller."""
        raise NotImplementedError

    def on_mount(self) -> None:
        # Textual also runs each subclass's own on_mount (first): no super() call there.
        self.query_one("#picker-field", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_jump()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.result(event.option))

    def action_jump(self) -> None:
        """Pick the highlighted option (nothing happens when the list is empty)."""
        option = self.option_list.highlighted_option
        if option is not None:
            self.dismiss(self.result(option))

    def action_move(self, how: str) -> None:
        """Move the highlight while the field keeps the focus."""
        options = self.option_list
        moves: dict[str, Callable[[], None]] = {
            "up": options.action_cursor_up,
            "down": options.action_cursor_down,
            "page_up": options.action_page_up,
            "page_down": options.action_page_down,
        }
        moves[how]()

    def action_close(self) -> None:
        """Close without moving."""
        self.dismiss()
