"""Audiences see the slides and nothing else: no speaker notes, no control sequences of a deck's."""

from __future__ import annotations

import re
from pathlib import Path

from share_support import asyncssh_viewer, serving, until

from tui_slides.deck.loader import load_deck
from tui_slides.presenting.presentation import Presentation

DECK = r"""{
  slides: [
    { name: 'One', content: [{ title: 'Bell\u0007 and \u001b[31mred\u001b[0m',
      text: 'Clear \u001b[2J here; OSC \u001b]52;c;aGk=\u0007 there' },
      { title: 'C1', text: 'CSI \u009b31m; RTL \u202egnp.exe' }],
      notes: 'SECRET-NOTE-ONE' },
    { name: 'Two', content: [{ title: 'Plain', text: '# not markdown\n\u001bP tmux' }],
      notes: 'SECRET-NOTE-TWO' },
  ],
}
"""

OURS = re.compile(rb"\x1b\[(?:\?(?:1049|25|7)[hl]|[0-9;]*[HJKm])")
"""Every sequence the server writes itself: screen modes, cursor moves, erases, styles."""


async def test_no_notes_and_no_deck_control_characters_reach_a_viewer(tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.json5"
    deck_file.write_text(DECK, encoding="utf-8")
    presentation = Presentation(load_deck(deck_file))
    async with serving(tmp_path, presentation, auth="none") as server:
        conn, _chan, viewer = await asyncssh_viewer(server.address[1], size=(120, 30))
        async with conn:
            await until(lambda: "1 / 2" in viewer.status(), "the first slide")
            presentation.next()
            await until(lambda: "2 / 2" in viewer.status(), "the second slide")
            presentation.previous()
            await until(lambda: "1 / 2" in viewer.status(), "the first slide again")
    data = bytes(viewer.data)
    assert b"SECRET-NOTE" not in data
    rest = OURS.sub(b"", data)
    text = rest.decode("utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", text), repr(text)
    screen = "\n".join(viewer.screen.display)
    assert "Bell␇ and ␛[31mred␛[0m" in screen  # the visible stand-ins, as everywhere
