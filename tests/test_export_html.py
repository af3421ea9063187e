"""`tui-slides export --html`: semantic HTML from the model, parsed back with html.parser."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.export_support import Element, make_image, parse_html, write_deck
from tui_slides.cli import main
from tui_slides.deck.loader import load_deck
from tui_slides.export.html_page import PAGING_SCRIPT
from tui_slides.export.themes import THEMES
from tui_slides.media.links import osm_url


def export(tmp_path: Path, deck: Path, *options: str) -> Element:
    out = tmp_path / "out.html"
    assert main(["export", str(deck), "--html", str(out), *options]) == 0
    return parse_html(out.read_text("utf-8"))


def _markers(list_element: Element) -> list[str]:
    return [
        next(e for e in li.own_children("span") if "marker" in (e.attrs["class"] or "")).text
        for li in list_element.own_children("li")
    ]


def test_seed_has_real_headings_lists_and_paragraphs(tmp_path: Path) -> None:
    page = export(tmp_path, SEED)
    slides = page.find_all("section", "slide")
    assert len(slides) == 1
    slide = slides[0]
    assert [h.text for h in slide.find_all("h2")] == ["IT-ЦЕНТРЫ"]
    assert [h.text for h in slide.find_all("h3")] == ["Подготовка IT-специалистов"]
    headings = [h.text for h in slide.find_all("h4")]
    for heading in ("Обоснование актуальности проекта:", "Цель проекта:", "Задачи проекта"):
        assert heading in headings
    assert "Механизм реализации:" in headings
    lead_ins = slide.find_all("p", "lead-in")
    assert lead_ins[0].text == "Принятые меры и реализация проекта позволят обеспечить:"
    bullets = slide.find_all("ul")[0]
    assert len(bullets.own_children("li")) == 6
    assert bullets.own_children("li")[1].find_all("div", "item")[0].text == (
        "повысить цифровую грамотность населения до 85%;"
    )
    numbered = slide.find_all("ol")[-1]
    assert _markers(numbered) == ["1.", "2.", "3.", "4.", "5."]
    assert [li.attrs["value"] for li in numbered.own_children("li")] == list("12345")
    paragraphs = [p.text for p in slide.find_all("p")]
    assert "Сроки реализации проекта - 2018 – 2020 гг." in paragraphs
    assert "pre.code .nb" not in page.find_all("style")[0].text  # no code, no code colours


def test_nested_lists_keep_the_numbers_as_written(tmp_path: Path) -> None:
    text = "Шаги:\n3.\tfirst\n\tа)\tinner one\n\tб)\tinner two\n10.\tlast\n\n- a\n  - b\n    - c"
    deck = write_deck(tmp_path, {"content": [{"title": "T", "text": text}]})
    page = export(tmp_path, deck)
    outer = page.find_all("ol")[0]
    assert _markers(outer) == ["3.", "10."]
    assert [li.attrs["value"] for li in outer.own_children("li")] == ["3", "10"]
    inner = outer.own_children("li")[0].find_all("ol")
    assert len(inner) == 1 and _markers(inner[0]) == ["а)", "б)"]
    assert "value" not in inner[0].own_children("li")[0].attrs  # a letter is not a number
    top = page.find_all("ul")[0]
    assert _markers(top) == ["•"]
    second = top.find_all("ul")[0]
    assert _markers(second) == ["◦"] and _markers(second.find_all("ul")[0]) == ["▪"]


def test_first_title_is_h2_and_other_block_titles_h3(tmp_path: Path) -> None:
    deck = write_deck(
        tmp_path,
        [{"content": [{"text": "no title"}, {"title": "A"}, {"title": "B"}]}, {"content": []}],
    )
    page = export(tmp_path, deck)
    first, second = page.find_all("section", "slide")
    assert [h.text for h in first.find_all("h2")] == ["A"]
    assert [h.text for h in first.find_all("h3")] == ["B"]
    assert second.find_all("p", "empty")[0].text == "(empty slide)"
    assert [s.attrs["id"] for s in page.find_all("section")] == ["slide-1", "slide-2"]


def test_markdown_blocks_become_html_with_highlighted_code(tmp_path: Path) -> None:
    text = (
        "# Big\n\nSome **bold** and [a link](https://example.org/x).\n\n```python\nprint(1)\n```\n"
    )
    deck = write_deck(tmp_path, {"content": [{"title": "T", "text": text, "format": "markdown"}]})
    page = export(tmp_path, deck)
    assert [h.text for h in page.find_all("h4")] == ["Big"]  # under the slide's h2
    assert page.find_all("strong")[0].text == "bold"
    assert page.find_all("a")[0].attrs["href"] == "https://example.org/x"
    code = page.find_all("pre", "code")[0]
    assert code.text == "print(1)\n"
    assert [s.text for s in code.find_all("span", "nb")] == ["print"]  # Pygments' class
    assert ".dark pre.code .nb" in page.find_all("style")[0].text  # ...and its colours


def test_images_are_embedded_downscaled(tmp_path: Path) -> None:
    from PIL import Image

    make_image(tmp_path / "wide.png", (3200, 800))
    make_image(tmp_path / "photo.jpg", (900, 600), photo=True)
    deck = write_deck(
        tmp_path,
        {"content": [{"title": "T", "img_path": "wide.png"}, {"img_path": "photo.jpg"}]},
    )
    images = export(tmp_path, deck).find_all("img")
    assert len(images) == 2
    kinds = []
    for element in images:
        src = element.attrs["src"] or ""
        head, data = src.split(",", 1)
        kinds.append(head)
        decoded = Image.open(io.BytesIO(base64.b64decode(data)))
        assert (str(decoded.width), str(decoded.height)) == (
            element.attrs["width"],
            element.attrs["height"],
        )
        assert max(decoded.size) <= 1600
    assert kinds == ["data:image/png;base64", "data:image/jpeg;base64"]
    assert images[0].attrs["width"] == "1600" and images[0].attrs["height"] == "400"
    assert images[0].attrs["alt"] == "wide.png"


def test_a_missing_or_broken_image_is_a_placeholder(tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"not a png")
    deck = write_deck(
        tmp_path, {"content": [{"img_path": "missing.png"}, {"img_path": "broken.png"}]}
    )
    page = export(tmp_path, deck)
    assert page.find_all("img") == []
    texts = [p.text for p in page.find_all("p", "placeholder")]
    assert texts[0] == "⚠ missing.png: file not found"
    assert texts[1].startswith("⚠ broken.png: not an image")


def test_a_map_is_a_link_with_its_qr_code_as_svg(tmp_path: Path) -> None:
    import zxingcpp
    from PIL import Image

    deck = write_deck(tmp_path, {"content": [{"title": "Here", "map": "51.1694, 71.4491"}]})
    page = export(tmp_path, deck)
    figure = page.find_all("figure", "map")[0]
    url = osm_url(51.1694, 71.4491)
    assert figure.find_all("a")[0].attrs["href"] == url
    svg = figure.find_all("svg")
    assert len(svg) == 1
    # The SVG scans as the link: draw its path ("M x y h n ..." runs) and decode it.
    lines = [p for p in svg[0].find_all("path") if p.attrs.get("class") == "qrline"]
    path = lines[0].attrs["d"] or ""
    size = int(svg[0].attrs["width"] or 0)
    scale = 4
    image = Image.new("L", (size, size), 255)
    x = y = 0.0
    for op, number, second in re.findall(r"([Mmh])(-?\d+(?:\.\d+)?)(?:\s(-?\d+(?:\.\d+)?))?", path):
        if op == "M":
            x, y = float(number), float(second)
        elif op == "m":
            x, y = x + float(number), y + float(second)
        else:
            run = float(number)
            top = int((y - 0.5) * scale)
            image.paste(0, (int(x * scale), top, int((x + run) * scale), top + scale))
            x += run
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [url]


def test_video_is_a_video_element_for_files_and_a_link_for_urls(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "my clip.mp4").write_bytes(b"\0" * 10)
    deck = write_deck(
        tmp_path,
        {"content": [{"video": "media/my clip.mp4"}, {"video": "https://example.org/v.mp4"}]},
    )
    page = export(tmp_path, deck)
    videos = page.find_all("video")
    assert [v.attrs["src"] for v in videos] == ["media/my%20clip.mp4"]
    links = [a.attrs["href"] for a in page.find_all("a")]
    assert links == ["media/my%20clip.mp4", "https://example.org/v.mp4"]


def test_notes_are_left_out_unless_asked_for(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, {"content": [{"title": "T"}], "notes": "Say hello first"})
    assert export(tmp_path, deck).find_all("aside") == []
    with_notes = export(tmp_path, deck, "--notes").find_all("aside", "notes")
    assert len(with_notes) == 1 and "Say hello first" in with_notes[0].text


@pytest.mark.parametrize(
    ("option", "deck_theme", "expected"),
    [((), None, "textual-dark"), ((), "nord", "nord"), (("--theme", "dracula"), "nord", "dracula")],
)
def test_the_theme_colours_the_page(
    tmp_path: Path, option: tuple[str, ...], deck_theme: str | None, expected: str
) -> None:
    deck = write_deck(tmp_path, {"slides": [{"content": [{"title": "T"}]}], "theme": deck_theme})
    page = export(tmp_path, deck, *option)
    slide = page.find_all("section")[0]
    assert f"theme-{expected}" in (slide.attrs["class"] or "").split()
    style = page.find_all("style")[0].text
    assert f".theme-{expected}{{--background:{THEMES[expected].background};" in style


def test_an_unknown_theme_option_is_a_usage_error_as_in_the_presenter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = write_deck(tmp_path, {"content": [{"title": "T"}]})
    out = tmp_path / "out.html"
    assert main(["export", str(deck), "--html", str(out), "--theme", "no-such"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tui-slides: error: unknown theme 'no-such'; choose one of: ansi-dark,")
    assert all(name in err for name in THEMES) and not out.exists()


def test_a_decks_unknown_theme_is_its_warning_and_the_default_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = write_deck(tmp_path, {"theme": "no-such", "slides": [{"content": [{"title": "T"}]}]})
    page = export(tmp_path, deck)
    assert "theme-textual-dark" in (page.find_all("section")[0].attrs["class"] or "")
    (line,) = capsys.readouterr().err.splitlines()
    assert ": warning: unknown theme 'no-such'" in line


def test_the_page_needs_no_network(tmp_path: Path) -> None:
    make_image(tmp_path / "logo.png", (64, 64))
    deck = write_deck(
        tmp_path,
        {
            "logo_path": "logo.png",
            "content": [
                {"title": "T", "text": "![remote](https://example.org/i.png)", "format": "markdown"}
            ],
        },
    )
    page = export(tmp_path, deck)
    for element in page.iter():
        for name in ("src", "srcset", "poster", "data"):
            value = element.attrs.get(name)
            assert value is None or value.startswith("data:"), (element.tag, name, value)
        assert element.tag not in ("link", "iframe", "object", "embed")
    assert "url(data:image/png;base64," in page.find_all("style")[0].text  # the logo
    assert page.find_all("a")[0].text == "[remote]"  # a remote image is a link to it
    assert PAGING_SCRIPT.strip() in page.find_all("script")[0].text


def test_layout_is_a_class_from_a_fixed_set(tmp_path: Path) -> None:
    deck = write_deck(
        tmp_path,
        [
            {"layout": "title", "content": [{"title": "Раздел"}]},
            {"layout": "columns", "content": [{"title": "A"}, {"title": "B"}]},
            {"layout": 'x" onclick="y', "content": [{"title": "C", "text": "two\nlines"}]},
        ],
    )
    classes = [s.attrs["class"] or "" for s in export(tmp_path, deck).find_all("section")]
    layouts = [next(c for c in cls.split() if c.startswith("layout-")) for cls in classes]
    assert layouts == ["layout-title", "layout-columns", "layout-stack"]


def test_a_slide_of_a_title_and_a_short_line_is_a_title_slide_as_in_the_presenter(
    tmp_path: Path,
) -> None:
    deck = write_deck(
        tmp_path,
        [
            {"content": [{"title": "Just a title", "text": "and a short line"}]},
            {"content": [{"title": "A title", "text": "one line\nand another"}]},
            {"layout": "stack", "content": [{"title": "Stacked", "text": "short"}]},
        ],
    )
    classes = [s.attrs["class"] or "" for s in export(tmp_path, deck).find_all("section")]
    layouts = [next(c for c in cls.split() if c.startswith("layout-")) for cls in classes]
    assert layouts == ["layout-title", "layout-stack", "layout-stack"]


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
    loaded = load_deck(deck)
    assert loaded.slides[0].step_plan.count == 3 and not loaded.diagnostics  # real steps
    page = export(tmp_path, deck)
    assert [h.text for h in page.find_all("h3")] == ["After a pause", "Items"]
    assert [len(lst.own_children("li")) for lst in page.find_all("ul") + page.find_all("ol")] == [
        2,
        2,
    ]
