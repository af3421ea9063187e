"""``tui-slides check``: load decks and print every diagnostic, as text or JSON."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from tui_slides.commands.common import EXIT_FAILED, EXIT_OK, Started, usage_error
from tui_slides.deck.diagnostics import Diagnostic, Level, source_order
from tui_slides.deck.errors import DeckError
from tui_slides.deck.excerpt import output_columns
from tui_slides.deck.loader import load_deck
from tui_slides.deck.safety import one_line, visible
from tui_slides.streams import encodes_unicode

if TYPE_CHECKING:
    import argparse

    from tui_slides.deck.model import Deck


def _all_diagnostics(deck: Deck) -> list[Diagnostic]:
    """What loading found, and images that exist but cannot be drawn, in source order."""
    from tui_slides.media.problems import media_problems  # decodes images: only for check

    found = [*deck.diagnostics, *media_problems(deck)]
    return sorted(found, key=source_order)


def check(args: argparse.Namespace, started: Started) -> int:
    """``tui-slides check``: load each deck and print what was found."""
    started()  # many decks may take a while: collect as any long run does
    paths: list[str] = args.decks
    as_json = args.format == "json"
    missing = [path for path in paths if not os.path.exists(path)]
    if missing:
        return usage_error("no such deck: " + ", ".join(one_line(path) for path in missing))
    reports: list[dict[str, object]] = []
    counts = dict.fromkeys(Level, 0)
    failed = 0
    width = output_columns(sys.stdout)  # an error's excerpt fits the terminal's width
    for path in paths:
        try:
            deck = load_deck(path, strict=args.strict, max_bytes=args.max_size)
        except DeckError as error:
            failed += 1
            diagnostics, slides, lines = [error.diagnostic], 0, [error.shown(width)]
        else:
            diagnostics = _all_diagnostics(deck)
            slides, lines = len(deck), [str(diagnostic) for diagnostic in diagnostics]
        for diagnostic in diagnostics:
            counts[diagnostic.level] += 1
        if not as_json:
            for line in lines:
                print(visible(line))
        reports.append(
            {
                "path": path,
                "ok": slides > 0,
                "slides": slides,
                "diagnostics": [diagnostic.as_dict() for diagnostic in diagnostics],
            }
        )
    ok = len(paths) - failed
    summary = {
        "decks": len(paths),
        "loaded": ok,
        "failed": failed,
        **{f"{level.value}s": count for level, count in counts.items()},
    }
    if as_json:
        print(_json({"decks": reports, "summary": summary}))
    else:
        found = ", ".join(
            counted(counts[level], word) for level, word in (
                (Level.ERROR, "error"), (Level.WARNING, "warning"), (Level.INFO, "note")
            )
        )  # fmt: skip
        print(f"{counted(len(paths), 'deck')} checked: {ok} loaded, {failed} failed; {found}")
    return EXIT_FAILED if failed or counts[Level.ERROR] else EXIT_OK  # a slide file skipped too


def _json(report: dict[str, object]) -> str:
    """``report`` as JSON text, with the values exactly as found (paths, messages).

    Text that may not reach a terminal as itself, or that standard output cannot
    encode, is written as JSON's own ``\\uXXXX`` escapes: still the same values.
    (``json`` escapes C0 controls itself, and with ``ensure_ascii`` all but ASCII;
    DEL, ASCII but a control, only here.)
    """
    import json  # here: only --format json writes it

    text = json.dumps(report, ensure_ascii=False, indent=2)
    if encodes_unicode(sys.stdout) and visible(text) == text:
        return text
    return json.dumps(report, ensure_ascii=True, indent=2).replace("\x7f", "\\u007f")


def counted(count: int, word: str) -> str:
    """``1 error``, ``2 errors``, ``0 errors``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
