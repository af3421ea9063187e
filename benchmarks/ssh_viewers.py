"""Audiences over SSH: N viewers of mixed sizes following slide changes (issue 14's targets).

What runs: this process holds a headless ``Presentation`` and the ``ShareServer``
in one asyncio loop, as the presenter's process would (no Textual: the key is
``presentation.next()``, called by this script); ``--processes`` child processes
(``--client``) open the viewers with asyncssh's client, each a pty of one of
``SIZES``, on 127.0.0.1 only. Every ``INTERVAL`` seconds the "presenter" moves
to the next slide; each client notes when each chunk arrives (``time.monotonic``,
one clock for every process of the machine) and how big it is. Afterwards: for
each change and viewer, the time from the key to the last byte of that change,
and the bytes of that change.

Targets (issue 14): 200 viewers: p95 key -> last byte <= 100 ms; server memory
growth <= 0.25 MiB per viewer; bytes per change per viewer at 100x30 <= 1.5 KB.
Also reported: the longest stretch the loop is held after a change (what could
delay the presenter's own repaint in the same loop), with no viewers and with N.
Run on this 2-CPU machine, the client processes compete with the server for CPU.

    python benchmarks/ssh_viewers.py                 # 200 viewers, then 500
    python benchmarks/ssh_viewers.py --viewers 200 --only
    python benchmarks/ssh_viewers.py --presenter     # the real app: its own key -> screen
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: ``benchmarks`` is not yet importable
    sys.path.insert(0, str(ROOT))

SIZES = ((100, 30), (80, 24), (120, 40), (160, 50), (200, 60))
"""The viewers' terminal sizes, in turn: 100x30 is the one the bytes target is for."""
INTERVAL = 0.3
"""Seconds between two slide changes: every viewer is long done by the next."""
CHANGES = 20
SLIDES = 60
TIMEOUT = 120.0
TCPI_BYTES_RECEIVED = 128
"""Where ``tcpi_bytes_received`` is in Linux's ``struct tcp_info`` (since 4.1)."""
"""Seconds the whole run may take before it gives up."""


# -- the clients (child processes) ---------------------------------------------------------


async def _clients(port: int, count: int, first: int, compress: bool = False) -> None:
    import socket

    import asyncssh

    class Viewer(asyncssh.SSHClientSession[bytes]):
        def __init__(self) -> None:
            self.chunks: list[tuple[float, int, int]] = []
            self.sock: socket.socket | None = None

        def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
            wire = _received(self.sock) if self.sock is not None else 0
            self.chunks.append((time.monotonic(), len(data), wire))

    async def one(number: int) -> tuple[tuple[int, int], Viewer, asyncssh.SSHClientConnection]:
        size = SIZES[number % len(SIZES)]
        sock = socket.create_connection(("127.0.0.1", port))
        conn = await asyncssh.connect(
            sock=sock, username="audience", known_hosts=None, client_keys=None,
            agent_path=None, config=None,
            compression_algs=["zlib@openssh.com"] if compress else ["none"],
        )  # fmt: skip
        _chan, session = await conn.create_session(
            Viewer, term_type="xterm-256color", term_size=size, encoding=None
        )
        session.sock = sock
        return size, session, conn

    made = []
    for start in range(0, count, 10):  # a few at a time, as people join
        batch = range(start, min(count, start + 10))
        made += await asyncio.gather(*(one(first + n) for n in batch))
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)  # "stop"
    report = [{"size": size, "chunks": session.chunks} for size, session, _conn in made]
    print(json.dumps(report), flush=True)
    for _size, _session, conn in made:
        conn.close()


def _received(sock: socket.socket) -> int:
    """Bytes the connection has received so far, as TCP counts them (Linux's ``TCP_INFO``):
    what went over the wire, SSH's packets, encryption and compression included."""
    import struct

    info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    return int(struct.unpack_from("Q", info, TCPI_BYTES_RECEIVED)[0])


# -- the server (this process) -------------------------------------------------------------


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _held(presentation: object, watch: float = 0.2) -> float:
    """One slide change; the longest the loop was held at a stretch in the ``watch`` seconds after.

    That is the most the presenter's own repaint, in the same loop, could wait.
    """
    presentation.next()  # type: ignore[attr-defined]
    last = started = time.perf_counter()
    longest = 0.0
    while last - started < watch:
        await asyncio.sleep(0)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    return longest


async def run(
    viewers: int, processes: int, changes: int, *, compress: bool = False
) -> dict[str, object]:
    """One run with ``viewers`` viewers; the figures."""
    import gc

    from benchmarks.app_paint import big_deck
    from tui_slides.deck.loader import load_deck
    from tui_slides.presenting.presentation import Presentation
    from tui_slides.share.options import ShareOptions
    from tui_slides.share.server import ShareServer

    folder = Path(tempfile.mkdtemp(prefix="ssh-bench-"))
    deck_path = folder / "deck.json5"
    big_deck(deck_path, count=SLIDES)
    presentation = Presentation(load_deck(deck_path))
    options = ShareOptions(
        port=0, auth="none", data_dir=folder, max_viewers=max(viewers, 1), stall_timeout=60
    )
    server = ShareServer(presentation, options)
    await server.start()
    port = server.address[1]
    idle_held = [await _held(presentation) for _ in range(5)]
    presentation.go_to(0)
    await asyncio.sleep(0.2)
    gc.collect()
    rss_before = _rss_mib()

    share = [viewers // processes + (1 if n < viewers % processes else 0) for n in range(processes)]
    children = []
    first = 0
    for count in share:
        child = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--client", str(port), str(count), str(first),
            *(["--compress"] if compress else []),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            limit=256 * 1024 * 1024,
        )  # fmt: skip
        first += count
        children.append(child)
    for child in children:
        assert child.stdout is not None
        line = await asyncio.wait_for(child.stdout.readline(), TIMEOUT)
        assert line.strip() == b"ready", line
    while len(server.viewers) < viewers:
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)  # every first screen sent, the neighbours drawn ahead
    gc.collect()
    rss_joined = _rss_mib()

    keys: list[float] = []
    held: list[float] = []
    for _ in range(changes):
        keys.append(time.monotonic())
        held.append(await _held(presentation))
        await asyncio.sleep(INTERVAL - 0.2)
    rss_after = _rss_mib()

    reports = []
    for child in children:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(b"stop\n")
        await child.stdin.drain()
        reports += json.loads(await asyncio.wait_for(child.stdout.readline(), TIMEOUT))
        await child.wait()
    await server.stop()

    latencies: list[float] = []
    bytes_100x30: list[int] = []
    wire_100x30: list[int] = []
    missing = 0
    for report in reports:
        chunks = report["chunks"]
        for n, key in enumerate(keys):
            end = keys[n + 1] if n + 1 < len(keys) else key + INTERVAL
            got = [(t, size, wire) for t, size, wire in chunks if key <= t < end]
            if not got:
                missing += 1
                continue
            latencies.append(got[-1][0] - key)
            if tuple(report["size"]) == (100, 30):
                bytes_100x30.append(sum(size for _t, size, _wire in got))
                before = [wire for t, _size, wire in chunks if t < key]
                if before:  # TCP's count at the change's last chunk, less at the one before it
                    wire_100x30.append(got[-1][2] - before[-1])
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    return {
        "viewers": viewers,
        "changes": changes,
        "p50 key->last byte (ms)": round(statistics.median(latencies) * 1000, 1),
        "p95 key->last byte (ms)": round(p95 * 1000, 1),
        "max key->last byte (ms)": round(latencies[-1] * 1000, 1),
        "changes not received": missing,
        "loop held at a stretch per change, no viewers (ms)": _ms(statistics.median(idle_held)),
        "loop held at a stretch per change (ms, median)": _ms(statistics.median(held)),
        "server RSS growth per viewer (MiB)": round((rss_joined - rss_before) / viewers, 3),
        "server RSS after the changes - joined (MiB)": round(rss_after - rss_joined, 1),
        "bytes per change per viewer at 100x30 (median)": statistics.median(bytes_100x30),
        "bytes per change per viewer at 100x30 (max)": max(bytes_100x30),
        "compression (as ssh -C)": compress,
        "bytes over the wire per change per viewer at 100x30 (median)": statistics.median(
            wire_100x30
        ),
        "frames rendered": server.frames.renders,
        "diffs encoded": server.diffs.encoded,
    }


def presenter(
    viewers: int, processes: int, presses: int = 10, *, compress: bool = False
) -> dict[str, object]:
    """The real presenter (``tui-slides DECK --ssh``) in a pty: its own key -> screen, in ms,
    with no viewers and then with ``viewers`` (the issue: at most 1.2x)."""
    import os
    import socket

    from benchmarks.app_paint import KEYS, TUI_SLIDES, big_deck, counter, spawn, timed_key

    folder = Path(tempfile.mkdtemp(prefix="ssh-bench-"))
    deck_path = folder / "deck.json5"
    big_deck(deck_path, count=SLIDES)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    os.environ["TUI_SLIDES_DATA_DIR"] = str(folder)
    argv = [*TUI_SLIDES, str(deck_path), "--images", "cells", "--ssh", f"127.0.0.1:{port}"]
    child = spawn([*argv, "--ssh-auth", "none", "--ssh-max-viewers", str(viewers)], 100, 30)
    position = 1
    times: dict[str, list[float]] = {"none": [], "viewers": []}
    clients: list[subprocess.Popen[bytes]] = []
    try:
        child.wait_for("watching", 0)  # the server is up
        for phase in ("none", "viewers"):
            if phase == "viewers":
                share = [viewers // processes] * processes
                share[0] += viewers - sum(share)
                for first, count in enumerate(share):
                    client = subprocess.Popen(
                        [sys.executable, __file__, "--client", str(port), str(count),
                         str(first * count), *(["--compress"] if compress else [])],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    )  # fmt: skip
                    clients.append(client)
                for client in clients:
                    assert client.stdout is not None
                    assert client.stdout.readline().strip() == b"ready"
                child.wait_for(f"{viewers} watching", 0, timeout=60)
                time.sleep(1.0)
            for press in range(presses + 3):
                position += 1
                ms, _written = timed_key(child, KEYS["next"], counter(position, SLIDES))
                if press >= 3:  # the first few warm the caches up
                    times[phase].append(ms)
    finally:
        for client in clients:
            if client.stdin is not None:
                client.stdin.write(b"stop\n")
                client.stdin.close()
        child.quit()
        for client in clients:
            client.kill()
            client.wait()
    alone, watched = statistics.median(times["none"]), statistics.median(times["viewers"])
    return {
        "viewers": viewers,
        "presenter key -> screen, no viewers (ms, median)": round(alone, 1),
        f"presenter key -> screen, {viewers} viewers (ms, median)": round(watched, 1),
        "ratio (target <= 1.2)": round(watched / alone, 2),
        "compression (as ssh -C)": compress,
    }


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def main() -> None:
    """Run the benchmark (or, with ``--client``, be one of its client processes)."""
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        port, count, first = map(int, sys.argv[2:5])
        asyncio.run(_clients(port, count, first, compress="--compress" in sys.argv[5:]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=200)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--changes", type=int, default=CHANGES)
    parser.add_argument("--only", action="store_true", help="no second run with 500 viewers")
    parser.add_argument(
        "--compress", action="store_true", help="viewers ask for compression, as ssh -C does"
    )
    parser.add_argument(
        "--presenter", action="store_true", help="the real presenter in a pty instead (its keys)"
    )
    args = parser.parse_args()
    if args.presenter:
        figures = presenter(args.viewers, args.processes, compress=args.compress)
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    counts = [args.viewers] if args.only or args.viewers >= 500 else [args.viewers, 500]
    for viewers in counts:  # each in a fresh process: memory is measured from a clean start
        if viewers == args.viewers:
            figures = asyncio.run(
                asyncio.wait_for(
                    run(viewers, args.processes, args.changes, compress=args.compress), TIMEOUT
                )
            )
            print(json.dumps(figures, indent=2, ensure_ascii=False), flush=True)
        else:
            argv = [sys.executable, __file__, "--viewers", str(viewers), "--only"]
            argv += ["--processes", str(args.processes)] + (["--compress"] if args.compress else [])
            subprocess.run(argv, check=True)


if __name__ == "__main__":
    main()
