"""A request to stop (SIGTERM: ``kill``, a scheduler, systemd stopping a job) ends a command as Ctrl-C does: one
readable line, exit 130, and no git process left running after it. Before, the process died silently with 143
and a ``git fetch`` went on without it. (During an interview it keeps the draft: ``tests/test_hangup.py``.)"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import Book, test_environ
from tests.team_helpers import git

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs SIGTERM and fork")]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead, only not yet reaped by whoever adopted it
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


def _wait_for(path: Path, seconds: float = 30) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if path.exists() and path.read_text().strip().count(" ") == 1:
            return path.read_text()
        time.sleep(0.05)
    raise AssertionError(f"{path} never appeared")


@contextlib.contextmanager
def hanging_sync(book: Book, tmp_path: Path, *options: str) -> Iterator[tuple[subprocess.Popen[str], int, int]]:
    """``bapascase [OPTIONS] sync`` waiting in ``git fetch`` on an ssh host that never answers (the ssh command
    sleeps): ``(the process, the ssh stand-in's pid, its parent git's pid)``, everything ended afterwards."""
    pids = tmp_path / "ssh.pids"
    ssh = tmp_path / "slow-ssh"
    ssh.write_text(f"#!/bin/sh\necho \"$$ $PPID\" > '{pids}'\nexec sleep 60\n", encoding="utf-8")
    ssh.chmod(0o755)
    git(book.root, "remote", "add", "origin", "ssh://bapas.example/kantor.git")
    env = test_environ({"GIT_SSH_COMMAND": str(ssh), "GIT_SSH_VARIANT": "ssh"})
    proc = subprocess.Popen([sys.executable, "-m", "bapascase", *options, "-C", str(book.root), "sync"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sleeper = 0
    try:
        sleeper, git_pid = (int(p) for p in _wait_for(pids).split())
        yield proc, sleeper, git_pid
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        if sleeper:
            with contextlib.suppress(ProcessLookupError):
                os.kill(sleeper, signal.SIGKILL)


def test_sigterm_during_a_hanging_fetch_is_one_line_and_ends_git(book: Book, tmp_path: Path) -> None:
    with hanging_sync(book, tmp_path) as (proc, sleeper, git_pid):
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, (proc.returncode, err)
        assert err.splitlines() == ["Dibatalkan."], err
        assert "Traceback" not in out + err
        deadline = time.monotonic() + 5
        while _alive(git_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(git_pid), "git fetch still runs after bapascase ended"
        while _alive(sleeper) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(sleeper), "git's ssh still runs after bapascase ended"
        # git was asked to stop, not killed: it removed its lock files
        assert not list((book.root / ".git").rglob("*.lock")), list((book.root / ".git").rglob("*.lock"))


def test_sigterm_in_english(book: Book, tmp_path: Path) -> None:
    """The line is in the user's language."""
    with hanging_sync(book, tmp_path, "--lang", "en") as (proc, _sleeper, _git_pid):
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 130
        assert err.splitlines() == ["Cancelled."], err


def test_the_handler_is_put_back_after_a_command(book: Book) -> None:
    """A program that calls ``run()`` (a test runner, a script) keeps its own SIGTERM handler afterwards."""
    from bapascase.cli.main import run

    def mine(signum: int, frame: object) -> None:
        return None

    before = signal.signal(signal.SIGTERM, mine)
    try:
        with pytest.raises(SystemExit):
            run(["-C", str(book.root), "list"])
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, before)
