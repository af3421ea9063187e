"""The ``tui-slides`` command: start-up without the cyclic garbage collector, output guarded.

Importing Textual and building the first screen allocates hundreds of
thousands of objects and frees few of them, so each automatic collection on
the way scans ever more survivors to find next to nothing. ``pause()`` at the
start of a command, ``resume()`` once the first frame is on screen (or the
command is done): the first paint of the presenter comes ~15 ms sooner
(``benchmarks/app_paint.py``), and the deferred collection runs once, while
the presenter idles on its first slide. The GIL's switch interval is made
short (``SWITCH_INTERVAL``), so that Textual's writer thread puts each frame on
the terminal as soon as it is drawn.

``main`` is the ``tui-slides`` command itself: it pauses collection before
the command line and the loader are even imported, hands the command line
``resume`` to call once its start-up is over, and turns a closed or full
standard output into an exit status (``tui_slides.streams.guarded``), and Ctrl+C
into one line and status 130 (a terminal presenter takes Ctrl+C as a key). Nothing
in the package imports this module but the entry points.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

SWITCH_INTERVAL = 0.0005
"""Seconds a thread may keep the GIL while another waits for it (Python's default is 0.005).

Textual hands each frame to its writer thread, and the main thread goes on
working (at start-up, three more layout passes): the seed's first frame waited
~7 ms for the GIL before it reached the terminal, the minimal Textual app's 2.3
ms; with this, 0.6 ms, ~4% of the first paint (``benchmarks/app_paint.py``).
The other threads (Textual's input, the writer) wait in system calls without
the GIL, so they ask for it only when they have something to do.
"""

EXIT_INTERRUPTED = 130
"""The status after Ctrl+C, as shells report a command that SIGINT ended (128 + 2)."""


def pause() -> None:
    """Stop automatic collection until ``resume()``."""
    gc.disable()


def resume() -> None:
    """Collect automatically again (harmless if collection was never paused)."""
    gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    """The ``tui-slides`` command (``[project.scripts]``): ``cli.main`` with collection paused.

    ``argv`` defaults to the process's arguments (``sys.argv[1:]``).
    """
    pause()
    sys.setswitchinterval(SWITCH_INTERVAL)  # frames reach the terminal as soon as drawn
    try:
        # Imported after the pause: that is the point.
        from tui_slides.cli import main as run
        from tui_slides.streams import guarded

        return guarded(lambda: run(argv, started=resume))
    except KeyboardInterrupt:  # Ctrl+C while reading, printing, exporting: a line, no traceback
        try:
            sys.stderr.write("\ntui-slides: interrupted\n")
        except (OSError, ValueError):
            pass
        return EXIT_INTERRUPTED
    finally:
        resume()
