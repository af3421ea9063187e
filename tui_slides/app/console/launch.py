"""``tui-slides console``: find the presentation to join (``pick``), then run the console app.

Textual is imported only once there is a talk to join: listing them, or saying
there are none, is quick.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TextIO

from rich.cells import cell_len

from tui_slides.deck.safety import visible
from tui_slides.presenting import rendezvous

EXIT_OK, EXIT_FAILED = 0, 1


def announce(deck: Path, file: TextIO | None = None) -> str:
    """Print (and return) the exact command that opens this presenter's console."""
    name = rendezvous.deck_name(deck)
    command = f"tui-slides console --join {name}.{os.getpid()}"
    print(f"Presenter console: in a second terminal, run:  {command}", file=file or sys.stderr)
    return command


def listing_table(listings: list[rendezvous.Listing]) -> str:
    """The running presentations, one a line: the name to join, the pid, when it started
    (in columns)."""
    names = [f"{visible(listing.name)}.{listing.pid}" for listing in listings]
    width = max((cell_len(name) for name in names), default=0)
    rows = []
    for name, listing in zip(names, listings, strict=True):
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(listing.started))
        pad = " " * (width - cell_len(name))
        rows.append(f"  {name}{pad}  pid {listing.pid:<8}  started {started}")
    return "\n".join(rows)


def pick(join: str | None, err: TextIO) -> rendezvous.Listing | None:
    """The presentation to join (``--join`` names it when several run), or None, said why."""
    try:
        listings = rendezvous.running()
    except rendezvous.UnsafeFolder as error:
        print(f"tui-slides: no console: {visible(str(error))}", file=err)
        return None
    chosen = listings if join is None else rendezvous.choose(listings, join)
    if not listings:
        print("tui-slides: no presentation is running: start one with `tui-slides DECK`"
              " (or `tui-slides serve DECK --ssh PORT`)", file=err)  # fmt: skip
        return None
    if not chosen:
        print(f"tui-slides: no presentation called {visible(join or '')!r}; running:", file=err)
        print(listing_table(listings), file=err)
        return None
    if len(chosen) > 1:
        print("tui-slides: several presentations are running; pick one with --join NAME:", file=err)
        print(listing_table(chosen), file=err)
        return None
    return chosen[0]


def run_console(listing: rendezvous.Listing, duration: float | None) -> int:
    """Run the console on the presentation ``listing`` names; the exit status."""
    from tui_slides.app.console.console_app import ConsoleApp

    app = ConsoleApp(listing.path, listing.name, duration=duration)
    app.run()
    return app.return_code or EXIT_OK
