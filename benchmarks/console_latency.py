"""The presenter console's latency: a key on one side, the slide change on the other.

    python benchmarks/console_latency.py [--presses 40] [--runs 3]

A presenter (``tui-slides DECK``) and a console (``tui-slides console``) run in
two pseudo-terminals (``app_paint``'s ``spawn``), joined over the real Unix
socket in a private ``XDG_RUNTIME_DIR``. Timed, from the key written to one
pty to the text read from the other (escape sequences stripped):

- presenter key ``n`` -> the console shows the new slide's notes;
- console key ``n`` -> the presenter's status bar shows the new counter;
- presenter key ``n`` -> the presenter's own counter, with the console attached,
  and (before the console joins, in the same launch) without one, and with a
  bare reader joined (the socket's cost without a second app's rendering).

Targets (issue 13): p95 <= 50 ms both ways; the presenter's own next slide
with a console attached, median <= 8 ms (issue 4's figure without one).
Both terminals are read all along, so that neither child ever blocks on a full pty.
"""

from __future__ import annotations

import argparse
import compileall
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: ``benchmarks`` is not yet importable
    sys.path.insert(0, str(ROOT))

from benchmarks.app_paint import _ESCAPES, KEYS, QUIET, Child, counter, spawn  # noqa: E402
from benchmarks.command import TUI_SLIDES  # noqa: E402

SLIDES = 60
ALONE = "presenter next slide, no console (ms)"
BARE = "presenter next slide, a bare reader joined (ms)"
BARE_READER = """
import socket
from tui_slides.presenting import rendezvous
(talk,) = rendezvous.running()
link = socket.socket(socket.AF_UNIX)
link.connect(str(talk.path))
while link.recv(65536):
    pass
"""
"""A console that only reads the events: the presenter's own cost of one, without the
console app's rendering competing for the CPU (this machine has two)."""


def deck(path: Path, count: int = SLIDES) -> None:
    """``count`` slides, each with notes that name it (the marker the console shows)."""
    slides = ",\n".join(
        f'{{ content: [{{ title: "Slide {n}", text: "Body of slide {n}" }}],'
        f' notes: "Notes for slide {n}: say this." }}'
        for n in range(1, count + 1)
    )
    path.write_text(f'{{ duration: "20m", slides: [\n{slides}\n] }}\n', "utf-8")


def settle(*children: Child) -> None:
    """Read both terminals until both have been quiet for ``QUIET`` seconds."""
    while True:
        ready, _, _ = select.select([child.master for child in children], [], [], QUIET)
        if not ready:
            return
        for child in children:
            if child.master in ready:
                child.read(0)


def wait_for(target: Child, text: str, since: int, other: Child, timeout: float = 10.0) -> float:
    """When ``text`` appeared in ``target``'s output after byte ``since`` (``other`` read too)."""
    needle = text.encode()
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if needle in _ESCAPES.sub(b"", bytes(target.raw[since:])):
            return time.perf_counter()
        ready, _, _ = select.select([target.master, other.master], [], [], 0.2)
        for child in (target, other):
            if child.master in ready:
                child.read(0)
    tail = _ESCAPES.sub(b"", bytes(target.raw[-600:])).decode("utf-8", "replace")
    raise TimeoutError(f"{text!r} never appeared; the screen ended with: {tail!r}")


def timed(sender: Child, key: bytes, target: Child, text: str, other: Child) -> float:
    """Milliseconds from ``key`` written to ``sender`` until ``text`` shows on ``target``."""
    settle(sender, other)
    since = len(target.raw)
    sent = sender.send(key)
    seen = wait_for(target, text, since, other if other is not target else sender)
    return (seen - sent) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def run(samples: dict[str, list[float]], path: Path, presses: int) -> None:
    presenter = spawn([*TUI_SLIDES, str(path)], 100, 30)
    console: Child | None = None
    try:
        presenter.wait_for(counter(1, SLIDES), 0)
        settle(presenter)
        for position in range(2, presses // 3 + 2):  # no console yet: the same figure, alone
            ms = timed(presenter, KEYS["next"], presenter, counter(position, SLIDES), presenter)
            samples[ALONE].append(ms)
        timed(presenter, KEYS["home"], presenter, counter(1, SLIDES), presenter)
        reader = subprocess.Popen([sys.executable, "-c", BARE_READER], stdout=subprocess.DEVNULL)
        try:
            time.sleep(0.5)  # joined by now (it reads the state line first)
            for position in range(2, presses // 3 + 2):
                ms = timed(presenter, KEYS["next"], presenter, counter(position, SLIDES), presenter)
                samples[BARE].append(ms)
        finally:
            reader.kill()
            reader.wait()
        timed(presenter, KEYS["home"], presenter, counter(1, SLIDES), presenter)
        console = spawn([*TUI_SLIDES, "console"], 120, 40)
        wait_for(console, "Notes for slide 1:", 0, presenter)
        position = 1
        for turn in range(presses):
            if position + 1 > SLIDES:
                timed(presenter, KEYS["home"], presenter, counter(1, SLIDES), console)
                wait_for(console, "Notes for slide 1:", 0, presenter)
                position = 1
            position += 1
            kind = turn % 3
            if kind == 0:  # presenter key -> console
                ms = timed(presenter, KEYS["next"], console, f"Notes for slide {position}:",
                           presenter)  # fmt: skip
                samples["presenter key -> console shows it (ms)"].append(ms)
            elif kind == 1:  # console key -> presenter
                ms = timed(console, KEYS["next"], presenter, counter(position, SLIDES), console)
                samples["console key -> presenter shows it (ms)"].append(ms)
            else:  # the presenter's own next slide, a console attached
                ms = timed(presenter, KEYS["next"], presenter, counter(position, SLIDES), console)
                samples["presenter next slide, console attached (ms)"].append(ms)
            settle(presenter, console)
    finally:
        if console is not None:
            console.quit()
        presenter.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=60, help="timed keys per run (default 60)")
    parser.add_argument("--runs", type=int, default=3, help="presenter launches (default 3)")
    args = parser.parse_args(argv)
    compileall.compile_dir(ROOT / "tui_slides", quiet=1)
    names = [
        "presenter key -> console shows it (ms)",
        "console key -> presenter shows it (ms)",
        "presenter next slide, console attached (ms)",
        ALONE,
        BARE,
    ]
    samples: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="tsb") as folder:
        os.environ["XDG_RUNTIME_DIR"] = folder  # a private runtime folder for this run
        path = Path(folder) / "talk.json5"
        deck(path)
        for _ in range(args.runs):
            run(samples, path, args.presses)
    targets = {
        names[0]: ("p95", 50.0),
        names[1]: ("p95", 50.0),
        names[2]: ("median", 8.0),
        ALONE: ("median", 8.0),
        BARE: ("median", 8.0),
    }
    failed = False
    for name in names:
        values = samples[name]
        median, high = statistics.median(values), p95(values)
        kind, limit = targets[name]
        figure = high if kind == "p95" else median
        ok = figure <= limit
        failed |= not ok
        print(f"{name:48} median {median:6.1f}  p95 {high:6.1f}  n={len(values):3}"
              f"  target {kind} <= {limit:g}: {'ok' if ok else 'MISSED'}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
