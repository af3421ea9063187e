"""Cards for media that are not drawn as pictures: video, map links, image placeholders.

Rich renderables shared by ``tui-slides show`` and the presenter. A video card
shows a play symbol, the file name or URL and the size of a local file; a map
card shows the place, a clickable OSC 8 hyperlink and a QR code drawn in text
cells so the audience can scan it from the screen (or, for a link too long
for one, a note saying so). Deck strings pass through ``model.shown`` (visible,
one line, at most ``SHOWN_LENGTH`` characters) and ``rich.text.Text``: never
markup, never raw control.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tui_slides.deck.files import FILE_NOT_FOUND, file_problem, regular_file
from tui_slides.deck.model import MediaKind, MediaRef, shown
from tui_slides.media.images import ImageProblem
from tui_slides.media.links import format_coords, format_size, map_url, qr_too_long, safe_url
from tui_slides.render.hanging import Hanging

PLAY = "\u25b6"
"""``▶``: the play symbol on a video card."""
PIN = "\u25cf"
"""``●``: the place marker on a map card. In WGL4, the set nearly every terminal font
covers (``⌖`` and the pin emoji are not); ``PIN_ASCII`` where output is not Unicode."""
PIN_ASCII = "@"
WARNING = "\u26a0"
"""``⚠``: marks what cannot be shown."""

QR_BORDER = 2
"""Quiet zone around a QR code, in modules (painted light, so any theme works)."""
QR_DARK = Style.parse("#000000")
QR_LIGHT = Style.parse("#ffffff")
QR_GAP = 2
"""Columns between a QR code and the text beside it."""
TEXT_MIN = 24
"""The narrowest the text beside a QR code may get before the two are stacked."""

_CARD_BOX = box.ROUNDED

MUTED = "slide.muted"
"""The named style of a card's quieter lines: ``SlideStyles.muted``, which ``render_block``
sets around its media (``Themed``); dim where nothing sets it."""


def _muted(text: str, *, italic: bool = False) -> Text:
    """``text`` in the ``MUTED`` style (italic too, if asked)."""
    line = Text(text, style="italic" if italic else "")
    line.stylize(MUTED)
    return line


def link_text(url: str, label: str | None = None) -> Text:
    """``label`` (default: the URL) as a clickable hyperlink when ``url`` is safe."""
    text = shown(label if label is not None else url)
    target = safe_url(url)
    style = Style(underline=True, link=target) if target else Style()
    return Text(text, style=style, no_wrap=False, overflow="fold")


def _card(body: RenderableType, title: str) -> Panel:
    return Panel(body, title=Text(title), title_align="left", box=_CARD_BOX, expand=False)


def video_card(ref: MediaRef, *, hint: str | None = None) -> Panel:
    """A video card: ``▶`` and the file name (with folder and size) or the URL.

    ``hint`` is a line such as ``o: open in the video player`` (the app's key);
    ``show`` passes none, and a file that is not there gets none: nothing to play.
    """
    play = Text(PLAY, style="bold")
    lines: list[RenderableType] = []
    if ref.kind is MediaKind.FILE and ref.path is not None:
        lines.append(_hung(play, Text(shown(ref.path.name), style="bold")))
        found = regular_file(ref.path)  # the loader's rule: check says the same of it
        detail = ref.label
        if isinstance(found, str):
            lines.append(_hung(None, Text(f"{WARNING} {found}: {detail}", style="bold")))
            hint = None
        else:
            lines.append(_hung(None, _muted(f"{detail} · {format_size(found.st_size)}")))
    else:
        lines.append(_hung(play, link_text(ref.url or ref.raw)))
    if hint:
        lines.append(_hung(None, _muted(hint, italic=True)))
    return _card(Group(*lines), "Video")


def _hung(marker: Text | None, line: Text) -> Hanging:
    """A card's line after ``▶``: wrapped under its own first word, not under the marker."""
    return Hanging(marker or Text(), line, marker_width=1, gap=2)


def image_placeholder(problem: ImageProblem) -> Panel:
    """What stands where an image cannot be drawn: its path and the reason."""
    body = Group(
        Text(f"{WARNING} {shown(problem.label)}", style="bold"),
        _muted(f"  {shown(problem.reason, 400)}"),
    )
    return _card(body, "Image")


def image_text(ref: MediaRef) -> Text:
    """The text stand-in for an image when pictures are off or output is piped."""
    problem = None
    if ref.kind is MediaKind.FILE and not ref.exists:
        problem = FILE_NOT_FOUND if ref.path is None else file_problem(ref.path)
    suffix = f" ({problem})" if problem else ""
    return _muted(f"[image: {ref.label}{suffix}]")


class QRCode:
    """A QR code drawn in text cells: one column and half a row per module.

    Dark modules are black and light ones white whatever the theme, with a
    light quiet zone, so a phone can scan it off the screen.
    """

    def __init__(self, data: str, *, border: int = QR_BORDER) -> None:
        import segno  # imported here: only decks with maps need it

        self.data = data
        code = segno.make(data, micro=False)
        self.modules: list[list[bool]] = [
            [bool(value) for value in row] for row in code.matrix_iter(scale=1, border=border)
        ]

    @property
    def width(self) -> int:
        """Columns the code takes."""
        return len(self.modules[0])

    @property
    def height(self) -> int:
        """Rows the code takes (two modules per row)."""
        return (len(self.modules) + 1) // 2

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines():
            yield from line
            yield Segment.line()

    def lines(self) -> list[list[Segment]]:
        """The code as lines of segments, ``self.width`` cells each."""
        styles = {
            (top, bottom): Style(
                color=(QR_DARK if top else QR_LIGHT).color,
                bgcolor=(QR_DARK if bottom else QR_LIGHT).color,
            )
            for top in (False, True)
            for bottom in (False, True)
        }
        rows = self.modules
        blank = [False] * self.width
        lines = []
        for index in range(0, len(rows), 2):
            upper = rows[index]
            lower = rows[index + 1] if index + 1 < len(rows) else blank
            pairs = zip(upper, lower, strict=True)
            lines.append([Segment("\u2580", styles[pair]) for pair in pairs])
        return lines


class MapCard:
    """A map card: the place, a clickable link and a QR code of the link.

    The QR code sits beside the text when there is room, above it when the
    card is narrow, and is left out when even that does not fit (a column of a
    ``columns`` slide: the card then offers the link alone, asking no one to scan
    anything), or when the link is too long for a QR code (with a note).
    """

    def __init__(self, ref: MediaRef, *, hint: str | None = None, qr: bool = True) -> None:
        self.ref = ref
        self.hint = hint
        self.url = map_url(ref)
        self.qr: QRCode | None = None
        self.qr_note: str | None = None
        """Why there is no QR code although one was asked for (the link is too long)."""
        if qr and self.url:
            try:
                self.qr = QRCode(self.url)
            except ValueError:  # segno.DataOverflowError
                self.qr_note = f"No QR code: {qr_too_long(self.url)}."

    def _text(self, console: Console, *, qr: bool = True) -> list[Text]:
        lines: list[Text] = []
        pin = PIN if console.encoding.lower().startswith("utf") else PIN_ASCII
        coords = self.ref.coords if self.ref.kind is MediaKind.COORDS else None
        if coords is not None:
            lines.append(Text(f"{pin} {format_coords(*coords)}", style="bold"))
            lines.append(_muted("OpenStreetMap:"))
        else:
            lines.append(Text(f"{pin} Map", style="bold"))
        if self.url:
            lines.append(link_text(self.url))
        else:
            lines.append(Text(f"{WARNING} not a web link: {self.ref.label}", style="bold"))
        if self.qr is not None and qr:
            lines.append(_muted("Scan the code or open the link.", italic=True))
        if self.qr_note is not None:
            lines.append(_muted(self.qr_note, italic=True))
        if self.hint:
            lines.append(_muted(self.hint, italic=True))
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        text_width = max(line.cell_len for line in self._text(console))
        qr_width = self.qr.width + QR_GAP if self.qr else 0
        widest = min(options.max_width, qr_width + text_width + 4)  # 4: border and padding
        return Measurement(min(widest, TEXT_MIN), widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = options.max_width - 4
        fits = self.qr is not None and inner >= self.qr.width
        text = Group(*self._text(console, qr=fits))
        body: RenderableType
        if self.qr is None or not fits:  # too narrow for the code: the link alone
            body = text
        elif inner >= self.qr.width + QR_GAP + TEXT_MIN:
            grid = Table.grid(padding=(0, QR_GAP, 0, 0))
            grid.add_column(width=self.qr.width, no_wrap=True)
            grid.add_column()
            grid.add_row(self.qr, text)
            body = grid
        else:
            body = Group(self.qr, text)
        yield _card(body, "Map")
