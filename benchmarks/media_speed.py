"""How fast a slide with a 4000x3000 photo reaches the screen, and how much memory it takes.

The presenter runs headless (Textual's ``run_test``, half-block cells, 120x40),
on a generated deck: a text slide, then a slide with the photo. Each timing is
from the key press to the slide painted (``Pilot.press`` then ``Pilot.pause``,
which returns once Textual has processed the key and refreshed the screen).

- first: the first visit to the photo slide, in a fresh process (the photo is
  decoded and scaled then); one process per run.
- back: coming back to the photo slide (left, then right), in the same
  process, once it has been shown.
- peak: the process's peak resident memory (ru_maxrss) at the end.

The baseline is the same deck with the image field removed, measured the same
way in the same run, alternating with the photo runs. Targets: first <= 300 ms,
back <= 20 ms, peak <= 120 MiB.

    python benchmarks/media_speed.py [--runs 7] [--format jpeg|png]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
    from tui_slides.loader import load_deck

    app = PresenterApp(load_deck(deck_path), deck_path, images="cells")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per deck (7)")
    parser.add_argument("--returns", type=int, default=15, help="returns per process (15)")
    parser.add_argument("--format", choices=("jpeg", "png"), default="jpeg")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child, args.returns)
        return 0

    folder = Path(tempfile.gettempdir()) / "tui-slides-media-bench"
    folder.mkdir(exist_ok=True)
    decks = write_decks(folder, args.format)
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
