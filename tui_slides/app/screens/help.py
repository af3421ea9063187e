"""The help overlay: every key of every screen, generated from the screens' ``BINDINGS``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui_slides.app.screens.panel import Panel

Section = tuple[str, Sequence[BindingType]]
"""A titled list of bindings, e.g. ``("Slides", SlidesScreen.BINDINGS)``."""


def _as_binding(binding: BindingType) -> Binding:
    return binding if isinstance(binding, Binding) else Binding(*binding)


def with_config_keys(
    sections: Sequence[Section], keys: Mapping[str, tuple[str, ...]], actions: Mapping[str, str]
) -> list[Section]:
    """``sections`` with the config file's ``keys`` (by action name; ``actions``: each name's
    Textual action) first, described as the built-in keys of the same action are, and the
    keys they take over left out of the others (``q`` bound to ``blank`` no longer quits)."""
    if not keys:
        return list(sections)
    described = {b.action: b.description for _, group in sections for b in map(_as_binding, group)}
    taken = {key for names in keys.values() for key in names}
    own = [
        Binding(",".join(names), actions[name], described.get(actions[name]) or name)
        for name, names in keys.items()
        if names and name in actions
    ]
    kept: list[Section] = [("Your keys (the config file)", own)]
    for title, group in sections:
        left = []
        for binding in map(_as_binding, group):
            free = [key for key in binding.key.split(",") if key.strip() not in taken]
            if free:
                display = binding.key_display if len(free) == len(binding.key.split(",")) else None
                left.append(Binding(",".join(free), binding.action, binding.description,
                                    key_display=display))  # fmt: skip
        kept.append((title, left))
    return kept


def help_rows(app: App[object], bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """``(keys, description)`` rows: bindings sharing a description share a row.

    Each key is shown as the app displays it (``→``, ``PgDn``...); bindings with
    no description are internal and left out.
    """
    rows: dict[str, list[str]] = {}
    fixed: dict[str, str] = {}
    """Descriptions whose keys a binding spelled out with ``key_display``."""
    for binding in map(_as_binding, bindings):
        if not binding.description:
            continue
        keys = rows.setdefault(binding.description, [])
        if binding.key_display:
            fixed.setdefault(binding.description, binding.key_display)
            continue
        for key in binding.key.split(","):
            shown = app.get_key_display(Binding(key.strip(), binding.action))
            if shown not in keys:
                keys.append(shown)
    rows = {description: [fixed[description]] if description in fixed else keys
            for description, keys in rows.items()}  # fmt: skip
    return [(" ".join(keys), description) for description, keys in rows.items()]


def help_table(app: App[object], sections: Sequence[Section]) -> Table:
    """A two-column table of keys and what they do, one titled group per section."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for number, (title, bindings) in enumerate(sections):
        if number:
            table.add_row("", "")
        table.add_row("", Text(title, style="bold underline"))
        for keys, description in help_rows(app, bindings):
            table.add_row(Text(keys), Text(description))
    return table


class HelpScreen(Panel):
    """Keys and what they do; Escape, ``?`` or ``q`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close the help"),
        Binding("up", "scroll('up')", show=False),
        Binding("down", "scroll('down')", show=False),
    ]

    DEFAULT_CSS = """
    #help-table {
        width: 100%;
    }
    """

    def __init__(self, sections: Sequence[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="panel-box"):
            yield Static(
                Text("tui-slides: keys", style="bold"), id="help-title", classes="panel-title"
            )
            yield Static(help_table(self.app, self.sections), id="help-table")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss()

    def action_scroll(self, direction: str) -> None:
        """Scroll the help when it is taller than the screen."""
        box = self.query_one("#help-box", VerticalScroll)
        if direction == "up":
            box.scroll_up(animate=False)
        else:
            box.scroll_down(animate=False)
