"""Run tui-slides as ``python -m tui_slides``."""

from tui_slides.cli import main

raise SystemExit(main())
