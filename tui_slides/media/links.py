"""Links for media: OpenStreetMap URLs for coordinates, and which URLs are safe to use.

Headless: no Rich, no Textual. A URL from a deck is used as a hyperlink, QR code
or player argument only when it is plain ``http``/``https`` with no control
characters or spaces, so a deck cannot smuggle escape sequences into an OSC 8
hyperlink or hand an arbitrary scheme (``file:``, ``javascript:``) to a handler.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from tui_slides.deck.model import MediaKind, MediaRef
from tui_slides.deck.safety import is_safe

OSM_ZOOM = 15
"""Street level: close enough to find the place, wide enough to see where it is."""

_SAFE_URL = re.compile(r"[!-~]+")
"""Printable ASCII without space: anything else must be percent-encoded in a URL."""


def _number(value: float) -> str:
    """A coordinate with at most 5 decimals (about a metre), no trailing zeros."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def osm_url(lat: float, lon: float, zoom: int = OSM_ZOOM) -> str:
    """The OpenStreetMap page with a marker at ``lat, lon``."""
    la, lo = _number(lat), _number(lon)
    return f"https://www.openstreetmap.org/?mlat={la}&mlon={lo}#map={zoom}/{la}/{lo}"


def safe_url(text: str) -> str | None:
    """``text`` if it is an ``http(s)`` URL safe to put in a hyperlink, else ``None``."""
    candidate = text.strip()
    if not _SAFE_URL.fullmatch(candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


_STAND_INS = re.compile("[\u2400-\u2421\ufffd]")
"""What ``safety.visible`` made of control characters: a URL that held one is not linked."""


def linkable(url: str) -> bool:
    """True when ``url``, from a deck's Markdown, may be a live link: ``safe_url`` accepts it
    and it held no control character, raw, made visible or percent-encoded (``%1B``)."""
    if safe_url(url) is None:
        return False
    decoded = unquote(url)
    return is_safe(decoded) and not _STAND_INS.search(decoded)


QR_CAPACITY = 2953
"""Bytes the largest QR code (version 40, low error correction) holds in byte mode: a URL."""


def qr_too_long(url: str) -> str:
    """Why ``url`` has no QR code: it does not fit in one."""
    size = len(url.encode("utf-8", "replace"))
    return f"the link is too long for a QR code ({size:,} bytes; at most {QR_CAPACITY:,} fit)"


def qr_problem(url: str) -> str | None:
    """Why ``url`` cannot be drawn as a QR code, or ``None`` when it can (``check`` asks)."""
    import segno  # here: only decks with maps need it

    try:
        segno.make(url, micro=False)
    except ValueError:  # segno.DataOverflowError: more data than version 40 holds
        return qr_too_long(url)
    return None


def map_url(ref: MediaRef) -> str | None:
    """Where a map reference points: the OSM page for coordinates, else a safe URL."""
    if ref.kind is MediaKind.COORDS and ref.coords is not None:
        return osm_url(*ref.coords)
    if ref.kind is MediaKind.URL:
        return safe_url(ref.url or ref.raw)
    return None


def format_coords(lat: float, lon: float) -> str:
    """Coordinates as people read them, e.g. ``51.1694° N, 71.4491° E``."""
    north = "N" if lat >= 0 else "S"
    east = "E" if lon >= 0 else "W"
    return f"{_number(abs(lat))}° {north}, {_number(abs(lon))}° {east}"


def format_size(size: int) -> str:
    """A file size as people read it: ``512 B``, ``12.3 KiB``, ``1.5 GiB``."""
    if size < 1024:
        return f"{size} B"
    units = ("KiB", "MiB", "GiB", "TiB")
    value = size / 1024
    index = 0
    while value >= 1024 and index < len(units) - 1:
        value /= 1024
        index += 1
    return f"{value:.1f} {units[index]}"
