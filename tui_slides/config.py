"""The user's config file: the presenter's defaults, in TOML, in the platform's config folder.

``tui-slides --config-path`` prints where it is (``config.toml`` in platformdirs'
user config folder: ``$XDG_CONFIG_HOME/tui-slides`` on Linux). Every setting is
optional::

    theme = "nord"            # a Textual theme, when neither --theme nor the deck names one
    css = "~/talks/my.tcss"   # a Textual CSS file over the built-in styles (as --css)
    images = "cells"          # auto, cells or none, when --images is not given
    duration = "20m"          # the talk's planned length, when the deck has none
    advance = "10s"           # move on by itself, when --advance is not given
    loop = false              # start over after the last slide, as --loop

    [keys]                    # extra keys for actions; they win over the built-in keys
    next = ["b", "f5"]        # a clicker that sends b or F5
    previous = "pageup"       # one key may be a plain string

Who wins: the command line, then the deck's own fields (``theme``, ``duration``),
then this file, then the built-in defaults. A file that is not TOML is one
message with its line and column, and the built-in defaults apply; a setting
of the wrong type, an unknown setting, action or key is one message with its
line, and is ignored. The presenter always starts.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tui_slides.deck.model import shown

APP_NAME = "tui-slides"
FILE_NAME = "config.toml"

ACTIONS = (
    "next",
    "previous",
    "first",
    "last",
    "overview",
    "search",
    "next_match",
    "previous_match",
    "help",
    "blank",
    "reload",
    "video",
    "advance",
    "quit",
)
"""The presenter's actions ``[keys]`` may bind (``tui_slides.app.screens.slides.ACTIONS``)."""

NAMED_KEYS = frozenset(
    (
        "up", "down", "left", "right", "home", "end", "pageup", "pagedown", "insert",
        "delete", "backspace", "tab", "enter", "escape", "space",
        *(f"f{n}" for n in range(1, 25)),
    )
)  # fmt: skip
"""Key names besides single characters, as Textual names them; ``ctrl+``/``shift+`` may precede."""

IMAGE_MODES = ("auto", "cells", "none")
SETTINGS = ("theme", "css", "images", "duration", "advance", "loop", "keys")

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
"""Where ``tomllib`` says an error is, in its message (3.11-3.13 have no attributes for it)."""
_KEY_NAME = re.compile(r"(?:(?:ctrl|shift)\+)*(?P<base>.+)")

Warn = Callable[[str], None]
"""Where the file's messages go (standard error, one line each)."""


@dataclass(frozen=True)
class Config:
    """What the config file says; None (or empty) for what it leaves to the defaults."""

    theme: str | None = None
    css: str | None = None
    """The CSS file, ``~`` expanded; relative paths are relative to the config folder."""
    images: str | None = None
    duration: float | None = None
    """The talk's planned length in seconds."""
    advance: float | None = None
    """Seconds between automatic moves."""
    loop: bool | None = None
    keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Extra keys by action name (``ACTIONS``)."""


def config_path() -> Path:
    """Where the config file is read from (it need not exist): platformdirs' config folder.

    On Linux that is the XDG rule, ``$XDG_CONFIG_HOME`` (if absolute) else
    ``~/.config``, worked out here: importing platformdirs imports tempfile and
    shutil with the compression modules, 3.4 ms of every presenter start (2.3% of
    its CPU time to the first paint, ``benchmarks/app_paint.py``). A test holds
    the two to the same answer. Elsewhere platformdirs says.
    """
    if sys.platform.startswith("linux"):
        home = Path(os.environ.get("XDG_CONFIG_HOME", "").strip() or ".")
        base = home if home.is_absolute() else Path.home() / ".config"
        return base / APP_NAME / FILE_NAME
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / FILE_NAME


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def load_config(path: Path | None = None, *, warn: Warn = _stderr) -> Config:
    """The config file at ``path`` (default ``config_path()``); ``Config()`` when there is none.

    Never raises for what the file holds: every problem is told to ``warn``.
    """
    path = config_path() if path is None else path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        warn(f"{shown(str(path))}: error: {error.strerror or error}; using the built-in defaults")
        return Config()
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 has the backport
        import tomli as tomllib
    text = data.decode("utf-8", "replace")
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _TOML_POSITION.search(message)
        if found:
            where = f"{found.group(1)}:{found.group(2)}:"
        else:  # "(at end of document)": the place after the last character
            line, last = text.count("\n") + 1, text.rsplit("\n", 1)[-1]
            where = f"{line}:{len(last) + 1}:"
        reason = _TOML_POSITION.sub("", message).replace("(at end of document)", "").strip()
        warn(f"{shown(str(path))}:{where} error: {shown(reason)}; using the built-in defaults")
        return Config()
    return _Reader(path, text, warn).read(values)


class _Reader:
    """Reads the parsed values into a ``Config``, telling ``warn`` what it ignores."""

    def __init__(self, path: Path, text: str, warn: Warn) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.warn = warn
        self.found: list[tuple[int, str]] = []
        """What is ignored, by line: told to ``warn`` in the file's order once all is read."""

    def line_of(self, key: str, table: str = "") -> int:
        """The line where ``key`` is set (in ``[table]``); 1 when it cannot be told."""
        current = ""
        setting = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                current = stripped.strip("[] \t")
            elif current == table and setting.match(line):
                return number
        return 1

    def ignore(self, key: str, why: str, table: str = "") -> None:
        line = self.line_of(key, table)
        self.found.append((line, f"{shown(str(self.path))}:{line}: warning: {why}; ignored"))

    def read(self, values: dict[str, object]) -> Config:
        """The ``Config`` of ``values``; what it ignores told to ``warn``, top to bottom."""
        config = self._read(values)
        for _line, message in sorted(self.found, key=lambda found: found[0]):
            self.warn(message)
        return config

    def _read(self, values: dict[str, object]) -> Config:
        for key in values:
            if key not in SETTINGS:
                known = ", ".join(SETTINGS)
                self.ignore(key, f"unknown setting '{shown(key)}' (the settings are {known})")
        images = self.string(values, "images")
        if images is not None and images not in IMAGE_MODES:
            self.ignore("images", f"'images' should be one of {', '.join(IMAGE_MODES)}")
            images = None
        css = self.string(values, "css")
        if css:
            css = str(self.path.parent / Path(css).expanduser())
        loop = values.get("loop")
        if loop is not None and not isinstance(loop, bool):
            self.ignore("loop", f"'loop' should be true or false, not {_kind(loop)}")
            loop = None
        return Config(
            theme=self.string(values, "theme") or None,
            css=css or None,
            images=images,
            duration=self.duration(values, "duration"),
            advance=self.duration(values, "advance"),
            loop=loop,
            keys=self.keys(values.get("keys")),
        )

    def string(self, values: Mapping[str, object], key: str) -> str | None:
        value = values.get(key)
        if value is None or isinstance(value, str):
            return value.strip() if value is not None else None
        self.ignore(key, f"'{key}' should be a string, not {_kind(value)}")
        return None

    def duration(self, values: Mapping[str, object], key: str) -> float | None:
        """``duration`` as a deck writes it (a bare number is minutes); ``advance`` as
        ``--advance`` takes it (a bare number is seconds). TOML's own numbers (``20``, not
        ``"20"``) are read as those bare numbers."""
        value = values.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values = {key: str(value)}
        text = self.string(values, key)
        if not text:
            return None
        from tui_slides.deck.duration import parse_duration
        from tui_slides.presenting.advance import TooLong, parse_interval

        try:
            seconds = float(parse_duration(text) if key == "duration" else parse_interval(text))
        except TooLong as error:
            self.ignore(key, f"'{key}' should be {error}")
            return None
        except ValueError:
            seconds = 0.0
        if seconds <= 0:
            self.ignore(key, f"'{key}' should be a duration like 10s, 1m30s or 20m")
            return None
        return seconds

    def keys(self, value: object) -> dict[str, tuple[str, ...]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.ignore("keys", f"'keys' should be a table ([keys]), not {_kind(value)}")
            return {}
        found: dict[str, tuple[str, ...]] = {}
        for action, names in value.items():
            if action not in ACTIONS:
                message = f"unknown action '{shown(action)}' (the actions are {', '.join(ACTIONS)})"
                self.ignore(action, message, "keys")
                continue
            listed = [names] if isinstance(names, str) else names
            if not isinstance(listed, list) or not all(isinstance(n, str) for n in listed):
                message = f"the keys of '{action}' should be a key or a list of keys"
                self.ignore(action, message, "keys")
                continue
            good = []
            for name in listed:
                key = _key_name(name)
                if key is None:
                    self.ignore(action, f"unknown key '{shown(name)}' for '{action}'", "keys")
                else:
                    good.append(key)
            if good:
                found[action] = tuple(good)
        return found


def _key_name(name: str) -> str | None:
    """``name`` as Textual names the key (``F5`` is ``f5``), or None when it is no key."""
    if len(name) == 1:
        return name if name.isprintable() and not name.isspace() else None
    lowered = name.strip().lower()
    match = _KEY_NAME.fullmatch(lowered)
    if match is None:
        return None
    base = match.group("base")
    return lowered if base in NAMED_KEYS or (len(base) == 1 and base.isalnum()) else None


def _kind(value: object) -> str:
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"  # what else TOML reads: dates, times and both
