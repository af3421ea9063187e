"""What the presenter's speed work promises, checked as behaviour (timings live in benchmarks/).

Search, media and overlay code is not imported until it is needed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from app_support import ROOT, SEED


def test_nothing_before_the_first_paint_imports_search_media_or_overlays() -> None:
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        from pathlib import Path
        from tui_slides.app.app import PresenterApp
        from tui_slides.loader import load_deck

        async def main():
            app = PresenterApp(load_deck(Path({str(SEED)!r})), Path("seed"), images="cells")
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert "1 / 1" in app.slides.status_bar.text
            names = ("finder", "highlight", "screens.overview", "screens.search",
                     "screens.help", "renderables", "widgets", "halfblock", "cards")
            print(sorted(m for m in sys.modules if m.startswith("tui_slides")
                         and m.endswith(names)))

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
