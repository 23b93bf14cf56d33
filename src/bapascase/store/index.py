"""The caseload index: one summary per case, cached in ``.bapascase/index.json`` and refreshed by file stamps.

Only cases whose files changed since the last run are read again, so ``list``, ``find``, ``due`` and ``stats``
stay fast with thousands of cases. The cache is derived data: deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bapascase.errors import BapascaseError
from bapascase.model import derive, records
from bapascase.model.registry import SPECS, Stage
from bapascase.store import cachefile
from bapascase.store.casebook import Casebook
from bapascase.store.naming import entry_sort_key
from bapascase.store.textfiles import resolves_inside

# yamlio (PyYAML) and atomic (tempfile) are imported where used: a warm index reads no YAML at all

INDEX_VERSION = 7
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


def _load(book: Casebook, path: Path, strict: bool = False) -> Any:
    """A case file as a dict, or None when it holds no mapping. A file that cannot be parsed is None too, unless
    ``strict`` (then its DataError names the file and line)."""
    from bapascase.store import yamlio

    try:
        data = yamlio.load(path, book.rel(path))
    except (BapascaseError, OSError, UnicodeDecodeError):
        if strict:
            raise
        return None
    return data if isinstance(data, dict) else None


def summarize_case(book: Casebook, case_id: str, sig: list[Any], risk_fn: RiskFn = _default_risk,
                   strict: bool = False) -> dict[str, Any]:
    """Read the case's files (those in ``sig``) as plain dicts and summarize them (``model.derive``). One file
    that cannot be parsed never breaks the caseload; with ``strict`` (one case shown) it is reported."""
    folder = book.cases_dir / case_id
    docs: dict[str, list[Any]] = {}
    for rel, _mtime, _size in sig:
        stage = _FOLDERS.get(rel.split("/", 1)[0]) if "/" in rel else _FILES.get(rel)
        if stage:  # an unreadable file still counts as recorded (``check`` says what is wrong with it)
            docs.setdefault(stage, []).append(_load(book, folder / rel, strict))
    rec = records.case_record(docs)
    assessments = records.by_date([a for a in docs.get(Stage.ASSESSMENT, []) if a is not None], Stage.ASSESSMENT)
    case = next(iter(docs.get(Stage.CASE) or ()), None)
    risk = [r for r in (risk_fn(book, a, case) for a in assessments) if r]
    return derive.summarize(case_id, rec, risk)


# The cache file (its format: ``store.cachefile``): a first line with the version, the programme rules' stamp, the
# length and a CRC-32 of the rest, then the cases as JSON. A cache that was cut short, damaged or edited fails the check and is rebuilt from the
# cases (it is derived data); so is one made under other programme rules (the derived end dates follow them). It
# is read only up to a size the casebook's number of cases can explain, so a huge file is never loaded.
INDEX_FILE = cachefile.INDEX_FILE
INDEX_BASE_BYTES = 1024 * 1024
INDEX_BYTES_PER_CASE = 64 * 1024
_SUMMARY_KEYS = frozenset(derive.summarize("", records.CaseRecord()))


def _read_cache(path: Path, n_cases: int, stamp: str) -> dict[str, Any]:
    from bapascase.store.textfiles import read_bytes

    try:
        unpacked = cachefile.unpack(read_bytes(path, INDEX_BASE_BYTES + INDEX_BYTES_PER_CASE * n_cases))
    except BapascaseError:
        return {}  # missing, too big, not a file: rebuilt
    if unpacked is None:  # damaged: rebuilt
        return {}
    meta, cases = unpacked
    if meta.get("version") != INDEX_VERSION or meta.get("programmes") != stamp:
        return {}
    return cases


def _cache_bytes(fresh: dict[str, Any], stamp: str) -> bytes:
    return cachefile.pack({"version": INDEX_VERSION, "programmes": stamp}, fresh)


def _usable(entry: Any, sig: list[Any]) -> bool:
    if not isinstance(entry, dict) or entry.get("sig") != sig:
        return False
    summary = entry.get("summary")
    return isinstance(summary, dict) and summary.keys() == _SUMMARY_KEYS


def load_index(book: Casebook, risk_fn: RiskFn = _default_risk, write: bool = True) -> list[dict[str, Any]]:
    """Summaries of every case, refreshing only what changed on disk (and everything, when the cache is
    unreadable or the programme rules changed: see ``_read_cache``)."""
    from bapascase.model.programmes import stamp as programmes_stamp

    path = book.state_dir / INDEX_FILE
    stamp = programmes_stamp()
    case_ids = book.case_ids()
    cached = _read_cache(path, len(case_ids), stamp)
    fresh: dict[str, Any] = {}
    changed = False
    cases_dir = str(book.cases_dir)  # plain strings: pathlib costs more than the scan itself at 10,000 cases
    for case_id in case_ids:
        try:
            sig = _signature(os.path.join(cases_dir, case_id))
        except OSError:
            continue
        entry = cached.get(case_id)
        if not _usable(entry, sig):
            entry = {"sig": sig, "summary": summarize_case(book, case_id, sig, risk_fn)}
            changed = True
        fresh[case_id] = entry
    if len(fresh) != len(cached):
        changed = True
    if changed and write:
        from bapascase.store.atomic import atomic_write

        with contextlib.suppress(OSError):
            book.state_dir.mkdir(exist_ok=True)
            atomic_write(path, _cache_bytes(fresh, stamp))
    return [e["summary"] for e in fresh.values()]


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


def case_facts(book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
    """One case's summary as of ``today``: what ``show`` starts from."""
    return with_dated_facts(book, [summary_of(book, case_id, strict=True)], today)[0]
