"""``tui-slides show``: slide headers, the same renderables as the app, colour only on terminals."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys

import pytest
from rich.console import Console
from rich.text import Text

from tests.conftest import ROOT, SEED
from tui_slides import cli
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, Deck, Layout, Slide, TextFormat
from tui_slides.render.slide import make_console, print_deck

EXPECTED = ROOT / "tests" / "expected"


def shown(deck: Deck, width: int, **kwargs: object) -> str:
    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, _environ={}, color_system=None
    )
    print_deck(deck, console, **kwargs)  # type: ignore[arg-type]
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def seed_at_60() -> str:
    block = (EXPECTED / "seed-block-2-width-60.txt").read_text(encoding="utf-8")
    return (
        "1 / 1 · 1.5.1.1.2 · IT-ЦЕНТРЫ                        NurOtan\n"
        + "─" * 60
        + "\nIT-ЦЕНТРЫ\n"  # the slide's heading, ruled as the presenter rules it
        + "─" * 60
        + "\n\nПаспорт партийного проекта «Подготовка IT-специалистов»\n\n"
        + block
        + "\n"
    )


def test_seed() -> None:
    assert shown(load_deck(SEED), 60) == seed_at_60()


def test_capped_at_a_readable_width() -> None:
    lines = shown(load_deck(SEED), 200).splitlines()
    assert lines[0].endswith("NurOtan") and len(lines[0]) == 100
    assert lines[1] == "─" * 100


def deck_of_three() -> Deck:
    return Deck(
        slides=(
            Slide(id="1", logo_title="Acme", content=(Block(title="One", text="First."),)),
            Slide(content=(Block(title="Two", text="- a\n- b"),)),
            Slide(id="3", logo_title="Acme"),
        ),
        source="three.json5",
    )


def test_every_slide_with_its_position() -> None:
    assert shown(deck_of_three(), 30) == (
        "1 / 3 · 1 · One           Acme\n"
        + "─" * 30
        + "\n             One\n           ───────\n\n            First.\n\n"  # a title slide
        + "2 / 3 · Two\n"
        + "─" * 30
        + "\nTwo\n"
        + "─" * 30
        + "\n\n  • a\n  • b\n\n"
        + "3 / 3 · 3                 Acme\n"
        + "─" * 30
        + "\n(empty slide)\n\n"
    )


def test_show_prints_each_slide_in_its_layout_at_the_width_printed_to() -> None:
    blocks = (Block(title="Left", text="left words"), Block(title="Right", text="right words"))
    deck = Deck(
        slides=(
            Slide(layout=Layout.COLUMNS, content=blocks),
            Slide(layout=Layout.TITLE, content=(Block(title="Big", text="by me"),)),
        ),
        source="x",
    )
    wide = shown(deck, 80, index=0).splitlines()
    assert wide[2].split() == ["Left", "Right"]  # side by side, each title ruled
    assert wide[3].split() == ["─" * 39, "─" * 40] and wide[5].split() == [
        "left", "words", "right", "words"
    ]  # fmt: skip
    narrow = shown(deck, 50, index=0).splitlines()  # columns under 30 cells: stacked
    assert [line for line in narrow if line.strip()][2:5] == ["Left", "─" * 50, "left words"]
    title = shown(deck, 40, index=1).splitlines()
    assert [line.strip() for line in title[2:]] == ["B i g", "─" * 9, "", "by me", ""]
    assert title[2].index("B") == (40 - len("B i g")) // 2  # centred across the width


def test_show_puts_three_columns_side_by_side_in_its_100_cells() -> None:
    blocks = tuple(Block(title=f"T{n}", text=f"text {n}") for n in range(3))
    deck = Deck(slides=(Slide(layout=Layout.COLUMNS, content=blocks),), source="x")
    lines = shown(deck, 160).splitlines()  # capped at 100: three columns of 32 cells
    assert lines[2].split() == ["T0", "T1", "T2"] and len(lines[1]) == 100
    assert [line for line in shown(deck, 80).splitlines() if line.strip()][2] == "T0"  # 26: stacked


def test_code_in_a_column_folds_and_loses_nothing() -> None:
    code = "this_is_a_very_long_line_of_code_that_will_not_fit = call(a, b)"
    blocks = (
        Block(title="Text", text="words"),
        Block(title="Code", text=f"```\n{code}\n```", format=TextFormat.MARKDOWN),
    )
    deck = Deck(slides=(Slide(layout=Layout.COLUMNS, content=blocks),), source="x")
    right = [line[40:].strip() for line in shown(deck, 80).splitlines()[4:]]
    assert "".join(right).replace(" ", "") == code.replace(" ", "")  # folded, not cut with …


def test_a_slide_without_a_title_is_headed_by_its_name() -> None:
    deck = Deck(slides=(Slide(name="Closing", content=(Block(text="Thanks."),)),), source="x")
    assert shown(deck, 30).splitlines()[0] == "1 / 1 · Closing"


def test_one_slide_by_index() -> None:
    assert shown(deck_of_three(), 30, index=1) == (
        "2 / 3 · Two\n" + "─" * 30 + "\nTwo\n" + "─" * 30 + "\n\n  • a\n  • b\n\n"
    )


def test_a_long_header_puts_the_logo_title_on_its_own_line() -> None:
    slide = Slide(id="1.2.3", logo_title="NurOtan", content=(Block(title="A rather long title"),))
    output = shown(Deck(slides=(slide,), source="x"), 30)
    assert output.splitlines()[:3] == [
        "1 / 1 · 1.2.3 · A rather long",
        "title",
        "                       NurOtan",
    ]


def test_media_hook_adds_renderables_after_the_text() -> None:
    deck = deck_of_three()
    output = shown(deck, 30, index=0, media=lambda block: [Text(f"[media of {block.title}]")])
    assert [line.strip() for line in output.splitlines()][-4:] == [
        "First.", "", "[media of One]", ""
    ]  # fmt: skip


def test_notes_are_never_shown() -> None:
    slide = Slide(notes="secret speaker note", content=(Block(text="Public."),))
    assert "secret" not in shown(Deck(slides=(slide,), source="x"), 40)


# The console -------------------------------------------------------------------------------


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM", "COLUMNS", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def print_seed(console: Console) -> str:
    print_deck(load_deck(SEED), console)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def test_piped_output_is_plain(clean_env: pytest.MonkeyPatch) -> None:
    output = print_seed(make_console(60, io.StringIO()))
    assert output == seed_at_60()


def test_colour_on_a_terminal(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("FORCE_COLOR", "1")  # what a terminal looks like to rich
    output = print_seed(make_console(60, io.StringIO()))
    assert "\x1b[1;36mIT-ЦЕНТРЫ\x1b[0m" in output


def test_no_color_means_plain_text_even_on_a_terminal(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("FORCE_COLOR", "1")
    clean_env.setenv("NO_COLOR", "1")
    assert print_seed(make_console(60, io.StringIO())) == seed_at_60()


def test_empty_no_color_is_ignored(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("FORCE_COLOR", "1")
    clean_env.setenv("NO_COLOR", "")
    assert "\x1b[" in print_seed(make_console(60, io.StringIO()))


def test_deck_text_is_not_markup_or_emoji(clean_env: pytest.MonkeyPatch) -> None:
    deck = Deck(slides=(Slide(content=(Block(text="[red]x[/red] :smile:"),)),), source="x")
    console = make_console(40, io.StringIO())
    print_deck(deck, console)
    assert "[red]x[/red] :smile:" in console.file.getvalue()  # type: ignore[attr-defined]


# Through the command line ------------------------------------------------------------------


def test_cli_show(capsys: pytest.CaptureFixture[str], clean_env: pytest.MonkeyPatch) -> None:
    assert cli.main(["show", str(SEED), "--width", "60"]) == 0
    assert capsys.readouterr().out == seed_at_60()


def test_cli_show_one_slide_by_id(
    capsys: pytest.CaptureFixture[str], clean_env: pytest.MonkeyPatch
) -> None:
    assert cli.main(["show", str(SEED), "--slide", "1.5.1.1.2", "--width", "60"]) == 0
    assert capsys.readouterr().out == seed_at_60()


def test_show_does_not_import_textual() -> None:
    script = (
        "import io, sys\n"
        "from tui_slides.cli import main\n"
        f"status = main(['show', {str(SEED)!r}, '--width', '60'])\n"
        "print(status, 'textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 False"
    assert "IT-ЦЕНТРЫ" in result.stdout


@pytest.mark.parametrize(("argv", "collects"), [([], True), (["--slide", "2"], False)])
def test_show_collects_garbage_while_it_prints_a_deck_not_for_one_slide(
    argv: list[str], collects: bool
) -> None:
    """``startup`` pauses the collector until ``started``: printing a whole deck is a long
    run, and memory must not grow with it (1,000 slides of tables: 433 MB, not 27)."""
    deck = ROOT / "decks" / "tour.json5"
    calls: list[str] = []
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(["show", str(deck), *argv], started=lambda: calls.append("started"))
    assert status == 0 and out.getvalue()
    assert calls == (["started"] if collects else [])
