"""Image files: checked, decoded and scaled once within limits, cached, never raising.

``load_image(path)`` returns a ``LoadedImage`` (an RGB or RGBA Pillow image no
larger than the box asked for) or an ``ImageProblem`` naming the path and the reason.
A missing, unreadable, corrupt or enormous file (a decompression bomb included)
is a problem, never an exception, and never decoded beyond the pixel limit:
the size a file declares is checked before anything is decoded. Pillow
decodes an icon (ICO) as it opens it, and each image inside an icon declares
its own size, whatever the icon's directory says, so icons are read for those
sizes first (``media.icons``). Of every other format, only the first frame
(page, for TIFF) is decoded, at the size its header declares.

Pillow is imported here lazily, inside the functions that decode, so a deck
without images never imports it. Results are cached by (path, mtime, file size)
in an LRU bounded by bytes, so coming back to a slide does not decode again;
``preload`` decodes ahead in a background thread (one decode at a time).
"""

from __future__ import annotations

import queue
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui_slides.deck.files import regular_file
from tui_slides.deck.model import MediaKind, MediaRef
from tui_slides.media.cache import LRUCache
from tui_slides.media.icons import icon_sizes

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

MAX_FILE_BYTES = 50 * 1024 * 1024
"""A larger image file is refused without being read."""

MAX_DECLARED_PIXELS = 100_000_000
"""An image whose header declares more pixels (100 megapixels) is refused unread."""

MAX_DECODED_PIXELS = 4096 * 4096
"""The most pixels ever decoded at once (about 64 MiB as RGBA).

JPEG files are decoded at a reduced scale (1/2, 1/4, 1/8) when the full size is
not needed, so a 24-megapixel photo stays under this limit; other formats
decode at full size and are refused above it.
"""

PIXEL_BOX = (1600, 1600)
"""Images for kitty or sixel are scaled down to fit this box once, then cached.

Large enough for a full-screen image on a big terminal; every on-screen size is
scaled from this copy, which is cheap.
"""

CELL_BOX = (640, 640)
"""Images drawn with half blocks need far fewer pixels: one per cell across, two down."""

_ORIENTATION = 0x0112
"""The EXIF tag saying how a photo must be turned to stand upright."""

CACHE_BYTES = 48 * 1024 * 1024
"""How many bytes of decoded images the cache keeps (least recently used go first)."""

FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP", "TIFF", "ICO", "PPM")
"""The formats Pillow may open. Others (EPS runs Ghostscript, for one) are refused."""


@dataclass(frozen=True)
class ImageProblem:
    """Why an image cannot be shown: the placeholder and ``check`` both say this."""

    path: Path | None
    reason: str
    raw: str = ""
    """The reference as written in the deck, when there is one."""

    @property
    def label(self) -> str:
        """The name shown to people: the path as written, else the resolved path."""
        return self.raw or (str(self.path) if self.path else "")

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"


@dataclass(frozen=True, eq=False)
class LoadedImage:
    """A decoded image, scaled to fit a box, ready to be scaled for the screen."""

    path: Path
    key: tuple[str, int, int, tuple[int, int]]
    """(path, mtime in ns, file size, box): changes when the file does."""
    width: int
    """The file's width in pixels, before scaling."""
    height: int
    """The file's height in pixels, before scaling."""
    pixels: PILImage
    """The image scaled to fit the box it was loaded for, mode ``RGB`` or ``RGBA``."""

    @property
    def has_alpha(self) -> bool:
        """True when some pixels may be transparent."""
        return self.pixels.mode == "RGBA"

    @property
    def nbytes(self) -> int:
        """Roughly how much memory the pixels take."""
        return self.pixels.width * self.pixels.height * len(self.pixels.mode)


def _nbytes(result: LoadedImage | ImageProblem) -> int:
    """What a result counts against ``CACHE_BYTES``: its pixels, or a little for a problem."""
    return result.nbytes if isinstance(result, LoadedImage) else 256


_CACHE: LRUCache[tuple[str, int, int, tuple[int, int]], LoadedImage | ImageProblem] = LRUCache(
    CACHE_BYTES, _nbytes
)
_INFLIGHT: dict[object, threading.Event] = {}
"""Images being decoded now, by cache key: a second caller waits for the first."""
_INFLIGHT_LOCK = threading.Lock()
_DECODING = threading.Lock()
"""Held while decoding: two photos decoded at once could double the peak memory."""
_PRELOADS: queue.Queue[tuple[MediaRef, tuple[int, int]]] = queue.Queue()
_PRELOADER: threading.Thread | None = None


def clear_cache() -> None:
    """Forget every decoded image (tests and benchmarks use this), once preloads are done."""
    wait_for_preloads()
    _CACHE.clear()


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


def load_image(
    path: Path, *, box: tuple[int, int] = CELL_BOX, raw: str = ""
) -> LoadedImage | ImageProblem:
    """The image at ``path`` decoded and scaled to fit ``box``, or why it cannot be shown.

    Each (file version, box) is decoded once; later calls come from the cache.
    """
    info = regular_file(path)  # the loader's rule: check says what this placeholder says
    if isinstance(info, str):
        return ImageProblem(path, info, raw)
    if info.st_size == 0:
        return ImageProblem(path, "the file is empty", raw)
    if info.st_size > MAX_FILE_BYTES:
        limit = _mib(MAX_FILE_BYTES)
        return ImageProblem(path, f"file too large ({_mib(info.st_size)}; limit {limit})", raw)
    key = (str(path), info.st_mtime_ns, info.st_size, box)
    cached = _CACHE.get(key)
    if cached is not None:
        return _with_raw(cached, raw)
    mine = threading.Event()
    with _INFLIGHT_LOCK:
        decoding = _INFLIGHT.setdefault(key, mine)
    if decoding is not mine:  # another thread (the preloader) is on it: wait, not redo
        decoding.wait()
        return load_image(path, box=box, raw=raw)
    try:
        with _DECODING:  # one full-size decode at a time bounds the peak memory
            result = _decode(path, key, box)
        _CACHE.put(key, result)
    finally:
        with _INFLIGHT_LOCK:
            del _INFLIGHT[key]
        mine.set()
    return _with_raw(result, raw)


def _with_raw(result: LoadedImage | ImageProblem, raw: str) -> LoadedImage | ImageProblem:
    if isinstance(result, ImageProblem) and raw and result.raw != raw:
        return ImageProblem(result.path, result.reason, raw)
    return result


def load_ref(ref: MediaRef, *, box: tuple[int, int] = CELL_BOX) -> LoadedImage | ImageProblem:
    """The image a deck refers to: a file is loaded; a URL or coordinates are not images."""
    if ref.kind is MediaKind.FILE and ref.path is not None:
        return load_image(ref.path, box=box, raw=ref.raw)
    if ref.kind is MediaKind.URL:
        return ImageProblem(None, "images from URLs are not downloaded", ref.raw)
    return ImageProblem(ref.path, "not an image file", ref.raw)


def preload(ref: MediaRef, *, box: tuple[int, int] = CELL_BOX) -> None:
    """Decode the image ``ref`` names into the cache in a background thread, soon.

    The presenter calls this for the slides next to the current one while it is
    idle, so moving to a photo slide finds the photo decoded. Loading the same
    image meanwhile waits for this decode instead of starting another.
    """
    global _PRELOADER
    if ref.kind is not MediaKind.FILE or ref.path is None:
        return
    _PRELOADS.put((ref, box))
    if _PRELOADER is None or not _PRELOADER.is_alive():
        _PRELOADER = threading.Thread(target=_preload_forever, name="image-preload", daemon=True)
        _PRELOADER.start()


def wait_for_preloads() -> None:
    """Return once every image asked for with ``preload`` is decoded (tests, benchmarks)."""
    _PRELOADS.join()


def _preload_forever() -> None:
    while True:
        ref, box = _PRELOADS.get()
        try:
            load_ref(ref, box=box)
        except Exception:  # load_ref never raises; if it did, a stray traceback would
            pass  # garble the presentation, and the slide's own load reports the problem
        finally:
            _PRELOADS.task_done()


def _icon_problem(path: Path) -> ImageProblem | None:
    """Why an icon file is refused unread (an image in it too large to decode), or None."""
    sizes = icon_sizes(path)
    if not sizes:
        return None
    width, height = max(sizes, key=lambda size: size[0] * size[1])
    if width * height > MAX_DECODED_PIXELS:  # icons decode at full size, never reduced
        reason = _too_large(width, height, MAX_DECODED_PIXELS, where=" in the icon")
        return ImageProblem(path, reason)
    return None


def _decode(
    path: Path, key: tuple[str, int, int, tuple[int, int]], box: tuple[int, int]
) -> LoadedImage | ImageProblem:
    """Check the declared size, decode (reduced when JPEG allows) and scale."""
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        return ImageProblem(path, "Pillow is not installed, so images cannot be shown")
    # Our own limits below are stricter than Pillow's bomb warning, which would
    # otherwise be printed over the presentation, as would its note that an icon's
    # image is not the size its directory says. Set once; thread-safe after.
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
    warnings.filterwarnings("ignore", "Image was not the expected size", UserWarning)
    try:
        problem = _icon_problem(path)  # Pillow decodes an icon as it opens it
        if problem is not None:
            return problem
        with Image.open(path, formats=FORMATS) as image:
            width, height = image.size
            if width <= 0 or height <= 0:
                return ImageProblem(path, f"invalid image size {width}x{height}")
            if width * height > MAX_DECLARED_PIXELS:
                return ImageProblem(path, _too_large(width, height, MAX_DECLARED_PIXELS))
            if image.format == "JPEG":
                # Decode at the smallest power-of-two scale that still covers the box.
                image.draft("RGB", fitted(width, height, box))
            if image.width * image.height > MAX_DECODED_PIXELS:
                return ImageProblem(path, _too_large(width, height, MAX_DECODED_PIXELS))
            image.load()
            pixels = _normalised(image, box)
    except UnidentifiedImageError:
        names = ", ".join(FORMATS)
        return ImageProblem(path, f"not an image tui-slides can read (it reads {names})")
    except Image.DecompressionBombError:
        return ImageProblem(path, _too_large(0, 0, MAX_DECLARED_PIXELS))
    except MemoryError:
        return ImageProblem(path, "not enough memory to decode the image")
    except OSError as error:
        if isinstance(error, PermissionError):
            return ImageProblem(path, "cannot read the file (permission denied)")
        return ImageProblem(path, f"corrupt or unreadable image ({error})")
    except Exception as error:  # a broken file can make any codec raise anything
        name = type(error).__name__
        return ImageProblem(path, f"corrupt or unreadable image ({name}: {error})")
    return LoadedImage(path=path, key=key, width=width, height=height, pixels=pixels)


def _too_large(width: int, height: int, limit: int, *, where: str = "") -> str:
    megapixels = f"{limit / 1_000_000:.1f}"
    if width and height:
        return f"image too large ({width}x{height} pixels{where}; limit {megapixels} megapixels)"
    return f"image too large (over {megapixels} megapixels)"


def fitted(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    """``width`` x ``height`` scaled down (never up) to fit ``box``, aspect ratio kept."""
    ratio = min(box[0] / width, box[1] / height, 1.0)
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def _normalised(image: PILImage, box: tuple[int, int]) -> PILImage:
    """The image upright (EXIF orientation), in RGB or RGBA, scaled to fit ``box``."""
    from PIL import Image, ImageOps

    upright = image
    if image.getexif().get(_ORIENTATION, 1) != 1:
        upright = ImageOps.exif_transpose(image) or image
    has_alpha = upright.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        "transparency" in upright.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    if upright.mode.startswith("I"):
        # 16-bit and 32-bit greyscale: bring into 8 bits before colour conversion.
        upright = upright.point(lambda value: value / 256).convert("L")
    converted = upright if upright.mode == mode else upright.convert(mode)
    if converted.width > box[0] or converted.height > box[1]:
        # In place: the full-size pixels are ours and dropped right after. A copy for
        # cells is shrunk again to at most a few hundred pixels, which hides the
        # aliasing of a coarser first step (half the time on a 12-megapixel PNG).
        gap = 1.0 if max(box) <= max(CELL_BOX) else 2.0
        converted.thumbnail(box, Image.Resampling.BICUBIC, reducing_gap=gap)
    return converted


def scaled(loaded: LoadedImage, width: int, height: int) -> PILImage:
    """``loaded``'s pixels resized to exactly ``width`` x ``height`` (at least 1x1).

    Shrinking uses a smooth filter; enlarging keeps hard pixel edges, so a small
    icon or pixel art stays crisp instead of blurred.
    """
    from PIL import Image

    width, height = max(1, width), max(1, height)
    source = loaded.pixels
    if (width, height) == source.size:
        return source
    if width >= source.width and height >= source.height:
        return source.resize((width, height), Image.Resampling.NEAREST)
    return source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
