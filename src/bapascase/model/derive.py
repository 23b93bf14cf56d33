"""Facts derived from what is recorded: stage, age, initials, days left, due dates, risk.

Plain Python on YAML-loaded dicts, so read commands (``list``, ``show``, ``due``, ``stats``) work without pydantic.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bapascase.model.text import as_date, initials

STAGE_ORDER = ("intake", "engagement", "assessment", "planning", "intervention", "monitoring", "terminated")

# which recorded document moves a case into which stage
_DOC_STAGE = {
    "engagement": "engagement",
    "assessment": "assessment",
    "plan": "planning",
    "intervention": "intervention",
    "monitoring": "monitoring",
    "termination": "terminated",
}

# what must be recorded before a stage can run (soft rule: confirm or --force)
PREREQUISITES: dict[str, tuple[str, ...]] = {
    "engagement": ("case",),
    "assessment": ("case", "engagement"),
    "plan": ("case", "engagement", "assessment"),
    "intervention": ("case", "plan"),
    "monitoring": ("case", "engagement"),
    "termination": ("case", "engagement"),
}

WL_PRESENT = "hadir"
WL_REMOTE = "jarak_jauh"
WL_ABSENT = "tidak_hadir"
REVOCATION_STREAK = 3


def is_closed(counts: dict[str, int]) -> bool:
    """Terminated unless reopened since: every reopen follows a termination, so compare the counts."""
    return counts.get("termination", 0) > counts.get("reopen", 0)


def stage(present: set[str] | list[str] | dict[str, int]) -> str:
    """The furthest stage reached, from the recorded document kinds (with counts, reopening is understood)."""
    counts = dict(present) if isinstance(present, dict) else {p: 1 for p in present}
    if is_closed(counts):
        return "terminated"
    best = "intake"
    for doc, st in _DOC_STAGE.items():
        if st != "terminated" and counts.get(doc) and STAGE_ORDER.index(st) > STAGE_ORDER.index(best):
            best = st
    return best


def missing_prerequisites(doc: str, present: set[str] | list[str]) -> list[str]:
    have = set(present)
    return [p for p in PREREQUISITES.get(doc, ()) if p not in have]


def age(birth: object, on: dt.date) -> int | None:
    b = as_date(birth)
    if b is None:
        return None
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def days_left(end: object, today: dt.date) -> int | None:
    e = as_date(end)
    return (e - today).days if e else None


def absent_streak(statuses: list[str]) -> int:
    """How many of the latest wajib-lapor records in a row are 'absent' (statuses oldest first)."""
    n = 0
    for s in reversed(statuses):
        if s == WL_ABSENT:
            n += 1
        else:
            break
    return n


def _get(d: Any, *path: str) -> Any:
    for p in path:
        if not isinstance(d, dict):
            return None
        d = d.get(p)
    return d


def summarize(
    case_id: str,
    case: dict[str, Any] | None,
    present: list[str],
    monitoring: list[dict[str, Any]],
    engagement: dict[str, Any] | None = None,
    assessments: list[dict[str, Any]] | None = None,
    termination: dict[str, Any] | None = None,
    counts: dict[str, int] | None = None,
    risk: list[str] | None = None,
    transfer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A flat, JSON-ready summary of one case: what ``list``/``find``/``due``/``stats`` need."""
    case = case or {}
    ident = case.get("identity") or {}
    legal = case.get("legal") or {}
    # the current officer: the latest transfer's, else the one assigned at intake
    officer = _get(transfer, "to") or _get(case, "assignment", "officer") or {}
    mon_sorted = sorted(
        (m for m in monitoring if isinstance(m, dict)), key=lambda m: str(as_date(m.get("date")) or "")
    )
    statuses = [str(_get(m, "wajib_lapor", "status") or "") for m in mon_sorted]
    last_mon = as_date(mon_sorted[-1].get("date")) if mon_sorted else None
    interval = _get(engagement, "contract", "wajib_lapor_interval_days")
    last_assess = None
    if assessments:
        found = [as_date(a.get("date")) for a in assessments if isinstance(a, dict)]
        dates = [d for d in found if d is not None]
        last_assess = max(dates) if dates else None
    name = ident.get("name") if isinstance(ident.get("name"), str) else ""

    def iso(v: object) -> str | None:
        d = as_date(v)
        return d.isoformat() if d else None

    return {
        "id": case_id,
        "name": name,
        "initials": initials(name),
        "aliases": [a for a in (ident.get("aliases") or []) if isinstance(a, str)],
        "sex": ident.get("sex"),
        "birth_date": iso(ident.get("birth_date")),
        "nik": ident.get("nik") if isinstance(ident.get("nik"), str) else None,
        "address": ident.get("address"),
        "programme": legal.get("programme"),
        "offence": legal.get("offence"),
        "articles": [a for a in (legal.get("articles") or []) if isinstance(a, str)],
        "start": iso(legal.get("supervision_start")),
        "end": iso(legal.get("supervision_end")),
        "officer": officer.get("name") if isinstance(officer, dict) else None,
        "officer_nip": officer.get("nip") if isinstance(officer, dict) else None,
        "intake_date": iso(case.get("intake_date")),
        "stage": stage(counts) if counts else stage(present),
        "present": sorted(set(present)),
        "counts": counts or {},
        "last_monitoring": last_mon.isoformat() if last_mon else None,
        "wl_statuses": statuses[-6:],
        "absent_streak": absent_streak(statuses),
        "wl_interval_days": interval if isinstance(interval, int) else None,
        "engaged_on": iso(_get(engagement, "date")) if engagement else None,
        "last_assessment": last_assess.isoformat() if last_assess else None,
        "risk": risk[-1] if risk else None,
        "risk_history": risk or [],
        "terminated_on": iso(_get(termination, "date")) if termination and is_closed(counts or {}) else None,
    }


def next_report_due(summary: dict[str, Any], default_interval: int) -> dt.date | None:
    """When the next wajib lapor / monitoring entry is due (None when the case is closed)."""
    if summary.get("stage") == "terminated":
        return None
    interval = summary.get("wl_interval_days") or default_interval
    base = as_date(summary.get("last_monitoring")) or as_date(summary.get("start")) or as_date(summary.get("intake_date"))
    if base is None:
        return None
    return base + dt.timedelta(days=int(interval))


def due_items(
    summary: dict[str, Any], today: dt.date, default_interval: int = 30, horizon: int = 14, reassess_days: int = 182
) -> list[tuple[str, dt.date | None, dict[str, Any]]]:
    """What needs the officer's attention for one case: ``(kind, date, extra)``, soonest first."""
    out: list[tuple[str, dt.date | None, dict[str, Any]]] = []
    if summary.get("stage") == "terminated":
        return out
    end = as_date(summary.get("end"))
    if end is not None and end < today:
        out.append(("expired_open", end, {}))
    elif end is not None and (end - today).days <= horizon:
        out.append(("expiry", end, {}))
    nxt = next_report_due(summary, default_interval)
    if nxt is not None and (nxt - today).days <= horizon:
        out.append(("monitoring", nxt, {}))
    streak = int(summary.get("absent_streak") or 0)
    if streak >= REVOCATION_STREAK - 1:
        out.append(("absences", None, {"n": streak}))
    present = set(summary.get("present") or [])
    intake = as_date(summary.get("intake_date"))
    if "engagement" not in present:
        out.append(("no_engagement", intake, {}))
    elif "assessment" not in present:
        out.append(("no_assessment", as_date(summary.get("engaged_on")) or intake, {}))
    else:
        last = as_date(summary.get("last_assessment"))
        if last is not None and (today - last).days >= reassess_days - horizon:
            out.append(("reassessment", last + dt.timedelta(days=reassess_days), {}))
    out.sort(key=lambda x: x[1] or dt.date.min)
    return out
