"""Run tui-slides as ``python -m tui_slides``."""

from tui_slides.startup import main

raise SystemExit(main())
