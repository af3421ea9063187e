"""Renderables that build each line once: wrapped text and stacks of pieces, no trailing blanks.

A slide is text inside list items inside blocks. Built from Rich's ``Group``
and ``Console.render_lines`` at each level, every line would be split, cropped
and trimmed again by each layer around it; that is most of the time a slide
takes to draw. Here each layer hands its lines up as lists of segments, so a
line is wrapped once and trimmed once.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement, measure_renderables
from rich.segment import Segment
from rich.text import Text

from tui_slides.render.wrap import is_simple, wrap

Line = list[Segment]
"""One line of output, without its line break."""


def trim_end(line: Line) -> Line:
    """``line`` without the trailing spaces wrapping leaves (unless they paint a background)."""
    end = len(line)
    while end:
        text, style, _ = line[end - 1]
        if style is not None and style.bgcolor is not None:
            break
        stripped = text.rstrip(" ")
        if stripped:
            if len(stripped) == len(text):
                return line if end == len(line) else line[:end]
            return [*line[: end - 1], Segment(stripped, style)]
        end -= 1
    return line[:end]


def one_line(text: Text, console: Console) -> Line:
    """The segments of a ``text`` known to fit on one line (a list marker), styled."""
    # Joined, as Text.__rich_console__ does, so the text's own style becomes a
    # span: Text.render draws a text without spans unstyled.
    return [segment for segment in Text().join((text,)).render(console) if segment.text]


def lines_of(renderable: RenderableType, console: Console, options: ConsoleOptions) -> list[Line]:
    """The lines ``renderable`` draws at ``options.max_width``, each without trailing blanks."""
    if isinstance(renderable, LineRenderable):
        return renderable.lines(console, options)
    return [trim_end(line) for line in console.render_lines(renderable, options, pad=False)]


class LineRenderable:
    """A renderable that can give its lines directly (``lines``), for the layers around it."""

    def lines(self, console: Console, options: ConsoleOptions) -> list[Line]:
        """The lines drawn at ``options.max_width``, each without trailing blanks."""
        raise NotImplementedError

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        newline = Segment.line()
        for line in self.lines(console, options):
            yield from line
            yield newline


class Prose(LineRenderable):
    """A ``Text`` wrapped as Rich wraps it, minus the space each wrapped line ends with.

    Rich keeps the space a line was wrapped at; printed slides should not carry
    invisible trailing blanks into files, diffs and copied text.
    """

    def __init__(self, text: Text) -> None:
        self.text = text

    def lines(self, console: Console, options: ConsoleOptions) -> list[Line]:
        text = self.text
        quick = self.quick_lines(console, options)
        if quick is not None:
            return quick
        tab_size = console.tab_size if text.tab_size is None else text.tab_size
        wrapped = text.wrap(
            console,
            options.max_width,
            justify=text.justify or options.justify or "default",
            overflow=text.overflow or options.overflow or "fold",
            tab_size=tab_size or 8,
            no_wrap=bool(options.no_wrap) if text.no_wrap is None else text.no_wrap,
        )
        # Joined as Text.__rich_console__ joins them (see one_line).
        segments = Text("\n").join(wrapped).render(console, end="\n")
        return [trim_end(line) for line in Segment.split_lines(segments)]

    def quick_lines(self, console: Console, options: ConsoleOptions) -> list[Line] | None:
        """The lines by ``render.wrap`` when the text allows it (most slide text), else ``None``.

        The same lines as Rich's wrap below, segment for segment: one style
        over the whole text, wrapped with the fold overflow and the default
        justification, no tabs, only one-cell characters.
        """
        text = self.text
        plain = text.plain
        if (
            text.spans
            or (text.justify or options.justify or "default") != "default"
            or (text.overflow or options.overflow or "fold") != "fold"
            or (options.no_wrap if text.no_wrap is None else text.no_wrap)
        ):
            return None
        width = options.max_width
        wrapped: list[str] = []
        for paragraph in plain.split("\n"):
            lines = wrap(paragraph, width) if is_simple(paragraph) else None
            if lines is None:
                return None
            wrapped.extend(lines)
        style = console.get_style(text.style) if text.style else None  # unstyled, as Rich draws it
        keep_spaces = style is not None and style.bgcolor is not None  # as trim_end: they paint
        drawn: list[Line] = []
        for line in wrapped:
            if not keep_spaces:
                line = line.rstrip(" ")
            drawn.append([Segment(line, style)] if line else [])
        return drawn

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


class Stack(LineRenderable):
    """``parts`` one under another, like Rich's ``Group``, each line without trailing blanks."""

    def __init__(self, *parts: RenderableType) -> None:
        self.parts = parts

    def lines(self, console: Console, options: ConsoleOptions) -> list[Line]:
        lines: list[Line] = []
        for part in self.parts:
            lines.extend(lines_of(part, console, options))
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return measure_renderables(console, options, self.parts)


class Hidden(LineRenderable):
    """``part``'s place, blank: as many empty lines as it draws (an item not revealed yet)."""

    def __init__(self, part: RenderableType) -> None:
        self.part = part

    def lines(self, console: Console, options: ConsoleOptions) -> list[Line]:
        return [[] for _ in lines_of(self.part, console, options)]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.part)


class Centred(LineRenderable):
    """``part`` centred as a whole: its widest line centred, the others keeping their left
    edge to it (a list on a title slide: its markers stay in one column).

    ``like``: what the width is taken from, when ``part`` may draw less of it (a list whose
    items are revealed one by one keeps its place while they appear); by default ``part``.
    """

    def __init__(self, part: RenderableType, like: RenderableType | None = None) -> None:
        self.part = part
        self.like = like

    def lines(self, console: Console, options: ConsoleOptions) -> list[Line]:
        lines = lines_of(self.part, console, options)
        widest = lines if self.like is None else lines_of(self.like, console, options)
        used = max((Segment.get_line_length(line) for line in widest), default=0)
        room = (options.max_width - used) // 2
        if room <= 0:
            return lines
        indent = Segment(" " * room)
        return [[indent, *line] if line else line for line in lines]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.part)
