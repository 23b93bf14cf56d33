"""An import places its whole batch or none of it, and commits it once (``store.batch``, ``git.commit_new_files``).

- killed at every file operation of an import into a git casebook that commits automatically, then finished by
  the next writing command: the casebook has all of the batch's cases or none, the caseload index lists exactly
  the case folders, git has one commit for the batch (or none), nothing is left in ``cases/`` or the journals;
- out of disk at every operation: exit 1 in one line, none of the batch placed, no journal left;
- a plain ``check`` reports a half-placed batch without changing anything; ``check --fix`` finishes it;
- the commit built in bulk (fast-import) is the commit ``git add`` + ``git commit`` make: same tree, message,
  trailer, identity, index; a clean filter or a hook makes it the ordinary commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.fault_injection import run_faulted
from tests.helpers import TODAY, intake_answers, write_answers
from tests.test_security_writes import fresh_book

ENV = {"BAPASCASE_TODAY": TODAY.isoformat()}
NAMES = ("Siti Aminah", "Joko Susilo", "Rina Marpaung")


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True,
                          env={**os.environ, **(env or {})}).stdout


def _prepared(tmp: Path) -> tuple[Path, list[str]]:
    """A git casebook committing automatically (made by ``init``) and the import of three clients."""
    book = fresh_book(tmp / "prep")
    people = [intake_answers(identity={"name": n, "nik": f"12710512059000{i:02d}"}) for i, n in enumerate(NAMES, 11)]
    template = tmp / "template"
    shutil.copytree(book.root, template, symlinks=True)
    return template, ["import", str(write_answers(tmp / "import.yaml", people)), "--no-input"]


def _copy(template: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target, symlinks=True)
    return target


def _commits(root: Path) -> list[str]:
    return _git(root, "log", "--format=%s").splitlines()


def assert_all_or_none(root: Path, base_commits: list[str], what: str, committed: bool = True) -> int:
    """The batch is whole or absent in ``cases/``, the index and git; returns how many of its cases are there."""
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index

    book = Casebook(root)
    folders = sorted(p.name for p in (root / "cases").iterdir() if not p.name.startswith("."))
    names: list[str] = []
    for case_id in folders:
        text = (root / "cases" / case_id / "case.yaml").read_text(encoding="utf-8")
        names.extend(n for n in NAMES if n in text)
    assert len(names) in (0, 3), f"{what}: {len(names)} of the batch's 3 cases placed"
    assert not list((root / "cases").glob(".staging-*")), f"{what}: staging folder left"
    assert not list((root / ".bapascase" / "journals").glob("*.json")), f"{what}: journal left"
    indexed = sorted(s["id"] for s in load_index(book, write=False))
    assert indexed == folders, f"{what}: the index lists {indexed}, the folders are {folders}"
    commits = _commits(root)
    imports = [c for c in commits if c.startswith("import:")]
    assert len(imports) == (1 if names else 0) or (names and not imports), f"{what}: commits {commits}"
    assert len(imports) <= 1, f"{what}: {commits}"
    if imports:  # the batch's one commit holds all three cases
        changed = _git(root, "show", "--name-only", "--format=", "HEAD").split()
        assert len([c for c in changed if c.startswith("cases/")]) == 3, f"{what}: {changed}"
        assert commits[1:] == base_commits, f"{what}: {commits}"
    if names and committed:
        status = _git(root, "status", "--porcelain", "--", "cases")
        assert status == "", f"{what}: not committed: {status}"
    return len(names)


def _kill_loop(tmp: Path, stride: int) -> int:
    template, argv = _prepared(tmp)
    base = _commits(template)
    total = run_faulted(_copy(template, tmp / "ref"), argv, "kill", 10**9, ENV).ops
    assert total > 10
    runs = placed = 0
    for n in range(1, total + 1, stride):
        root = _copy(template, tmp / "run")
        result = run_faulted(root, argv, "kill", n, ENV)
        assert result.killed or result.code == 0, f"kill at {n}/{total}: {result.stderr}"
        # any writing command finishes a half-placed batch first (here: a ``check --fix``)
        fix = run_faulted(root, ["check", "--fix"], "kill", 10**9, ENV)
        assert fix.code == 0, f"kill at {n}: check --fix: {fix.stderr}"
        placed += assert_all_or_none(root, base, f"import killed at operation {n}/{total}") == 3
        # and the import can simply be run again: nobody twice
        again = run_faulted(root, [*argv, "--skip-duplicates"], "kill", 10**9, ENV)
        assert again.code == 0, f"kill at {n}: run again: {again.stderr}"
        assert assert_all_or_none(root, base, f"import killed at {n}, run again") == 3
        runs += 1
    assert 0 < placed < runs  # killed both before and after the batch was decided
    return runs


def test_import_killed_at_every_operation_places_all_or_none(tmp_path: Path) -> None:
    """(Every second point here; every point in the slow test.)"""
    assert _kill_loop(tmp_path, stride=2) > 5


@pytest.mark.slow
def test_import_killed_at_every_operation_places_all_or_none_every_point(tmp_path: Path) -> None:
    assert _kill_loop(tmp_path, stride=1) > 10


def test_import_out_of_disk_at_every_operation_places_none(tmp_path: Path) -> None:
    template, argv = _prepared(tmp_path)
    base = _commits(template)
    total = run_faulted(_copy(template, tmp_path / "ref"), argv, "kill", 10**9, ENV).ops
    for n in range(1, total + 1, 2):
        root = _copy(template, tmp_path / "run")
        result = run_faulted(root, argv, "enospc", n, ENV)
        what = f"import out of disk from operation {n}/{total}"
        assert result.code in (0, 1), f"{what}: {result.stderr}"
        assert "Traceback" not in result.stderr, result.stderr
        # placed whole once decided, even if the disk fills before the commit (then said, and left to ``sync``)
        count = assert_all_or_none(root, base, what, committed=False)
        assert count == (0 if result.code == 1 else 3), f"{what}: exit {result.code}, {count} placed"
        if result.code == 1:
            assert len(result.stderr.strip().splitlines()) == 1, f"{what}: {result.stderr}"


def test_check_reports_a_half_placed_batch_and_fix_finishes_it(tmp_path: Path) -> None:
    """Killed between two renames (found by counting the operations): ``check`` names the journal and how many are
    placed, changes nothing; ``check --fix`` places the rest and commits the batch once."""
    template, argv = _prepared(tmp_path)
    base = _commits(template)
    total = run_faulted(_copy(template, tmp_path / "ref"), argv, "kill", 10**9, ENV).ops
    for n in range(1, total + 1):
        root = _copy(template, tmp_path / "run")
        run_faulted(root, argv, "kill", n, ENV)
        placed = [p for p in (root / "cases").iterdir() if not p.name.startswith(".")]
        if len(placed) == 1:  # one of the three placed
            break
    else:
        pytest.fail("no kill point between the renames")
    check = run_faulted(root, ["check"], "kill", 10**9, ENV)
    assert check.code == 0, check.stderr
    assert "1 dari 3 kasus sudah ditempatkan" in check.stderr, check.stderr
    assert len([p for p in (root / "cases").iterdir() if not p.name.startswith(".")]) == 1  # nothing changed
    fix = run_faulted(root, ["check", "--fix"], "kill", 10**9, ENV)
    assert fix.code == 0, fix.stderr
    assert "3 kasus ditempatkan utuh" in fix.stderr, fix.stderr
    assert assert_all_or_none(root, base, "after check --fix") == 3
    assert "sudah ditempatkan" not in run_faulted(root, ["check"], "kill", 10**9, ENV).stderr


def test_a_running_batch_is_not_recovered_by_another_command(tmp_path: Path) -> None:
    """A journal whose batch holds its lock belongs to a command still running: left to it."""
    from filelock import FileLock

    from bapascase.store import batch
    from bapascase.store.casebook import Casebook

    template, _ = _prepared(tmp_path)
    book = Casebook(template)
    journal = batch.journals_dir(book) / ".staging-x.json"
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text('{"version": 1, "staging": ".staging-x", "message": "m", "officer": null, "cases": []}')
    with FileLock(str(journal.with_suffix(".lock"))):
        assert batch.recover(book) == []
        assert journal.exists()
    assert [r.forward for r in batch.recover(book)] == [True]
    assert not journal.exists()


# -- the commit built in bulk ----------------------------------------------------------------------------------


FIXED = {"GIT_AUTHOR_DATE": "1780000000 +0700", "GIT_COMMITTER_DATE": "1780000000 +0700"}


def _repo(root: Path, attributes: str | None = None) -> None:
    root.mkdir(parents=True)
    _git(root, "init", "-q")
    _git(root, "config", "user.name", "Hendra")
    _git(root, "config", "user.email", "hendra@example.org")
    (root / "README").write_text("casebook\n")
    if attributes is not None:
        (root / ".gitattributes").write_text(attributes)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "start", env=FIXED)
    (root / "staged-by-hand.txt").write_text("an officer's own staging\n")
    _git(root, "add", "staged-by-hand.txt")
    for n in range(5):
        folder = root / "cases" / f"2026-ab-{n:05d}"
        folder.mkdir(parents=True)
        (folder / "case.yaml").write_text(f"identity:\n  name: Klien {n}\n  catatan: \"ä\u2019 line\"\n",
                                          encoding="utf-8")


def _commit_both(tmp: Path, attributes: str | None = None, hook: str | None = None) -> tuple[Path, Path]:
    from bapascase.store import git

    roots = []
    for name, fn in (("ordinary", git.commit_paths), ("bulk", git.commit_new_files)):
        root = tmp / name
        _repo(root, attributes)
        if attributes and "upper" in attributes:
            _git(root, "config", "filter.upper.clean", "tr a-z A-Z")
            _git(root, "config", "filter.upper.smudge", "cat")
        if hook:
            path = root / ".git" / "hooks" / "post-commit"
            path.write_text(hook)
            path.chmod(0o755)
        paths = sorted((root / "cases").glob("*/case.yaml"))
        old = {k: os.environ.get(k) for k in FIXED}
        os.environ.update(FIXED)
        try:
            assert fn(root, paths, "import: 5 cases from impor.yaml", officer=git.Officer("Hendra Saputra",
                                                                                          "198503122010121002"))
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        roots.append(root)
    return roots[0], roots[1]


def _same_commit(a: Path, b: Path) -> None:
    assert _git(a, "rev-parse", "HEAD") == _git(b, "rev-parse", "HEAD")  # tree, parent, identity, dates, message
    assert _git(a, "cat-file", "-p", "HEAD") == _git(b, "cat-file", "-p", "HEAD")
    assert _git(a, "ls-files", "-s") == _git(b, "ls-files", "-s")  # the index: the new files and the hand staging
    assert _git(a, "status", "--porcelain") == _git(b, "status", "--porcelain")
    assert "staged-by-hand.txt" in _git(b, "diff", "--cached", "--name-only")  # left staged, not committed
    assert _git(a, "reflog", "-1", "--format=%gs") == _git(b, "reflog", "-1", "--format=%gs")


def test_the_bulk_commit_is_the_ordinary_commit(tmp_path: Path) -> None:
    ordinary, bulk = _commit_both(tmp_path)
    _same_commit(ordinary, bulk)
    assert "Officer: Hendra Saputra (198503122010121002)" in _git(bulk, "log", "-1", "--format=%B")
    assert "pack" in _git(bulk, "count-objects", "-v")  # built in a pack, no loose blob per file
    assert _git(bulk, "for-each-ref", "refs/bapascase") == ""  # no helper ref left
    _git(bulk, "fsck", "--strict")


def test_a_clean_filter_makes_the_ordinary_commit(tmp_path: Path) -> None:
    ordinary, bulk = _commit_both(tmp_path, attributes="*.yaml filter=upper\n")
    assert "KLIEN 0" in _git(bulk, "show", "HEAD:cases/2026-ab-00000/case.yaml")
    _same_commit(ordinary, bulk)


def test_a_commit_hook_makes_the_ordinary_commit(tmp_path: Path) -> None:
    ordinary, bulk = _commit_both(tmp_path, hook="#!/bin/sh\necho ran > hook-ran.txt\n")
    assert (bulk / "hook-ran.txt").exists()
    _same_commit(ordinary, bulk)


def test_sync_after_a_bulk_import(tmp_path: Path) -> None:
    """The commit fast-import made travels as any other: pushed by ``sync``, cloned whole."""
    template, argv = _prepared(tmp_path)
    root = _copy(template, tmp_path / "cb")
    assert run_faulted(root, argv, "kill", 10**9, ENV).code == 0
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    _git(root, "remote", "add", "origin", str(remote))
    result = run_faulted(root, ["sync", "--no-input"], "kill", 10**9, ENV)
    assert result.code == 0, result.stderr
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(remote), str(clone)], check=True)
    assert _git(clone, "log", "-1", "--format=%s").startswith("import: 3 cases")
    assert len(list((clone / "cases").glob("*/case.yaml"))) == 3
    _git(clone, "fsck", "--strict")


def test_the_index_rows_of_an_import_are_those_read_from_the_files(tmp_path: Path) -> None:
    """The rows an import writes from the texts in hand are the rows a cold read of its files makes."""
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import INDEX_FILE

    template, argv = _prepared(tmp_path)
    root = _copy(template, tmp_path / "cb")
    assert run_faulted(root, argv, "kill", 10**9, ENV).code == 0
    index = root / ".bapascase" / INDEX_FILE
    written = _index_rows(index)
    assert len(written) == 3
    index.unlink()
    from bapascase.store.index import load_index

    load_index(Casebook(root))  # built again from the files
    assert _index_rows(index) == written


@pytest.mark.slow
def test_bulk_benchmark_compares_another_build_in_turns() -> None:
    """``bulk.py --build NAME=SRC``: another source tree's import measured in turns with the installed one."""
    import json
    import sys

    from tests.helpers import SRC, test_environ

    bench = Path(__file__).resolve().parents[1] / "benchmarks" / "bulk.py"
    proc = subprocess.run([sys.executable, str(bench), "--cases", "20", "-n", "1", "--git", "--only", "import",
                           "--build", f"same={SRC}", "--json"],
                          capture_output=True, text=True, env=test_environ(), timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert set(data["median_s"]) == {"parse", "import", "import-same"}
    assert set(data["cpu_median_s"]) == {"parse", "import", "import-same"}


# ``bapascase`` run as a script, with the batch's staging write replaced: in a forked copy it writes half the file,
# then the copy is killed (its runs must be worked again by the parent, over what it left in the staging folder)
_DYING_COPIES = """
import os, runpy, signal, sys
from bapascase.store import batch
PARENT = os.getpid()
write = batch._write_new
def dying(path, raw):
    if os.getpid() != PARENT:
        write(path, raw[: len(raw) // 2])
        with open(os.environ["DIED"], "a") as died:
            died.write(f"{os.getpid()}\\n")
        os.kill(os.getpid(), signal.SIGKILL)
    write(path, raw)
batch._write_new = dying
sys.argv[0] = "bapascase"
runpy.run_module("bapascase", run_name="__main__")
"""


def _index_rows(index: Path) -> list[tuple[str, str, str]]:
    """The index's rows. A cold read within seconds of a write marks its stamps racy ("?": looked at again next
    time, see store.index); an import's own rows are not racy, as after any write through the tool."""
    import sqlite3

    with sqlite3.connect(index) as con:
        return sorted((i, sig.removeprefix("?"), summary)
                      for i, sig, summary in con.execute("SELECT id, sig, summary FROM cases"))


def _case_files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in sorted((root / "cases").rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("copies", ["share", "die"])
def test_an_import_shared_among_processes_writes_what_one_process_writes(tmp_path: Path, copies: str) -> None:
    """The cases of a big batch are written into the staging folder by several processes (``fork_map``); the
    casebook, the index and the commit are those one process makes, also when every copy dies halfway through a
    file (its runs are written again by the command itself)."""
    import sys

    from tests.helpers import test_environ

    book = fresh_book(tmp_path / "prep")
    people = [intake_answers(identity={"name": f"{first} {last}", "nik": f"1271051205{i:06d}"})
              for i, (first, last) in enumerate(((f, s) for f in ("Siti", "Joko", "Rina", "Andi", "Dewi")
                                                 for s in ("Aminah", "Susilo", "Marpaung", "Ginting", "Lubis")),
                                                1)]
    source = write_answers(tmp_path / "import.yaml", people)
    template = tmp_path / "template"
    shutil.copytree(book.root, template, symlinks=True)
    seen = {}
    for jobs in ("1", "3"):
        root = _copy(template, tmp_path / f"cb{jobs}")
        script = ["-c", _DYING_COPIES] if copies == "die" and jobs == "3" else ["-m", "bapascase"]
        done = subprocess.run([sys.executable, *script, "-C", str(root), "import", str(source), "--no-input"],
                              capture_output=True, text=True, timeout=120,
                              env=test_environ({"BAPASCASE_JOBS": jobs, "DIED": str(tmp_path / "died")}))
        assert done.returncode == 0, done.stderr
        from bapascase.store.casebook import Casebook
        from bapascase.store.index import INDEX_FILE, load_index

        index = root / ".bapascase" / INDEX_FILE
        written = _index_rows(index)
        assert len(written) == 25
        index.unlink()
        load_index(Casebook(root))  # built again from the files: the rows the import wrote (its copies' too)
        assert _index_rows(index) == written
        files = _case_files(root)
        folders = sorted({Path(name).parts[1] for name in files if name.endswith("/case.yaml")})
        assert [s["id"] for s in load_index(Casebook(root), write=False)] == folders
        committed = _git(root, "show", "--name-only", "--format=", "HEAD").split()
        assert sorted(committed) == sorted(n for n in files if n.endswith("/case.yaml"))
        assert _git(root, "status", "--porcelain") == ""
        assert not list((root / "cases").glob(".staging-*"))
        # case ids are drawn at random: the same texts, whichever folder holds each
        seen[jobs] = (sorted(files.values()), _commits(root), len(done.stdout.splitlines()))
    if copies == "die":  # both copies began a run, and died in it
        assert len((tmp_path / "died").read_text().split()) == 2
    assert len(seen["1"][0]) == 26  # the 25 cases and cases/.gitkeep
    assert seen["1"] == seen["3"]
