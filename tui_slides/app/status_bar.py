"""The status bar: logo title on the left, slide label in the middle, ``n / N`` on the right,
under a thin line showing how far into the talk the current slide is.

It is a view of a few reactives that the slides screen sets when its state
changes; nothing here polls or keeps a clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui_slides.deck.safety import one_line
from tui_slides.deck.steps import step_label
from tui_slides.render.contrast import readable

if TYPE_CHECKING:
    from typing_extensions import Self  # typing's own from Python 3.11

PROGRESS = "▁"
"""The progress line: a one-eighth block, so the line sits thin on top of the bar."""

_MORE_HINTS = {
    (True, False): ("▲ more above", "▲"),
    (False, True): ("▼ more below", "▼"),
    (True, True): ("▲▼ more", "▲▼"),
}
"""``(above, below)`` -> (long, short) scroll hints."""


ADVANCE_SIGNS = {"running": "▶", "paused": "⏸", "stopped": "⏹"}
"""The automatic advance's states as the status bar shows them (``off``: nothing)."""


def advance_label(state: str, seconds: float) -> str:
    """The automatic advance as the status bar shows it: ``▶ 10s``, ``⏸ 1m30s``, or ``""``."""
    sign = ADVANCE_SIGNS.get(state)
    if sign is None:
        return ""
    if seconds < 60:
        return f"{sign} {seconds:g}s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{sign} {minutes}m{rest}s" if rest else f"{sign} {minutes}m"


def _fit(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells with an ellipsis (a copy; never wider)."""
    if width <= 0:
        return Text()
    if text.cell_len <= width:
        return text
    cut = text.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut


class StatusBar(Widget):
    """One line at the bottom of the slides screen.

    | part | shows |
    | --- | --- |
    | top row | a thin line as long as the talk so far (``position / total`` of the width) |
    | left | the slide's logo title |
    | middle | the slide's name or ID, or what is being typed (go to slide, search) |
    | right | the automatic advance (``▶ 10s``), more-above/below hint, then the real
      position and total, ``3 / 12``, and the reveal steps (``●●○○``) on a slide with steps |
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-bar--progress",
        "status-bar--logo",
        "status-bar--label",
        "status-bar--prompt",
        "status-bar--more",
        "status-bar--counter",
        "status-bar--steps",
        "status-bar--advance",
    }

    # Its styles (docked at the bottom, the theme's panel colour, each part's style)
    # are in the app's slides.tcss: one stylesheet parsed at startup, not two.

    logo_title: reactive[str] = reactive("")
    """The logo title of the current slide (deck text, shown through ``one_line``)."""
    logo: reactive[Text | None] = reactive(None)
    """The slide's logo, a one-line picture in cells beside the title (or None)."""
    label: reactive[str] = reactive("")
    """The current slide's name, else its ID."""
    prompt: reactive[str] = reactive("")
    """What the presenter is typing or searching; shown instead of the label."""
    position: reactive[int] = reactive(0)
    """The real 1-based position of the current slide (0 for an empty deck)."""
    total: reactive[int] = reactive(0)
    """The real number of slides."""
    more_above: reactive[bool] = reactive(False)
    """True when the slide is scrolled and there is content above the view."""
    more_below: reactive[bool] = reactive(False)
    """True when the slide continues below the view."""
    audience: reactive[int | None] = reactive(None)
    """Viewers watching over SSH (``--ssh``); None when the talk is not shared."""
    step: reactive[int] = reactive(0)
    """The reveal step shown, 0-based."""
    steps: reactive[int] = reactive(1)
    """How many reveal steps the slide has (1: none shown)."""
    advance: reactive[str] = reactive("")
    """The automatic advance (``advance_label``), ``""`` when it is off."""

    def __init__(self, *, id: str | None = None) -> None:
        self._strips: tuple[tuple[object, ...], list[Strip]] = ((), [])
        """The two rows as last drawn, and the width and base style they were drawn at."""
        super().__init__(id=id)
        self._styles: dict[str, Style] = {}
        """Each part's style (``_style``), until the bar is restyled."""

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        self._strips = ((), [])  # a reactive changed (or the size): the rows are drawn again
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_line(self, y: int) -> Strip:
        """Row ``y``, with Textual's line API: both rows are built once per refresh,
        straight from their Rich segments. Through ``Content`` (``render``), the bar
        took as long to draw as a screenful of block text, on every slide change."""
        width = self.size.width
        base = self.visual_style.rich_style
        key = (width, base)
        drawn, strips = self._strips
        if drawn != key:
            console = self.app.console
            strips = [
                Strip(
                    [Segment(text, base + style if style else base) for text, style, _ in
                     line.render(console)],
                ).adjust_cell_length(width, base)
                for line in (self.progress_line(), self.info_line())
            ]  # fmt: skip
            self._strips = (key, strips)
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width, base)

    def progress_line(self) -> Text:
        """The top row: ``PROGRESS`` across the part of the width the talk has covered."""
        width = self.size.width
        done = width * self.position // self.total if self.total else 0
        style = self._style("progress")
        line = Text(no_wrap=True, overflow="crop", end="")
        line.append(PROGRESS * done, style)
        line.append(" " * (width - done), Style(bgcolor=style.bgcolor))
        return line

    def info_line(self) -> Text:
        """The bar's line of text: logo title, label or prompt, scroll hint and counter."""
        width = self.size.width
        counter = Text(f"{self.position} / {self.total}", self._style("counter"))
        steps = step_label(self.step, self.steps)
        if steps:
            counter.append(" ")
            counter.append(steps, self._style("steps"))
        hint = _MORE_HINTS.get((self.more_above, self.more_below))
        right = Text(" ")
        if self.advance:
            right.append(self.advance, self._style("advance"))
            right.append("  ")
        if hint is not None:
            long_hint, short_hint = hint
            chosen = long_hint if width >= 60 else short_hint
            right.append(chosen, self._style("more"))
            right.append("  ")
        if self.audience is not None:  # sharing over SSH: how many watch
            watching = f"{self.audience} watching" if width >= 60 else f"[{self.audience}]"
            right.append(watching, self._style("more"))
            right.append("  ")
        right.append_text(counter)
        right.append(" ")
        if right.cell_len > width:
            return _fit(counter, width)

        if self.prompt:
            middle = Text(one_line(self.prompt), self._style("prompt"))
        else:
            middle = Text(one_line(self.label), self._style("label"))
        left = Text(" ")
        if self.logo is not None:
            left.append_text(self.logo)
            left.append(" ")
        left.append_text(Text(one_line(self.logo_title), self._style("logo")))
        left.append(" ")

        room = width - right.cell_len
        # The label gives way first: the logo title keeps its place (up to half of the
        # room the counter leaves), the label is cut to what is left after it.
        left = _fit(left, max(room // 2, room - middle.cell_len - 1))
        middle = _fit(middle, max(0, room - left.cell_len - 1))
        # Centre the label on the whole bar when it fits; else put it after the logo.
        centre_start = (width - middle.cell_len) // 2
        start = max(centre_start, left.cell_len + 1) if middle else left.cell_len
        start = min(start, room - middle.cell_len)
        gap_left = max(0, start - left.cell_len)
        gap_right = max(0, room - left.cell_len - gap_left - middle.cell_len)
        line = Text(no_wrap=True, overflow="crop", end="")
        line.append_text(left)
        line.append(" " * gap_left)
        line.append_text(middle)
        line.append(" " * gap_right)
        line.append_text(right)
        return line

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()  # a new theme or stylesheet: every part's style again
        self._strips = ((), [])

    def _style(self, part: str) -> Style:
        """The Rich style of one part, from the theme via component classes, its colour
        nudged until it reads on the bar (``render.contrast``) if it would not.

        Kept in ``_styles`` until the bar is restyled (``notify_style_update``):
        working the parts out took half of the bar's drawing on every slide change.
        """
        style = self._styles.get(part)
        if style is None:
            style = self._styles[part] = self._readable_style(part)
        return style

    def _readable_style(self, part: str) -> Style:
        # The progress line paints its own background; the other parts lie on the bar's.
        progress = part == "progress"
        style = self.get_component_rich_style(f"status-bar--{part}", partial=not progress)
        colour = _hex(style.color)
        background = _hex((style if progress else self.rich_style).bgcolor)
        if colour is None or background is None:
            return style  # the terminal's own colours: nothing to compute with
        fixed = readable(colour, background, eight_bit=self._eight_bit)
        return style if fixed == colour else style + Style(color=fixed)

    @property
    def _eight_bit(self) -> bool:
        """True on a terminal of 256 colours: contrast is judged as it shows them."""
        return self.app.console.color_system == "256"

    @property
    def text(self) -> str:
        """What the bar's line of text shows, as plain text (for tests and screen readers)."""
        return self.info_line().plain


def _hex(colour: Color | None) -> str | None:
    """``#rrggbb`` of a true colour; None for none or a colour of the terminal's palette."""
    if colour is None or colour.triplet is None:
        return None
    return colour.triplet.hex
