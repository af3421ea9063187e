"""The safety check every deck string passes: fast, and never wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_slides import cli
from tui_slides.deck.safety import is_safe, one_line, unsafe_characters, visible

UNSAFE = [chr(code) for code in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]
UNSAFE += list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize("char", UNSAFE, ids=lambda char: f"U+{ord(char):04X}")
def test_every_unsafe_character_is_caught_wherever_it_stands(char: str) -> None:
    for text in (char, f"a{char}", f"Цель\n\t{char} проекта", f"\u00a0{char}"):
        assert not is_safe(text)
        assert char not in visible(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Цель проекта:\n\t• один\r\nдва",  # line breaks and tabs (a CR is caught alone)
        "no\u00a0break, zero\u200dwidth joiner, soft\u00adhyphen",  # unprintable, but safe
        "line\u2028separator, 😀 emoji, 漢字, [bold]markup[/bold]",
    ],
)
def test_safe_text_is_kept_as_it_is(text: str) -> None:
    expected = "\r" not in text
    assert is_safe(text) is expected
    assert (visible(text) == text) is expected


@given(
    st.text(
        alphabet=st.one_of(st.characters(), st.sampled_from([*UNSAFE, "\n", "\t", "\u00a0"])),
        max_size=30,
    )
)
def test_is_safe_agrees_with_the_full_search(text: str) -> None:
    assert is_safe(text) == (not list(unsafe_characters(text)))
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", visible(text)) is None


@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from([*UNSAFE, "\n", "\t"]))))
def test_one_line_text_has_no_control_and_no_line_break(text: str) -> None:
    shown = one_line(text)
    assert re.search("[\x00-\x1f\x7f-\x9f]", shown) is None
    assert len(shown.splitlines()) <= 1
    if text.isprintable():
        assert shown == text


def test_a_file_names_line_break_cannot_make_one_diagnostic_look_like_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``check`` and ``show`` on a file named ``top\\ndeck.json5``, a ``--slide`` and a
    missing deck with a tab and a line break: each message stays on its line."""
    deck = tmp_path / "top\ndeck.json5"
    deck.write_text("{bad", encoding="utf-8")
    folder = tmp_path / "talk"
    folder.mkdir()
    (folder / "a.json5").write_text("{content: [{text: 'A'}]}", encoding="utf-8")
    (folder / "x\ny.json5").write_text("{bad", encoding="utf-8")
    assert cli.main(["check", str(deck)]) == 1
    assert cli.main(["check", "--format", "json", str(deck)]) == 1
    assert cli.main(["check", str(folder)]) == 1  # its slide file skipped: an error
    assert cli.main(["show", str(folder), "--slide", "a\tb\nc"]) == 2
    assert cli.main(["check", str(tmp_path / "no\tsuch\ndeck")]) == 2
    said = capsys.readouterr()
    lines = (said.out + said.err).splitlines()
    assert f"{tmp_path}/top␊deck.json5:1:5: error: expected ':' after the key 'bad'" in lines[0]
    assert any(f'"path": "{tmp_path}/top\\ndeck.json5"' in line for line in lines)  # JSON's
    assert sum(f"{folder}/x␊y.json5:1:" in line for line in lines) >= 2  # the error, the skip
    assert any("no slide 'a␉b␊c'" in line for line in lines)
    assert any(line.endswith(f"no such deck: {tmp_path}/no␉such␊deck") for line in lines)
    assert not any(line.startswith(("deck.json5", "y.json5", "c'", "deck")) for line in lines)


def test_the_presenters_notices_keep_a_file_name_on_one_line() -> None:
    from pathlib import Path

    from tui_slides.app import notices

    name = "evil\x1b]0;T\x07\nname.json5"
    for said in (notices.printed(name, 1, "then"), notices.reloaded(Path("/d") / name, 0)):
        assert "\n" not in said and "\x1b" not in said and "evil␛]0;T␇␊name.json5" in said
