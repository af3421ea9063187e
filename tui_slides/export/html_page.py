"""``tui-slides export --html``: the deck as one self-contained HTML page.

Semantic HTML from the model (not terminal cells): a ``section`` per slide, its
first title an ``h2``, other block titles ``h3``, text headings ``h4``, lists as
``ul``/``ol`` with the markers as written. Colours come from the theme table
(``export.themes``); images are embedded; the only script is ``PAGING_SCRIPT``,
ours. A print style puts one slide on each landscape page, edge to edge in its colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui_slides.deck.model import Block, Deck, Slide, TextFormat
from tui_slides.export.html_media import block_media_html
from tui_slides.export.html_text import (
    code_stylesheet,
    lines_html,
    markdown_html,
    one_line_text,
    plain_html,
    revealed_html,
    text,
)
from tui_slides.export.pictures import Pictures
from tui_slides.export.themes import THEMES, palette_name
from tui_slides.media.images import ImageProblem

LAYOUTS = frozenset(("stack", "columns", "title"))
"""The ``layout`` values a slide may carry (``Slide.layout``; not given: ``stack``)."""

EMPTY_SLIDE = "(empty slide)"
"""What an empty slide says, as in ``show``."""

STYLE = """
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
 font-size:clamp(16px,1.6vw,28px);line-height:1.45}
.slide{min-height:100vh;padding:4vh 8vw 6vh;background:var(--background);color:var(--foreground);
 display:flex;flex-direction:column;scroll-snap-align:start;border-bottom:1px solid var(--panel)}
html{scroll-snap-type:y proximity}
.slide-header{display:flex;gap:.6em;align-items:center;font-size:.7em;color:var(--text-primary);
 border-bottom:1px solid var(--panel);padding-bottom:.3em;margin-bottom:1em}
.slide-header .counter{margin-left:auto;color:var(--foreground);opacity:.7}
.logo{display:inline-block;width:2em;height:2em;background:center/contain no-repeat}
.blocks{display:flex;flex-direction:column;gap:1.2em;max-width:60em;overflow-wrap:anywhere}
.layout-columns .blocks{flex-direction:row;flex-wrap:wrap;max-width:none}
.layout-columns .block{flex:1 1 0;min-width:14em}
.layout-title .blocks{margin:auto;text-align:center;align-items:center}
.layout-title ul,.layout-title ol,.layout-title .introduced{width:fit-content;margin-left:auto;
 margin-right:auto;text-align:left}
.layout-title .introduced>ul,.layout-title .introduced>ol{margin-left:0}
h2,h3{color:var(--text-primary);margin:0 0 .4em;line-height:1.2}
h2{font-size:1.6em;color:var(--text-accent);border-bottom:2px solid var(--text-accent);
 padding-bottom:.15em}
h3{font-size:1.25em}h4,h5,h6{margin:.8em 0 .3em;font-size:1em}h4{font-size:1.15em}
h6{font-style:italic}
p,h2,h3,h4,h5,h6,.item,.lead-in,td,th{unicode-bidi:plaintext}
.layout-title h2{font-size:2.2em;width:fit-content;margin:0 auto .4em}
.layout-columns h3{font-size:1.6em;border-bottom:2px solid var(--text-accent);padding-bottom:.15em}
p{margin:0 0 .6em}
.lead-in{font-style:italic;margin-bottom:.2em}
ul,ol{margin:0 0 .6em;padding:0 0 0 1.6em}
ul.items,ol.items{list-style:none;padding:0 0 0 1em}
li ul.items,li ol.items{margin:.2em 0 0;padding:0}
.items>li{display:flex;gap:.6em;margin:.15em 0}
.marker{flex:none;min-width:var(--marker);text-align:right;color:var(--text-accent);font-weight:bold}
ul.items>li>.marker{font-weight:normal}
.item{flex:1;min-width:0}
.block table{border-collapse:collapse;margin:0 0 .6em}
.block th,.block td{border:1px solid var(--panel);padding:.2em .5em}
code{font-family:ui-monospace,"Cascadia Mono","Fira Mono",Menlo,monospace;font-size:.9em}
pre.code{background:var(--surface);padding:.6em 1em;overflow:auto;border-radius:4px}
blockquote{margin:0 0 .6em;padding:0 0 0 .8em;border-left:.25em solid var(--panel);
 font-style:italic}
a{color:var(--text-accent)}
figure{margin:.6em 0}
figure img{max-width:100%;height:auto;max-height:70vh;display:block}
figure video{max-width:100%;max-height:60vh;display:block}
.map{display:flex;gap:1em;align-items:center}
.qr svg{display:block}
.placeholder{border:1px dashed var(--warning);padding:.3em .6em;display:inline-block}
.empty{opacity:.7;font-style:italic}
.notes{margin-top:auto;border-top:1px dashed var(--panel);padding-top:.5em;font-size:.8em}
.notes h3{font-size:1em}
.layout-title .block table,.layout-title .block blockquote{width:fit-content;margin-left:auto;
 margin-right:auto;text-align:left}
.layout-title pre{text-align:left}
.layout-title figure img,.layout-title figure video{margin-left:auto;margin-right:auto}
@page{size:landscape;margin:0}
@media print{
 html{scroll-snap-type:none}
 body{font-size:14pt;background:var(--background)}
 body,.slide{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .slide{min-height:100vh;padding:1cm 1.5cm;border:0;break-after:page;page-break-after:always;
  break-inside:avoid}
 .slide:last-child{break-after:auto;page-break-after:auto}
 figure img{max-height:60vh}
}
"""
"""The page's layout; colours come from each theme's CSS variables."""

PAGING_SCRIPT = """
(function () {
  var slides = document.querySelectorAll("section.slide");
  function current() {
    var best = 0;
    for (var i = 0; i < slides.length; i++) {
      if (slides[i].getBoundingClientRect().top <= 2) { best = i; }
    }
    return best;
  }
  function go(index) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    slides[index].scrollIntoView({block: "start"});
    history.replaceState(null, "", "#" + slides[index].id);
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var next = {ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
                ArrowLeft: -1, ArrowUp: -1, PageUp: -1}[event.key];
    if (event.key === " " && event.shiftKey) { next = -1; }
    if (event.key === "Home") { go(0); } else if (event.key === "End") { go(slides.length - 1); }
    else if (next) { go(current() + next); } else { return; }
    event.preventDefault();
  });
})();
"""
"""The page's only script: arrows, PageUp/PageDown, Space, Home and End move a slide at a time."""


class _Logos:
    """Logos as CSS classes: each image is embedded once however many slides show it."""

    def __init__(self, pictures: Pictures) -> None:
        self.pictures = pictures
        self.classes: dict[str, tuple[str, str]] = {}
        """Data URI -> (class name, rule)."""

    def html(self, slide: Slide) -> str:
        if slide.logo is None:
            return ""
        picture = self.pictures.get(slide.logo)
        if isinstance(picture, ImageProblem):
            return ""  # `check` reports it; the logo title still shows
        uri = picture.data_uri
        if uri not in self.classes:
            name = f"logo-{len(self.classes) + 1}"
            self.classes[uri] = (name, f".{name}{{background-image:url({uri})}}")
        name = self.classes[uri][0]
        return f'<span class="logo {name}" role="img" aria-label="logo"></span>'

    def stylesheet(self) -> str:
        return "".join(rule for _, rule in self.classes.values())


def _block_html(
    block: Block,
    heading: str | None,
    pictures: Pictures,
    out_dir: str,
    steps: tuple[int, int] | None = None,
) -> str:
    """``steps``: (the step the block appears at, how many items it reveals one per step)."""
    parts = []
    style_class = block.style_class
    classes = "block" + (f" {text(style_class)}" if style_class else "")
    start, items = steps or (0, 0)
    if heading is not None:
        parts.append(f"<{heading}>{lines_html(block.title)}</{heading}>")
    if block.text.strip():
        if block.format is TextFormat.MARKDOWN:
            parts.append(markdown_html(block.text))
        elif items:
            parts.append(revealed_html(block.text, start))
        else:
            parts.append(plain_html(block.text))
    parts.append(block_media_html(block, pictures, out_dir))
    step = f' data-step="{start}"' if start else ""
    return f'<article class="{classes}"{step}>{"".join(parts)}</article>'


def _layout(slide: Slide) -> str:
    """The slide's layout as the presenter shows it: a slide of only a title and a short line
    is a title slide there, and here (``Slide.shown_layout``)."""
    value = slide.shown_layout.value
    return value if value in LAYOUTS else "stack"


def slide_html(
    slide: Slide,
    position: int,
    total: int,
    *,
    theme: str,
    notes: bool,
    pictures: Pictures,
    logos: _Logos,
    out_dir: str,
    steps: bool = False,
) -> str:
    """One slide as a ``section``: a header (logo, logo title, position), its blocks, its notes.

    ``steps``: each piece of a slide with reveal steps says the step it appears at
    (``data-step``; the live page shows the presenter's step); else every slide is complete.
    """
    dark = "dark" if THEMES[theme].dark else "light"
    classes = f"slide theme-{theme} {dark} layout-{_layout(slide)}"
    header = (
        f'<header class="slide-header">{logos.html(slide)}'
        f'<span class="logo-title">{text(slide.logo_title)}</span>'
        f'<span class="counter">{position} / {total}</span></header>'
    )
    numbered = [(n, block) for n, block in enumerate(slide.content) if not block.is_empty]
    blocks = [block for _, block in numbered]
    plan = slide.step_plan if steps else None
    first_title = True
    body = []
    for number, block in numbered:
        heading = None
        if block.title:
            heading = "h2" if first_title else "h3"
            first_title = False
        at = None
        if plan is not None and number < len(plan.starts):
            at = (plan.starts[number], plan.items[number])
        body.append(_block_html(block, heading, pictures, out_dir, at))
    if not blocks:
        body.append(f'<p class="empty">{EMPTY_SLIDE}</p>')
    aside = ""
    if notes and slide.notes.strip():
        aside = f'<aside class="notes"><h3>Notes</h3>{plain_html(slide.notes)}</aside>'
    label = text(f"Slide {position} of {total}")
    return (
        f'<section class="{classes}" id="slide-{position}" aria-label="{label}">'
        f'{header}<div class="blocks">{"".join(body)}</div>{aside}</section>'
    )


def _theme_rules(names: Sequence[str]) -> str:
    return "".join(f".theme-{name}{{{THEMES[name].css_variables()}}}" for name in names)


@dataclass(frozen=True)
class PageParts:
    """The pieces of a page, for the export's file and the live page (``tui_slides.web``)."""

    title: str
    """The page title (``Deck.title``: the deck's name, else its first title), on one line,
    escaped."""
    style: str
    """The stylesheet: layout, the themes used, code colours, logos."""
    body_class: str
    """The ``body``'s class: the first slide's theme."""
    sections: str
    """Every slide, one ``section`` each, in order."""


def page_parts(
    deck: Deck,
    *,
    theme: str | None = None,
    notes: bool = False,
    out_dir: str = ".",
    steps: bool = False,
) -> PageParts:
    """The deck rendered once: what ``deck_html`` assembles (arguments as there; ``steps``:
    as ``slide_html``'s, for the live page)."""
    pictures = Pictures()
    logos = _Logos(pictures)
    used: dict[str, None] = {}
    sections = []
    total = len(deck.slides)
    for position, slide in enumerate(deck.slides, start=1):
        name, _unknown = palette_name(theme, slide.theme, deck.theme)  # (the deck warned)
        used[name] = None
        sections.append(
            slide_html(
                slide,
                position,
                total,
                theme=name,
                notes=notes,
                pictures=pictures,
                logos=logos,
                out_dir=out_dir,
                steps=steps,
            )
        )
    first = next(iter(used), palette_name(theme, deck.theme)[0])
    code = any(b.format is TextFormat.MARKDOWN for s in deck.slides for b in s.content)
    style = STYLE + _theme_rules(list(used)) + (code_stylesheet() if code else "")
    style += logos.stylesheet()
    return PageParts(one_line_text(deck.title), style, f"theme-{first}", "".join(sections))


def deck_html(
    deck: Deck, *, theme: str | None = None, notes: bool = False, out_dir: str = "."
) -> str:
    """The whole page.

    ``theme`` (``--theme``) wins over the slides' and the deck's own themes;
    ``out_dir`` is where the page will be, for relative links to video files.
    """
    parts = page_parts(deck, theme=theme, notes=notes, out_dir=out_dir)
    page = (
        '<!DOCTYPE html>\n<html lang="und"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="tui-slides">'
        f"<title>{parts.title}</title><style>{parts.style}</style></head>"
        f'<body class="{parts.body_class}"><main>{parts.sections}</main>'
        f"<script>{PAGING_SCRIPT}</script></body></html>\n"
    )
    return page
