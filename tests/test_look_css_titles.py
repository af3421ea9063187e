"""A deck's CSS styles titles: the slide's heading and the blocks' own titles."""

from __future__ import annotations

from pathlib import Path

from app_support import make_app
from rich.segment import Segment
from textual.strip import Strip

from tui_slides.deck.model import Block, Deck, Layout, Slide

TITLES_CSS = """
SlideView > .slide--heading { color: #ff0000; background: #101010; }
SlideView > .slide--title { color: #00ff00; text-style: italic; }
"""


def _styled(strip: Strip, text: str) -> Segment:
    """The segment of ``strip`` that draws ``text``."""
    return next(segment for segment in strip if text in segment.text)


def _deck() -> Deck:
    blocks = (Block(title="Heading", text="body"), Block(title="Section", text="more"))
    return Deck(slides=(Slide(content=blocks, layout=Layout.STACK),), source="mem")


async def test_css_colours_the_heading_and_the_block_titles(tmp_path: Path) -> None:
    css = tmp_path / "titles.tcss"
    css.write_text(TITLES_CSS)
    app = make_app(_deck(), css=css)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.css_problems == []
        heading, section = app.slides.slide_view.blocks
        drawn = _styled(heading.render_line(0), "Heading").style
        assert drawn is not None and drawn.color is not None and drawn.bgcolor is not None
        assert drawn.color.triplet.hex == "#ff0000"  # type: ignore[union-attr]
        assert drawn.bgcolor.triplet.hex == "#101010"  # type: ignore[union-attr]
        assert drawn.bold  # the theme's weight stays where the CSS says nothing of it
        title = _styled(section.render_line(0), "Section").style
        assert title is not None and title.color is not None
        assert title.color.triplet.hex == "#00ff00"  # type: ignore[union-attr]
        assert title.italic
        body = _styled(heading.render_line(3), "body").style
        assert body is None or body.color is None or body.color.triplet.hex != "#ff0000"  # type: ignore[union-attr]


async def test_without_css_titles_keep_the_themes_colours() -> None:
    app = make_app(_deck())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        heading, section = app.slides.slide_view.blocks
        styles = app.slides.slide_view.slide_styles
        for view, text, theirs in (
            (heading, "Heading", styles.slide_title),
            (section, "Section", styles.title),
        ):
            drawn = _styled(view.render_line(0), text).style
            assert drawn is not None
            assert (drawn.color, drawn.bold, drawn.italic) == (
                theirs.color,
                theirs.bold,
                theirs.italic,
            )
