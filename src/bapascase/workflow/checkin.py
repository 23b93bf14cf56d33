"""``checkin`` (``lapor``): one wajib-lapor visit in one line, and today's list of who must report.

A check-in is a minimal monitoring entry: its date and the wajib-lapor part (present in person, remote with a
reason, or absent; a note), written through the same path as every monitoring entry (validated by
``MonitoringDoc``, under the case's lock, atomically, committed, named by the monitoring behaviour). So it feeds
``due``, ``show`` and the progress report exactly like a monitoring interview. Who must report today comes from
``model.derive.due_items`` (the "monitoring" item due today or before), never derived here.

Wajib lapor goes on after the casework relationship ends (``terminate``): a check-in is accepted for a terminated
case. The legal end of supervision (``close``) is where it stops: a closed case is refused, as every write to it
is, until it is reopened; and today's list never names it (``due_items`` lists nothing for it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bapascase.errors import DataError, Problem, UserError
from bapascase.i18n import t
from bapascase.model import records
from bapascase.model.derive import WL_ABSENT, WL_PRESENT, WL_REMOTE, DueKind, due_items, reassessment_days
from bapascase.model.registry import Stage
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, from_options, save

STATUSES = (WL_PRESENT, WL_REMOTE, WL_ABSENT)
# a check-in's fields as its command-line options
OPTIONS = {"date": "--date", "wajib_lapor.reason": "--reason", "wajib_lapor.notes": "--note"}


@dataclass
class Due:
    """One client who must report: the summary and the date the report was due."""

    summary: dict[str, Any]
    due: dt.date

    @property
    def case_id(self) -> str:
        return str(self.summary["id"])


def due_today(ctx: Context, officer: str | None = None) -> list[Due]:
    """Who must report today (due today or overdue, not yet reported today), the longest overdue first."""
    from bapascase.store.index import caseload

    book = ctx.book()
    today = ctx.today()
    defaults = book.settings.defaults
    reassess = reassessment_days(defaults.reassessment_months)
    holidays = book.settings.closed_days()
    out = []
    for s in caseload(book, today):
        if officer and not _officer_matches(s, officer):
            continue
        for kind, when, _extra in due_items(s, today, defaults.wajib_lapor_interval_days, 0, reassess,
                                            holidays=holidays):
            # the next wajib lapor, due today or before
            if kind == DueKind.MONITORING and when is not None and when <= today:
                out.append(Due(s, when))
    out.sort(key=lambda d: (d.due, str(d.summary.get("name") or ""), d.case_id))
    return out


def _officer_matches(summary: dict[str, Any], officer: str) -> bool:
    from bapascase.model.text import person_key

    wanted = person_key(officer) or officer.lower()
    return wanted in person_key(str(summary.get("officer") or "")) or officer == summary.get("officer_nip")


def record_checkin(ctx: Context, case_query: str, status: str = WL_PRESENT, reason: str | None = None,
                   note: str | None = None, date: Any = None, force: bool = False) -> Recorded:
    """Write one check-in for a case (a monitoring entry holding only the date and the wajib-lapor part)."""
    from bapascase.model.registry import model_for
    from bapascase.model.validation import dotted
    from bapascase.workflow.stages import behaviour_of, cross_problems, warning_problems

    book = ctx.book()
    case_id = book.resolve_case(case_query)
    if book.is_closed(case_id):  # supervision ended in law: no more wajib lapor (a terminated case goes on)
        raise UserError("err.case_closed", case=case_id)
    if status not in STATUSES:
        raise UserError("kbd.err.checkin_status", status=status, statuses=", ".join(STATUSES))
    answers: dict[str, Any] = {"date": date if date is not None else ctx.today(),
                               "wajib_lapor": {"status": status, "reason": reason, "notes": note}}
    doc = from_options(model_for(Stage.MONITORING), answers, "checkin", OPTIONS)
    # the rules of every monitoring entry: not after today, within the masa bimbingan (``stages.monitoring``)
    found = cross_problems(book, case_id, Stage.MONITORING, doc, ctx.today())
    if found:
        raise DataError([Problem("checkin", None, OPTIONS.get(dotted(loc), dotted(loc)), message)
                         for loc, message in found])
    day = doc.date  # type: ignore[attr-defined]
    if not force:
        for _, entry in book.read_docs(case_id, Stage.MONITORING):
            if records.date(entry, Stage.MONITORING, "date") == day and records.text(
                    entry, Stage.MONITORING, "wajib_lapor.status"):
                raise UserError("kbd.err.checkin_twice", case=case_id, date=day.isoformat())
    behaviour = behaviour_of(Stage.MONITORING)
    rec = save(ctx, case_id, Stage.MONITORING, doc, behaviour.entry_name(book, case_id, doc),
               message=f"checkin: {case_id} {status}")
    rec.warnings = warning_problems(book, case_id, Stage.MONITORING, doc, rec.path)
    return rec


def next_due(ctx: Context, case_id: str) -> dt.date | None:
    """When the client must report next, after what is recorded now (``model.derive``, through the index)."""
    from bapascase.model.text import as_date
    from bapascase.store.index import case_facts

    return as_date(case_facts(ctx.book(), case_id, ctx.today()).get("next_report_due"))


def tick_off(ctx: Context, prompter: Any, pending: list[Due], on_saved: Any) -> int:
    """On a terminal: choose who has come to report, how, and a note; saved one by one until the officer is done
    (or nobody is left). Returns how many were recorded."""
    from bapascase.model.monitoring import WajibLaporStatus

    done = 0
    left = list(pending)
    while left:
        choices = [(d.case_id, _line(ctx, d)) for d in left]
        choices.append(("", t("kbd.checkin_done")))
        chosen = prompter.select(t("kbd.checkin_who"), choices, default=left[0].case_id)
        if not chosen:
            break
        status = prompter.select(t("kbd.checkin_how"), [(s.value, s.label()) for s in WajibLaporStatus],
                                 default=WL_PRESENT)
        reason = None
        if status == WL_REMOTE:
            reason = prompter.text(t("kbd.checkin_reason"), validate=lambda s: None if s.strip() else t("val.missing"))
        note = prompter.text(f"{t('kbd.checkin_note')} {t('wiz.optional')}").strip() or None
        rec = record_checkin(ctx, chosen, status, reason, note)
        on_saved(rec)
        done += 1
        left = [d for d in left if d.case_id != chosen]
    return done


def _line(ctx: Context, due: Due) -> str:
    """One client of the list: name, id and how late."""
    today = ctx.today()
    days = (today - due.due).days
    late = t("kbd.checkin_late", n=days) if days > 0 else t("due.today")
    return f"{due.summary.get('name') or ''} ({due.case_id}) · {late}"
