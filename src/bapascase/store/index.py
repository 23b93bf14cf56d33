"""The caseload index: one summary per case, kept in ``.bapascase/index.sqlite3`` and refreshed by file stamps.

Only cases whose files changed since the last run are read again, so ``list``, ``find``, ``due`` and ``stats``
stay fast with thousands of cases; every write through bapascase updates its case's row itself
(``refresh``, called where a command saves), so the first read after a write is as fast as any other. The
index is SQLite (standard library): the read commands go through the rows one at a time instead of holding a
whole JSON copy of the caseload in memory. The cache is derived data: deleting it loses nothing, and a file
that is not a readable index is set aside and built again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import BapascaseError
from bapascase.model import derive, records
from bapascase.model.registry import SPECS, Stage
from bapascase.store.casebook import Casebook
from bapascase.store.gcpause import gc_paused
from bapascase.store.layout import CASES_DIR
from bapascase.store.naming import entry_sort_key
from bapascase.store.textfiles import resolves_inside

if TYPE_CHECKING:
    import sqlite3

# yamlio (PyYAML) is imported where used: a warm index reads no YAML at all

INDEX_VERSION = 10
INDEX_FILE = "index.sqlite3"
# what one case's row can take: an index larger than the casebook's number of cases explains is not read (it is
# built again), so a huge file there never costs more than a glance
INDEX_BASE_BYTES = 1024 * 1024
INDEX_BYTES_PER_CASE = 64 * 1024
_FOLDERS = {s.folder: s.name for s in SPECS if s.folder}
_FILES = {s.file: s.name for s in SPECS if s.file}

RiskFn = Callable[[Casebook, dict[str, Any], Any], str | None]


def _default_risk(book: Casebook, assessment: dict[str, Any], case: Any) -> str | None:
    try:
        from bapascase.store.instrument_files import risk_category
    except ImportError:  # the instrument engine is optional for the index
        return None
    result: str | None = risk_category(book, assessment, case)
    return result


def _signature(folder: str | Path) -> list[Any]:
    """The case's document files with their stamps. A symbolic link that leads out of the case folder is left
    out (never read; ``check`` reports it), as is anything that is not a regular file or folder."""
    sig: list[Any] = []
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        if e.name.startswith(".") or (e.is_symlink() and not resolves_inside(e.path, folder)):
            continue
        if e.is_dir():
            if e.name in _FOLDERS:
                with os.scandir(e.path) as sub:
                    for s in sorted(sub, key=lambda x: entry_sort_key(x.name)):
                        if (s.name.endswith(".yaml") and not s.name.startswith(".")
                                and (not s.is_symlink() or resolves_inside(s.path, folder)) and s.is_file()):
                            st = s.stat()
                            sig.append([f"{e.name}/{s.name}", st.st_mtime_ns, st.st_size])
        elif e.name.endswith(".yaml") and e.is_file():
            st = e.stat()
            sig.append([e.name, st.st_mtime_ns, st.st_size])
    return sig


def _load(path: str, source: str, strict: bool = False) -> Any:
    """A case file as a dict, or None when it holds no mapping. A file that cannot be parsed is None too, unless
    ``strict`` (then its DataError names the file, as ``source``, and line)."""
    from bapascase.store import yamlio

    try:
        data = yamlio.load_light(path, source)
    except (BapascaseError, OSError, UnicodeDecodeError):
        if strict:
            raise
        return None
    return data if isinstance(data, dict) else None


def _loads(text: str, source: str) -> Any:
    """``_load`` of a file's text a writer has in hand (what it has just written: the same parse, no read)."""
    from bapascase.store import yamlio

    try:
        data = yamlio.loads_light(text, source)
    except BapascaseError:
        return None
    return data if isinstance(data, dict) else None


def summarize_case(book: Casebook, case_id: str, sig: list[Any], risk_fn: RiskFn = _default_risk,
                   strict: bool = False, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Read the case's files (those in ``sig``) as plain dicts and summarize them (``model.derive``). One file
    that cannot be parsed never breaks the caseload; with ``strict`` (one case shown) it is reported."""
    folder = os.path.join(book.cases_dir, case_id)  # plain strings: pathlib would cost more than the YAML
    docs: dict[str, list[Any]] = {}
    for rel, _mtime, _size in sig:
        stage = _FOLDERS.get(rel.split("/", 1)[0]) if "/" in rel else _FILES.get(rel)
        if stage:  # an unreadable file still counts as recorded (``check`` says what is wrong with it)
            source = f"{CASES_DIR}/{case_id}/{rel}"
            text = texts.get(rel) if texts else None
            docs.setdefault(stage, []).append(_load(os.path.join(folder, rel), source, strict) if text is None
                                              else _loads(text, source))
    rec = records.case_record(docs)
    assessments = records.by_date([a for a in docs.get(Stage.ASSESSMENT, []) if a is not None], Stage.ASSESSMENT)
    case = next(iter(docs.get(Stage.CASE) or ()), None)
    risk = [r for r in (risk_fn(book, a, case) for a in assessments) if r]
    return derive.summarize(case_id, rec, risk)

def _sig_text(sig: list[Any]) -> str:
    """The stamps of a case's files as one string (what the index row keeps and compares)."""
    return "\n".join(f"{rel}\t{mtime}\t{size}" for rel, mtime, size in sig)


def _key() -> str:
    """What every row depends on besides its own files: the index format and the programme rules (the derived
    end dates follow them, so a changed rule file makes every summary stale)."""
    from bapascase.model.programmes import stamp as programmes_stamp

    return json.dumps([INDEX_VERSION, programmes_stamp()])


# name: the client's, for shell completion (read without decoding any summary); check: a CRC-32 of the row's stamps
# and summary, so a row damaged or edited by hand is not trusted (the case is read again)
_CASES_TABLE = ("CREATE TABLE cases (id TEXT PRIMARY KEY, sig TEXT NOT NULL, summary TEXT NOT NULL, name TEXT, "
                "check_ INTEGER)")
# the keys of every summary (a row of another shape is not trusted either)
_SUMMARY_KEYS = frozenset(derive.summarize("", records.CaseRecord()))


def _connect(path: Path) -> sqlite3.Connection:
    import sqlite3

    con = sqlite3.connect(path, timeout=5, isolation_level=None)
    try:
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute(_CASES_TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"))
    except BaseException:
        con.close()
        raise
    return con


def _usable_file(path: Path, max_bytes: int | None, create: bool) -> bool:
    """Whether the index file may be opened: a regular file (never a link, which could lead out of the casebook,
    nor a pipe or device, which would hang or feed a reader forever), at most ``max_bytes``. A writer removes
    whatever else is there (it is derived data) so that a good index is built in its place; a folder is left
    alone (then the cases are read without an index)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return create
    except OSError:
        return False
    if stat.S_ISREG(st.st_mode) and (max_bytes is None or st.st_size <= max_bytes):
        return True
    if not create or stat.S_ISDIR(st.st_mode):
        return False
    try:
        path.unlink()
    except OSError:
        return False
    return True


def _open(book: Casebook, create: bool, max_bytes: int | None = None) -> sqlite3.Connection | None:
    """The index database, its tables made; None where it cannot be had (a read-only casebook; a file that is not
    an index, which a writer removes so that a good one is built in its place: see ``_usable_file``)."""
    import sqlite3

    path = book.state_dir / INDEX_FILE
    try:
        if create:
            book.state_dir.mkdir(exist_ok=True)
    except OSError:
        return None
    if not _usable_file(path, max_bytes, create):
        return None
    try:
        return _connect(path)
    except sqlite3.DatabaseError:
        if not create:
            return None
        _remove(path)
    except (OSError, sqlite3.Error):
        return None
    try:
        return _connect(path)
    except (OSError, sqlite3.Error):
        return None


def _remove(path: Path) -> None:
    """Set a damaged index aside (it is built again): the file and what SQLite keeps beside it."""
    for name in (path.name, f"{path.name}-journal", f"{path.name}-wal", f"{path.name}-shm"):
        with contextlib.suppress(OSError):
            (path.parent / name).unlink()


def _current(con: sqlite3.Connection, key: str) -> bool:
    """True when the rows were made under ``key``; else they are dropped (inside the caller's transaction)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
    if row is not None and row[0] == key:
        return True
    con.execute("DROP TABLE IF EXISTS cases")  # an earlier format may have other columns
    con.execute(_CASES_TABLE)
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('key', ?)", (key,))
    return False


def row_check(sig: str, summary: str) -> int:
    """The CRC-32 a row keeps of its stamps and its summary."""
    return zlib.crc32(summary.encode("utf-8"), zlib.crc32(sig.encode("utf-8")))


def _row(case_id: str, sig: str, summary: dict[str, Any]) -> tuple[str, str, str, str, int]:
    text = json.dumps(summary, ensure_ascii=False)
    return case_id, sig, text, str(summary.get("name") or ""), row_check(sig, text)


_INSERT = "INSERT OR REPLACE INTO cases (id, sig, summary, name, check_) VALUES (?, ?, ?, ?, ?)"


def _summary(sig: str, text: str, check: Any) -> dict[str, Any] | None:
    """A row's summary, or None when the row is not to be trusted (damaged, edited, of another shape)."""
    if not isinstance(text, str) or not isinstance(sig, str) or check != row_check(sig, text):
        return None
    try:
        found = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return found if isinstance(found, dict) and found.keys() == _SUMMARY_KEYS else None


def _begin(book: Casebook, write: bool, max_bytes: int) -> tuple[sqlite3.Connection | None, dict[str, str]]:
    """The index opened inside a transaction, with the stamps of its rows. A file SQLite finds damaged (cut
    short, overwritten) is removed by a writer and built again from the cases; a reader goes without it."""
    import sqlite3

    for _attempt in range(2):
        con = _open(book, create=write, max_bytes=max_bytes)
        if con is None:
            return None, {}
        try:
            con.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            if _current(con, _key()) or not write:
                return con, {cid: sig for cid, sig in con.execute("SELECT id, sig FROM cases")
                             if isinstance(cid, str) and isinstance(sig, str)}
            return con, {}
        except sqlite3.DatabaseError as exc:
            con.close()
            if not write or isinstance(exc, sqlite3.OperationalError):  # busy, locked, read-only: not damage
                return None, {}
            _remove(book.state_dir / INDEX_FILE)
        except sqlite3.Error:
            con.close()
            return None, {}
    return None, {}


def iter_index(book: Casebook, risk_fn: RiskFn = _default_risk, write: bool = True) -> Iterator[dict[str, Any]]:
    """Summaries of every case in case-id order, refreshing only what changed on disk. The rows are read one at a
    time: a caller that keeps only some of them never holds the whole caseload. An index that is damaged,
    edited, too big for the caseload or not a regular file is never trusted (see ``_usable_file``, ``_begin``,
    ``_summary``): the cases are read again."""
    import sqlite3

    ids = book.case_ids()
    cases_dir = str(book.cases_dir)  # plain strings: pathlib costs more than the scan itself at 10,000 cases
    con, known = _begin(book, write, INDEX_BASE_BYTES + INDEX_BYTES_PER_CASE * len(ids))
    fresh: dict[str, dict[str, Any]] = {}  # summaries made now (all of them without a usable index)
    try:
        sigs: dict[str, str] = {}
        with gc_paused():  # a cold index summarizes every case: no cycles, and the collector's time grew as n²
            for case_id in ids:
                try:
                    sig = _signature(os.path.join(cases_dir, case_id))
                except OSError:
                    continue
                text = _sig_text(sig)
                sigs[case_id] = text
                if known.get(case_id) != text:
                    fresh[case_id] = summarize_case(book, case_id, sig, risk_fn)
        if con is not None and write:
            try:
                gone = [(cid,) for cid in known if cid not in sigs]
                con.executemany("DELETE FROM cases WHERE id = ?", gone)
                con.executemany(_INSERT, [_row(cid, sigs[cid], s) for cid, s in fresh.items()])
                con.execute("COMMIT")
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    con.execute("ROLLBACK")
        elif con is not None:
            with contextlib.suppress(sqlite3.Error):
                con.execute("ROLLBACK")
        del known
        if con is not None:
            try:
                rows = con.execute("SELECT id, sig, summary, check_ FROM cases ORDER BY id")
            except sqlite3.Error:
                rows = None
            while rows is not None:
                try:
                    row = rows.fetchone()
                except sqlite3.Error:  # damaged past its first pages: the rest is read from the cases
                    break
                if row is None:
                    break
                case_id, sig, text, check = row
                if case_id not in sigs:
                    continue
                summary = fresh.get(case_id)
                if summary is None and sig == sigs[case_id]:
                    summary = _summary(sig, text, check)
                if summary is None:  # a damaged or edited row: read the case again
                    summary = summarize_case(book, case_id, _signature(os.path.join(cases_dir, case_id)), risk_fn)
                yield summary
                sigs.pop(case_id)
        for case_id in sigs:  # rows not written (no index, or it is busy or read-only)
            if case_id in fresh:
                yield fresh[case_id]
            else:
                yield summarize_case(book, case_id, _signature(os.path.join(cases_dir, case_id)), risk_fn)
    finally:
        if con is not None:
            con.close()


def load_index(book: Casebook, risk_fn: RiskFn = _default_risk, write: bool = True) -> list[dict[str, Any]]:
    """Summaries of every case, refreshing only what changed on disk."""
    return list(iter_index(book, risk_fn, write))


def refresh(book: Casebook, case_ids: Iterable[str], risk_fn: RiskFn = _default_risk,
            texts: Mapping[str, Mapping[str, str]] | None = None) -> None:
    """Bring these cases' rows up to date after bapascase wrote to them (one transaction), so the next read
    command finds the index current. A case folder that is gone loses its row. Best effort: the index is a
    cache, and the read commands check every stamp anyway. ``texts``: case id -> {file in the case: the text
    just written to it} (``import``: its 10,000 files are parsed from memory, not read back)."""
    import sqlite3

    wanted = sorted({c for c in case_ids if c})
    if not wanted:
        return
    con = _open(book, create=True)
    if con is None:
        return
    try:
        rows = []
        gone = []
        for case_id in wanted:
            folder = os.path.join(str(book.cases_dir), case_id)
            try:
                sig = _signature(folder)
            except OSError:
                gone.append((case_id,))
                continue
            rows.append(_row(case_id, _sig_text(sig), summarize_case(book, case_id, sig, risk_fn,
                                                                     texts=texts.get(case_id) if texts else None)))
        con.execute("BEGIN IMMEDIATE")
        _current(con, _key())
        con.executemany("DELETE FROM cases WHERE id = ?", gone)
        con.executemany(_INSERT, rows)
        con.execute("COMMIT")
    except sqlite3.Error:
        with contextlib.suppress(sqlite3.Error):
            con.execute("ROLLBACK")
    finally:
        con.close()


def names(book: Casebook, prefix: str = "") -> dict[str, str]:
    """Client name by case id (those starting with ``prefix``), as the index holds them (shell completion: no
    YAML read, no row refreshed)."""
    import sqlite3

    con = _open(book, create=False)
    if con is None:
        return {}
    try:
        rows = con.execute("SELECT id, name FROM cases WHERE substr(id, 1, ?) = ?", (len(prefix), prefix))
        return {cid: str(name or "") for cid, name in rows if isinstance(cid, str)}
    except sqlite3.Error:
        return {}
    finally:
        con.close()


def case_of(book: Casebook, path: Path) -> str | None:
    """The case a saved stage document belongs to (``cases/<id>/...yaml``), else None."""
    try:
        rel = Path(path).resolve().relative_to(book.cases_dir.resolve())
    except ValueError:
        return None
    return rel.parts[0] if len(rel.parts) > 1 and rel.suffix == ".yaml" else None


def summary_of(book: Casebook, case_id: str, risk_fn: RiskFn = _default_risk, strict: bool = False
               ) -> dict[str, Any]:
    return summarize_case(book, case_id, _signature(book.case_dir(case_id)), risk_fn, strict)


def with_dated_facts(book: Casebook, summaries: list[dict[str, Any]], today: dt.date) -> list[dict[str, Any]]:
    """Summaries completed with the facts of the day (``model.derive.dated``): age, days left, next report."""
    interval = book.settings.defaults.wajib_lapor_interval_days
    for s in summaries:
        s.update(derive.dated(s, today, interval))
    return summaries


def caseload(book: Casebook, today: dt.date) -> list[dict[str, Any]]:
    """Every case's summary as of ``today``: what ``list``, ``due`` and ``stats`` show."""
    return with_dated_facts(book, load_index(book), today)


def iter_caseload(book: Casebook, today: dt.date) -> Iterator[dict[str, Any]]:
    """``caseload`` one summary at a time (a caller that keeps a few fields of each holds less)."""
    interval = book.settings.defaults.wajib_lapor_interval_days
    for s in iter_index(book):
        s.update(derive.dated(s, today, interval))
        yield s


def case_facts(book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
    """One case's summary as of ``today``: what ``show`` starts from."""
    return with_dated_facts(book, [summary_of(book, case_id, strict=True)], today)[0]
