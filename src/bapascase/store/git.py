"""Git, through the ``git`` command: init, commits, status, the index lock. Never required: without git, we say so.

Every commit bapascase makes goes through ``commit_paths``, under one casebook-wide commit lock
(``.bapascase/locks/commit.lock``): git keeps one index per repository and refuses a second writer
(``.git/index.lock: File exists``), so two commands saving at once used to lose one commit (5 of 20 concurrent
``monitor`` runs saved their entry and never committed it). With the lock every write is committed, in turn.

A commit carries the officer at the keyboard as well as the git identity, as a trailer in its message::

    monitoring: 2026-bzg-7k3qx

    Officer: Hendra Saputra (198503122010121002)

(``Officer: NAME`` when no NIP is known). ``history`` reads it back with ``parse_officer``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bapascase.errors import UserError
from bapascase.store.layout import GIT_FILES, STATE_DIR

TRAILER = "Officer"
STALE_LOCK_SECONDS = 180  # an index.lock older than this, with no git process running, was left by a crash
BUSY_WAIT_SECONDS = 5.0  # how long a commit waits for another program's git to let go of the index
COMMIT_LOCK_TIMEOUT = 120.0  # how long a commit waits for another bapascase commit (or a sync) to finish


def available() -> bool:
    return shutil.which("git") is not None


def _refuse_special(root: Path) -> None:
    """No git command while a file git itself opens and reads in the work tree (``layout.GIT_FILES``) is not a
    regular file: a FIFO from a colleague's commit or a hand-made one makes every git command wait for ever."""
    import stat

    for name in GIT_FILES:
        try:
            st = os.stat(root / name)  # through a link too (an older git follows it)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            raise UserError("sec.not_regular", path=name)


def run(root: Path, *args: str, check: bool = True, env: Mapping[str, str] | None = None,
        input: str | None = None) -> subprocess.CompletedProcess[str]:
    _refuse_special(root)
    full_env = None
    if env is not None:
        full_env = {**os.environ, **env}
    proc = subprocess.run(
        ["git", *args],
        cwd=root,
        capture_output=True,
        # a path git prints is bytes: one that is not UTF-8 (a Latin-1 name copied from a Windows share) comes back
        # as Python names such a file (surrogate escapes), never as an internal error decoding git's output
        encoding="utf-8",
        errors="surrogateescape",
        env=full_env,
        input=input,
        check=False,
    )
    if check and proc.returncode != 0:
        raise git_error(proc)
    return proc


def last_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in (proc.stderr or proc.stdout or "").strip().splitlines() if ln.strip()]
    return lines[-1].strip() if lines else f"exit {proc.returncode}"


def git_error(proc: subprocess.CompletedProcess[str]) -> UserError:
    text = (proc.stderr or "") + (proc.stdout or "")
    m = re.search(r"Unable to create '([^']*index\.lock)': File exists", text)
    if m:
        return UserError("err.git_locked", path=m.group(1))
    return UserError("err.git", message=last_line(proc))


def is_repo(root: Path) -> bool:
    if not available():
        return False
    return run(root, "rev-parse", "--is-inside-work-tree", check=False).returncode == 0


def git_path(root: Path, name: str) -> Path:
    """A file inside the repository's git directory (``index.lock``, ``MERGE_HEAD``), worktrees included."""
    out = run(root, "rev-parse", "--git-path", name).stdout.strip()
    return (root / out).resolve() if not os.path.isabs(out) else Path(out)


def toplevel(root: Path) -> Path:
    return Path(run(root, "rev-parse", "--show-toplevel").stdout.strip())


def identity_args(root: Path) -> list[str]:
    """Commit even on a machine where git has no user configured (fresh CI, new laptop)."""
    out: list[str] = []
    if run(root, "config", "user.email", check=False).returncode != 0:
        out += ["-c", "user.email=bapascase@localhost"]
    if run(root, "config", "user.name", check=False).returncode != 0:
        out += ["-c", "user.name=bapascase"]
    return out


def config_get(root: Path, key: str) -> str | None:
    proc = run(root, "config", "--get", key, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


# -- the officer in a commit ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Officer:
    name: str
    nip: str | None = None

    def trailer(self) -> str:
        name = " ".join(self.name.split())  # one line, whatever was typed
        return f"{TRAILER}: {name} ({self.nip})" if self.nip else f"{TRAILER}: {name}"


_TRAILER_VALUE = re.compile(r"^(?P<name>.*?)(?:\s+\((?P<nip>[0-9 ]+)\))?\s*$")


def parse_officer(value: str) -> Officer | None:
    """The officer in an ``Officer:`` trailer's value (``Hendra Saputra (198503122010121002)``)."""
    m = _TRAILER_VALUE.match(value.strip())
    if not m or not m.group("name"):
        return None
    nip = m.group("nip")
    return Officer(m.group("name"), nip.replace(" ", "") if nip else None)


def with_officer(message: str, officer: Officer | None) -> str:
    return f"{message}\n\n{officer.trailer()}" if officer else message


# -- the index lock ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexLock:
    path: Path
    age_seconds: float
    git_running: bool

    @property
    def stale(self) -> bool:
        """Left behind by a git that stopped (killed, crashed, powered off): old, and no git is running."""
        return self.age_seconds >= STALE_LOCK_SECONDS and not self.git_running

    @property
    def minutes(self) -> int:
        return int(self.age_seconds // 60)


def _git_running(top: Path) -> bool:
    """Whether a git process is at work in this repository (Linux ``/proc``; elsewhere: assume not)."""
    proc_dir = Path("/proc")
    if not proc_dir.is_dir():
        return False
    top_s = str(top)
    for entry in proc_dir.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            comm = (entry / "comm").read_text().strip()
            if comm != "git" and not comm.startswith("git-"):
                continue
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if cwd == top_s or cwd.startswith(top_s + os.sep):
            return True
    return False


def index_lock(root: Path) -> IndexLock | None:
    """The repository's ``index.lock`` if one is there, with its age and whether a git is running."""
    path = git_path(root, "index.lock")
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return None
    return IndexLock(path, max(age, 0.0), _git_running(toplevel(root)))


def clear_index_lock(lock: IndexLock) -> None:
    with contextlib.suppress(FileNotFoundError):
        lock.path.unlink()


StaleHandler = Callable[[IndexLock], bool]


def wait_for_index(root: Path, on_stale: StaleHandler | None = None) -> None:
    """Return once git's index is free. Another program's git gets a few seconds to finish; a lock left by a
    git that died is removed only if ``on_stale`` agrees (asked on a terminal, or ``--force``), else the
    error names the file."""
    deadline = time.monotonic() + BUSY_WAIT_SECONDS
    while True:
        lock = index_lock(root)
        if lock is None:
            return
        if lock.stale:
            if on_stale is not None and on_stale(lock):
                clear_index_lock(lock)
                continue
            raise UserError("err.git_stale_lock", path=str(lock.path), minutes=lock.minutes)
        if time.monotonic() >= deadline:
            raise UserError("err.git_locked", path=str(lock.path))
        time.sleep(0.1)


# -- the commit lock -----------------------------------------------------------------------------------------


@contextlib.contextmanager
def commit_lock(root: Path, timeout: float = COMMIT_LOCK_TIMEOUT,
                on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """One bapascase process at a time commits (or syncs) in this casebook. ``on_wait`` is called once, at
    once, when another holds the lock (to say why nothing happens for a while)."""
    from filelock import FileLock, Timeout

    locks = root / STATE_DIR / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(locks / "commit.lock"), timeout=timeout)
    if on_wait is not None:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            on_wait()  # then waited for below
        else:
            try:
                yield
            finally:
                lock.release()
            return
    try:
        with lock:
            yield
    except Timeout:
        raise UserError("err.commit_busy") from None


# -- committing ----------------------------------------------------------------------------------------------


def _rel(root: Path, path: Path) -> str:
    return str(path.relative_to(root)) if path.is_absolute() else str(path)


def _retrying(root: Path, args: Sequence[str], on_stale: StaleHandler | None,
              input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a git command that writes the index; if another program's git holds it, wait and try again."""
    deadline = time.monotonic() + BUSY_WAIT_SECONDS
    while True:
        wait_for_index(root, on_stale)
        proc = run(root, *args, check=False, input=input)
        if proc.returncode == 0:
            return proc
        error = git_error(proc)
        if error.key != "err.git_locked" or time.monotonic() >= deadline:
            raise error
        time.sleep(0.1)


def commit_paths(root: Path, paths: Sequence[Path], message: str, officer: Officer | None = None,
                 on_stale: StaleHandler | None = None, locked: bool = False) -> bool:
    """Commit just these paths (added, changed or removed) when the casebook is a git repository. Other changes
    in the index or the work tree (an officer's own staging) are left as they are. ``locked``: the caller
    already holds the commit lock."""
    if not is_repo(root):
        return False
    rels = [_rel(root, p) for p in paths]
    if not rels:
        return False
    # the paths go to git on its standard input, NUL-separated (an import names 10,000 files: no command line
    # holds them, and any file name passes)
    spec = "\0".join(rels)
    from_stdin = ["--pathspec-from-file=-", "--pathspec-file-nul"]
    with contextlib.nullcontext() if locked else commit_lock(root):
        refuse_unfinished(root)
        _retrying(root, ["add", "-A", *from_stdin], on_stale, input=spec)
        if not _staged(root, rels):
            return False
        _retrying(root, [*identity_args(root), "commit", "-q", "-m", with_officer(message, officer), *from_stdin],
                  on_stale, input=spec)
    return True


# hooks ``git commit`` would run: where one is installed, new files are committed the ordinary way
_COMMIT_HOOKS = ("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-index-change",
                 "reference-transaction")
_PLAIN_PATH = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*$")
_FAST_REF = "refs/bapascase/batch"


def commit_new_files(root: Path, paths: Sequence[Path], message: str, officer: Officer | None = None,
                     on_stale: StaleHandler | None = None, contents: Sequence[bytes] | None = None) -> bool:
    """Commit files that are new (an import's 10,000 ``case.yaml``): the same commit ``commit_paths`` makes (the
    same tree, message, trailer and identity; the files staged in the index too), built in one pack by ``git
    fast-import`` instead of 10,000 loose blobs and 10,000 loose trees. The blobs are checked against what
    ``git add`` stages (a clean filter, an ``ident`` or an encoding attribute would change them) before the
    branch moves; where that differs, or hooks or signing are set up, or HEAD is detached or unborn, the commit is
    made the ordinary way. ``contents``: the bytes just written to each path (else they are read)."""
    if not is_repo(root):
        return False
    rels = [_rel(root, p) for p in paths]
    if not rels:
        return False
    with commit_lock(root):
        refuse_unfinished(root)
        made = _fast_commit(root, paths, rels, message, officer, on_stale, contents)
        if made is not None:
            return made
        return commit_paths(root, paths, message, officer=officer, on_stale=on_stale, locked=True)


def _fast_commit(root: Path, paths: Sequence[Path], rels: list[str], message: str, officer: Officer | None,
                 on_stale: StaleHandler | None, contents: Sequence[bytes] | None = None) -> bool | None:
    """The commit through fast-import, or None where it must be made the ordinary way (nothing changed then but
    unreferenced objects, which git's gc removes, and the index, which ``git add`` stages the same way)."""
    import hashlib

    prefix = run(root, "rev-parse", "--show-prefix").stdout.strip()  # a casebook inside a larger repository
    full = [prefix + r for r in rels]
    if not all(_PLAIN_PATH.match(r) for r in full):
        return None
    if run(root, "symbolic-ref", "-q", "HEAD", check=False).returncode != 0:
        return None  # detached
    head = run(root, "rev-parse", "-q", "--verify", "HEAD^{commit}", check=False)
    if head.returncode != 0:
        return None  # no commit yet
    parent = head.stdout.strip()
    settings = run(root, "config", "--get-regexp", r"^(core\.hookspath|commit\.gpgsign|i18n\.commitencoding)$",
                   check=False).stdout.strip()
    if settings:
        return None
    hooks = Path(run(root, "rev-parse", "--git-path", "hooks").stdout.strip())
    if not hooks.is_absolute():
        hooks = root / hooks
    if any(os.access(hooks / name, os.X_OK) for name in _COMMIT_HOOKS):
        return None
    ident = identity_args(root)
    author = run(root, *ident, "var", "GIT_AUTHOR_IDENT").stdout.strip()
    committer = run(root, *ident, "var", "GIT_COMMITTER_IDENT").stdout.strip()
    text = run(root, "stripspace", input=with_officer(message, officer)).stdout  # as ``git commit -m`` cleans it
    if not text.strip():
        return None
    stream: list[bytes] = []
    want: dict[str, str] = {}
    for n, (path, rel) in enumerate(zip(paths, full, strict=True), 1):
        if contents is not None:
            data = contents[n - 1]
        else:
            with open(path, "rb") as fh:
                data = fh.read()
        want[rel] = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        stream.append(b"blob\nmark :%d\ndata %d\n%s\n" % (n, len(data), data))
    body = text.encode("utf-8")
    stream.append(b"commit %s\nauthor %s\ncommitter %s\ndata %d\n%s\nfrom %s\n" % (
        _FAST_REF.encode(), author.encode("utf-8"), committer.encode("utf-8"), len(body), body, parent.encode()))
    stream.extend(b"M 100644 :%d %s\n" % (n, rel.encode()) for n, rel in enumerate(full, 1))
    stream.append(b"\ndone\n")
    _refuse_special(root)
    proc = subprocess.run(["git", "fast-import", "--quiet", "--done", "--force"], cwd=root, input=b"".join(stream),
                          capture_output=True, check=False)
    if proc.returncode != 0:
        return None
    try:
        # stage them as ``git add`` does (its filters applied; the blobs are in the pack already, none written)
        _retrying(root, ["update-index", "--add", "-z", "--stdin"], on_stale, input="\0".join(rels) + "\0")
        staged = run(root, "ls-files", "-s", "-z", "--full-name").stdout.split("\0")
        index = {item.split("\t", 1)[1]: item.split()[1] for item in staged if "\t" in item}
        if any(index.get(rel) != sha for rel, sha in want.items()):
            return None  # git add stores other bytes: the ordinary commit
        made = run(root, "rev-parse", "--verify", _FAST_REF).stdout.strip()
        subject = text.split("\n", 1)[0]
        run(root, "update-ref", "-m", f"commit: {subject}", "HEAD", made, parent)
    finally:
        run(root, "update-ref", "-d", _FAST_REF, check=False)
    return True


def refuse_unfinished(root: Path) -> None:
    """No commit (and nothing staged) while git has a merge or a rebase open, or HEAD is detached: a file staged
    during a merge is deleted by ``git merge --abort``, a commit made during a rebase or on a detached HEAD is left
    behind by ``git rebase --abort`` or the next ``git switch``. The file stays saved in the work tree, and the
    ``sync`` that finishes the merge commits it. Checked under the commit lock (a sync starts merges under it)."""
    state = in_progress(root)
    if state:
        raise UserError("err.commit_unfinished", state=state)
    if run(root, "symbolic-ref", "-q", "HEAD", check=False).returncode != 0:
        raise UserError("err.commit_detached", branch=branch_hint(root))


def branch_hint(root: Path) -> str:
    """The branch an officer on a detached HEAD most likely means: the one HEAD was last on (the reflog), else the
    only local branch, else git's ``init.defaultBranch``, else ``main``."""
    proc = run(root, "reflog", "-n", "50", "--format=%gs", "HEAD", check=False)
    for line in proc.stdout.splitlines():
        m = re.match(r"checkout: moving from (\S+) to ", line)
        if m and run(root, "show-ref", "-q", "--verify", f"refs/heads/{m.group(1)}", check=False).returncode == 0:
            return m.group(1)
    branches = run(root, "for-each-ref", "--format=%(refname:short)", "refs/heads", check=False).stdout.split()
    if len(branches) == 1:
        return branches[0]
    return config_get(root, "init.defaultBranch") or ("main" if "main" in branches or not branches else branches[0])


def _staged(root: Path, rels: Sequence[str]) -> bool:
    """Whether any of these paths differs in the index from the last commit (``diff --cached`` takes no pathspec
    file: the staged names are asked for and matched here, a folder matching what lies under it)."""
    proc = run(root, "-c", "core.quotePath=false", "diff", "--cached", "--name-only", "--no-renames", "-z",
               "--relative")
    staged = [name for name in proc.stdout.split("\0") if name]
    if not staged:
        return False
    wanted = set(rels)
    folders = tuple(r.rstrip("/") + "/" for r in rels)
    return any(name in wanted or name.startswith(folders) for name in staged)


def init(root: Path) -> None:
    """A new repository in ``root`` (nothing committed: the caller commits what it created)."""
    run(root, "init", "-q")


# -- what is not committed -----------------------------------------------------------------------------------


def status(root: Path, pathspecs: Sequence[str]) -> list[tuple[str, str]]:
    """``(XY, path)`` for every changed or untracked file under ``pathspecs`` (paths relative to ``root``), read
    without taking git's optional locks (``check`` only reads)."""
    proc = run(root, "--no-optional-locks", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--",
               *pathspecs)
    prefix = run(root, "rev-parse", "--show-prefix").stdout.strip()  # a casebook inside a larger repository
    out: list[tuple[str, str]] = []
    parts = proc.stdout.split("\0")
    i = 0
    while i < len(parts):
        item = parts[i]
        i += 1
        if len(item) < 4:
            continue
        xy, path = item[:2], item[3:]
        if "R" in xy or "C" in xy:
            i += 1  # the original name of a rename follows
        out.append((xy, path.removeprefix(prefix)))
    return out


def in_progress(root: Path) -> str | None:
    """``merge`` or ``rebase`` when one was left unfinished in this repository, else None."""
    if run(root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0:
        return "merge"
    for name in ("rebase-merge", "rebase-apply"):
        if git_path(root, name).exists():
            return "rebase"
    return None
