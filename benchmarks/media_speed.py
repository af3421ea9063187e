"""How fast a slide with a 4000x3000 photo reaches the screen, and how much memory it takes.

The deck is generated: a text slide, then a slide with the photo. By default the
real presenter runs in a pseudo-terminal (``tui-slides DECK --images
cells``, 120x40, like ``app_paint.py``): the script writes keys to the pty, reads
what the presenter writes, and replays it on a small screen model. A change is
on screen when the screen first looks as it does once the presenter has been
quiet for ``SETTLED`` seconds: a later repaint that changes nothing does not
count, a scrollbar or status line drawn later does.

- first: from ``n`` on the text slide to the photo slide on screen, the first
  time (the photo is decoded and scaled then), in a fresh process.
- back: ``p`` to the text slide, then ``n``: from that ``n`` to the photo slide
  on screen again, in the same process.
- pair_cpu: the presenter's CPU time for one ``p`` + ``n``; bytes: what one
  return writes to the terminal (it matters over SSH).
- peak: the presenter's peak resident memory (VmHWM).

The baseline is the same deck with the image field empty, measured the same way
in the same run, alternating with the photo runs; medians of all. Targets:
first <= 300 ms, back <= 20 ms, peak <= 120 MiB.

``--pilot`` runs the older headless measure instead (``run_test``, ``Pilot.press``
then ``Pilot.pause``): handy for profiling, but Pilot's own waits (about 80 ms)
swamp a 20 ms target.

    python benchmarks/media_speed.py [--runs 7] [--returns 15] [--format jpeg|png] [--pilot]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: ``benchmarks`` is not yet importable
    sys.path.insert(0, str(ROOT))

from rich.cells import cell_len  # noqa: E402

from benchmarks.app_paint import QUIET, Child, spawn  # noqa: E402
from benchmarks.command import TUI_SLIDES  # noqa: E402

SIZE = (120, 40)
TARGETS = {"first": 300.0, "back": 20.0, "peak": 120.0}
"""Milliseconds for first and back, MiB for peak."""

DECK = """{{
  logo_title: "Bench",
  slides: [
    {{ name: "intro", content: [{{ title: "Intro", text: "A text slide to start from." }}] }},
    {{ name: "photo", content: [{{ title: "A photo", text: "Taken somewhere.", {image} }}] }},
  ],
}}
"""


def make_photo(path: Path | str, fmt: str) -> None:
    """A 4000x3000 picture with the detail of a photo: gradients, shapes and sensor noise."""
    from PIL import Image, ImageDraw, ImageFilter

    width, height = 4000, 3000
    red = Image.linear_gradient("L").resize((width, height))
    green = red.transpose(Image.Transpose.ROTATE_90).resize((width, height))
    blue = Image.radial_gradient("L").resize((width, height))
    picture = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(picture)
    for n in range(60):
        x, y = (n * 677) % width, (n * 421) % height
        draw.ellipse((x, y, x + 300, y + 200), fill=((n * 40) % 256, (n * 90) % 256, 120))
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    picture = Image.blend(picture, noise, 0.15).filter(ImageFilter.SMOOTH)
    if fmt == "jpeg":
        picture.save(path, quality=88)
    else:
        picture.save(path)


def write_decks(folder: Path, fmt: str) -> dict[str, Path]:
    suffix = "jpg" if fmt == "jpeg" else "png"
    photo = folder / f"photo.{suffix}"
    if not photo.exists():  # in a child process, so its memory never counts for ours
        code = "import sys; from media_speed import make_photo; make_photo(*sys.argv[1:])"
        env = {**os.environ, "PYTHONPATH": f"{ROOT / 'benchmarks'}{os.pathsep}{ROOT}"}
        subprocess.run([sys.executable, "-c", code, str(photo), fmt], env=env, check=True)
    decks = {}
    for name, image in (("photo", f'img_path: "{photo.name}"'), ("baseline", 'img_path: ""')):
        deck = folder / f"{name}.json5"
        deck.write_text(DECK.format(image=image), encoding="utf-8")
        decks[name] = deck
    return decks


async def visit(deck_path: Path, returns: int) -> dict[str, object]:
    """Run the presenter on ``deck_path``: the first visit, then ``returns`` returns."""
    from tui_slides.app.app import PresenterApp
    from tui_slides.app.options import PresenterOptions
    from tui_slides.deck.loader import load_deck

    app = PresenterApp(load_deck(deck_path), PresenterOptions(deck_path, images="cells"))
    app.animation_level = "none"
    back: list[float] = []
    back_cpu: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start, cpu = time.perf_counter(), time.process_time()
        await pilot.press("right")
        await pilot.pause()
        first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
        drawn = "▀" in app.export_screenshot()
        for _ in range(returns):
            await pilot.press("left")
            await pilot.pause()
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("right")
            await pilot.pause()
            back.append(time.perf_counter() - start)
            back_cpu.append(time.process_time() - cpu)
    return {
        "first": first * 1000,
        "first_cpu": first_cpu * 1000,
        "back": [b * 1000 for b in back],
        "back_cpu": [b * 1000 for b in back_cpu],
        "peak": peak_mib(),
        "drawn": drawn,
    }


def peak_mib() -> float:
    """This process's peak resident memory: VmHWM (reset by exec, unlike ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(deck_path: Path, returns: int) -> None:
    print(json.dumps(asyncio.run(visit(deck_path, returns))))


def run_child(deck: Path, returns: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", str(deck), "--returns", str(returns)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


HALF_BLOCKS = ("\u2580".encode(), "\u2584".encode())
"""``▀`` and ``▄`` as written to the terminal: never part of an escape sequence."""
INTRO_TEXT = "A text slide to start from."
PHOTO_TEXT = "Taken somewhere."
SETTLED = 0.3
"""Seconds without output after which the presenter is taken to have finished a change."""
DWELL = 1.0
"""Seconds the text slide is shown before the first ``n`` (a presenter talking)."""


def half_blocks(data: bytes) -> int:
    """How many half-block cells ``data`` draws."""
    return sum(data.count(block) for block in HALF_BLOCKS)


def cpu_ms(pid: int) -> float:
    """The CPU time (user + system) process ``pid`` has used, in milliseconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class Screen:
    """Just enough of a terminal to tell when what it shows stops changing.

    It keeps each cell's character and the SGR parameters it was written with,
    following what Textual writes: cursor moves (``CSI row;col H``), SGR,
    carriage return, line feed and text. Other sequences change no cell.
    """

    TOKENS = re.compile(
        rb"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI: its parameters and final byte
        rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
        rb"|\x1b[P_][^\x1b]*\x1b\\"  # DCS (sixel) and APC (kitty graphics)
        rb"|\x1b[()][A-Za-z0-9]|\x1b[=>78A-Za-z]"
        rb"|[\r\n]|[^\x1b\r\n]+"
    )

    def __init__(self, columns: int, rows: int) -> None:
        self.columns, self.rows = columns, rows
        self.cells: list[tuple[str, str]] = [(" ", "")] * (columns * rows)
        self.row = self.column = 0
        self.style = ""
        self.pending = b""
        """An incomplete sequence or character at the end of what was fed."""

    def feed(self, data: bytes) -> None:
        """Apply ``data`` as written by the program."""
        data = self.pending + data
        position = 0
        for match in self.TOKENS.finditer(data):
            if match.start() != position:
                break  # an escape sequence not yet complete
            token = match.group()
            if match.group(2) is not None:
                self._csi(match.group(1).decode("ascii", "replace"), match.group(2))
            elif token == b"\r":
                self.column = 0
            elif token == b"\n":
                self.row = min(self.rows - 1, self.row + 1)
            elif not token.startswith(b"\x1b"):
                text = token.decode("utf-8", "ignore")
                whole = len(text.encode())  # a character cut at the end waits for its rest
                self._text(text)
                position = match.start() + whole
                if whole != len(token):
                    break
                continue
            position = match.end()
        self.pending = data[position:]

    def _csi(self, parameters: str, final: bytes) -> None:
        if final == b"H":
            row, _, column = parameters.partition(";")
            self.row = min(self.rows, max(1, int(row or 1))) - 1
            self.column = min(self.columns, max(1, int(column or 1))) - 1
        elif final == b"m":
            if parameters in ("", "0"):
                self.style = ""
            else:
                self.style = f"{self.style};{parameters}" if self.style else parameters

    def _text(self, text: str) -> None:
        base = self.row * self.columns
        for character in text:
            if self.column < self.columns:
                self.cells[base + self.column] = (character, self.style)
            self.column += cell_len(character)


@dataclass
class Session:
    """The presenter in a pty, and the screen it has drawn so far."""

    child: Child
    screen: Screen
    fed: int = 0
    """How many bytes of the child's output the screen has applied."""

    def press(self, key: bytes, ready: Callable[[bytes], bool]) -> tuple[float, int]:
        """Press ``key``; ms until the screen first looks as it does once settled, and bytes.

        ``ready(update)`` says when the awaited change has arrived at all; then
        the child is read until quiet for ``SETTLED`` seconds (an image drawn in
        stages, or a repaint, writes more). The chunks are then replayed: the time
        is that of the first chunk after which the screen equals its final state.
        """
        child = self.child
        while child.read(QUIET):
            pass
        self.screen.feed(bytes(child.raw[self.fed :]))
        since = len(child.raw)
        arrivals: list[tuple[float, int]] = []
        sent = child.send(key)
        while not ready(bytes(child.raw[since:])):
            if time.perf_counter() - sent > 20:
                raise TimeoutError(f"the change after {key!r} never arrived")
            timeout = 0.2
            while child.read(timeout):  # all there is to read, then look once
                arrivals.append((time.perf_counter(), len(child.raw)))
                timeout = 0
        while child.read(SETTLED):
            arrivals.append((time.perf_counter(), len(child.raw)))
        states: list[tuple[float, list[tuple[str, str]]]] = []
        done = since
        for arrived, end in arrivals:
            self.screen.feed(bytes(child.raw[done:end]))
            done = end
            states.append((arrived, list(self.screen.cells)))
        self.fed = done
        final = self.screen.cells
        first = next(arrived for arrived, cells in states if cells == final)
        return (first - sent) * 1000, done - since


def shows(text: str, cells: int = 0) -> Callable[[bytes], bool]:
    """A ``ready`` test: ``text`` is written (in one piece), and at least ``cells`` half blocks.

    Searched in the raw bytes, cheaply: a slow reader would slow the child's writes.
    """
    needle = text.encode()
    return lambda update: needle in update and half_blocks(update) >= cells


def pty_run(
    deck: Path, returns: int, cells: int, size: tuple[int, int], dwell: float
) -> dict[str, object]:
    """One presenter in a pty: the first visit to the photo slide, then ``returns`` returns.

    ``dwell`` is how long the text slide stays on screen before the first ``n``:
    0 presses at once (the photo is decoded after the key), 1 s is a presenter
    talking (the presenter decodes the next slide's photo meanwhile).
    """
    argv = [*TUI_SLIDES, str(deck), "--images", "cells"]
    session = Session(spawn(argv, *size), Screen(*size))
    child = session.child
    try:
        child.wait_for(INTRO_TEXT, 0)
        deadline = time.perf_counter() + dwell
        while time.perf_counter() < deadline:
            child.read(deadline - time.perf_counter())
        first, _ = session.press(b"n", shows(PHOTO_TEXT, cells))
        back: list[float] = []
        written: list[float] = []
        cpu_before = cpu_ms(child.proc.pid)
        for _ in range(returns):
            session.press(b"p", shows(INTRO_TEXT))
            ms, count = session.press(b"n", shows(PHOTO_TEXT, cells))
            back.append(ms)
            written.append(count)
        cpu = (cpu_ms(child.proc.pid) - cpu_before) / max(1, returns)
        peak = child.peak_rss_mib()
    finally:
        child.quit()
    return {"first": first, "back": back, "pair_cpu": cpu, "bytes": written, "peak": peak}


def calibrate(deck: Path, size: tuple[int, int]) -> int:
    """How many half blocks one drawing of the photo slide writes (after a long wait)."""
    argv = [*TUI_SLIDES, str(deck), "--images", "cells"]
    session = Session(spawn(argv, *size), Screen(*size))
    try:
        session.child.wait_for(INTRO_TEXT, 0)
        session.press(b"n", shows(PHOTO_TEXT))
        while session.child.read(1.0):
            pass
        session.screen.feed(bytes(session.child.raw[session.fed :]))
        return sum(cell[0] in "\u2580\u2584" for cell in session.screen.cells)
    finally:
        session.child.quit()


def pty_main(decks: dict[str, Path], args: argparse.Namespace) -> int:
    """Time the real presenter in a pseudo-terminal, photo and baseline runs interleaved."""
    columns, rows = (int(part) for part in args.size.lower().split("x"))
    size = (columns, rows)
    cells = calibrate(decks["photo"], size)  # also warms .pyc files and the file cache
    if cells == 0:
        print("the photo was not drawn: the benchmark measured nothing", file=sys.stderr)
        return 1
    results: dict[str, list[dict[str, object]]] = {"photo": [], "baseline": []}
    at_once: dict[str, list[float]] = {"photo": [], "baseline": []}
    for run in range(args.runs):
        print(f"run {run + 1}/{args.runs}", file=sys.stderr)
        for name in ("photo", "baseline"):
            expected = cells if name == "photo" else 0
            results[name].append(pty_run(decks[name], args.returns, expected, size, DWELL))
            cold = pty_run(decks[name], 0, expected, size, 0.0)
            at_once[name].append(float(cold["first"]))  # type: ignore[arg-type]

    def median(name: str, key: str) -> float:
        if key == "first_at_once":
            return statistics.median(at_once[name])
        if key == "back_p90":  # the slow tail: garbage collection, frame timing
            backs = [b for r in results[name] for b in r["back"]]  # type: ignore[attr-defined]
            return statistics.quantiles(backs, n=10)[-1]
        values = [r[key] for r in results[name]]
        if isinstance(values[0], list):
            return statistics.median(v for vs in values for v in vs)  # type: ignore[attr-defined]
        return statistics.median(values)  # type: ignore[type-var]

    print(
        f"4000x3000 {args.format}, presenter in a {columns}x{rows} pty (--images cells,"
        f" {cells} image cells), {args.runs} launches x {args.returns} returns; medians"
    )
    print(f"{'':13} {'photo':>12} {'baseline':>12} {'extra':>10} {'target':>10}")
    rows_shown = (
        ("first_at_once", "ms"),
        ("first", "ms"),
        ("back", "ms"),
        ("back_p90", "ms"),
        ("pair_cpu", "ms"),
        ("bytes", "B"),
    )
    failed = False
    for key, unit in (*rows_shown, ("peak", "MiB")):
        photo, baseline = median("photo", key), median("baseline", key)
        target = TARGETS.get(key.removesuffix("_at_once"))  # the tail is shown, not judged
        ok = target is None or photo <= target
        failed |= not ok
        verdict = "" if target is None else f"{'ok' if ok else 'MISS'} <={target:.0f}"
        print(
            f"{key:13} {photo:9.1f}{unit:>3} {baseline:9.1f}{unit:>3}"
            f" {photo - baseline:+10.1f} {verdict:>10}"
        )
    print("first, back: from the key written to the pty to the screen as it settles")
    print(f"first: after {DWELL:.0f} s on the text slide; first_at_once: n as soon as it shows")
    print("pair_cpu: the presenter's CPU per return (p to the text slide, then n back)")
    print("bytes: written to the terminal for one return to the photo slide")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per deck (7)")
    parser.add_argument("--returns", type=int, default=15, help="returns per process (15)")
    parser.add_argument("--format", choices=("jpeg", "png"), default="jpeg")
    parser.add_argument("--size", default="120x40", help="pty terminal size, COLSxROWS")
    parser.add_argument(
        "--pilot", action="store_true", help="headless run_test + Pilot instead of a pty"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child, args.returns)
        return 0

    folder = Path(tempfile.gettempdir()) / "tui-slides-media-bench"
    folder.mkdir(exist_ok=True)
    decks = write_decks(folder, args.format)
    if not args.pilot:
        return pty_main(decks, args)
    run_child(decks["photo"], 1)  # warm .pyc files and the file cache
    results: dict[str, list[dict[str, object]]] = {"photo": [], "baseline": []}
    for _ in range(args.runs):
        for name in ("photo", "baseline"):
            results[name].append(run_child(decks[name], args.returns))
    if not all(run["drawn"] for run in results["photo"]):
        print("the photo was not drawn: the benchmark measured nothing", file=sys.stderr)
        return 1

    def medians(name: str) -> dict[str, float]:
        runs = results[name]
        found = {}
        for key in ("first", "first_cpu", "peak"):
            found[key] = statistics.median(float(r[key]) for r in runs)  # type: ignore[arg-type]
        for key in ("back", "back_cpu"):
            found[key] = statistics.median(b for r in runs for b in r[key])  # type: ignore[attr-defined]
        return found

    photo, baseline = medians("photo"), medians("baseline")
    print(f"4000x3000 {args.format}, {args.runs} processes x {args.returns} returns, {SIZE}")
    print(f"{'':9} {'photo':>11} {'baseline':>11} {'ratio':>7} {'target':>8}")
    failed = False
    rows = (
        ("first", "ms"),
        ("first_cpu", "ms"),
        ("back", "ms"),
        ("back_cpu", "ms"),
        ("peak", "MiB"),
    )
    for key, unit in rows:
        target = TARGETS.get(key.removesuffix("_cpu"))
        ok = target is None or photo[key] <= target
        failed |= key in TARGETS and not ok
        verdict = "" if target is None else f"{'<=' if ok else '>'}{target:.0f}{unit}"
        print(
            f"{key:9} {photo[key]:8.1f}{unit:>3} {baseline[key]:8.1f}{unit:>3}"
            f" {photo[key] / baseline[key]:7.2f} {verdict:>8}"
        )
    extra_first = photo["first"] - baseline["first"]
    extra_back = photo["back"] - baseline["back"]
    print(
        f"the photo adds {extra_first:.1f} ms to the first visit, {extra_back:.1f} ms to a return"
    )
    print("(wall times include Pilot's own waits: see the baseline; _cpu is process CPU time)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
