"""Writing in the store: every write committed (concurrent writers, a git lock left behind), with the officer
at the keyboard; files created whole and with the officer's modes; init in a used folder; edit under the lock."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import yamlio
from bapascase.store.atomic import atomic_write, create_exclusive
from tests.helpers import Book, assert_clean_exit, intake_answers, interactive, invoke, test_environ
from tests.stage_helpers import answers, answers_file, record_ok, through
from tests.team_helpers import OFFICERS, clean, git, log, trailers

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def _with_officers(book: Book) -> None:
    settings = book.root / "bapascase.yaml"
    data = yamlio.load(settings)
    data["officers"] = OFFICERS
    settings.write_text(yamlio.dumps(data), encoding="utf-8")
    git(book.root, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qam", "officers")


# -- concurrent writers ----------------------------------------------------------------------------------------


def _run_many(book: Book, argvs: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Each argv as its own ``python -m bapascase`` process, all started together."""
    env = test_environ({"BAPASCASE_CASEBOOK": str(book.root)})

    def one(argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bapascase", *argv], env=env, capture_output=True, text=True,
                              timeout=300)

    with ThreadPoolExecutor(max_workers=len(argvs)) as pool:
        return list(pool.map(one, argvs))


def _concurrent_monitors(book: Book, writers: int) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    commits = len(log(book))
    path = answers_file(book, answers("monitor"), "monitor.yaml")
    done = _run_many(book, [["monitor", case_id, "--answers", str(path), "--no-input"]] * writers)
    for proc in done:
        assert proc.returncode == 0, proc.stderr
        assert "belum di-commit" not in proc.stderr, proc.stderr
    entries = list((book.cases / case_id / "monitoring").glob("*.yaml"))
    assert len(entries) == writers and len({p.name for p in entries}) == writers  # same day: all distinct
    assert len(log(book)) == commits + writers  # one commit each
    assert clean(book)  # nothing saved and left uncommitted
    tracked = git(book.root, "ls-files", f"cases/{case_id}/monitoring").split()
    assert len(tracked) == writers


@needs_git
def test_concurrent_writers_each_commit(book: Book) -> None:
    _concurrent_monitors(book, 3)


@needs_git
@pytest.mark.slow
def test_twenty_concurrent_monitor_runs_all_committed(book: Book) -> None:
    _concurrent_monitors(book, 20)


@needs_git
@pytest.mark.slow
def test_ten_concurrent_new_runs_all_committed(book: Book) -> None:
    commits = len(log(book))
    # ten clients (no NIK: one NIK twice would be the same client, refused)
    paths = [answers_file(book, intake_answers(identity={"name": f"Klien Nomor {i}", "nik": None}), f"n{i}.yaml")
             for i in range(10)]
    done = _run_many(book, [["new", "--answers", str(p), "--no-input", "--json"] for p in paths])
    ids = []
    for proc in done:
        assert proc.returncode == 0, proc.stderr
        out = json.loads(proc.stdout)
        assert out["committed"] is True
        ids.append(out["id"])
    assert len(set(ids)) == 10
    assert len(log(book)) == commits + 10 and clean(book)


# -- a git lock left behind -----------------------------------------------------------------------------------


def _stale_lock(book: Book, minutes: int = 10) -> Path:
    lock = book.root / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    old = time.time() - minutes * 60
    os.utime(lock, (old, old))
    return lock


@needs_git
def test_a_stale_index_lock_is_named_then_cleared_by_sync_force(book: Book, tmp_path: Path) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    lock = _stale_lock(book)
    result = book.run("monitor", case_id, "--answers", str(answers_file(book, answers("monitor"))), "--no-input",
                      "--json")
    assert_clean_exit(result, 0)  # saved: a retry would record it twice
    assert json.loads(result.stdout)["committed"] is False
    assert f"git terhalang berkas kunci yang tertinggal: {lock}" in result.stderr
    assert "bapascase sync --force" in result.stderr
    check = book.run("check")
    assert f"{lock}: berkas kunci git tertinggal dari 10 menit lalu" in check.stderr
    assert "monitoring/" in check.stderr and "belum di-commit" in check.stderr
    # without --force and without a terminal, sync names it and leaves it
    refused = book.run("sync")
    assert_clean_exit(refused, 1)
    assert str(lock) in refused.stderr and lock.exists()
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(book.root, "remote", "add", "origin", str(remote))
    forced = book.run("sync", "--force")
    assert_clean_exit(forced, 0)
    assert not lock.exists()
    assert "Berkas kunci git yang tertinggal dihapus" in forced.stderr
    assert "Lebih dulu di-commit: 1 berkas" in forced.stdout
    assert clean(book)


@needs_git
def test_a_stale_lock_is_cleared_after_confirmation(book: Book, tmp_path: Path) -> None:
    lock = _stale_lock(book)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(book.root, "remote", "add", "origin", str(remote))
    result = interactive(["sync"], ["y\r"], casebook=book.root)
    assert_clean_exit(result, 0)
    assert not lock.exists()


@needs_git
def test_a_fresh_lock_of_a_running_git_is_waited_for_not_removed(book: Book,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bapascase.store.git.BUSY_WAIT_SECONDS", 0.3)
    lock = book.root / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")  # just made: another program's git is at work
    saved = book.run("new", "--answers", str(answers_file(book, intake_answers())), "--no-input", "--json")
    assert_clean_exit(saved, 0)
    assert json.loads(saved.stdout)["committed"] is False
    assert f"git sedang dipakai program lain (berkas kunci {lock})" in saved.stderr
    forced = book.run("sync", "--force")
    assert_clean_exit(forced, 1)
    assert f"git sedang dipakai program lain (berkas kunci {lock})" in forced.stderr
    assert lock.exists()


# -- the officer at the keyboard ------------------------------------------------------------------------------


@needs_git
def test_the_officer_comes_from_option_environment_or_this_clone(book: Book) -> None:
    _with_officers(book)
    case_id = book.new()
    assert trailers(book) == []  # three officers listed, none chosen, git's name matches none
    who = book.run("whoami")
    assert_clean_exit(who, 0)
    assert "Petugas belum diketahui" in who.stdout
    assert_clean_exit(book.run("--as", "198503122010121002", "transfer", case_id, "--to", "Sri Rahayu"), 0)
    assert trailers(book) == ["Hendra Saputra (198503122010121002)"]
    # (a case goes to a PK: a praktikan works beside one, never holds a case: TransferDoc's "PK baru")
    assert_clean_exit(book.run("transfer", case_id, "--to", "Hendra", env={"BAPASCASE_OFFICER": "Sri"}), 0)
    assert trailers(book) == ["Sri Rahayu (199001012015032001)"]
    saved = book.run("whoami", "--set", "maria")
    assert_clean_exit(saved, 0)
    assert "Maria Simanjuntak" in saved.stdout
    assert git(book.root, "status", "--porcelain", "--ignored", ".bapascase/officer").startswith("!!")  # ignored
    assert_clean_exit(book.run("transfer", case_id, "--to", "Sri Rahayu"), 0)
    assert trailers(book) == ["Maria Simanjuntak"]
    out = json.loads(book.run("whoami", "--json").stdout)
    assert out["officer"] == {"name": "Maria Simanjuntak", "nip": None} and out["source"] == "clone"
    # the option wins over the environment, which wins over this clone's choice
    env = {"BAPASCASE_OFFICER": "Sri"}
    assert json.loads(book.run("whoami", "--json", env=env).stdout)["source"] == "env"
    assert json.loads(book.run("--as", "Hendra", "whoami", "--json", env=env).stdout)["source"] == "option"
    bad = book.run("whoami", env={"BAPASCASE_OFFICER": "Joko"})
    assert_clean_exit(bad, 1)
    assert "Petugas 'Joko' (BAPASCASE_OFFICER) tidak ada di daftar petugas bapascase.yaml" in bad.stderr
    assert_clean_exit(book.run("whoami", "--forget"), 0)
    assert json.loads(book.run("whoami", "--json").stdout)["source"] == "none"


# -- files created whole, with the officer's modes --------------------------------------------------------------


def test_an_entry_interrupted_before_it_is_linked_leaves_nothing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "monitoring" / "2026-06-15-0k3qx.yaml"

    def killed(src: Any, dst: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", killed)
    with pytest.raises(KeyboardInterrupt):
        create_exclusive(target, "date: 2026-06-15\n")
    monkeypatch.undo()
    assert list(target.parent.iterdir()) == []  # neither an empty entry nor a temp file


def test_an_entry_is_never_visible_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "monitoring" / "2026-06-15-0k3qx.yaml"
    seen: list[bool] = []
    real_fsync = os.fsync

    def watching(fd: int) -> None:  # the moment the content is being made durable: the entry is not there yet
        seen.append(target.exists())
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", watching)
    assert create_exclusive(target, "date: 2026-06-15\n")
    assert seen and not seen[0]
    assert target.read_text(encoding="utf-8") == "date: 2026-06-15\n"


def test_without_hard_links_an_entry_is_still_exclusive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def no_links(src: Any, dst: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")  # FAT/exFAT USB drives

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "e.yaml"
    assert create_exclusive(target, "a: 1\n") is True
    assert create_exclusive(target, "b: 2\n") is False
    assert target.read_text(encoding="utf-8") == "a: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["e.yaml"]


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_follow_the_umask(tmp_path: Path, umask: int, expected: int) -> None:
    old = os.umask(umask)
    try:
        atomic_write(tmp_path / "a.yaml", "a: 1\n")
        create_exclusive(tmp_path / "b.yaml", "b: 1\n")
    finally:
        os.umask(old)
    assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == expected
    assert (tmp_path / "b.yaml").stat().st_mode & 0o777 == expected


def test_a_rewrite_keeps_the_file_s_mode(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    path = book.cases / case_id / "engagement.yaml"
    path.chmod(0o600)
    changed = answers("engage")
    changed["contacts"][0]["notes"] = "Klien datang bersama istrinya."
    record_ok(book, "engage", case_id, changed)
    assert yamlio.load(path)["contacts"][0]["notes"] == "Klien datang bersama istrinya."
    assert path.stat().st_mode & 0o777 == 0o600
    # and a private draft stays private whatever the umask
    old = os.umask(0o000)
    try:
        atomic_write(book.root / ".bapascase" / "x.yaml", "a: 1\n", mode=0o600)
    finally:
        os.umask(old)
    assert (book.root / ".bapascase" / "x.yaml").stat().st_mode & 0o777 == 0o600


# -- init in a used folder -----------------------------------------------------------------------------------


@needs_git
def test_init_in_a_used_folder_commits_only_what_it_creates(tmp_path: Path) -> None:
    folder = tmp_path / "flashdisk"
    (folder / "templates").mkdir(parents=True)
    (folder / "id_ed25519").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nrahasia\n", encoding="utf-8")
    (folder / "catatan pribadi.txt").write_text("jangan dibagikan\n", encoding="utf-8")
    (folder / "templates" / "README.md").write_text("Templat saya sendiri\n", encoding="utf-8")
    (folder / ".gitignore").write_text("*.tmp\n", encoding="utf-8")
    result = invoke(["init", str(folder), "--office", "Bapas Kelas II Binjai"])
    assert_clean_exit(result, 0)
    tracked = set(git(folder, "ls-files").split("\n")) - {""}
    assert "id_ed25519" not in tracked and "catatan pribadi.txt" not in tracked
    assert {"bapascase.yaml", ".gitignore", ".gitattributes", "cases/.gitkeep"} <= tracked
    assert "templates/README.md" not in tracked  # theirs, not overwritten, not committed
    assert (folder / "templates" / "README.md").read_text(encoding="utf-8") == "Templat saya sendiri\n"
    assert (folder / ".gitignore").read_text(encoding="utf-8").startswith("*.tmp\n")
    assert ".bapascase/" in (folder / ".gitignore").read_text(encoding="utf-8")
    # sync commits the casebook's files, never the key: the remote never sees it
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(folder, "remote", "add", "origin", str(remote))
    book = Book(folder.resolve())
    case_id = book.new()
    assert_clean_exit(book.run("sync"), 0)
    sent = git(remote, "ls-tree", "-r", "--name-only", "HEAD").split()
    assert f"cases/{case_id}/case.yaml" in sent
    assert "id_ed25519" not in sent and "catatan pribadi.txt" not in sent
    assert "id_ed25519" in git(folder, "status", "--porcelain")  # still there, still the officer's


# -- edit under the case lock ------------------------------------------------------------------------------------

_EDITOR = """\
import sys, json, pathlib
from filelock import FileLock, Timeout
spec = json.loads(pathlib.Path(sys.argv[1]).read_text())
copy = pathlib.Path(sys.argv[2])
lock = FileLock(spec["lock"], timeout=0)
try:
    with lock:
        held = False
except Timeout:
    held = True
pathlib.Path(spec["log"]).write_text(json.dumps({"held": held}))
if spec.get("meanwhile"):
    original = pathlib.Path(spec["original"])
    original.write_text(original.read_text().replace(*spec["meanwhile"]))
copy.write_text(copy.read_text().replace(*spec["edit"]))
"""


def _editor(tmp_path: Path, book: Book, case_id: str, original: Path, edit: tuple[str, str],
            meanwhile: tuple[str, str] | None = None) -> tuple[dict[str, str], Path]:
    script = tmp_path / "editor.py"
    script.write_text(_EDITOR, encoding="utf-8")
    log_file = tmp_path / "editor.log"
    spec = tmp_path / "editor.json"
    spec.write_text(json.dumps({"lock": str(book.root / ".bapascase" / "locks" / f"{case_id}.lock"),
                                "log": str(log_file), "original": str(original), "edit": edit,
                                "meanwhile": meanwhile}), encoding="utf-8")
    return {"EDITOR": f"{sys.executable} {script} {spec}", "VISUAL": ""}, log_file


def test_edit_holds_the_case_lock_while_the_editor_is_open(book: Book, tmp_path: Path) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    env, log_file = _editor(tmp_path, book, case_id, path, ("occupation: Buruh bangunan", "occupation: Tukang pangkas"))
    result = book.run("edit", case_id, "case", env=env)
    assert_clean_exit(result, 0)
    assert json.loads(log_file.read_text(encoding="utf-8")) == {"held": True}
    assert yamlio.load(path)["identity"]["occupation"] == "Tukang pangkas"


def test_edit_refuses_to_overwrite_a_change_made_meanwhile(book: Book, tmp_path: Path) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    env, _ = _editor(tmp_path, book, case_id, path, ("occupation: Buruh bangunan", "occupation: Tukang pangkas"),
                     meanwhile=("religion: Kristen", "religion: Katolik"))
    result = book.run("edit", case_id, "case", env=env)
    assert_clean_exit(result, 1)
    rel = f"cases/{case_id}/case.yaml"
    assert f"--- {rel} (saat dibuka)" in result.stderr and f"+++ {rel} (sekarang)" in result.stderr
    assert "-  religion: Kristen" in result.stderr and "+  religion: Katolik" in result.stderr
    assert f"{rel} berubah selama editor terbuka" in result.stderr
    data = yamlio.load(path)
    assert data["identity"]["religion"] == "Katolik"  # the change made meanwhile is kept
    assert data["identity"]["occupation"] == "Buruh bangunan"  # the edit did not overwrite it
    kept = book.root / ".bapascase" / "edits" / f"{case_id}--case.yaml"
    assert "occupation: Tukang pangkas" in kept.read_text(encoding="utf-8")


@needs_git
def test_a_casebook_inside_a_larger_repository_commits_and_lists_its_own_paths(tmp_path: Path) -> None:
    from tests.helpers import make_casebook

    outer = tmp_path / "dokumen-kantor"
    outer.mkdir()
    git(outer, "init", "-q")
    book = make_casebook(outer / "casebook", git=False)  # made without git, then kept in a larger repository
    git(outer, "add", "-A")
    git(outer, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "casebook")
    case_id = book.new()
    assert git(outer, "status", "--porcelain", "casebook").strip() == ""  # committed in the larger repository
    path = book.case_file(case_id)
    path.write_text(path.read_text(encoding="utf-8") + "# dicek ulang\n", encoding="utf-8")
    check = book.run("check")
    assert f"cases/{case_id}/case.yaml: tersimpan tetapi belum di-commit" in check.stderr


def test_a_new_case_appears_whole_or_not_at_all(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(src: Any, dst: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "rename", killed)
    result = book.run("new", "--answers", str(answers_file(book, intake_answers())), "--no-input")
    assert_clean_exit(result, 130)
    monkeypatch.undo()
    assert list(book.cases.iterdir()) == [book.cases / ".gitkeep"]  # no empty case folder, no half-made one
    # what a SIGKILL at that moment would leave (a hidden folder) is no case: list and check pass it by
    leftover = book.cases / ".new-2026-bzg-abcde-0a1b2c"
    leftover.mkdir()
    (leftover / "case.yaml").write_text("identity: {}\n", encoding="utf-8")
    assert_clean_exit(book.run("check"), 0)
    assert json.loads(book.run("list", "--all", "--json").stdout)["cases"] == []
