"""The ``tui-slides`` command: start-up without the cyclic garbage collector, output guarded.

Importing Textual and building the first screen allocates hundreds of
thousands of objects and frees few of them, so each automatic collection on
the way scans ever more survivors to find next to nothing. ``pause()`` at the
start of a command, ``resume()`` once the first frame is on screen (or the
command is done): the first paint of the presenter comes ~15 ms sooner
(``benchmarks/app_paint.py``), and the deferred collection runs once, while
the presenter idles on its first slide.

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
