"""The presenter's socket: private, listed, cleaned up, and safe from bad or slow consoles."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from app_support import make_deck
from console_support import runtime_fixture, until  # noqa: F401

from tui_slides.presenting import rendezvous
from tui_slides.presenting.console_server import MAX_BUFFER, ConsoleServer
from tui_slides.presenting.presentation import Presentation
from tui_slides.presenting.protocol import MAX_LINE, Command, decode, encode


async def serving(runtime: Path) -> tuple[Presentation, ConsoleServer]:
    talk = Presentation(make_deck(5))
    server = ConsoleServer(talk, rendezvous.socket_path("talk"), deck="/d/talk.json5", name="talk")
    await server.start()
    return talk, server


async def first_message(reader: asyncio.StreamReader) -> dict[str, object]:
    return json.loads(await reader.readline())  # type: ignore[no-any-return]


async def test_bad_messages_are_dropped_and_logged_and_good_ones_still_work(
    runtime: Path, caplog: pytest.LogCaptureFixture
) -> None:
    talk, server = await serving(runtime)
    reader, writer = await asyncio.open_unix_connection(str(server.path))
    state = await first_message(reader)
    assert state["type"] == "state" and state["index"] == 0 and state["total"] == 5
    with caplog.at_level(logging.WARNING):
        writer.write(b"garbage\n")
        writer.write(b'{"v": 9, "type": "command", "name": "next"}\n')  # unknown version
        writer.write(b"x" * (MAX_LINE * 3) + b"\n")  # oversized
        writer.write(b'{"v": 2, "type": "slide", "index": 4, "previous": 0}\n')  # not a command
        writer.write(b'{"v": 2, "type": "command", "name": "shutdown"}\n')
        writer.write(encode(Command("next")))
        await writer.drain()
        await until(lambda: talk.index == 1)
    said = [record.getMessage() for record in caplog.records]
    assert said == [
        "dropped a console message: Expecting value: line 1 column 1 (char 0)",
        "dropped a console message: protocol version 9, not 2",
        f"dropped a console message: longer than {MAX_LINE} bytes",
        "dropped a console message: not a command",
        "dropped a console message: unknown command 'shutdown'",
    ]
    event = decode((await reader.readline()).rstrip(b"\n"))
    assert event is not None and type(event).__name__ == "SlideChanged"
    writer.close()
    server.close()


async def test_a_console_that_stops_reading_is_dropped_not_waited_for(runtime: Path) -> None:
    talk, server = await serving(runtime)
    stalled = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    stalled.connect(str(server.path))  # and never reads
    await until(lambda: server.consoles == 1)
    moves = 0
    while server.consoles and moves < 200_000:
        talk.search("x" * 10_000)  # about 10 kB an event
        moves += 1
        if moves % 50 == 0:
            await asyncio.sleep(0)
    assert server.consoles == 0
    assert moves * 10_000 < MAX_BUFFER * 20  # dropped soon after its buffer filled
    talk.next()  # the talk goes on
    assert talk.index == 1
    stalled.close()
    server.close()


async def test_a_flood_of_commands_is_cut_to_a_few_a_read(
    runtime: Path, caplog: pytest.LogCaptureFixture
) -> None:
    talk, server = await serving(runtime)
    reader, writer = await asyncio.open_unix_connection(str(server.path))
    await first_message(reader)
    with caplog.at_level(logging.WARNING):
        writer.write(encode(Command("next")) * 2000)
        await writer.drain()
        await until(
            lambda: any("too many commands at once" in r.getMessage() for r in caplog.records)
        )
    assert talk.index == 4  # on the last slide: five slides
    writer.close()
    server.close()


async def test_the_socket_and_its_folder_are_private(runtime: Path) -> None:
    _, server = await serving(runtime)
    assert stat.S_IMODE(server.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(server.path.parent.stat().st_mode) == 0o700
    assert server.path.name == f"talk.{os.getpid()}.sock"
    server.close()
    assert not server.path.exists()


def test_without_a_runtime_folder_the_temp_dir_holds_a_private_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    folder = rendezvous.socket_folder()
    assert folder == tmp_path / f"tui-slides-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_folder_that_is_not_private_is_refused(runtime: Path) -> None:
    folder = runtime / "tui-slides"
    folder.mkdir()
    folder.chmod(0o770)
    with pytest.raises(rendezvous.UnsafeFolder, match=r"other users \(mode 770\)"):
        rendezvous.socket_folder()
    folder.rmdir()
    (runtime / "tui-slides").symlink_to(runtime)
    with pytest.raises(rendezvous.UnsafeFolder, match="not a folder"):
        rendezvous.socket_folder()


def test_sockets_of_ended_presenters_are_removed_from_the_list(runtime: Path) -> None:
    folder = rendezvous.socket_folder()
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(ended.stdout)
    stale = folder / f"old.{dead_pid}.sock"
    live = folder / f"talk.{os.getpid()}.sock"
    for path in (stale, live):
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(path))
        listener.close()
    (folder / "notes.txt").write_text("not a socket")
    found = rendezvous.running()
    assert [(listing.name, listing.pid) for listing in found] == [("talk", os.getpid())]
    assert not stale.exists() and live.exists()


def test_join_names_a_talk_by_deck_name_pid_or_both() -> None:
    listings = [
        rendezvous.Listing("talk", 11, 1.0, Path("a")),
        rendezvous.Listing("talk", 12, 2.0, Path("b")),
        rendezvous.Listing("keynote", 13, 3.0, Path("c")),
    ]
    assert [x.pid for x in rendezvous.choose(listings, "talk")] == [11, 12]
    assert [x.pid for x in rendezvous.choose(listings, "talk.12")] == [12]
    assert [x.pid for x in rendezvous.choose(listings, "13")] == [13]
    assert [x.pid for x in rendezvous.choose(listings, "key")] == [13]
    assert rendezvous.choose(listings, "nothing") == []


def test_the_deck_name_is_safe_in_a_file_name(tmp_path: Path) -> None:
    assert rendezvous.deck_name(tmp_path / "my talk; $(rm).json5") == "my-talk-rm"
    assert rendezvous.deck_name(tmp_path / ("x" * 100)) == "x" * rendezvous.MAX_NAME
    assert rendezvous.deck_name(tmp_path / "доклад.json5") == "доклад"  # joined by its name
    long = rendezvous.deck_name(tmp_path / ("д" * 100))  # 2 bytes a letter: cut whole
    assert long == "д" * (rendezvous.MAX_NAME // 2)
    assert rendezvous.deck_name(tmp_path / os.fsdecode(b"\xff\xfe.json5")) == "deck"
    assert rendezvous.deck_name(tmp_path / "...json5") == "deck"
    folder = tmp_path / "folder-deck"
    folder.mkdir()
    assert rendezvous.deck_name(folder) == "folder-deck"
