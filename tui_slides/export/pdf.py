"""``tui-slides export --pdf``: one landscape A4 page per slide, with reportlab.

Text is real PDF text in embedded, subset Noto Sans (selectable and searchable,
Cyrillic included); images are embedded once each; a map is its link and the
link's QR code, drawn as vectors. A slide too long for its page is set in
columns, and shrunk only as far as it must be (``pdf_fit``), so pages and slides
always correspond. Pages take the slide's
theme colours, as the presenter and the HTML export do.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import TYPE_CHECKING, BinaryIO

from tui_slides.deck.model import Block, Deck, Layout, MediaKind, MediaRef, Slide, TextFormat
from tui_slides.deck.safety import visible
from tui_slides.export.fonts import MONO, SANS, register, runs
from tui_slides.export.html_text import CODE_STYLES
from tui_slides.export.pdf_fit import fitted
from tui_slides.export.pdf_markdown import markdown_flowables
from tui_slides.export.pdf_text import TextStyles, markup, plain_flowables
from tui_slides.export.pictures import Picture, Pictures
from tui_slides.export.themes import THEMES, Palette, palette_name
from tui_slides.media.images import ImageProblem
from tui_slides.media.links import format_coords, map_url, safe_url

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable

MARGIN = 36.0
"""Half an inch around each page."""
HEADER = 28.0
"""Points above the slide's content for its header line (logo, logo title, position)."""
QR_MODULE = 3.0
"""Points per QR module: a map link's code is about 1.3 inches wide."""
EMPTY_SLIDE = "(empty slide)"
PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
"""A table cell's paddings (set to 0: a title slide's page is one cell, edge to edge)."""
TITLE_COLUMN = 0.75
"""The share of the page's width a title slide's content is centred in (``layout: "title"``)."""


def _styles(palette: Palette, covered: frozenset[int]) -> TextStyles:
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle(
        "body", fontName=SANS, fontSize=14, leading=19, textColor=palette.foreground, spaceAfter=6
    )

    def derived(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **changes)

    return TextStyles(
        slide_title=derived(
            "slide-title", fontName=f"{SANS}-Bold", fontSize=26, leading=32,
            textColor=palette.text_accent, spaceAfter=3,
        ),
        title=derived(
            "title", fontName=f"{SANS}-Bold", fontSize=19, leading=24,
            textColor=palette.text_primary, spaceBefore=6, spaceAfter=6, keepWithNext=1,
        ),  # a column (pdf_fit) never ends on a title, a heading or a lead-in: on what follows
        heading=derived(
            "heading", fontName=f"{SANS}-Bold", spaceBefore=4, spaceAfter=3, keepWithNext=1
        ),
        lead_in=derived("lead-in", fontName=f"{SANS}-Italic", spaceAfter=2, keepWithNext=1),
        body=body,
        code=derived(
            "code", fontName=MONO, fontSize=12, leading=15, backColor=palette.surface,
            borderPadding=4, spaceBefore=4, spaceAfter=8,
        ),
        notes=derived("notes", fontName=f"{SANS}-Italic", fontSize=11, leading=14),
        marker_colour=palette.text_accent,
        covered=covered,
        code_style=CODE_STYLES[palette.dark],
    )  # fmt: skip


def _centred(styles: TextStyles) -> TextStyles:
    """``styles`` for a title slide: its text centred, its first title large."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    def centre(style: ParagraphStyle, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(f"{style.name}-centred", parent=style, alignment=TA_CENTER, **changes)

    return replace(
        styles,
        slide_title=centre(styles.slide_title, fontSize=38, leading=46, spaceAfter=5),
        title=centre(styles.title),
        heading=centre(styles.heading),
        lead_in=centre(styles.lead_in),
        body=centre(styles.body),
        centred=True,
    )


def _title_page(content: list[Flowable], width: float, height: float) -> Flowable:
    """A title slide's ``content`` centred both ways on its page, as the presenter shows it
    (shrunk to fit, as any slide is)."""
    from reportlab.platypus import KeepInFrame, Table

    column = KeepInFrame(width * TITLE_COLUMN, height, content, mode="shrink")
    page = Table([[column]], colWidths=[width], rowHeights=[height])
    page.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            *((side, (0, 0), (-1, -1), 0) for side in PADDINGS),
        ]
    )
    return page


def _image(picture: Picture, width: float, height: float, align: str = "LEFT") -> Flowable:
    from reportlab.platypus import Image

    scale = min(width / picture.width, height / picture.height, 1.0)
    flowable = Image(
        io.BytesIO(picture.data), picture.width * scale, picture.height * scale, hAlign=align
    )
    return flowable


def _qr(url: str, palette: Palette, align: str = "LEFT") -> Flowable:
    import segno
    from reportlab.graphics.shapes import Drawing, Rect

    rows = list(segno.make(url, micro=False).matrix_iter(scale=1, border=2))
    size = len(rows) * QR_MODULE
    drawing = Drawing(size, size)
    drawing.add(Rect(0, 0, size, size, fillColor="#ffffff", strokeColor=None))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                top = size - (y + 1) * QR_MODULE
                drawing.add(
                    Rect(x * QR_MODULE, top, QR_MODULE, QR_MODULE, fillColor="#000000",
                         strokeColor=None, strokeWidth=0)
                )  # fmt: skip
    drawing.hAlign = align
    return drawing


def _link(url: str) -> str:
    return f'<a href="{markup(url).replace(chr(34), "&quot;")}" underline="1">{markup(url)}</a>'


class _Media:
    """A block's image, map and video as flowables, sized for the page's frame."""

    def __init__(self, pictures: Pictures, width: float, height: float) -> None:
        self.pictures = pictures
        self.width = width
        self.height = height

    def image(self, ref: MediaRef, styles: TextStyles) -> Flowable:
        from reportlab.platypus import Paragraph

        picture = self.pictures.get(ref)
        if isinstance(picture, ImageProblem):
            return Paragraph(markup(f"[image: {picture}]"), styles.lead_in)
        align = "CENTER" if styles.centred else "LEFT"  # a title slide's, as its text
        return _image(picture, self.width, self.height * 0.6, align)

    def flowables(self, block: Block, styles: TextStyles, palette: Palette) -> list[Flowable]:
        from reportlab.platypus import KeepInFrame, Paragraph

        found: list[Flowable] = []
        if block.image is not None:
            found.append(self.image(block.image, styles))
        if block.map is not None:
            if block.map.kind is MediaKind.FILE:
                found.append(self.image(block.map, styles))
            else:
                url = map_url(block.map)
                place = "Map"
                if block.map.kind is MediaKind.COORDS and block.map.coords is not None:
                    place = f"Map: {format_coords(*block.map.coords)}"
                if url is None:
                    text = markup(f"{place}: not a web link: {block.map.raw}")
                    found.append(Paragraph(text, styles.body))
                else:
                    code = _qr(url, palette, "CENTER" if styles.centred else "LEFT")
                    caption = Paragraph(f"{markup(place)}<br/>{_link(url)}", styles.body)
                    # A card: the code over its place and link, never apart (in one column).
                    found.append(KeepInFrame(0, 0, [code, caption], mode="overflow"))
        if block.video is not None:
            found.append(Paragraph(_video(block.video), styles.body))
        return found


def _video(ref: MediaRef) -> str:
    if ref.kind is MediaKind.FILE and ref.path is not None:
        missing = "" if ref.exists else " (file not found)"
        return markup(f"Video: {ref.raw}{missing}")
    url = safe_url(ref.url or ref.raw)
    return f"Video: {_link(url)}" if url else markup(f"Video: not a web link: {ref.raw}")


def _slide_flowables(
    slide: Slide, styles: TextStyles, palette: Palette, media: _Media, *, notes: bool
) -> list[Flowable]:
    from reportlab.platypus import Paragraph

    found: list[Flowable] = []
    blocks = [block for block in slide.content if not block.is_empty]
    first = True
    for block in blocks:
        if block.title:
            found.append(
                Paragraph(markup(block.title), styles.slide_title if first else styles.title)
            )
            if first:
                found.append(_rule(block.title, styles))
            first = False
        if block.text.strip():
            if block.format is TextFormat.MARKDOWN:
                found.extend(markdown_flowables(block.text, styles))
            else:
                found.extend(plain_flowables(block.text, styles))
        found.extend(media.flowables(block, styles, palette))
    if not blocks:
        found.append(Paragraph(EMPTY_SLIDE, styles.lead_in))
    if notes and slide.notes.strip():
        found.append(Paragraph("Notes", styles.heading))
        found.extend(plain_flowables(slide.notes, replace(styles, body=styles.notes)))
    return found


def _rule(title: str, styles: TextStyles) -> Flowable:
    """The rule under the slide's heading, in its colour, as the presenter draws it: across
    the slide, and on a title slide as wide as the title."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import HRFlowable

    style = styles.slide_title
    width: float | str = "100%"
    if styles.centred:
        lines = title.splitlines() or [title]
        width = max(stringWidth(_one_line(line), style.fontName, style.fontSize) for line in lines)
    after = 14 if styles.centred else 9
    return HRFlowable(
        width=width, thickness=1.2, color=style.textColor, spaceBefore=0, spaceAfter=after,
        hAlign="CENTER" if styles.centred else "LEFT",
    )  # fmt: skip


def deck_pdf(deck: Deck, out: BinaryIO, *, theme: str | None = None, notes: bool = False) -> None:
    """Write ``deck`` as a PDF to ``out``."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

    covered = register()
    page_width, page_height = landscape(A4)
    frame_width = page_width - 2 * MARGIN
    frame_height = page_height - 2 * MARGIN - HEADER
    pictures = Pictures()
    media = _Media(pictures, frame_width, frame_height)
    total = len(deck.slides)
    palettes: list[Palette] = []
    story: list[Flowable] = []
    for slide in deck.slides:
        name, _unknown = palette_name(theme, slide.theme, deck.theme)  # (the deck warned)
        palette = THEMES[name]
        palettes.append(palette)
        styles = _styles(palette, covered)
        centred = slide.shown_layout is Layout.TITLE
        content = _slide_flowables(
            slide, _centred(styles) if centred else styles, palette, media, notes=notes
        )
        if centred:
            story.append(_title_page(content, frame_width, frame_height))
        else:  # a slide too long for its page: in columns, then shrunk (pdf_fit)
            head = 2 if getattr(content[0], "style", None) is styles.slide_title else 0  # + rule
            story.append(fitted(content[:head], content[head:], frame_width, frame_height))
        story.append(PageBreak())
    if story:
        story.pop()  # no blank page after the last slide

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        index = canvas.getPageNumber() - 1
        if index >= total:
            return
        _decorate(
            canvas, doc.pagesize, deck.slides[index], (index + 1, total), palettes[index], pictures
        )

    frame = Frame(MARGIN, MARGIN, frame_width, frame_height, 0, 0, 0, 0, id="slide")
    document = BaseDocTemplate(
        out,
        pagesize=(page_width, page_height),
        pageTemplates=[PageTemplate("slide", [frame], onPage=decorate)],
        title=_one_line(deck.title),
        creator="tui-slides",
        invariant=True,
        initialOutlineState="UseOutlines",
    )
    document.build(story)


def _decorate(
    canvas: Canvas,
    size: tuple[float, float],
    slide: Slide,
    place: tuple[int, int],
    palette: Palette,
    pictures: Pictures,
) -> None:
    """The page's background, its header line (logo, logo title, position), its outline entry."""
    from reportlab.lib.utils import ImageReader

    width, height = size
    position, total = place
    key = f"slide-{position}"
    canvas.bookmarkPage(key)
    label = slide.title or slide.label or EMPTY_SLIDE
    canvas.addOutlineEntry(_one_line(f"{position}. {label}"), key, level=0)
    canvas.saveState()
    canvas.setFillColor(palette.background)
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    baseline = height - MARGIN - 12
    left = MARGIN
    if slide.logo is not None:
        picture = pictures.get(slide.logo)
        if not isinstance(picture, ImageProblem):
            side = 20.0
            scale = side / max(picture.width, picture.height)
            canvas.drawImage(
                ImageReader(io.BytesIO(picture.data)), left, baseline - 5,
                picture.width * scale, picture.height * scale, mask="auto",
            )  # fmt: skip
            left += side + 6
    canvas.setFillColor(palette.text_primary)
    logo = canvas.beginText(left, baseline)
    for font, part in runs(_one_line(slide.logo_title)):  # symbols as paragraphs draw them
        logo.setFont(font, 11)
        logo.textOut(part)
    canvas.drawText(logo)
    canvas.setFont(SANS, 11)
    canvas.setFillColor(palette.foreground)
    canvas.drawRightString(width - MARGIN, baseline, f"{position} / {total}")
    canvas.setStrokeColor(palette.panel)
    canvas.line(MARGIN, baseline - 8, width - MARGIN, baseline - 8)
    canvas.restoreState()


def _one_line(value: str) -> str:
    """Deck text for one line, on the canvas or in the outline: visible, line breaks as spaces
    (the PDF viewer draws the outline and the title in its own font: any character)."""
    return " ".join(visible(value).split())
