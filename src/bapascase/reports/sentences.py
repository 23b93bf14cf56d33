"""The community sentences in the reports (``r.sentence``): the hours log of kerja sosial with its attendance, the
placements' remarks and whether the report is a progress or a completion report; the conditions of pengawasan
with the restitution paid and outstanding and their outcomes; the recommendation a pertimbangan makes, on its
article; and the records a pertimbangan rests on, quoted.

Every figure is ``model.derive``'s (the same summary as ``show`` and ``due``); this module only picks and words
them for a report.
"""

from __future__ import annotations

from typing import Any

from bapascase.errors import UserError
from bapascase.i18n import t
from bapascase.model import registry
from bapascase.model.meta import enum_label
from bapascase.model.text import hours, long_date, money

Entry = Any  # ``reports.context.Entry``
QUOTE = 240  # the most of a record's own words a cited row quotes


def sentence_of(case: Any, entries: dict[str, list[Entry]], summary: dict[str, Any], lang: str) -> dict[str, Any]:
    """``r.sentence``: empty for a case that is neither sentence."""
    from bapascase.model.programmes import programme

    legal = case.legal
    info = programme(legal.programme.value)
    if info is None or info.sentence is None:
        return {}
    terms = legal.pengawasan or legal.kerja_sosial
    out: dict[str, Any] = {
        "kind": info.sentence,
        "prosecutor": (terms.prosecutor or "") if terms is not None else "",
        "to": t("event.to_prosecutor", lang, office=terms.prosecutor) if terms is not None and terms.prosecutor
        else "",
        "verdict": verdict_line(legal, lang),
        "end": long_date(legal.supervision_end, lang) if legal.supervision_end else "",
    }
    if legal.kerja_sosial is not None:
        out.update(_kerja_sosial(legal.kerja_sosial, entries, summary, lang))
    if legal.pengawasan is not None:
        out.update(_pengawasan(legal.pengawasan, entries, summary, lang))
    return out


def verdict_line(legal: Any, lang: str) -> str:
    """"Putusan Pengadilan Negeri Medan Nomor 31/Pid.B/2026/PN Mdn tanggal 20 Februari 2026"."""
    if not (legal.verdict_number or legal.verdict_date or legal.court):
        return ""
    return t("rpt.sent.verdict", lang, court=legal.court or "", number=legal.verdict_number or "-",
             date=long_date(legal.verdict_date, lang) if legal.verdict_date else "-")


def _kerja_sosial(ks: Any, entries: dict[str, list[Entry]], summary: dict[str, Any], lang: str) -> dict[str, Any]:
    from bapascase.model.service import ServiceAttendance

    figures = summary.get("hours") or {}
    pace = summary.get("pace") or {}
    places = {p.id: p for p in ks.placements}
    log: list[dict[str, Any]] = []
    total = 0.0
    remarks: list[dict[str, str]] = []
    incidents: list[dict[str, str]] = []
    for e in entries.get(registry.Stage.SERVICE) or []:
        s = e.doc
        credited = s.credited()
        total += credited
        place = places.get(s.placement)
        log.append({
            "date": long_date(s.date, lang), "placement": place.place if place else s.placement,
            "time": f"{clock(s.start, lang)}–{clock(s.end, lang)}" if s.start and s.end else "",
            "hours": hours(credited, lang),
            "total": hours(total, lang), "attendance": s.attendance.label(lang), "key": str(s.attendance.value),
            "reason": s.reason or "", "tasks": "; ".join(s.tasks), "path": e.path,
        })
        if s.supervisor_remarks:
            remarks.append({"date": long_date(s.date, lang), "by": place.supervisor if place else "",
                            "text": s.supervisor_remarks})
        for inc in s.incidents:
            incidents.append({"date": long_date(s.date, lang), "kind": inc.kind.label(lang),
                              "description": inc.description, "action": inc.action or ""})
    counts = figures.get("attendance") or {}
    attendance = [{"label": a.label(lang), "key": str(a.value), "n": counts.get(str(a.value), 0)}
                  for a in ServiceAttendance]
    ordered = int(figures.get("ordered") or ks.hours_ordered)
    done = float(figures.get("done") or 0)
    complete = done >= ordered
    ended = bool(pace.get("overdue"))
    conclusions = [t("rpt.svc.c_hours", lang, done=hours(done, lang), ordered=ordered,
                     left=hours(figures.get("left", ordered), lang), sessions=figures.get("sessions", 0))]
    late = counts.get(ServiceAttendance.TERLAMBAT.value, 0)
    early = counts.get(ServiceAttendance.PULANG_AWAL.value, 0)
    absent = counts.get(ServiceAttendance.TIDAK_HADIR.value, 0)
    conclusions.append(t("rpt.svc.c_attendance", lang, late=late, early=early, absent=absent)
                       if late or early or absent else t("rpt.svc.c_attendance_all", lang))
    if complete:
        conclusions.append(t("rpt.svc.c_complete", lang, date=long_date(figures.get("last_session"), lang)))
    elif ended:
        conclusions.append(t("rpt.svc.c_ended", lang, left=hours(figures.get("left"), lang)))
    elif pace.get("needed") is not None:
        key = "rpt.svc.c_behind" if pace.get("behind") or pace.get("impossible") else "rpt.svc.c_on_track"
        conclusions.append(t(key, lang, needed=hours(pace["needed"], lang),
                             achieved=hours(pace.get("achieved") or 0, lang), end=long_date(summary.get("end"), lang)))
    if incidents:
        conclusions.append(t("rpt.svc.c_incidents", lang, n=len(incidents)))
    return {
        "ordered": ordered, "done": hours(done, lang), "left": hours(figures.get("left", ordered), lang),
        "sessions": figures.get("sessions", 0), "log": log, "attendance": attendance, "remarks": remarks,
        "incidents": incidents, "complete": complete, "final": complete or ended,
        "pace_needed": hours(pace["needed"], lang) if pace.get("needed") is not None else "",
        "pace_achieved": hours(pace["achieved"], lang) if pace.get("achieved") is not None else "",
        "behind": bool(pace.get("behind") or pace.get("impossible")),
        "placements": list(ks.placements), "terms": ks, "conclusions": conclusions,
        "daily": ks.daily_limit(),
    }


def clock(value: str, lang: str) -> str:
    """A time of day as the language writes it: "08.00" (Indonesian), "08:00" (English)."""
    return value.replace(":", ".") if lang == "id" else value


def _pengawasan(pg: Any, entries: dict[str, list[Entry]], summary: dict[str, Any], lang: str) -> dict[str, Any]:
    from bapascase.model import derive
    from bapascase.model.sentences import UMUM

    events = [e for e in entries.get(registry.Stage.EVENT) or []]
    payments = [e for e in events if e.doc.kind == derive.EV_PAYMENT]
    outcomes = [e for e in events if e.doc.kind == derive.EV_OUTCOME]
    state = {c["id"]: c for c in summary.get("conditions") or []}
    rows = []
    for c in pg.special_conditions:
        st = state.get(c.id) or {}
        latest = next((o.doc for o in reversed(outcomes) if o.doc.condition == c.id), None)
        rows.append({
            "id": c.id, "kind": c.kind.label(lang), "text": c.text,
            "deadline": long_date(c.deadline, lang) if c.deadline else t("rpt.sent.whole_period", lang),
            "amount": money(c.amount) if c.amount is not None else "",
            "paid": money(st.get("paid")) if c.amount is not None else "",
            "outstanding": money(st.get("outstanding")) if c.amount is not None else "",
            "outcome": _outcome_text(latest, lang) if latest else (
                t("rpt.sent.paid_in_full", lang) if st.get("met") else t("rpt.sent.open", lang)),
            "payments": [{"date": long_date(p.doc.date, lang), "amount": money(p.doc.amount),
                          "via": p.doc.paid_via or "", "proof": p.doc.proof or "", "path": p.path}
                         for p in payments if p.doc.condition == c.id],
        })
    general = next((o.doc for o in reversed(outcomes) if o.doc.condition == UMUM), None)
    restitution = summary.get("restitution")
    return {
        "general": pg.general_condition,
        "general_outcome": _outcome_text(general, lang) if general else t("rpt.sent.general_kept", lang),
        "conditions": rows,
        "restitution": {k: money(v) for k, v in restitution.items()} if restitution else {},
    }


def _outcome_text(doc: Any, lang: str) -> str:
    text = f"{doc.outcome.label(lang)} ({long_date(doc.date, lang)})"
    if doc.lawful_reason:
        text += "; " + t("rpt.sent.lawful_reason", lang, reason=" ".join(doc.lawful_reason.split()))
    return text


def recommendation_of(event: Any, lang: str) -> dict[str, str]:
    """The printed pertimbangan's recommendation in words, with the article it rests on (programme data)."""
    from bapascase.model.programmes import recommendation

    found = recommendation(event.recommendation.value)
    label = found.label(lang) if found else enum_label(event.recommendation, lang)
    months = t("rpt.pert.months", lang, n=event.months) if event.months else ""
    return {"label": label, "basis": found.basis if found else "", "months": months,
            "text": f"{label}{' ' + months if months else ''}"}


def quoted_rows(rows: list[dict[str, str]], entries: dict[str, list[Entry]], case_dir: str, lang: str
                ) -> list[dict[str, str]]:
    """The records an event cites (``legal.cited_rows``), each with its own words quoted: what a session's
    attendance and the supervisor said, an outcome's facts, a payment, a monitoring entry's observations."""
    by_path = {e.path.removeprefix(case_dir + "/"): e for items in entries.values() for e in items}
    out = []
    for row in rows:
        e = by_path.get(row.get("path", ""))
        quote = ""
        if e is not None:
            doc = e.doc
            if e.stage == registry.Stage.SERVICE:
                row = {**row, "detail": doc.attendance.label(lang) + (f" ({doc.reason})" if doc.reason else "")}
                quote = doc.supervisor_remarks or doc.notes or ""
            elif e.stage == registry.Stage.EVENT:
                quote = getattr(doc, "description", None) or getattr(doc, "notes", None) or ""
            elif e.stage == registry.Stage.MONITORING:
                quote = doc.observations or doc.wajib_lapor.notes or ""
            else:
                quote = getattr(doc, "client_response", None) or getattr(doc, "description", None) or ""
        text = " ".join(str(quote).split())
        out.append({**row, "quote": text if len(text) <= QUOTE else text[: QUOTE - 1].rstrip() + "…"})
    return out


def require(report: Any, kind: str) -> None:
    """A report of the sentences (``SENTENCE_KINDS``) needs a case with the sentence it prints."""
    from bapascase.model.report_kinds import SENTENCE_KINDS, applies

    if applies(kind, report.sentence.get("kind")):
        return
    key = "rpt.err.no_sentence" if SENTENCE_KINDS[kind] is None else "rpt.err.no_kerja_sosial"
    raise UserError(key, programme=report.legal.get("programme", ""))
