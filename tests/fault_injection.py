"""Killing a command, or filling its disk, at every file operation it makes in a casebook.

``run_faulted(root, argv, mode, n)`` runs ``bapascase ARGV`` in a child process (forked from a fork server that
has bapascase and pydantic imported already, so each run costs tens of milliseconds, not a whole start-up) with
the file operations of the ``os`` module and of files opened through it counted when they touch ``root``:

- ``mode="kill"``: the process kills itself (SIGKILL: no cleanup, no ``finally``) just before its ``n``-th
  operation, as a power cut or ``kill -9`` would;
- ``mode="enospc"``: from its ``n``-th operation on, every write, sync, create, rename, link or folder made fails
  with ENOSPC, as on a full disk (a write first writes part of its data, as a real short write does); removing
  still works.

It returns the exit status (``-9`` when killed), the number of operations the command made, and what it printed.
Tests loop ``n`` from 1 until a run completes without reaching ``n``: every point of every write path is tried,
whatever the implementation of the store's writers (they are found by what they do, not by their names).
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import multiprocessing
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_CTX: Any = None


def _context() -> Any:
    global _CTX
    if _CTX is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["tests.fault_injection", "bapascase.cli.main", "bapascase.model.case",
                                    "bapascase.workflow.record", "bapascase.reports.render"])
        _CTX = ctx
    return _CTX


@dataclass
class Outcome:
    code: int  # exit status; -9 when killed
    ops: int  # operations made (when the run was not killed)
    stdout: str
    stderr: str

    @property
    def killed(self) -> bool:
        return self.code == -signal.SIGKILL


def run_faulted(root: Path, argv: list[str], mode: str, n: int, env: dict[str, str] | None = None,
                timeout: float = 60) -> Outcome:
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="bapascase-fault-"))  # never on the (maybe full) casebook's disk
    proc = _context().Process(target=_child, args=(str(root), argv, mode, n, env or {}, str(out)))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        raise AssertionError(f"{argv} hung (fault {mode} at {n})")
    report = out / "report.json"
    ops = json.loads(report.read_text())["ops"] if report.exists() else -1
    result = Outcome(proc.exitcode if proc.exitcode is not None else -1, ops,
                     (out / "stdout").read_text(errors="replace") if (out / "stdout").exists() else "",
                     (out / "stderr").read_text(errors="replace") if (out / "stderr").exists() else "")
    for f in out.iterdir():
        f.unlink()
    out.rmdir()
    return result


# -- the child --------------------------------------------------------------------------------------------------

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class _Faults:
    def __init__(self, root: str, mode: str, n: int) -> None:
        self.root = os.path.realpath(root)
        self.mode = mode
        self.n = n
        self.count = 0
        self.fds: set[int] = set()

    def under(self, path: Any) -> bool:
        if isinstance(path, int):
            return path in self.fds
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return False
        return real == self.root or real.startswith(self.root + os.sep)

    def op(self, writes: bool) -> None:
        """One operation on the casebook: kill before the n-th; fail the writing ones from the n-th on."""
        self.count += 1
        if self.mode == "kill" and self.count == self.n:
            sys.stdout.flush()
            sys.stderr.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        if self.mode == "enospc" and writes and self.count >= self.n:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _File(io.RawIOBase):
    """A binary file opened in the casebook: every write, flush and close is one operation."""

    def __init__(self, raw: Any, faults: _Faults) -> None:
        self._raw = raw
        self._faults = faults

    def write(self, data: Any) -> int:
        view = memoryview(data)
        try:
            self._faults.op(True)
        except OSError:
            if len(view) > 1:  # a short write first, as a full disk makes
                self._raw.write(view[: len(view) // 2])
            raise
        written: int = self._raw.write(view)
        return written

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._raw.read(size)
        return data

    def readinto(self, b: Any) -> int:
        got: int = self._raw.readinto(b)
        return got

    def flush(self) -> None:
        self._faults.op(True)

    def close(self) -> None:
        if self.closed:
            return
        try:
            self._faults.op(False)
        finally:
            self._raw.close()
            super().close()

    def fileno(self) -> int:
        fd: int = self._raw.fileno()
        return fd

    def readable(self) -> bool:
        return bool(self._raw.readable())

    def writable(self) -> bool:
        return bool(self._raw.writable())

    def seekable(self) -> bool:
        return bool(self._raw.seekable())

    def seek(self, offset: int, whence: int = 0) -> int:
        pos: int = self._raw.seek(offset, whence)
        return pos


def _install(faults: _Faults) -> None:
    real = {name: getattr(os, name) for name in ("open", "close", "write", "fsync", "replace", "rename", "link",
                                                   "mkdir", "rmdir", "unlink", "remove", "fdopen", "symlink")}
    real_open = builtins.open

    def os_open(path: Any, flags: int, mode: int = 0o777, *a: Any, **kw: Any) -> int:
        inside = faults.under(path)
        if inside:
            faults.op(bool(flags & _WRITE_FLAGS))
        fd: int = real["open"](path, flags, mode, *a, **kw)
        if inside:
            faults.fds.add(fd)
        return fd

    def os_close(fd: int) -> None:
        if fd in faults.fds:
            faults.fds.discard(fd)
            faults.op(False)
        real["close"](fd)

    def os_write(fd: int, data: Any) -> int:
        if fd in faults.fds:
            try:
                faults.op(True)
            except OSError:
                if len(data) > 1:
                    real["write"](fd, bytes(data)[: len(data) // 2])
                raise
        written: int = real["write"](fd, data)
        return written

    def os_fsync(fd: Any) -> None:
        if faults.under(fd if isinstance(fd, int) else fd.fileno()):
            faults.op(True)
        real["fsync"](fd)

    def two(name: str) -> Any:
        def fn(src: Any, dst: Any, *a: Any, **kw: Any) -> Any:
            if faults.under(dst) or faults.under(src):
                faults.op(True)
            return real[name](src, dst, *a, **kw)

        return fn

    def one(name: str, writes: bool) -> Any:
        def fn(path: Any, *a: Any, **kw: Any) -> Any:
            if faults.under(path):
                faults.op(writes)
            return real[name](path, *a, **kw)

        return fn

    def fdopen(fd: int, mode: str = "r", buffering: int = -1, *a: Any, **kw: Any) -> Any:
        if fd in faults.fds and "b" in mode and any(c in mode for c in "wax+"):
            faults.fds.discard(fd)  # closed through the file from now on
            return _File(real["fdopen"](fd, mode, 0), faults)
        return real["fdopen"](fd, mode, buffering, *a, **kw)

    def open_(file: Any, mode: str = "r", buffering: int = -1, *a: Any, **kw: Any) -> Any:
        if not isinstance(file, int) and any(c in mode for c in "wax+") and faults.under(file):
            faults.op(True)
            if "b" in mode:
                return _File(real_open(file, mode, 0), faults)
        return real_open(file, mode, buffering, *a, **kw)

    os.open = os_open
    os.close = os_close
    os.write = os_write
    os.fsync = os_fsync
    os.replace = two("replace")
    os.rename = two("rename")
    os.link = two("link")
    os.symlink = two("symlink")
    os.mkdir = one("mkdir", True)
    os.rmdir = one("rmdir", False)
    os.unlink = one("unlink", False)
    os.remove = one("remove", False)
    os.fdopen = fdopen
    builtins.open = open_
    io.open = open_


def _child(root: str, argv: list[str], mode: str, n: int, env: dict[str, str], out: str) -> None:
    for fd, name in ((1, "stdout"), (2, "stderr")):
        target = os.open(os.path.join(out, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
    os.environ.update(env)
    faults = _Faults(root, mode, n)
    _install(faults)
    code = 0
    try:
        from bapascase.cli.main import run

        run(["-C", root, *argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 99
    sys.stdout.flush()
    sys.stderr.flush()
    with io.FileIO(os.path.join(out, "report.json"), "w") as fh:
        fh.write(json.dumps({"ops": faults.count}).encode())
    os._exit(code)
