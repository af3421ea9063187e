"""`tui-slides export` as a command: exit statuses, no terminal needed, atomic output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.export_support import make_image, write_deck
from tui_slides.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_export_writes_both_files_with_no_terminal(tmp_path: Path) -> None:
    html, pdf = tmp_path / "seed.html", tmp_path / "seed.pdf"
    command = [
        sys.executable,
        "-m",
        "tui_slides",
        "export",
        str(SEED),
        "--html",
        str(html),
        "--pdf",
        str(pdf),
    ]
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TERM")}
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "file not found: '/img/logo.png'" in result.stderr  # the seed's own warning
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.html", "seed.pdf"]  # no .part


def test_a_deck_that_fails_to_load_exits_1_with_its_place_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o.html"
    status, _, err = run(
        capsys,
        "export",
        "--strict",
        str(SEED),
        "--html",
        str(out),
        "--pdf",
        str(out.with_suffix(".pdf")),
    )
    assert status == 1
    assert err.startswith(f"{SEED}:2:14: error: missing ','")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "export needs an output"),
        (["--html", "{tmp}/no/such/dir/o.html"], "no such folder"),
        (["--pdf", "{tmp}"], "is a folder"),
        (["--html", "{tmp}/o.out", "--pdf", "{tmp}/o.out"], "--html and --pdf name one file"),
        (["--html", "{tmp}/o.out", "--pdf", "{tmp}/./o.out"], "--html and --pdf name one file"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    status, _, err = run(capsys, "export", str(SEED), *argv)
    assert status == 2
    assert message in err


def test_a_missing_deck_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, "export", str(tmp_path / "nope.json5"), "--html", str(tmp_path / "o.html")
    )
    assert status == 2 and "no such deck" in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_an_unwritable_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    # /proc refuses new files even to root (CI runs as root, so a chmod-ed folder would not do).
    status, _, err = run(capsys, "export", str(SEED), "--html", "/proc/tui-slides-export.html")
    assert status == 2 and "cannot write" in err


def test_a_failed_export_leaves_the_old_file_and_no_part_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_slides.export.pdf as pdf_module

    out = tmp_path / "deck.pdf"
    out.write_bytes(b"the old PDF")

    def half_then_fail(deck: object, stream: object, **_: object) -> list[str]:
        stream.write(b"%PDF-1.4 half")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf_module, "deck_pdf", half_then_fail)
    status, _, err = run(capsys, "export", str(SEED), "--pdf", str(out))
    assert status == 2
    assert "cannot write" in err and "No space left on device" in err
    assert out.read_bytes() == b"the old PDF"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pdf"]


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    out = tmp_path / "o.html"
    deck = write_deck(tmp_path, {"content": [{"title": "T"}]})
    old = os.umask(0o022)
    try:
        assert main(["export", str(deck), "--html", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_show_still_prints_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", str(SEED), "--width", "80")
    assert status == 0 and "IT-ЦЕНТРЫ" in out


def test_a_pipe_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    deck = write_deck(tmp_path, {"content": [{"title": "Через трубу"}]})
    assert main(["export", str(deck), "--html", str(fifo)]) == 0
    reader.join(timeout=30)
    assert "Через трубу" in received[0].decode("utf-8")
    assert fifo.is_fifo()  # still a pipe, not a plain file put in its place


def test_a_symlink_keeps_pointing_at_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "real.html"
    target.write_text("old", "utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    deck = write_deck(tmp_path, {"content": [{"title": "T"}]})
    assert main(["export", str(deck), "--html", str(link)]) == 0
    assert link.is_symlink() and target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_a_rendering_failure_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_slides.export.html_page as html_module

    def broken(*_: object, **__: object) -> None:
        raise ValueError("a limit of the renderer")

    monkeypatch.setattr(html_module, "deck_html", broken)
    out = tmp_path / "o.html"
    status, _, err = run(capsys, "export", str(SEED), "--html", str(out))
    assert status == 1
    assert f"could not export {out}: ValueError: a limit of the renderer" in err
    assert "Traceback" not in err and not out.exists()


def test_help_lists_export(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "export" in out


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "o.pdf"
    out.write_bytes(b"old")
    out.chmod(0o640)
    deck = write_deck(tmp_path, {"content": [{"title": "T"}]})
    assert main(["export", str(deck), "--pdf", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-") and out.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("target", "what"),
    [
        ("deck.json5", "is the deck"),
        ("pic.png", "is a file the deck shows"),
        ("look.tcss", "is the deck's CSS"),
        ("folder/b.json5", "is a slide's file"),
    ],
)
def test_an_export_never_writes_over_a_file_of_the_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, what: str
) -> None:
    make_image(tmp_path / "pic.png", (4, 4))
    (tmp_path / "look.tcss").write_text(".block { color: red; }\n", encoding="utf-8")
    deck = tmp_path / "deck.json5"
    deck.write_text(
        '{css: "look.tcss", slides: [{content: [{title: "A", img_path: "pic.png"}]}]}',
        encoding="utf-8",
    )
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in ("a.json5", "b.json5"):
        (folder / name).write_text(f'{{content: [{{title: "{name}"}}]}}', encoding="utf-8")
    source = folder if target.startswith("folder/") else deck
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    for option in ("--html", "--pdf"):
        status, _, err = run(capsys, "export", str(source), option, str(tmp_path / target))
        assert status == 2 and f"{what}: the export would replace it" in err
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == before


def test_a_deck_with_css_is_told_the_export_uses_the_theme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "look.tcss").write_text(".block { color: red; }\n", encoding="utf-8")
    deck = tmp_path / "deck.json5"
    deck.write_text('{css: "look.tcss", slides: [{content: [{title: "A"}]}]}', encoding="utf-8")
    status, _, err = run(capsys, "export", str(deck), "--html", str(tmp_path / "o.html"))
    assert status == 0 and "look.tcss styles the presenter only; exports use the theme" in err
    (tmp_path / "plain").mkdir()
    plain = write_deck(tmp_path / "plain", {"content": [{"title": "A"}]})
    status, _, err = run(capsys, "export", str(plain), "--html", str(tmp_path / "p.html"))
    assert status == 0 and "styles the presenter only" not in err
