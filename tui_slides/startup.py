"""Start-up without the cyclic garbage collector, which then runs dozens of times for nothing.

Importing Textual and building the first screen allocates hundreds of
thousands of objects and frees few of them, so each automatic collection on
the way scans ever more survivors to find next to nothing. ``pause()`` at the
start of a command, ``resume()`` once the first frame is on screen (or the
command is done): the first paint of the presenter comes ~15 ms sooner
(``benchmarks/app_paint.py``), and the deferred collection runs once, while
the presenter idles on its first slide.

``main`` is the ``tui-slides`` command itself: it pauses collection before
the command line and the loader are even imported.
"""

from __future__ import annotations

import gc


def pause() -> None:
    """Stop automatic collection until ``resume()``."""
    gc.disable()


def resume() -> None:
    """Collect automatically again (harmless if collection was never paused)."""
    gc.enable()


def main() -> int:
    """The ``tui-slides`` command (``[project.scripts]``): ``cli.main`` with collection paused."""
    pause()
    from tui_slides.cli import main as run  # imported after the pause: that is the point

    return run()
