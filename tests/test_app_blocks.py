"""Block renderables in the app: built lazily, rendered once per width, cached, never crashing."""

from __future__ import annotations

import io

import pytest
from app_support import make_app, make_deck
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from tui_slides.app.blocks import Guarded, RenderCache
from tui_slides.app.slide_view import PREFETCH_DELAY
from tui_slides.deck.model import Block


def console(width: int = 40) -> Console:
    return Console(width=width, file=io.StringIO(), color_system=None, _environ={})


class Counting:
    """A renderable that counts how often Rich renders it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.renders = 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.renders += 1
        yield Text(self.text)


def test_guarded_builds_on_first_render_and_renders_once_per_width() -> None:
    built: list[Counting] = []

    def build() -> Counting:
        built.append(Counting("hello world " * 5))
        return built[-1]

    guarded = Guarded(build)
    assert built == []  # nothing is built until drawn
    out = console(40)
    first = out.render_lines(guarded, out.options)
    again = out.render_lines(guarded, out.options)
    assert len(built) == 1
    assert built[0].renders == 1  # the second pass (Textual's paint after measure) is free
    assert first == again
    narrow = console(20)
    assert len(narrow.render_lines(guarded, narrow.options)) > len(first)
    assert built[0].renders == 2  # a new width renders again


def test_guarded_shows_a_red_panel_instead_of_crashing() -> None:
    def broken_build() -> Counting:
        raise ValueError("bad \x1b text")

    class BrokenRender:
        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            raise RuntimeError("boom")
            yield  # pragma: no cover

    for guarded, expected in (
        (Guarded(broken_build), "ValueError: bad ␛ text"),
        (Guarded(BrokenRender), "RuntimeError: boom"),
    ):
        out = console(60)
        out.print(guarded)
        shown = out.file.getvalue()  # type: ignore[attr-defined]
        assert "This block could not be shown" in shown
        assert expected in shown
        assert "\x1b" not in shown


def test_render_cache_reuses_by_block_identity_and_forgets_the_oldest() -> None:
    cache = RenderCache(size=2)
    one, two, three = Block(text="1"), Block(text="2"), Block(text="3")
    first = cache.get(one, ("k",), lambda: Text("1"))
    assert cache.get(one, ("k",), lambda: Text("x")) is first
    assert cache.get(one, ("other styles",), lambda: Text("1")) is not first
    cache.get(two, ("k",), lambda: Text("2"))
    cache.get(three, ("k",), lambda: Text("3"))
    assert cache.get(one, ("k",), lambda: Text("1")) is not first  # evicted
    equal_but_not_same = Block(text="1")
    assert cache.get(equal_but_not_same, ("k",), lambda: Text("1")) is not first
    cache.clear()


async def test_neighbours_are_rendered_ahead_once_keys_stop() -> None:
    app = make_app(make_deck(5), start=2)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.slides.slide_view
        await pilot.pause(PREFETCH_DELAY * 4)
        deck = app.slides.deck
        for renderable in [*view.renderables(deck.slides[1]), *view.renderables(deck.slides[3])]:
            assert isinstance(renderable, Guarded)
            assert renderable.rendered, "the neighbour was not rendered ahead"
        (far,) = view.renderables(deck.slides[0])
        assert isinstance(far, Guarded)
        assert not far.rendered  # only the neighbours


async def test_the_next_slide_is_drawn_from_the_lines_rendered_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rendering ahead uses the options the block views draw with: nothing is rendered again."""
    from tui_slides.app import blocks

    app = make_app(make_deck(5), start=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(PREFETCH_DELAY * 4)
        renders: list[object] = []
        render = blocks._render
        monkeypatch.setattr(
            blocks, "_render", lambda *args: renders.append(args[0]) or render(*args)
        )
        await pilot.press("n")
        await pilot.pause()
        view = app.slides.slide_view
        assert "Title 4" in view.blocks[0].render_line(0).text
        shown = view.renderable_for(app.slides.deck.slides[3].content[0]).renderable
        assert shown not in renders  # (the slide after it may be rendered ahead by now)
