"""A batch of new cases (``import``) placed whole or not at all, even when the process is killed part-way.

The cases are written into one hidden staging folder of ``cases/`` (``.staging-XXXX/<case id>/case.yaml``), each
file written once without a temp file of its own: nothing looks inside the staging folder, which is the unit made
durable (one sync for the whole batch). Then a **journal** naming every case of the batch is written atomically to
``.bapascase/journals/<staging folder>.json``: that is the moment the batch is decided. The cases are renamed into
``cases/`` one by one; the caseload index takes their rows and git commits them; only then is the journal removed.

Each batch holds a lock (``.bapascase/journals/<staging folder>.lock``) from before its staging folder is made
until it is done, so a batch of a command still running is never touched, and one whose command died is known
without looking through ``cases/``. The next writing command (``recover``: from every case lock, ``import``,
``sync``, ``commit_saved`` (so after ``new``, ``officers``...) and ``check --fix``) finishes what a kill left:

- killed before the journal: nothing was placed; the staging folder is removed (the batch is taken back);
- killed after it: the rest is placed, the index rows refreshed and the batch's one commit made (none when it was
  made already). Should a case of the journal be missing (a failure that was taking the batch back was itself
  stopped), the batch is taken back instead: its placed cases are removed.

So a batch ends with all of its cases or none. A plain ``check`` only reports a journal (``pending``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import UserError

if TYPE_CHECKING:
    from bapascase.model.base import Doc
    from bapascase.store.casebook import Casebook

JOURNALS = "journals"
JOURNAL_VERSION = 1


def journals_dir(book: Casebook) -> Path:
    return book.state_dir / JOURNALS


def _journal_files(book: Casebook, suffix: str = ".json") -> list[Path]:
    try:
        with os.scandir(journals_dir(book)) as it:
            return sorted(Path(e.path) for e in it if e.name.endswith(suffix) and e.is_file(follow_symlinks=False))
    except OSError:
        return []


def _lock(journal: Path) -> Any:
    from filelock import FileLock

    return FileLock(str(journal.with_suffix(".lock")))


@dataclass
class Batch:
    """A batch placed in ``cases/`` whose journal is still there: ``finish()`` once indexed and committed."""

    book: Casebook
    journal: Path
    staging: Path
    cases: list[tuple[str, Path]]  # (case id, path of its document)
    lock: Any
    texts: list[str] = field(default_factory=list)  # each document's text as written (indexed and committed as is)

    def finish(self) -> None:
        """The batch is done: its journal goes (the decision is carried out), then the empty staging folder."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.journal)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.release()

    def release(self) -> None:
        self.lock.release()
        with contextlib.suppress(OSError):
            os.unlink(self.journal.with_suffix(".lock"))


def _write_new(path: Path, raw: bytes) -> None:
    """A new file inside the staging folder, written once (no temp file: the staging folder is the atomic unit,
    and no fsync: the batch is made durable by one sync). The folder is this command's own (made by it, private):
    a file there is one a copy of this process began and died in (see ``fork_map``), and is written again."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def write_batch(book: Casebook, docs: list[tuple[Callable[[], str], str, Doc]], *, message: str,
                officer: tuple[str, str | None] | None = None,
                step: Callable[[int], None] | None = None) -> Batch:
    """Write these new cases and place them all (see the module). ``message``/``officer``: the commit a recovery
    makes for the batch. A failure before every case is placed (a full disk) takes the batch back whole."""
    import secrets

    from bapascase.model.registry import spec
    from bapascase.store.atomic import atomic_write, fsync_dir, sync_all
    from bapascase.store.casebook import STAGING_PREFIX, free_case_id
    from bapascase.store.forkmap import fork_map

    cases_dir = book.cases_dir
    cases_dir.mkdir(parents=True, exist_ok=True)
    staging = cases_dir / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
    planned: list[tuple[str, Path]] = []
    texts: list[str] = []
    journal = journals_dir(book) / f"{staging.name}.json"
    journal.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(journal)
    lock.acquire()  # before the staging folder exists: a folder whose lock is free was left by a dead command
    try:
        os.mkdir(staging, 0o700)
        taken: set[str] = set()
        plan: list[tuple[str, str, Doc, Path]] = []
        for make_id, stage, doc in docs:
            case_id = free_case_id(make_id, lambda c: c in taken or os.path.lexists(cases_dir / c))
            taken.add(case_id)
            name = spec(stage).file
            assert name is not None
            final = cases_dir / case_id / name  # the header's schema path is relative to it
            plan.append((case_id, stage, doc, final))
            planned.append((case_id, final))

        def stage_run(run: Sequence[tuple[str, str, Doc, Path]]) -> list[str]:
            """Each case of a run written into the staging folder; the texts written."""
            out = []
            for case_id, stage, doc, final in run:
                folder = staging / case_id
                with contextlib.suppress(FileExistsError):  # a run worked again here after its copy died
                    os.mkdir(folder)
                text = book.render_doc(final, stage, doc)
                _write_new(folder / final.name, text.encode("utf-8"))
                out.append(text)
            return out

        # thousands of new cases: the emitter's work and the file system's (a folder and a file each, slow on
        # some disks) are shared among the cores; the results, and their order, are one process's
        texts.extend(fork_map(stage_run, plan, progress=None if step is None else lambda done, _total: step(done)))
        sync_all()  # every file above reaches the disk before the journal decides the batch (one sync, not n)
        fsync_dir(staging)
        record = {"version": JOURNAL_VERSION, "staging": staging.name, "message": message,
                  "officer": list(officer) if officer else None,
                  "cases": [[cid, path.name] for cid, path in planned]}
        atomic_write(journal, json.dumps(record, ensure_ascii=False))  # the decision: durable, whole or absent
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        lock.release()
        with contextlib.suppress(OSError):
            os.unlink(journal.with_suffix(".lock"))
        raise
    batch = Batch(book, journal, staging, planned, lock, texts)
    try:
        _place(book, staging, [cid for cid, _ in planned])
    except BaseException:
        _take_back(book, journal, staging, [cid for cid, _ in planned])
        batch.release()
        raise
    # written whole from validated documents by the emitter: the tool's normal form, stamped as is (store.stamps;
    # best effort: an unstamped file is only validated again when read)
    from bapascase.store import stamps

    stamps.record_written(book, [path for _, path in planned])
    return batch


def _place(book: Casebook, staging: Path, ids: list[str]) -> None:
    """Rename every staged case into ``cases/`` (those placed already are skipped), then make it durable."""
    from bapascase.store.atomic import fsync_dir

    cases_dir = book.cases_dir
    for case_id in ids:
        source = staging / case_id
        if not os.path.lexists(source):
            continue  # placed before a kill
        try:
            os.rename(source, cases_dir / case_id)  # refuses a folder that appeared meanwhile with content
        except OSError as exc:
            if os.path.lexists(cases_dir / case_id):
                raise UserError("err.case_exists", case=case_id) from None
            raise exc from None
    fsync_dir(cases_dir)


def _take_back(book: Casebook, journal: Path, staging: Path, ids: list[str]) -> None:
    """Undo a batch: its placed cases first (the journal still names them, so a kill here is taken back again by
    ``recover``), then the journal, then the staging folder. Only removals: it works on a full disk."""
    for case_id in reversed(ids):
        if os.path.lexists(staging / case_id):
            continue  # never placed
        shutil.rmtree(book.cases_dir / case_id, ignore_errors=True)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(journal)
    shutil.rmtree(staging, ignore_errors=True)


# -- after a kill -------------------------------------------------------------------------------------------------


@dataclass
class Pending:
    """A journal left by a batch that was stopped: ``placed`` of ``total`` cases are in ``cases/``."""

    journal: Path
    staging: str
    total: int
    placed: int


def _read(journal: Path) -> dict[str, Any] | None:
    from bapascase.store.textfiles import read_text

    try:
        record = json.loads(read_text(journal))
    except (UserError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("version") != JOURNAL_VERSION:
        return None
    cases = record.get("cases")
    staging = record.get("staging")
    from bapascase.store.casebook import STAGING_PREFIX, valid_case_id

    if not (isinstance(staging, str) and staging.startswith(STAGING_PREFIX) and "/" not in staging
            and isinstance(cases, list) and all(isinstance(c, list) and len(c) == 2 and isinstance(c[0], str)
                                                and valid_case_id(c[0]) and c[1] == "case.yaml" for c in cases)):
        return None
    return record


def pending(book: Casebook) -> list[Pending]:
    """The journals of stopped batches (what a plain ``check`` reports; nothing is changed)."""
    out = []
    for journal in _journal_files(book):
        record = _read(journal)
        if record is None:
            out.append(Pending(journal, "", 0, 0))
            continue
        ids = [c[0] for c in record["cases"]]
        staging = book.cases_dir / record["staging"]
        placed = sum(1 for cid in ids if not os.path.lexists(staging / cid)
                     and os.path.isfile(book.cases_dir / cid / "case.yaml"))
        out.append(Pending(journal, record["staging"], len(ids), placed))
    return out


@dataclass
class Recovered:
    journal: str
    forward: bool  # True: placed whole; False: taken back whole
    cases: list[str]
    committed: bool = False


def recover(book: Casebook, *, commit_locked: bool = False) -> list[Recovered]:
    """Finish every batch a kill left half done (see the module): forward when every case of its journal is still
    whole (staged or placed), else back. Its index rows are refreshed and, forward, its one commit is made when
    the casebook commits automatically (none when it was made already). A journal held by a running command is
    left to it. Cheap when there is nothing to do (one listing of ``.bapascase/journals``)."""
    locks = _journal_files(book, ".lock")
    journals = _journal_files(book)
    if not journals and not locks:
        return []
    from filelock import Timeout

    from bapascase.store.casebook import STAGING_PREFIX

    done: list[Recovered] = []
    # a batch killed before its journal: nothing placed, its staging folder goes
    for path in locks:
        journal = path.with_suffix(".json")
        if journal in journals or not path.stem.startswith(STAGING_PREFIX):
            continue
        lock = _lock(journal)
        try:
            lock.acquire(timeout=0)
        except (Timeout, OSError):
            continue
        try:
            if not journal.exists():
                shutil.rmtree(book.cases_dir / path.stem, ignore_errors=True)
        finally:
            lock.release()
            with contextlib.suppress(OSError):
                os.unlink(path)
    for journal in journals:
        lock = _lock(journal)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # a batch still being placed by a running command
        except OSError:
            continue
        try:
            if not journal.exists():  # finished meanwhile
                continue
            done.append(_recover_one(book, journal, commit_locked))
        finally:
            lock.release()
            with contextlib.suppress(OSError):
                os.unlink(journal.with_suffix(".lock"))
    return done


def _recover_one(book: Casebook, journal: Path, commit_locked: bool) -> Recovered:
    from bapascase.store import index

    record = _read(journal)
    if record is None:  # not a journal bapascase wrote whole (it writes them atomically): nothing can be decided
        os.unlink(journal)
        return Recovered(book.rel(journal), False, [])
    staging = book.cases_dir / record["staging"]
    ids = [c[0] for c in record["cases"]]
    whole = all(os.path.isfile(staging / cid / "case.yaml") or
                (not os.path.lexists(staging / cid) and os.path.isfile(book.cases_dir / cid / "case.yaml"))
                for cid in ids)
    if not whole:
        _take_back(book, journal, staging, ids)
        index.refresh(book, ids)
        return Recovered(book.rel(journal), False, ids)
    _place(book, staging, ids)
    index.refresh(book, ids)
    committed = _commit(book, record, ids, commit_locked)
    os.unlink(journal)
    shutil.rmtree(staging, ignore_errors=True)
    return Recovered(book.rel(journal), True, ids, committed)


def _commit(book: Casebook, record: dict[str, Any], ids: list[str], locked: bool) -> bool:
    from bapascase.errors import BapascaseError
    from bapascase.store import git

    try:
        if not book.settings.auto_commit:
            return False
    except BapascaseError:
        return False
    officer = record.get("officer")
    who = (git.Officer(str(officer[0]), str(officer[1]) if officer[1] else None)
           if isinstance(officer, list) and len(officer) == 2 and officer[0] else None)
    paths = [book.cases_dir / cid / "case.yaml" for cid in ids]
    try:
        return git.commit_paths(book.root, paths, str(record.get("message") or "import"), officer=who, locked=locked)
    except UserError:
        return False  # saved whatever git says: the next ``sync`` commits them
