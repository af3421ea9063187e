"""Drive the real presenter in a pseudo-terminal and time what appears on screen.

    python benchmarks/app_paint.py [--runs 16] [--size 100x30] [--against ../base]

``--against CHECKOUT`` also launches another checkout's presenter (the seed and
the 1000-slide deck), interleaved in the same run, and prints its targets and
this checkout's figures over its: a change is judged against the commit before
it on the same machine, in the same phase of its load.

Each child runs in its own pty (TERM=xterm-256color) as a person would start
it (the ``tui-slides DECK`` command); the script reads what the child writes,
answers terminal queries as xterm does, strips escape sequences, and notes the
time when the expected text appears.
The baseline, a minimal Textual app showing one ``Static``
(``benchmarks/app_baseline.py``), is measured in the same run, interleaved
with the presenter so that machine load affects both alike. Each launch waits
``PAUSE`` seconds for the last one to be gone (an app started on another's
heels is slower), and the runs take their orders from ``ORDERS`` in turn.
With one fixed set of shuffled orders, the seed launched with ``--images
cells`` (the same code, for this deck) read 9-35 ms faster than the default
seed launch in five runs of seven, and mostly came right after it.
Reported as medians, with the targets of issue 4 (a first-paint ratio is the
median of the ratios within each run, see ``paired_ratio``, printed with its 95%
interval, ``ratio_interval``: near a target, more ``--runs`` tell it apart):

- first paint: seed deck <= 1.15x baseline; 1000-slide deck <= 1.1x seed
- next slide (``n``, one at a time): key to new counter on screen, median <= 8 ms
- 200 ``n`` written at once: all handled (``201 / 1000`` shown) within 60 ms
- End on the 1000-slide deck: <= 10 ms
- peak memory (VmHWM of the child): seed <= 45 MiB, 1000 slides <= 60 MiB
- bytes written to the terminal per slide change (matters over slow SSH links)

``--images auto`` (the default) asks the terminal which graphics it has
(textual-image, Pillow) before Textual starts, but only for a deck with an
image file that exists: the seed's logo (``/img/logo.png``) does not, so
both seed launches, default and ``--images cells``, start without the probe;
the second is a check that it stays so.

For scale, the baseline also times ``n`` replacing its ``Static`` with a
screenful of new text: Textual's own floor for a full-screen change.

The package is byte-compiled first (``compileall``), as an installed one is:
with ``PYTHONDONTWRITEBYTECODE`` set, a source file edited since its ``.pyc``
was written would otherwise be compiled again on every launch, a cost no
user pays.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import json
import os
import random
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: ``benchmarks`` is not yet importable
    sys.path.insert(0, str(ROOT))

from benchmarks.command import TUI_SLIDES  # noqa: E402

SEED = ROOT / "decks" / "seed-nurotan-it-specialists.json5"
BASELINE = Path(__file__).resolve().parent / "app_baseline.py"
PAUSE = 0.5
"""Seconds between launches, for the machine to settle after the last app quit."""
BIG_SLIDES = 1000


def williams_orders(count: int) -> tuple[tuple[int, ...], ...]:
    """Launch orders of ``count`` apps (even), one per run in turn (a Williams square).

    Over each ``count`` runs, every app is launched once in each place and right
    after each other app once, so neither a place nor a predecessor favours one.
    """
    first = [0]
    low, high = 1, count - 1
    while len(first) < count:
        first.append(low)
        low += 1
        if len(first) < count:
            first.append(high)
            high -= 1
    return tuple(tuple((app + shift) % count for app in first) for shift in range(count))


ORDERS = williams_orders(4)
"""The launch orders of the four apps of one tree (with ``--against``: of six)."""

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()][A-Za-z0-9]|\x1b[=>78A-Za-z]"  # charsets, keypad modes
)
QUIET = 0.05
"""Seconds without output after which a screen update is taken to be finished."""
ANSWERS = {
    b"\x1b[c": b"\x1b[?62;22c",  # device attributes: a VT220-class xterm, no sixel
    b"\x1b[16t": b"\x1b[6;16;8t",  # cell size in pixels
    b"\x1b[14t": b"\x1b[4;480;800t",  # window size in pixels
}
"""Replies to terminal queries, as xterm gives them, so a child never waits for a timeout."""
KEYS = {"next": b"n", "home": b"\x1b[H", "end": b"\x1b[F", "quit": b"q"}


def big_deck(path: Path, count: int = BIG_SLIDES, seed: int = 4) -> None:
    """A deck of ``count`` slides like the seed's: a title block and a structured text block."""
    rng = random.Random(seed)
    words = (
        "проект подготовка специалистов центр обучение программирование робототехника "
        "школа цифровой грамотности региональные филиалы инфраструктура платформа"
    ).split()

    def sentence(low: int, high: int) -> str:
        return " ".join(rng.choices(words, k=rng.randint(low, high)))

    slides = []
    for n in range(1, count + 1):
        text = "\n".join(
            [
                "Обоснование актуальности проекта:",
                "",
                sentence(15, 40) + ".",
                "Принятые меры позволят обеспечить:",
                *(f"•\t{sentence(5, 14)};" for _ in range(rng.randint(2, 6))),
                "",
                "Механизм реализации:",
                "",
                *(f"{k}.\t{sentence(6, 18)}." for k in range(1, rng.randint(2, 5))),
            ]
        )
        slides.append(
            {
                "name": str(n),
                "ID": f"1.{n // 100}.{n % 100}",
                "logo_title": "NurOtan",
                "content": [
                    {"title": sentence(2, 4).upper(), "block": "2", "text": sentence(4, 9)},
                    {"title": sentence(2, 5), "block": "2", "text": text},
                ],
            }
        )
    path.write_text(json.dumps({"slides": slides}, ensure_ascii=False, indent=1), "utf-8")


@dataclass
class Child:
    """A program running in a pseudo-terminal, and what it wrote."""

    proc: subprocess.Popen[bytes]
    master: int
    started: float
    raw: bytearray = field(default_factory=bytearray)

    def read(self, timeout: float) -> bytes:
        """What the child writes within ``timeout`` seconds (b"" if nothing)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return b""
        self.raw += chunk
        for query, answer in ANSWERS.items():
            if query in chunk:
                os.write(self.master, answer)
        return chunk

    def send(self, data: bytes) -> float:
        """Write ``data`` as typed keys; the time it was sent."""
        now = time.perf_counter()
        os.write(self.master, data)
        return now

    def wait_for(self, text: str, since: int, timeout: float = 20.0) -> float:
        """The time at which ``text`` appeared in the output after byte ``since``."""
        needle = text.encode()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if needle in _ESCAPES.sub(b"", bytes(self.raw[since:])):
                return time.perf_counter()
            if self.proc.poll() is not None and not self.read(0):
                break
            self.read(0.2)
        tail = _ESCAPES.sub(b"", bytes(self.raw[-600:])).decode("utf-8", "replace")
        raise TimeoutError(f"{text!r} never appeared; the screen ended with: {tail!r}")

    def settle(self) -> None:
        """Read until the child has been quiet for ``QUIET`` seconds."""
        while self.read(QUIET):
            pass

    def cpu_ms(self) -> tuple[float, float]:
        """(CPU time used, time spent waiting for a CPU) by all the child's threads so far, in ms.

        From ``/proc/<pid>/task/*/schedstat`` (nanoseconds). On a busy shared
        machine the wait says how much of a wall-clock time was other people's load.
        """
        used = waited = 0
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            try:
                fields = (task / "schedstat").read_text().split()
            except OSError:
                continue  # the thread ended meanwhile
            used += int(fields[0])
            waited += int(fields[1])
        return used / 1e6, waited / 1e6

    def peak_rss_mib(self) -> float:
        """The child's peak resident memory (VmHWM), in MiB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def quit(self) -> None:
        """Press q and wait for the child to end (kill it if it does not)."""
        try:
            self.send(KEYS["quit"])
            deadline = time.perf_counter() + 5
            while self.proc.poll() is None and time.perf_counter() < deadline:
                self.read(0.05)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            os.close(self.master)


def spawn(argv: list[str], columns: int, rows: int, root: Path = ROOT) -> Child:
    """Start ``argv`` with a pseudo-terminal of ``columns`` x ``rows`` as its controlling tty.

    ``root`` is the checkout whose ``tui_slides`` the child imports (``--against``).
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR"))}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", PYTHONPATH=str(root))

    def controlling_tty() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    started = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=root,
        preexec_fn=controlling_tty,  # setsid + TIOCSCTTY: the pty is its terminal
    )
    os.close(slave)
    return Child(proc, master, started)


def counter(position: int, total: int) -> str:
    """The status bar counter as it is drawn, with the spaces around it."""
    return f" {position} / {total} "


@dataclass
class Results:
    """Every sample of every measure, by name."""

    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.samples.setdefault(name, []).append(value)

    def median(self, name: str) -> float:
        return statistics.median(self.samples[name])


def first_paint(
    argv: list[str],
    marker: str,
    size: tuple[int, int],
    results: Results,
    name: str,
    root: Path = ROOT,
) -> Child:
    """Start a child and record the ms from start to ``marker`` on screen under ``name``.

    The CPU time the child had used by then, and its wait for a CPU, are recorded too
    (reported, not targets). The child is left running.
    """
    child = spawn(argv, *size, root)
    seen = child.wait_for(marker, 0)
    used, waited = child.cpu_ms()
    results.add(f"{name} first paint (ms)", (seen - child.started) * 1000)
    results.add(f"{name} CPU to first paint (ms)", used)
    results.add(f"{name} waiting for a CPU (ms)", waited)
    return child


def run_baseline(results: Results, size: tuple[int, int], presses: int) -> None:
    child = first_paint(
        [sys.executable, str(BASELINE)], "BASELINE READY", size, results, "baseline"
    )
    try:
        child.settle()
        results.add("baseline peak RSS (MiB)", child.peak_rss_mib())
        for position in range(2, presses + 2):
            ms, written = timed_key(child, KEYS["next"], counter(position, BIG_SLIDES))
            results.add("baseline: n repaints its Static (ms)", ms)
            results.add("baseline: bytes per repaint", written)
    finally:
        child.quit()


def run_seed(
    results: Results,
    size: tuple[int, int],
    images: str = "auto",
    root: Path = ROOT,
    label: str = "",
) -> None:
    """The seed as a person starts it; with ``images="cells"`` no graphics probe runs.

    ``root`` and ``label``: another checkout's presenter, its measures named ``label...``.
    """
    argv = [*TUI_SLIDES, str(SEED), "--images", images]
    suffix = "" if images == "auto" else f" (--images {images})"
    child = first_paint(argv, counter(1, 1), size, results, f"{label}seed{suffix}", root)
    try:
        child.settle()
        results.add(f"{label}seed peak RSS{suffix} (MiB)", child.peak_rss_mib())
    finally:
        child.quit()


def timed_key(child: Child, key: bytes, marker: str) -> tuple[float, int]:
    """Send ``key``; milliseconds until ``marker`` shows, and bytes written for the change."""
    child.settle()
    since = len(child.raw)
    sent = child.send(key)
    seen = child.wait_for(marker, since)
    child.settle()
    return (seen - sent) * 1000, len(child.raw) - since


def run_big(
    results: Results,
    deck: Path,
    size: tuple[int, int],
    presses: int,
    root: Path = ROOT,
    label: str = "",
) -> None:
    argv = [*TUI_SLIDES, str(deck)]
    child = first_paint(argv, counter(1, BIG_SLIDES), size, results, f"{label}1000-slide", root)
    try:
        for position in range(2, presses + 2):
            ms, written = timed_key(child, KEYS["next"], counter(position, BIG_SLIDES))
            results.add(f"{label}next slide, key to screen (ms)", ms)
            results.add(f"{label}bytes written per slide change", written)
        for _ in range(3):
            timed_key(child, KEYS["home"], counter(1, BIG_SLIDES))
            ms, _ = timed_key(child, KEYS["end"], counter(BIG_SLIDES, BIG_SLIDES))
            results.add(f"{label}End to the last slide (ms)", ms)
        for _ in range(3):
            timed_key(child, KEYS["home"], counter(1, BIG_SLIDES))
            ms, _ = timed_key(child, KEYS["next"] * 200, counter(201, BIG_SLIDES))
            results.add(f"{label}200 n at once, all handled (ms)", ms)
        results.add(f"{label}1000-slide peak RSS (MiB)", child.peak_rss_mib())
    finally:
        child.quit()


Target = tuple[str, Callable[[Results], float], float]
"""A target: its name, how it is measured, and the limit it must not exceed."""


def targets(label: str = "") -> list[Target]:
    """The targets of issue 4, for this checkout's measures or those named ``label...``."""

    def median(name: str) -> Callable[[Results], float]:
        return lambda r: r.median(f"{label}{name}")

    def ratio(over: str, under: str) -> Callable[[Results], float]:
        return lambda r: paired_ratio(r, f"{label}{over}", under)

    return [
        (
            "seed first paint / baseline",
            ratio("seed first paint (ms)", "baseline first paint (ms)"),
            1.15,
        ),
        (
            "1000-slide first paint / seed",
            ratio("1000-slide first paint (ms)", f"{label}seed first paint (ms)"),
            1.10,
        ),
        ("next slide (ms)", median("next slide, key to screen (ms)"), 8.0),
        ("200 n at once (ms)", median("200 n at once, all handled (ms)"), 60.0),
        ("End (ms)", median("End to the last slide (ms)"), 10.0),
        ("seed peak RSS (MiB)", median("seed peak RSS (MiB)"), 45.0),
        ("1000-slide peak RSS (MiB)", median("1000-slide peak RSS (MiB)"), 60.0),
    ]


PAIRED = [
    ("seed / baseline", "seed first paint (ms)", "baseline first paint (ms)"),
    ("1000-slide / seed", "1000-slide first paint (ms)", "seed first paint (ms)"),
]
"""First-paint ratios, also printed as the ratio of the two medians."""


def paired_ratio(results: Results, over: str, under: str) -> float:
    """The median of ``over / under`` taken run by run: the first-paint targets' measure.

    This machine's speed drifts by a quarter over tens of seconds. A run's
    launches are seconds apart, so a ratio within a run compares like with
    like; the ratio of two medians may take each from a different phase (one
    15-launch run read 1.19 that way and 1.06 run by run). Both are printed.
    """
    pairs = zip(results.samples[over], results.samples[under], strict=True)
    return statistics.median(a / b for a, b in pairs)


def ratio_interval(
    results: Results, over: str, under: str, level: float = 0.95, draws: int = 2000
) -> tuple[float, float]:
    """The ``level`` confidence interval of ``paired_ratio``, by the bootstrap over runs.

    One launch of an app reads anywhere from 0.85x to 1.5x its median on this
    machine, so a 24-run median ratio moves by a few hundredths from one run of the
    benchmark to the next: the interval says how far, so that a figure near its
    target reads as what it is (a bound the runs cannot tell apart from it).
    Seeded: the same samples give the same interval.
    """
    ratios = [a / b for a, b in zip(results.samples[over], results.samples[under], strict=True)]
    draw = random.Random(0).choices
    medians = sorted(statistics.median(draw(ratios, k=len(ratios))) for _ in range(draws))
    cut = round(draws * (1 - level) / 2)
    return medians[cut], medians[draws - 1 - cut]


PREVIOUS = "previous: "
"""How the measures of the ``--against`` checkout are named."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=16, help="launches of each app (default 16)")
    parser.add_argument("--presses", type=int, default=20, help="timed n presses per launch")
    parser.add_argument("--size", default="100x30", help="terminal size, COLSxROWS")
    parser.add_argument("--json", action="store_true", help="print the samples as JSON too")
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="also launch the seed and 1000-slide presenters of another checkout (say, the"
        " previous commit: git worktree add ../base HEAD~1), interleaved in the same run",
    )
    args = parser.parse_args(argv)
    columns, rows = (int(part) for part in args.size.lower().split("x"))
    size = (columns, rows)

    roots = [ROOT] if args.against is None else [ROOT, args.against.resolve()]
    for root in roots:
        compileall.compile_dir(root / "tui_slides", quiet=1)
    results = Results()
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "big.json"
        big_deck(deck)
        launches: list[Callable[[], None]] = [
            lambda: run_baseline(results, size, args.presses),
            lambda: run_seed(results, size),
            lambda: run_seed(results, size, images="cells"),
            lambda: run_big(results, deck, size, args.presses),
        ]
        if args.against is not None:
            other = roots[1]
            launches += [
                lambda: run_seed(results, size, root=other, label=PREVIOUS),
                lambda: run_big(results, deck, size, args.presses, root=other, label=PREVIOUS),
            ]
        orders = williams_orders(len(launches))
        for run in range(args.runs):
            print(f"run {run + 1}/{args.runs}", file=sys.stderr)
            for index in orders[run % len(orders)]:
                launch = launches[index]
                time.sleep(PAUSE)
                launch()

    print(f"\nmedians over {args.runs} launches each, terminal {columns}x{rows}:")
    for name, values in results.samples.items():
        print(f"  {name:<46} {statistics.median(values):10.1f}   (n={len(values)})")
    failed = 0
    for label, title in [("", str(ROOT)), *([(PREVIOUS, str(roots[-1]))] if args.against else [])]:
        print(f"\ntargets, {title}:")
        for name, measure, limit in targets(label):
            value = measure(results)
            ok = value <= limit
            failed += not ok and not label
            print(f"  {'ok  ' if ok else 'MISS'} {name:<32} {value:8.2f}  (target <= {limit})")
    if args.against is not None:
        print("\nthis checkout / the previous one, run by run (first paint), medians (the rest):")
        for name in ("seed first paint (ms)", "1000-slide first paint (ms)"):
            print(f"  {name:<46} {paired_ratio(results, name, PREVIOUS + name):8.2f}")
        for name in ("next slide, key to screen (ms)", "End to the last slide (ms)"):
            ratio = results.median(name) / results.median(PREVIOUS + name)
            print(f"  {name:<46} {ratio:8.2f}")
    cpu = results.median("seed CPU to first paint (ms)")
    base_cpu = results.median("baseline CPU to first paint (ms)")
    print(f"\n  for a loaded machine: seed / baseline CPU time to first paint {cpu / base_cpu:.2f}")
    print("  first-paint ratios run by run, and the 95% interval of each (bootstrap over runs):")
    for name, over, under in PAIRED:
        low, high = ratio_interval(results, over, under)
        ratio = paired_ratio(results, over, under)
        print(f"    {name:<30} {ratio:8.2f}   ({low:.2f} to {high:.2f})")
    print("  first-paint ratios as the ratio of the medians (the targets take them run by run):")
    for name, over, under in PAIRED:
        print(f"    {name:<30} {results.median(over) / results.median(under):8.2f}")
    if args.json:
        print(json.dumps(results.samples))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
