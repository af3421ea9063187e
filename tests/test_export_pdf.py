"""`tui-slides export --pdf`: a landscape page per slide, real text (Cyrillic too), images."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest

from tests.conftest import SEED
from tests.export_support import make_image, write_deck
from tui_slides.cli import main
from tui_slides.deck.loader import load_deck
from tui_slides.deck.text import parse_text, plain_lines


def export(tmp_path: Path, deck: Path, *options: str) -> pypdf.PdfReader:
    out = tmp_path / "out.pdf"
    assert main(["export", str(deck), "--pdf", str(out), *options]) == 0
    return pypdf.PdfReader(out)


def words(text: str) -> str:
    return " ".join(text.split())


def slide_text(slide_index: int, deck: Path) -> list[str]:
    """Every line the slide shows, as ``deck.text`` reads it, markers left out."""
    slide = load_deck(deck).slides[slide_index]
    lines = []
    for block in slide.content:
        if block.title:
            lines.append(block.title)
        for node in parse_text(block.text):
            for line in plain_lines([node]):
                lines.append(line.strip())
    return lines


def _without_marker(line: str, markers: tuple[str, ...]) -> str:
    for marker in markers:
        if line.startswith(marker + " "):
            return line[len(marker) + 1 :]
    return line


def test_the_seed_is_one_landscape_page_with_its_text(tmp_path: Path) -> None:
    pdf = export(tmp_path, SEED)
    assert len(pdf.pages) == 1
    page = pdf.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = words(page.extract_text())
    for line in slide_text(0, SEED):
        line = _without_marker(line, ("•", "1.", "2.", "3.", "4.", "5."))
        assert words(line) in text, line
    assert "Обоснование актуальности проекта:" in text  # Cyrillic extracts as itself
    assert "NurOtan" in text and "1 / 1" in text


def test_each_page_has_its_own_slide_text(tmp_path: Path) -> None:
    texts = ["Первый слайд: привет", "Второй слайд — ёжик Ѣ", "Third slide, Latin"]
    deck = write_deck(
        tmp_path,
        [
            {"content": [{"title": f"Заголовок {n}", "text": f"1.\t{t}\n2.\tещё"}]}
            for n, t in enumerate(texts)
        ],
    )
    pdf = export(tmp_path, deck)
    assert len(pdf.pages) == 3
    for index, page in enumerate(pdf.pages):
        text = words(page.extract_text())
        assert f"Заголовок {index}" in text
        assert texts[index] in text
        assert f"{index + 1} / 3" in text
        assert all(other not in text for other in texts if other != texts[index])


def test_a_slide_too_long_for_a_page_is_shrunk_onto_it(tmp_path: Path) -> None:
    long_text = "\n".join(f"- пункт номер {n}" for n in range(300))
    deck = write_deck(
        tmp_path, [{"content": [{"title": "Long", "text": long_text}]}, {"content": []}]
    )
    pdf = export(tmp_path, deck)
    assert len(pdf.pages) == 2
    text = words(pdf.pages[0].extract_text())
    assert "пункт номер 0" in text and "пункт номер 299" in text
    assert "(empty slide)" in pdf.pages[1].extract_text()


def test_a_long_slide_is_set_in_columns_before_it_is_shrunk(tmp_path: Path) -> None:
    """80 bullets: three columns at nearly the body's size (one column: about 4 pt)."""
    items = [f"пункт номер {n}" for n in range(80)]
    slides = [
        {"content": [{"title": "Long", "text": "\n".join(f"- {item}" for item in items)}]},
        {"content": [{"title": "Short", "text": "- one\n- two"}]},
    ]
    pdf = export(tmp_path, write_deck(tmp_path, slides))
    assert len(pdf.pages) == 2  # a page per slide still
    runs = [run for run in placed(pdf.pages[0]) if run[3].startswith("пункт")]
    assert sorted(text for *_, text in runs) == sorted(items)
    lefts = sorted({round(x) for x, *_ in runs})
    assert len(lefts) == 3 and lefts[2] - lefts[0] > float(pdf.pages[0].mediabox.width) / 2
    assert min(size for _, _, size, _ in runs) > 11  # the body is 14 pt; one column: 4.4
    in_order = sorted(runs, key=lambda run: (round(run[0]), -run[1]))
    assert [text for *_, text in in_order] == items  # down each column, then the next
    (title,) = [run for run in placed(pdf.pages[0]) if run[3] == "Long"]
    assert title[0] <= lefts[0] and title[1] > max(y for _, y, *_ in runs)  # over them all
    short = [run for run in placed(pdf.pages[1]) if run[3] in ("one", "two")]
    assert len(short) == 2 and {size for *_, size, _ in short} == {14}  # it fits: as it is


def _images(page: pypdf.PageObject) -> int:
    xobjects = page["/Resources"].get("/XObject") or {}
    return sum(1 for ref in xobjects.values() if ref.get_object()["/Subtype"] == "/Image")


def test_images_and_logo_are_embedded(tmp_path: Path) -> None:
    make_image(tmp_path / "logo.png", (64, 64))
    make_image(tmp_path / "photo.jpg", (2400, 1600), photo=True)
    deck = write_deck(
        tmp_path,
        {
            "logo_path": "logo.png",
            "slides": [
                {"content": [{"title": "Photo", "img_path": "photo.jpg"}]},
                {"content": [{"title": "No photo", "img_path": "missing.png"}]},
            ],
        },
    )
    pdf = export(tmp_path, deck)
    assert [_images(page) for page in pdf.pages] == [2, 1]  # photo + logo; logo only
    assert "[image: missing.png: file not found]" in words(pdf.pages[1].extract_text())
    photo = next(
        ref.get_object()
        for ref in pdf.pages[0]["/Resources"]["/XObject"].values()
        if ref.get_object()["/Width"] > 64
    )
    assert max(photo["/Width"], photo["/Height"]) == 1600  # downscaled as in HTML


def test_a_map_is_its_link_and_a_qr_code(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, {"content": [{"title": "Here", "map": "51.1694, 71.4491"}]})
    pdf = export(tmp_path, deck)
    page = pdf.pages[0]
    text = words(page.extract_text())
    assert "51.1694° N, 71.4491° E" in text
    links = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])]
    assert links == [
        "https://www.openstreetmap.org/?mlat=51.1694&mlon=71.4491#map=15/51.1694/71.4491"
    ]


def test_markdown_and_notes(tmp_path: Path) -> None:
    deck = write_deck(
        tmp_path,
        {
            "notes": "Сказать про сроки",
            "content": [
                {
                    "title": "MD",
                    "format": "markdown",
                    "text": (
                        "## Раздел\n\n- **жирный** пункт\n- [ссылка](javascript:alert(1))\n\n"
                        "```\ncode <b>x</b>\n```"
                    ),
                }
            ],
        },
    )
    plain = words(export(tmp_path, deck).pages[0].extract_text())
    assert "Раздел" in plain and "жирный пункт" in plain and "code <b>x</b>" in plain
    assert "Сказать про сроки" not in plain
    pdf = export(tmp_path, deck, "--notes")
    assert "Сказать про сроки" in words(pdf.pages[0].extract_text())
    assert pdf.pages[0].get("/Annots") is None  # the javascript: link is not a link


@pytest.mark.parametrize(
    "hostile", ["<b>x</b> & <font size=99>", "\x1b[31m red", "<a href='javascript:x'>y</a>"]
)
def test_deck_text_is_never_markup_in_the_pdf(tmp_path: Path, hostile: str) -> None:
    deck = write_deck(
        tmp_path, {"logo_title": hostile, "content": [{"title": hostile, "text": hostile}]}
    )
    pdf = export(tmp_path, deck)
    text = pdf.pages[0].extract_text()
    assert "\x1b" not in text
    # ESC is shown as ␛ (safety.visible), in the symbols font: in the title, the text and
    # the logo title on the canvas alike.
    pictured, missing = (words(hostile.replace("\x1b", stand_in)) for stand_in in "␛\ufffd")
    assert (words(text).count(pictured), words(text).count(missing)) == (
        (3, 0) if "\x1b" in hostile else (3, 3)
    )
    assert pdf.pages[0].get("/Annots") is None


def test_the_logo_title_draws_symbols_as_paragraphs_do(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, {"logo_title": "▶ Talk ● 漢字", "content": [{"title": "T"}]})
    pdf = export(tmp_path, deck)
    header = pdf.pages[0].extract_text().splitlines()[0]
    # ▶ and ● from the symbols font (they were � in Noto Sans alone); no font has 漢字
    assert header.startswith("▶ Talk ● \ufffd\ufffd")
    assert [entry.title for entry in pdf.outline] == ["1. T"]
    assert pdf.metadata is not None and pdf.metadata.title == "T"


def test_the_outline_and_document_title_keep_any_character(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, {"content": [{"title": "漢字 ▶ talk"}]})
    pdf = export(tmp_path, deck)  # drawn by the PDF viewer in its own font: no glyph needed
    assert [entry.title for entry in pdf.outline] == ["1. 漢字 ▶ talk"]
    assert pdf.metadata is not None and pdf.metadata.title == "漢字 ▶ talk"


def test_the_outline_lists_every_slide(tmp_path: Path) -> None:
    deck = write_deck(
        tmp_path,
        [{"content": [{"title": "Начало"}]}, {"name": "two", "content": []}, {"content": []}],
    )
    pdf = export(tmp_path, deck)
    entries = [(entry.title, pdf.get_destination_page_number(entry)) for entry in pdf.outline]
    assert entries == [("1. Начало", 0), ("2. two", 1), ("3. (empty slide)", 2)]


def test_steps_of_incremental_reveal_are_exported_complete(tmp_path: Path) -> None:
    deck = write_deck(
        tmp_path,
        {
            "content": [
                {"title": "Always"},
                {"title": "After a pause", "pause": True, "text": "- one\n- two"},
                {"title": "Items", "reveal": "items", "text": "1. first\n2. second"},
            ]
        },
    )
    text = words(export(tmp_path, deck).pages[0].extract_text())
    for line in ("After a pause", "one", "two", "Items", "first", "second"):
        assert line in text


def test_the_document_title_is_the_first_slide_title_as_text(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, {"content": [{"title": "Q&A <итоги>"}]})
    assert export(tmp_path, deck).metadata.title == "Q&A <итоги>"


def test_shapes_the_body_font_lacks_are_drawn_by_the_symbols_font(tmp_path: Path) -> None:
    """The tour's step dots (●○○) and a ▶: Noto Sans has neither; the PDF draws them."""
    deck = write_deck(tmp_path, {"content": [{"title": "Dots ●○○", "text": "Play ▶ now"}]})
    pdf = export(tmp_path, deck)
    text = words(pdf.pages[0].extract_text())
    assert "Dots ●○○" in text and "Play ▶ now" in text and "\ufffd" not in text
    fonts = {
        font["/BaseFont"].split("+")[-1]
        for font in pdf.pages[0]["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert any("Cascadia" in name for name in fonts), fonts


def placed(page: pypdf.PageObject) -> list[tuple[float, float, float, str]]:
    """Each run of text on ``page``: its left edge and baseline on the page, size and text."""
    found: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, size * cm[3], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_a_title_slide_is_centred_both_ways_with_its_list_as_a_whole(tmp_path: Path) -> None:
    """As the presenter shows ``layout: "title"``: a large title, all of it in the page's middle;
    a list centred as one box, its markers in one column. Other slides start top left."""
    title = {"layout": "title", "content": [{"title": "Thank you", "text": "- one\n- two two"}]}
    stack = {"layout": "stack", "content": [{"title": "Agenda", "text": "Body text"}]}
    pdf = export(tmp_path, write_deck(tmp_path, [title, stack]))
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    runs = {text: (x, y, size) for x, y, size, text in placed(pdf.pages[0])}
    x, y, size = runs["Thank you"]
    assert size > 30  # larger than a slide's heading (26) or body (14)
    title_width = pypdf_width(pdf, "Thank you", size)
    assert abs(x + title_width / 2 - width / 2) < 6  # centred across the page
    assert height * 0.4 < y < height * 0.6  # and down it
    bullets = [x for x, _, _, text in placed(pdf.pages[0]) if text == "•"]
    assert len(bullets) == 2 and bullets[0] == bullets[1]  # one column of markers
    right = runs["two two"][0] + pypdf_width(pdf, "two two", runs["two two"][2])
    assert abs((bullets[0] + right) / 2 - width / 2) < 12  # the list's box is centred
    stack_runs = {text: (x, y) for x, y, _, text in placed(pdf.pages[1])}
    assert stack_runs["Agenda"][0] < 40 and stack_runs["Agenda"][1] > height * 0.8  # top left


def test_a_markdown_list_on_a_title_slide_keeps_its_items_aligned(tmp_path: Path) -> None:
    text = "- alpha\n- beta gamma delta epsilon"
    block = {"title": "Plan", "text": text, "format": "markdown"}
    pdf = export(tmp_path, write_deck(tmp_path, [{"layout": "title", "content": [block]}]))
    runs = {text: x for x, _, _, text in placed(pdf.pages[0])}
    assert runs["alpha"] == runs["beta gamma delta epsilon"]  # not each centred on its own


def test_markdown_lists_and_code_on_a_title_slide_are_centred_as_wholes(tmp_path: Path) -> None:
    """As the presenter draws them: a list centred as one box, a code block as wide as its
    lines and centred; code in a list item stays under the item's text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from tui_slides.export.fonts import MONO

    text = "- one\n- two two two\n\n  ```\n  nested\n  ```\n\n```\nprint(1)\nprint(22)\n```"
    block = {"title": "Plan", "text": text, "format": "markdown"}
    pdf = export(tmp_path, write_deck(tmp_path, [{"layout": "title", "content": [block]}]))
    middle = float(pdf.pages[0].mediabox.width) / 2
    runs = {text: (x, size) for x, _, size, text in placed(pdf.pages[0])}
    bullets = [x for x, _, _, text in placed(pdf.pages[0]) if text == "•"]
    assert len(bullets) == 2 and bullets[0] == bullets[1]
    right = runs["two two two"][0] + pypdf_width(pdf, "two two two", runs["two two two"][1])
    assert abs((bullets[0] + right) / 2 - middle) < 12  # the list's box is centred
    assert runs["nested"][0] == runs["two two two"][0]  # under its item's text
    x, size = runs["print(22)"]
    assert runs["print(1)"][0] == x  # the code's lines aligned
    assert abs(x + float(stringWidth("print(22)", MONO, size)) / 2 - middle) < 6  # centred


def pypdf_width(pdf: pypdf.PdfReader, text: str, size: float) -> float:
    """The width of ``text`` in the export's body font at ``size`` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from tui_slides.export.fonts import SANS, register

    register()
    return float(stringWidth(text, f"{SANS}-Bold" if size > 30 else SANS, size))


def test_an_image_on_a_title_slide_is_centred_with_the_text_under_it(tmp_path: Path) -> None:
    make_image(tmp_path / "pic.png", (200, 100))
    blocks = [{"title": "With a picture", "img_path": "pic.png"}, {"text": "the caption"}]
    pdf = export(tmp_path, write_deck(tmp_path, [{"layout": "title", "content": blocks}]))
    page = pdf.pages[0]
    drawn: list[tuple[float, float]] = []  # each image's left edge and width on the page

    def operator(op: bytes, _args: list[Any], cm: list[float], _tm: list[float]) -> None:
        if op == b"Do":  # an image, drawn into the unit square the matrix maps to the page
            drawn.append((cm[4], cm[0]))

    page.extract_text(visitor_operand_before=operator)
    width = float(page.mediabox.width)
    pictures = [(left, size) for left, size in drawn if size > 50]  # not the 20 pt logo
    assert len(pictures) == 1
    left, size = pictures[0]
    assert abs(left + size / 2 - width / 2) < 6  # centred, as the title above it
    runs = {text: y for _, y, _, text in placed(page)}
    assert runs["the caption"] < runs["With a picture"]  # under it


def test_a_markdown_table_reads_from_the_top_of_its_cells_and_stands_apart(
    tmp_path: Path,
) -> None:
    long = "a cell long enough to wrap onto a second line " * 3
    text = f"| Shape | Meaning |\n|---|---|\n| Folder | {long} |\n\nAfter the table."
    deck = write_deck(tmp_path, {"content": [{"title": "T", "text": text, "format": "markdown"}]})
    runs = placed(export(tmp_path, deck).pages[0])
    ys = {text: y for _, y, _, text in runs}
    first_line = max(y for _, y, _, text in runs if text.startswith("a cell long"))
    assert ys["Folder"] == first_line  # top-aligned with the long cell's first line
    last_line = min(y for _, y, _, text in runs if "cell" in text or "line" in text)
    leading = 19  # the body's
    assert last_line - ys["After the table."] > leading + 8  # a gap under the grid, as HTML


def test_a_code_block_is_highlighted_on_its_background(tmp_path: Path) -> None:
    code = "```python\ndef go():\n    return 1\n```"
    deck = write_deck(tmp_path, {"content": [{"title": "T", "text": code, "format": "markdown"}]})
    page = export(tmp_path, deck, "--theme", "textual-light").pages[0]
    colours: list[tuple[float, ...]] = []

    def operator(op: bytes, args: list[Any], _cm: list[float], _tm: list[float]) -> None:
        if op == b"rg":
            colours.append(tuple(round(float(value), 3) for value in args))

    page.extract_text(visitor_operand_before=operator)
    keyword = tuple(round(channel / 255, 3) for channel in (0x00, 0x80, 0x00))  # Pygments default
    assert keyword in colours  # `def` and `return` in the keyword colour
    from tui_slides.export.themes import THEMES

    surface = THEMES["textual-light"].surface.lstrip("#")
    assert tuple(round(int(surface[i : i + 2], 16) / 255, 3) for i in (0, 2, 4)) in colours


def test_a_lead_in_on_a_title_slide_stays_with_its_list(tmp_path: Path) -> None:
    text = "Today we cover:\n- first point\n- the second point, which is the longest"
    title = {"layout": "title", "content": [{"title": "Agenda", "text": text}]}
    runs = {
        text: x for x, _, _, text in placed(export(tmp_path, write_deck(tmp_path, title)).pages[0])
    }
    bullet = runs["•"]
    assert 0 <= bullet - runs["Today we cover:"] <= 12  # at the list's left, not centred alone


def strokes(page: pypdf.PageObject) -> list[tuple[float, float, float, float]]:
    """Each straight line drawn on ``page`` (``m`` then ``l``), in page coordinates."""
    found: list[tuple[float, float, float, float]] = []
    start: list[tuple[float, float]] = []

    def operator(op: bytes, args: list[Any], cm: list[float], _tm: list[float]) -> None:
        if op in (b"m", b"l"):
            x, y = float(args[0]), float(args[1])
            point = (x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5])
            if op == b"l" and start:
                found.append((*start[-1], *point))
            start.append(point)

    page.extract_text(visitor_operand_before=operator)
    return found


def test_list_markers_are_the_size_of_their_text(tmp_path: Path) -> None:
    text = "\n".join(f"{n}. item {n}" for n in range(1, 11))
    slides = [
        {"content": [{"title": "Plain", "text": text}]},
        {"content": [{"title": "Markdown", "text": text, "format": "markdown"}]},
    ]
    pdf = export(tmp_path, write_deck(tmp_path, slides))
    for page in pdf.pages:
        sizes = {text: size for *_, size, text in placed(page)}
        assert sizes["1."] == sizes["10."] == sizes["item 1"] == 14  # the body's size


def test_markdown_rules_quotes_and_numbers_in_the_pdf(tmp_path: Path) -> None:
    text = "Para.\n\n---\n\n1. one\n2. two\n10. ten\n\n> quoted words\n\nAfter."
    deck = write_deck(tmp_path, {"content": [{"title": "T", "text": text, "format": "markdown"}]})
    page = export(tmp_path, deck).pages[0]
    width = float(page.mediabox.width)
    across = [s for s in strokes(page) if s[1] == s[3] and abs(s[2] - s[0]) > width * 0.8]
    assert len(across) == 3  # the page header's, the heading's rule, and `---`
    runs = {text: (x, y) for x, y, _, text in placed(page)}
    assert "3." in runs and "10." not in runs  # numbered from the first, as CommonMark does
    quote_x, quote_y = runs["quoted words"]
    bars = [s for s in strokes(page) if s[0] == s[2] and s[0] < quote_x and s[1] != s[3]]
    assert any(min(s[1], s[3]) <= quote_y <= max(s[1], s[3]) for s in bars)  # a bar beside it


def test_markdown_strikethrough_is_struck_in_the_pdf_as_on_the_slide(tmp_path: Path) -> None:
    text = "~~gone~~ stays"
    deck = write_deck(tmp_path, {"content": [{"title": "T", "text": text, "format": "markdown"}]})
    page = export(tmp_path, deck).pages[0]
    x, y, size, _ = next(run for run in placed(page) if run[3].startswith("gone"))
    assert any(  # a line through the word, above its baseline and under its top
        s[1] == s[3] and min(s[0], s[2]) <= x + 1 and y < s[1] < y + size for s in strokes(page)
    )


def test_the_heading_has_the_accent_colour_and_a_rule_as_in_the_presenter(
    tmp_path: Path,
) -> None:
    from tui_slides.export.themes import THEMES

    slides = [
        {"layout": "stack", "content": [{"title": "Heading", "text": "body"}]},
        {"layout": "title", "content": [{"title": "Talk", "text": "by me"}]},
    ]
    pdf = export(tmp_path, write_deck(tmp_path, slides), "--theme", "textual-dark")
    accent = THEMES["textual-dark"].text_accent.lstrip("#")
    rgb = tuple(round(int(accent[i : i + 2], 16) / 255, 3) for i in (0, 2, 4))
    colours: list[tuple[float, ...]] = []

    def operator(op: bytes, args: list[Any], _cm: list[float], _tm: list[float]) -> None:
        if op == b"rg":
            colours.append(tuple(round(float(value), 3) for value in args))

    pdf.pages[0].extract_text(visitor_operand_before=operator)
    assert rgb in colours
    width = float(pdf.pages[1].mediabox.width)
    talk = {text: (x, size) for x, _, size, text in placed(pdf.pages[1])}["Talk"]
    title_width = pypdf_width(pdf, "Talk", talk[1])
    rules = [s for s in strokes(pdf.pages[1]) if s[1] == s[3] and abs(s[2] - s[0]) < width / 2]
    assert any(abs(abs(s[2] - s[0]) - title_width) < 2 for s in rules)  # as wide as "Talk"
