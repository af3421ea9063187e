"""A block's image, map and video as HTML: data URIs, QR codes as SVG, links, ``<video>``.

Nothing a deck writes becomes a URL unless ``media.links.safe_url`` passes it
(``http``/``https`` only) or it names a local video file, which becomes a
relative, percent-encoded path. Images are embedded (``data:``); videos are not.
"""

from __future__ import annotations

import os
from pathlib import PurePath
from urllib.parse import quote

from tui_slides.deck.model import Block, MediaKind, MediaRef
from tui_slides.export.html_text import text
from tui_slides.export.pictures import Pictures
from tui_slides.media.images import ImageProblem
from tui_slides.media.links import format_coords, map_url, safe_url

QR_SCALE = 4
"""Pixels per QR module in the SVG: about 120 px for a map link, easy to scan off a screen."""

QR_BORDER = 2
"""Quiet zone around a QR code, in modules (the terminal's map card uses the same)."""


def _attr(value: str) -> str:
    return text(value)


def problem_html(problem: ImageProblem) -> str:
    """What stands where an image cannot be shown: its path and the reason."""
    return f'<p class="placeholder">\u26a0 {text(problem.label)}: {text(problem.reason)}</p>'


def image_html(ref: MediaRef, pictures: Pictures, *, css_class: str = "image") -> str:
    """An image embedded as a ``data:`` URI, or its placeholder."""
    picture = pictures.get(ref)
    if isinstance(picture, ImageProblem):
        return problem_html(picture)
    name = PurePath(ref.file or ref.raw).name
    return (
        f'<figure class="{css_class}"><img src="{picture.data_uri}" alt="{_attr(name)}"'
        f' width="{picture.width}" height="{picture.height}"></figure>'
    )


def qr_svg(url: str) -> str:
    """``url`` as a QR code in SVG: dark modules on white, so any theme scans."""
    import segno  # here: only decks with maps need it

    code = segno.make(url, micro=False)
    return code.svg_inline(scale=QR_SCALE, border=QR_BORDER, dark="#000", light="#fff")


def map_html(ref: MediaRef, pictures: Pictures) -> str:
    """A map: an image file embedded, or the place, its link and the link's QR code."""
    if ref.kind is MediaKind.FILE:
        return image_html(ref, pictures, css_class="image map")
    url = map_url(ref)
    place = "Map"
    if ref.kind is MediaKind.COORDS and ref.coords is not None:
        place = format_coords(*ref.coords)
    if url is None:
        return f'<p class="placeholder">\u26a0 not a web link: {text(ref.raw)}</p>'
    link = f'<a href="{_attr(url)}">{text(url)}</a>'
    return (
        f'<figure class="map"><div class="qr" role="img" aria-label="QR code of the map link">'
        f"{qr_svg(url)}</div><figcaption><strong>{text(place)}</strong><br>{link}"
        "</figcaption></figure>"
    )


def _relative_src(path: str, out_dir: str) -> str:
    relative = os.path.relpath(path, out_dir)
    return quote(relative.replace(os.sep, "/"))


def video_html(ref: MediaRef, out_dir: str) -> str:
    """A video: a ``<video>`` element and a link for a local file; a link for a web URL."""
    if ref.kind is MediaKind.FILE and ref.file is not None:
        name = text(PurePath(ref.file).name)
        if not ref.exists:
            return f'<p class="placeholder">\u26a0 {text(ref.raw)}: file not found</p>'
        src = _attr(_relative_src(ref.file, out_dir))
        return (
            f'<figure class="video"><video controls preload="metadata" src="{src}"></video>'
            f'<figcaption>\u25b6 <a href="{src}">{name}</a></figcaption></figure>'
        )
    url = safe_url(ref.url or ref.raw)
    if url is None:
        return f'<p class="placeholder">\u26a0 not a web link: {text(ref.raw)}</p>'
    return (
        f'<figure class="video"><figcaption>\u25b6 <a href="{_attr(url)}">{text(url)}</a>'
        "</figcaption></figure>"
    )


def block_media_html(block: Block, pictures: Pictures, out_dir: str) -> str:
    """The block's image, map and video, in the presenter's order."""
    parts = []
    if block.image is not None:
        parts.append(image_html(block.image, pictures))
    if block.map is not None:
        parts.append(map_html(block.map, pictures))
    if block.video is not None:
        parts.append(video_html(block.video, out_dir))
    return "".join(parts)
