"""A slide change between slides taller than the screen lays the screen out once (app.scroll).

Textual laid a scroll container out, and drew it, once more after the layout that
set its new virtual size; the pseudo-terminal test of the second frame is in
``test_app_in_a_terminal``.
"""

from __future__ import annotations

from app_support import make_app

from tui_slides.deck.model import Block, Deck, Layout, Slide


def tall_deck(*rows: int) -> Deck:
    """A slide per count in ``rows``, each that many lines long."""
    slides = tuple(
        Slide(
            id=str(number),
            content=(Block(title=f"Heading {number}", text="\n".join(["a line"] * count)),),
            layout=Layout.STACK,
        )
        for number, count in enumerate(rows, 1)
    )
    return Deck(slides=slides, source="mem")


async def test_a_change_between_slides_taller_than_the_screen_is_laid_out_once() -> None:
    app = make_app(tall_deck(40, 50, 60, 45))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.1)
        passes: list[object] = []
        screen = app.screen
        screen.screen_layout_refresh_signal.subscribe(screen, passes.append, immediate=True)
        for index in (1, 2, 3):
            passes.clear()
            await pilot.press("n")
            await pilot.pause(0.1)
            assert app.presentation.index == index
            assert len(passes) == 1, f"slide {index + 1}: {len(passes)} layouts"
        view = app.slides.slide_view
        assert view.virtual_size.height > view.size.height  # still scrolls: End reaches the end
        await pilot.press("down")
        assert view.scroll_y > 0
