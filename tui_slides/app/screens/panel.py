"""The overlay panels' one look (help, share): a box centred on the slide, up to 100 cells wide."""

from __future__ import annotations

from textual.screen import ModalScreen


class Panel(ModalScreen[None]):
    """A modal screen whose content sits in a ``.panel-box`` with a ``.panel-title``.

    The box is 90% of the screen, up to 100 cells: a ``VerticalScroll`` of
    ``Static`` measures its content as 0 wide, so ``width: auto`` drew an empty frame.
    """

    DEFAULT_CSS = """
    Panel {
        align: center middle;
        padding-bottom: 2;  /* above the status bar (its progress line and its line) */
    }
    Panel .panel-box {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        color: $text;  /* reads on the box in every theme: solarized's foreground does not */
        padding: 0 2;
    }
    Panel .panel-title {
        margin-bottom: 1;
    }
    """
