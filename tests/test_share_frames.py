"""What each viewer is sent: its colours, frames shared by size, a resize for that viewer only."""

from __future__ import annotations

import json
import re
from pathlib import Path

from share_support import TOUR, asyncssh_viewer, serving, until

from tui_slides.deck.loader import load_deck
from tui_slides.presenting.presentation import Presentation
from tui_slides.share.frames import Frames


async def test_each_viewer_gets_the_colours_its_terminal_has(tmp_path: Path) -> None:
    async with serving(tmp_path, auth="none") as server:
        port = server.address[1]
        viewers = {}
        for term in ("xterm-256color", "xterm", "dumb", "xterm-direct"):
            conn, _chan, viewer = await asyncssh_viewer(port, term_type=term)
            viewers[term] = (conn, viewer)
        for _conn, viewer in viewers.values():
            await until(lambda v=viewer: v.status().endswith("1 / 12"), "the first slide")
        server.presentation.go_to(3)  # a code sample: colours of every kind
        for _conn, viewer in viewers.values():
            await until(lambda v=viewer: v.status().endswith("4 / 12"), "slide 4")
        codes = {
            term: set(re.findall(rb"\x1b\[([0-9;]*)m", bytes(viewer.data)))
            for term, (_conn, viewer) in viewers.items()
        }
        for _conn, _viewer in viewers.values():
            _conn.close()
    assert any(b"38;5;" in code for code in codes["xterm-256color"])
    assert not any(b"38;5;" in code or b"38;2;" in code for code in codes["xterm"])
    assert any(re.search(rb"(^|;)3[0-7]($|;)", code) for code in codes["xterm"])
    assert codes["dumb"] <= {b"0"}  # no colour, no bold: at most resets
    assert any(b"38;2;" in code for code in codes["xterm-direct"])


async def test_a_slide_with_links_reaches_viewers_as_plain_escapes(tmp_path: Path) -> None:
    """The tour's media slide: its video and map cards are hyperlinks in the presenter;
    a viewer gets their text, and only the cursor, style and erase sequences."""
    presentation = Presentation(load_deck(TOUR), 8)  # "Video": a video card and a map
    async with serving(tmp_path, presentation, auth="none") as server:
        conn, _chan, viewer = await asyncssh_viewer(server.address[1], size=(100, 30))
        await until(lambda: viewer.status().endswith("9 / 12"), "the media slide")
        await until(lambda: "Big_Buck_Bunny" in "\n".join(viewer.screen.display), "the card")
        data = bytes(viewer.data)
        conn.close()
    finals = set(re.findall(rb"\x1b\[[?0-9;]*([@-~])", data))
    assert finals <= {b"H", b"m", b"K", b"J", b"h", b"l"}
    assert b"\x1b]" not in data  # no OSC (a hyperlink) to cut into
    screen = "\n".join(viewer.screen.display)
    assert "d=" not in screen and "\x1b" not in screen


async def test_viewers_of_one_size_share_frames_and_bytes(tmp_path: Path) -> None:
    async with serving(tmp_path, auth="none") as server:
        port = server.address[1]
        clients = [await asyncssh_viewer(port, size=(100, 30)) for _ in range(3)]
        other = await asyncssh_viewer(port, size=(80, 24))
        sessions = [session for _conn, _chan, session in clients]
        for session in sessions:
            await until(lambda s=session: s.status().endswith("1 / 12"), "the first slide")
        await until(lambda: other[2].status().endswith("1 / 12"), "the first slide")
        renders = server.frames.renders
        before = [len(session.data) for session in sessions]
        server.presentation.next()
        for session in sessions:
            await until(lambda s=session: s.status().endswith("2 / 12"), "slide 2")
        await until(lambda: other[2].status().endswith("2 / 12"), "slide 2 at 80x24")
        sent = {bytes(s.data[n:]) for s, n in zip(sessions, before, strict=True)}
        assert len(sent) == 1  # the same bytes for each, encoded once
        assert server.frames.renders - renders <= 2  # drawn ahead: once per size at most
        # A resize draws for that viewer only: the others are sent nothing.
        before = [len(session.data) for session in sessions]
        renders = server.frames.renders
        sessions[0].screen.resize(40, 120)
        clients[0][1].change_terminal_size(120, 40)
        await until(lambda: server.viewers[0].size == (120, 40), "the resize")
        await until(lambda: sessions[0].status().endswith("2 / 12"), "redrawn")
        assert len(sessions[1].data) == before[1] and len(sessions[2].data) == before[2]
        assert server.frames.renders > renders
        for conn, _chan, _session in [*clients, other]:
            conn.close()


async def test_images_reach_viewers_as_half_block_cells(tmp_path: Path) -> None:
    async with serving(tmp_path, auth="none") as server:
        presentation = server.presentation
        index = next(
            n
            for n, slide in enumerate(presentation.deck.slides)
            if any(block.image is not None for block in slide.content)
        )
        conn, _chan, viewer = await asyncssh_viewer(server.address[1], size=(120, 40))
        await until(lambda: viewer.status().endswith("1 / 12"), "the first slide")
        presentation.go_to(index)
        await until(lambda: viewer.status().endswith(f"{index + 1} / 12"), "the image slide")
        conn.close()
    screen = "\n".join(viewer.screen.display)
    assert screen.count("▀") + screen.count("▄") > 100
    assert re.search(rb"\x1b\[[0-9;]*48;5;[0-9]+[;m]", bytes(viewer.data))  # coloured cells


async def test_a_reloaded_deck_reaches_viewers(tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.json5"
    deck_file.write_text("[{name: 'a', content: ['First version']}, {content: ['Two']}]")
    presentation = Presentation(load_deck(deck_file))
    async with serving(tmp_path, presentation, auth="none") as server:
        conn, _chan, viewer = await asyncssh_viewer(server.address[1])
        await until(lambda: "First version" in "\n".join(viewer.screen.display), "version 1")
        viewer_keys = server.viewers[0]
        server.viewer_key(viewer_keys, "next")  # the viewer browses to slide 2
        await until(lambda: "browsing 2 / 2" in viewer.status(), "browsing")
        deck_file.write_text("[{name: 'a', content: ['Second version']}]")
        presentation.reload(load_deck(deck_file))
        await until(lambda: "Second version" in "\n".join(viewer.screen.display), "version 2")
        assert viewer.status().endswith("1 / 1")  # slide 2 is gone: following again
        conn.close()


async def test_a_slide_cut_off_by_a_small_terminal_says_there_is_more_below(
    tmp_path: Path,
) -> None:
    """A viewer cannot scroll: its status line says the slide goes on, until it fits."""
    deck_file = tmp_path / "deck.json5"
    long_text = "\n".join(f"Line {n} of a long slide" for n in range(1, 41))
    deck_file.write_text(json.dumps([{"content": [long_text]}, {"content": ["Short"]}]))
    presentation = Presentation(load_deck(deck_file))
    async with serving(tmp_path, presentation, auth="none") as server:
        port = server.address[1]
        small_conn, _chan, small = await asyncssh_viewer(port, size=(100, 12))
        tall_conn, _chan, tall = await asyncssh_viewer(port, size=(100, 60))
        narrow_conn, _chan, narrow = await asyncssh_viewer(port, size=(40, 10))
        tiny_conn, _chan, tiny = await asyncssh_viewer(port, size=(18, 10))
        for viewer in (small, tall, narrow, tiny):
            await until(lambda v=viewer: v.status().endswith("1 / 2"), "the long slide")
        assert small.status().startswith(" ▼ more below: make the window taller")
        assert narrow.status().startswith(" ▼ more below ")  # the short form: no word cut
        assert "make" not in narrow.status()
        for viewer in (small, narrow):  # said once, not again by the counter
            assert viewer.status().count("▼") == 1 and viewer.status().endswith(" 1 / 2")
        assert tiny.status().strip() == "▼ 1 / 2"  # no room for words: the mark alone
        narrow_conn.close()
        tiny_conn.close()
        assert "▼" not in tall.status() and "Line 40 of" in "\n".join(tall.screen.display)
        presentation.next()
        await until(lambda: small.status().endswith("2 / 2"), "the short slide")
        assert "▼" not in small.status()
        small_conn.close()
        tall_conn.close()


def test_frames_know_which_slides_go_on_below_their_last_row(tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.json5"
    deck_file.write_text(json.dumps([{"content": ["\n".join(["words"] * 30)]}]))
    deck = load_deck(deck_file)
    frames = Frames(max_frames=1)
    small, _body = frames.body(deck, 0, 0, 0, (80, 10), None)
    assert frames.continues(small)
    tall, _body = frames.body(deck, 0, 0, 0, (80, 40), None)
    assert not frames.continues(tall)
    assert not frames.continues(small)  # dropped with its frame
