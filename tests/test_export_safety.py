"""Hostile decks exported to HTML: deck text stays text; no script but the page's own paging."""

from __future__ import annotations

from pathlib import Path

from tests.export_support import Element, parse_html, write_deck
from tui_slides.cli import main
from tui_slides.export.html_page import PAGING_SCRIPT

SCRIPT = "<script>alert(1)</script>"
HOSTILE = {
    "theme": "x}body{background:url(https://evil.example/)}</style><script>alert(1)</script>",
    "logo_title": '"onload="alert(1)\x1b[31m',
    "name": "</title><script>alert(1)</script>",
    "slides": [
        {
            "notes": f"notes {SCRIPT}",
            "content": [
                {
                    "title": f"</style>{SCRIPT}",
                    "block": '2" onclick="alert(1)',
                    "text": f'<img src=x onerror="alert(1)">\n\n- {SCRIPT}\n- "onload=alert(1)',
                },
                {
                    "title": "markdown",
                    "format": "markdown",
                    "text": (
                        f"{SCRIPT}\n\n<a href='javascript:alert(1)'>x</a>\n\n"
                        "[click](javascript:alert(1)) [data](data:text/html,<script>x</script>)"
                        " [v](vbscript:msgbox) ![i](javascript:alert(1))"
                        " <img src=x onerror=alert(1)>\n\n"
                        '[ok](https://example.org/"onmouseover="alert(1)) &#x1b;[31m &#x202e;\n\n'
                        "```html\n</code></pre><script>alert(1)</script>\n```\n"
                    ),
                },
                {"map": "javascript:alert(1)", "video": "javascript:alert(1)"},
                {"map": 'https://example.org/"><script>alert(1)</script>'},
                {"video": 'vid"><script>alert(1)</script>.mp4', "img_path": '"><script>.png'},
            ],
        },
        {"theme": "nord;}</style><script>alert(1)</script>", "content": [{"title": "two"}]},
    ],
}


def _export(tmp_path: Path, *options: str) -> tuple[str, Element]:
    deck = write_deck(tmp_path, HOSTILE)
    out = tmp_path / "out.html"
    assert main(["export", str(deck), "--html", str(out), *options]) == 0
    page = out.read_text("utf-8")
    return page, parse_html(page)


def test_no_script_but_ours_and_no_event_handlers(tmp_path: Path) -> None:
    for options in ((), ("--notes",)):
        _, tree = _export(tmp_path, *options)
        scripts = list(tree.iter("script"))
        assert len(scripts) == 1 and scripts[0].text == PAGING_SCRIPT
        for element in tree.iter():
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (element.tag, name)
                if name in ("href", "src"):
                    assert value is not None
                    assert value.startswith(("https://", "data:image/")), value
        assert [e.tag for e in tree.iter() if e.tag in ("iframe", "object", "embed", "img")] == []
        assert len(list(tree.iter("style"))) == 1


def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    page, tree = _export(tmp_path, "--notes")
    assert "\x1b" not in page and "\u202e" not in page
    slide = tree.find_all("section")[0]
    assert slide.find_all("h2")[0].text == f"</style>{SCRIPT}"
    assert '<img src=x onerror="alert(1)">' in slide.text
    assert "␛[31m" in slide.find_all("span", "logo-title")[0].text
    assert SCRIPT in tree.find_all("aside")[0].text
    code = tree.find_all("pre", "code")[0]
    assert code.text == "</code></pre><script>alert(1)</script>\n"
    # Not links: their text alone, as the presenter shows them (no href but http(s)).
    assert "click data v [i]" in slide.text
    hrefs = [a.attrs.get("href", "") for a in slide.find_all("a")]
    assert all(href.startswith(("http://", "https://")) for href in hrefs), hrefs
    # The style hint becomes a class, never an attribute of its own.
    blocks = tree.find_all("article")
    assert blocks[0].attrs["class"] == "block block-2--onclick--alert-1-"


def test_the_stylesheet_holds_nothing_from_the_deck(tmp_path: Path) -> None:
    _, tree = _export(tmp_path)
    style = tree.find_all("style")[0].text
    assert "evil" not in style and "alert" not in style and "</" not in style
    themes = [e.attrs["class"] for e in tree.find_all("section")]
    assert all("theme-textual-dark" in (c or "").split() for c in themes)  # both unknown
