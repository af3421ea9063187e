"""Who gets the browser view, and what it serves: the access code, 404s, headers, sizes.

Plain HTTP with aiohttp's client against a server on 127.0.0.1: a wrong or
missing code is 403 with no deck content; nothing but the page and its
WebSocket is served; every response carries the security headers.
"""

from __future__ import annotations

import aiohttp
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from yarl import URL

from tests.app_support import make_deck
from tests.web_support import CODE, serving
from tui_slides.deck.model import Block, Deck, Slide
from tui_slides.presenting.presentation import Presentation
from tui_slides.web.page import CONTENT_SECURITY_POLICY, SCRIPT_HASH, content_security_policy

SECRET = "speaker-only-7f3a"
"""Written in the notes: never in anything the server sends."""


def noted_deck() -> Deck:
    block = Block(title="Public title", text="Public body")
    slide = Slide(name="One", content=(block,), notes=f"{SECRET} notes", source="mem")
    return Deck(slides=(slide, slide), source="mem")


def base(url: str) -> str:
    return url.split("/c/")[0]


async def get(url: str, *, raw: bool = False) -> tuple[int, str, dict[str, str]]:
    async with aiohttp.ClientSession() as session:
        target = URL(url, encoded=True) if raw else url
        async with session.get(target, allow_redirects=False) as response:
            return response.status, await response.text(), dict(response.headers)


async def test_a_wrong_or_missing_code_is_refused_with_no_deck_content() -> None:
    async with serving(Presentation(noted_deck())) as server:
        root = base(server.url)
        for path in ("/", "/?code=", "/?code=wrong", "/c/wrong/", "/c/wrong", "/c/k7m2-x9qq/",
                     "/ws", "/ws?code=nope", "/c/wrong/ws", f"/c/{CODE}x/"):  # fmt: skip
            status, body, headers = await get(root + path)
            assert status == 403, path
            assert "Public" not in body and SECRET not in body and "<section" not in body
            assert headers["Referrer-Policy"] == "no-referrer"
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(f"{root}/c/wrong/ws")
            assert refused.value.status == 403


async def test_the_code_opens_the_page_in_either_form_without_notes() -> None:
    async with serving(Presentation(noted_deck())) as server:
        root = base(server.url)
        assert server.url == f"{root}/c/{CODE}/"
        for path in (f"/c/{CODE}/", f"/?code={CODE}", "/c/K7M2X9QP/", "/?code=k7m2%20x9qp"):
            status, body, headers = await get(root + path)
            assert status == 200, path
            assert body.count("<section") == 2 and "Public title" in body
            assert SECRET not in body
            assert headers["Content-Type"] == "text/html; charset=utf-8"
            policy = headers["Content-Security-Policy"]
            assert f"script-src '{SCRIPT_HASH}'" in policy and "default-src 'none'" in policy
            assert "img-src data:" in policy and "unsafe-eval" not in policy
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["Referrer-Policy"] == "no-referrer"
            assert headers["Cache-Control"] == "no-store"
        status, _, headers = await get(f"{root}/c/{CODE}")
        assert (status, headers["Location"]) == (302, f"{CODE}/")
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{root}/c/K7M2X9QP") as response:  # followed: the page
                assert response.status == 200 and str(response.url) == server.url


async def test_nothing_else_is_served() -> None:
    async with serving(Presentation(make_deck(2))) as server:
        root = base(server.url)
        for path in ("/index.html", "/favicon.ico", "/decks/tour.json5", "/c/", f"/c/{CODE}/x",
                     f"/c/{CODE}/ws/x", f"/c/{CODE}/../../etc/passwd", "/%2e%2e/etc/passwd",
                     "/static/", f"/c/{CODE}/slides/"):  # fmt: skip
            status, body, headers = await get(root + path, raw=True)
            assert status == 404, path
            assert "Title" not in body
            assert headers["X-Content-Type-Options"] == "nosniff"
        async with aiohttp.ClientSession() as session:
            async with session.post(server.url, data=b"x" * 10_000) as response:
                assert response.status == 405
            async with session.get(server.url, headers={"X-Big": "x" * 20_000}) as response:
                assert response.status in (400, 431)  # headers are bounded too


async def test_auth_none_serves_the_root_only() -> None:
    async with serving(Presentation(make_deck(2)), auth="none", code="") as server:
        assert server.url.endswith(":%d/" % server.address[1])
        status, body, _ = await get(server.url)
        assert status == 200 and "Title 1" in body
        status, _, _ = await get(f"{server.url}c/{CODE}/")
        assert status == 404
        async with aiohttp.ClientSession() as session, session.ws_connect(f"{server.url}ws") as ws:
            assert (await ws.receive_json())["index"] == 0


async def test_the_page_is_gzipped_for_browsers_that_take_it() -> None:
    async with serving(Presentation(make_deck(40))) as server:
        async with aiohttp.ClientSession(auto_decompress=False) as session:
            headers = {"Accept-Encoding": "gzip"}
            async with session.get(server.url, headers=headers) as response:
                zipped = await response.read()
                assert response.headers["Content-Encoding"] == "gzip"
            async with session.get(server.url, headers={"Accept-Encoding": "identity"}) as response:
                plain = await response.read()
                assert "Content-Encoding" not in response.headers
        import gzip

        assert gzip.decompress(zipped) == plain and len(zipped) < len(plain) / 3


@example("0:")  # a colon with no port: found by hypothesis, once named "0"
@given(st.text(max_size=80))
def test_no_host_header_changes_what_the_policy_allows_but_the_websocket(host: str) -> None:
    policy = content_security_policy(host)
    base_directives = CONTENT_SECURITY_POLICY.split("; ")
    directives = policy.split("; ")
    assert len(directives) == len(base_directives)
    for mine, base_one in zip(directives, base_directives, strict=True):
        if base_one.startswith("connect-src"):
            extra = mine.removeprefix("connect-src 'self'").split()
            assert extra == [] or extra == [f"ws://{host}", f"wss://{host}"]
            assert not any(c in host for c in " ;,'\"") or extra == []
        else:
            assert mine == base_one


async def test_the_page_names_its_own_websocket_origin() -> None:
    async with serving(Presentation(make_deck(2))) as server:
        _, _, headers = await get(server.url)
        host = server.url.split("/")[2]
        assert f"connect-src 'self' ws://{host} wss://{host};" in headers["Content-Security-Policy"]
