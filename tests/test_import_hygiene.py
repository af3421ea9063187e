"""The headless layers import neither Textual nor Rich; `show` does not import Textual.

import-linter checks the layers statically (``[tool.importlinter]``); this checks
what a fresh interpreter really loads, third-party imports included.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED

HEADLESS_LAYERS = ("deck", "presenting", "media")
"""The packages that import neither Textual nor Rich: every module in them is checked."""

HEADLESS = [
    "tui_slides",
    "tui_slides.startup",
    "tui_slides.streams",
    *(f"tui_slides.{layer}" for layer in HEADLESS_LAYERS),
    *(
        f"tui_slides.{layer}.{module.name}"
        for layer in HEADLESS_LAYERS
        for module in pkgutil.iter_modules([str(ROOT / "tui_slides" / layer)])
    ),
]


def imported_after(code: str) -> set[str]:
    """Top-level package names in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_modules_import_neither_textual_nor_rich(module: str) -> None:
    loaded = imported_after(
        f"import {module}\nfrom tui_slides.deck.loader import load_deck\nload_deck({str(SEED)!r})"
    )
    assert "textual" not in loaded
    assert "rich" not in loaded


@pytest.mark.parametrize(
    ("modules", "forbidden"),
    [
        # Rendering is shared with `show`, which must start without Textual.
        ("tui_slides.render.slide, tui_slides.render, tui_slides.render.media", {"textual"}),
        # The CLI imports the app lazily; the app package's front door and its
        # pure logic load nothing heavy until a deck is presented.
        (
            "tui_slides.app, tui_slides.presenting.navigation, tui_slides.presenting.search",
            {"textual", "rich"},
        ),
        # Sharing over SSH: what the command line reads for --ssh loads nothing heavy,
        # and the server draws with Rich, never Textual.
        (
            "tui_slides.share.options, tui_slides.share.auth, tui_slides.share.terminal,"
            " tui_slides.share.command",
            {"textual", "rich", "asyncssh"},
        ),
        ("tui_slides.share.server, tui_slides.share.viewer", {"textual"}),
        # check decodes images only when a deck has some: Pillow stays unloaded.
        ("tui_slides.media.problems, tui_slides.media.images", {"textual", "rich", "PIL"}),
    ],
)
def test_layers_import_only_what_they_own(modules: str, forbidden: set[str]) -> None:
    assert not imported_after(f"import {modules}") & forbidden


SHOW_SEED = (
    "import io\n"
    "from contextlib import redirect_stderr as err, redirect_stdout as out\n"
    "from tui_slides.cli import main\n"
    "with out(io.StringIO()), err(io.StringIO()):\n"
    f"    assert main(['show', {str(SEED)!r}, '--width', '60']) == 0"
)


def test_show_does_not_import_textual() -> None:
    loaded = imported_after(SHOW_SEED)
    assert "rich" in loaded
    assert "textual" not in loaded


def test_show_starts_without_modules_it_does_not_need() -> None:
    """Each costs milliseconds on every start (benchmarks/show_speed.py), and the seed needs none.

    ``pathlib`` (media paths are strings until opened), ``shutil`` (argparse's
    help formatter imports it for the terminal's width, which ``cli.help_width``
    gives it). argparse itself, which the command line is built with, is
    accepted. The interpreter's own start-up may import them (site hooks): then
    the check says nothing.
    """
    unneeded = {"pathlib", "shutil"}
    already = imported_after("") & unneeded
    assert not (imported_after(SHOW_SEED) & unneeded) - already


def test_check_imports_neither_textual_nor_rich() -> None:
    loaded = imported_after(
        "import io, contextlib\n"
        "from tui_slides.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {str(SEED)!r}])"
    )
    assert "textual" not in loaded and "rich" not in loaded


def test_a_small_deck_loads_without_json() -> None:
    """Below ``fastjson.JSON_FROM`` our parser reads the file: importing ``json`` would take
    longer than reading it (``check`` on the seed, 4.7%; benchmarks/app_paint.py 1.2%)."""
    already = imported_after("") & {"json"}
    loaded = imported_after(
        "import io, contextlib\n"
        "from tui_slides.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {str(SEED)!r}])"
    )
    assert not ({"json"} & loaded) - already


def test_a_command_imports_no_other_commands_module() -> None:
    """``tui-slides show DECK`` loads ``commands.show`` and what every command shares, no other
    command's module (the presenter's start-up, benchmarks/app_paint.py, the same)."""
    probe = (
        "import io, contextlib, sys\n"
        "from tui_slides.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['show', {str(SEED)!r}])\n"
        "print(' '.join(m for m in sys.modules if m.startswith('tui_slides.commands')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert set(result.stdout.split()) == {
        "tui_slides.commands",
        "tui_slides.commands.common",
        "tui_slides.commands.sharing",  # the --ssh options of the presenter's parser and serve's
        "tui_slides.commands.option_types",  # the parsers' value types
        "tui_slides.commands.show",
    }
