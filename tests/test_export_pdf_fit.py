"""`export --pdf` of long slides: columns that never strand a heading or part a card, long
tables and code in pieces down the columns, tables' columns as wide as their content."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pypdf

from tests.export_support import write_deck
from tests.test_export_pdf import export, placed, strokes

Run = tuple[float, float, float, str]


def squares(page: pypdf.PageObject) -> list[tuple[float, float, float]]:
    """Each square drawn on ``page`` (``re``): its left, bottom and side in page coordinates."""
    found: list[tuple[float, float, float]] = []

    def operator(op: bytes, args: list[Any], cm: list[float], _tm: list[float]) -> None:
        if op == b"re":
            x, y, w, h = (float(value) for value in args)
            if abs(w - h) < 0.01:
                found.append(
                    (x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5], w * cm[0])
                )

    page.extract_text(visitor_operand_before=operator)
    return found


def run(runs: list[Run], text: str) -> Run:
    (found,) = [r for r in runs if r[3] == text]
    return found


def in_columns(runs: list[Run]) -> list[str]:
    """The runs' texts read down each column, then the next (left to right)."""
    return [text for *_, text in sorted(runs, key=lambda r: (round(r[0]), -r[1]))]


def test_a_column_never_ends_on_a_title_a_heading_or_a_lead_in(tmp_path: Path) -> None:
    """Wherever the columns break, a block's title, a lead-in (a line ending in a colon), a
    Markdown heading and a Markdown paragraph introducing a list head their column's text."""
    slides = []
    for before in range(10, 70):  # the breaks fall at every place in turn
        third = "## Third part\n\nThese follow:\n\n" + "\n".join(f"- third {n}" for n in range(8))
        second = "Lead in:\n" + "\n".join(f"- second {n}" for n in range(8))
        blocks = [
            {"title": "Part one", "text": "\n".join(f"- first {n}" for n in range(before))},
            {"text": third, "format": "markdown"},
            {"title": "Second part", "text": second},
            {"title": "Last part", "text": "\n".join(f"- last {n}" for n in range(80 - before))},
        ]
        slides.append({"content": blocks})
    pdf = export(tmp_path, write_deck(tmp_path, slides))
    assert len(pdf.pages) == len(slides)
    pairs = [
        ("Second part", "Lead in:"),
        ("Lead in:", "second 0"),
        ("Third part", "These follow:"),
        ("These follow:", "third 0"),
    ]
    stranded = []  # (page, what ends a column, what starts the next)
    for number, page in enumerate(pdf.pages, 1):
        runs = placed(page)
        for keeper, follower in pairs:
            above, below = run(runs, keeper), run(runs, follower)
            one_column = 0 <= below[0] - above[0] < 40
            if not (one_column and 0 < above[1] - below[1] < 3 * above[2]):  # just under it
                stranded.append((number, keeper, follower))
    assert stranded == []


def test_a_map_card_is_never_parted_from_its_qr_code(tmp_path: Path) -> None:
    """A map's QR code and its place and link (the card) stay in one column, the text under
    the code, wherever the columns break."""
    slides = []
    for before in range(10, 50, 2):
        text = "\n".join(f"- item {n}" for n in range(before))
        blocks = [{"title": "Items", "text": text}, {"title": "Where", "map": "51.1282,71.4307"}]
        slides.append({"content": [*blocks, {"title": "After", "text": text}]})
    pdf = export(tmp_path, write_deck(tmp_path, slides))
    for number, page in enumerate(pdf.pages, 1):
        left, bottom, _ = max((s for s in squares(page) if s[2] < 300), key=lambda s: s[2])
        caption = run(placed(page), "Map: 51.1282° N, 71.4307° E")
        assert abs(caption[0] - left) < 1, number  # in the code's column, at its left
        assert 0 < bottom - caption[1] < 2 * caption[2], number  # just under it


def test_a_long_table_goes_on_down_the_columns_under_its_header(tmp_path: Path) -> None:
    """60 rows: in columns at nearly the body's size, the header row over each column
    (one column only shrank the table to about 4 pt)."""
    rows = "".join(f"| {n} | name {n} | {n * 7} |\n" for n in range(1, 61))
    text = "| # | Name | Value |\n|---|---|---|\n" + rows
    deck = write_deck(tmp_path, {"content": [{"title": "T", "text": text, "format": "markdown"}]})
    runs = placed(export(tmp_path, deck).pages[0])
    names = [r for r in runs if r[3].startswith("name ")]
    assert in_columns(names) == [f"name {n}" for n in range(1, 61)]  # every row, in order
    lefts = sorted({round(r[0]) for r in names})
    headers = sorted(round(r[0]) for r in runs if r[3] == "Name")
    assert len(lefts) >= 2 and headers == lefts  # the header row over each column
    assert min(r[2] for r in names) > 11  # the body is 14 pt


def test_a_long_code_block_goes_on_down_the_columns_at_its_size(tmp_path: Path) -> None:
    """80 lines of code: in columns at the code's own 12 pt (one column: about 5 pt)."""
    lines = [f"x{n} = compute({n})" for n in range(1, 81)]
    text = "```python\n" + "\n".join(lines) + "\n```"
    deck = write_deck(tmp_path, {"content": [{"title": "T", "text": text, "format": "markdown"}]})
    runs = placed(export(tmp_path, deck).pages[0])
    starts = [r for r in runs if r[3] in lines]
    assert in_columns(starts) == lines  # every line, in order
    assert len({round(r[0]) for r in starts}) >= 2
    assert {round(r[2]) for r in starts} == {12}


def test_a_tables_columns_are_as_wide_as_their_content(tmp_path: Path) -> None:
    """A short key column keeps its words whole next to long values, and a table of short
    cells is as narrow as they are, not spread across the page."""
    long = "a definition long enough to take more than one line of the page " * 3
    terms = ["Latency", "Throughput", "p95"]
    glossary = "| Term | Definition |\n|---|---|\n" + "".join(f"| {t} | {long} |\n" for t in terms)
    small = "| a | b |\n|---|---|\n| 1 | 2 |"
    slides = [
        {"content": [{"title": "G", "text": glossary, "format": "markdown"}]},
        {"content": [{"title": "S", "text": small, "format": "markdown"}]},
    ]
    pdf = export(tmp_path, write_deck(tmp_path, slides))
    runs = placed(pdf.pages[0])
    assert {t for t in terms} <= {r[3] for r in runs}  # each term whole, on one line
    term, definition = run(runs, "Term"), run(runs, "Definition")
    throughput = run(runs, "Throughput")
    assert throughput[0] == term[0]
    assert definition[0] - term[0] < 14 * 6 + 20  # "Throughput" is about 75 pt wide at 14 pt
    page_width = float(pdf.pages[1].mediabox.width)
    upright = [x for x, y, x2, y2 in strokes(pdf.pages[1]) if abs(x - x2) < 0.1 and y != y2]
    assert upright and max(upright) - min(upright) < page_width / 8  # two short columns


def test_a_table_goes_on_where_the_text_before_it_ends(tmp_path: Path) -> None:
    """A table longer than what is left of a column begins there, under the text before it,
    and goes on in the next column; no piece of it is a row alone."""
    slides = []
    for before, rows, after in ((25, 12, 40), (20, 10, 30)):
        cells = "".join(f"| {n} | name {n} |\n" for n in range(1, rows + 1))
        blocks = [
            {"title": "T", "text": "\n".join(f"- item {n}" for n in range(before))},
            {"text": "| # | Name |\n|---|---|\n" + cells, "format": "markdown"},
            {"title": "U", "text": "\n".join(f"- after {n}" for n in range(after))},
        ]
        slides.append({"content": blocks})
    pdf = export(tmp_path, write_deck(tmp_path, slides))
    for page, (before, rows, _) in zip(pdf.pages, ((25, 12, 40), (20, 10, 30)), strict=True):
        runs = placed(page)
        names = [r for r in runs if r[3].startswith("name ")]
        assert in_columns(names) == [f"name {n}" for n in range(1, rows + 1)]
        pieces = Counter(round(r[0]) for r in names)
        assert min(pieces.values()) >= 2, pieces  # never a row alone
        if before == 25:  # room for two rows under the items: the table begins there
            last_item, first_row = run(runs, f"item {before - 1}"), run(runs, "name 1")
            assert abs(first_row[0] - last_item[0]) < 40 and first_row[1] < last_item[1]
            assert len(pieces) == 2


def test_a_cell_with_code_is_as_wide_as_its_code_takes(tmp_path: Path) -> None:
    """A column is sized in each run's font: a cell of code names that fits the page stays on
    one line (measured in the body's font, code is narrower than it is)."""
    text = (
        "| Field | Meaning |\n|---|---|\n"
        "| `logo_title`, `logo_path` | status bar text and logo |\n"
        "| `slide_now`, `slide_max` | declared position and total (the counter shows the real"
        " ones) |\n"
    )
    deck = write_deck(tmp_path, {"content": [{"title": "T", "text": text, "format": "markdown"}]})
    runs = placed(export(tmp_path, deck).pages[0])
    lines = {text: y for _, y, _, text in runs}
    assert lines["logo_title"] == lines["logo_path"]
    assert lines["slide_now"] == lines["slide_max"]
    assert lines["declared position and total (the counter shows the real ones)"]
