"""The Textual presenter: ``run_presenter`` shows a loaded deck full screen.

Importing this package loads no Textual: the app module is imported when a
deck is presented, so the CLI stays fast for ``check`` and ``show``.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_slides.app.options import PresenterOptions
    from tui_slides.deck.model import Deck


def run_presenter(deck: Deck, options: PresenterOptions) -> int:
    """Present ``deck`` as ``options`` say (``tui_slides.app.options``); the exit status.

    ``options.images`` ``auto`` asks the terminal now, before Textual starts
    reading it. An unknown ``options.theme`` is reported on stderr with the
    known names (status 2).
    """
    from tui_slides.app.app import PresenterApp
    from tui_slides.app.graphics import ask_terminal, ready
    from tui_slides.deck.safety import visible
    from tui_slides.media.protocol import choose_protocol

    protocol = ready(choose_protocol(options.images, deck, ask=ask_terminal))
    app = PresenterApp(deck, dataclasses.replace(options, images=protocol))
    theme = options.theme
    if theme is not None and theme not in app.available_themes:
        names = ", ".join(sorted(app.available_themes))
        message = f"tui-slides: unknown theme {visible(theme)!r}; choose one of: {names}"
        print(message, file=sys.stderr)
        return 2
    app.run()
    for problem in app.css_problems:  # said on screen too; here it outlives the app
        print(f"tui-slides: CSS not loaded: {problem}", file=sys.stderr)
    return app.return_code or 0
