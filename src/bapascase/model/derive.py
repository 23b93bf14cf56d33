"""Facts derived from what is recorded, one function per fact: stage, open or closed, current officer, age,
days left, next wajib lapor, what is due.

Pure and plain: no I/O, no pydantic. Every path that shows one of these facts (``show``, ``due``, ``list``,
``stats``, the index and every report) calls the function here, so two commands can never disagree about a case.
``summarize`` turns a ``CaseRecord`` into the index's JSON summary; ``dated`` adds the facts that depend on the
day (and on the casebook's default interval), so they are never cached stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from bapascase.model.records import CaseRecord
from bapascase.model.registry import SPECS, CaseStage, Stage
from bapascase.model.text import as_date, initials

WL_PRESENT = "hadir"
WL_REMOTE = "jarak_jauh"
WL_ABSENT = "tidak_hadir"
REVOCATION_STREAK = 3
DAYS_PER_MONTH = 30.44

T = TypeVar("T")


class DueKind(StrEnum):
    """What can be due for a case (``due``; each has its ``due.<kind>`` message)."""

    EXPIRED_OPEN = "expired_open"  # supervision ended, the case is not terminated
    EXPIRY = "expiry"  # supervision ends within the horizon
    MONITORING = "monitoring"  # the next wajib lapor
    ABSENCES = "absences"  # missed wajib lapor in a row, near the revocation streak
    NO_ENGAGEMENT = "no_engagement"
    NO_ASSESSMENT = "no_assessment"
    REASSESSMENT = "reassessment"


# read from the registry once (the caseload asks for every case)
_CLOSING = tuple(s.name for s in SPECS if s.closes)
_REOPENING = tuple(s.name for s in SPECS if s.reopens)
_MOVES = tuple((s.name, s.moves_to) for s in SPECS if s.moves_to is not None and not s.closes)
_ORDER = {stage: i for i, stage in enumerate(CaseStage)}


def is_closed(counts: Mapping[str, int]) -> bool:
    """Closed (terminated) unless reopened since: every reopening follows a closing, so compare the counts."""
    return sum(counts.get(n, 0) for n in _CLOSING) > sum(counts.get(n, 0) for n in _REOPENING)


def case_stage(counts: Mapping[str, int]) -> CaseStage:
    """The furthest casework stage reached, from the number of documents recorded of each kind."""
    if is_closed(counts):
        return CaseStage.TERMINATED
    reached = [stage for name, stage in _MOVES if counts.get(name)]
    return max(reached, key=_ORDER.__getitem__, default=CaseStage.INTAKE)


def current_officer(intake_officer: T | None, transfer_officers: Sequence[T]) -> T | None:
    """The officer in charge: the latest transfer's (transfers oldest first), else the one assigned at intake."""
    return transfer_officers[-1] if transfer_officers else intake_officer


def age(birth: object, on: dt.date) -> int | None:
    b = as_date(birth)
    if b is None:
        return None
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def days_left(end: object, on: dt.date) -> int | None:
    e = as_date(end)
    return (e - on).days if e else None


def wajib_lapor_interval(contract_days: int | None, default_days: int) -> int:
    """Days between reports: the supervision contract's, else the casebook's default."""
    return contract_days if contract_days else default_days


def next_wajib_lapor(
    *, closed: bool, last_report: object, requested: object, interval_days: int, start: object, intake: object,
) -> dt.date | None:
    """When the client must report next: the date the latest monitoring entry set (``next_date``), else one
    interval after that entry, else one interval after the start of supervision (or the intake). None once the
    case is closed."""
    if closed:
        return None
    asked = as_date(requested)
    if asked is not None:
        return asked
    base = as_date(last_report) or as_date(start) or as_date(intake)
    return base + dt.timedelta(days=interval_days) if base else None


def absent_streak(statuses: Sequence[str]) -> int:
    """How many of the latest wajib-lapor records in a row are 'absent' (statuses oldest first)."""
    n = 0
    for s in reversed(statuses):
        if s == WL_ABSENT:
            n += 1
        else:
            break
    return n


def reassessment_days(months: int) -> int:
    return round(months * DAYS_PER_MONTH)


def summarize(case_id: str, rec: CaseRecord, risk: Sequence[str] = ()) -> dict[str, Any]:
    """A flat, JSON-ready summary of one case: what the index keeps and ``list``/``find``/``due``/``stats`` read."""
    counts = dict(rec.counts)
    closed = is_closed(counts)
    officer = current_officer(rec.intake_officer, rec.transfer_officers) or {}
    statuses = [status for _, _, status in rec.monitoring]
    last = rec.monitoring[-1] if rec.monitoring else (None, None, "")
    return {
        "id": case_id,
        "name": rec.name,
        "initials": initials(rec.name),
        "aliases": rec.aliases,
        "sex": rec.sex,
        "birth_date": rec.birth_date,
        "nik": rec.nik,
        "address": rec.address,
        "programme": rec.programme,
        "offence": rec.offence,
        "articles": rec.articles,
        "sentence": {"sentence_years": rec.sentence_years, "sentence_months": rec.sentence_months},
        "start": rec.start,
        "end": rec.end,
        "officer": officer.get("name"),
        "officer_nip": officer.get("nip"),
        "praktikan": rec.praktikan,
        "guarantor": rec.guarantor,
        "intake_date": rec.intake_date,
        "stage": case_stage(counts).value,
        "closed": closed,
        "present": sorted(counts),
        "counts": counts,
        "last_monitoring": last[0],
        "next_date": last[1],  # the next report the latest monitoring entry set, if it did
        "wl_statuses": statuses[-6:],
        "absent_streak": absent_streak(statuses),
        "wl_interval_days": rec.wl_interval_days,
        "engaged_on": rec.engaged_on,
        "last_assessment": rec.assessment_dates[-1] if rec.assessment_dates else None,
        "risk": risk[-1] if risk else None,
        "risk_history": list(risk),
        "terminated_on": rec.termination_dates[-1] if rec.termination_dates and closed else None,
    }


def dated(summary: Mapping[str, Any], today: dt.date, default_interval: int) -> dict[str, Any]:
    """The facts of a summary that depend on the day and on the casebook's default reporting interval."""
    nxt = next_wajib_lapor(
        closed=bool(summary.get("closed")),
        last_report=summary.get("last_monitoring"),
        requested=summary.get("next_date"),
        interval_days=wajib_lapor_interval(summary.get("wl_interval_days"), default_interval),
        start=summary.get("start"),
        intake=summary.get("intake_date"),
    )
    return {
        "age": age(summary.get("birth_date"), today),
        "days_left": days_left(summary.get("end"), today),
        "next_report_due": nxt.isoformat() if nxt else None,
    }


def due_items(
    summary: Mapping[str, Any], today: dt.date, default_interval: int, horizon: int, reassess_days: int
) -> list[tuple[DueKind, dt.date | None, dict[str, Any]]]:
    """What needs the officer's attention for one case: ``(kind, date, extra)``, soonest first."""
    out: list[tuple[DueKind, dt.date | None, dict[str, Any]]] = []
    if summary.get("closed"):
        return out
    end = as_date(summary.get("end"))
    if end is not None and end < today:
        out.append((DueKind.EXPIRED_OPEN, end, {}))
    elif end is not None and (end - today).days <= horizon:
        out.append((DueKind.EXPIRY, end, {}))
    nxt = as_date(dated(summary, today, default_interval)["next_report_due"])
    if nxt is not None and (nxt - today).days <= horizon:
        out.append((DueKind.MONITORING, nxt, {}))
    streak = int(summary.get("absent_streak") or 0)
    if streak >= REVOCATION_STREAK - 1:
        out.append((DueKind.ABSENCES, None, {"n": streak}))
    present = set(summary.get("present") or [])
    intake = as_date(summary.get("intake_date"))
    if Stage.ENGAGEMENT not in present:
        out.append((DueKind.NO_ENGAGEMENT, intake, {}))
    elif Stage.ASSESSMENT not in present:
        out.append((DueKind.NO_ASSESSMENT, as_date(summary.get("engaged_on")) or intake, {}))
    else:
        last = as_date(summary.get("last_assessment"))
        if last is not None and (today - last).days >= reassess_days - horizon:
            out.append((DueKind.REASSESSMENT, last + dt.timedelta(days=reassess_days), {}))
    out.sort(key=lambda x: x[1] or dt.date.min)
    return out
