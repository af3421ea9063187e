"""The command line as a user meets it: `check`, exit statuses, output formats, usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED
from tui_slides import startup
from tui_slides.cli import main
from tui_slides.commands import check, common, present
from tui_slides.commands.present import bundled_decks
from tui_slides.deck.errors import DeckLimitError, DeckSyntaxError
from tui_slides.deck.model import Deck, Slide


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
        out.splitlines()[-1] == "1 deck checked: 0 loaded, 1 failed; 1 error, 0 warnings, 0 notes"
    )


def test_check_several_decks_one_broken(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json5"
    broken.write_text("{ content: [ }")
    status, out, _ = run(capsys, "check", str(SEED), str(broken))
    assert status == 1
    assert f"{broken}:1:14: error: expected a value, found '}}'" in out
    assert (
        out.splitlines()[-1] == "2 decks checked: 1 loaded, 1 failed; 1 error, 3 warnings, 0 notes"
    )


def test_check_fails_a_folder_deck_whose_slide_file_is_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The deck loads without the file, but a slide is lost: an error, and status 1 (CI)."""
    (tmp_path / "a.json5").write_text("{content: [{title: 'A'}]}", encoding="utf-8")
    (tmp_path / "b.txt").write_text("not a deck", encoding="utf-8")
    status, out, _ = run(capsys, "check", str(tmp_path))
    assert status == 1
    assert "b.txt:1:1: error:" in out and "1 loaded, 0 failed; 1 error" in out
    (tmp_path / "b.txt").unlink()
    assert run(capsys, "check", str(tmp_path))[0] == 0


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
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setattr(present, "terminal_problem", lambda: None)  # the deck is what is wrong
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert err.strip()
    assert "Traceback" not in err
    if "/no/such/deck.json5" in argv:
        assert err == "tui-slides: error: no such deck: /no/such/deck.json5\n"


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
    assert lines[-1] == "1 deck checked: 1 loaded, 0 failed; 0 errors, 1 warning, 0 notes"


def test_present_reloads_with_the_options_it_loaded_with(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tui_slides.app

    seen: dict[str, object] = {}
    monkeypatch.setattr(
        tui_slides.app, "run_presenter", lambda deck, options: seen.update(vars(options)) or 0
    )
    monkeypatch.setattr(present, "terminal_problem", lambda: None)  # as if on a terminal
    deck = tmp_path / "deck.json5"
    deck.write_text("{ content: [] }")
    assert startup.main(["present", str(deck), "--strict", "--max-size", "1"]) == 0
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
    """The ``tui-slides`` command runs without the cyclic garbage collector (tui_slides.startup)."""
    import gc

    seen: list[bool] = []
    real_load = common.load_deck

    def load_deck(path: str, **options: object) -> object:
        seen.append(gc.isenabled())
        return real_load(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(common, "load_deck", load_deck)
    assert gc.isenabled()
    assert startup.main(["show", str(SEED)]) == 0
    assert seen == [False]
    assert gc.isenabled()
    assert startup.main(["show", "--width", "x", str(SEED)]) == 2  # usage errors resume it too
    assert gc.isenabled()
    capsys.readouterr()


def test_check_collects_as_usual_while_it_loads_deck_after_deck(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only start-up runs without collection: ``check`` may read many large decks."""
    import gc

    seen: list[bool] = []
    real_load = check.load_deck

    def load_deck(path: str, **options: object) -> object:
        seen.append(gc.isenabled())
        return real_load(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(check, "load_deck", load_deck)
    assert startup.main(["check", str(SEED), str(SEED)]) == 0
    assert seen == [True, True]
    capsys.readouterr()


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


def test_the_command_hands_the_gil_over_quickly_so_frames_go_out_as_drawn() -> None:
    """Textual's writer thread waits for the GIL: ``tui-slides`` shortens the switch interval."""
    probe = (
        "import sys\n"
        "default = sys.getswitchinterval()\n"
        "from tui_slides.startup import SWITCH_INTERVAL, main\n"
        f"sys.argv = ['tui-slides', 'check', {str(SEED)!r}]\n"
        "main()\n"
        "print(default, sys.getswitchinterval() == SWITCH_INTERVAL < default, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stderr.split() == ["0.005", "True"]


@pytest.fixture
def three_slides(tmp_path: Path) -> Path:
    deck = tmp_path / "three.json5"
    deck.write_text(
        '[{ content: [{ title: "one" }] }, { content: [{ title: "two" }] },'
        ' { ID: "²", content: [{ title: "three" }] }]'
    )
    return deck


@pytest.mark.parametrize(
    ("key", "slide"),
    [
        ("2", "two"),
        ("0002", "two"),
        ("0" * 5000 + "1", "one"),  # past int()'s 4300 digits, still the first slide
        ("٣", "three"),  # Arabic-Indic three: a decimal digit, as int() reads it
        ("²", "three"),  # not a digit int() reads, but this slide's ID
    ],
    ids=["2", "0002", "5000 zeros, then 1", "Arabic-Indic 3", "superscript 2 as an ID"],
)
def test_slide_numbers_in_any_form_find_the_right_slide(
    capsys: pytest.CaptureFixture[str], three_slides: Path, key: str, slide: str
) -> None:
    status, out, _ = run(capsys, "show", str(three_slides), "--slide", key, "--width", "40")
    assert status == 0
    assert slide in out and len(out.split("/ 3")) == 2  # that slide alone


@pytest.mark.parametrize(
    "key",
    ["9" * 5000, "0", "4", "①", "³", "-1", "1e3", "", " "],
    ids=["5000 nines", "0", "4", "circled 1", "superscript 3", "-1", "1e3", "empty", "space"],
)
def test_slide_numbers_that_name_no_slide_are_usage_errors(
    capsys: pytest.CaptureFixture[str], three_slides: Path, key: str
) -> None:
    status, out, err = run(capsys, "show", str(three_slides), "--slide", key)
    assert status == 2 and out == ""
    said = err.splitlines()[-1]
    assert said.startswith("tui-slides: error: no slide '")
    assert said.endswith("': give a number from 1 to 3 or a slide ID")
    assert len(said) < 120  # a 5000-digit key is cut short


@given(st.text(max_size=20))
def test_any_slide_key_finds_one_slide_or_none(key: str) -> None:
    deck = Deck(tuple(Slide(id=f"{n}.1") for n in range(12)), "deck.json5")
    found = deck.find(key)
    assert found is None or 0 <= found < len(deck)
    stripped = key.strip()
    if found is not None and stripped not in {slide.id for slide in deck.slides}:
        assert int(stripped) == found + 1  # only a position can have found it


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=6000))
def test_every_position_is_found_with_any_number_of_leading_zeros(
    position: int, zeros: int
) -> None:
    deck = Deck(tuple(Slide(id=f"{n}.1") for n in range(12)), "deck.json5")
    assert deck.find("0" * zeros + str(position)) == position - 1


def test_the_command_line_does_not_import_the_entry_point() -> None:
    """``startup`` imports ``cli``; the way back would be a circle (``started`` is handed in)."""
    probe = (
        "import io, sys\n"
        "from contextlib import redirect_stderr as err, redirect_stdout as out\n"
        "from tui_slides.cli import main\n"
        "with out(io.StringIO()), err(io.StringIO()):\n"
        f"    main(['check', {str(SEED)!r}]), main(['show', {str(SEED)!r}])\n"
        "print('tui_slides.startup' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout == "False\n"
