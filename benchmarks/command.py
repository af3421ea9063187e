"""How the benchmarks start tui-slides: as the installed ``tui-slides`` command does."""

from __future__ import annotations

import sys

TUI_SLIDES = [
    sys.executable,
    "-c",
    "import sys; from tui_slides.startup import main; sys.exit(main())",
]
"""What the installed ``tui-slides`` command runs (pip's script calls ``startup.main``).

Not ``python -m tui_slides``: its runpy start-up (~2 ms) is paid by no user.
"""
