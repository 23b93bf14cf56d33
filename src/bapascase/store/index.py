"""The caseload index: one summary per case, cached in ``.bapascase/index.json`` and refreshed by file stamps.

Only cases whose files changed since the last run are read again, so ``list``, ``find``, ``due`` and ``stats``
stay fast with thousands of cases. The cache is derived data: deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bapascase.errors import BapascaseError
from bapascase.model import derive
from bapascase.model.registry import STAGES
from bapascase.store.casebook import Casebook

# yamlio (PyYAML) and atomic (tempfile) are imported where used: a warm index reads no YAML at all

INDEX_VERSION = 4
_FOLDERS = {s.folder: s.name for s in STAGES.values() if s.folder}
_FILES = {s.file: s.name for s in STAGES.values() if s.file}

RiskFn = Callable[[Casebook, dict[str, Any]], str | None]


def _default_risk(book: Casebook, assessment: dict[str, Any]) -> str | None:
    try:
        from bapascase.store.instrument_files import risk_category
    except ImportError:  # the instrument engine is optional for the index
        return None
    result: str | None = risk_category(book, assessment)
    return result


def _signature(folder: str | Path) -> list[Any]:
    sig: list[Any] = []
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir():
            if e.name in _FOLDERS:
                with os.scandir(e.path) as sub:
                    for s in sorted(sub, key=lambda x: x.name):
                        if s.name.endswith(".yaml") and not s.name.startswith("."):
                            st = s.stat()
                            sig.append([f"{e.name}/{s.name}", st.st_mtime_ns, st.st_size])
        elif e.name.endswith(".yaml"):
            st = e.stat()
            sig.append([e.name, st.st_mtime_ns, st.st_size])
    return sig


def _safe_load(book: Casebook, path: Path) -> Any:
    from bapascase.store import yamlio

    try:
        data = yamlio.load(path, book.rel(path))
    except (BapascaseError, OSError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _parts_as_dicts(case: dict[str, Any] | None) -> dict[str, Any] | None:
    """A hand-edited intake whose parts have the wrong shape (``identity: Budi``) is summarized without them
    (``check`` reports the file); one broken file must not break the caseload."""
    if case is None:
        return None
    return {k: v for k, v in case.items() if k not in ("identity", "legal", "assignment") or isinstance(v, dict)}


def summarize_case(book: Casebook, case_id: str, sig: list[Any], risk_fn: RiskFn = _default_risk) -> dict[str, Any]:
    folder = book.cases_dir / case_id
    present: set[str] = set()
    counts: dict[str, int] = {}
    for rel, _mtime, _size in sig:
        if "/" in rel:
            stage = _FOLDERS.get(rel.split("/", 1)[0])
        else:
            stage = _FILES.get(rel)
        if stage:
            present.add(stage)
            counts[stage] = counts.get(stage, 0) + 1

    def load_stage(stage: str) -> list[dict[str, Any]]:
        spec = STAGES[stage]
        out = []
        for rel, _m, _s in sig:
            if (spec.file and rel == spec.file) or (spec.folder and rel.startswith(spec.folder + "/")):
                data = _safe_load(book, folder / rel)
                if data is not None:
                    out.append(data)
        return out

    case = _parts_as_dicts(_safe_load(book, folder / "case.yaml")) if "case" in present else None
    engagement = next(iter(load_stage("engagement")), None)
    assessments = load_stage("assessment")
    monitoring = load_stage("monitoring")
    terminations = load_stage("termination")
    termination = terminations[-1] if terminations else None
    transfers = sorted(load_stage("transfer"), key=lambda d: str(d.get("date") or ""))
    assessments.sort(key=lambda a: str(a.get("date") or ""))
    risk = [r for r in (risk_fn(book, a) for a in assessments) if r]
    return derive.summarize(
        case_id,
        case,
        sorted(present),
        monitoring,
        engagement=engagement,
        assessments=assessments,
        termination=termination,
        counts=counts,
        risk=risk,
        transfer=transfers[-1] if transfers else None,
    )


def load_index(book: Casebook, risk_fn: RiskFn = _default_risk, write: bool = True) -> list[dict[str, Any]]:
    """Summaries of every case, refreshing only what changed on disk."""
    path = book.state_dir / "index.json"
    cached: dict[str, Any] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
        if raw.get("version") == INDEX_VERSION:
            cached = raw.get("cases", {})
    except (OSError, ValueError):
        cached = {}
    fresh: dict[str, Any] = {}
    changed = False
    cases_dir = str(book.cases_dir)  # plain strings: pathlib costs more than the scan itself at 10,000 cases
    for case_id in book.case_ids():
        try:
            sig = _signature(os.path.join(cases_dir, case_id))
        except OSError:
            continue
        entry = cached.get(case_id)
        if entry is None or entry.get("sig") != sig:
            entry = {"sig": sig, "summary": summarize_case(book, case_id, sig, risk_fn)}
            changed = True
        fresh[case_id] = entry
    if len(fresh) != len(cached):
        changed = True
    if changed and write:
        from bapascase.store.atomic import atomic_write

        with contextlib.suppress(OSError):
            book.state_dir.mkdir(exist_ok=True)
            atomic_write(path, json.dumps({"version": INDEX_VERSION, "cases": fresh}, ensure_ascii=False))
    return [e["summary"] for e in fresh.values()]


def summary_of(book: Casebook, case_id: str, risk_fn: RiskFn = _default_risk) -> dict[str, Any]:
    return summarize_case(book, case_id, _signature(book.case_dir(case_id)), risk_fn)
