"""The command line as a user meets it: `check`, exit statuses, output formats, usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tui_slides import startup
from tui_slides.cli import bundled_decks, main
from tui_slides.deck.errors import DeckLimitError, DeckSyntaxError


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_the_seed_lists_its_repairs_and_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(SEED))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{SEED}:2:14: warning: missing ','")
    assert lines[1].startswith(f"{SEED}:5:16: warning: file not found: '/img/logo.png'")
    assert lines[2].startswith(f"{SEED}:23:158: warning: raw line break inside a string")
    assert lines[-1] == "1 deck checked: 1 loaded, 0 failed; 0 errors, 3 warnings, 0 notes"


def test_check_strict_fails_with_caret(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", "--strict", str(SEED))
    assert status == 1
    assert out.splitlines()[:3] == [
        f"{SEED}:2:14: error: missing ',' between object members"
        " (tolerant mode would repair this; --strict is on)",
        '    "name": "1"',
        "               ^",
    ]
    assert (
        out.splitlines()[-1] == "1 deck checked: 0 loaded, 1 failed; 1 errors, 0 warnings, 0 notes"
    )


def test_check_several_decks_one_broken(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json5"
    broken.write_text("{ content: [ }")
    status, out, _ = run(capsys, "check", str(SEED), str(broken))
    assert status == 1
    assert f"{broken}:1:14: error: expected a value, found '}}'" in out
    assert (
        out.splitlines()[-1] == "2 decks checked: 1 loaded, 1 failed; 1 errors, 3 warnings, 0 notes"
    )


def test_check_json_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json5"
    broken.write_text("[1")
    status, out, _ = run(capsys, "check", "--format", "json", str(SEED), str(broken))
    assert status == 1
    report = json.loads(out)
    seed, bad = report["decks"]
    assert seed["ok"] is True and seed["slides"] == 1
    assert seed["diagnostics"][0] == {
        "path": str(SEED),
        "line": 2,
        "col": 14,
        "level": "warning",
        "message": "missing ',' after this object member; inserted one",
    }
    assert bad["ok"] is False and bad["diagnostics"][0]["level"] == "error"
    assert report["summary"] == {
        "decks": 2,
        "loaded": 1,
        "failed": 1,
        "errors": 1,
        "warnings": 3,
        "infos": 0,
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "/no/such/deck.json5"],
        ["check", "--format", "xml", "x"],
        ["check", "--max-size", "lots", "x"],
        ["show", "/no/such/deck.json5"],
        ["/no/such/deck.json5"],
        ["present", "/no/such/deck.json5"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert err.strip()
    assert "Traceback" not in err


def test_unknown_slide_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "show", str(SEED), "--slide", "7")
    assert status == 2
    assert "no slide '7': give a number from 1 to 1 or a slide ID" in err


def test_max_size_flag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = tmp_path / "big.json5"
    big.write_text("[" + "{}," * 200_000 + "]")
    status, out, _ = run(capsys, "check", "--max-size", "0.5", str(big))
    assert status == 1 and "larger than the 0.5 MB limit" in out
    assert run(capsys, "check", "--max-size", "2", str(big))[0] == 0


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "present" in out and "check" in out and "show" in out
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out.startswith("tui-slides ")


def test_bundled_decks_are_found() -> None:
    assert (bundled_decks() / SEED.name).is_file()


def test_python_dash_m_runs_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json5"
    broken.write_bytes(b"\xff\xfe\x00")
    result = subprocess.run(
        [sys.executable, "-m", "tui_slides", "check", str(broken), str(SEED)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{broken}:1:1: error: invalid UTF-16-LE at byte offset 2" in result.stdout


def test_check_reports_an_image_that_cannot_be_drawn(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    deck = tmp_path / "deck.json5"
    deck.write_text('{ content: [{ title: "pic",\n  img_path: "broken.png" }] }')
    status, out, _ = run(capsys, "check", str(deck))
    assert status == 0  # the deck loads; the image shows as a placeholder
    lines = out.splitlines()
    assert lines[0].startswith(f"{deck}:2:13: warning: 'img_path' 'broken.png': ")
    assert lines[-1] == "1 deck checked: 1 loaded, 0 failed; 0 errors, 1 warnings, 0 notes"


def test_present_reloads_with_the_options_it_loaded_with(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tui_slides.app

    seen: dict[str, object] = {}
    monkeypatch.setattr(
        tui_slides.app, "run_presenter", lambda deck, options: seen.update(vars(options)) or 0
    )
    deck = tmp_path / "deck.json5"
    deck.write_text("{ content: [] }")
    assert main(["present", str(deck), "--strict", "--max-size", "1"]) == 0
    assert seen["on_first_paint"] is startup.resume  # the entry point's start-up policy
    reload = seen["loader"]
    assert callable(reload)
    deck.write_text("{ content: [] ")  # tolerant mode would close the brace
    with pytest.raises(DeckSyntaxError, match="--strict is on"):
        reload(deck)
    deck.write_text("[" + "{}," * 400_000 + "]")  # over 1 MB
    with pytest.raises(DeckLimitError, match="1 MB limit"):
        reload(deck)


def test_collection_is_paused_while_a_command_runs_and_resumed_after(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up runs without the cyclic garbage collector (tui_slides.startup)."""
    import gc

    from tui_slides import cli

    seen: list[bool] = []
    real_show = cli.show

    def show(args: object) -> int:
        seen.append(gc.isenabled())
        return real_show(args)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "show", show)
    assert gc.isenabled()
    assert run(capsys, "show", str(SEED))[0] == 0
    assert seen == [False]
    assert gc.isenabled()
    assert run(capsys, "show", "--width", "x", str(SEED))[0] == 2  # usage errors resume it too
    assert gc.isenabled()


def test_check_collects_as_usual_while_it_loads_deck_after_deck(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only start-up runs without collection: ``check`` may read many large decks."""
    import gc

    from tui_slides import cli

    seen: list[bool] = []
    real_load = cli.load_deck

    def load_deck(path: str, **options: object) -> object:
        seen.append(gc.isenabled())
        return real_load(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "load_deck", load_deck)
    assert run(capsys, "check", str(SEED), str(SEED))[0] == 0
    assert seen == [True, True]


def test_the_command_pauses_collection_before_it_imports_anything_else() -> None:
    """``tui-slides`` runs ``startup.main``: the loader is imported with collection paused."""
    probe = (
        "import gc, sys\n"
        "class Spy:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'tui_slides.deck.loader':\n"
        "            print('loader imported, collection', gc.isenabled(), file=sys.stderr)\n"
        "sys.meta_path.insert(0, Spy())\n"
        "from tui_slides.startup import main\n"
        f"sys.argv = ['tui-slides', 'check', {str(SEED)!r}]\n"
        "status = main()\n"
        "print('done, collection', gc.isenabled(), status, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stderr.splitlines() == [
        "loader imported, collection False",
        "done, collection True 0",
    ]
