"""The shared LRU cache: decoded images are bounded by bytes, drawn images by count."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tui_slides.media import images
from tui_slides.media.cache import LRUCache
from tui_slides.media.images import LoadedImage, load_image


def test_a_count_bound_forgets_the_least_recently_used() -> None:
    cache: LRUCache[str, str] = LRUCache(2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"  # now "b" is the oldest
    cache.put("c", "C")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("A", None, "C")
    cache.put("a", "A2")  # replacing counts once
    assert len(cache) == 2 and cache.get("a") == "A2"
    cache.clear()
    assert len(cache) == 0 and cache.get("a") is None


def test_a_byte_bound_counts_each_item_by_its_size() -> None:
    cache: LRUCache[str, str] = LRUCache(100, size=len)
    cache.put("a", "A" * 60)
    cache.put("b", "B" * 30)
    assert len(cache) == 2
    cache.put("c", "C" * 20)  # 110 bytes: the oldest goes
    assert cache.get("a") is None and len(cache) == 2
    cache.put("d", "D" * 1000)  # the item just put is kept, even alone over the limit
    assert cache.get("d") is not None and len(cache) == 1


def test_decoded_images_count_the_bytes_of_their_pixels(tmp_path: Path) -> None:
    images.clear_cache()
    paths = []
    for name in ("a", "b"):
        paths.append(tmp_path / f"{name}.png")
        Image.new("RGBA", (10, 10)).save(paths[-1])
    first = load_image(paths[0])
    assert isinstance(first, LoadedImage) and first.nbytes == 10 * 10 * 4
    saved = images._CACHE.limit
    images._CACHE.limit = first.nbytes  # room for one image
    try:
        load_image(paths[1])
        assert load_image(paths[0]) is not first  # forgotten, decoded again
    finally:
        images._CACHE.limit = saved
        images.clear_cache()
