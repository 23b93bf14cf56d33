"""The caseload in numbers: what ``stats`` prints and ``stats --json`` writes, and every number the Kasubsi's
dashboard shows (``dashboard`` calls this same function, and a test checks the two agree).

Plain Python over the index's summaries (``model.derive``): what is due comes from ``derive.due_items``, as ``due``
shows it; the hours of kerja sosial from the summaries' ``hours`` and ``pace`` (``derive.service_figures``), the
restitution outstanding from their ``restitution``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from bapascase.model import derive
from bapascase.model.text import as_date

ENDING_DAYS = (30, 60, 90)
TREND_MONTHS = 12
# the due items that are grounds for revocation, or its next steps
REVOCATION_KINDS = ("revocation_ground", "revocation_proposed", "revoked")
REPORT_KIND = "monitoring"  # the due item of the next wajib lapor
CONDITION_OVERDUE = "condition_overdue"  # a special condition of pidana pengawasan past its deadline


# what ``caseload_stats`` reads of each summary, besides its facts of the day (``derive.dated``) and what is due
READS = ("id", "closed", "officer", "missed_months", "hours", "conditions", "restitution", "stage", "supervision",
         "programme", "risk")
# what is due for each case (``derive.due_items`` for the same day, interval, horizon), when the caller has it
DueByCase = Mapping[str, Sequence[tuple[Any, dt.date | None, dict[str, Any]]]]


def due_of(case: Mapping[str, Any], today: dt.date, interval: int, horizon: int, reassess_days: int,
           due: DueByCase | None = None, holidays: Collection[dt.date] = ()
           ) -> list[tuple[str, dt.date | None, dict[str, Any]]]:
    """A case's due items with plain string kinds (``derive.due_items``, or as given in ``due``)."""
    items = due.get(case["id"]) if due is not None else None
    if items is None:
        items = derive.due_items(case, today, interval, horizon, reassess_days, holidays=holidays)
    return [(str(k), d, x) for k, d, x in items]


def caseload_stats(cases: Sequence[Mapping[str, Any]], today: dt.date, interval: int, horizon: int,
                   reassess_days: int, due: DueByCase | None = None, holidays: Collection[dt.date] = ()
                   ) -> dict[str, Any]:
    """Every number of the caseload as of ``today`` (``cases``: the index's summaries with their dated facts; with
    ``due``, only their ``READS`` are needed)."""
    active = [s for s in cases if not s["closed"]]
    wl = {"overdue": 0, "today": 0, "upcoming": 0}
    grounds = dict.fromkeys(REVOCATION_KINDS, 0)
    per_officer: dict[str, dict[str, int]] = {}
    conditions_overdue = 0
    for s in active:
        officer = str(s.get("officer") or "-")
        row = per_officer.setdefault(officer, {"active": 0, "overdue": 0, "revocation": 0})
        row["active"] += 1
        for kind, when, _ in due_of(s, today, interval, horizon, reassess_days, due, holidays):
            if kind == REPORT_KIND and when is not None:
                key = "overdue" if when < today else "today" if when == today else "upcoming"
                wl[key] += 1
                if key == "overdue":
                    row["overdue"] += 1
            elif kind in grounds:
                grounds[kind] += 1
                row["revocation"] += 1
            elif kind == CONDITION_OVERDUE:
                conditions_overdue += 1
    ending = {str(n): sum(1 for s in active if (d := s.get("days_left")) is not None and 0 <= d <= n)
              for n in ENDING_DAYS}
    first = derive.months_before(today, TREND_MONTHS - 1).replace(day=1)
    missed: Counter[str] = Counter()  # every case's missed reports by month, added up in one pass
    for s in cases:
        for key, n in (s.get("missed_months") or {}).items():
            missed[key] += int(n)
    trend = []
    for y, m in derive.months_between(first, today):
        key = f"{y:04d}-{m:02d}"
        trend.append({"month": key, "missed": missed.get(key, 0)})
    kerja = [s for s in active if isinstance(s.get("hours"), Mapping)]
    kerja_sosial = {
        "clients": len(kerja),
        "hours_ordered": _num(sum(float(s["hours"].get("ordered") or 0) for s in kerja)),
        "hours_done": _num(sum(float(s["hours"].get("done") or 0) for s in kerja)),
        "hours_left": _num(sum(float(s["hours"].get("left") or 0) for s in kerja)),
        "behind": sum(1 for s in kerja if (s.get("pace") or {}).get("behind") or (s.get("pace") or {}).get("impossible")),
    }
    pengawasan = {
        "clients": sum(1 for s in active if s.get("conditions")),
        "conditions_overdue": conditions_overdue,
        "restitution_outstanding": sum((s.get("restitution") or {}).get("outstanding", 0) for s in active),
    }
    return {
        "total": len(cases),
        "active": len(active),
        "by_stage": dict(Counter(s["stage"] for s in cases)),
        "by_supervision": dict(Counter(s["supervision"] for s in cases)),
        "by_programme": dict(Counter(str(s.get("programme") or "-") for s in active)),
        "by_officer": dict(Counter(str(s.get("officer") or "-") for s in active)),
        "by_risk": dict(Counter(str(s.get("risk") or "-") for s in active)),
        "ending_30": ending["30"],
        "ending": ending,
        "wajib_lapor": wl,
        "revocation": grounds,
        "per_officer": per_officer,
        "kerja_sosial": kerja_sosial,
        "pengawasan": pengawasan,
        "missed_trend": trend,
    }


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 2)


def next_reports(cases: Sequence[Mapping[str, Any]], today: dt.date, interval: int, horizon: int,
                 reassess_days: int, due: DueByCase | None = None, holidays: Collection[dt.date] = ()
                 ) -> list[dict[str, Any]]:
    """The wajib-lapor reports due (overdue first) with what a reminder needs: the case, its initials, officer,
    date and days from today. The same items as ``due``."""
    rows = []
    for s in cases:
        if s.get("closed"):
            continue
        for kind, when, _ in due_of(s, today, interval, horizon, reassess_days, due, holidays):
            if kind == REPORT_KIND and when is not None:
                rows.append({"id": s["id"], "initials": s.get("initials") or "", "officer": s.get("officer") or "",
                             "date": when, "days": (when - today).days})
    rows.sort(key=lambda r: (r["date"], r["id"]))
    return rows


def ending_soon(cases: Sequence[Mapping[str, Any]], days: int) -> list[dict[str, Any]]:
    """The open cases whose masa bimbingan ends within ``days`` days, soonest first."""
    rows = [{"id": s["id"], "initials": s.get("initials") or "", "officer": s.get("officer") or "",
             "end": as_date(s.get("end")), "days": d}
            for s in cases if not s.get("closed") and (d := s.get("days_left")) is not None and 0 <= d <= days]
    rows.sort(key=lambda r: (r["days"], r["id"]))
    return rows
