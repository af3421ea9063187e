"""``tui-slides export``: a deck as a self-contained HTML page or a PDF (``tui_slides.export``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from tui_slides.commands.common import Started


def export(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides export DECK --html OUT.html --pdf OUT.pdf``: write the files."""
    started()  # a long run, not a start-up: collect as usual
    from tui_slides.export.command import run_export  # only export needs it

    options = {name: getattr(args, name) for name in ("html", "pdf", "theme", "notes")}
    return run_export(args.deck, strict=args.strict, max_bytes=args.max_size, **options)
