"""Property tests: whatever a deck's text holds, the exported HTML shows it and runs only ours."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.export_support import Element, parse_html
from tui_slides.deck.model import Block, Deck, Slide, TextFormat
from tui_slides.deck.safety import visible
from tui_slides.export.html_page import PAGING_SCRIPT, deck_html

MARKUP = st.sampled_from(
    ["<", ">", "&", '"', "'", "</", "<script>", "</style>", "javascript:", "on", "=", "[",
     "](", ")", "`", "*", "#", "\n", "\t", "\x1b", "\u202e", "&#x1b;", "&lt;", "\x00",
     "data:", "http://a.b/"]
)  # fmt: skip
HOSTILE_TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=5)), max_size=30).map("".join)


def _page(block: Block, notes: str = "") -> Element:
    deck = Deck((Slide(content=(block,), notes=notes, logo_title=block.title),), "deck.json5")
    return parse_html(deck_html(deck, notes=True))


def _only_our_script(page: Element) -> None:
    scripts = list(page.iter("script"))
    assert len(scripts) == 1 and scripts[0].text == PAGING_SCRIPT
    for element in page.iter():
        assert element.tag not in ("iframe", "object", "embed", "img", "link", "base", "form")
        for name, value in element.attrs.items():
            assert not name.startswith("on")
            if name in ("href", "src"):
                assert (value or "").startswith(("http://", "https://", "data:image/"))


@settings(max_examples=150, deadline=None)
@given(title=HOSTILE_TEXT.filter(str.strip), text=HOSTILE_TEXT)
def test_plain_blocks_keep_any_text_as_text(title: str, text: str) -> None:
    page = _page(Block(title=title, text=text), notes=text)
    _only_our_script(page)
    assert page.find_all("h2")[0].text == visible(title)
    assert page.find_all("span", "logo-title")[0].text == visible(title)
    shown = page.find_all("section")[0].text
    assert not any(ch in shown for ch in "\x1b\u202e\x00")


@settings(max_examples=150, deadline=None)
@given(text=HOSTILE_TEXT)
@example(text="[]()").via("a link to nowhere: no empty href")
@example(text="see [the notes]() [and](javascript:alert(1))").via("only http(s) links")
def test_markdown_blocks_never_add_markup_of_their_own_choosing(text: str) -> None:
    page = _page(Block(title="T", text=text, format=TextFormat.MARKDOWN))
    _only_our_script(page)
    allowed = {
        "html", "head", "meta", "title", "style", "body", "main", "section", "header", "span",
        "div", "article", "h2", "h4", "h5", "h6", "p", "br", "a", "em", "strong", "code", "pre",
        "ul", "ol", "li", "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td",
        "script", "#document", "aside", "h3",
    }  # fmt: skip
    assert {element.tag for element in page.iter()} <= allowed
    assert not any(ch in page.text for ch in "\x1b\u202e")


@settings(max_examples=40, deadline=None)
@given(title=HOSTILE_TEXT, text=HOSTILE_TEXT, markdown=HOSTILE_TEXT)
def test_any_text_makes_a_one_page_pdf(title: str, text: str, markdown: str) -> None:
    import io

    import pypdf

    from tui_slides.export.pdf import deck_pdf

    blocks = (Block(title=title, text=text), Block(text=markdown, format=TextFormat.MARKDOWN))
    deck = Deck((Slide(content=blocks, logo_title=title, notes=text),), "deck.json5")
    out = io.BytesIO()
    deck_pdf(deck, out, notes=True)  # reportlab's paragraph markup never sees deck text raw
    page = pypdf.PdfReader(out).pages
    assert len(page) == 1
    assert "\x00" not in page[0].extract_text()
