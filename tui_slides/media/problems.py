"""``check`` warnings for media that exist but cannot be shown (corrupt, enormous...).

Headless (no Rich, no Textual). The loader already warns about missing files,
with their position; ``media_problems(deck)`` decodes every image file the deck
refers to (logos, ``img_path``, maps that are image files) within the limits of
``media.images`` and reports each that cannot be drawn, once per file. Pillow
is imported only if the deck has an image file. It also reports links that
will not work: a map or video URL that is not plain ``http(s)`` (no hyperlink,
no QR code, no player), and a map link too long for a QR code.

Each diagnostic points where the loader found the reference (``MediaRef.line``
and ``col``).
"""

from __future__ import annotations

from collections.abc import Iterator

from tui_slides.deck.diagnostics import Diagnostic, Level
from tui_slides.deck.model import Deck, MediaKind, MediaRef, shown
from tui_slides.media.links import QR_CAPACITY, map_url, qr_problem, safe_url


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


def link_refs(deck: Deck) -> Iterator[tuple[str, str, MediaRef]]:
    """Every map and video that is not a file: (source file, field name, reference)."""
    for slide in deck.slides:
        for block in slide.content:
            for field, ref in (("map", block.map), ("video", block.video)):
                if ref is not None and ref.kind is not MediaKind.FILE:
                    yield slide.source or deck.source, field, ref


def link_problems(deck: Deck) -> list[Diagnostic]:
    """Warnings for map and video links that will not work, once per link and file."""
    found: list[Diagnostic] = []
    seen: set[tuple[str, str, str]] = set()
    for source, field, ref in link_refs(deck):
        if (source, field, ref.raw) in seen:
            continue
        seen.add((source, field, ref.raw))
        reason = None
        if field == "map":
            url = map_url(ref)
            if url is None:
                reason = "not an http(s) link: shown as text, without a link or QR code"
            elif len(url) > QR_CAPACITY:  # a shorter link always fits (byte mode)
                problem = qr_problem(url)
                reason = None if problem is None else f"no QR code: {problem}"
        elif safe_url(ref.url or ref.raw) is None:
            reason = "not an http(s) link: the play key will not open it"
        if reason is not None:
            message = f"'{field}' '{ref.label}': {reason}"
            found.append(Diagnostic(source, ref.line, ref.col, Level.WARNING, message))
    return found


def media_problems(deck: Deck) -> list[Diagnostic]:
    """Warnings for image files that exist but cannot be drawn and for links that will
    not work, and info for web images."""
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
        message = f"'{field}' '{ref.label}': {shown(result.reason, 400)}"
        found.append(Diagnostic(source, ref.line, ref.col, level, message))
    found.extend(link_problems(deck))
    return sorted(found, key=lambda d: (d.path, d.line, d.col))
