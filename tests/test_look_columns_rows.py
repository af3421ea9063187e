"""A columns slide: every column's text starts on the same row, under a ruled title."""

from __future__ import annotations

from app_support import make_app

from tui_slides.deck.model import Block, Deck, Layout, Slide


def _first_row(lines: list[str], text: str) -> int:
    return next(row for row, line in enumerate(lines) if text in line)


async def test_the_columns_text_starts_on_the_headings_row() -> None:
    blocks = (Block(title="Left", text="alpha beta"), Block(title="Right", text="gamma delta"))
    slide = Slide(content=blocks, layout=Layout.COLUMNS)
    app = make_app(Deck(slides=(slide,), source="mem"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        left, right = app.slides.slide_view.blocks
        assert left.region.y == right.region.y
        assert left.region.x < right.region.x  # side by side
        rows = [[view.render_line(y).text for y in range(6)] for view in (left, right)]
        assert _first_row(rows[0], "alpha") == _first_row(rows[1], "gamma")
        assert set(rows[1][1].strip()) == {"─"}  # the column's own title is ruled too


async def test_a_stack_slide_keeps_its_section_heads_unruled() -> None:
    blocks = (Block(title="Top", text="alpha"), Block(title="Below", text="gamma"))
    app = make_app(Deck(slides=(Slide(content=blocks, layout=Layout.STACK),), source="mem"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        below = app.slides.slide_view.blocks[1]
        assert below.render_line(1).text.strip() == ""
