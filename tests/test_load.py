"""Loading decks: the seed, every shape, every repair, every error kind, encodings, limits."""

from __future__ import annotations

import codecs
import re
import time
from pathlib import Path

import pytest

from tests.conftest import SEED
from tui_slides.deck import fastjson, loader
from tui_slides.deck.diagnostics import Level
from tui_slides.deck.errors import (
    DeckEncodingError,
    DeckError,
    DeckLimitError,
    DeckNotFoundError,
    DeckSchemaError,
    DeckSyntaxError,
)
from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import MediaKind, TextFormat


def write(tmp_path: Path, text: str | bytes, name: str = "deck.json5") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(deck_diagnostics: object, level: Level | None = None) -> list[str]:
    return [str(d) for d in deck_diagnostics if level is None or d.level is level]  # type: ignore[attr-defined]


# -- the seed ---------------------------------------------------------------


def seed_string(key_line: int) -> str:
    """The raw characters of a string value in the seed, read without any JSON parser."""
    source = SEED.read_text(encoding="utf-8")
    start = sum(len(line) + 1 for line in source.split("\n")[: key_line - 1])
    match = re.compile(r'"text": "(.*?)",\n\s*}', re.S).match(source, source.index('"text"', start))
    assert match
    return match.group(1)


def test_seed_is_one_slide_with_two_blocks() -> None:
    deck = load_deck(SEED)
    assert len(deck) == 1
    slide = deck.slides[0]
    assert slide.logo_title == "NurOtan"
    assert slide.id == "1.5.1.1.2"
    assert slide.name == "1"
    assert (slide.slide_now, slide.slide_max) == (1, 1)
    assert [block.title for block in slide.content] == ["IT-ЦЕНТРЫ", "Подготовка IT-специалистов"]
    assert [block.style for block in slide.content] == ["2", "2"]
    assert [block.style_class for block in slide.content] == ["block-2", "block-2"]
    assert all(
        block.image is None and block.video is None and block.map is None for block in slide.content
    )


def test_seed_text_equals_the_source_character_for_character() -> None:
    slide = load_deck(SEED).slides[0]
    assert slide.content[0].text == seed_string(9)
    assert slide.content[1].text == seed_string(18)
    assert "\n" in slide.content[1].text and "\t" in slide.content[1].text
    assert slide.content[1].text.startswith("Ответственный руководитель проекта   Нысанов")
    assert slide.content[1].text.endswith("ресурсных центров и библиотек.")


def test_seed_needs_exactly_its_repairs() -> None:
    deck = load_deck(SEED)
    warnings = [d for d in deck.diagnostics if d.level is Level.WARNING]
    repairs = [d for d in warnings if "file not found" not in d.message]
    assert [(d.line, d.col) for d in repairs] == [(2, 14), (23, 158)]
    assert "missing ','" in repairs[0].message
    assert "raw line break" in repairs[1].message
    assert str(repairs[0]).startswith(f"{SEED}:2:14: warning: ")
    # The logo is looked up under the deck's folder, then as an absolute path.
    logo = deck.slides[0].logo
    assert logo is not None and logo.kind is MediaKind.FILE and not logo.exists
    assert logo.path == SEED.parent / "img" / "logo.png"
    assert [d.message for d in warnings if "file not found" in d.message] == [
        f"file not found: '/img/logo.png'"
        f" (looked for {SEED.parent / 'img/logo.png'} or /img/logo.png)"
    ]


def test_seed_in_strict_mode_fails_at_the_missing_comma() -> None:
    with pytest.raises(DeckSyntaxError) as caught:
        load_deck(SEED, strict=True)
    error = caught.value
    assert (error.line, error.col) == (2, 14)
    lines = str(error).splitlines()
    assert lines[0].startswith(f"{SEED}:2:14: error: missing ','")
    assert lines[1] == '    "name": "1"'
    assert lines[2] == "  " + " " * 13 + "^"


# -- shapes -----------------------------------------------------------------

SLIDE = '{ name: "%s", ID: "%s", content: [{ title: "T%s", text: "x" }] }'


def test_array_of_slides(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, "[" + ",".join(SLIDE % (i, i, i) for i in "123") + "]"))
    assert [slide.name for slide in deck.slides] == ["1", "2", "3"]
    assert deck.diagnostics == ()


def test_deck_object_defaults_and_overrides(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """{ logo_title: 'Deck', name: 'default', theme: 'nord', logo_path: 'logo.png',
             slides: [ { content: [] },
                       { logo_title: 'Own', name: 'mine', theme: 'dracula' } ] }""",
    )
    (tmp_path / "logo.png").write_bytes(b"png")
    deck = load_deck(path)
    first, second = deck.slides
    assert (first.logo_title, first.name, first.theme) == ("Deck", "default", "nord")
    assert (second.logo_title, second.name, second.theme) == ("Own", "mine", "dracula")
    assert deck.theme == "nord"
    assert first.logo is not None and first.logo.exists and first.logo.path == tmp_path / "logo.png"
    assert second.logo == first.logo
    assert deck.diagnostics == ()


def test_deck_default_warnings_are_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path, "{ logo_path: 'missing.png', slides: [{}, {}, {}] }")
    deck = load_deck(path)
    assert len([d for d in deck.diagnostics if "file not found" in d.message]) == 1


def test_folder_order_slide_now_then_dotted_id_then_natural_name(tmp_path: Path) -> None:
    folder = tmp_path / "deck"
    folder.mkdir()
    files = {
        "a.json5": "{ ID: '1.10', content: [] }",
        "b.json": '{ "ID": "1.2", "content": [] }',
        "c.txt": "{ slide_now: 2, ID: '9', content: [] }",
        "d.json5": "{ slide_now: 1, ID: '8', content: [] }",
        "slide10.json5": "{ content: [] }",
        "slide9.json5": "{ content: [] }",
        ".hidden.json5": "{ ID: '0' }",
        "notes.md": "not a slide",
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    (folder / "sub").mkdir()
    (folder / "sub" / "x.json5").write_text("{ ID: '0' }")
    deck = load_deck(folder)
    assert [Path(slide.source).name for slide in deck.slides] == [
        "d.json5", "c.txt", "b.json", "a.json5", "slide9.json5", "slide10.json5",
    ]  # fmt: skip
    assert deck.diagnostics == ()


def test_folder_skips_unreadable_files_and_loads_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "1.json5").write_text("{ ID: '1', content: [] }")
    (folder / "2.json5").write_text("{ ID: '2', content: [ }")
    (folder / "3.json5").write_text("[{}, {}]")
    deck = load_deck(folder)
    assert [slide.id for slide in deck.slides] == ["1"]
    text = messages(deck.diagnostics)
    assert any(line.startswith(f"{folder / '2.json5'}:1:23: error: ") for line in text)
    assert f"{folder / '2.json5'}:1:23: warning: this slide file is skipped" in text
    assert any("should hold one slide, not 2" in line for line in text)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DeckSchemaError, match=r"no \*\.json5"):
        load_deck(tmp_path)


@pytest.mark.parametrize("text", ["[]", "{ slides: [] }"])
def test_a_deck_without_slides_is_an_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(DeckSchemaError, match="no slides"):
        load_deck(write(tmp_path, text))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("42", "not a number"),
        ("'slide'", "not a string"),
        ("{ slides: 3 }", "'slides' should be an array"),
        ("[1]", "a slide should be an object, not a number"),
    ],
)
def test_values_that_are_not_decks(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DeckSchemaError, match=message):
        load_deck(write(tmp_path, text))


# -- repairs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('{ "a": 1\n "content": [] }', (1, 9), "missing ',' after this object member"),
        (
            '{ content: [ {title: "a"}\n {title: "b"} ] }',
            (1, 26),
            "missing ',' after this array element",
        ),
        ('{ content: [], title: "line one\nline two" }', (1, 32), "raw line break inside a string"),
        ("{ content: [],, }", (1, 15), "stray ','"),
        ("{ , content: [] }", (1, 3), "stray ','"),
        ("{ content: [ {title: 'x'}", (1, 26), "the file ends inside the '['"),
    ],
)
def test_each_repair_is_reported_with_its_position(
    tmp_path: Path, text: str, where: tuple[int, int], message: str
) -> None:
    path = write(tmp_path, text)
    deck = load_deck(path)
    # The repair, among other warnings (an unknown field on an empty slide is one).
    first = next(d for d in deck.diagnostics if message in d.message)
    assert first.level is Level.WARNING
    assert (first.line, first.col) == where
    assert str(first).startswith(f"{path}:{where[0]}:{where[1]}: warning: ")
    with pytest.raises(DeckSyntaxError, match="--strict is on"):
        load_deck(path, strict=True)


def test_raw_line_breaks_and_tabs_are_kept(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, '{ content: [{ text: "a\n\tb\r\nc" }] }'))
    assert deck.slides[0].content[0].text == "a\n\tb\nc"
    assert [
        "raw line break inside a string (2 in this string)" in d.message for d in deck.diagnostics
    ] == [True]


def test_raw_tab_is_valid_json5_and_needs_no_repair(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, '{ content: [{ text: "a\tb" }] }'), strict=True)
    assert deck.slides[0].content[0].text == "a\tb"
    assert deck.diagnostics == ()


def test_crlf_files_load_with_the_same_positions(tmp_path: Path) -> None:
    text = '{\r\n  name: "x"\r\n  content: [],\r\n}\r\n'
    deck = load_deck(write(tmp_path, text))
    assert [(d.line, d.col) for d in deck.diagnostics] == [(2, 12)]


# -- unrecoverable files ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('{ content: [], title: "unterminated\n  text: "x" }', (1, 36), "unterminated string"),
        ("{ content: [] } }", (1, 17), "expected the end of the file"),
        (
            "{ content: [ 1 2 ] : }",
            (1, 20),
            "expected ',' or '}' after the object member, found ':'",
        ),
        ("{ content: yes }", (1, 12), "unknown word 'yes'"),
        ("{ content: [] /* never closed", (1, 15), "unterminated block comment"),
        ("", (1, 1), "the file is empty"),
        ("{ 'a' 1 }", (1, 7), "expected ':' after the key 'a'"),
        ("{ n: 010 }", (1, 7), "invalid number"),
    ],
)
def test_errors_show_position_expectation_and_caret(
    tmp_path: Path, text: str, where: tuple[int, int], message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DeckSyntaxError) as caught:
        load_deck(path)
    error = caught.value
    assert (error.line, error.col) == where
    head, shown, caret = str(error).split("\n")
    assert head.startswith(f"{path}:{where[0]}:{where[1]}: error: ") and message in head
    assert shown == "  " + text.split("\n")[where[0] - 1]
    assert caret == "  " + " " * (where[1] - 1) + "^"


def test_caret_counts_wide_characters_as_two_cells(tmp_path: Path) -> None:
    with pytest.raises(DeckSyntaxError) as caught:
        load_deck(write(tmp_path, "{ 名前: 1 2 }"))
    assert str(caught.value).split("\n")[2] == "  " + " " * 10 + "^"


def test_control_characters_in_the_source_line_are_shown_safely(tmp_path: Path) -> None:
    with pytest.raises(DeckSyntaxError) as caught:
        load_deck(write(tmp_path, "{ a: '\x1b[2J' b }"))
    assert "\x1b" not in str(caught.value)
    assert "␛[2J" in str(caught.value)


def test_missing_file() -> None:
    with pytest.raises(DeckNotFoundError):
        load_deck("/nonexistent/deck.json5")


# -- encodings --------------------------------------------------------------

DECK = '{ content: [{ title: "Привет" }] }'


@pytest.mark.parametrize(
    "data",
    [
        DECK.encode("utf-8"),
        codecs.BOM_UTF8 + DECK.encode("utf-8"),
        codecs.BOM_UTF16_LE + DECK.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + DECK.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_encodings(tmp_path: Path, data: bytes) -> None:
    deck = load_deck(write(tmp_path, data), strict=True)
    assert deck.slides[0].content[0].title == "Привет"


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    data = b'{ content: [{ title: "ab\xff" }] }'
    with pytest.raises(DeckEncodingError, match="byte offset 24") as caught:
        load_deck(write(tmp_path, data))
    assert (caught.value.line, caught.value.col) == (1, 25)


def test_utf16_without_bom_is_an_encoding_error(tmp_path: Path) -> None:
    with pytest.raises(DeckEncodingError, match="NUL byte at byte offset 1: ") as caught:
        load_deck(write(tmp_path, DECK.encode("utf-16-le")))
    assert (caught.value.line, caught.value.col) == (1, 2)


def test_a_nul_byte_in_utf8_names_its_offset(tmp_path: Path) -> None:
    with pytest.raises(DeckEncodingError, match="NUL byte at byte offset 9"):
        load_deck(write(tmp_path, b'{\n "a": "\x00" }'))


def test_latin1_is_rejected_with_the_offset(tmp_path: Path) -> None:
    with pytest.raises(DeckEncodingError, match="byte offset 0"):
        load_deck(write(tmp_path, "é".encode("latin-1") + b"{}"))


# -- schema -----------------------------------------------------------------


def test_every_field_is_mapped(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(b"x")
    path = write(
        tmp_path,
        """{ name: 7, ID: "2.1", logo_title: "L", slide_now: "3", slide_max: 1, notes: "n",
             content: [
               { title: "t", text: "x", block: 2, img_path: "pic.png", video: "https://v.example/a",
                 map: "51.1282, 71.4307", format: "markdown" },
               { map: "https://osm.example/x", video: "clip.mp4" },
             ] }""",
    )
    slide = load_deck(path).slides[0]
    assert (slide.name, slide.id, slide.logo_title, slide.slide_now, slide.notes) == (
        "7",
        "2.1",
        "L",
        3,
        "n",
    )
    first, second = slide.content
    assert (
        first.style == "2"
        and first.style_class == "block-2"
        and first.format is TextFormat.MARKDOWN
    )
    assert (
        first.image is not None and first.image.exists and first.image.path == tmp_path / "pic.png"
    )
    assert first.video is not None and first.video.kind is MediaKind.URL
    assert (
        first.map is not None
        and first.map.kind is MediaKind.COORDS
        and first.map.coords == (51.1282, 71.4307)
    )
    assert second.map is not None and second.map.kind is MediaKind.URL
    assert (
        second.video is not None and second.video.kind is MediaKind.FILE and not second.video.exists
    )


def test_wrong_types_are_reported_and_ignored(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '{ name: true, slide_now: "soon", '
        'content: [{ title: [1], format: "html" }, 5, "just text"] }',
    )
    deck = load_deck(path)
    slide = deck.slides[0]
    assert slide.name == "" and slide.slide_now is None
    assert [block.title for block in slide.content] == ["", ""]
    assert slide.content[0].format is TextFormat.PLAIN
    assert slide.content[1].text == "just text"
    found = messages(deck.diagnostics, Level.WARNING)
    for expected in (
        ":1:9: warning: 'name' should be a string, not a boolean; ignored",
        ":1:26: warning: 'slide_now' should be an integer, not 'soon'; ignored",
        ":1:53: warning: 'title' should be a string, not an array; ignored",
        ":1:66: warning: unknown format 'html'; using plain text",
        ":1:76: warning: a block should be an object, not a number; ignored",
        ":1:79: warning: a string in 'content': shown as a text block",
    ):
        assert any(line.endswith(expected) for line in found), expected


def test_unknown_fields_are_kept_misspellings_warned_others_information(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, "{ id: 'x', colour: 'red', content: [{ txt: 'y' }] }"))
    slide = deck.slides[0]
    assert slide.extra == {"id": "x", "colour": "red"}
    assert slide.content[0].extra == {"txt": "y"}
    info = messages(deck.diagnostics, Level.INFO)
    assert [line.split(": info: ")[1] for line in info] == ["unknown slide field 'colour' kept"]
    assert [line.split(":")[1:3] for line in info] == [["1", "12"]]
    warnings = [line for line in messages(deck.diagnostics, Level.WARNING) if "field '" in line]
    assert [line.split(": warning: ")[1] for line in warnings] == [
        "unknown slide field 'id' (did you mean 'ID'?)",
        "unknown block field 'txt' (did you mean 'text'?)",
    ]
    assert [line.split(":")[1:3] for line in warnings] == [["1", "3"], ["1", "39"]]


def test_empty_strings_mean_none_and_missing_content_is_an_empty_slide(tmp_path: Path) -> None:
    deck = load_deck(
        write(tmp_path, '[{ logo_path: "" }, { content: [{ img_path: "", video: "", map: "" }] }]')
    )
    first, second = deck.slides
    assert first.content == () and first.is_empty and first.logo is None
    assert second.content[0].image is None and second.is_empty
    assert deck.diagnostics == ()


def test_slide_max_that_disagrees_is_a_warning_at_the_field(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, "[{ slide_max: 3 }, { slide_max: 2 }]"))
    assert messages(deck.diagnostics) == [
        f"{tmp_path / 'deck.json5'}:1:15: warning: slide_max is 3, but the deck has 2 slides"
    ]


def test_control_characters_are_reported(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, r'{ content: [{ text: "a\u001b[2Jb\u202e" }] }'))
    assert (
        deck.slides[0].content[0].text == "a\x1b[2Jb\u202e"
    )  # kept as data: the renderer shows it safely
    (warning,) = deck.diagnostics
    assert (
        warning.message
        == "'text' contains 2 control character(s) U+001B (ESC), U+202E (RIGHT-TO-LEFT OVERRIDE);"
        " shown as visible symbols"
    )
    assert (warning.line, warning.col) == (1, 21)


@pytest.mark.parametrize(
    ("written", "char"),
    [
        (r"\u001b", "U+001B (ESC)"),
        (r"\x9b", "U+009B (CSI)"),
        (r"\0", "U+0000 (NUL)"),
        (r"\b", "U+0008"),
        (r"\f", "U+000C (FF)"),
        (r"\v", "U+000B (VT)"),
        (r"\r", "U+000D (CR)"),
        ("\x07", "U+0007 (BEL)"),
        ("\u2066", "U+2066"),
    ],
)
@pytest.mark.parametrize("name", ["deck.json5", "deck.json"])
def test_every_way_of_writing_a_control_character_is_reported(
    tmp_path: Path, written: str, char: str, name: str
) -> None:
    """Raw, or made by any escape JSON5 has: each is kept as data and reported."""
    deck = load_deck(write(tmp_path, '[{"content": [{"text": "a' + written + 'b"}]}]', name))
    (warning,) = deck.diagnostics
    assert char in warning.message
    assert "1 control character" in warning.message


def test_crlf_line_ends_alone_are_not_control_characters(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, '[{"content": [{"text": "a\\tb"}]}]\r\n'))
    assert deck.diagnostics == ()


def test_positions_on_the_fast_path_match_the_repair_path(tmp_path: Path) -> None:
    valid = write(tmp_path, "{ content: [{ titel: 'x' }] }", "valid.json5")
    repaired = write(tmp_path, "{ content: [{ titel: 'x' }]\n name: 'y' }", "repaired.json5")
    first = [d for d in load_deck(valid).diagnostics if "field 'titel'" in d.message]
    second = [d for d in load_deck(repaired).diagnostics if "field 'titel'" in d.message]
    assert [(d.line, d.col) for d in first] == [(d.line, d.col) for d in second] == [(1, 15)]


def test_find_by_id_or_position(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, "[{ ID: '2' }, { ID: '1.5' }, {}]"))
    assert deck.find("1.5") == 1
    assert deck.find("2") == 0  # an ID wins over a position
    assert deck.find("3") == 2
    assert deck.find("4") is None and deck.find("x") is None


# -- limits -----------------------------------------------------------------


@pytest.mark.parametrize("strict", [False, True])
def test_absurd_nesting_is_a_clear_error_quickly(tmp_path: Path, strict: bool) -> None:
    path = write(tmp_path, "[" * 100_000 + "]" * 100_000)
    started = time.perf_counter()
    with pytest.raises(DeckLimitError, match="nesting deeper than 64 levels"):
        load_deck(path, strict=strict)
    assert time.perf_counter() - started < 5  # a hang guard, not a speed target


def test_huge_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = write(tmp_path, "[" + "{}," * 400_000 + "]")
    with pytest.raises(DeckLimitError, match="larger than the 1 MB limit"):
        load_deck(path, max_bytes=1024 * 1024)
    assert len(load_deck(path)) == 400_000


def test_huge_string_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, '{ content: [{ text: "' + "x" * 1_000_001 + '" }] }')
    with pytest.raises(DeckLimitError, match="'text' is 1,000,001 characters long") as caught:
        load_deck(path)
    assert (caught.value.line, caught.value.col) == (1, 21)


def test_every_error_is_a_deck_error(tmp_path: Path) -> None:
    for kind in (
        DeckSyntaxError,
        DeckEncodingError,
        DeckSchemaError,
        DeckLimitError,
        DeckNotFoundError,
    ):
        assert issubclass(kind, DeckError)


@pytest.fixture(params=["json first", "own parser"])
def json_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Plain JSON read by the standard library first (as large files are), or by our parser."""
    if request.param == "json first":
        monkeypatch.setattr(fastjson, "JSON_FROM", 0)
    else:
        monkeypatch.setattr(loader, "_loads_json", lambda text: loader._NOT_JSON)
    return str(request.param)


def test_plain_json_loads_the_same_on_either_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(
        tmp_path,
        '{"logo_title": "Deck", "slides": [\n'
        '  {"ID": "1", "slide_max": 3, "content": [{"title": "A", "text": "\\u2022 one"}]},\n'
        '  {"ID": "2", "colour": "red", "content": [{"img_path": "gone.png"}]}\n'
        "]}",
        "deck.json",
    )
    monkeypatch.setattr(fastjson, "JSON_FROM", 0)  # json first, as a large file is read
    decks = [load_deck(path)]
    monkeypatch.setattr(loader, "_loads_json", lambda text: loader._NOT_JSON)
    decks.append(load_deck(path))
    assert decks[0] == decks[1]
    found = [(d.line, d.col, d.message.split()[0]) for d in decks[0].diagnostics]
    assert found == [(2, 28, "slide_max"), (3, 15, "unknown"), (3, 57, "file")]


@pytest.mark.parametrize("depth", [70, 500])
@pytest.mark.usefixtures("json_path")
def test_deep_values_in_plain_json_are_refused_too(tmp_path: Path, depth: int) -> None:
    """A deeply nested value kept as an unknown field is refused whichever parser reads it."""
    deep = "[" * depth + "]" * depth
    path = write(tmp_path, '{"content": [], "deep": ' + deep + "}", "deck.json")
    with pytest.raises(DeckLimitError, match="nesting deeper than 64 levels") as caught:
        load_deck(path)
    assert (caught.value.line, caught.value.col) == (1, 25 + 63)  # level 65: the object is level 1
    assert str(caught.value).splitlines()[2].endswith("^")


def test_media_references_know_where_they_are_written(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '{ logo_path: "a.png",\n  content: [{ img_path: "b.png", map: "1,2" }] }',
        "d.json",
    )
    slide = load_deck(path).slides[0]
    block = slide.content[0]
    assert slide.logo is not None and (slide.logo.line, slide.logo.col) == (1, 14)
    assert block.image is not None and (block.image.line, block.image.col) == (2, 25)
    assert block.map is not None and (block.map.line, block.map.col) == (2, 39)


@pytest.mark.parametrize("strict", [False, True])
def test_an_object_that_may_have_meant_to_be_a_deck_says_so(tmp_path: Path, strict: bool) -> None:
    """``{slide: [...]}`` suggests ``slides``; ``{}`` is one empty slide, said (not silent)."""
    deck = load_deck(write(tmp_path, "{ slide: [{ content: [{ title: 'A' }] }] }"), strict=strict)
    said = messages(deck.diagnostics, Level.WARNING)
    assert any("unknown fields 'slide' (did you mean 'slides'?)" in line for line in said)
    empty = load_deck(write(tmp_path, "{}"), strict=strict)
    assert len(empty.slides) == 1 and empty.slides[0].is_empty
    assert [
        line.split(": warning: ")[1] for line in messages(empty.diagnostics, Level.WARNING)
    ] == ["an empty object: no 'content', no 'slides'"]
    listed = load_deck(write(tmp_path, "[{ slide: 1 }]"))  # a slide in a list: not a deck
    assert not any("did you mean 'slides'" in str(d) for d in listed.diagnostics)
