"""500 browsers following one talk: from the presenter's key to every viewer's update.

    python benchmarks/web_viewers.py [--viewers 500] [--changes 20] [--processes 2]
                                     [--via app|presentation] [--deck PATH | --slides 100]

The server is the real one (``tui_slides.web.server.WebServer``) on 127.0.0.1,
in this process's asyncio loop. ``--via app`` (the default) runs it as
``--http`` does, inside the presenter (``PresenterApp`` under Textual's
headless ``run_test``) and presses ``n`` with Textual's Pilot: the app handles
the key, draws the new slide and the server sends in the same loop. ``--via
presentation`` calls ``Presentation.next()`` with no app, for the server alone.

The viewers are aiohttp WebSocket clients in ``--processes`` other processes
(a browser's page load first: each viewer GETs the page, gzipped, as a browser
does). What is timed, per change and per viewer: from just before the key is
pressed (or ``next()`` called) in the server process to the moment that
viewer's client has read the state message naming the new slide. Both ends
read ``CLOCK_MONOTONIC``, which is one system-wide clock on Linux (shared
across processes, unlike Python's ``time.monotonic`` in general). Changes are
``--gap`` seconds apart (a presenter does not press 20 keys a second).

Reported: latency percentiles over all viewers x changes (target: p95 <= 100 ms,
issue 15), messages missed (must be 0), the page-load burst, and memory per
viewer: the server process's RSS once every viewer is connected, less its RSS
before the first one connected, divided by the number of viewers.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: ``benchmarks`` is not yet importable
    sys.path.insert(0, str(ROOT))

TARGET_P95 = 0.100
CONNECT_TIMEOUT = 120.0
"""Seconds all viewers have to join; past that the benchmark fails."""


def now() -> float:
    """A clock every process on this machine reads alike (Linux: CLOCK_MONOTONIC)."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def rss_kib() -> int:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# -- the viewers (other processes) -------------------------------------------------------


async def _viewers(url: str, count: int, ready: Any, stop: Any, results: Any) -> None:
    import aiohttp

    received: list[list[tuple[int, float]]] = [[] for _ in range(count)]
    loads: list[float] = []
    joined = asyncio.Event()
    remaining = [count]

    async def viewer(number: int, session: aiohttp.ClientSession) -> None:
        start = now()
        async with session.get(url, headers={"Accept-Encoding": "gzip"}) as response:
            await response.read()
            assert response.status == 200, response.status
        loads.append(now() - start)
        async with session.ws_connect(url + "ws", heartbeat=None, autoping=True) as ws:
            first = True
            async for message in ws:
                when = now()
                if message.type is not aiohttp.WSMsgType.TEXT:
                    break
                state = json.loads(message.data)
                received[number].append((int(state["index"]), when))
                if first:
                    first = False
                    remaining[0] -= 1
                    if remaining[0] == 0:
                        joined.set()

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [asyncio.create_task(viewer(n, session)) for n in range(count)]
        await joined.wait()
        ready.put(("joined", loads))
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, stop.wait)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    results.put(received)


def viewers_process(url: str, count: int, ready: Any, stop: Any, results: Any) -> None:
    """One process of ``count`` viewers: join, record every state received, report."""
    asyncio.run(_viewers(url, count, ready, stop, results))


# -- the server (this process) -----------------------------------------------------------


class Run:
    """One benchmark run: the server side, and the viewer processes it starts."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        context = multiprocessing.get_context("spawn")
        self.context = context
        self.ready = context.Queue()
        self.results = context.Queue()
        self.stop = context.Event()
        self.sent: dict[int, float] = {}
        self.figures: dict[str, Any] = {}

    async def start_viewers(self, url: str) -> list[Any]:
        args = self.args
        shares = [args.viewers // args.processes] * args.processes
        shares[0] += args.viewers - sum(shares)
        processes = [
            self.context.Process(
                target=viewers_process, args=(url, share, self.ready, self.stop, self.results)
            )
            for share in shares
        ]
        start = now()
        for process in processes:
            process.start()
        loop = asyncio.get_running_loop()
        loads: list[float] = []
        for _ in processes:
            kind, times = await loop.run_in_executor(None, self.ready.get, True, CONNECT_TIMEOUT)
            assert kind == "joined"
            loads.extend(times)
        self.figures["join_seconds"] = now() - start
        self.figures["page_load_median"] = statistics.median(loads)
        self.figures["page_load_max"] = max(loads)
        return processes

    async def collect(self, processes: list[Any]) -> list[list[tuple[int, float]]]:
        self.stop.set()
        loop = asyncio.get_running_loop()
        received: list[list[tuple[int, float]]] = []
        for _ in processes:
            received.extend(await loop.run_in_executor(None, self.results.get, True, 60))
        for process in processes:
            process.join(10)
        return received

    async def serve(self, server: Any, press: Any, index: Any) -> None:
        while not server.message:  # the page is rendered (in a thread) before the state
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.5)
        self.figures["rss_before_kib"] = rss_kib()
        self.figures["page_bytes_gzip"] = len(server.page.gzipped)
        processes = await self.start_viewers(server.url)
        while len(server.viewers) < self.args.viewers:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        self.figures["rss_after_kib"] = rss_kib()
        for _ in range(self.args.changes):
            target = index() + 1
            self.sent[target] = now()
            await press()
            await asyncio.sleep(self.args.gap)
        received = await self.collect(processes)
        self.report(received)

    def report(self, received: list[list[tuple[int, float]]]) -> None:
        latencies: list[float] = []
        missed = 0
        for viewer in received:
            got = dict(viewer)  # index -> when it arrived (a slide is shown once here)
            for index, sent in self.sent.items():
                if index in got:
                    latencies.append(got[index] - sent)
                else:
                    missed += 1
        latencies.sort()
        f = self.figures

        def pct(p: float) -> float:
            return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

        viewers = self.args.viewers
        per_viewer = (f["rss_after_kib"] - f["rss_before_kib"]) / viewers
        a = self.args
        lines = [
            f"via {a.via}: {viewers} viewers in {a.processes} processes,"
            f" {a.changes} changes {a.gap * 1000:.0f} ms apart",
            f"  joined (page GET + WebSocket) in {f['join_seconds']:.2f} s;"
            f" page {f['page_bytes_gzip'] / 1024:.1f} KiB gzipped,"
            f" load median {f['page_load_median'] * 1000:.0f} ms,"
            f" max {f['page_load_max'] * 1000:.0f} ms",
            f"  key -> every viewer's update: p50 {pct(0.50):.1f} ms,"
            f" p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms,"
            f" max {latencies[-1] * 1000:.1f} ms over {len(latencies)} updates; missed {missed}",
            f"  server RSS {f['rss_before_kib'] / 1024:.1f} MiB before,"
            f" {f['rss_after_kib'] / 1024:.1f} MiB with the viewers:"
            f" {per_viewer:.1f} KiB per viewer",
        ]
        ok = pct(0.95) <= TARGET_P95 * 1000 and missed == 0
        verdict = "met" if ok else "NOT met"
        lines.append(f"  target p95 <= {TARGET_P95 * 1000:.0f} ms, none missed: {verdict}")
        print("\n".join(lines))
        self.figures["ok"] = ok


async def via_presentation(run: Run, deck: Any, options: Any) -> None:
    from tui_slides.presenting.presentation import Presentation
    from tui_slides.web.server import WebServer

    presentation = Presentation(deck)
    server = WebServer(presentation, options)
    await server.start()

    async def press() -> None:
        presentation.next()

    try:
        await run.serve(server, press, lambda: presentation.index)
    finally:
        await server.stop()


async def via_app(run: Run, deck: Any, options: Any, path: Path) -> None:
    from tui_slides.app.app import PresenterApp
    from tui_slides.app.options import PresenterOptions

    app = PresenterApp(deck, PresenterOptions(path, images="cells", http=options))
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        while app.web is None or not app.web.started:
            await asyncio.sleep(0.01)

        async def press() -> None:
            await pilot.press("n")

        await run.serve(app.web, press, lambda: app.presentation.index)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=500)
    parser.add_argument("--changes", type=int, default=20, help="slide changes (default 20)")
    parser.add_argument("--gap", type=float, default=0.25, help="seconds between changes")
    parser.add_argument("--processes", type=int, default=2, help="viewer processes")
    parser.add_argument("--via", choices=("app", "presentation"), default="app")
    parser.add_argument("--deck", type=Path, help="default: a generated deck of --slides")
    parser.add_argument("--slides", type=int, default=100, help="slides of the generated deck")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        if args.deck is None:
            from benchmarks.app_paint import big_deck

            args.deck = Path(folder) / "deck.json5"
            big_deck(args.deck, count=args.slides)
        return measure(parser, args)


def measure(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Serve ``args.deck`` and measure as ``main``'s arguments say."""

    from tui_slides.deck.loader import load_deck
    from tui_slides.share.auth import new_code
    from tui_slides.web.options import prepare

    deck = load_deck(args.deck)
    if len(deck.slides) <= args.changes:
        parser.error(f"the deck needs more than {args.changes} slides (--changes)")
    options = prepare("127.0.0.1:0", code=new_code())
    options = dataclasses.replace(options, max_viewers=args.viewers)
    run = Run(args)
    if args.via == "app":
        asyncio.run(via_app(run, deck, options, args.deck))
    else:
        asyncio.run(via_presentation(run, deck, options))
    return 0 if run.figures.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
