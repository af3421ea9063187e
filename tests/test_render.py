"""Exact Console output of slide text: the seed at three widths, lists, CJK, Markdown."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.style import Style
from rich.text import Text

from tests.conftest import ROOT, SEED
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, TextFormat
from tui_slides.render import DEFAULT_STYLES, MEASURE, render_block, render_text

EXPECTED = Path(__file__).parent / "expected"


def plain(renderable: RenderableType, width: int) -> str:
    """What ``renderable`` prints as on a terminal of ``width`` columns without colour."""
    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, _environ={}, color_system=None
    )
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def styled(renderable: RenderableType, width: int) -> str:
    """What ``renderable`` prints as on a colour terminal, as rich's own tests do it."""
    console = Console(width=width, file=io.StringIO(), force_terminal=True, _environ={})
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def text(source: str, width: int) -> str:
    return plain(render_text(source), width)


@pytest.fixture(scope="module")
def seed_block() -> Block:
    return load_deck(SEED).slides[0].content[1]


# The seed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 100])
def test_seed_block_plain(seed_block: Block, width: int) -> None:
    expected = (EXPECTED / f"seed-block-2-width-{width}.txt").read_text(encoding="utf-8")
    assert plain(render_block(seed_block), width) == expected


def test_seed_block_never_wider_than_the_measure(seed_block: Block) -> None:
    wide = plain(render_block(seed_block), 200)
    assert wide == (EXPECTED / "seed-block-2-width-100.txt").read_text(encoding="utf-8")
    assert max(cell_len(line) for line in wide.splitlines()) == MEASURE


def test_seed_block_fills_the_terminal_without_a_measure(seed_block: Block) -> None:
    lines = plain(render_block(seed_block, measure=None), 200).splitlines()
    assert max(cell_len(line) for line in lines) > 150


def test_no_trailing_spaces(seed_block: Block) -> None:
    for width in (40, 60, 100):
        assert all(
            line == line.rstrip() for line in plain(render_block(seed_block), width).split("\n")
        )


def test_seed_title_block_styled() -> None:
    block = load_deck(SEED).slides[0].content[0]
    assert styled(render_block(block), 40) == (
        "\x1b[1;36mIT-ЦЕНТРЫ\x1b[0m\n\nПаспорт партийного проекта «Подготовка\nIT-специалистов»\n"
    )


def test_styled_rendering() -> None:
    block = Block(title="Plan", text="Goals:\n\nIntro line\nSteps:\n1. one\n10. ten\n  - sub")
    assert styled(render_block(block), 40) == (
        "\x1b[1;36mPlan\x1b[0m\n"
        "\n"
        "\x1b[1mGoals:\x1b[0m\n"
        "Intro line\n"
        "\n"
        "\x1b[3mSteps:\x1b[0m\n"
        "   \x1b[1;36m1.\x1b[0m one\n"
        "  \x1b[1;36m10.\x1b[0m ten\n"
        "      \x1b[36m◦\x1b[0m sub\n"
    )


def test_styles_come_from_the_style_set() -> None:
    styles = DEFAULT_STYLES._replace(
        title=Style(color="red"), bullet=Style(color="green"), heading=Style()
    )
    block = Block(title="T", text="Heading\n\n• item")
    assert styled(render_block(block, styles), 20) == (
        "\x1b[31mT\x1b[0m\n\nHeading\n  \x1b[32m•\x1b[0m item\n"
    )


# Lists ------------------------------------------------------------------------------------


def test_hanging_indent() -> None:
    source = "• one two three four five six seven eight nine ten"
    assert text(source, 20) == (
        "  • one two three\n    four five six\n    seven eight nine\n    ten\n"
    )


def test_numbers_right_aligned_to_the_widest() -> None:
    source = "\n".join(f"{n}. item {n}" for n in (1, 9, 10, 100))
    assert text(source, 30) == ("    1. item 1\n    9. item 9\n   10. item 10\n  100. item 100\n")


def test_letters_and_wrapped_numbered_items() -> None:
    source = "a) alpha beta gamma delta\nб) вита гамма дельта эпсилон"
    assert text(source, 18) == (
        "  a) alpha beta\n     gamma delta\n  б) вита гамма\n     дельта\n     эпсилон\n"
    )


def test_nested_levels_are_indented_under_their_parent_text() -> None:
    source = "- fruit salad with\n  - apples and pears\n    * green ones\n- bread"
    assert text(source, 21) == (
        "  • fruit salad with\n    ◦ apples and\n      pears\n      ▪ green ones\n  • bread\n"
    )


def test_written_markers_are_kept() -> None:
    assert text("– dash\n■ square\n‣ triangle", 20) == ("  – dash\n  ■ square\n  ‣ triangle\n")


def test_continuation_lines_hang_too() -> None:
    assert text("1. first\n   second line\n2. next", 20) == (
        "  1. first\n     second line\n  2. next\n"
    )


def test_spacing_between_pieces() -> None:
    source = "Heading:\n\nParagraph one\nline two\n\nLead:\n• a\nAfter."
    assert text(source, 30) == ("Heading:\nParagraph one\nline two\n\nLead:\n  • a\n\nAfter.\n")


def test_very_long_word_folds() -> None:
    assert text("• " + "x" * 25, 12) == "  • xxxxxxxx\n    xxxxxxxx\n    xxxxxxxx\n    x\n"


@pytest.mark.parametrize("width", [1, 2, 5, 10, 12])
def test_narrow_and_deep_squeezes_but_never_crops(width: int) -> None:
    source = "\n".join(" " * n + f"- deeper {n}" for n in range(40))
    output = text(source, width)
    assert all(cell_len(line) <= width for line in output.splitlines())
    ink = "".join(output.split())
    markers = "•◦▪"
    assert "".join(char for char in ink if char not in markers) == "".join(
        f"deeper{n}" for n in range(40)
    )
    assert sum(char in markers for char in ink) == 40


# Wide characters -------------------------------------------------------------------------


def test_cjk_wraps_by_cells_and_hangs_aligned() -> None:
    source = "• 漢字漢字漢字漢字漢字漢字\n10. 日本語のテキスト"
    output = text(source, 14)
    assert output == (
        "  • 漢字漢字漢\n    字漢字漢字\n    漢字\n\n  10. 日本語の\n      テキスト\n"
    )
    assert all(cell_len(line) <= 14 for line in output.splitlines())


def test_emoji_are_two_cells() -> None:
    output = text("1. 🚀🚀🚀🚀🚀 go\n2. ok", 12)
    assert output == "  1. 🚀🚀🚀\n     🚀🚀 go\n  2. ok\n"


def test_wide_marker_column() -> None:
    assert text("一) 第一\n二) 第二", 20) == "  一) 第一\n  二) 第二\n"


# Blocks -------------------------------------------------------------------------------------


def test_media_follow_the_text() -> None:
    block = Block(title="Map", text="Where we are.")
    output = plain(render_block(block, media=[Text("[image: map.png]")]), 40)
    assert output == "Map\n\nWhere we are.\n\n[image: map.png]\n"


def test_block_without_title_or_text() -> None:
    assert plain(render_block(Block()), 40) == ""
    assert plain(render_block(Block(title="Only a title")), 40) == "Only a title\n"
    assert plain(render_block(Block(text="Only text.")), 40) == "Only text.\n"


# Markdown -----------------------------------------------------------------------------------

MARKDOWN = """\
# Results

| Year | Schools |
|------|---------|
| 2018 | 40,6 %  |
| 2025 | 100 %   |

```python
def hello():
    return "[bold]world"
```
"""


def test_markdown_table_and_code() -> None:
    block = Block(title="Figures", text=MARKDOWN, format=TextFormat.MARKDOWN)
    output = plain(render_block(block), 40)
    lines = output.splitlines()
    assert lines[0] == "Figures"
    assert "Results" in output
    assert any("Year" in line and "Schools" in line for line in lines)
    assert any(line.strip().startswith("─") for line in lines)  # the table's header rule
    assert any("2018" in line and "40,6 %" in line for line in lines)
    assert any("def hello():" in line for line in lines)
    assert '"[bold]world"' in output
    assert "```" not in output and "|------|" not in output


def test_markdown_code_is_highlighted() -> None:
    source = "```python\ndef hello():\n    return 1\n```"
    output = styled(render_text(source, format=TextFormat.MARKDOWN), 40)
    code_line = next(line for line in output.splitlines() if "hello" in line)
    assert code_line.count("\x1b[") >= 3  # keyword, name and punctuation in their own colours


def test_markdown_is_imported_only_for_markdown_blocks() -> None:
    script = (
        "import io, sys\n"
        "from rich.console import Console\n"
        "from tui_slides.deck.model import Block, TextFormat\n"
        "from tui_slides.render import render_block\n"
        "console = Console(file=io.StringIO(), width=40)\n"
        "console.print(render_block(Block(title='t', text='- a\\n- b')))\n"
        "print('rich.markdown' in sys.modules, 'pygments' in sys.modules)\n"
        "console.print(render_block(Block(text='*a*', format=TextFormat.MARKDOWN)))\n"
        "print('rich.markdown' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "True"]
