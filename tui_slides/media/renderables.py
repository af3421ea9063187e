"""A block's media as Rich renderables: the one entry point for ``show`` and the renderer.

``block_media(block, images=...)`` gives the renderables to pass to
``render_block(block, styles, media=...)``: the image (half blocks, or
``[image: path]`` text), the map (an image file drawn as an image, else a map
card) and the video card, in that order. Nothing here decodes unless an image
is drawn in cells, so text mode never imports Pillow.
"""

from __future__ import annotations

from typing import Literal

from rich.console import RenderableType

from tui_slides.media.cards import MapCard, image_placeholder, image_text, video_card
from tui_slides.media.halfblock import HalfBlockImage
from tui_slides.media.images import CELL_BOX, ImageProblem, load_ref
from tui_slides.model import Block, MediaKind, MediaRef

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
            found.append(MapCard(block.map))
    if block.video is not None:
        found.append(video_card(block.video, hint=video_hint))
    return found
