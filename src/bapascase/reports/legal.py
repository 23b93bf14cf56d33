"""The legal frame in the reports: the programme and its legal bases, the two dates, the supervision status, the
legal events, the event a warning or revocation report prints, and the progress report's period with what
happened in it (month by month, never "no incidents" for a month without a record) and its conclusions.

Every fact is one of ``model.derive``'s, over the same record as ``show`` and ``due``; this module only picks and
words them for a report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bapascase.errors import UserError
from bapascase.i18n import t
from bapascase.model import derive, registry
from bapascase.model.meta import enum_label
from bapascase.model.text import MONTHS, as_date, long_date

# ``Entry`` is ``reports.context.Entry`` (one recorded document: stage, path, doc); context imports this module
Entry = Any

MISSED = derive.WL_ABSENT


@dataclass
class Period:
    """The span a progress report covers."""

    start: dt.date
    end: dt.date
    since_tpp: dt.date | None = None  # the TPP session it follows, when the default period starts there
    chosen: bool = False  # given with --from/--to

    def covers(self, day: object) -> bool:
        d = as_date(day)
        return d is not None and self.start <= d <= self.end

    def within(self, items: Sequence[Any], date: Callable[[Any], object] = lambda x: x.date) -> list[Any]:
        """The items dated in the period: the one filter every section of a period report uses, so a table and
        the count above it are made from the same rows."""
        return [x for x in items if self.covers(date(x))]

    def clipped(self, ym: tuple[int, int]) -> tuple[dt.date, dt.date]:
        """The days of the month ``ym`` inside the period."""
        first = dt.date(ym[0], ym[1], 1)
        last = (dt.date(ym[0] + (ym[1] == 12), ym[1] % 12 + 1, 1)) - dt.timedelta(days=1)
        return max(first, self.start), min(last, self.end)


@dataclass
class EventRow:
    """One legal event as a report lists it."""

    date: str
    kind: str
    title: str
    summary: str
    path: str
    doc: Any = field(repr=False, default=None)


# -- the programme, the two dates, the statuses --------------------------------------------------------------------


def legal_of(case: Any, summary: dict[str, Any], lang: str) -> dict[str, Any]:
    """``r.legal``: the programme from ``bapascase/data/programmes.yaml`` with its legal bases (full titles), the
    ekspirasi and the end of the masa bimbingan (and whether it is derived), the two statuses."""
    from bapascase.model.grounds import ground_label
    from bapascase.model.programmes import programme

    info = programme(summary.get("programme"))
    expiry, end = as_date(summary.get("expiry")), as_date(summary.get("end"))
    years = info.end_from_expiry_years if info else None
    note = ""
    if summary.get("end_derived") and expiry is not None and years is not None:
        note = t("rpt.legal.end_derived", lang, expiry=long_date(expiry, lang), years=years) if years else \
            t("rpt.legal.end_at_expiry", lang)
    closed_on = as_date(summary.get("closed_on"))
    revoked_on = as_date(summary.get("revoked_on"))
    status = summary.get("supervision") or derive.Supervision.ACTIVE.value
    if closed_on is not None or summary.get("closed"):
        status_text = t("rpt.legal.sup_ended", lang, date=long_date(closed_on, lang),
                        ground=ground_label(summary.get("closing_ground"), lang))
    elif revoked_on is not None:
        status_text = t("rpt.legal.sup_revoked", lang, date=long_date(revoked_on, lang))
    else:
        status_text = t("rpt.legal.sup_active", lang)
    return {
        "programme": info.label(lang) if info else enum_label(case.legal.programme, lang),
        "code": summary.get("programme") or "",
        "child": bool(info and info.child),
        "bases": [{"short": b.short, "title": b.title} for b in (info.legal_bases if info else ())],
        "end_basis": info.end_basis if info else "",
        "expiry": long_date(expiry, lang) if expiry else "",
        "expiry_date": expiry,
        "end": long_date(end, lang) if end else "",
        "end_date": end,
        "end_derived": bool(summary.get("end_derived")),
        "end_note": note,
        "differ": expiry is not None and expiry != end,
        "supervision": status,
        "supervision_label": t(f"sup.{status}", lang),
        "supervision_text": status_text,
        "terminated_on": long_date(summary.get("terminated_on"), lang) if summary.get("terminated_on") else "",
    }


# -- legal events -----------------------------------------------------------------------------------------------


def event_rows(entries: list[Entry], lang: str) -> list[EventRow]:
    out = []
    for e in entries:
        doc = e.doc
        out.append(EventRow(long_date(doc.date, lang), str(doc.kind), str(type(doc).title(lang)),
                            str(doc.summary(lang)), e.path, doc))
    return out


def choose_event(entries: list[Entry], kind: str, selector: str | None, lang: str) -> Entry:
    """The event a warning or revocation report prints: the latest of that kind, or the one ``selector`` names
    (its file, as ``events/2026-09-07.yaml``, its file name or stem, or its date)."""
    from bapascase.model.event import EventDoc
    from bapascase.model.types import parse_date

    cls = EventDoc.kinds[kind]
    found = [e for e in entries if e.doc.kind == kind]
    if not found:
        raise UserError("rpt.err.no_event", kind=cls.title(lang))
    if not selector:
        return found[-1]
    wanted = selector.strip().replace("\\", "/")
    by_file = [e for e in found if wanted in (e.path, e.path.split("/", 2)[-1], _name(e.path), _stem(e.path))]
    if not by_file:
        try:
            day = parse_date(wanted)
        except ValueError:
            day = None
        by_file = [e for e in found if isinstance(day, dt.date) and as_date(e.doc.date) == day]
    if len(by_file) == 1:
        return by_file[0]
    known = ", ".join(f"{_name(e.path)} ({long_date(e.doc.date, lang)})" for e in found)
    if not by_file:
        raise UserError("rpt.err.unknown_event", selector=selector, kind=cls.title(lang), known=known)
    raise UserError("rpt.err.ambiguous_event", selector=selector, known=", ".join(_name(e.path) for e in by_file))


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _stem(path: str) -> str:
    return _name(path).removesuffix(".yaml")


def cited_rows(event: Any, entries: dict[str, list[Entry]], case_dir: str, lang: str) -> list[dict[str, str]]:
    """The records an event cites, as a table: date, what, detail (the wajib-lapor status of a monitoring entry,
    the kind of an event, the topic of a session)."""
    by_path: dict[str, Entry] = {}
    for items in entries.values():
        for e in items:
            by_path[e.path.removeprefix(case_dir + "/")] = e
    rows = []
    for ref in getattr(event, "cites", None) or []:
        cited = by_path.get(ref)
        if cited is None:
            rows.append({"date": "", "what": ref, "detail": ""})
            continue
        doc = cited.doc
        what = str(type(doc).title(lang))
        detail = ""
        if cited.stage == registry.Stage.MONITORING:
            detail = doc.wajib_lapor.status.label(lang)
            if doc.wajib_lapor.reason:
                detail += f" ({doc.wajib_lapor.reason})"
        elif cited.stage == registry.Stage.EVENT:
            detail = str(doc.summary(lang))
        elif getattr(doc, "topic", None):
            detail = str(doc.topic)
        rows.append({"date": long_date(cited.date, lang) if cited.date else "", "what": what, "detail": detail,
                     "path": ref})
    return rows


# -- the progress report --------------------------------------------------------------------------------------------


def progress_period(tpp_dates: list[Any], today: dt.date, start: dt.date | None, end: dt.date | None) -> Period:
    """The period asked for (``--from``/``--to``), else since the last TPP session held, else the last three
    months; up to today."""
    if start is not None or end is not None:
        last = end or today
        first = start or derive.progress_period([], last)[0]
        if first > last:
            raise UserError("rpt.err.period_order", start=first.isoformat(), end=last.isoformat())
        return Period(first, last, chosen=True)
    first, last = derive.progress_period(tpp_dates, today)
    held = [d for d in (as_date(x) for x in tpp_dates) if d is not None and d < today]
    return Period(first, last, since_tpp=max(held) if held else None)


def month_label(ym: tuple[int, int], lang: str) -> str:
    return f"{MONTHS[lang][ym[1] - 1]} {ym[0]}"


def progress_of(period: Period, monitoring: list[Any], interventions: list[Any], engagement: Any,
                events: list[EventRow], facts: dict[str, Any], legal: dict[str, Any], goals: list[dict[str, Any]],
                due: Sequence[tuple[str, dt.date | None, dict[str, Any]]], risk_change: str, lang: str) -> dict[str, Any]:
    """``r.progress``: what the period holds, month by month, and the conclusions and advice drawn from it."""
    from bapascase.model.monitoring import MonitoringMethod, rating_label

    in_period = period.within(monitoring)
    permits = [e for e in events if e.kind == derive.EV_PERMIT]
    unrecorded = set(derive.months_without_records([m.date for m in monitoring], period.start, period.end))
    months: list[dict[str, Any]] = []
    for ym in derive.months_between(period.start, period.end):
        # only the records of the period; a month at its edge whose report falls outside it (10 August for a
        # period from 21 August) says so, and is not a month without a record: a month is a reporting cycle
        records = [m for m in in_period if (m.date.year, m.date.month) == ym]
        days = period.clipped(ym)
        covering = [p for p in permits if p.doc.period.start <= days[1] and p.doc.period.end >= days[0]]
        months.append({
            "label": month_label(ym, lang),
            "records": [{"date": long_date(m.date, lang), "status": m.wajib_lapor.status.label(lang),
                         "key": str(m.wajib_lapor.status.value),
                         "reason": "; ".join(x for x in (m.wajib_lapor.reason or "", m.wajib_lapor.notes or "") if x)}
                        for m in records],
            "permit": "; ".join(p.summary for p in covering),
            "none": ym in unrecorded,
            "outside": not records and ym not in unrecorded,
        })
    statuses = [str(m.wajib_lapor.status.value) for m in in_period]
    without = [mo["label"] for mo in months if mo["none"]]
    home = _home_visits(period, in_period, interventions, engagement, lang, MonitoringMethod.KUNJUNGAN_RUMAH.value)
    period_events = period.within(events, lambda e: e.doc.date)
    warnings = [e for e in period_events if e.kind == derive.EV_WARNING]
    wl = {"total": len(statuses), "present": statuses.count(derive.WL_PRESENT),
          "remote": statuses.count(derive.WL_REMOTE), "absent": statuses.count(MISSED)}
    conclusions = [t("rpt.prog.c_wl", lang, start=long_date(period.start, lang), end=long_date(period.end, lang),
                     **wl)]
    if without:
        conclusions.append(t("rpt.prog.c_no_records", lang, n=len(without), months=", ".join(without)))
    if facts.get("absent_streak", 0) >= derive.REVOCATION_STREAK:
        conclusions.append(t("rpt.prog.c_streak", lang, n=facts["absent_streak"]))
    conclusions.append(t("rpt.prog.c_warnings", lang, n=len(warnings)) if warnings else
                       t("rpt.prog.c_no_warnings", lang))
    used = period.within(permits, lambda e: e.doc.date)
    if used:
        conclusions.append(t("rpt.prog.c_permits", lang, n=len(used)))
    if risk_change:
        conclusions.append(t("rpt.prog.c_risk", lang, change=risk_change))
    achieved = sum(1 for g in goals if (g["outcome"] or g["latest"] or {}).get("key") == "tercapai")
    if goals:
        conclusions.append(t("rpt.prog.c_goals", lang, achieved=achieved, total=len(goals)))
    if legal.get("terminated_on") and legal.get("supervision") == derive.Supervision.ACTIVE.value:
        conclusions.append(t("rpt.prog.c_terminated", lang, date=legal["terminated_on"], end=legal["end"]))
    advice = _advice(due, without, facts, legal, period.end, lang)
    ratings = [{"date": long_date(m.date, lang), "engagement": m.ratings.engagement,
                "response": m.ratings.response, "behaviour_change": m.ratings.behaviour_change,
                "engagement_label": rating_label(m.ratings.engagement, lang),
                "response_label": rating_label(m.ratings.response, lang),
                "behaviour_change_label": rating_label(m.ratings.behaviour_change, lang),
                "notes": m.ratings.notes or ""}
               for m in in_period if any(v is not None for v in (m.ratings.engagement, m.ratings.response,
                                                                  m.ratings.behaviour_change))]
    incidents = [{"date": long_date(i.date or m.date, lang), "kind": enum_label(i.kind, lang),
                  "description": i.description, "action": i.action or ""}
                 for m in in_period for i in m.incidents]
    latest = next((m for m in reversed(in_period) if m.next_steps or m.observations or m.obstacles), None)
    # the TPP session the report is for (the next one scheduled after its date), and the one it follows
    sessions = sorted((e for e in events if e.kind == derive.EV_TPP), key=lambda e: e.doc.date)
    upcoming = next((e for e in sessions if e.doc.date > period.end), None)
    held = [e for e in sessions if e.doc.date <= period.end]
    return {
        "tpp_next": _tpp(upcoming, lang),
        "tpp_last": _tpp(held[-1] if held else None, lang),
        "start": long_date(period.start, lang),
        "end": long_date(period.end, lang),
        "since_tpp": long_date(period.since_tpp, lang) if period.since_tpp else "",
        "chosen": period.chosen,
        "months": months,
        "months_without": without,
        "wl": wl,
        "events": period_events,
        "warnings": warnings,
        "home_visits": home,
        "sessions": period.within(interventions),
        "ratings": ratings,
        "incidents": incidents,
        "risk_change": risk_change,
        "conclusions": conclusions,
        "advice": advice,
        "latest": latest,
    }


def _tpp(event: EventRow | None, lang: str) -> dict[str, str] | None:
    """A TPP session as a report cites it: its date (with the weekday) and its number when recorded."""
    if event is None:
        return None
    day = long_date(event.doc.date, lang)
    return {"date": long_date(event.doc.date, lang, weekday=True), "number": str(event.doc.number or ""),
            "text": t("rpt.prog.tpp_numbered" if event.doc.number else "rpt.prog.tpp_dated", lang,
                      number=event.doc.number or "", date=long_date(event.doc.date, lang, weekday=True)),
            "ref": t("rpt.prog.tpp_ref", lang, number=event.doc.number, date=day) if event.doc.number else day}


def _home_visits(period: Period, monitoring: list[Any], interventions: list[Any], engagement: Any, lang: str,
                 home: str) -> list[dict[str, str]]:
    """Home visits in the period: monitoring by a home visit, sessions held at home, EIC contacts at home."""
    rows: list[tuple[dt.date, str, str]] = []
    for m in monitoring:
        if any(str(x.value) == home for x in m.methods):
            rows.append((m.date, str(type(m).title(lang)), m.observations or ""))
    for s in period.within(interventions):
        if str(s.type.value) == home:
            rows.append((s.date, str(type(s).title(lang)), s.topic or ""))
    for c in period.within(getattr(engagement, "contacts", None) or []):
        if str(c.mode.value) == home:
            rows.append((c.date, str(type(engagement).short_title(lang)), c.place or ""))
    return [{"date": long_date(d, lang), "what": what, "notes": notes} for d, what, notes in sorted(rows)]


def _advice(due: Sequence[tuple[str, dt.date | None, dict[str, Any]]], without: list[str], facts: dict[str, Any],
            legal: dict[str, Any], today: dt.date, lang: str) -> list[str]:
    """Advice drawn from what is due (``derive.due_items``) and from the gaps in the record."""
    out = []
    for kind, when, extra in due:
        day = long_date(when, lang) if when else ""
        if kind == "revocation_ground":
            out.append(t("rpt.prog.a_revocation", lang, programme=legal["programme"], n=extra.get("n", 0)))
        elif kind in ("revocation_proposed", "revoked"):
            out.append(t("rpt.prog.a_awaiting", lang))
        elif kind == "absences":
            out.append(t("rpt.prog.a_absences", lang))
        elif kind in ("prepare_closing", "expired_open"):
            out.append(t("rpt.prog.a_closing", lang, date=day))
        elif kind == "reassessment":
            out.append(t("rpt.prog.a_reassess", lang, date=day))
        elif kind == "tpp":
            out.append(t("rpt.prog.a_tpp", lang, date=day))
        elif kind == derive.DueKind.MONITORING and when is not None and when < today:
            out.append(t("rpt.prog.a_overdue", lang, date=day))
    if without:
        out.append(t("rpt.prog.a_records", lang))
    if not out and legal.get("supervision") == derive.Supervision.ACTIVE.value:
        out.append(t("rpt.prog.a_continue", lang, days=facts.get("wl_interval"), end=legal.get("end") or "-"))
    return list(dict.fromkeys(out))
