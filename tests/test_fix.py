"""`tui-slides fix` as a user meets it: the seed's diff, --write, and every refusal."""

from __future__ import annotations

import dataclasses
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import json5
import pytest

from tests.conftest import ROOT, SEED
from tests.fix_support import patch, run
from tests.test_import_hygiene import imported_after
from tui_slides import fixing
from tui_slides.deck import fix
from tui_slides.deck.loader import load_deck

SEED_TEXT = SEED.read_text(encoding="utf-8")
BROKEN = '{title: "a" content: ["one\ntwo",, "three"'
"""A small deck with one repair of every kind."""
BROKEN_FIXED = '{title: "a", content: ["one\\n\\\ntwo", "three"\n]\n}'


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A copy of the seed deck, to be fixed."""
    path = tmp_path / "seed.json5"
    shutil.copy(SEED, path)
    return path


def test_seed_diff_is_json5_passes_strict_check_and_loads_to_the_same_deck(
    capsys: pytest.CaptureFixture[str], seed: Path
) -> None:
    status, diff, err = run(capsys, "fix", str(seed))
    assert (status, err) == (0, "")
    assert seed.read_bytes() == SEED.read_bytes()  # without --write, nothing is written
    fixed = patch(SEED_TEXT, diff)
    with pytest.raises(ValueError):
        json5.loads(SEED_TEXT)  # the seed is not JSON5: the reference parser is a real test
    json5.loads(fixed)
    original = load_deck(seed)
    seed.write_text(fixed, encoding="utf-8", newline="")
    assert run(capsys, "check", "--strict", str(seed))[0] == 0
    loaded = load_deck(seed)
    assert dataclasses.replace(loaded, diagnostics=()) == dataclasses.replace(
        original, diagnostics=()
    )
    repairs = [d for d in original.diagnostics if "missing ','" in d.message or "raw" in d.message]
    assert len(repairs) == 2
    assert list(loaded.diagnostics) == [d for d in original.diagnostics if d not in repairs]


def test_seed_changes_only_at_the_repaired_places(
    capsys: pytest.CaptureFixture[str], seed: Path
) -> None:
    fixed = patch(SEED_TEXT, run(capsys, "fix", str(seed))[1])
    before, after = SEED_TEXT.split("\n"), fixed.split("\n")
    assert len(before) == len(after)  # the layout is kept: no line joined, none added
    pairs = enumerate(zip(before, after, strict=True), 1)
    changed = [number for number, (old, new) in pairs if old != new]
    assert after[1] == before[1] + ","  # line 2: the missing comma, just after the value
    for number in changed[1:]:  # lines 23 to 71: the raw line breaks of one string
        assert after[number - 1] == before[number - 1] + "\\n\\"
    assert changed == [2, *range(23, 23 + 49)]  # "49 in this string", as check says
    assert '  "content": [ // нихуя нет //' in after  # comments kept as they were


def test_write_fixes_the_seed_atomically_and_keeps_the_mode(
    capsys: pytest.CaptureFixture[str], seed: Path
) -> None:
    seed.chmod(0o640)
    inode = seed.stat().st_ino
    expected = patch(SEED_TEXT, run(capsys, "fix", str(seed))[1])
    status, out, err = run(capsys, "fix", "--write", str(seed))
    assert (status, out, err) == (0, "", f"{seed}: 2 repairs written\n")
    assert seed.read_text(encoding="utf-8") == expected
    assert stat.S_IMODE(seed.stat().st_mode) == 0o640
    assert seed.stat().st_ino != inode  # a new file renamed over the old, not rewritten in place
    assert [path.name for path in seed.parent.iterdir()] == ["seed.json5"]  # no temporary file left
    assert run(capsys, "fix", "--write", str(seed)) == (0, "", f"{seed}: nothing to fix\n")


def test_every_repair_kind_on_a_small_deck(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deck = tmp_path / "deck.json5"
    deck.write_text(BROKEN, encoding="utf-8")
    assert run(capsys, "fix", "--write", str(deck))[:2] == (0, "")
    assert deck.read_text(encoding="utf-8") == BROKEN_FIXED
    assert json5.loads(BROKEN_FIXED) == {"title": "a", "content": ["one\ntwo", "three"]}


def test_a_deck_without_repairs_prints_nothing_and_is_left_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deck = tmp_path / "deck.json5"
    deck.write_text("{content: ['fine'], // a trailing comma is JSON5\n}\n", encoding="utf-8")
    before = deck.stat()
    for write in ([], ["--write"]):
        assert run(capsys, "fix", *write, str(deck)) == (0, "", f"{deck}: nothing to fix\n")
    assert deck.stat().st_mtime_ns == before.st_mtime_ns and deck.stat().st_ino == before.st_ino


def test_the_json5_safety_net_keeps_the_file_when_json5_rejects_the_result(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed: Path
) -> None:
    assert fix.json5_rejects("{a: 1 b: 2}") is not None  # the net catches what json5 rejects
    assert fix.json5_rejects(fix.fix_text(SEED_TEXT, "seed").text) is None
    monkeypatch.setattr(fix, "json5_rejects", lambda text: "simulated: Unexpected ',' at 2:14")
    for write in ([], ["--write"]):
        status, out, err = run(capsys, "fix", *write, str(seed))
        assert (status, out) == (1, "")
        assert err == (
            f"{seed}:1:1: error: the reference json5 parser rejects the repaired text"
            " (simulated: Unexpected ',' at 2:14); nothing written\n"
        )
    assert seed.read_bytes() == SEED.read_bytes()
    assert [path.name for path in seed.parent.iterdir()] == ["seed.json5"]


def test_a_hard_syntax_error_is_reported_with_its_place_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deck = tmp_path / "deck.json5"
    deck.write_text('{title: "a"\n content: [1 2 }', encoding="utf-8")
    status, out, err = run(capsys, "fix", "--write", str(deck))
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"{deck}:2:16: error: expected ',' or ']' after the array element, found '}}'",
        "   content: [1 2 }",
        "                 ^",
    ]
    assert deck.read_text(encoding="utf-8") == '{title: "a"\n content: [1 2 }'


def test_several_decks_and_folders_each_file_is_fixed_on_its_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "talk"
    folder.mkdir()
    (folder / "01.json5").write_text("{content: ['a' 'b']}", encoding="utf-8")
    (folder / "02.json").write_text('{"content": ["c"]}', encoding="utf-8")
    (folder / ".hidden.json5").write_text("{content: ['a' 'b']}", encoding="utf-8")
    (folder / "notes.md").write_text("{content: ['a' 'b']}", encoding="utf-8")
    broken = tmp_path / "broken.json5"
    broken.write_text("{content: [}", encoding="utf-8")
    single = tmp_path / "single.json5"
    single.write_text("[{content: 'x'},, {content: 'y'}]", encoding="utf-8")
    status, out, err = run(capsys, "fix", "--write", str(folder), str(broken), str(single))
    assert (status, out) == (1, "")  # one deck failed; the others were still fixed
    assert err.splitlines()[0] == f"{folder / '01.json5'}: 1 repair written"
    assert f"{broken}:1:12: error: expected a value, found '}}'" in err
    assert err.splitlines()[-1] == f"{single}: 1 repair written"
    assert (folder / "01.json5").read_text(encoding="utf-8") == "{content: ['a', 'b']}"
    assert single.read_text(encoding="utf-8") == "[{content: 'x'}, {content: 'y'}]"
    for untouched in (".hidden.json5", "notes.md"):
        assert (folder / untouched).read_text(encoding="utf-8") == "{content: ['a' 'b']}"
    assert broken.read_text(encoding="utf-8") == "{content: [}"


@pytest.mark.parametrize(
    ("original", "fixed"),
    [
        pytest.param(
            b"\xef\xbb\xbf{content: [\r\n  'a' // one\r\n  'b\r\nc'\r\n",
            b"\xef\xbb\xbf{content: [\r\n  'a', // one\r\n  'b\\n\\\r\nc'\r\n]\r\n}\r\n",
            id="utf-8 with BOM and CRLF",
        ),
        pytest.param(
            "\ufeff{content: ['ж' 'b']}".encode("utf-16-le"),
            "\ufeff{content: ['ж', 'b']}".encode("utf-16-le"),
            id="utf-16 with BOM",
        ),
    ],
)
def test_encoding_bom_and_line_endings_are_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, original: bytes, fixed: bytes
) -> None:
    deck = tmp_path / "deck.json5"
    deck.write_bytes(original)
    assert run(capsys, "fix", "--write", str(deck))[0] == 0
    assert deck.read_bytes() == fixed


def test_the_diff_keeps_crlf_and_marks_a_last_line_without_line_break(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deck = tmp_path / "deck.json5"
    text = "{\r\n  title: 'a'\r\n  content: ['b']}"
    deck.write_bytes(text.encode())
    status, diff, _ = run(capsys, "fix", str(deck))
    assert status == 0
    assert diff.split("\n", 2)[2] == (
        "@@ -1,3 +1,3 @@\n {\r\n-  title: 'a'\r\n+  title: 'a',\r\n   content: ['b']}\n"
        "\\ No newline at end of file\n"
    )
    assert patch(text, diff) == "{\r\n  title: 'a',\r\n  content: ['b']}"


def test_control_characters_in_names_and_text_do_not_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deck = tmp_path / "evil\x1b]0;owned\x07.json5"
    deck.write_text("{title: 'red \x1b[31m' content: ['a']}", encoding="utf-8")
    status, diff, _ = run(capsys, "fix", str(deck))
    assert status == 0
    assert "\x1b" not in diff and "\x07" not in diff
    name = str(deck).lstrip("/").replace("\x1b", "␛").replace("\x07", "␇")
    assert diff.splitlines()[:2] == [f"--- a/{name}", f"+++ b/{name}"]
    assert "+{title: 'red ␛[31m', content: ['a']}" in diff.splitlines()


def test_a_file_name_that_is_not_utf8_is_shown_with_a_stand_in(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "talk"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"\xff.json5")).write_text("['a' 'b']", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    status, diff, err = run(capsys, "fix", str(folder))
    assert status == 0 and err == ""
    assert diff.splitlines()[0] == f"--- a/{str(folder).lstrip('/')}/\\xff.json5"


def test_a_symbolic_link_stays_a_link_and_its_target_is_fixed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "real.json5"
    target.write_text("['a' 'b']", encoding="utf-8")
    link = tmp_path / "link.json5"
    link.symlink_to(target)
    assert run(capsys, "fix", "--write", str(link))[0] == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "['a', 'b']"


def test_a_failed_write_leaves_the_file_and_no_temporary_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed: Path
) -> None:
    def full_disk(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixing.Path, "replace", full_disk)
    status, _, err = run(capsys, "fix", "--write", str(seed))
    assert status == 1
    assert err.startswith(f"{seed}:1:1: error: cannot write the file: No space left on device")
    assert seed.read_bytes() == SEED.read_bytes()
    assert [path.name for path in seed.parent.iterdir()] == ["seed.json5"]


def test_a_file_changed_while_it_is_fixed_is_left_as_the_other_writer_left_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed: Path
) -> None:
    def fix_while_an_editor_saves(text: str, path: str, **options: Any) -> fix.Fixed:
        seed.write_text("[{content: 'saved meanwhile'}]", encoding="utf-8")
        return fix.fix_text(text, path, **options)

    monkeypatch.setattr(fixing, "fix_text", fix_while_an_editor_saves)
    status, _, err = run(capsys, "fix", "--write", str(seed))
    assert status == 1
    assert "it changed while it was being fixed; run fix again; nothing written" in err
    assert seed.read_text(encoding="utf-8") == "[{content: 'saved meanwhile'}]"


@pytest.mark.parametrize(
    "argv", [["fix"], ["fix", "missing.json5"], ["fix", "--wirte", "x"], ["fix", "--max-size", "0"]]
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err


def test_special_files_are_refused_without_being_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "deck.json5"
    os.mkfifo(fifo)  # opening it for reading would block until a writer came
    status, _, err = run(capsys, "fix", "--write", str(fifo))
    assert status == 1
    assert err.startswith(f"{fifo}:1:1: error: not a regular file")


def test_max_size_is_honoured(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    status, _, err = run(capsys, "fix", "--max-size", "0.005", str(seed))
    assert status == 1
    assert err.startswith(
        f"{seed}:1:1: error: the file is larger than the 0.005 MB limit"
    )  # as typed


def test_the_readme_example_is_what_fix_prints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("$ tui-slides fix talk.json5\n", 1)[1].split("\n```", 1)[0]
    diff, written = example.split("$ tui-slides fix --write talk.json5\n")
    original = "".join(line[1:] + "\n" for line in diff.splitlines()[3:] if line[0] in " -")
    monkeypatch.chdir(tmp_path)
    Path("talk.json5").write_text(original, encoding="utf-8")
    assert run(capsys, "fix", "talk.json5") == (0, diff, "")
    assert run(capsys, "fix", "--write", "talk.json5") == (0, "", written + "\n")


def test_a_large_file_says_the_json5_check_takes_a_while(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed: Path
) -> None:
    monkeypatch.setattr(fix, "SLOW_CHECK", 1000)  # the seed stands in for a large deck
    status, _, err = run(capsys, "fix", "--write", str(seed))
    assert status == 0
    assert err.splitlines() == [
        f"{seed}: checking the repaired text with the reference json5 parser (about 1 s for"
        " this size)",
        f"{seed}: 2 repairs written",
    ]


def test_only_fix_imports_json5(tmp_path: Path) -> None:
    deck = tmp_path / "deck.json5"
    shutil.copy(SEED, deck)
    run_quietly = (
        "import io\nfrom contextlib import redirect_stderr as err, redirect_stdout as out\n"
        "from tui_slides.cli import main\nwith out(io.StringIO()), err(io.StringIO()):\n"
        "    main([{command!r}, {deck!r}])"
    )
    for command, imports in (("check", False), ("show", False), ("fix", True)):
        code = run_quietly.format(command=command, deck=str(deck))
        assert ("json5" in imported_after(code)) is imports, command


def test_a_read_only_file_is_not_replaced(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    seed.chmod(0o444)  # the folder is writable: renaming over the file would work
    status, _, err = run(capsys, "fix", "--write", str(seed))
    assert status == 1
    assert err == f"{seed}:1:1: error: cannot write the file: it is read-only; nothing written\n"
    assert seed.read_bytes() == SEED.read_bytes()
    assert [path.name for path in seed.parent.iterdir()] == ["seed.json5"]
