"""The live page: the HTML export's slides, one shown at a time, and a script that follows the talk.

The slides are ``export.html_page.page_parts`` of the deck, notes never
included: the same rendering as ``tui-slides export --html`` and the PDF's
source, each piece of a slide with reveal steps marked with the step it appears
at (``data-step``). ``LIVE_SCRIPT`` is the page's only script; the server's
Content-Security-Policy allows it by its hash and nothing else, so no deck
text can ever run. The script opens a WebSocket, shows the presenter's slide
at the presenter's step (or black while the screen is blanked), reconnects by
itself with backoff (until the server, back, refuses the page's own address: the
talk restarted with a new access code, and the page says so), and lets the
viewer browse (arrow keys) and follow again (``f``, Escape, the button).
Browsing shows the slides before the presenter's complete, the presenter's at
its step, and those after it at their first step: nothing the presenter has not
revealed. It reads only numbers and booleans from the server's messages (and
only the status of its own address).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_slides.deck.steps import MAX_DOTS
from tui_slides.export.html_page import page_parts

if TYPE_CHECKING:
    from tui_slides.deck.model import Deck

PROTOCOL_VERSION = 1
"""The ``v`` of every message the server sends; the script ignores any other."""

LIVE_STYLE = """
html{scroll-snap-type:none}
main>section.slide{display:none}
main>section.slide.current{display:flex;min-height:100vh;padding-bottom:calc(6vh + 2.4em)}
html.blanked,html.blanked body{background:#000}
html.blanked main{visibility:hidden}
main>section.slide .later{visibility:hidden}
#live-bar{position:fixed;left:0;right:0;bottom:0;display:flex;gap:1em;align-items:center;
 padding:.3em 1em;font:14px/1.4 system-ui,sans-serif;background:#111d;color:#eee;z-index:1}
#live-status{flex:1}
#live-follow{font:inherit;padding:.1em .8em;border-radius:4px;border:1px solid #888;
 background:#333;color:#eee;cursor:pointer}
@media print{#live-bar{display:none}main>section.slide{display:flex}
 main>section.slide .later{visibility:visible}}
"""
"""What the live page adds to the export's style: one slide at a time, a status bar, blank."""

LIVE_SCRIPT = """
(function () {
  "use strict";
  var slides = document.querySelectorAll("main > section.slide");
  var total = slides.length;
  var deck = document.querySelector('meta[name="tui-slides-deck"]').content;
  var status = document.getElementById("live-status");
  var button = document.getElementById("live-follow");
  var GONE = "this link no longer works: the presenter restarted the talk. "
    + "Ask the presenter for the new link.";
  var presenter = 0, step = Infinity, blank = false, following = true, shown = -1;
  var connected = false, known = false, reloading = false, gone = false;
  var delay = 500, socket = null;

  function clamp(index) { return Math.max(0, Math.min(total - 1, index)); }
  function show(index) {
    index = clamp(index);
    if (index === shown) { return; }
    if (shown >= 0) { slides[shown].classList.remove("current"); }
    shown = index;
    if (total) { slides[shown].classList.add("current"); window.scrollTo(0, 0); }
  }
  function reveal(index) {
    // The presenter's step on its slide; the slides before it complete, those after it
    // at their first step: a browsing viewer sees nothing the presenter has not shown.
    if (!total) { return; }
    var at = index < presenter ? Infinity : index === presenter ? step : 0;
    var pieces = slides[index].querySelectorAll("[data-step]");
    for (var n = 0; n < pieces.length; n++) {
      var from = parseInt(pieces[n].getAttribute("data-step"), 10);
      pieces[n].classList.toggle("later", !(from <= at));
    }
  }
  function dots(index) {
    // The step dots of the presenter's status bar (deck/steps.py step_label): 2 / 3 \u25cf\u25cb
    if (!total || index < 0) { return ""; }
    var pieces = slides[index].querySelectorAll("[data-step]"), last = 0;
    for (var n = 0; n < pieces.length; n++) {
      last = Math.max(last, parseInt(pieces[n].getAttribute("data-step"), 10) || 0);
    }
    if (!last) { return ""; }
    var at = Math.min(last, index < presenter ? last : index === presenter ? step : 0);
    if (last + 1 > %(max_dots)d) { return " \u00b7" + (at + 1) + "/" + (last + 1); }
    return " " + "\u25cf".repeat(at + 1) + "\u25cb".repeat(last - at);
  }
  function render() {
    if (reloading) { return; }
    if (following) { show(presenter); }
    if (shown >= 0) { reveal(shown); }
    document.documentElement.classList.toggle("blanked", blank);  // for browsers too, as SSH
    var one = total ? 1 : 0;  // positions are 1-based; an empty deck is at 0 / 0
    var at = (presenter + one) + " / " + total + dots(presenter) + (blank ? " (blank)" : "");
    var text = following ? "following " + at
      : "browsing " + (shown + one) + " / " + total + dots(shown) + ", presenter at "
        + (presenter + one) + (blank ? " (blank)" : "");
    if (!known) { text = following ? "connecting\\u2026" : text; }
    if (gone) { text = (following ? "" : text + " \\u2014 ") + GONE; }  // the last slide stays
    else if (!connected && known) { text += " \\u2014 offline, reconnecting\\u2026"; }
    status.textContent = text;
    button.textContent = following ? "Browse" : "Follow";
    document.documentElement.setAttribute("data-mode", following ? "follow" : "browse");
  }
  function browse(index) {  // not while blanked: the move would go unseen
    if (blank) { return; }
    following = false; show(index); render();
  }
  function follow() { following = true; render(); }

  function receive(event) {
    var message;
    try { message = JSON.parse(event.data); } catch (error) { return; }
    if (!message || message.v !== %(version)d || message.type !== "state") { return; }
    if (typeof message.deck === "string" && message.deck !== deck) {
      // The deck was reloaded: its new slides are a new page. A room's reloads are
      // spread over a second; meanwhile this page's slides are not the presenter's.
      reloading = true;
      status.textContent = "the presenter reloaded the deck: loading it\u2026";
      window.setTimeout(function () { location.reload(); }, Math.random() * 1000);
    }
    if (reloading) { return; }
    if (typeof message.index === "number" && isFinite(message.index)) {
      presenter = clamp(Math.floor(message.index));
    }
    step = typeof message.step === "number" && isFinite(message.step)
      ? Math.max(0, Math.floor(message.step)) : Infinity;
    blank = message.blank === true;
    known = true;
    render();
  }
  function connect() {
    var url = new URL("ws" + location.search, location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.hash = "";
    var opened = false;
    try { socket = new WebSocket(url.href); } catch (error) { retry(); return; }
    socket.onopen = function () { opened = connected = true; delay = 500; render(); };
    socket.onmessage = receive;
    socket.onclose = function () {
      socket = null; connected = false; render();
      if (opened) { retry(); } else { check(); }
    };
  }
  function check() {
    // Refused before it opened: the server is down (retry), or up and refusing this page's
    // address (403, 404: the presenter restarted, with a new access code). A browser never
    // says why a WebSocket failed, so the page's own address is asked, without its body.
    if (!window.fetch) { retry(); return; }
    var page = new URL(location.href);
    page.hash = "";
    fetch(page.href, {method: "HEAD", cache: "no-store"}).then(function (response) {
      if (response.status === 403 || response.status === 404) { gone = true; render(); }
      else { retry(); }  // the page is there: a full room (503) or a passing fault
    }, retry);  // no answer: the server is still down
  }
  function retry() {
    var wait = delay * (0.5 + Math.random() / 2);  // spread a room's reconnections
    delay = Math.min(delay * 2, 15000);
    window.setTimeout(connect, wait);
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var step = {ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
                ArrowLeft: -1, ArrowUp: -1, PageUp: -1}[event.key];
    if (event.key === " " && event.shiftKey) { step = -1; }
    if (event.key === "f" || event.key === "Escape") { follow(); }
    else if (event.key === "Home") { browse(0); }
    else if (event.key === "End") { browse(total - 1); }
    else if (step) { browse(shown + step); }
    else { return; }
    event.preventDefault();
  });
  button.addEventListener("click", function () {
    if (following) { browse(shown); } else { follow(); }
  });
  render();
  connect();
})();
""" % {"version": PROTOCOL_VERSION, "max_dots": MAX_DOTS}  # max_dots: deck/steps.py's rule
"""The live page's only script (the export's paging script is not on this page)."""

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(LIVE_SCRIPT.encode()).digest()).decode()
"""``LIVE_SCRIPT``'s hash, as the Content-Security-Policy names it."""

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"script-src '{SCRIPT_HASH}'; "
    "style-src 'unsafe-inline'; "  # the page's style element and list markers' widths
    "img-src data:; "
    "connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""Only ``LIVE_SCRIPT`` runs; images only from ``data:`` URIs; the WebSocket back to us only."""

_HOST = re.compile(r"(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}|\[[0-9A-Fa-f:.]{2,45}\]")
_PORT = re.compile(r"[0-9]{1,5}")


def content_security_policy(host: str) -> str:
    """``CONTENT_SECURITY_POLICY`` for a page asked for as ``host`` (the ``Host`` header).

    A well-formed host also names its own ``ws:`` and ``wss:`` in ``connect-src``,
    for browsers that do not take ``'self'`` to cover WebSockets (older Safari);
    anything else in the header is ignored.
    """
    name, colon, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
    if not name or "]" in port:
        name, colon, port = host, "", ""
    if colon and not port:  # "name:" says no port: not a host a browser sends
        return CONTENT_SECURITY_POLICY
    if not _HOST.fullmatch(name) or (port and not _PORT.fullmatch(port)):
        return CONTENT_SECURITY_POLICY
    origin = f"{name}:{port}" if port else name
    return CONTENT_SECURITY_POLICY.replace(
        "connect-src 'self'", f"connect-src 'self' ws://{origin} wss://{origin}"
    )


BAR = (
    '<nav id="live-bar" aria-label="talk"><span id="live-status" role="status"'
    ' aria-live="polite">connecting\u2026</span>'
    '<button id="live-follow" type="button">Browse</button></nav>'
)
"""The status line and the follow/browse button."""


@dataclass(frozen=True)
class LivePage:
    """The live page of one version of the deck, rendered once for every viewer."""

    deck_id: str
    """Names this rendering: a page whose id differs from the server's reloads itself."""
    html: bytes
    """The page, UTF-8."""
    gzipped: bytes
    """The same, gzip-compressed, for browsers that accept it (a large deck, a large room)."""
    total: int
    """How many slides the page has."""


def live_page(deck: Deck, *, theme: str | None = None, out_dir: str = ".") -> LivePage:
    """Render ``deck`` as the live page (no notes); ``theme`` wins as in the export."""
    parts = page_parts(deck, theme=theme, notes=False, out_dir=out_dir, steps=True)
    digest = hashlib.sha256()
    for piece in (parts.style, parts.body_class, parts.sections):
        digest.update(piece.encode("utf-8"))
        digest.update(b"\0")
    deck_id = digest.hexdigest()[:16]
    page = (
        '<!DOCTYPE html>\n<html lang="und" data-mode="follow"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="tui-slides">'
        f'<meta name="tui-slides-deck" content="{deck_id}">'
        f"<title>{parts.title}</title><style>{parts.style}{LIVE_STYLE}</style></head>"
        f'<body class="{parts.body_class} live"><main>{parts.sections}</main>{BAR}'
        f"<script>{LIVE_SCRIPT}</script></body></html>\n"
    )
    html = page.encode("utf-8")
    return LivePage(deck_id, html, gzip.compress(html, 6, mtime=0), len(deck.slides))


def state_message(deck_id: str, index: int, total: int, blank: bool, step: int = 0) -> str:
    """The one message viewers get: which slide the presenter shows, at which reveal step
    (0-based), and whether blanked."""
    message = {
        "v": PROTOCOL_VERSION,
        "type": "state",
        "deck": deck_id,
        "index": index,
        "step": step,
        "total": total,
        "blank": blank,
    }
    return json.dumps(message, separators=(",", ":"))
