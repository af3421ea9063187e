"""``--ssh`` and ``--http`` and their options (the servers: ``tui_slides.share``, ``web``)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING

from tui_slides.commands import option_types
from tui_slides.commands.common import usage_error

if TYPE_CHECKING:
    from tui_slides.share.options import ShareOptions
    from tui_slides.web.options import WebOptions


def add_ssh_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """``--ssh [HOST:]PORT``, ``--ssh-auth``, ``--ssh-keys``, ``--ssh-max-viewers``."""
    parser.add_argument(
        "--ssh",
        metavar="[HOST:]PORT",
        required=required,
        help="serve the talk to audiences over SSH on [HOST:]PORT (HOST: 127.0.0.1 unless given)",
    )
    parser.add_argument(
        "--ssh-auth",
        choices=("code", "keys", "none"),
        default="code",
        help="how audiences log in: a new random access code (default), keys, or none",
    )
    parser.add_argument(
        "--ssh-keys", metavar="FILE", help="the audience's public keys, for --ssh-auth keys"
    )
    parser.add_argument(
        "--ssh-max-viewers",
        type=option_types.viewers,  # as --http-max-viewers: one rule, one wording
        metavar="N",
        help="audience terminals at most (default 500)",
    )


def ssh_options(args: argparse.Namespace, code: str = "") -> ShareOptions | int | None:
    """``--ssh ...`` as ``ShareOptions`` with the port bound, None without ``--ssh``, or the
    exit status after a usage error. ``code``: the access code (""; a new one)."""
    if args.ssh is None:
        if args.ssh_keys or args.ssh_max_viewers is not None or args.ssh_auth != "code":
            return usage_error("--ssh-auth, --ssh-keys and --ssh-max-viewers go with --ssh")
        return None
    from tui_slides.share.command import prepare

    try:
        options = prepare(
            args.ssh, auth=args.ssh_auth, keys=args.ssh_keys, max_viewers=args.ssh_max_viewers
        )
    except ValueError as error:
        return usage_error(str(error))
    return replace(options, code=code) if code else options


def access_code(args: argparse.Namespace) -> str:
    """The talk's one access code, for browsers and SSH audiences alike ("" when not shared)."""
    if args.http is None and args.ssh is None:
        return ""
    from tui_slides.share.auth import new_code  # only then: it imports hashing

    return new_code()


def browser_options(args: argparse.Namespace, code: str) -> WebOptions | int | None:
    """``--http ...`` as ``WebOptions`` with the port bound; None without ``--http``."""
    if args.http is None:
        if args.http_auth != "code" or args.http_max_viewers is not None:
            return usage_error("--http-auth and --http-max-viewers go with --http")
        return None
    from tui_slides.web.options import prepare

    try:
        return prepare(args.http, auth=args.http_auth, code=code, max_viewers=args.http_max_viewers)
    except ValueError as error:
        return usage_error(str(error))
