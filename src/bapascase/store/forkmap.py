"""Bulk work over many cases shared among the machine's cores: a cold caseload index and a warm one's stamps,
``check`` of a casebook, an import's new cases and their index rows.

``fork_map(work, items)`` gives what ``work(items)`` gives, with the items cut into short runs of
consecutive items. This process and forked copies of it take the runs one at a time from a queue (a pipe of run
numbers), so a slower process simply takes fewer of them. Each copy keeps its results in a memory-only file
(``memfd``; a pipe where there is none) and ends; this process reads them after its own work and puts every
run back in order. Inputs are never sent: a forked copy already holds them. Results travel pickled between
two copies of the same process through a file no other process can open; a copy keeps each run as it finishes
it, so what is left to hand over when the queue is empty is one run.

Whatever goes wrong in a copy (an exception, a kill, a result cut short) costs only time: the runs it took are
worked again here, in order, so the results, and any error raised, are those of ``work(items)`` in one process.
This process, interrupted, kills its copies; killed outright, its copies stop at their next run.
Copies are made only where forking is safe and worth it: on Linux and the BSDs (macOS's system libraries may not
survive a fork), in a process with no other thread, with at least ``MIN_PER_COPY`` items for each process.
``BAPASCASE_JOBS`` sets the number of processes (``1``: this one only).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

JOBS_ENV = "BAPASCASE_JOBS"
MIN_PER_COPY = 500  # fewer items than this for each process, and a fork costs more than it saves
MAX_JOBS = 8
RUN = 100  # items in a run: a few tens of milliseconds of work, so the processes end close together
_TICKET = 2  # bytes of a run number in the queue (read whole: a pipe read this short is never split)
MAX_RUNS = 2048  # the whole queue is written at once, into an empty pipe: at most PIPE_BUF (4096) bytes


def jobs(count: int) -> int:
    """How many processes to share ``count`` items among (1: work them here). ``BAPASCASE_JOBS`` set to a number
    is taken as it is (at most one process for each item, at most ``MAX_JOBS``), else the cores this process may
    run on, one process for each ``MIN_PER_COPY`` items."""
    wanted = os.environ.get(JOBS_ENV, "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        n = min(int(wanted), MAX_JOBS, count)
    else:
        try:
            cores = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            cores = os.cpu_count() or 1
        n = min(cores, MAX_JOBS, count // MIN_PER_COPY)
    return n if n > 1 and _can_fork() else 1


def _can_fork() -> bool:
    import threading

    return (hasattr(os, "fork") and sys.platform != "darwin" and not sys.platform.startswith(("win", "cygwin"))
            and threading.active_count() == 1)


def runs(count: int, n: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the runs ``count`` items are cut into for ``n`` processes: about ``RUN`` items each,
    at least four for each process, at most ``MAX_RUNS``; none for no items (an empty ``cases/``)."""
    if count <= 0:
        return []
    k = min(max(min(count, 4 * n), -(-count // RUN)), MAX_RUNS)
    size, extra = divmod(count, k)
    out, start = [], 0
    for i in range(k):
        end = start + size + (1 if i < extra else 0)
        out.append((start, end))
        start = end
    return out


def fork_map(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], n: int | None = None,
             progress: Callable[[int, int], None] | None = None,
             meanwhile: Callable[[], None] | None = None) -> list[R]:
    """``work(items)``, shared among ``n`` processes (default ``jobs(len(items))``); results in the items' order.
    ``work`` must give one list for a run of items, the same whichever process works it. ``progress(done,
    total)`` is called here after each run this process works (``done``: the items up to the end of that run: the
    runs are taken in order) and once all are in.
    ``meanwhile()``: other work of this process, done while the copies begin on the runs (first, without copies)."""
    n = (jobs(len(items)) if len(items) > 1 else 1) if n is None else n
    if n <= 1 or len(items) < 2:
        if meanwhile is not None:
            meanwhile()
        if progress is None:
            return work(items)
        results = []
        for start, end in runs(len(items), 1):  # a run at a time, so that progress can be shown
            results.extend(work(items[start:end]))
            progress(end, len(items))
        return results
    spans = runs(len(items), n)
    queue_r, queue_w = os.pipe()
    try:
        os.write(queue_w, b"".join(i.to_bytes(_TICKET, "big") for i in range(len(spans))))
    finally:
        os.close(queue_w)
    children: list[tuple[int, int]] = []  # (pid, the file its results are kept in)
    done: dict[int, list[R]] = {}
    try:
        for _ in range(n - 1):
            try:
                children.append(_spawn(work, items, spans, queue_r))
            except OSError:  # no more processes to be had: fewer share the runs
                break
        if meanwhile is not None:
            meanwhile()
        for i in _tickets(queue_r):
            start, end = spans[i]
            try:
                done[i] = work(items[start:end])
            except Exception:  # worked again below, in order: the error is raised where one process raises it
                pass
            if progress is not None:
                progress(end, len(items))
        while children:
            pid, fd = children[0]
            status = _wait(pid)
            children.pop(0)
            for i, got in _results(fd, status):
                if 0 <= i < len(spans) and isinstance(got, list):
                    done.setdefault(i, got)
        out: list[R] = []
        for i, (start, end) in enumerate(spans):
            out.extend(done[i] if i in done else work(items[start:end]))  # a run a copy did not give back
        if progress is not None:
            progress(len(items), len(items))
        return out
    finally:
        with contextlib.suppress(OSError):
            os.close(queue_r)
        for pid, fd in children:  # those not collected (this process was interrupted, or work raised here)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(fd)


def _tickets(queue: int) -> Iterator[int]:
    """The run numbers this process takes from the queue, one at a time, until it is empty."""
    while True:
        try:
            ticket = os.read(queue, _TICKET)
        except InterruptedError:
            continue
        if len(ticket) != _TICKET:
            return
        yield int.from_bytes(ticket, "big")


def _store() -> int:
    """A file only this process and its copies can reach, in memory where the system allows."""
    if hasattr(os, "memfd_create"):
        with contextlib.suppress(OSError):
            return os.memfd_create("bapascase-results", os.MFD_CLOEXEC)
    import tempfile

    fd, path = tempfile.mkstemp(prefix="bapascase-results-")
    os.unlink(path)
    return fd


def _spawn(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], spans: list[tuple[int, int]],
           queue: int) -> tuple[int, int]:
    fd = _store()
    try:
        pid = os.fork()
    except OSError:
        os.close(fd)
        raise
    if pid == 0:  # the copy: work runs from the queue, keep the results, end without this process's exit code
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C reaches the whole group: the copy just ends
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # as does a stop sent to the group
            import pickle

            parent = os.getppid()
            for i in _tickets(queue):  # each run kept as it is done: only the last one is left to keep at the end
                if os.getppid() != parent:  # the parent is gone (killed): no one will read what is left
                    break
                data = memoryview(pickle.dumps((i, work(items[spans[i][0]:spans[i][1]])),
                                               protocol=pickle.HIGHEST_PROTOCOL))
                while data:
                    data = data[os.write(fd, data):]
            code = 0
        except BaseException:  # whatever it was, the runs it took are worked again by the parent
            pass
        finally:
            os._exit(code)
    return pid, fd


def _wait(pid: int) -> int:
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except InterruptedError:
            continue
        except ChildProcessError:
            return 1


def _results(fd: int, status: int) -> list[tuple[int, Any]]:
    """What a copy kept: ``(run number, results)`` of each run it took; nothing when it did not end cleanly (then
    the runs it took are worked again here)."""
    import io
    import pickle

    got: list[tuple[int, Any]] = []
    try:
        if status != 0:
            return []
        size = os.fstat(fd).st_size
        chunks, offset = [], 0
        while offset < size:
            chunk = os.pread(fd, min(size - offset, 1 << 24), offset)
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
        kept = io.BytesIO(b"".join(chunks))
        while kept.tell() < size:
            run = pickle.load(kept)
            if not (isinstance(run, tuple) and len(run) == 2 and isinstance(run[0], int)):
                return []
            got.append(run)
    except Exception:  # cut short or unreadable: its runs are worked again
        return []
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    return got
