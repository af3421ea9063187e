"""The slides screen: the presenter's keys, each a call to the ``Presentation``.

What the keys change comes back as the presentation's events, shown by
``TalkView``; so any number of views, in this app or another, follow the same
talk. Asking the app for something (help, a reload) is a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.message import Message

from tui_slides.app.screens.talk_view import TalkView

if TYPE_CHECKING:
    from textual import events

    from tui_slides.deck.model import Deck
    from tui_slides.presenting.presentation import Presentation

# Imported when first needed, not before the first paint: the overlays, the finder
# (search) and the video opener.

_DIGITS = [
    Binding(digit, f"nav('{digit}')", "Go to slide: type its number, then Enter (or g)",
            key_display="0-9")
    for digit in "0123456789"
]  # fmt: skip


_PAGING = {"next": ("right", "l", "n", "pagedown"), "prev": ("left", "h", "p")}
"""The keys of next and previous, the keys a talk is given with."""
_PAGING_FIRST = [
    Binding(key, f"paging({key!r}, {move!r})", "", show=False, priority=True)
    for move, keys in _PAGING.items()
    for key in keys
]
"""Next and previous again, as priority bindings: Textual runs one as soon as the app
reads its key, where a key bound on the screen goes to the screen and back up to the
app before its binding runs. That trip was 0.45 ms of a slide change that takes 8-9 ms
in ``benchmarks/app_paint.py`` on a slow machine. The bindings above them, of the same
keys, are the ones the help lists, and act when ``action_paging`` lets a key go by."""


class HelpRequested(Message):
    """The presenter asked for the help overlay (``?``)."""


class ReloadRequested(Message):
    """The presenter asked to read the deck again from disk (``r``)."""


ACTIONS = {
    "next": "nav('next')",
    "previous": "nav('prev')",
    "first": "home",
    "last": "nav('last')",
    "overview": "overview",
    "search": "search",
    "next_match": "match(1)",
    "previous_match": "match(-1)",
    "help": "help",
    "blank": "blank",
    "reload": "reload",
    "video": "play_video",
    "advance": "advance",
    "quit": "app.quit",
}
"""The presenter's actions the config file may give extra keys (``tui_slides.config.ACTIONS``)."""


class SlidesScreen(TalkView):
    """The presenter's main screen: one view of a ``Presentation``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(",".join(_PAGING["next"]), "nav('next')", "Next step, then next slide"),
        Binding(
            ",".join(_PAGING["prev"]),
            "nav('prev')",
            "Previous step, then previous slide",
            key_display="← h p",
        ),
        # Space's mirror: up through a slide scrolled down first (a clicker's back at its top).
        Binding("pageup,shift+space", "page_up", "Page up a scrolled slide, then as ←"),
        Binding("backspace", "nav('backspace')", "As ← (deletes a typed digit first)"),
        Binding("space", "space", "Page down through the slide, then next step or slide"),
        Binding("home", "home", "First slide (a typed number: that slide)"),
        Binding("g", "nav('g')", "First slide (a typed number: that slide)"),
        Binding("end", "nav('last')", "Last slide (a typed number: that slide)"),
        Binding("G", "nav('G')", "Last slide (a typed number: that slide)"),
        *_DIGITS,
        Binding("enter", "nav('enter')", "Go to the typed slide number"),
        Binding("up", "scroll('up')", "Scroll the slide (mouse wheel too)"),
        Binding("down", "scroll('down')", "Scroll the slide (mouse wheel too)"),
        Binding("o", "overview", "Overview: all slides, type to filter, Enter jumps"),
        Binding("slash", "search", "Search the text of all slides"),
        Binding("ctrl+n,f3", "match(1)", "Next search match"),
        # xterm and tmux send Shift+F3 as F15.
        Binding("ctrl+p,shift+f3,f15", "match(-1)", "Previous search match",
                key_display="Ctrl+P Shift+F3"),
        Binding("question_mark", "help", "This help"),
        Binding("b", "blank", "Blank the screen (b again to come back)"),
        Binding("r", "reload", "Reload the deck from disk"),
        Binding("v", "play_video", "Play the slide's video in the system player"),
        Binding("a", "advance", "Resume the automatic advance (any other key pauses it)"),
        Binding("escape", "escape", "Cancel a typed number, clear the search or a message"),
        *_PAGING_FIRST,
    ]  # fmt: skip

    def __init__(
        self,
        presentation: Presentation | Deck,
        *,
        images: str = "cells",
        keys: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        """A view of ``presentation`` with its keys; ``keys``: extra keys by action name
        (``ACTIONS``), which win over the built-in ones (``[keys]`` in the config file)."""
        super().__init__(presentation, images=images)
        self.extra_keys = {key: action for action, names in (keys or {}).items() for key in names}
        """Each extra key (a Textual key name, or the character it types) and its action."""
        self.blank_keys = (keys or {}).get("blank", ())

    def on_key(self, event: events.Key) -> None:
        """Any key but the advance's own pauses the automatic advance; extra keys act.

        (``TalkView.on_key`` is called too: Textual calls each class's handler.)
        """
        action = self.extra_keys.get(event.key)
        if action is None and event.character:
            action = self.extra_keys.get(event.character)
        if action != "advance" and event.key != "a":
            self.presentation.pause_advance()
        if action is not None and action in ACTIONS:
            event.stop()  # not on to the built-in bindings: the extra key wins
            self.call_later(self.run_action, ACTIONS[action])

    # -- actions -----------------------------------------------------------------------

    def action_advance(self) -> None:
        """Resume the automatic advance after a key paused it."""
        self.presentation.resume_advance()

    def action_paging(self, key: str, move: str) -> None:
        """Next or previous (``move``) for ``key``, as ``on_key`` and ``action_nav`` would:
        unless a key of the config file claims ``key``; then it goes on to ``on_key``."""
        if key in self.extra_keys:
            raise SkipAction()
        self.presentation.pause_advance()  # as any key but the advance's own
        self.presentation.key(move)

    def action_nav(self, key: str) -> None:
        """Apply one navigation key (see ``tui_slides.presenting.navigation``)."""
        self.presentation.key(key)

    def action_space(self) -> None:
        """Page down through a long slide; at its end, the next step or slide.

        The end is that of what is shown: the blank place kept for blocks of
        later steps is not paged through.
        """
        view = self.slide_view
        end = self.shown_end()
        if view.scroll_y < end:  # a page down, no further than the end of what is shown
            page = view.scrollable_content_region.height
            view.scroll_to(y=min(end, view.scroll_y + page), animate=False)
        else:
            self.presentation.next()

    def action_page_up(self) -> None:
        """Page up through a long slide; at its top, go to the previous slide."""
        view = self.slide_view
        if view.scroll_y > 0:
            view.scroll_page_up(animate=False)
        else:
            self.presentation.previous()

    def action_home(self) -> None:
        """The first slide (or the typed one); on the slide already, its top."""
        before = self.presentation.index
        self.presentation.first()
        if self.presentation.index == before and self.slide_view.scroll_y:
            self.slide_view.scroll_home(animate=False)

    def action_scroll(self, direction: str) -> None:
        """Scroll the slide by one line (down, no further than what is shown goes)."""
        if direction == "up":
            self.slide_view.scroll_up(animate=False)
        elif self.slide_view.scroll_y < self.shown_end():
            self.slide_view.scroll_down(animate=False)

    def on_resize(self) -> None:
        """Text wraps anew at another size: the current search match is scrolled back into view."""
        match = self.presentation.current_match
        if match is not None and match.slide == self.index:
            self.call_after_refresh(self._scroll_to_match, match)

    def action_overview(self) -> None:
        """Open the overview of all slides."""
        from tui_slides.app.screens.overview import OverviewScreen

        self.presentation.clear_typed()
        screen = OverviewScreen(self.deck, self.index)
        self.app.push_screen(screen, self._jump_to)

    def _jump_to(self, index: int | None) -> None:
        if index is not None:
            self.presentation.go_to(index)

    def action_search(self) -> None:
        """Open the search overlay."""
        from tui_slides.app.screens.search import SearchScreen

        self.presentation.clear_typed()
        screen = SearchScreen(self.deck, self.presentation.query, self.index)
        self.app.push_screen(screen, self._search_chosen)

    def _search_chosen(self, result: tuple[str, int] | None) -> None:
        if result is None:
            return
        query, rank = result
        self.presentation.search(query)
        self.presentation.go_to_match(rank)

    def action_match(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) search match, across slides."""
        presentation = self.presentation
        moved = presentation.next_match() if direction > 0 else presentation.previous_match()
        if not moved and presentation.query:
            self.app.bell()

    def action_help(self) -> None:
        """Ask the app for the help overlay."""
        self.presentation.clear_typed()
        self.post_message(HelpRequested())

    def action_blank(self) -> None:
        """Blank the screen."""
        self.presentation.set_blank(True)

    def action_reload(self) -> None:
        """Ask the app to read the deck again from disk."""
        self.presentation.clear_typed()
        self.post_message(ReloadRequested())

    def action_play_video(self) -> None:
        """Open the slide's first video in the system's player, or say why it cannot."""
        from tui_slides.media import opener  # on demand: not needed to paint the first slide

        video = opener.first_video(self.slide)
        if video is None:
            self.app.notify("This slide has no video.", timeout=3, markup=False)
            return
        result = opener.open_video(video)
        if result.opened:
            self.app.notify(result.message, timeout=5, markup=False)
        else:
            self.app.notify(result.message, severity="warning", timeout=5, markup=False)

    def action_escape(self) -> None:
        """Cancel what is pending: a typed number, then the search, then a reload error."""
        self.presentation.cancel()
