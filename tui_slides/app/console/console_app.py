"""``tui-slides console``: the presenter's own view of a talk running in another terminal.

It shows the current slide and the next one (small), the current slide's
speaker notes, the elapsed time, the wall clock and the time left; its keys
drive the talk, and the talk's keys move it. It follows the presenter through
``presenting.console_client``, and says so when the presenter goes away.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from tui_slides.app.shown import shown_part
from tui_slides.app.status_bar import advance_label
from tui_slides.deck.errors import DeckError
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Slide
from tui_slides.deck.safety import one_line, visible
from tui_slides.presenting.console_client import ConsoleLink
from tui_slides.presenting.protocol import Command, Message
from tui_slides.presenting.remote import RemoteTalk, clock_text
from tui_slides.render.media import block_media
from tui_slides.render.notes import NO_NOTES, render_notes
from tui_slides.render.slide import render_slide

MAX_NOTES = 20_000
"""Characters of a slide's notes shown (notes longer than a talk are cut, with a notice)."""
WARN_SHARE = 0.1
"""The last part of the planned time in which the time left turns to the warning colour."""

KEYS_HELP = (
    "→ n l Space PgDn next · ← p h PgUp previous · Home g first · End G last · "
    "0-9 Enter go to · b blank · r reload · t pause/resume timer · T reset timer · "
    "a resume the advance · ↑ ↓ scroll notes · q quit console"
)
"""The console's keys, always on screen."""


class _AnyHeight:
    """``renderable`` drawn at its own height, whatever height Textual's ``Static`` asks for.

    A ``Static`` renders with the widget's height in the console options; the
    shared ``render.lines.Stack`` then pads each of its parts drawn through
    ``Console.render_lines`` (a slide's header) to that height, and the slide's
    blocks fall off the bottom. (The presenter's own blocks draw line by line.)
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from console.render(self.renderable, options.update(height=None))


def _small(slide: Slide, position: int, total: int, step: int | None = None) -> RenderableType:
    """``slide`` as ``show`` prints it, up to the presenter's bounds (``app.shown``), at its
    reveal ``step`` (None: complete), its media as cards of text (``[image: path]``, the
    video's and the map's links): what is coming, without decoding a picture."""
    part = shown_part(slide)
    if part.blocks is slide.content:
        return _AnyHeight(render_slide(slide, position, total, media=_cards, measure=None,
                                       step=step))  # fmt: skip
    bounded = _AnyHeight(render_slide(replace(slide, content=part.blocks), position, total,
                                      media=_cards, measure=None, step=step))  # fmt: skip
    return Group(bounded, Text(part.notice, style="italic"))


def _cards(block: Block) -> list[RenderableType]:
    return block_media(block, images="text") if block.has_media else []


def _cmd(name: str) -> str:
    return f"send('{name}')"


class ConsoleApp(App[int]):
    """The presenter console: one talk, joined at ``path`` (reconnecting while it runs)."""

    CSS = """
    #status { height: 1; background: $panel; padding: 0 1; }
    #status.-lost { background: $error; color: $text; }
    #panes { height: 1fr; }
    #now { width: 3fr; border: round $primary; border-title-color: $primary; padding: 0 1; }
    #side { width: 2fr; }
    #next { height: 1fr; border: round $secondary; padding: 0 1; color: $text-muted; }
    #now, #next { scrollbar-size-vertical: 0; }  /* previews: not scrolled, no bar in them */
    #notes { height: 2fr; border: round $accent; padding: 0 1; }
    #clock { height: 1; padding: 0 1; text-style: bold; }
    #clock.-warning { color: $warning; }
    #clock.-over { color: $error; }
    #keys { height: auto; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l,n,pagedown,space", _cmd("next"), "Next slide"),
        Binding("a", _cmd("advance_resume"), "Resume the automatic advance (other keys pause it)"),
        Binding("left,h,p,pageup", _cmd("prev"), "Previous slide"),
        Binding("backspace", _cmd("backspace"), "Previous slide (deletes a typed digit)"),
        Binding("home", _cmd("first"), "First slide"),
        Binding("g", _cmd("g"), "First slide (a typed number: that slide)"),
        Binding("end", _cmd("last"), "Last slide"),
        Binding("G", _cmd("G"), "Last slide (a typed number: that slide)"),
        *(Binding(digit, _cmd(digit), "Type a slide number", show=False) for digit in "0123456789"),
        Binding("enter", _cmd("enter"), "Go to the typed slide"),
        Binding("b", _cmd("toggle_blank"), "Blank the audience's screen (b again: back)"),
        Binding("escape", _cmd("escape"), "Cancel a typed number; end a blank"),
        Binding("r", _cmd("reload"), "Reload the deck"),
        Binding("t", _cmd("clock_toggle"), "Start, pause or resume the timer"),
        Binding("T", _cmd("clock_reset"), "Reset the timer"),
        Binding("up", "notes(-1)", "Scroll the notes"),
        Binding("down", "notes(1)", "Scroll the notes"),
        Binding("q,ctrl+c,ctrl+q", "quit", "Quit the console (the talk goes on)", priority=True),
    ]

    def __init__(
        self,
        path: Path,
        name: str,
        *,
        duration: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        """Join the talk ``name`` at ``path``; ``duration`` (seconds) wins over the talk's own.

        ``clock`` times the talk and ``wall`` is the time of day (tests pass fixed ones).
        """
        super().__init__()
        self.talk = RemoteTalk(clock)
        self.duration = duration
        self._wall = wall
        self.link = ConsoleLink(path, name, self._received, self._link_status)
        self.deck: Deck | None = None
        self._deck_key: tuple[str, int] = ("", -1)
        self._deck_problem = ""
        self.status_text = ""
        """What the status line says (joined, lost...), as plain text."""

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        # The panes never take the focus: a focused scroll view keeps PageDown, Home,
        # End and the arrows for itself (on a slide taller than the pane), and a clicker's
        # PageDown must move the talk. Up and Down scroll the notes (action_notes).
        with Horizontal(id="panes"):
            yield VerticalScroll(Static(id="now-slide"), id="now", can_focus=False)
            with Vertical(id="side"):
                yield VerticalScroll(Static(id="next-slide"), id="next", can_focus=False)
                yield VerticalScroll(Static(id="notes-text"), id="notes", can_focus=False)
        yield Static(id="clock")
        yield Static(KEYS_HELP, id="keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#now").border_title = "Now"
        self.query_one("#next").border_title = "Next"
        self.query_one("#notes").border_title = "Notes"
        self._show_status(f"Joining {visible(self.link.name)}…", lost=False)
        self.set_interval(1.0, self.tick)
        self.tick()
        self.run_worker(self.link.run(), name="console-link", exclusive=True)

    # -- keys --------------------------------------------------------------------------

    def action_send(self, name: str) -> None:
        """Ask the presenter for ``name`` (a ``protocol.COMMANDS`` name)."""
        if not self.link.send(Command(name)):
            self.bell()

    def action_notes(self, direction: int) -> None:
        """Scroll the notes by a line."""
        notes = self.query_one("#notes", VerticalScroll)
        if direction > 0:
            notes.scroll_down(animate=False)
        else:
            notes.scroll_up(animate=False)

    # -- the presenter -----------------------------------------------------------------

    def _link_status(self, joined: bool) -> None:
        if joined or not self.is_running:
            return  # said once the state arrives; or the console is closing: nothing to show
        self._show_status(
            f"The presenter of {visible(self.link.name)} is gone: waiting for it to come back…",
            lost=True,
        )

    def _received(self, message: Message) -> None:
        if not self._on_screen:
            return
        talk = self.talk
        before = (talk.index, talk.reloads, talk.deck, talk.joined, talk.step)
        if not talk.apply(message):
            return
        if (talk.index, talk.reloads, talk.deck) != before[:3] or not before[3]:
            self._load_deck()
            self._show_slides()
        elif talk.step != before[4]:  # a reveal step: the slide shows more, next is another
            self._show_slides(notes=False)
        self._show_talk_status()
        self.tick()

    def _load_deck(self) -> None:
        """Read the deck the presenter shows (again after each of its reloads)."""
        key = (self.talk.deck, self.talk.reloads)
        if key == self._deck_key:
            return
        self._deck_key = key
        try:
            self.deck = load_deck(self.talk.deck)
            self._deck_problem = ""
        except (DeckError, OSError) as error:
            self._deck_problem = visible(str(error))

    # -- what is shown -----------------------------------------------------------------

    def _show_status(self, text: str, *, lost: bool) -> None:
        self.status_text = text
        status = self.query_one("#status", Static)
        status.update(Text(text))
        status.set_class(lost, "-lost")

    def _show_talk_status(self) -> None:
        talk = self.talk
        parts = [one_line(talk.name), f"{talk.index + 1 if talk.total else 0} / {talk.total}"]
        if talk.typed:
            parts.append(f"go to {talk.typed}…")
        advance = advance_label(talk.advance, talk.advance_seconds)
        if advance:  # as the presenter's status bar shows it: ▶ 10s, ⏸ 10s, ⏹ 10s
            parts.append(advance + (" (a resumes)" if talk.advance == "paused" else ""))
        if talk.loop:
            parts.append("loops")
        if talk.blank:
            parts.append("SCREEN BLANKED")
        if talk.problem:
            parts.append("reload failed: " + visible(talk.problem.splitlines()[0]))
        if self._deck_problem:
            parts.append(self._deck_problem)
        self._show_status(" · ".join(parts), lost=False)

    def _show_slides(self, *, notes: bool = True) -> None:
        """The current slide at its step, what comes next, and (``notes``) its notes."""
        deck, talk = self.deck, self.talk
        slides = deck.slides if deck is not None else ()
        current = slides[talk.index] if talk.index < len(slides) else None
        total = len(slides)
        now: RenderableType = Text("")
        later: RenderableType = Text("(the end)", style="italic")
        title = "Next"
        before_now = before_later = None  # what each pane adds to, when it is a step
        if current is not None:
            steps = current.step_plan.count
            step = min(talk.step, steps - 1)
            now = _small(current, talk.index + 1, total, step if steps > 1 else None)
            if step:
                before_now = _small(current, talk.index + 1, total, step - 1)
            if step < steps - 1:  # the next step of this slide comes first
                later = _small(current, talk.index + 1, total, step + 1)
                before_later = now
                title = f"Next: step {step + 2} of {steps}"
            elif talk.index + 1 < total or (talk.loop and total > 1):  # --loop: round again
                following = (talk.index + 1) % total
                upcoming = slides[following]
                first = 0 if upcoming.step_plan.count > 1 else None
                later = _small(upcoming, following + 1, total, first)
                if following == 0:
                    title = "Next: the first slide again"
        self.query_one("#now-slide", Static).update(now)
        self.query_one("#next-slide", Static).update(later)
        self.query_one("#next").border_title = title
        self.call_after_refresh(self._scroll_to_step, "#now", now, before_now)
        self.call_after_refresh(self._scroll_to_step, "#next", later, before_later)
        if notes:  # a step of the same slide keeps its notes where they were scrolled
            self.query_one("#notes-text", Static).update(self._notes(current))
            self.query_one("#notes", VerticalScroll).scroll_home(animate=False)

    def _scroll_to_step(
        self, pane: str, shown: RenderableType, before: RenderableType | None
    ) -> None:
        """Scroll ``pane`` so that the first line ``shown`` draws unlike ``before`` is in view:
        what a step reveals low on a long slide (the top, for a slide of its own)."""
        if not self._on_screen:
            return
        view = self.query_one(pane, VerticalScroll)
        region = view.scrollable_content_region
        row = 0
        if before is not None and region.width > 0:
            options = self.console.options.update(width=region.width, height=None)
            drawn = [self.console.render_lines(r, options, pad=False) for r in (shown, before)]
            plain = [["".join(s.text for s in line).rstrip() for line in d] for d in drawn]
            row = next(
                (n for n, (a, b) in enumerate(zip(*plain, strict=False)) if a != b),
                min(map(len, plain)),
            )
        view.scroll_to(y=0 if row < region.height else row - 1, animate=False)

    @staticmethod
    def _notes(slide: Slide | None) -> RenderableType:
        if slide is None or not slide.notes.strip():
            return Text(NO_NOTES, style="italic")
        notes = slide.notes
        if len(notes) <= MAX_NOTES:
            return _AnyHeight(render_notes(notes))
        cut = Text(f"(notes cut at {MAX_NOTES:,} characters)", style="italic")
        return Group(_AnyHeight(render_notes(notes[:MAX_NOTES])), cut)

    @property
    def _on_screen(self) -> bool:
        """False once the console is closing: its widgets go before ``is_running`` turns
        false, and a message from the presenter or the clock's tick may come in between."""
        return self.is_running and bool(self.query("#clock"))

    def tick(self) -> None:
        """Show the elapsed time, the time left and the wall clock (once a second)."""
        if not self._on_screen:
            return
        talk = self.talk
        elapsed = int(talk.elapsed)  # whole seconds, so that elapsed and left add up
        parts = [f"Elapsed {clock_text(elapsed)}" + (" (paused)" if talk.paused else "")]
        if not talk.started:
            parts = ["Timer not started (t starts it; so does the next slide)"]
        duration = self.duration if self.duration is not None else talk.duration
        if duration is None and self.deck is not None:
            duration = self.deck.duration
        warning = over = False
        if duration:
            left = duration - elapsed
            over = left < 0
            warning = not over and left <= duration * WARN_SHARE
            parts.append(f"Over by {clock_text(-left)}" if over else f"Left {clock_text(left)}")
        parts.append(time.strftime("%H:%M:%S", time.localtime(self._wall())))
        clock = self.query_one("#clock", Static)
        clock.update(Text("   ".join(parts)))
        clock.set_class(warning, "-warning")
        clock.set_class(over, "-over")
