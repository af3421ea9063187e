"""Audience frames: a slide drawn for one terminal size and colour depth, as rows of cells.

``Frames`` renders with the shared Rich renderables (``render_slide``, images
as half blocks) into a Console writing to a string buffer: no Textual. A
frame is made once per (deck version, slide, step, size, colours) and shared
by every viewer with those; ``screen.ScreenDiff`` then sends each viewer only
the cells that differ from what it shows.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import NamedTuple

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui_slides.deck.model import Block, Deck
from tui_slides.deck.safety import visible
from tui_slides.render.media import ImageMode, block_media
from tui_slides.render.projected import project_slide
from tui_slides.render.styles import DEFAULT_STYLES, SlideStyles


class Line(NamedTuple):
    """One row of a screen: a character per cell (``""`` right of a wide one) and a style id."""

    chars: tuple[str, ...]
    styles: tuple[int, ...]


Body = tuple[Line, ...]
"""The rows of a frame, top to bottom."""

FrameKey = tuple[Hashable, ...]
"""What a frame is made from: ``(deck version, slide, step, width, rows, colours)``."""

MAX_FRAMES = 96
"""Frames kept (least recently used dropped): the presenter's screen and the four drawn ahead
(next and previous step, next and previous slide) times every size connected, and the slides
browsed (a 200x60 frame takes ~0.2 MiB)."""

_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
}

STATUS_STYLE = Style(reverse=True)
"""The viewer's status line."""
NO_SLIDES = "(no slides)"


def blank_line(width: int) -> Line:
    """A row of spaces with no style."""
    return Line((" ",) * width, (0,) * width)


class Frames:
    """Renders and keeps audience frames; one per process, shared by every viewer."""

    def __init__(self, styles: SlideStyles = DEFAULT_STYLES, *, max_frames: int = MAX_FRAMES):
        """Frames drawn with ``styles``; at most ``max_frames`` kept."""
        self.styles = styles
        self.max_frames = max_frames
        self._frames: OrderedDict[FrameKey, Body] = OrderedDict()
        self._status: OrderedDict[tuple[str, str, int, str | None], Line] = OrderedDict()
        self._cut: set[FrameKey] = set()
        """The frames kept whose slide goes on below their last row (``continues``)."""
        self._style_ids: dict[Style, int] = {Style(): 0}
        self._style_list: list[Style] = [Style()]
        self._sgr: dict[tuple[int, str | None], str] = {}
        self.renders = 0
        """How many frames were rendered (not found in the cache): for tests and benchmarks."""

    # -- styles --------------------------------------------------------------------------

    def _style_id(self, style: Style | None) -> int:
        if style is None or not style:
            return 0
        found = self._style_ids.get(style)
        if found is None:
            found = self._style_ids[style] = len(self._style_list)
            self._style_list.append(style)
        return found

    def sgr(self, style_id: int, colours: str | None) -> str:
        """The sequence setting style ``style_id`` from any other: a reset, then its codes."""
        key = (style_id, colours)
        found = self._sgr.get(key)
        if found is None:
            found = "\x1b[0m"
            system = _SYSTEMS.get(colours or "")
            style = self._style_list[style_id]
            if system is not None and style_id:
                # A copy: Rich keeps a style's codes for the first colour system it is
                # rendered for (one console, one system); viewers have several. Without
                # its link: a hyperlink's OSC 8 would come before the codes, and cut into
                # them it made garbage on the viewer's screen (the URL as text, concealed).
                plain = style.clear_meta_and_links().copy()
                rendered = plain.render("\x00", color_system=system)
                codes = rendered[2 : rendered.index("\x00") - 1] if rendered != "\x00" else ""
                found = f"\x1b[0;{codes}m" if codes else "\x1b[0m"
            self._sgr[key] = found
        return found

    # -- frames --------------------------------------------------------------------------

    def cached(self, key: FrameKey) -> Body | None:
        """The frame made for ``key`` already, if it is kept."""
        body = self._frames.get(key)
        if body is not None:
            self._frames.move_to_end(key)
        return body

    def body(
        self, deck: Deck, version: int, index: int, step: int, size: tuple[int, int],
        colours: str | None,
    ) -> tuple[FrameKey, Body]:  # fmt: skip
        """The frame of slide ``index`` at reveal ``step`` for ``size`` (columns, rows); its key.

        ``step`` is clamped to the slide's steps (its last: the slide complete), and the
        key names the step drawn: a slide of one step has one frame whatever is asked.
        """
        last = deck.slides[index].step_plan.last if 0 <= index < len(deck.slides) else 0
        step = max(0, min(step, last))
        key: FrameKey = (version, index, step, size[0], size[1], colours)
        body = self.cached(key)
        if body is None:
            body, cut = self._render(deck, index, None if step == last else step, size, colours)
            self._frames[key] = body
            if cut:
                self._cut.add(key)
            while len(self._frames) > self.max_frames:
                self._cut.discard(self._frames.popitem(last=False)[0])
        return key, body

    def continues(self, key: FrameKey) -> bool:
        """True when the frame ``key`` shows its slide cut off: more of it lies below."""
        return key in self._cut

    def blank(self, size: tuple[int, int]) -> Body:
        """An empty screen of ``size``."""
        width, rows = size
        line = blank_line(width)
        return (line,) * rows

    def _render(
        self, deck: Deck, index: int, step: int | None, size: tuple[int, int], colours: str | None
    ) -> tuple[Body, bool]:
        """The frame's rows, and whether the slide went on below them."""
        self.renders += 1
        width, rows = size
        console = Console(
            file=io.StringIO(),
            width=width,
            height=rows,
            color_system=colours,  # type: ignore[arg-type]
            force_terminal=True,
            legacy_windows=False,
            markup=False,
            emoji=False,
            highlight=False,
            _environ={},
        )
        try:
            renderable = self._slide(deck, index, step, size, colours)
            lines = console.render_lines(renderable, console.options, pad=True)
        except Exception as error:  # one bad slide must never take down the talk
            message = visible(f"this slide could not be drawn: {type(error).__name__}: {error}")
            lines = console.render_lines(Text(message, style="red"), console.options, pad=True)
        body = [self._line(line, width) for line in lines[:rows]]
        body += [blank_line(width)] * (rows - len(body))
        cut = any(text.strip() for line in lines[rows:] for text, _style, _control in line)
        return tuple(body), cut

    def _slide(
        self, deck: Deck, index: int, step: int | None, size: tuple[int, int], colours: str | None
    ) -> RenderableType:
        """The slide at ``step`` (None: complete) as the presenter lays it out on a screen of
        ``size`` (``render.projected``)."""
        rows = size[1]
        if not deck.slides:
            return Padding(Text(NO_SLIDES, style=self.styles.muted), (1, 2))
        slide = deck.slides[index]
        images: ImageMode = "cells" if colours else "text"

        def media(block: Block) -> Sequence[RenderableType]:
            if not block.has_media:
                return ()
            return block_media(block, images=images, max_image_height=max(4, rows - 6))

        return project_slide(slide, size, styles=self.styles, media=media, step=step)

    def _line(self, segments: list[Segment], width: int) -> Line:
        chars: list[str] = []
        styles: list[int] = []
        for text, style, control in segments:
            if control:
                continue
            style_id = self._style_id(style)
            for char in text:
                size = get_character_cell_size(char)
                if size == 1:
                    chars.append(char)
                    styles.append(style_id)
                elif size == 2:
                    chars += (char, "")
                    styles += (style_id, style_id)
                elif chars:  # a combining mark: with the character before it
                    chars[-1] += char
        del chars[width:], styles[width:]
        if len(chars) < width:
            chars += [" "] * (width - len(chars))
            styles += [0] * (width - len(styles))
        return Line(tuple(chars), tuple(styles))

    # -- the status line -----------------------------------------------------------------

    def status(self, left: str, right: str, width: int, colours: str | None) -> Line:
        """The viewer's status line: ``left`` and ``right`` on one reversed row of ``width``."""
        key = (left, right, width, colours)
        found = self._status.get(key)
        if found is None:
            room = width - len(right)
            text = (left[: max(0, room - 1)] if room > 1 else "").ljust(max(0, room)) + right
            text = text[:width]
            style_id = self._style_id(STATUS_STYLE) if colours else 0
            found = Line(tuple(text), (style_id,) * len(text))
            self._status[key] = found
            while len(self._status) > self.max_frames:
                self._status.popitem(last=False)
        return found
