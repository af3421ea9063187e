"""``check`` warnings for images that exist but cannot be shown (corrupt, enormous...).

Headless (no Rich, no Textual). The loader already warns about missing files,
with their position; ``media_problems(deck)`` decodes every image file the deck
refers to (logos, ``img_path``, maps that are image files) within the limits of
``media.images`` and reports each that cannot be drawn, once per file. Pillow
is imported only if the deck has an image file.

Each diagnostic points where the loader found the reference (``MediaRef.line``
and ``col``).
"""

from __future__ import annotations

from collections.abc import Iterator

from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.model import Deck, MediaKind, MediaRef
from tui_slides.deck.safety import visible


def image_refs(deck: Deck) -> Iterator[tuple[str, str, MediaRef]]:
    """Every image reference in ``deck``: (source file, field name, reference)."""
    for slide in deck.slides:
        source = slide.source or deck.source
        if slide.logo is not None:
            yield source, "logo_path", slide.logo
        for block in slide.content:
            if block.image is not None:
                yield source, "img_path", block.image
            if block.map is not None and block.map.kind is MediaKind.FILE:
                yield source, "map", block.map


def deck_has_images(deck: Deck) -> bool:
    """True when some slide shows an image file that exists (so Pillow will be needed).

    A missing file is a text placeholder: it needs neither Pillow nor a terminal
    that draws pixels (the seed's ``/img/logo.png``, for one).
    """
    return any(ref.kind is MediaKind.FILE and ref.exists for _, _, ref in image_refs(deck))


def media_problems(deck: Deck) -> list[Diagnostic]:
    """Warnings for image files that exist but cannot be drawn, and info for web images."""
    from tui_slides.media.images import ImageProblem, load_ref  # not needed to list images

    found: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    for source, field, ref in image_refs(deck):
        if ref.kind is MediaKind.FILE and not ref.exists:
            continue  # the loader reports missing files, with their position
        if (source, ref.raw) in seen:
            continue
        seen.add((source, ref.raw))
        result = load_ref(ref)
        if not isinstance(result, ImageProblem):
            continue
        level = Level.INFO if ref.kind is MediaKind.URL else Level.WARNING
        message = f"'{field}' '{visible(ref.raw)}': {visible(result.reason)}"
        found.append(Diagnostic(source, ref.line, ref.col, level, message))
    return found
