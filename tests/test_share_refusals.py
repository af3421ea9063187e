"""What an audience's SSH connection may not do: each refusal with a real client.

Exec, SFTP, forwarding both ways, agent forwarding, a session without a pty,
wrong codes (per connection and per address), one viewer too many, and a
viewer that stops reading while the others keep up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import subprocess
from pathlib import Path

import asyncssh
import pytest
from share_support import (
    CODE,
    WAIT,
    Received,
    asyncssh_viewer,
    client_env,
    needs_ssh,
    run,
    serving,
    ssh_args,
    stop,
    terminal,
    until,
)

from tui_slides.share.auth import ATTEMPTS_PER_CONNECTION, FAILURES_PER_ADDRESS
from tui_slides.share.viewer import FULL, NO_PTY


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@needs_ssh
async def test_a_command_is_refused_and_told_how_to_join(tmp_path: Path) -> None:
    """Nothing runs; OpenSSH's bare "exec request failed" becomes the way in."""
    async with serving(tmp_path, auth="none") as server:
        status, out = await run(ssh_args(server.address[1], command=["echo", "ran"]))
        with_pty = await run(ssh_args(server.address[1], "-tt", command=["id"]))
        join = server.command
    assert status == with_pty[0] == 1
    assert "ran" not in out and "uid=" not in with_pty[1]
    for said in (out, with_pty[1]):
        assert f"tui-slides: this talk runs no commands; join it with: {join}" in said
    assert join.startswith("ssh -C -p ")
    assert server.refusals == ["exec", "exec"] and not server.viewers


@needs_ssh
async def test_sftp_is_refused(tmp_path: Path) -> None:
    async with serving(tmp_path, auth="none") as server:
        argv = ["sftp", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no"]
        argv += ["-o", "UserKnownHostsFile=/dev/null", "-P", str(server.address[1])]
        status, out = await run([*argv, "-b", "-", "audience@127.0.0.1"], stdin=b"ls\n")
    assert status != 0
    assert "subsystem request failed" in out
    assert server.refusals == ["subsystem"]


@needs_ssh
async def test_local_forwarding_is_refused(tmp_path: Path) -> None:
    target = socket.create_server(("127.0.0.1", 0))  # something -L could have reached
    with target:
        async with serving(tmp_path, auth="none") as server:
            port = free_port()
            forward = f"{port}:127.0.0.1:{target.getsockname()[1]}"
            argv = ssh_args(server.address[1], "-N", "-L", forward)
            ssh = subprocess.Popen(argv, env=client_env(), stdin=subprocess.DEVNULL)
            try:
                reader = writer = None
                loop = asyncio.get_running_loop()
                deadline = loop.time() + WAIT
                while reader is None:  # until ssh listens on the forwarded port
                    try:
                        reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    except OSError:
                        assert loop.time() < deadline, "ssh never listened for -L"
                        await asyncio.sleep(0.05)
                assert await asyncio.wait_for(reader.read(), WAIT) == b""  # closed: refused
                writer.close()
                await until(lambda: "forwarding" in server.refusals, "the refusal")
            finally:
                await stop(ssh)
            # The same, precisely, from asyncssh's client:
            conn, _chan, _session = await asyncssh_viewer(server.address[1])
            async with conn:
                with pytest.raises(asyncssh.ChannelOpenError):
                    await conn.open_connection("127.0.0.1", target.getsockname()[1])


@needs_ssh
async def test_remote_forwarding_is_refused(tmp_path: Path) -> None:
    async with serving(tmp_path, auth="none") as server:
        extra = ("-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9")
        status, out = await run(ssh_args(server.address[1], *extra))
        assert status != 0
        assert "remote port forwarding failed" in out
        assert server.refusals == ["remote forwarding"]
        conn, _chan, _session = await asyncssh_viewer(server.address[1])
        async with conn:
            with pytest.raises(asyncssh.ChannelListenError):
                await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 9)


@needs_ssh
async def test_agent_forwarding_is_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    agent_sock = tmp_path / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(agent_sock)], stdout=subprocess.DEVNULL)
    try:
        await until(agent_sock.exists, "ssh-agent to listen")
        caplog.set_level(logging.INFO, logger="asyncssh")
        async with serving(tmp_path, auth="none") as server:
            env = client_env(SSH_AUTH_SOCK=str(agent_sock))
            async with terminal(ssh_args(server.address[1], "-t", "-A"), env=env) as term:
                await term.shows("1 / 12")
                await until(lambda: "Agent forwarding request denied" in caplog.text, "the refusal")
                assert all(door.conn.get_agent_path() is None for door in server.doors.doors)
                term.type(b"q")
                assert await term.exits() == 0
    finally:
        await stop(agent)


@needs_ssh
async def test_a_session_without_a_pty_is_told_and_closed(tmp_path: Path) -> None:
    async with serving(tmp_path, auth="none") as server:
        status, out = await run(ssh_args(server.address[1], "-T"))
        join = server.command
    assert status == 1
    assert out == NO_PTY.format(join) and join in out
    assert server.refusals == ["no pty"]
    assert not server.viewers


@needs_ssh
async def test_a_wrong_code_is_refused_three_times_then_the_connection_closes(
    tmp_path: Path,
) -> None:
    async with serving(tmp_path) as server:
        argv = ssh_args(server.address[1], "-t", "-o", "PubkeyAuthentication=no")
        async with terminal(argv) as term:
            for attempt in range(ATTEMPTS_PER_CONNECTION):
                await until(
                    lambda n=attempt: term.raw.count(b"Access code:") > n, f"prompt {attempt}"
                )
                term.type(b"wrong-code\r")
            await until(lambda: not server.doors.doors, "the server to close the connection")
            term.type(b"\r")  # OpenSSH notices once it stops reading its next prompt
            assert await term.exits() != 0
            assert b"1 / 12" not in term.raw
        assert server.refusals.count("auth") == ATTEMPTS_PER_CONNECTION
        assert not server.viewers


async def test_an_address_with_too_many_failures_is_refused_even_with_the_code(
    tmp_path: Path,
) -> None:
    async with serving(tmp_path) as server:
        port = server.address[1]
        for _ in range(FAILURES_PER_ADDRESS):
            with contextlib.suppress(asyncssh.Error, OSError):
                conn, _chan, _session = await asyncssh_viewer(port, password="wrong")
                conn.close()
            if server.refusals.count("auth") >= FAILURES_PER_ADDRESS:
                break
        assert server.refusals.count("auth") >= FAILURES_PER_ADDRESS
        with pytest.raises((asyncssh.Error, OSError)):
            await asyncssh_viewer(port, password=CODE)
        assert "address" in server.refusals


@needs_ssh
async def test_one_viewer_too_many_is_told_the_talk_is_full(tmp_path: Path) -> None:
    async with serving(tmp_path, auth="none", max_viewers=1) as server:
        async with terminal(ssh_args(server.address[1], "-t")) as first:
            await first.shows("1 / 12")
            async with terminal(ssh_args(server.address[1], "-t")) as second:
                assert await second.exits() == 1
                assert FULL.format(1).strip() in second.text
            assert len(server.viewers) == 1
            assert server.refusals == ["full"]


async def test_a_stalled_viewer_is_dropped_while_the_others_keep_up(tmp_path: Path) -> None:
    async with serving(tmp_path, auth="none", stall_timeout=1.0) as server:
        port = server.address[1]
        conn, chan, _stalled = await asyncssh_viewer(port, window=8192)
        conn2, _chan2, steady = await asyncssh_viewer(port)
        await until(lambda: len(server.viewers) == 2, "two viewers")
        chan.pause_reading()  # it reads nothing more: its window closes, the server's buffer fills
        presentation = server.presentation
        loop = asyncio.get_running_loop()
        worst = 0.0
        for change in range(200):
            presentation.go_to(change % presentation.total)
            wanted = f"{presentation.position} / {presentation.total}"
            started = loop.time()
            await until(lambda w=wanted: steady.status().endswith(w), f"change {change}")
            worst = max(worst, loop.time() - started)
            if "stalled" in server.refusals:
                break
        await until(lambda: "stalled" in server.refusals, "the stalled viewer dropped", 5.0)
        await asyncio.wait_for(conn.wait_closed(), WAIT)  # its connection was dropped
        assert len(server.viewers) == 1
        assert worst < 1.0  # never held up by the stalled one (a bound, not a benchmark)
        conn.close()
        conn2.close()


@needs_ssh
async def test_a_key_not_authorized_is_refused(tmp_path: Path) -> None:
    keys = []
    for name in ("allowed", "other"):
        key = tmp_path / name
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True, timeout=30
        )
        keys.append(key)
    authorized = tmp_path / "authorized_keys"
    authorized.write_text(keys[0].with_suffix(".pub").read_text())
    async with serving(tmp_path, auth="keys", keys=authorized) as server:
        extra = ("-i", str(keys[1]), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes")
        status, out = await run(ssh_args(server.address[1], *extra))
    assert status == 255
    assert "Permission denied (publickey)" in out
    assert not server.viewers


async def test_a_connection_that_does_not_log_in_is_closed(tmp_path: Path) -> None:
    async with serving(tmp_path, login_timeout=0.5) as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.address[1])
        banner = await asyncio.wait_for(reader.readline(), WAIT)
        assert banner.startswith(b"SSH-2.0-tui-slides")
        loop = asyncio.get_running_loop()
        started = loop.time()
        while await asyncio.wait_for(reader.read(4096), WAIT):
            pass  # the server's key exchange offer; then it closes
        assert loop.time() - started < 5
        writer.close()


async def test_x11_forwarding_is_refused(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="asyncssh")
    async with serving(tmp_path, auth="none") as server:
        conn = await asyncssh.connect(
            "127.0.0.1", server.address[1], username="audience", known_hosts=None,
            client_keys=None, agent_path=None, config=None,
        )  # fmt: skip
        async with conn:
            _chan, session = await conn.create_session(
                lambda: Received((80, 24)), term_type="xterm", term_size=(80, 24), encoding=None,
                x11_forwarding="ignore_failure", x11_display="localhost:99",
            )  # fmt: skip
            await until(lambda: "X11 forwarding request denied" in caplog.text, "the refusal")
            await until(lambda: session.status().endswith("1 / 12"), "the talk, still shown")


async def test_a_slow_viewer_catches_up_with_the_latest_screen_only(tmp_path: Path) -> None:
    async with serving(tmp_path, auth="none", stall_timeout=30.0) as server:
        port = server.address[1]
        conn, chan, slow = await asyncssh_viewer(port, window=8192)
        conn2, _chan2, steady = await asyncssh_viewer(port)
        await until(lambda: len(server.viewers) == 2, "two viewers")
        await until(lambda: slow.status().endswith("1 / 12"), "the first slide")
        chan.pause_reading()
        presentation = server.presentation
        for change in range(1, 120):
            presentation.go_to(change % presentation.total)
            wanted = f"{presentation.position} / {presentation.total}"
            await until(lambda w=wanted: steady.status().endswith(w), f"change {change}")
        assert server.viewers[0].paused  # it was backed up: sent nothing more meanwhile
        chan.resume_reading()
        final = f"{presentation.position} / {presentation.total}"
        await until(lambda: slow.status().endswith(final), "the slow viewer caught up")
        assert len(slow.data) < len(steady.data) / 2  # the screens between were skipped
        conn.close()
        conn2.close()
