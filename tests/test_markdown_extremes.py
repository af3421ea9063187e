"""Markdown at its extremes loses no text: quotes and lists nested deep, tables too wide.

markdown-it drops what lies deeper than its nesting limit, and Rich draws nothing of a quote
whose bars take the whole width or of the columns a table has no room for. Each view (the
presenter's renderable, the HTML, the PDF) keeps every word.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest
from rich.console import Console

from tui_slides.cli import main
from tui_slides.deck.markdown import NESTING, parse
from tui_slides.export.html_text import markdown_html
from tui_slides.render.markdown import render_markdown


def printed(text: str, width: int = 40, *, centre: bool = False) -> list[str]:
    out = Console(width=width, file=io.StringIO(), color_system=None, _environ={})
    out.print(render_markdown(text, centre=centre))
    return [line.rstrip() for line in out.file.getvalue().splitlines()]  # type: ignore[attr-defined]


def quotes(depth: int, words: str = "deep words here") -> str:
    return ">" * depth + f" {words}\n"


def bullets(depth: int) -> str:
    return "".join("  " * level + f"- item{level}\n" for level in range(depth))


def table(columns: int) -> str:
    head = "|" + "|".join(f"h{n}" for n in range(columns)) + "|"
    rule = "|" + "|".join("-" for _ in range(columns)) + "|"
    row = "|" + "|".join(f"v{n}" for n in range(columns)) + "|"
    return f"{head}\n{rule}\n{row}\n"


@pytest.mark.parametrize("depth", [3, 8, 20, NESTING - 3, NESTING + 5, 300])
@pytest.mark.parametrize("width", [30, 80])
def test_a_deep_quote_keeps_its_words(depth: int, width: int) -> None:
    words = " ".join(printed(quotes(depth), width)).split()
    assert [word for word in words if word.isalpha()] == ["deep", "words", "here"]


def test_a_quote_draws_its_bars_while_its_text_keeps_ten_columns() -> None:
    assert printed(quotes(3), 30) == ["▌ ▌ ▌ deep words here"]
    # 30 columns: ten bars leave 10, an eleventh would leave 8: deeper levels add no bar.
    assert printed(quotes(12), 30) == ["▌ " * 10 + "deep words", "▌ " * 10 + "here"]
    # Each bar takes its own 2 columns, no more: the text has the rest of the line.
    assert printed(quotes(17), 80) == ["▌ " * 17 + "deep words here"]


def test_a_deep_list_keeps_every_item() -> None:
    lines = printed(bullets(18), 30)
    assert [word for line in lines for word in line.split() if word != "•"] == [
        f"item{level}" for level in range(18)
    ]
    assert lines[4] == "             • item4"  # markers while 10 columns are left
    assert lines[6] == "                  item6"  # then in line with the text above


def test_text_nested_past_the_limit_is_shown_as_written() -> None:
    text = quotes(NESTING + 5)
    assert parse(text) is None
    assert parse(quotes(NESTING - 3)) is not None
    assert "".join(printed(text, 80)) == text.strip()
    html = markdown_html(text)
    assert html == "<p>" + "&gt;" * (NESTING + 5) + " deep words here</p>"


def test_html_keeps_quotes_nested_deeper_than_commonmarks_twenty_levels() -> None:
    html = markdown_html(quotes(25))
    assert html.count("<blockquote>") == 25
    assert "deep words here" in html


def test_strikethrough_reads_the_same_in_the_html_as_on_the_slide() -> None:
    assert "<s>gone</s>" in markdown_html("~~gone~~ stays")
    out = Console(width=40, file=io.StringIO(), color_system="truecolor", _environ={})
    out.print(render_markdown("~~gone~~ stays"))
    assert "\x1b[9m" in out.file.getvalue()  # type: ignore[attr-defined]


def test_a_table_too_wide_for_its_columns_is_drawn_a_row_at_a_time() -> None:
    lines = printed(table(32), 80)
    assert lines == [f"h{n}: v{n}" for n in range(32)]
    assert printed(table(3), 80) == ["h0  h1  h2", "──────────", "v0  v1  v2"]


def test_a_wide_tables_rows_are_apart_and_every_cell_is_kept() -> None:
    text = table(20) + "|" + "|".join(f"w{n}" for n in range(20)) + "|\n"
    lines = printed(text, 40)
    assert lines == [
        *(f"h{n}: v{n}" for n in range(20)),
        "",
        *(f"h{n}: w{n}" for n in range(20)),
    ]


def test_the_pdf_keeps_deep_quotes_and_lists(tmp_path: Path) -> None:
    text = quotes(30, "quoted") + "\n" + bullets(15) + "\n" + quotes(NESTING + 2, "asis")
    deck = tmp_path / "deep.json5"
    deck.write_text(
        json.dumps({"slides": [{"content": [{"title": "D", "format": "markdown", "text": text}]}]}),
        "utf-8",
    )
    out = tmp_path / "deep.pdf"
    assert main(["export", str(deck), "--pdf", str(out)]) == 0
    page = pypdf.PdfReader(out).pages[0].extract_text()
    assert "quoted" in page
    assert all(f"item{level}" in page for level in range(15))
    assert "asis" in page


def test_struck_text_keeps_its_marks_where_no_style_is_drawn() -> None:
    assert printed("This is ~~not~~ true, ~~at all~~.") == ["This is ~~not~~ true, ~~at all~~."]
    out = Console(width=40, file=io.StringIO(), color_system="standard", _environ={})
    out.print(render_markdown("This is ~~not~~ true"))
    line = out.file.getvalue().rstrip()  # type: ignore[attr-defined]
    assert line == "This is \x1b[9mnot\x1b[0m true"  # struck, as the marks mean


def test_many_short_columns_that_fit_stay_a_table() -> None:
    lines = printed(table(14), 80)  # 14 columns of two letters: 54 cells, words whole
    assert lines[0].split() == [f"h{n}" for n in range(14)]
    assert lines[2].split() == [f"v{n}" for n in range(14)]
    wide = "|" + "|".join(f"Col{n}" for n in range(20)) + "|\n|" + "-|" * 20 + "\n|"
    wide += "|".join(f"r0c{n}" for n in range(20)) + "|\n"
    assert printed(wide, 80)[:2] == ["Col0: r0c0", "Col1: r0c1"]  # 20 of them: a row at a time
