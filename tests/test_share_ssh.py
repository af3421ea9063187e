"""Audiences over SSH with a real OpenSSH client in a pseudo-terminal: join, follow, leave."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from share_support import (
    CODE,
    TOUR,
    Terminal,
    client_env,
    needs_ssh,
    serving,
    ssh_args,
    terminal,
    until,
)

from tui_slides.deck.loader import load_deck
from tui_slides.presenting.presentation import Presentation
from tui_slides.share.server import ShareServer

pytestmark = needs_ssh


async def follow_three_changes_and_resize(server: ShareServer, term: Terminal) -> None:
    """The presenter moves three times, the window shrinks: the viewer shows each, then leaves."""
    presentation = server.presentation
    await term.shows("1 / 12")
    await until(lambda: len(server.viewers) == 1, "the viewer to be counted")
    for number in (2, 3, 4):
        presentation.next()
        title = presentation.slide.content[0].title if presentation.slide else ""
        await until(lambda n=number: term.line(-1).endswith(f"{n} / 12"), f"status {number}")
        if title:  # the slide itself, laid out as the presenter's (no printed header)
            await term.shows(title[:30])
    term.resize(60, 20)
    await until(
        lambda: term.line(19).endswith("4 / 12") and len(term.line(19)) == 59,
        f"the status line redrawn at the new width:\n{term.text}",
    )
    assert server.viewers[0].size == (60, 20)
    term.type(b"q")
    assert await term.exits() == 0
    await until(lambda: not server.viewers, "the viewer to leave")


async def test_a_viewer_types_the_code_follows_the_talk_and_leaves(tmp_path: Path) -> None:
    counts: list[int] = []
    async with serving(tmp_path) as server:
        server._on_change = lambda: counts.append(len(server.viewers))
        argv = ssh_args(server.address[1], "-t", "-o", "PubkeyAuthentication=no")
        async with terminal(argv) as term:
            await term.shows("Access code:")
            term.type(CODE.upper().encode() + b"\r")  # case and dashes do not matter
            await follow_three_changes_and_resize(server, term)
    assert counts == [1, 0]


async def test_a_viewer_with_an_authorized_key_follows_the_talk(tmp_path: Path) -> None:
    key = tmp_path / "id_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True, timeout=30
    )
    authorized = tmp_path / "authorized_keys"
    authorized.write_text(key.with_suffix(".pub").read_text())
    async with serving(tmp_path, auth="keys", keys=authorized) as server:
        extra = ("-t", "-i", str(key), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes")
        async with terminal(ssh_args(server.address[1], *extra)) as term:
            await follow_three_changes_and_resize(server, term)


async def test_a_viewer_browses_on_its_own_and_follows_again(tmp_path: Path) -> None:
    presentation = Presentation(load_deck(Path(__file__).parent.parent / "decks" / "tour.json5"))
    presentation.go_to(4)
    async with serving(tmp_path, presentation, auth="none") as server:
        async with terminal(ssh_args(server.address[1], "-t")) as term:
            await term.shows("5 / 12")
            term.type(b"\x1b[D")  # left
            await term.shows("browsing 4 / 12, presenter at 5")
            term.type(b"\x1b[D\x1b[D")
            await term.shows("browsing 2 / 12, presenter at 5")
            presentation.next()
            await term.shows("browsing 2 / 12, presenter at 6")
            term.type(b"f")
            await until(lambda: term.line(-1).endswith("6 / 12"), "following again")
            term.type(b"\x1b[C")
            await term.shows("browsing 7 / 12, presenter at 6")
            term.type(b"\x1b")  # Escape
            await until(lambda: term.line(-1).endswith("6 / 12"), "following again")
            presentation.toggle_blank()
            await until(lambda: not term.text.strip(), "the blanked screen")
            presentation.toggle_blank()
            await term.shows("6 / 12")
            term.type(b"q")
            assert await term.exits() == 0


async def test_an_openssh_viewer_sees_each_step_the_presenter_reveals(tmp_path: Path) -> None:
    presentation = Presentation(load_deck(TOUR), 10)  # "Step by step": three steps
    async with serving(tmp_path, presentation, auth="none") as server:
        async with terminal(ssh_args(server.address[1], "-t")) as term:
            await term.shows("This slide has steps")
            for revealed in ("pause: true on a block hides it", "reveal: 'items' on a block"):
                assert revealed not in term.text and revealed.encode() not in term.raw
                presentation.next()
                await term.shows(revealed)
            presentation.next()  # the last slide, its list one item per step
            await term.shows("present your own deck")
            assert "see the other shapes" not in term.text
            presentation.next()
            await term.shows("see the other shapes")
            assert term.line(-1).endswith("12 / 12")
            term.type(b"q")
            assert await term.exits() == 0


async def test_the_host_key_is_made_once_private_and_its_fingerprint_stays(tmp_path: Path) -> None:
    async with serving(tmp_path) as first:
        fingerprint = first.fingerprint
    key_file = tmp_path / "data" / "ssh_host_ed25519_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    async with serving(tmp_path) as second:
        assert second.fingerprint == fingerprint
        assert fingerprint.startswith("SHA256:")
        argv = ssh_args(second.address[1], "-t", "-o", "PubkeyAuthentication=no", "-v")
        async with terminal(argv) as term:  # what OpenSSH itself reports of the key
            await term.shows("Access code:")
            assert fingerprint in term.raw.decode(errors="replace")


async def test_the_presenter_command_shares_its_talk_with_an_openssh_viewer(
    tmp_path: Path,
) -> None:
    """``tui-slides DECK --ssh`` in a terminal of its own; a viewer's ssh in another."""
    argv = [sys.executable, "-m", "tui_slides", str(TOUR), "--images", "cells"]
    argv += ["--ssh", "127.0.0.1:0", "--ssh-auth", "none"]
    env = client_env(TUI_SLIDES_DATA_DIR=str(tmp_path / "data"))
    async with terminal(argv, env=env) as presenter:
        await presenter.shows("Sharing over SSH")
        await presenter.shows("s: details")  # a line of its own: the toast never cuts it
        found = re.search(r"ssh -C -p (\d+) audience@127\.0\.0\.1", presenter.text)
        assert found, presenter.text
        async with terminal(ssh_args(int(found.group(1)), "-C", "-t")) as viewer:  # as said
            await viewer.shows("1 / 12")
            await presenter.shows("1 watching")
            presenter.type(b"\x1b[C")  # the presenter's Right
            await until(lambda: viewer.line(-1).endswith("2 / 12"), "the viewer following")
            presenter.type(b"q")
            assert await presenter.exits() == 0
            assert await viewer.exits() == 0  # its session closed, its terminal put back
