"""The exported HTML in a real browser (Debian's chromium, headless, driven by Playwright).

It opens without the network, pages with the keys, prints a slide per page,
and a hostile deck runs no script. Skipped where chromium or Playwright is
missing; CI installs both (``.ci/run``, ``pyproject.toml``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DECKS
from tests.export_support import make_image, write_deck
from tests.test_export_safety import HOSTILE
from tui_slides.cli import main
from tui_slides.deck.loader import load_deck

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def open_page(browser: Any, html: Path) -> tuple[Any, list[str], list[str]]:
    """``html`` in a new page, the URLs it asked for besides itself, and the dialogs it opened."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    others = [url for url in requests if url != html.as_uri()]
    return page, others, dialogs


def export_html(deck: Path, out: Path, *options: str) -> Path:
    assert main(["export", str(deck), "--html", str(out), *options]) == 0
    return out


def current_slide(page: Any) -> str:
    return str(
        page.evaluate(
            """() => {
              const slides = [...document.querySelectorAll("section.slide")];
              const top = slides.filter(s => s.getBoundingClientRect().top <= 2).pop();
              return top.id + " " + location.hash;
            }"""
        )
    )


def test_the_tour_pages_with_the_keys_and_needs_no_network(browser: Any, tmp_path: Path) -> None:
    html = export_html(DECKS / "tour.json5", tmp_path / "tour.html")
    page, requests, dialogs = open_page(browser, html)
    assert requests == [] and dialogs == []
    slides = len(load_deck(DECKS / "tour.json5"))
    assert page.evaluate("document.querySelectorAll('section.slide').length") == slides
    assert page.evaluate("document.querySelector('img').naturalWidth") > 0  # embedded, decoded
    steps = [
        ("ArrowRight", "slide-2"),
        ("ArrowRight", "slide-3"),
        ("ArrowLeft", "slide-2"),
        ("PageDown", "slide-3"),
        ("Space", "slide-4"),
        ("Shift+Space", "slide-3"),
        ("PageUp", "slide-2"),
        ("End", f"slide-{slides}"),
        ("ArrowDown", f"slide-{slides}"),
        ("Home", "slide-1"),
        ("ArrowUp", "slide-1"),
        ("ArrowDown", "slide-2"),
    ]
    for key, expected in steps:
        page.keyboard.press(key)
        page.wait_for_function(
            "id => Math.abs(document.getElementById(id).getBoundingClientRect().top) <= 2",
            arg=expected,
            timeout=5000,
        )
        assert current_slide(page) == f"{expected} #{expected}", key
    page.close()


def test_printing_gives_one_landscape_page_per_slide(browser: Any, tmp_path: Path) -> None:
    import pypdf

    make_image(tmp_path / "pic.png", (800, 600))
    deck = write_deck(
        tmp_path,
        [
            {"content": [{"title": "Один", "text": "- a\n- b"}]},
            {"content": [{"title": "Два", "img_path": "pic.png"}]},
            {"content": [{"title": "Три", "map": "51.1694,71.4491"}]},
        ],
    )
    page, _, _ = open_page(browser, export_html(deck, tmp_path / "deck.html"))
    page.emulate_media(media="print")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    pages = pypdf.PdfReader(pdf).pages
    assert len(pages) == 3
    assert all(p.mediabox.width > p.mediabox.height for p in pages)
    assert ["Один" in p.extract_text() for p in pages] == [True, False, False]
    assert ["Три" in p.extract_text() for p in pages] == [False, False, True]
    page.close()


def test_a_hostile_deck_runs_no_script(browser: Any, tmp_path: Path) -> None:
    deck = write_deck(tmp_path, HOSTILE)
    page, requests, dialogs = open_page(browser, export_html(deck, tmp_path / "h.html", "--notes"))
    for key in ("ArrowRight", "ArrowLeft", "End", "Home"):
        page.keyboard.press(key)
    for link in page.query_selector_all("a"):
        link.hover()  # an onmouseover smuggled into a link would fire now
    page.wait_for_timeout(200)
    assert dialogs == []
    assert requests == []
    assert page.evaluate("document.scripts.length") == 1
    title = page.evaluate("document.querySelector('h2').textContent")
    assert title == "</style><script>alert(1)</script>"
    page.close()


def test_a_title_slides_list_is_centred_as_a_whole_its_items_aligned(
    browser: Any, tmp_path: Path
) -> None:
    """As the terminal draws it: the list sits in the middle, each text just after its
    marker, the markers in one column (not each line centred on its own)."""
    page, _others, _dialogs = open_page(
        browser, export_html(DECKS / "tour.json5", tmp_path / "tour.html")
    )
    rects = page.evaluate(
        """() => {
          const slide = document.querySelector("section.slide");
          const items = [...slide.querySelectorAll("li")];
          const box = slide.getBoundingClientRect();
          const list = slide.querySelector("ul, ol").getBoundingClientRect();
          return {centre: box.left + box.width / 2, list: [list.left, list.right],
            items: items.map(li => {
              const text = document.createRange();  // where the item's words are drawn
              text.selectNodeContents(li.querySelector(".item"));
              return [li.querySelector(".marker").getBoundingClientRect().right,
                text.getClientRects()[0].left];
            })};
        }"""
    )
    markers = {round(marker) for marker, _text in rects["items"]}
    assert len(rects["items"]) >= 3 and len(markers) == 1  # one column of markers
    assert all(text - marker < 30 for marker, text in rects["items"])  # the text right after
    left, right = rects["list"]
    assert abs((left + right) / 2 - rects["centre"]) < 40  # the list in the middle
    page.close()


@pytest.mark.parametrize("layout", ["stack", "title"])
def test_markdown_lists_keep_their_bullets_numbers_and_nesting(
    browser: Any, tmp_path: Path, layout: str
) -> None:
    """Only structured text's lists draw their own markers; Markdown's are the browser's,
    and on a title slide a list stays under the one before it, centred, never beside it."""
    text = "- alpha\n- beta\n  - nested gamma\n- delta\n\n1. first\n2. second"
    long = "A" * 120  # one unbroken word: wrapped, never off the slide
    block = {"title": long, "text": text, "format": "markdown"}
    deck = write_deck(tmp_path, [{"layout": layout, "content": [block]}])
    page, _others, _dialogs = open_page(browser, export_html(deck, tmp_path / "md.html"))
    found = page.evaluate(
        """() => {
          const slide = document.querySelector("section.slide");
          const style = (el) => getComputedStyle(el).listStyleType;
          const [ul, ol] = [slide.querySelector("ul"), slide.querySelector("ol")];
          const items = [...slide.querySelectorAll("li")].map(li => li.getBoundingClientRect());
          const box = slide.getBoundingClientRect();
          const title = slide.querySelector("h2").getBoundingClientRect();
          return {ul: style(ul), ol: style(ol), nested: style(ul.querySelector("ul")),
            beta: items[1].top, gamma: items[2].top, ulBottom: ul.getBoundingClientRect().bottom,
            olTop: ol.getBoundingClientRect().top, slide: [box.left, box.right],
            title: [title.left, title.right]};
        }"""
    )
    assert found["ul"] == "disc" and found["ol"] == "decimal" and found["nested"] == "circle"
    assert found["gamma"] > found["beta"]  # the nested item on a line of its own
    assert found["olTop"] >= found["ulBottom"]  # one list under the other
    left, right = found["slide"]
    assert left <= found["title"][0] and found["title"][1] <= right
    page.close()


def test_the_heading_looks_as_in_the_presenter_accent_and_rule(
    browser: Any, tmp_path: Path
) -> None:
    """The slide's heading in the accent colour with a rule under it, section heads without;
    in columns every column's title alike; on a title slide the rule as wide as the title."""
    blocks = [{"title": "Heading", "text": "x"}, {"title": "Section", "text": "y " * 60}]
    deck = write_deck(
        tmp_path,
        [
            {"layout": "stack", "content": blocks},
            {"layout": "columns", "content": blocks},
            {"layout": "title", "content": [{"title": "Talk", "text": "z " * 30}]},
        ],
    )
    page, _others, _dialogs = open_page(browser, export_html(deck, tmp_path / "h.html"))
    found = page.evaluate(
        """() => [...document.querySelectorAll("section.slide")].map(slide => {
          const accent = getComputedStyle(slide).getPropertyValue("--text-accent").trim();
          const probe = document.createElement("span");  // the accent as a computed colour
          probe.style.color = accent; slide.appendChild(probe);
          const heads = [...slide.querySelectorAll("h2, h3")].map(h => {
            const style = getComputedStyle(h);
            return {colour: style.color, rule: parseFloat(style.borderBottomWidth),
              size: style.fontSize, top: h.getBoundingClientRect().top,
              width: h.getBoundingClientRect().width};
          });
          const block = slide.querySelector(".block").getBoundingClientRect().width;
          return {accent: getComputedStyle(probe).color, heads, block};
        })"""
    )
    stack, columns, title = found
    heading, section = stack["heads"]
    assert heading["colour"] == stack["accent"] and heading["rule"] > 0
    assert section["colour"] != stack["accent"] and section["rule"] == 0
    first, second = columns["heads"]
    assert first["rule"] > 0 and second["rule"] > 0
    assert (first["size"], round(first["top"])) == (second["size"], round(second["top"]))
    (talk,) = title["heads"]
    assert talk["rule"] > 0 and talk["width"] < title["block"] / 2  # as wide as "Talk"
    page.close()


def test_a_lead_in_on_a_title_slide_stays_with_its_list(browser: Any, tmp_path: Path) -> None:
    text = "Sub line\n\nToday we cover:\n- first point\n- the second point, which is the longest"
    deck = write_deck(tmp_path, [{"layout": "title", "content": [{"title": "T", "text": text}]}])
    page, _others, _dialogs = open_page(browser, export_html(deck, tmp_path / "l.html"))
    found = page.evaluate(
        """() => {
          const slide = document.querySelector("section.slide");
          const box = (el) => el.getBoundingClientRect();
          const words = (el) => { const r = document.createRange(); r.selectNodeContents(el);
            return r.getClientRects()[0]; };
          return {lead: words(slide.querySelector(".lead-in")).left,
            marker: box(slide.querySelector(".marker")).left,
            sub: box(slide.querySelector(".block h4")),
            subWords: words(slide.querySelector(".block h4"))};
        }"""
    )
    # at the list's left edge, its markers a list's indent (1em) in: not centred on its own
    assert 0 <= found["marker"] - found["lead"] < 40
    sub, words = found["sub"], found["subWords"]
    assert abs((words["left"] + words["right"]) / 2 - (sub["left"] + sub["right"]) / 2) < 5
    page.close()


def test_markdown_on_a_title_slide_code_keeps_its_indent_tables_and_quotes_centred(
    browser: Any, tmp_path: Path
) -> None:
    code = "```python\ndef greet(name):\n    if name:\n        return name\n    return 'x'\n```"
    text = f"Intro line\n\n{code}\n\n> a quote here\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    block = {"title": "Code", "format": "markdown", "text": text}
    deck = write_deck(tmp_path, [{"layout": "title", "content": [block]}])
    page, _others, _dialogs = open_page(browser, export_html(deck, tmp_path / "c.html"))
    found = page.evaluate(
        """() => {
          const slide = document.querySelector("section.slide");
          const box = (el) => el.getBoundingClientRect();
          const centre = (el) => (box(el).left + box(el).right) / 2;
          const lines = document.createRange();  // each code line's left edge
          lines.selectNodeContents(slide.querySelector("pre"));
          return {slide: centre(slide), table: centre(slide.querySelector("table")),
            quote: centre(slide.querySelector("blockquote")),
            code: centre(slide.querySelector("pre")),
            codeWidth: box(slide.querySelector("pre")).width,
            slideWidth: box(slide).width,
            bar: getComputedStyle(slide.querySelector("blockquote")).borderLeftWidth,
            rects: [...lines.getClientRects()].map(r => [Math.round(r.top), Math.round(r.left)])};
        }"""
    )
    assert abs(found["table"] - found["slide"]) < 20 and abs(found["quote"] - found["slide"]) < 20
    # the code as wide as its lines and centred, as in the presenter: not across the slide
    assert abs(found["code"] - found["slide"]) < 20 and found["codeWidth"] < found["slideWidth"] / 2
    assert float(found["bar"].removesuffix("px")) > 0  # a quote looks like one
    starts: dict[int, int] = {}  # each code line's leftmost piece (its indent is drawn text)
    for top, left in found["rects"]:
        starts[top] = min(left, starts.get(top, left))
    assert len(starts) == 4 and len(set(starts.values())) == 1  # left-aligned, not centred


def test_titles_keep_their_line_breaks_rtl_text_reads_from_the_right_and_layouts_hold(
    browser: Any, tmp_path: Path
) -> None:
    """As the presenter shows them: a title's line break kept, a Hebrew paragraph set from
    the right, a title slide's picture centred, three columns side by side on a wide page."""
    make_image(tmp_path / "pic.png", (200, 100))
    slides = [
        {"content": [{"title": "Two\nlines", "text": "שלום עולם, זו שורה בעברית.\n\nplain."}]},
        {"layout": "title", "content": [{"title": "Pic", "img_path": "pic.png"}]},
        {"layout": "columns", "content": [{"title": t, "text": t} for t in ("A", "B", "C")]},
    ]
    page, _others, _dialogs = open_page(
        browser, export_html(write_deck(tmp_path, slides), tmp_path / "l.html")
    )
    found = page.evaluate(
        """() => {
          const [one, two, three] = document.querySelectorAll("section.slide");
          const box = (el) => el.getBoundingClientRect();
          const [hebrew, plain] = one.querySelectorAll("p");
          const words = (el) => { const r = document.createRange(); r.selectNodeContents(el);
            return r.getBoundingClientRect(); };
          const h2 = one.querySelector("h2");
          const line = parseFloat(getComputedStyle(h2).lineHeight);
          return {titleLines: Math.round(box(h2).height / line),
            hebrew: [words(hebrew).right, box(hebrew).right],
            plain: [words(plain).left, box(plain).left],
            picture: (box(two.querySelector("img")).left + box(two.querySelector("img")).right) / 2,
            middle: (box(two).left + box(two).right) / 2,
            columns: [...three.querySelectorAll("article.block")].map(b => Math.round(box(b).top))};
        }"""
    )
    assert found["titleLines"] == 2
    assert abs(found["hebrew"][0] - found["hebrew"][1]) < 2  # ends at the right edge
    assert abs(found["plain"][0] - found["plain"][1]) < 2  # and English at the left
    assert abs(found["picture"] - found["middle"]) < 20
    assert len(set(found["columns"])) == 1  # side by side, not 2 + 1
    page.close()


def test_markdown_heading_levels_look_different(browser: Any, tmp_path: Path) -> None:
    """``#``, ``##`` and ``###`` are told apart, as in the presenter (all looked alike)."""
    block = {"title": "Levels", "format": "markdown", "text": "# One\n\n## Two\n\n### Three"}
    deck = write_deck(tmp_path, [{"content": [block]}])
    page, _others, _dialogs = open_page(browser, export_html(deck, tmp_path / "h.html"))
    looks = page.evaluate(
        """() => ["h4", "h5", "h6"].map(tag => {
          const style = getComputedStyle(document.querySelector("article " + tag));
          return [style.fontSize, style.fontStyle];
        })"""
    )
    assert len({tuple(look) for look in looks}) == 3, looks
    assert float(looks[0][0].removesuffix("px")) > float(looks[1][0].removesuffix("px"))
    page.close()


def test_the_browser_titles_the_page_with_the_decks_name_as_text(
    browser: Any, tmp_path: Path
) -> None:
    name = "</title><script>alert(1)</script> \x1b[31m Q&A\nday"
    deck = write_deck(tmp_path, {"name": name, "slides": [{"content": [{"title": "First"}]}]})
    page, _, dialogs = open_page(browser, export_html(deck, tmp_path / "deck.html"))
    assert page.title() == "</title><script>alert(1)</script> ␛[31m Q&A day"
    assert dialogs == [] and page.evaluate("document.scripts.length") == 1
    page.close()
