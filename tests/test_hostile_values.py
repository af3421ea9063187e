"""Deck values people and fuzzers write: numbers of any length and script, any ``block``
value, misspelt fields and themes, duplicate IDs. Each loads, or is reported, never a
traceback; what reaches the terminal is visible.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_slides.cli import main
from tui_slides.deck.checks import empty_slide_note
from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.fields import BUILTIN_THEMES
from tui_slides.deck.findings import LISTED
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Block, style_class
from tui_slides.deck.schema import MAX_INTEGER, Reader
from tui_slides.render.slide import make_console, print_deck

NUMBER_FIELDS = ("name", "ID", "logo_title", "notes", "theme")
"""Slide fields that take a number for a string."""
BLOCK_NUMBER_FIELDS = ("title", "text", "block", "format", "img_path", "video", "map")


def write(folder: Path, text: str, name: str = "deck.json5") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def warnings_of(path: Path) -> list[str]:
    return [d.message for d in load_deck(path).diagnostics if d.level is Level.WARNING]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert "\x1b" not in out  # piped: no escape codes, and none from the deck
    return status, out


# -- integer fields ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "message"),
    [
        ('"7"', 7, None),
        ('" -3 "', -3, None),
        ("12.0", 12, None),
        ('"1" ', 1, None),
        ('"²"', None, "'slide_now' should use the digits 0-9, not '²'; ignored"),
        ('"①"', None, "'slide_now' should use the digits 0-9, not '①'; ignored"),
        ('"1.5"', None, "'slide_now' should be an integer, not '1.5'; ignored"),
        ("1e400", None, "'slide_now' should be an integer, not "),
        ("true", None, "'slide_now' should be an integer, not True; ignored"),
        ('"9" ' * 0 + '"' + "9" * 5000 + '"', None, "(5,000 characters), too large; ignored"),
        ("1000000000", None, "'slide_now' is 1000000000, too large; ignored"),
        ("-1000000000", None, "'slide_now' is -1000000000, too large; ignored"),
        ("999999999", 999_999_999, None),
    ],
)
def test_slide_now_takes_integers_and_reports_the_rest(
    tmp_path: Path, value: str, expected: int | None, message: str | None
) -> None:
    path = write(tmp_path, f'{{ "slide_now": {value}, "content": [{{ "text": "x" }}] }}')
    deck = load_deck(path)
    assert deck.slides[0].slide_now == expected
    found = [d for d in deck.diagnostics if "slide_now" in d.message]
    if message is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].level is Level.WARNING
        assert message in found[0].message and found[0].message.endswith("; ignored")
        assert (found[0].line, found[0].col) == (1, 16)


@settings(max_examples=60, deadline=None)
@given(
    field=st.sampled_from(("slide_now", "slide_max")),
    digits=st.one_of(
        st.text(alphabet="0123456789", min_size=1, max_size=6000),
        st.integers(0, 6000).map(lambda zeros: "0" * zeros + "42"),
        st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=50),
    ),
    sign=st.sampled_from(("", "+", "-")),
)
def test_any_numeric_string_in_an_integer_field_loads(field: str, digits: str, sign: str) -> None:
    text = json.dumps({field: sign + digits, "content": [{"text": "x"}]})
    with tempfile.TemporaryDirectory() as folder:
        deck = load_deck(write(Path(folder), text))
    value = getattr(deck.slides[0], field)
    assert value is None or -MAX_INTEGER < value < MAX_INTEGER
    significant = digits.lstrip("0") or "0"
    if digits.isascii() and len(significant) <= 9:
        assert value == int(sign + significant)
    else:
        reported = [d for d in deck.diagnostics if f"'{field}'" in d.message]
        assert reported and all(d.level is Level.WARNING for d in reported)
        assert all(len(d.message) < 200 for d in reported)  # never the 6,000 digits


def _number(kind: str, seed: int) -> float:
    """A number of a kind; built here, as hypothesis cannot print integers of 4,300 digits."""
    if kind == "int":
        return seed
    if kind == "limit":  # around Python's 4,300-digit limit for printing an integer
        return 10 ** (4290 + seed % 20) + seed
    if kind == "hex":  # what a long hex literal makes: up to 3,600 digits of 0x...
        return 16 ** (2000 + seed % 1600) - seed
    return [float("inf"), float("-inf"), float("nan"), 1e300, -0.0, 1.1][seed % 6]


@settings(max_examples=80, deadline=None)
@given(
    where=st.sampled_from(NUMBER_FIELDS + BLOCK_NUMBER_FIELDS),
    kind=st.sampled_from(("int", "limit", "hex", "float")),
    seed=st.integers(min_value=-(10**20), max_value=10**20),
)
def test_numbers_of_any_size_where_a_string_belongs_are_read(
    where: str, kind: str, seed: int
) -> None:
    # The values the parser hands over (a hex literal has no digit limit): read directly.
    number = _number(kind, seed)
    block: dict[str, object] = {}
    slide: dict[str, object] = {"content": [block]}
    (block if where in BLOCK_NUMBER_FIELDS else slide)[where] = number
    found: list[Diagnostic] = []
    read = Reader("deck.json5", ".", lambda _: (1, 1), found).slide(slide, ())
    assert len(read.content) == 1
    assert all(len(str(diagnostic)) < 600 for diagnostic in found), [str(d) for d in found]


def test_a_number_too_long_to_print_is_read_as_infinity_where_a_string_belongs() -> None:
    # An integer Python refuses to write in decimal (over 4,300 digits), made elsewhere than
    # by our parser (which keeps a number's spelling, and reads such a literal as inf).
    found: list[Diagnostic] = []
    slide = Reader("deck.json5", ".", lambda _: (1, 9), found).slide({"name": 16**5000}, ())
    assert (slide.name, found) == ("inf", [])


def test_check_and_show_take_hostile_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = {
        "name": "9" * 5000,
        "ID": "²",
        "slide_now": "1" * 5000,
        "slide_max": "①",
        "content": [{"title": "t", "block": "7" * 5000, "text": "x"}],
    }
    path = write(tmp_path, json.dumps(deck))
    status, out = run_cli(capsys, "check", str(path))
    assert status == 0
    assert "too large; ignored" in out and "should use the digits 0-9" in out
    status, out = run_cli(capsys, "show", str(path))
    assert status == 0 and "1 / 1 · ²" in out


# -- block style classes ---------------------------------------------------------------


@given(st.text(st.characters(codec=None, categories=None), max_size=300))
def test_every_block_value_is_a_valid_stable_textual_class(value: str) -> None:
    from textual.dom import check_identifiers

    name = style_class(value)
    if not value.strip():
        assert name is None
        return
    assert name is not None and name.startswith("block-")
    check_identifiers("class name", name)  # raises BadIdentifier for an invalid one
    assert name == style_class(value) == Block(style=value).style_class
    assert len(name) <= 64


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", "block-2"),
        ("note", "block-note"),
        ("key_point", "block-key_point"),
        ("x y", "block-x-y"),
        ("1.5", "block-1-5"),
        ("важно", "block-u0432u0430u0436u043du043e"),
        ("Ünï", "block-u00dcnu00ef"),
        ("😀", "block-u1f600"),
        ("a" * 58, "block-" + "a" * 58),
    ],
)
def test_block_classes_are_readable_where_they_can_be(value: str, expected: str) -> None:
    assert style_class(value) == expected


def test_a_long_block_value_is_a_short_hash() -> None:
    name = style_class("a" * 59)
    assert name is not None and len(name) == len("block-h") + 16
    assert name != style_class("a" * 60)


async def test_the_presenter_starts_with_a_cyrillic_block_class(tmp_path: Path) -> None:
    from tests.app_support import make_app
    from tui_slides.app.slide_view import BlockView

    path = write(tmp_path, '{ content: [{ title: "Важно", block: "важно" }, { block: "1.5" }] }')
    app = make_app(load_deck(path), path)
    async with app.run_test(size=(80, 24)):
        views = list(app.query(BlockView))
        assert views[0].has_class("block-u0432u0430u0436u043du043e")
        assert views[1].has_class("block-1-5")


# -- misspelt fields and themes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{ contents: [] }", "unknown slide field 'contents' (did you mean 'content'?)"),
        ("{ content: [], note: 'n' }", "unknown slide field 'note' (did you mean 'notes'?)"),
        (
            "{ content: [], speaker_notes: 'n' }",
            "unknown slide field 'speaker_notes' (did you mean 'notes'?)",
        ),
        ("{ content: [{ image: 'a.png' }] }", "unknown block field 'image' (did you mean"),
        ("{ content: [{ img: 'a.png' }] }", "unknown block field 'img' (did you mean 'img_path'?)"),
        ("{ content: [{ titel: 'T' }] }", "unknown block field 'titel' (did you mean 'title'?)"),
        ("{ Content: [] }", "unknown slide field 'Content' (did you mean 'content'?)"),
        (
            "{ slides: [{}], sildes: 1 }",
            "unknown deck field 'sildes' (did you mean 'slides'?)",
        ),
    ],
)
def test_misspelt_fields_are_warnings_with_a_suggestion(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    assert any(found.startswith(message) for found in warnings_of(path))


def test_other_unknown_fields_stay_information(tmp_path: Path) -> None:
    path = write(tmp_path, "{ content: [{ text: 'x', author: 'me' }], venue: 'hall' }")
    deck = load_deck(path)
    assert [(d.level, d.message) for d in deck.diagnostics] == [
        (Level.INFO, "unknown block field 'author' kept"),
        (Level.INFO, "unknown slide field 'venue' kept"),
    ]


def test_a_slide_that_shows_nothing_names_its_unknown_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "[{ contents: [{ text: 'lost' }] }, { content: [{ image: 'a.png' }] }]")
    deck = load_deck(path)
    notes = [d for d in deck.diagnostics if d.message.startswith("this slide shows nothing")]
    nothing = "this slide shows nothing; it has unknown fields"
    assert [(d.line, d.col, d.message) for d in notes] == [
        (1, 2, f"{nothing} 'contents' (did you mean 'content'?)"),
        (1, 36, f"{nothing} 'image' (did you mean 'img_path'?)"),
    ]
    assert all(d.level is Level.WARNING for d in notes)
    assert empty_slide_note(deck.slides[0]) == notes[0].message


def test_content_given_as_a_string_or_one_block_keeps_its_text(tmp_path: Path) -> None:
    path = write(tmp_path, "[{ content: 'said plainly' }, { content: { title: 'T', text: 'x' } }]")
    deck = load_deck(path)
    assert [[(b.title, b.text) for b in slide.content] for slide in deck.slides] == [
        [("", "said plainly")],
        [("T", "x")],
    ]
    assert [(d.level, d.line, d.col, d.message) for d in deck.diagnostics] == [
        (
            Level.WARNING, 1, 13,
            "'content' should be an array of blocks, not a string; read as one block's text",
        ),
        (Level.WARNING, 1, 42, "'content' should be an array of blocks; read this one block"),
    ]  # fmt: skip


def test_blank_content_text_or_title_is_an_empty_slide_not_a_blank_one(tmp_path: Path) -> None:
    text = "[{ content: '' }, { content: '  ' }, { content: [{ text: '\\n\\n' }] },"
    text += " { content: [{ title: '   ', text: 'x' }] }]"
    deck = load_deck(write(tmp_path, text))
    assert [slide.is_empty for slide in deck.slides] == [True, True, True, False]
    assert deck.slides[3].content[0].title == ""  # only spaces: no title, no heading
    blank = "'content' should be an array of blocks, not a string; a blank one: empty"
    assert [d.message for d in deck.diagnostics] == [blank, blank]
    out = io.StringIO()
    print_deck(deck, make_console(40, out))
    assert out.getvalue().count("(empty slide)") == 3


def test_content_of_another_kind_is_ignored_with_a_warning(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, "{ content: 12 }"))
    assert deck.slides[0].content == ()
    assert [d.message for d in deck.diagnostics] == [
        "'content' should be an array, not a number; ignored"
    ]


def test_a_slide_with_content_and_unknown_fields_is_not_called_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "{ content: [{ text: 'shown' }], note: 'n' }")
    assert not any("shows nothing" in message for message in warnings_of(path))


@pytest.mark.parametrize(
    ("theme", "message"),
    [
        ("nrod", "unknown theme 'nrod'; did you mean 'nord'?"),
        ("Dracula", "unknown theme 'Dracula'; did you mean 'dracula'?"),
        ("solarized", "unknown theme 'solarized'; did you mean 'solarized-dark' or"),
        ("zzzzzz", "unknown theme 'zzzzzz'; the themes are ansi-dark, ansi-light,"),
    ],
)
def test_an_unknown_theme_is_a_warning_naming_the_close_ones(
    tmp_path: Path, theme: str, message: str
) -> None:
    path = write(tmp_path, f"{{ theme: '{theme}', slides: [{{ theme: '{theme}' }}] }}")
    found = [m for m in warnings_of(path) if m.startswith("unknown theme")]
    assert len(found) == 2 and all(m.startswith(message) for m in found)


def test_known_themes_are_quiet(tmp_path: Path) -> None:
    path = write(tmp_path, "{ theme: 'nord', slides: [{ theme: 'gruvbox' }] }")
    assert load_deck(path).diagnostics == ()


def test_the_theme_list_is_textuals() -> None:
    from textual.theme import BUILTIN_THEMES as TEXTUAL_THEMES

    assert set(TEXTUAL_THEMES) == BUILTIN_THEMES


# -- duplicate IDs -------------------------------------------------------------------


def test_duplicate_ids_are_warned_with_both_positions(tmp_path: Path) -> None:
    path = write(tmp_path, "[\n { ID: '1.2' },\n { ID: '1.3' },\n { ID: '1.2' },\n { ID: 1.2 }\n]")
    deck = load_deck(path)
    found = [str(d) for d in deck.diagnostics if "duplicate ID" in d.message]
    assert found == [
        f"{path}:4:8: warning: duplicate ID '1.2': the slide at {path}:2:8 has it too",
        f"{path}:5:8: warning: duplicate ID '1.2': the slide at {path}:2:8 has it too",
    ]


def test_duplicate_ids_across_a_folder_name_each_file(tmp_path: Path) -> None:
    first = write(tmp_path, "{ ID: '7', content: [{ text: 'a' }] }", "a.json5")
    second = write(tmp_path, "{\n  ID: '7', content: [{ text: 'b' }] }", "b.json5")
    deck = load_deck(tmp_path)
    found = [str(d) for d in deck.diagnostics if "duplicate ID" in d.message]
    message = f"duplicate ID '7': the slide at {first}:1:7 has it too"
    assert found == [f"{second}:2:7: warning: {message}"]


def test_a_file_lists_its_first_unknown_fields_and_counts_the_rest(tmp_path: Path) -> None:
    fields = ", ".join(f'"k{n}": 1' for n in range(LISTED + 50))
    slides = ", ".join([f'{{ "contents{n}": [] }}' for n in range(LISTED + 7)])
    path = write(tmp_path, f'{{ "slides": [ {{ {fields} }}, {slides} ] }}', "deck.json")
    deck = load_deck(path)
    unknown = [d for d in deck.diagnostics if "unknown slide field" in d.message]
    assert len(unknown) == LISTED
    empty = [d for d in deck.diagnostics if d.message.startswith("this slide shows nothing")]
    assert len(empty) == LISTED
    summary = [str(d) for d in deck.diagnostics if "(not listed)" in d.message]
    assert summary == [
        # 50 more on the first slide, and each of the other slides' own.
        f"{path}:1:1: info: {50 + LISTED + 7:,} more unknown fields kept in this file (not listed)",
        # The first slide shows nothing too: LISTED + 8 in all.
        f"{path}:1:1: warning: 8 more slides show nothing while they hold unknown fields"
        " (not listed)",
    ]
