"""Audiences and the presenter's reveal steps: each item reaches viewers only once revealed.

A following viewer sees the presenter's slide at the presenter's step; a
browsing one sees the slides before it complete, the presenter's at its step
and those after it at their first step (nothing the presenter has not shown).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from share_support import Received, asyncssh_viewer, serving, until

from tui_slides.deck.loader import load_deck
from tui_slides.deck.model import Deck
from tui_slides.presenting.presentation import Presentation
from tui_slides.share.frames import Frames
from tui_slides.share.viewer import Viewer

DECK = """[
  {name: 'one', content: [{title: 'Letters', reveal: 'items',
                           text: "- Alpha\\n- Bravo\\n- Charlie"}]},
  {name: 'two', content: [{text: 'Second slide'}, {pause: true, text: 'Delta appears'}]},
  {name: 'three', content: [{reveal: 'items', text: "- Echo\\n- Foxtrot"}]},
]"""
"""Three slides: three steps (items), two (a pause), two (items)."""

LEFT, RIGHT = b"\x1b[D", b"\x1b[C"


def stepped_deck(tmp_path: Path, text: str = DECK) -> Deck:
    path = tmp_path / "steps.json5"
    path.write_text(text)
    return load_deck(path)


def screen(viewer: Received) -> str:
    return "\n".join(viewer.screen.display)


async def step_shows(viewer: Received, move: Callable[[], object], text: str) -> None:
    """``move()``, then ``text`` appears: it was in no byte sent before, and is in those after."""
    before = len(viewer.data)
    assert text.encode() not in viewer.data
    move()
    await until(lambda: text in screen(viewer), f"{text!r} on screen:\n{screen(viewer)}")
    assert text.encode() in viewer.data[before:]


async def test_followers_see_each_item_only_after_the_presenter_reveals_it(
    tmp_path: Path,
) -> None:
    presentation = Presentation(stepped_deck(tmp_path))
    async with serving(tmp_path, presentation, auth="none") as server:
        conn, _chan, viewer = await asyncssh_viewer(server.address[1])
        await until(lambda: "Alpha" in screen(viewer), "the first item")
        assert viewer.status().endswith("●○○ 1 / 3")  # the presenter's step dots, too
        await step_shows(viewer, presentation.next, "Bravo")
        assert viewer.status().endswith("●●○ 1 / 3")
        await step_shows(viewer, presentation.next, "Charlie")
        assert viewer.status().endswith("●●● 1 / 3")
        await step_shows(viewer, presentation.next, "Second slide")  # the next slide, step 0
        assert viewer.status().endswith("●○ 2 / 3")
        assert "Delta" not in screen(viewer)
        await step_shows(viewer, presentation.next, "Delta appears")
        presentation.previous()  # a step back: hidden again
        await until(lambda: "Delta" not in screen(viewer), "the pause hidden again")
        assert "Second slide" in screen(viewer)
        presentation.previous()  # back to the slide before: complete, as the presenter sees it
        await until(lambda: viewer.status().endswith("1 / 3"), "slide 1")
        await until(lambda: "Charlie" in screen(viewer), "slide 1 complete")
        assert "Alpha" in screen(viewer) and "Bravo" in screen(viewer)
        conn.close()


async def test_a_step_is_sent_after_the_presenters_repaint_once_per_key(tmp_path: Path) -> None:
    presentation = Presentation(stepped_deck(tmp_path), 0)
    presentation.go_to(0)  # slide 1 complete: its next key changes slide and step
    repaints: list[Callable[[], None]] = []
    async with serving(
        tmp_path, presentation, auth="none", after_repaint=repaints.append
    ) as server:
        conn, _chan, viewer = await asyncssh_viewer(server.address[1])
        await until(lambda: "Charlie" in screen(viewer), "slide 1 complete")
        await until(lambda: server.viewers[0].bytes_sent > 0, "the first screen")
        sent = server.viewers[0].bytes_sent
        presentation.next()  # slide 2 at step 0: a SlideChanged and a StepChanged
        for _ in range(20):
            await asyncio.sleep(0)
        assert server.viewers[0].bytes_sent == sent  # nothing before the presenter's repaint
        assert len(repaints) == 1  # one send for the key's two events
        repaints.pop()()
        await until(lambda: "Second slide" in screen(viewer), "slide 2")
        presentation.next()  # a step only
        for _ in range(20):
            await asyncio.sleep(0)
        assert "Delta" not in screen(viewer) and len(repaints) == 1
        await step_shows(viewer, repaints.pop(), "Delta appears")
        conn.close()


async def test_the_next_step_and_the_neighbours_are_drawn_ahead_at_their_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[tuple[int, int | None]] = []
    render = Frames._render

    def recording(self: Frames, deck: Deck, index: int, step: int | None, *args: object) -> object:
        drawn.append((index, step))
        return render(self, deck, index, step, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Frames, "_render", recording)
    presentation = Presentation(stepped_deck(tmp_path), 1)  # slide 2, at its first step
    async with serving(tmp_path, presentation, auth="none") as server:
        conn, _chan, viewer = await asyncssh_viewer(server.address[1])
        # (slide, step drawn; None: complete): this slide's next step, the next slide at
        # its first step, the previous one complete (as going back shows it).
        ahead = {(1, None), (2, 0), (0, None)}
        await until(lambda: ahead <= set(drawn), f"drawn ahead: {drawn}")
        assert drawn[0] == (1, 0)  # the screen shown
        assert not {(0, 0), (0, 1), (2, None)} & set(drawn)  # no step a key would not show
        before = len(drawn)
        await step_shows(viewer, presentation.next, "Delta appears")
        assert (1, None) not in drawn[before:]  # the step was a write: drawn before the key
        conn.close()


async def test_a_browsing_viewer_sees_what_was_shown_and_no_spoilers(tmp_path: Path) -> None:
    presentation = Presentation(stepped_deck(tmp_path), 1)  # slide 2, "Delta" not revealed
    async with serving(tmp_path, presentation, auth="none") as server:
        conn, chan, viewer = await asyncssh_viewer(server.address[1])
        await until(lambda: "Second slide" in screen(viewer), "slide 2")
        chan.write(LEFT)  # the slide before the presenter's: complete
        await until(lambda: "browsing 1 / 3, presenter at 2" in viewer.status(), "browsing 1")
        await until(lambda: "Charlie" in screen(viewer), "slide 1 complete")
        chan.write(RIGHT)  # the presenter's slide: following again, at the presenter's step
        await until(lambda: viewer.status().endswith(" 2 / 3"), "following")
        assert "Second slide" in screen(viewer) and "Delta" not in screen(viewer)
        chan.write(RIGHT)  # the slide after: its first step only
        await until(lambda: "browsing 3 / 3, presenter at 2" in viewer.status(), "browsing 3")
        await until(lambda: "Echo" in screen(viewer), "slide 3's first item")
        presentation.next()  # the presenter reveals "Delta": not on this viewer's slide
        presentation.next()  # the presenter comes to slide 3: its step 0 is what is shown
        await until(lambda: "presenter at 3" in viewer.status(), "the presenter on slide 3")
        assert b"Delta" not in viewer.data and b"Foxtrot" not in viewer.data
        # On the presenter's slide a browsing viewer sees the presenter's step.
        await step_shows(viewer, presentation.next, "Foxtrot")
        conn.close()


async def test_blank_wins_over_a_step_and_a_reload_keeps_the_step(tmp_path: Path) -> None:
    presentation = Presentation(stepped_deck(tmp_path))
    async with serving(tmp_path, presentation, auth="none") as server:
        conn, _chan, viewer = await asyncssh_viewer(server.address[1])
        await until(lambda: "Alpha" in screen(viewer), "the first item")
        presentation.toggle_blank()
        await until(lambda: not screen(viewer).strip(), "blanked")
        presentation.next()  # a step while blanked: still black
        for _ in range(20):
            await asyncio.sleep(0)
        assert not screen(viewer).strip() and b"Bravo" not in viewer.data
        await step_shows(viewer, presentation.toggle_blank, "Bravo")
        reloaded = stepped_deck(tmp_path, DECK.replace("Bravo", "Zulu"))
        await step_shows(viewer, lambda: presentation.reload(reloaded), "Zulu")
        assert "Charlie" not in screen(viewer)  # the same step on the new version
        conn.close()


async def test_a_viewers_browsing_keys_do_nothing_while_the_screen_is_blank(
    tmp_path: Path,
) -> None:
    presentation = Presentation(stepped_deck(tmp_path), 1)
    async with serving(tmp_path, presentation, auth="none") as server:
        conn, chan, viewer = await asyncssh_viewer(server.address[1])
        await until(lambda: "Second slide" in screen(viewer), "slide 2")
        presentation.toggle_blank()
        await until(lambda: not screen(viewer).strip(), "blanked")
        keys: list[str] = []
        viewer_key = server.viewer_key

        def counted(seer: Viewer, action: str) -> None:
            keys.append(action)
            viewer_key(seer, action)

        server.viewer_key = counted  # type: ignore[method-assign,assignment]
        chan.write(RIGHT + RIGHT + LEFT + LEFT + LEFT)  # keys pressed at a black screen
        await until(lambda: len(keys) == 5, "the five keys at the server")
        assert server.viewers[0].browsing is None
        presentation.toggle_blank()
        # Back from blank: following the presenter, not browsing where the keys went.
        await until(lambda: viewer.status().endswith(" 2 / 3"), "following slide 2")
        assert "browsing" not in viewer.status() and "Second slide" in screen(viewer)
        conn.close()
