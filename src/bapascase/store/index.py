"""The caseload index: one summary per case, kept in ``.bapascase/index.sqlite3`` and refreshed by file stamps.

Only cases whose files changed since the last run are read again, so ``list``, ``find``, ``due`` and ``stats``
stay fast with thousands of cases; every write through bapascase updates its case's row itself
(``refresh``, called where a command saves), so the first read after a write is as fast as any other. The
index is SQLite (standard library): the read commands go through the rows one at a time instead of holding a
whole JSON copy of the caseload in memory. The cache is derived data: deleting it loses nothing, and a file
that is not a readable index is set aside and built again.

A case is known unchanged by one ``stat`` of each folder and file its row stamped (``_signature``,
``_unchanged``). ``list`` and ``find`` decode a brief of each summary (``BRIEF_FIELDS``); ``due``, ``stats`` and
``list --json`` read the facts of the day and what is due as kept for the same day, intervals and horizon
(``iter_day``, table ``days``). Every one of them is what the path without an index computes
(``tests/test_caseload_index.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import json.scanner
import os
import time
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bapascase.errors import BapascaseError
from bapascase.model import derive, records
from bapascase.model.registry import SPECS, Stage
from bapascase.store.casebook import Casebook
from bapascase.store.dbfile import remove as _remove
from bapascase.store.dbfile import usable as _usable
from bapascase.store.forkmap import fork_map
from bapascase.store.gcpause import gc_paused
from bapascase.store.layout import CASES_DIR
from bapascase.store.naming import entry_sort_key
from bapascase.store.textfiles import resolves_inside

if TYPE_CHECKING:
    import sqlite3

# yamlio (PyYAML) is imported where used: a warm index reads no YAML at all

INDEX_VERSION = 18  # 14: the legal facts of proposals, letters and overdue reports; 15: each summary counts the
# files of its case that could not be read; 16: the wajib lapor schedule (the latest reports, the scheduled date);
# 17: a brief is a list of its values in ``BRIEF_FIELDS`` order; 18: ``terminated_on`` is the termination in
# effect (a reopening may have reversed the latest by date), so rows summarized before are summarized again.
# A summary of another shape is never trusted (``summary_keys``) nor written back: without a new version an index
# of the old shape was summarized again on every read (tests/test_caseload_index.py pins each version's shape)
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


def _utf8(name: str) -> bool:
    """Whether a file name is UTF-8 (one that is not, a Latin-1 name copied from a Windows share, is no document
    bapascase wrote, and its stamp could be neither checked nor kept in the index)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _signature(folder: str | Path) -> list[Any]:
    """The case's stamps ``[rel, stat]``: the case folder itself (``""``), each stage folder (``"monitoring/"``)
    and each document file. A folder's stamp changes when an entry is added, removed or renamed in it (``git
    pull`` writes a new file for each one it changes), a file's when it is written in place (its change time
    even when its size and modification time are put back), so the next read can tell a changed case by a
    ``stat`` of each stamped path (``_unchanged``) without listing the folders again. A symbolic link that leads
    out of the case folder is left out (never read; ``check`` reports it), as is anything that is not a regular
    file or folder. Each folder is stamped before it is listed and each file before it is read: a change made
    meanwhile leaves a stamp older than the change."""
    sig: list[Any] = [["", os.stat(folder)]]
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        if e.name.startswith(".") or not _utf8(e.name) or (e.is_symlink() and not resolves_inside(e.path, folder)):
            continue
        if e.is_dir():
            if e.name in _FOLDERS:
                sig.append([f"{e.name}/", e.stat()])
                with os.scandir(e.path) as sub:
                    for s in sorted(sub, key=lambda x: entry_sort_key(x.name)):
                        if (s.name.endswith(".yaml") and not s.name.startswith(".") and _utf8(s.name)
                                and (not s.is_symlink() or resolves_inside(s.path, folder)) and s.is_file()):
                            sig.append([f"{e.name}/{s.name}", s.stat()])
        elif e.name.endswith(".yaml") and e.is_file():
            sig.append([e.name, e.stat()])
    return sig


_CASE_FILE = next(s.file for s in SPECS if s.name == Stage.CASE)


def _is_case(sig: list[Any]) -> bool:
    """Whether a folder's stamps hold the case file: a folder of ``cases/`` without one (notes kept there, a case
    half made) is no case of the caseload (``check`` reports it)."""
    return any(rel == _CASE_FILE for rel, _st in sig)


def _stamp(rel: str, st: os.stat_result) -> str:
    # the inode: a file replaced (an atomic write, a checkout); the change time: a write in place whose size and
    # modification time were put back (it cannot be set back by a user)
    return f"{rel}\t{st.st_ino}\t{st.st_size}\t{st.st_mtime_ns}\t{st.st_ctime_ns}"


# A stamp this close to the scan (or after it) may not show a change made in the same tick of the file system's
# clock (as "racily clean" files in git): such a row is kept marked (``RACY``) and its case is read again next time.
RACY_NS = 3_000_000_000
RACY = "?"


def _racy(sig: list[Any], since_ns: int) -> bool:
    return any(st.st_mtime_ns >= since_ns or st.st_ctime_ns >= since_ns for _rel, st in sig)


def _still(cases_dir: str, known: Mapping[str, str], chunk: Sequence[str]) -> list[bool]:
    """Whether each case has a row (its stamps in ``known``) whose stamps all still hold (``_unchanged``)."""
    return [(old := known.get(case_id)) is not None and _unchanged(os.path.join(cases_dir, case_id), old)
            for case_id in chunk]


def _unchanged(folder: str, known: str) -> bool:
    """Whether every path stamped in ``known`` (a row's stamps) still has its stamp: one ``stat`` each, no folder
    listed. A row marked racy, or a path gone or changed, is False (then the case folder is scanned)."""
    if known.startswith(RACY):
        return False
    for line in known.split("\n"):
        try:
            rel, kept = line.split("\t", 1)
            st = os.stat(f"{folder}/{rel}" if rel else folder)
        except (OSError, ValueError):
            return False
        if kept != f"{st.st_ino}\t{st.st_size}\t{st.st_mtime_ns}\t{st.st_ctime_ns}":  # as ``_stamp`` writes it
            return False
    return True


# the key of a summary that counts the files of its case that could not be read (taken out before a summary is
# given to a command: ``Casebook.unreadable`` adds them up, and a read command says so once)
UNREADABLE = "unreadable"
_UNREAD = object()  # what ``_load`` gives for a file that cannot be read as a document


def _load(path: str, source: str, strict: bool = False) -> Any:
    """A case file as a dict, None when it is empty, ``_UNREAD`` when it cannot be parsed or holds no mapping
    (a list, a text). With ``strict`` (one case shown) the latter is a DataError naming the file, as
    ``source``, and line, as a syntax error is (``yamlio.document``)."""
    from bapascase.store import yamlio

    try:
        data = yamlio.load_light(path, source)
    except (BapascaseError, OSError, UnicodeDecodeError):
        if strict:
            raise
        return _UNREAD
    return _mapping(data, source, strict)


def _mapping(data: Any, source: str, strict: bool = False) -> Any:
    if data is None or isinstance(data, dict):
        return data
    if strict:
        from bapascase.errors import DataError, Problem
        from bapascase.i18n import t

        raise DataError([Problem(source, 1, "", t("dmg.not_a_document"))])
    return _UNREAD


def _loads(text: str, source: str) -> Any:
    """``_load`` of a file's text a writer has in hand (what it has just written: the same parse, no read)."""
    from bapascase.store import yamlio

    try:
        data = yamlio.loads_light(text, source)
    except BapascaseError:
        return _UNREAD
    return _mapping(data, source)


def summarize_case(book: Casebook, case_id: str, sig: list[Any], risk_fn: RiskFn = _default_risk,
                   strict: bool = False, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Read the case's files (those in ``sig``) as plain dicts and summarize them (``model.derive``). One file
    that cannot be parsed never breaks the caseload; with ``strict`` (one case shown) it is reported."""
    folder = os.path.join(book.cases_dir, case_id)  # plain strings: pathlib would cost more than the YAML
    docs: dict[str, list[Any]] = {}
    unread = 0
    for rel, *_stamps in sig:
        if not rel or rel.endswith("/"):  # the stamps of the folders
            continue
        stage = _FOLDERS.get(rel.split("/", 1)[0]) if "/" in rel else _FILES.get(rel)
        if stage:  # an unreadable file still counts as recorded (``check`` says what is wrong with it)
            source = f"{CASES_DIR}/{case_id}/{rel}"
            text = texts.get(rel) if texts else None
            data = _load(os.path.join(folder, rel), source, strict) if text is None else _loads(text, source)
            if data is _UNREAD:
                unread += 1
                data = None
            docs.setdefault(stage, []).append(data)
    rec = records.case_record(docs)
    assessments = records.by_date([a for a in docs.get(Stage.ASSESSMENT, []) if a is not None], Stage.ASSESSMENT)
    case = next(iter(docs.get(Stage.CASE) or ()), None)
    if strict and case is None:  # one case shown: a case file with nothing in it is no case to show
        from bapascase.errors import DataError, Problem
        from bapascase.i18n import t

        raise DataError([Problem(f"{CASES_DIR}/{case_id}/{_CASE_FILE}", 1, "", t("dmg.not_a_document"))])
    risk = [r for r in (risk_fn(book, a, case) for a in assessments) if r]
    summary = derive.summarize(case_id, rec, risk)
    summary[UNREADABLE] = unread
    return summary

def _sig_text(sig: list[Any], racy_since: int | None = None) -> str:
    """The stamps of a case's folders and files as one string (what the index row keeps and compares), marked
    racy when one of them is at or after ``racy_since`` (then the next read looks at the case again)."""
    text = "\n".join(_stamp(rel, st) for rel, st in sig)
    return RACY + text if racy_since is not None and _racy(sig, racy_since) else text


def _key(book: Casebook) -> str:
    """What every row depends on besides its own files: the index format, the programme rules (the derived end
    dates follow them) and the instrument definitions (the risk categories are scored by them). A changed rule
    or definition file makes every summary stale."""
    from bapascase.model.programmes_file import stamp as programmes_stamp
    from bapascase.store.definition_files import stamp as definitions_stamp

    return json.dumps([INDEX_VERSION, programmes_stamp(), definitions_stamp(book.root)])


# name: the client's, for shell completion (read without decoding any summary); check: a CRC-32 of the row's stamps
# and summary, so a row damaged or edited by hand is not trusted (the case is read again). brief: the fields of the
# summary that ``list`` and ``find`` print or filter on (``BRIEF_FIELDS``), so they decode a few fields of each case
# instead of its whole summary, with its own CRC (bcheck): a JSON list of their values in that order (half the text
# of a mapping, decoded in two thirds of its time). The whole summary is the last column: the short ones
# are read without going through its pages.
_CASES_TABLE = ("CREATE TABLE cases (id TEXT PRIMARY KEY, sig TEXT NOT NULL, name TEXT, check_ INTEGER, "
                "brief TEXT, bcheck INTEGER, summary TEXT NOT NULL)")
# the facts of the day and what is due, for the day, intervals and horizon they were computed for (``iter_day``),
# with a CRC of the case's stamps and the facts: a case changed since has none (its stamps changed). A table of
# its own: keeping the day's facts writes small rows, never the summaries again.
_DAYS_TABLE = "CREATE TABLE days (id TEXT PRIMARY KEY, day TEXT NOT NULL, dcheck INTEGER) WITHOUT ROWID"
# rows of about 2 kB: more of them fit in a page of this size than in SQLite's 4 kB (set when the file is made)
_PAGE_SIZE = 16384


@functools.cache
def summary_keys() -> frozenset[str]:
    """The keys of every summary, so a row of another shape is not trusted either (made once, when a whole summary
    is read: ``list`` and ``find`` read briefs, and summarizing loads the programme rules)."""
    return frozenset(derive.summarize("", records.CaseRecord())) | {UNREADABLE}


# what ``list`` (its table and filters), ``find`` (its search and table) and ``stats`` (``model.stats.READS``)
# read of a summary
BRIEF_FIELDS = ("id", "name", "initials", "aliases", "nik", "address", "programme", "offence", "articles", "stage",
                "supervision", "officer", "officer_nip", "expiry", "end", "end_derived", "closed", "risk",
                "missed_months", "hours", "conditions", "restitution", UNREADABLE)
_BRIEF_KEYS = frozenset(BRIEF_FIELDS)


def _connect(path: Path) -> sqlite3.Connection:
    import sqlite3

    con = sqlite3.connect(path, timeout=5, isolation_level=None)
    try:
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute(f"PRAGMA page_size={_PAGE_SIZE}")  # no effect on an index already made
        con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        for table in (_CASES_TABLE, _DAYS_TABLE):
            con.execute(table.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"))
    except BaseException:
        con.close()
        raise
    return con


def max_index_bytes(book: Casebook) -> int:
    """The most an index of this casebook can take (``INDEX_BYTES_PER_CASE`` for each entry of ``cases/``)."""
    try:
        with os.scandir(book.cases_dir) as it:
            count = sum(1 for _ in it)
    except OSError:
        count = 0
    return INDEX_BASE_BYTES + INDEX_BYTES_PER_CASE * count


def _open(book: Casebook, create: bool, max_bytes: int | None = None) -> sqlite3.Connection | None:
    """The index database, its tables made; None where it cannot be had (a read-only casebook; a file that is not
    an index, which a writer removes so that a good one is built in its place: see ``dbfile.usable``). The
    journal beside it is held to the same rules: SQLite plays a journal it finds back into the index, and would
    write through a link."""
    import sqlite3

    path = book.state_dir / INDEX_FILE
    try:
        if create:
            book.state_dir.mkdir(exist_ok=True)
    except OSError:
        return None
    if not _usable(path, max_bytes, create):
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


def _made_under(con: sqlite3.Connection, key: str) -> bool:
    """Whether the rows were made under ``key`` (``_key``)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
    return row is not None and row[0] == key


def _current(con: sqlite3.Connection, key: str) -> bool:
    """True when the rows were made under ``key``; else they are dropped (inside the caller's transaction)."""
    if _made_under(con, key):
        return True
    con.execute("DROP TABLE IF EXISTS cases")  # an earlier format may have other columns
    con.execute("DROP TABLE IF EXISTS days")
    con.execute(_CASES_TABLE)
    con.execute(_DAYS_TABLE)
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('key', ?)", (key,))
    return False


def row_check(sig: str, summary: str) -> int:
    """The CRC-32 a row keeps of its stamps and its summary (and of its stamps and its brief)."""
    return zlib.crc32(summary.encode("utf-8"), zlib.crc32(sig.encode("utf-8")))


def _row(case_id: str, sig: str, summary: dict[str, Any]) -> tuple[str, str, str, str, int, str, int]:
    text = json.dumps(summary, ensure_ascii=False)
    brief = json.dumps([summary.get(k) for k in BRIEF_FIELDS], ensure_ascii=False)
    return (case_id, sig, text, str(summary.get("name") or ""), row_check(sig, text), brief,
            row_check(sig, brief))


_INSERT = ("INSERT OR REPLACE INTO cases (id, sig, summary, name, check_, brief, bcheck) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)")


_BATCH = 500  # rows read and decoded at a time: few enough that a reader never holds the caseload


# the decoder's own scanner (C): one call a value, ``(value, where it ends)`` (the stubs type its argument oddly)
_SCAN: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(cast(Any, json.JSONDecoder()))


def _json_all(texts: list[str]) -> list[Any]:
    """Each of these texts decoded alone (None for one that is not exactly one JSON value), by the scanner
    itself: ``json.loads`` a row at a time cost half as much again around the same decoding."""
    found: list[Any] = []
    for text in texts:
        try:
            value, end = _SCAN(text, 0)
        except (StopIteration, ValueError, RecursionError):
            value, end = None, -1
        found.append(value if end == len(text) else None)
    return found


def _decoded_all(texts: list[str], brief: bool) -> list[dict[str, Any] | None]:
    """Each of these sound rows' texts decoded (``_json_all``): a summary as it is, a brief (the values of
    ``BRIEF_FIELDS``) as a mapping of them; None for one of another shape (``summary_keys``)."""
    if brief:
        n = len(BRIEF_FIELDS)
        return [dict(zip(BRIEF_FIELDS, one, strict=True)) if isinstance(one, list) and len(one) == n else None
                for one in _json_all(texts)]
    keys = summary_keys()
    return [one if isinstance(one, dict) and one.keys() == keys else None for one in _json_all(texts)]


def _summary(sig: str, text: str, check: Any) -> dict[str, Any] | None:
    """A row's summary, or None when the row is not to be trusted (damaged, edited, of another shape)."""
    if not isinstance(text, str) or not isinstance(sig, str) or check != row_check(sig, text):
        return None
    return _decoded_all([text], brief=False)[0]


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
            if _current(con, _key(book)) or not write:
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


DayFn = Callable[[dict[str, Any], str], Any]


def _rows(book: Casebook, risk_fn: RiskFn, write: bool, brief: bool, day: str | None, day_fn: DayFn | None = None,
          leave_out: Callable[[str], bool] | None = None) -> Iterator[tuple[dict[str, Any], Any, str, Any]]:
    """``(summary, day facts kept for ``day``, stamps, day facts made now)`` of every case in case-id order,
    refreshing only what changed on disk (see ``iter_index``). With ``brief``, the summary may be only its
    ``BRIEF_FIELDS`` (a whole one where the row had to be made again, or where its day facts were missing). The
    day facts kept are the row's (its text as JSON decodes it) when they were kept for ``day`` and are sound, else
    None. ``day_fn(summary, stamps)``: the day facts of a summary made now, computed with it (by the process that
    read the case).
    ``leave_out(text)``: true for a sound row's JSON text (brief or summary) means the caller does not want it: it
    is neither decoded nor yielded (a cheap first pass; the caller still filters what it is given)."""
    import sqlite3

    verified = _VERIFIED.pop(str(book.root), None)
    ids = verified.ids if verified is not None else book.case_ids()
    cases_dir = str(book.cases_dir)  # plain strings: pathlib costs more than the scan itself at 10,000 cases
    con, known = _begin(book, write, INDEX_BASE_BYTES + INDEX_BYTES_PER_CASE * len(ids))
    fresh: dict[str, dict[str, Any]] = {}  # summaries made now (all of them without a usable index)
    fresh_days: dict[str, Any] = {}  # their day facts (``day_fn``)
    racy_since = time.time_ns() - RACY_NS
    try:
        sigs: dict[str, str] = {}
        todo: list[str] = []

        # a warm read's one cost per case that no index can spare: its stamps looked at, shared among the cores
        # (no row kept: nothing to look at)
        if verified is not None and verified.known == known:  # looked at a moment ago (``caseload_state``)
            looked: list[bool] = [True] * len(ids)
        else:
            looked = fork_map(functools.partial(_still, cases_dir, known), ids) if known else [False] * len(ids)
        for case_id, unchanged in zip(ids, looked, strict=True):
            if unchanged:
                sigs[case_id] = known[case_id]
            else:
                sigs[case_id] = ""  # its place in case-id order: stamped below, or dropped when it cannot be read
                todo.append(case_id)
        made: list[tuple[str, str, str, str, int, str, int]] = []  # rows to write

        def scan(chunk: Sequence[str]) -> list[tuple[str, str, dict[str, Any] | None, Any, Any]]:
            """``(case id, stamps, summary or None when the row is current, row, day facts)`` of each case that can
            be read."""
            out: list[tuple[str, str, dict[str, Any] | None, Any, Any]] = []
            for case_id in chunk:
                try:
                    sig = _signature(os.path.join(cases_dir, case_id))
                except OSError:
                    continue
                if not _is_case(sig):
                    continue
                text = _sig_text(sig, racy_since)
                if known.get(case_id) != text or text.startswith(RACY):
                    summary = summarize_case(book, case_id, sig, risk_fn)
                    facts = day_fn(summary, text) if day_fn is not None else None
                    row = _row(case_id, text, summary) if rows_wanted else None
                    if brief and (day is None or facts is not None):  # what the caller reads (and less to send)
                        summary = {k: summary.get(k) for k in BRIEF_FIELDS}
                    out.append((case_id, text, summary, row, facts))
                else:
                    out.append((case_id, text, None, None, None))
            return out

        rows_wanted = con is not None and write
        # a cold index summarizes every case: no cycles, and the collector's time grew as n²; what is made is
        # promoted, not walked by the young collections that follow
        with gc_paused(promote=True):
            # the first case here (its modules and definitions loaded once, before any copy), the rest shared out
            for case_id, text, summary, row, facts in [*scan(todo[:1]), *fork_map(scan, todo[1:])]:
                sigs[case_id] = text
                if summary is not None:
                    fresh[case_id] = summary
                    if facts is not None:
                        fresh_days[case_id] = facts
                    if row is not None:
                        made.append(row)
        for case_id in todo:
            if not sigs[case_id]:
                del sigs[case_id]
        if con is not None and write:
            try:
                gone = [(cid,) for cid in known if cid not in sigs]
                con.executemany("DELETE FROM cases WHERE id = ?", gone)
                con.executemany("DELETE FROM days WHERE id = ?", gone)
                con.executemany(_INSERT, made)
                con.execute("COMMIT")
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    con.execute("ROLLBACK")
        elif con is not None:
            with contextlib.suppress(sqlite3.Error):
                con.execute("ROLLBACK")
        known.clear()  # its stamps are in sigs now
        if con is not None and len(fresh) < len(sigs):  # rows to read (a cold index has every summary in hand)
            cols = "brief, bcheck" if brief else "summary, check_"
            query = (f"SELECT c.id, c.sig, c.{cols.replace(', ', ', c.')}, d.day, d.dcheck FROM cases c "
                     "LEFT JOIN days d ON d.id = c.id ORDER BY c.id" if day is not None else
                     f"SELECT id, sig, {cols}, NULL, NULL FROM cases ORDER BY id")
            try:
                rows = con.execute(query)
            except sqlite3.Error:
                rows = None
            while rows is not None:
                try:
                    batch = rows.fetchmany(_BATCH)
                except sqlite3.Error:  # damaged past its first pages: the rest is read from the cases
                    break
                if not batch:
                    break
                # (case id, summary in hand, day facts kept, JSON text to decode): the batch's texts are decoded
                # after its rows are looked at
                plan: list[tuple[str, dict[str, Any] | None, str | None, str | None]] = []
                for case_id, sig, text, check, day_text, day_check in batch:
                    if case_id not in sigs:
                        continue
                    summary = fresh.get(case_id)
                    kept = raw = None
                    if summary is None and sig == sigs[case_id]:
                        kept = _day_text(sig, day, day_text, day_check)
                        if brief and day is not None and kept is None:  # the day's facts need the whole summary
                            summary = _whole(con, case_id, sig)
                        elif isinstance(text, str) and check == row_check(sig, text):
                            if leave_out is not None and leave_out(text):
                                sigs.pop(case_id)
                                continue
                            raw = text
                    plan.append((case_id, summary, kept, raw))
                decoded = iter(_decoded_all([raw for *_, raw in plan if raw is not None], brief))
                days = iter(_json_all([kept for _, _, kept, _ in plan if kept is not None]))
                for case_id, summary, kept_text, raw in plan:
                    kept = next(days) if kept_text is not None else None
                    if raw is not None:
                        summary = next(decoded)
                        if summary is not None and summary.get("id") != case_id:  # a row made for another case
                            summary = None
                    if summary is None:  # a damaged or edited row: read the case again
                        summary = summarize_case(book, case_id, _signature(os.path.join(cases_dir, case_id)),
                                                 risk_fn)
                        kept = None
                    # fresh days: a fresh summary's
                    yield _counted(book, summary), kept, sigs[case_id], fresh_days.get(case_id)
                    sigs.pop(case_id)
        for case_id, sig_text in sigs.items():  # rows not written (no index, or it is busy or read-only)
            if case_id in fresh:
                yield _counted(book, fresh[case_id]), None, sig_text, fresh_days.get(case_id)
            else:
                again = summarize_case(book, case_id, _signature(os.path.join(cases_dir, case_id)), risk_fn)
                yield _counted(book, again), None, sig_text, None
    finally:
        if con is not None:
            con.close()


def _counted(book: Casebook, summary: dict[str, Any]) -> dict[str, Any]:
    """A summary as a command is given it: its count of files that could not be read taken out, and added to
    the casebook's (``Casebook.unreadable``), so the command says once that the caseload left files out."""
    n = summary.pop(UNREADABLE, 0)
    if isinstance(n, int) and n > 0:
        book.unreadable += n
    return summary


def _whole(con: sqlite3.Connection, case_id: str, sig: str) -> dict[str, Any] | None:
    import sqlite3

    try:
        row = con.execute("SELECT summary, check_ FROM cases WHERE id = ?", (case_id,)).fetchone()
    except sqlite3.Error:
        return None
    return _summary(sig, row[0], row[1]) if row is not None else None


def iter_index(book: Casebook, risk_fn: RiskFn = _default_risk, write: bool = True,
               fields: Collection[str] | None = None, leave_out: Callable[[str], bool] | None = None
               ) -> Iterator[dict[str, Any]]:
    """Summaries of every case in case-id order, refreshing only what changed on disk: a case whose stamped
    folders and files all keep their stamps (``_unchanged``) is not listed or read again. The rows are read a
    batch at a time (``_BATCH``): a caller that keeps only some of them never holds the whole caseload. An index
    that is damaged, edited, too big for the caseload or not a regular file is never trusted (see
    ``dbfile.usable``, ``_begin``, ``_decoded_all``): the cases are read again. A caller that reads only some ``fields`` of each summary (all of
    them among ``BRIEF_FIELDS``) may be given only those, decoded from the row's brief. ``leave_out``: a first
    pass over each kept row's JSON text (see ``_rows``); a summary made now is given whatever it says."""
    brief = fields is not None and _BRIEF_KEYS.issuperset(fields)
    for summary, _day, _sig, _made in _rows(book, risk_fn, write, brief, None, leave_out=leave_out):
        yield summary


# casebook root -> the rows' stamps ``caseload_state`` has just seen hold, while ``stamps_looked_at`` lasts: the
# read inside it takes them as looked at, once
_VERIFIED: dict[str, CaseloadState] = {}


@contextlib.contextmanager
def stamps_looked_at(book: Casebook, state: CaseloadState) -> Iterator[None]:
    """Inside this, the first read of the caseload trusts the stamps ``state`` saw hold (a command whose kept
    answer was missing reads the rows at once: they are not looked at twice). Any change since then is found
    by the next read, which looks again; the answer kept meanwhile is kept for the state seen, never for a
    later one."""
    root = str(book.root)
    _VERIFIED[root] = state
    try:
        yield
    finally:
        _VERIFIED.pop(root, None)


class CaseloadState:
    """What ``caseload_state`` found: ``digest`` and the rows' stamps it saw hold (``known``)."""

    def __init__(self, digest: str, ids: list[str], known: dict[str, str]) -> None:
        self.digest = digest
        self.ids = ids
        self.known = known


def caseload_state(book: Casebook) -> CaseloadState | None:
    """A digest of what every summary is made from (the index's key and each case's stamps), when the index
    holds a current row for every case folder and every stamp still holds; else None (a read then goes the
    usual way, which brings the index up to date). Two equal digests mean the same summaries: what
    ``store.answers`` finds a kept answer by. It costs what a warm read's first step costs (the stamps looked at,
    shared among the cores), and reads no row."""
    import hashlib
    import sqlite3

    if not os.path.isfile(book.state_dir / INDEX_FILE):  # cold: no folder listed for nothing
        return None
    ids = book.case_ids()
    con = _open(book, create=False, max_bytes=INDEX_BASE_BYTES + INDEX_BYTES_PER_CASE * len(ids))
    if con is None:
        return None
    key = _key(book)
    try:
        con.execute("BEGIN")
        if not _made_under(con, key):
            return None
        known = {cid: sig for cid, sig in con.execute("SELECT id, sig FROM cases")
                 if isinstance(cid, str) and isinstance(sig, str) and not sig.startswith(RACY)}
    except sqlite3.Error:
        return None
    finally:
        con.close()
    if len(known) != len(ids) or not all(cid in known for cid in ids):
        return None
    unchanged: list[bool] = fork_map(functools.partial(_still, str(book.cases_dir), known), ids)
    if not all(unchanged):
        return None
    digest = hashlib.sha256(key.encode("utf-8"))
    digest.update("".join([f"\0{cid}\t{known[cid]}" for cid in ids]).encode("utf-8", "surrogatepass"))
    return CaseloadState(digest.hexdigest(), ids, known)


def load_index(book: Casebook, risk_fn: RiskFn = _default_risk, write: bool = True) -> list[dict[str, Any]]:
    """Summaries of every case, refreshing only what changed on disk."""
    return list(iter_index(book, risk_fn, write))


def refresh(book: Casebook, case_ids: Iterable[str], risk_fn: RiskFn = _default_risk,
            texts: Mapping[str, Mapping[str, str]] | None = None) -> None:
    """Bring these cases' rows up to date after bapascase wrote to them (one transaction), so the next read
    command finds the index current. A case folder that is gone loses its row. Best effort: the index is a
    cache, and the read commands check every stamp anyway. The stamps are taken as they are: bapascase has just
    written these files itself, under the casebook's lock. ``texts``: case id -> {file in the case: the text
    just written to it} (``import``: its 10,000 files are parsed from memory, not read back)."""
    from bapascase.store import dbfile

    wanted = sorted({c for c in case_ids if c})
    if not wanted:
        return
    con = _open(book, create=True, max_bytes=max_index_bytes(book))
    if con is None:
        return

    def made(chunk: Sequence[str]) -> list[tuple[Any, ...]]:
        """Each case's new row, or ``(case id,)`` for a folder that is gone or holds no case."""
        out: list[tuple[Any, ...]] = []
        for case_id in chunk:
            try:
                sig = _signature(os.path.join(str(book.cases_dir), case_id))
            except OSError:
                out.append((case_id,))
                continue
            if not _is_case(sig):
                out.append((case_id,))
                continue
            out.append(_row(case_id, _sig_text(sig), summarize_case(book, case_id, sig, risk_fn,
                                                                    texts=texts.get(case_id) if texts else None)))
        return out

    try:
        # an import's thousands of new cases are summarized by the machine's cores (one case: by this process)
        done = fork_map(made, wanted)
    except BaseException:
        con.close()
        raise
    rows = [row for row in done if len(row) > 1]
    gone = [row for row in done if len(row) == 1]

    def change(con: sqlite3.Connection) -> None:
        _current(con, _key(book))
        con.executemany("DELETE FROM cases WHERE id = ?", gone)
        con.executemany("DELETE FROM days WHERE id = ?", gone)
        con.executemany(_INSERT, rows)

    dbfile.write(con, change)


def names(book: Casebook, prefix: str = "") -> dict[str, str]:
    """Client name by case id (those starting with ``prefix``), as the index holds them (shell completion: no
    YAML read, no row refreshed)."""
    import sqlite3

    con = _open(book, create=False, max_bytes=max_index_bytes(book))
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
    sig = _signature(book.case_dir(case_id))
    if strict and not _is_case(sig):  # one case shown: a folder without its case file is said as ``check`` says it
        from bapascase.errors import DataError, Problem
        from bapascase.i18n import t

        raise DataError([Problem(f"{CASES_DIR}/{case_id}/{_CASE_FILE}", None, "", t("val.missing"))])
    summary = summarize_case(book, case_id, sig, risk_fn, strict)
    summary.pop(UNREADABLE, None)  # strict: none; else a rule about one case (its closing, its transfer) reads it
    return summary


def with_dated_facts(book: Casebook, summaries: list[dict[str, Any]], today: dt.date) -> list[dict[str, Any]]:
    """Summaries completed with the facts of the day (``model.derive.dated``): age, days left, next report."""
    interval = book.settings.defaults.wajib_lapor_interval_days
    holidays = book.settings.closed_days()
    for s in summaries:
        s.update(derive.dated(s, today, interval, holidays))
    return summaries


# -- the facts of the day, kept in the row for the day they were computed ----------------------------------------

_DATED_KEYS = frozenset(derive.dated({}, dt.date(2000, 1, 1), 1))
# the shape of the day's facts, in the key a row's day facts are kept under: a row kept by a version that computed
# other facts is not for this one (not decoded, then computed again from a brief summary that lacks what they need)
_DAY_SHAPE = zlib.crc32(",".join(sorted(_DATED_KEYS)).encode())
_KINDS = {str(k): k for k in derive.DueKind}


def _day_text(sig: str, day: str | None, text: Any, check: Any) -> str | None:
    """The row's day facts when they were kept for ``day`` (today, the intervals, the horizon) and are sound."""
    if day is None or not isinstance(text, str) or not text.startswith(day + "\n") or check != row_check(sig, text):
        return None
    return text[len(day) + 1:]


def _encode_day(facts: dict[str, Any], items: list[tuple[Any, dt.date | None, dict[str, Any]]]) -> str:
    return json.dumps([{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in facts.items()},
                       [[str(k), d.isoformat() if d else None, x] for k, d, x in items]], ensure_ascii=False)


def _decode_day(value: Any) -> tuple[dict[str, Any], list[tuple[Any, dt.date | None, dict[str, Any]]]] | None:
    """What ``_encode_day`` wrote (as JSON decodes it), with its dates and kinds as ``derive`` gives them; None
    when it is not that."""
    try:
        facts, kept = value
        if not isinstance(facts, dict) or facts.keys() != _DATED_KEYS:
            return None
        for k in derive.DATED_DATES:
            if facts[k] is not None:
                facts[k] = dt.date.fromisoformat(facts[k])
        items = [(_KINDS[k], dt.date.fromisoformat(d) if d is not None else None, dict(x)) for k, d, x in kept]
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    return facts, items


def _keep_days(book: Casebook, made: list[tuple[str, str, int]]) -> None:
    """Keep the day facts computed now (each tied to its case's stamps by its CRC). Best effort: a busy index is
    left as it is (the next read computes them again)."""
    from bapascase.store import dbfile

    con = _open(book, create=False, max_bytes=max_index_bytes(book))
    if con is None:
        return
    dbfile.write(con, lambda c: c.executemany("INSERT OR REPLACE INTO days (id, day, dcheck) VALUES (?, ?, ?)",
                                              made), busy_ms=200)


def iter_day(book: Casebook, today: dt.date, horizon: int | None = None, reassess_days: int | None = None,
             fields: Collection[str] | None = None, write: bool = True
             ) -> Iterator[tuple[dict[str, Any], list[tuple[derive.DueKind, dt.date | None, dict[str, Any]]]]]:
    """Every case's summary with the facts of ``today`` (``derive.dated``), and what is due for it
    (``derive.due_items``; the casebook's horizon and reassessment interval unless given), in case-id order.
    Both are kept in the case's row for the day, intervals and horizon they were computed for, and computed
    again when one of them or the row changes. ``fields``: as ``iter_index``."""
    defaults = book.settings.defaults
    interval = defaults.wajib_lapor_interval_days
    holidays = book.settings.closed_days()
    horizon = defaults.due_horizon_days if horizon is None else horizon
    reassess = derive.reassessment_days(defaults.reassessment_months) if reassess_days is None else reassess_days
    key = json.dumps([today.isoformat(), interval, horizon, reassess, _DAY_SHAPE, derive.DAY_RULES,
                      zlib.crc32(",".join(sorted(book.settings.holidays)).encode())])  # short: it is in every row
    brief = fields is not None and _BRIEF_KEYS.issuperset(fields)
    made: list[tuple[str, str, int]] = []

    def day_of(summary: dict[str, Any], sig: str) -> tuple[dict[str, Any], list[Any], tuple[str, str, int] | None]:
        """The facts of the day and what is due, and the row that keeps them (None when it is not to be kept)."""
        facts = derive.dated(summary, today, interval, holidays)
        items = derive.due_items(summary, today, interval, horizon, reassess, day=facts, holidays=holidays)
        if not write or sig.startswith(RACY):
            return facts, items, None
        text = f"{key}\n{_encode_day(facts, items)}"
        return facts, items, (summary["id"], text, row_check(sig, text))

    for summary, kept, sig, computed in _rows(book, _default_risk, write, brief, key, day_of):
        found = _decode_day(kept) if kept is not None else None
        if found is None:
            facts, items, row = computed if computed is not None else day_of(summary, sig)
            if row is not None:
                made.append(row)
        else:
            facts, items = found
        summary.update(facts)
        yield summary, items
    if made:
        _keep_days(book, made)


def caseload(book: Casebook, today: dt.date) -> list[dict[str, Any]]:
    """Every case's summary as of ``today``: what ``list``, ``due`` and ``stats`` show."""
    return list(iter_caseload(book, today))


def iter_caseload(book: Casebook, today: dt.date, fields: Collection[str] | None = None
                  ) -> Iterator[dict[str, Any]]:
    """``caseload`` one summary at a time (a caller that keeps a few fields of each holds less). A caller that
    reads only some ``fields`` (the summary's among ``BRIEF_FIELDS``, the day's among ``derive.DATED_PLAIN``) is
    given at least those, from the row's brief, the day's computed on the spot."""
    _ = book.settings.defaults  # the casebook's settings are read (and a broken file reported) as for every fact
    if fields is not None:
        day = _DATED_KEYS.intersection(fields)
        if day.issubset(derive.DATED_PLAIN) and _BRIEF_KEYS.issuperset(set(fields) - day):
            plain = [(k, derive.DATED_PLAIN[k]) for k in sorted(day)]
            for s in iter_index(book, fields=set(fields) - day):
                for k, fact in plain:
                    s[k] = fact(s, today)
                yield s
            return
    for s, _items in iter_day(book, today):
        yield s


def case_facts(book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
    """One case's summary as of ``today``: what ``show`` starts from."""
    return with_dated_facts(book, [summary_of(book, case_id, strict=True)], today)[0]
