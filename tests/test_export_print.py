"""The exported HTML printed by a real browser: Debian's chromium prints it to PDF (as its print
dialog does, background graphics off), pdftoppm turns the pages into pixels.

Each slide is one landscape page in its own colours, edge to edge (no strip of paper
around or under it), and a title slide is centred on its page. Skipped where chromium,
Playwright or pdftoppm is missing; CI installs them (``.ci/run``, ``pyproject.toml``).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.export_support import write_deck
from tests.web_support import CHROMIUM, CHROMIUM_ARGS
from tui_slides.cli import main
from tui_slides.export.themes import THEMES

PDFTOPPM = shutil.which("pdftoppm")
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"),
    pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) is not installed"),
]

DECK = {
    "name": "Printed",
    "slides": [
        {"layout": "title", "content": [{"title": "Big title", "text": "a subtitle"}]},
        {"content": [{"title": "A list", "text": "- one\n- two\n- three"}]},
        {"theme": "textual-light", "content": [{"title": "On light", "text": "- four"}]},
    ],
}
"""A title slide and a list in the default dark theme, then a slide in a light theme."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def printed_pages(browser: Any, tmp_path: Path, deck: object) -> list[Any]:
    """``deck`` exported to HTML, printed to PDF by chromium, each page as a Pillow image."""
    from PIL import Image

    html = tmp_path / "deck.html"
    assert main(["export", str(write_deck(tmp_path, deck)), "--html", str(html)]) == 0
    page = browser.new_page()
    page.goto(html.as_uri())
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)  # the page's own @page size
    page.close()
    assert PDFTOPPM is not None
    subprocess.run([PDFTOPPM, "-r", "24", "-png", str(pdf), str(tmp_path / "page")], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(tmp_path.glob("page-*.png"))]


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int], tolerance: int = 6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def edge(image: Any) -> list[tuple[int, int, int]]:
    """Every pixel of the page's outermost two rows and columns."""
    width, height = image.size
    ring = [(x, y) for x in range(width) for y in (0, 1, height - 2, height - 1)]
    ring += [(x, y) for y in range(height) for x in (0, 1, width - 2, width - 1)]
    return [image.getpixel(point) for point in ring]


def inked_rows(image: Any, background: tuple[int, int, int]) -> list[int]:
    """The rows with something drawn on the background (text, rules)."""
    width, height = image.size
    return [
        y
        for y in range(height)
        if any(not near(image.getpixel((x, y)), background, 40) for x in range(width))
    ]


def test_each_slide_prints_as_one_page_in_its_own_colours_edge_to_edge(
    browser: Any, tmp_path: Path
) -> None:
    import pypdf

    pages = printed_pages(browser, tmp_path, DECK)
    reader = pypdf.PdfReader(tmp_path / "printed.pdf")
    assert len(pages) == len(reader.pages) == 3
    titles = ["Big title", "A list", "On light"]
    for number, page in enumerate(reader.pages):
        assert page.mediabox.width > page.mediabox.height  # landscape
        assert [title in page.extract_text() for title in titles] == [n == number for n in range(3)]
    backgrounds = [rgb(THEMES[name].background) for name in ("textual-dark",) * 2]
    backgrounds.append(rgb(THEMES["textual-light"].background))
    for number, (image, background) in enumerate(zip(pages, backgrounds, strict=True)):
        strays = [pixel for pixel in edge(image) if not near(pixel, background)]
        assert strays == [], f"page {number + 1}: {len(strays)} edge pixels off the slide's colour"
        width, height = image.size
        for y in (height // 2, height - height // 10):  # no strip of paper under the slide
            assert near(image.getpixel((width // 2, y)), background), (number, y)


def test_a_title_slide_is_centred_on_its_printed_page(browser: Any, tmp_path: Path) -> None:
    (image, *_) = printed_pages(browser, tmp_path, DECK)
    width, height = image.size
    background = rgb(THEMES["textual-dark"].background)
    header = height // 8  # the slide's header line (its position, "1 / 3") and its rule
    rows = [y for y in inked_rows(image, background) if y > header]
    assert rows, "nothing printed under the header"
    middle = (rows[0] + rows[-1]) / 2
    assert abs(middle - height / 2) <= height * 0.06, (rows[0], rows[-1], height)
    assert rows[0] > height / 3 and rows[-1] < height * 2 / 3  # a title and a line, not a page
    columns = [
        x
        for x in range(width)
        if any(not near(image.getpixel((x, y)), background, 40) for y in rows)
    ]
    assert abs((columns[0] + columns[-1]) / 2 - width / 2) <= width * 0.02  # and across
