"""What the presenter's speed work promises, checked as behaviour (timings live in benchmarks/).

A burst of keys renders only the slide it ends on; a slide change is laid out
once and still looks exactly as if the presenter had started on that slide;
search, media and overlay code is not imported until it is needed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from app_support import ROOT, SEED, make_app, status
from textual.events import Key

from tui_slides.app.blocks import Guarded
from tui_slides.deck.model import Block, Deck, Slide

SIZE = (80, 24)


def varied_deck(count: int = 12) -> Deck:
    """Slides whose blocks differ in number and height, so each change resizes them."""
    slides = []
    for n in range(1, count + 1):
        blocks = tuple(
            Block(
                title=f"Slide {n} block {b}", text="\n".join(f"line {k}" for k in range(n % 5 + b))
            )
            for b in range(1 + n % 3)
        )
        slides.append(Slide(name=f"S{n}", id=f"{n}", content=blocks, source="mem"))
    return Deck(slides=tuple(slides), source="mem")


async def test_a_burst_of_keys_renders_only_the_slide_it_ends_on() -> None:
    deck = varied_deck(30)
    app = make_app(deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(20):  # queued at once, as a terminal delivers a held or mashed key
            app.post_message(Key("n", "n"))
        await pilot.pause()
        assert app.slides.index == 20
        assert status(app).rstrip().endswith("21 / 30")
        view = app.slides.slide_view
        rendered = [
            number
            for number, slide in enumerate(deck.slides)
            for r in view.renderables(slide)
            if isinstance(r, Guarded) and r.rendered
        ]
        assert 20 in rendered
        passed_over = set(range(2, 19))  # not the start's or the end's neighbours (rendered ahead)
        assert not passed_over & set(rendered), "slides passed over in the burst were rendered"


async def test_a_slide_reached_by_keys_looks_as_if_started_there() -> None:
    deck = varied_deck()
    for target in (4, 7, 10):
        travelled = make_app(deck)
        async with travelled.run_test(size=SIZE) as pilot:
            for _ in range(target):
                await pilot.press("n")
            await pilot.press("p", "n")  # back and forth: blocks shrink and grow
            await pilot.pause()
            seen = travelled.export_screenshot()
        direct = make_app(deck, start=target)
        async with direct.run_test(size=SIZE) as pilot:
            await pilot.pause()
            expected = direct.export_screenshot()
        assert seen == expected, f"slide {target + 1} differs when reached by keys"


def test_nothing_before_the_first_paint_imports_search_media_or_overlays() -> None:
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        from pathlib import Path
        from tui_slides.app.app import PresenterApp
        from tui_slides.app.options import PresenterOptions
        from tui_slides.deck.loader import load_deck

        async def main():
            options = PresenterOptions(Path("seed"), images="cells")
            app = PresenterApp(load_deck(Path({str(SEED)!r})), options)
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert "1 / 1" in app.slides.status_bar.text
            names = ("presenting.search", "render.highlight", "screens.overview",
                     "screens.search", "too_small", "screens.help", "render.media",
                     "app.images", "halfblock", "cards", "opener", "media.images")
            print(sorted(m for m in sys.modules if m.startswith("tui_slides")
                         and m.endswith(names)))

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
