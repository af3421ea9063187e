"""The app package and its pure modules load no Textual (the CLI imports the app lazily)."""

from __future__ import annotations

import subprocess
import sys

from app_support import ROOT


def test_app_package_and_pure_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import tui_slides.app, tui_slides.app.navigation, tui_slides.app.finder\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "assert 'rich' not in sys.modules, 'rich imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
