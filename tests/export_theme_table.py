"""The export's theme table as Textual computes it: the test compares, this script regenerates.

python tests/export_theme_table.py > /tmp/table.py   # then paste into tui_slides/export/themes.py
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui_slides.export.themes import COLOUR_KEYS, Palette


def textual_palettes() -> dict[str, Palette]:
    """Every built-in Textual theme whose colours are all plain RGB (not the ANSI themes)."""
    from textual.theme import BUILTIN_THEMES

    table: dict[str, Palette] = {}
    for name, theme in BUILTIN_THEMES.items():
        variables = theme.to_color_system().generate()
        colours = [variables[key].lower() for key in COLOUR_KEYS]
        if all(colour.startswith("#") for colour in colours):
            table[name] = Palette(theme.dark, *colours)
    return table


if __name__ == "__main__":
    print("THEMES: dict[str, Palette] = {")
    for name, palette in textual_palettes().items():
        print(f"    {name!r}: {palette!r},".replace("'", '"'))
    print("}")
