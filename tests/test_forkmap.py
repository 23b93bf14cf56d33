"""Issue 15: bulk work shared among the cores (``store.forkmap``) gives exactly what one process gives.

The sharing itself runs in a fresh Python (a subprocess): it forks, and a test worker of pytest-xdist may hold
threads of its own. Each script prints its findings as JSON. The commands are run cold (no index, no stamps) with
one process and with several, on the demo casebook and a few hundred generated cases, and must print the same
and keep the same index rows and stamps.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import index
from bapascase.store.forkmap import MAX_RUNS, runs
from tests.helpers import test_environ
from tests.stage_helpers import demo_book

pytestmark = pytest.mark.git(False)

ROOT = Path(__file__).resolve().parent.parent


def _script(body: str, env: dict[str, str] | None = None) -> Any:
    """Run ``body`` in a fresh Python, with ``forkmap``, ``PARENT`` (its pid) and ``copies_left()`` (whether any
    child process is left) in reach; return what it prints (JSON)."""
    code = textwrap.dedent("""
        import json, os, signal, sys, time
        from bapascase.store import forkmap
        PARENT = os.getpid()

        def copies_left():
            try:
                os.waitpid(-1, os.WNOHANG)
                return True
            except ChildProcessError:
                return False
    """) + textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**test_environ(), **(env or {})})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("count", [1, 2, 3, 7, 100, 101, 999, 10_000, 1_000_003])
@pytest.mark.parametrize("n", [1, 2, 3, 8])
def test_runs_cut_the_items_in_order_and_whole(count: int, n: int) -> None:
    spans = runs(count, n)
    assert spans[0][0] == 0 and spans[-1][1] == count
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(end > start for start, end in spans)
    assert len(spans) <= MAX_RUNS  # the queue is written at once into an empty pipe
    assert len(spans) >= min(count, 4 * n)  # enough runs for the processes to even out


@pytest.mark.parametrize("n", [1, 2, 8])
def test_no_items_make_no_runs(n: int) -> None:
    """An empty ``cases/`` (its ``.gitkeep`` deleted): ``check`` divided by zero cutting no cases into runs."""
    assert runs(0, n) == []


def test_several_processes_give_what_one_gives() -> None:
    found = _script("""
        def work(chunk):
            time.sleep(0.002)  # long enough for every process to take runs
            return [(x * x, os.getpid()) for x in chunk]
        items = list(range(5000))
        got = forkmap.fork_map(work, items, n=3)
        print(json.dumps({"values": [v for v, _ in got], "pids": sorted({p for _, p in got} - {PARENT}),
                          "left": forkmap.jobs(5000)}))
    """)
    assert found["values"] == [x * x for x in range(5000)]
    assert len(found["pids"]) == 2  # both copies worked runs: the work really was shared


def test_a_copy_that_fails_costs_only_time() -> None:
    """A copy that raises, exits with an error, or is killed: the runs it took are worked again, in order."""
    found = _script("""
        out = {}
        for how in ("raise", "exit", "kill", "garbage"):
            def work(chunk, how=how):
                if os.getpid() != PARENT and 2500 in chunk:
                    if how == "raise":
                        raise ValueError("in a copy")
                    if how == "exit":
                        os._exit(3)
                    if how == "kill":
                        os.kill(os.getpid(), signal.SIGKILL)
                    if how == "garbage":
                        return None  # not a list: what it keeps cannot be used
                time.sleep(0.001)
                return [x + 1 for x in chunk]
            out[how] = forkmap.fork_map(work, list(range(5000)), n=2) == [x + 1 for x in range(5000)]
        print(json.dumps(out))
    """)
    assert found == {"raise": True, "exit": True, "kill": True, "garbage": True}


def test_an_error_is_raised_as_one_process_raises_it_and_no_copy_is_left() -> None:
    found = _script("""
        def work(chunk):
            for x in chunk:
                if x in (777, 4000):
                    raise ValueError(f"item {x}")
            time.sleep(0.001)
            return list(chunk)
        try:
            forkmap.fork_map(work, list(range(5000)), n=3)
            raised = None
        except ValueError as exc:
            raised = str(exc)
        print(json.dumps({"raised": raised, "left": copies_left()}))
    """)
    assert found == {"raised": "item 777", "left": False}  # the first in the items' order, as in one process


def test_an_interrupted_run_leaves_no_copy_behind() -> None:
    found = _script("""
        def work(chunk):
            if os.getpid() == PARENT:
                raise KeyboardInterrupt
            time.sleep(5)  # a copy still at work when this process is interrupted
            return list(chunk)
        try:
            forkmap.fork_map(work, list(range(2000)), n=3)
            interrupted = False
        except KeyboardInterrupt:
            interrupted = True
        print(json.dumps({"interrupted": interrupted, "left": copies_left()}))
    """)
    assert found == {"interrupted": True, "left": False}


def test_progress_rises_to_the_whole() -> None:
    found = _script("""
        seen = []
        def work(chunk):
            time.sleep(0.001)
            return list(chunk)
        forkmap.fork_map(work, list(range(3000)), n=2, progress=lambda done, total: seen.append((done, total)))
        alone = []
        forkmap.fork_map(work, list(range(3000)), n=1, progress=lambda done, total: alone.append((done, total)))
        print(json.dumps({"shared": seen, "alone": alone}))
    """)
    for seen in (found["shared"], found["alone"]):
        done = [d for d, _ in seen]
        assert done == sorted(done) and done[-1] == 3000 and {t for _, t in seen} == {3000}
    assert len(found["alone"]) > 1  # one process still reports as it goes


def test_meanwhile_runs_once_in_this_process() -> None:
    found = _script("""
        ran = []
        def work(chunk):
            return list(chunk)
        for n in (1, 3):
            forkmap.fork_map(work, list(range(3000)), n=n, meanwhile=lambda: ran.append(os.getpid()))
        print(json.dumps({"ran": ran}))
    """)
    assert len(found["ran"]) == 2 and all(pid == found["ran"][0] for pid in found["ran"])


def test_how_many_processes() -> None:
    found = _script("""
        import threading
        out = {"few": forkmap.jobs(10), "one": None, "set": None}
        os.environ["BAPASCASE_JOBS"] = "1"
        out["one"] = forkmap.jobs(100_000)
        os.environ["BAPASCASE_JOBS"] = "3"
        out["set"] = forkmap.jobs(100_000)
        out["set_few"] = forkmap.jobs(2)
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        out["threaded"] = forkmap.jobs(100_000)  # forking a process with threads is not safe
        stop.set()
        other.join()
        print(json.dumps(out))
    """, env={"BAPASCASE_JOBS": ""})
    assert found == {"few": 1, "one": 1, "set": 3, "set_few": 2, "threaded": 1}


# -- the commands: one process and several, cold, print the same and keep the same --------------------------------

def _generated(root: Path, count: int) -> None:
    """``count`` generated cases added to the casebook at ``root`` (the caseload benchmark's generator)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import caseload
    finally:
        sys.path.pop(0)
    scratch = root.parent / "generated"
    caseload.generate(scratch, count)
    for case in (scratch / "cases").iterdir():
        shutil.move(str(case), root / "cases" / case.name)


def _rows(root: Path) -> dict[str, Any]:
    with sqlite3.connect(root / ".bapascase" / "index.sqlite3") as con:
        return {"cases": con.execute("SELECT id, sig, name, check_, brief, bcheck, summary FROM cases "
                                     "ORDER BY id").fetchall(),
                "days": con.execute("SELECT id, day, dcheck FROM days ORDER BY id").fetchall()}


def _cold(root: Path) -> None:
    for kept in (root / ".bapascase").glob("index*"):
        kept.unlink()


COMMANDS = [["list", "--all"], ["list", "--json"], ["due"], ["due", "--json"], ["stats", "--json"], ["find", "an"]]

# ``python -m bapascase`` with every fork of the command logged (to tell that the work really was shared)
COUNTING = """
import os, runpy, sys
log, fork = sys.argv.pop(1), os.fork
def counted():
    pid = fork()
    if pid:
        with open(log, "a") as fh:
            fh.write("fork\\n")
    return pid
os.fork = counted
sys.argv[0] = "bapascase"
runpy.run_module("bapascase", run_name="__main__")
"""


def _bapascase(root: Path, args: list[str], env: dict[str, str], log: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", COUNTING, str(log), "-C", str(root), *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.slow
def test_the_read_commands_and_check_give_the_same_with_several_processes(tmp_path: Path) -> None:
    book = demo_book(tmp_path)
    _generated(book.root, 150)
    time.sleep(index.RACY_NS / 1e9 + 0.2)  # no file as young as the racy window: the rows are kept unmarked
    env = test_environ()
    seen: dict[str, dict[str, Any]] = {}
    forks: dict[str, list[int]] = {}
    for jobs in ("1", "3"):
        run_env = {**env, "BAPASCASE_JOBS": jobs, "COLUMNS": "200"}
        out: dict[str, Any] = {}
        forks[jobs] = []
        for args in [*COMMANDS, ["check"]]:
            _cold(book.root)
            for stamps in (book.root / ".bapascase").glob("stamps*"):
                stamps.unlink()
            log = tmp_path / f"forks-{jobs}-{len(out)}"
            done = _bapascase(book.root, args, run_env, log)
            assert done.returncode == 0, done.stderr
            out[" ".join(args)] = (done.stdout, done.stderr)
            if args == ["check"]:
                with sqlite3.connect(book.root / ".bapascase" / "stamps.sqlite3") as con:
                    out["stamps"] = con.execute("SELECT * FROM stamps ORDER BY path").fetchall()
            else:
                out[f"rows {' '.join(args)}"] = _rows(book.root)
            forks[jobs].append(len(log.read_text().split()) if log.exists() else 0)
        seen[jobs] = out
    assert seen["1"] == seen["3"]
    assert "156 kasus" in seen["1"]["check"][0]  # every case was checked
    assert len(seen["1"]["stamps"]) > 156  # and each document found valid was stamped
    assert forks["1"] == [0] * (len(COMMANDS) + 1)
    assert all(n >= 2 for n in forks["3"]), forks  # every command shared its cases among three processes


@pytest.mark.slow
def test_a_warm_read_shares_the_stamps_and_still_sees_every_change(tmp_path: Path) -> None:
    """A warm read looks at its rows' stamps with several processes: an edit in place, a file added and a case
    removed are each seen (as by one process), and nothing else is read again."""
    book = demo_book(tmp_path)
    _generated(book.root, 150)
    time.sleep(index.RACY_NS / 1e9 + 0.2)  # no file as young as the racy window: the rows are kept unmarked
    env = {**test_environ(), "COLUMNS": "200"}
    for jobs in ("1", "3"):
        assert _bapascase(book.root, ["list", "--all", "--json"], {**env, "BAPASCASE_JOBS": jobs}, tmp_path / "warm").returncode == 0
    cases = sorted(p for p in (book.root / "cases").iterdir() if p.name.startswith("2"))
    edited, removed = cases[-1], cases[-2]
    text = (edited / "case.yaml").read_text(encoding="utf-8")
    name = re.search(r"^  name: (.+)$", text, re.M)
    assert name is not None
    (edited / "case.yaml").write_text(text.replace(name.group(1), "Zainal Abidin Warm"), encoding="utf-8")
    shutil.rmtree(removed)
    time.sleep(index.RACY_NS / 1e9 + 0.2)
    seen = {}
    for jobs in ("3", "1"):  # the shared read first: it finds the changes (the index then holds them)
        log = tmp_path / f"forks-{jobs}"
        done = _bapascase(book.root, ["list", "--all", "--json"], {**env, "BAPASCASE_JOBS": jobs}, log)
        assert done.returncode == 0, done.stderr
        seen[jobs] = json.loads(done.stdout)["cases"]
        assert (log.exists() and len(log.read_text().split()) >= 2) == (jobs == "3")
    assert seen["1"] == seen["3"]
    names = {c["id"]: c["name"] for c in seen["3"]}
    assert names[edited.name] == "Zainal Abidin Warm" and removed.name not in names


def test_jobs_are_documented() -> None:
    assert "BAPASCASE_JOBS" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_forked_copy_never_runs_this_process_s_exit_code(tmp_path: Path) -> None:
    """A copy ends with ``os._exit``: no ``atexit`` function of this process runs again, and output still in this
    process's buffer when the copies are made is written once."""
    marker = tmp_path / "exits"
    code = textwrap.dedent(f"""
        import atexit, sys, time
        from bapascase.store import forkmap
        atexit.register(lambda: open({str(marker)!r}, "a").write("x"))
        sys.stdout.write("written once\\n")  # a pipe: block-buffered, still in the buffer at the fork
        def work(chunk):
            time.sleep(0.002)
            return list(chunk)
        assert forkmap.fork_map(work, list(range(3000)), n=3) == list(range(3000))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=test_environ())
    assert done.returncode == 0, done.stderr
    assert done.stdout == "written once\n"
    assert marker.read_text() == "x"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")  # a zombie has ended
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_copies_stop_when_their_parent_is_killed(tmp_path: Path) -> None:
    """A parent killed outright (``kill -9``, a timeout) cannot end its copies: each one stops at its next run
    instead of working the whole queue for no one."""
    pids = tmp_path / "pids"
    code = textwrap.dedent(f"""
        import os, time
        from bapascase.store import forkmap
        PARENT = os.getpid()
        def work(chunk):
            if os.getpid() != PARENT:
                with open({str(pids)!r}, "a") as fh:
                    fh.write(f"{{os.getpid()}}\\n")
            time.sleep(0.05)
            return list(chunk)
        forkmap.fork_map(work, list(range(40_000)), n=3)  # 400 runs of 0.05 s: 20 s of work
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], env=test_environ())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(set(pids.read_text().split()) if pids.exists() else ()) < 2:
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    copies = {int(p) for p in pids.read_text().split()}
    assert len(copies) == 2
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(p) for p in copies):
        time.sleep(0.05)
    assert not any(_alive(p) for p in copies)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_check_on_a_terminal_shares_the_cases_and_prints_what_a_pipe_gets(tmp_path: Path) -> None:
    """On an 80×24 terminal ``check`` shows its progress bar (rich starts a thread for it only once the copies
    are made: a process with a thread is never forked) and ends with the same lines a pipe gets, the bar erased."""
    pexpect = pytest.importorskip("pexpect")
    pyte = pytest.importorskip("pyte")
    book = demo_book(tmp_path)
    _generated(book.root, 150)
    env = {**test_environ({"TERM": "xterm", "COLUMNS": "80", "LINES": "24"}), "BAPASCASE_JOBS": "3"}
    piped = _bapascase(book.root, ["check"], env, tmp_path / "forks-piped")
    assert piped.returncode == 0, piped.stderr
    for stamps in (book.root / ".bapascase").glob("stamps*"):
        stamps.unlink()  # every document validated again, as the piped run did
    log = tmp_path / "forks-terminal"
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    child = pexpect.spawn(sys.executable, ["-c", COUNTING, str(log), "-C", str(book.root), "check"], env=env,
                          timeout=120, dimensions=(24, 80), cwd=str(book.root))
    seen = b""
    while True:
        try:
            data = child.read_nonblocking(65536, timeout=60)
        except pexpect.EOF:
            break
        seen += data
        stream.feed(data)
    child.close()
    assert child.exitstatus == 0, seen.decode("utf-8", "replace")
    assert len(log.read_text().split()) >= 2  # the cases were shared among three processes
    shown = [line.rstrip() for line in screen.display if line.strip()]
    last = piped.stdout.splitlines()[-1]
    assert "156 kasus" in last and shown[-1] == last, (shown, last)  # "Casebook valid: 242 berkas, 156 kasus."
    assert b"Memeriksa" in seen  # the bar was shown (its description)
    assert not any("━" in line for line in shown)  # and it is gone
