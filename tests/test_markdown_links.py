"""Markdown links: only plain ``http(s)`` URLs become live OSC 8 hyperlinks, as on the cards;
every other link keeps its text, visible, and links nowhere."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from tui_slides.media.links import linkable
from tui_slides.render.markdown import render_markdown

HYPERLINK = re.compile(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\")


def _render(text: str) -> tuple[list[str], str]:
    """The hyperlink targets in ``text`` rendered on a terminal, and the plain text shown."""
    console = Console(
        width=120, file=io.StringIO(), force_terminal=True, color_system="truecolor", _environ={}
    )
    console.print(render_markdown(text))
    output = console.file
    assert isinstance(output, io.StringIO)
    raw = output.getvalue()
    targets = [target for target in HYPERLINK.findall(raw) if target]
    plain = re.sub(r"\x1b\[[0-9;]*m", "", HYPERLINK.sub("", raw))
    return targets, plain


@pytest.mark.parametrize(
    ("text", "target", "shown"),
    [
        ("[site](https://example.org/a)", "https://example.org/a", "site"),
        ("[plain](http://example.org/)", "http://example.org/", "plain"),
        ("<https://example.org/auto>", "https://example.org/auto", "https://example.org/auto"),
        ("[Москва](https://ru.wikipedia.org/wiki/Москва)", "https://ru.wikipedia.org/", "Москва"),
    ],
)
def test_http_links_are_live(text: str, target: str, shown: str) -> None:
    targets, plain = _render(text)
    assert len(targets) == 1 and targets[0].startswith(target)
    assert shown in plain


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[run](javascript:alert(1))", "run"),
        ("[secrets](file:///etc/passwd)", "secrets"),
        ("[mail](mailto:a@example.org)", "mail"),
        ("[shell](ssh://host/x)", "shell"),
        ("<ftp://example.org/f>", "ftp://example.org/f"),
        ("[esc](https://example.org/\x1b]8;;https://evil.example\x07)", "esc"),
        ("[enc](https://example.org/%1B%5B2J)", "enc"),
        ("![pic](file:///etc/x.png)", "pic"),
        ("[data](data:text/html,<b>x</b>)", "data"),
    ],
)
def test_other_links_keep_their_text_and_link_nowhere(text: str, shown: str) -> None:
    targets, plain = _render(text)
    assert targets == []
    assert shown in plain
    assert "\x1b" not in plain and "\x07" not in plain


@settings(max_examples=80, deadline=None)
@given(
    scheme=st.sampled_from(("http", "https", "javascript", "file", "mailto", "ssh", "HTTP", "")),
    rest=st.text(st.characters(codec="utf-8"), max_size=40),
    label=st.text(st.characters(codec="utf-8", exclude_characters="[]\\"), min_size=1, max_size=20),
)
def test_every_live_link_is_a_safe_http_url(scheme: str, rest: str, label: str) -> None:
    targets, _ = _render(f"[{label}]({scheme}://{rest}) and <{scheme}:{rest}>")
    for target in targets:
        assert linkable(target)
        assert target.lower().startswith(("http://", "https://"))
        assert re.fullmatch(r"[!-~]+", target)


def test_linkable_rules() -> None:
    assert linkable("https://example.org/a%20b")
    assert not linkable("https://example.org/%1B[2J")  # an escape, percent-encoded
    assert not linkable("https://example.org/%E2%90%9B")  # what visible() made of one
    assert not linkable("javascript:alert(1)")
    assert not linkable("https://exa mple.org/")


def test_raw_html_in_markdown_is_text_and_nothing_is_lost_or_reordered() -> None:
    """Rich drops raw HTML: a paragraph that began with a tag was lost. It is text here,
    as the HTML export shows it, and an image's alt text stays in its place."""
    console = Console(width=70, file=io.StringIO(), color_system=None, _environ={})
    text = (
        "<b>bold</b> starts the paragraph\n\n<script>alert(1)</script>\n\n"
        "before ![img](x.png) after"
    )
    console.print(render_markdown(text))
    output = console.file
    assert isinstance(output, io.StringIO)
    lines = [line.rstrip() for line in output.getvalue().splitlines() if line.strip()]
    assert lines == [
        "<b>bold</b> starts the paragraph",
        "<script>alert(1)</script>",
        "before [img] after",  # an image as a link to it, as the HTML and PDF show it
    ]


def test_a_link_that_may_not_be_live_and_an_image_show_as_text_alike_everywhere() -> None:
    """``[a](javascript:...)`` is its text (it was left as its source), a local image its
    ``[alt]``; the HTML the same, and an autolink that held a control character is no link."""
    from tui_slides.export.html_text import markdown_html

    targets, plain = _render("[bad](javascript:alert(1)) and ![pic](img/x.png) end")
    assert targets == [] and plain.strip() == "bad and [pic] end"
    page = markdown_html("[bad](javascript:alert(1)) ![pic](img/x.png) <https://ok.example/a\x1b>")
    assert "<a" not in page and "bad [pic] https://ok.example/a␛" in page
