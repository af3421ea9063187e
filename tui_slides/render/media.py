"""A block's media as Rich renderables: the one entry point for ``show`` and the renderer.

``block_media(block, images=...)`` gives the renderables to pass to
``render_block(block, styles, media=...)``: the image (half blocks, or
``[image: path]`` text), the map (an image file drawn as an image, else a map
card) and the video card, in that order. Nothing here decodes unless an image
is drawn in cells, so text mode never imports Pillow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from rich.console import Console, RenderableType
from rich.text import Text

from tui_slides.deck.model import Block, MediaKind, MediaRef
from tui_slides.media.images import CELL_BOX, PIXEL_BOX, ImageProblem, load_ref, preload
from tui_slides.render.cards import MapCard, image_placeholder, image_text, video_card
from tui_slides.render.halfblock import HalfBlockImage, cell_size, small_image_text

ImageMode = Literal["cells", "text"]
"""How images are printed: drawn in half-block cells, or named as ``[image: path]``."""


def image_renderable(
    ref: MediaRef,
    *,
    images: ImageMode = "cells",
    width: int | None = None,
    max_height: int | None = None,
) -> RenderableType:
    """An image as half blocks (or its placeholder), or its ``[image: path]`` text."""
    if images == "text":
        return image_text(ref)
    loaded = load_ref(ref, box=CELL_BOX)
    if isinstance(loaded, ImageProblem):
        return image_placeholder(loaded)
    return HalfBlockImage(loaded, width=width, max_height=max_height)


def block_media(
    block: Block,
    *,
    images: ImageMode = "cells",
    max_image_height: int | None = None,
    video_hint: str | None = None,
) -> list[RenderableType]:
    """The renderables for a block's image, map and video, top to bottom."""
    found: list[RenderableType] = []
    if block.image is not None:
        found.append(image_renderable(block.image, images=images, max_height=max_image_height))
    if block.map is not None:
        if block.map.kind is MediaKind.FILE:
            found.append(image_renderable(block.map, images=images, max_height=max_image_height))
        else:
            # A QR code needs colour to scan: none in text mode (piped, NO_COLOR).
            found.append(MapCard(block.map, qr=images == "cells"))
    if block.video is not None:
        found.append(video_card(block.video, hint=video_hint))
    return found


def images_for(console: Console) -> ImageMode:
    """``cells`` on a colour terminal; ``text`` when piped or without colour (NO_COLOR)."""
    if console.is_terminal and console.color_system is not None and not console.no_color:
        return "cells"
    return "text"


def media_for(console: Console) -> Callable[[Block], list[RenderableType]]:
    """The ``media`` builder ``render.slide.print_deck`` takes, suited to ``console``.

    On a terminal, an image is at most the terminal's height less a few lines,
    so each fits on one screen.
    """
    images = images_for(console)
    max_height = max(4, console.size.height - 4) if images == "cells" else None

    def build(block: Block) -> list[RenderableType]:
        return block_media(block, images=images, max_image_height=max_height)

    return build


PLAY_KEY_HINT = "v: play in the video player"
"""The line a video card shows in the presenter, naming its key."""


def app_media(
    block: Block, protocol: str, *, max_image_height: int | None = None, inline: bool = False
) -> list[RenderableType]:
    """The renderables the presenter shows under a block's text, for ``protocol``.

    ``none`` names images as ``[image: path]``; ``inline`` draws them here, in
    half-block cells as wide as the block (a ``columns`` slide); otherwise image
    files are left out (a URL's is a card, as in ``show``): ``app.images.sync_images``
    draws them as widgets of their own, and their files start decoding now, in the
    background: the presenter builds these for the neighbouring slides while idle,
    so the next photo is ready before its key.
    """
    if protocol != "none" and not inline:
        box = CELL_BOX if protocol == "cells" else PIXEL_BOX
        for ref in block.image_files:
            preload(ref, box=box)
        block = replace(block, image=_not_a_file(block.image), map=_not_a_file(block.map))
    images: ImageMode = "text" if protocol == "none" else "cells"
    return block_media(
        block, images=images, max_image_height=max_image_height, video_hint=PLAY_KEY_HINT
    )


def _not_a_file(ref: MediaRef | None) -> MediaRef | None:
    """``ref`` unless it is a file (the image widgets draw those): a URL's card stays."""
    return None if ref is None or ref.kind is MediaKind.FILE else ref


MIN_LOGO_CELLS = (4, 2)
"""The smallest a logo is drawn in cells (columns, rows): 4x4 pixels in half blocks.

Anything smaller is a smudge of colour nobody reads as a logo (an 8x8 logo in
the one-row status bar was 2x1 cells, 2x2 pixels), so it is left out and the
logo title stands alone.
"""


def logo_text(
    ref: MediaRef | None, protocol: str, *, rows: int = 1, max_columns: int = 8
) -> Text | None:
    """The logo as a small picture of ``rows`` lines for the status bar, or None.

    None when there is no logo, images are off, the file cannot be drawn
    (``check`` reports it), or the picture would be smaller than
    ``MIN_LOGO_CELLS``, which a logo in a one-row bar always is.
    """
    if ref is None or protocol == "none":
        return None
    min_columns, min_rows = MIN_LOGO_CELLS
    if rows < min_rows or max_columns < min_columns:
        return None  # decided before decoding: nothing legible fits
    loaded = load_ref(ref, box=CELL_BOX)
    if isinstance(loaded, ImageProblem):
        return None  # ``check`` reports it; the logo title still shows
    columns, pixel_rows = cell_size(loaded.width, loaded.height, max_columns, rows)
    if columns < min_columns or (pixel_rows + 1) // 2 < min_rows:
        return None
    return small_image_text(loaded, rows=rows, max_columns=max_columns)
