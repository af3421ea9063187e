"""Regenerate the README's screenshots of the tour: SVG from Textual's own ``save_screenshot``.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--size 100x30]

Each picture is the tour (``decks/tour.json5``) in its own theme, driven by
Pilot as a person would press the keys: a title slide, a list slide, columns
with an image, and the overview. Run it after a change of look, and commit
the SVG files with it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui_slides.app.app import PresenterApp  # noqa: E402
from tui_slides.app.options import PresenterOptions  # noqa: E402
from tui_slides.deck.loader import load_deck  # noqa: E402

TOUR = ROOT / "decks" / "tour.json5"
SHOTS = {
    "title-slide": [],
    "list-slide": ["7", "enter"],
    "columns-with-image": ["8", "enter"],
    "overview": ["o"],
}
"""Screenshot name -> the keys pressed from the first slide before it is taken."""


async def shoot(name: str, keys: list[str], out: Path, size: tuple[int, int]) -> Path:
    """Take one screenshot of the tour after ``keys``; the path written."""
    app = PresenterApp(load_deck(TOUR), PresenterOptions(TOUR, images="cells"))
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause(0.2)
        app.save_screenshot(f"{name}.svg", path=str(out))
    return out / f"{name}.svg"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--size", default="100x30", help="terminal size, COLSxROWS")
    args = parser.parse_args(argv)
    os.environ["COLORTERM"] = "truecolor"  # true colour, whatever terminal runs this
    columns, rows = (int(part) for part in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, keys in SHOTS.items():
        written = asyncio.run(shoot(name, keys, out, (columns, rows)))
        print(written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
