"""The export theme table is Textual's built-in themes; the export never imports Textual."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED
from tests.export_theme_table import textual_palettes
from tests.test_import_hygiene import imported_after
from tui_slides.export.themes import ALIASES, DEFAULT_THEME, THEMES, palette_name


def test_the_table_equals_what_textual_computes() -> None:
    assert THEMES == textual_palettes()


def test_every_builtin_theme_exports_as_itself_or_its_alias() -> None:
    from textual.theme import BUILTIN_THEMES

    assert set(BUILTIN_THEMES) == set(THEMES) | set(ALIASES)
    assert all(target in THEMES for target in ALIASES.values())


def test_theme_choice_order() -> None:
    assert palette_name(None, None) == (DEFAULT_THEME, [])
    assert palette_name("nord", "dracula") == ("nord", [])
    assert palette_name("bogus", None, "dracula") == ("dracula", ["bogus"])
    assert palette_name("ansi-light") == ("textual-light", [])


def test_export_imports_neither_textual_nor_rich(tmp_path: Path) -> None:
    html, pdf = tmp_path / "o.html", tmp_path / "o.pdf"
    code = (
        "from tui_slides.export.command import run_export\n"
        f"run_export({str(SEED)!r}, html={str(html)!r}, pdf={str(pdf)!r})\n"
    )
    loaded = imported_after(code)
    assert "textual" not in loaded
    assert "rich" not in loaded
    assert "reportlab" in loaded  # the probe did export
