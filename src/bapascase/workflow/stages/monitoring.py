"""A monitoring entry: progress per goal pre-filled from the plan (and the last entry's statuses), the period
since the last entry, goal ids that must exist in the plan."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.model import records
from bapascase.model.registry import Stage
from bapascase.model.text import shift
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import (
    Located,
    Prepare,
    StageBehaviour,
    goal_select,
    outside_period,
    plan_goals,
    unknown_goals,
)

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom


class Monitoring(StageBehaviour):
    stage = Stage.MONITORING

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        d: dict[str, Any] = {"date": today}
        entries = [doc for _path, doc in book.read_docs(case_id, Stage.MONITORING)]
        last = entries[-1] if entries else None
        # each goal as the last entry that says anything of progress left it: a check-in (lapor) since then says
        # nothing of it, and offering "belum" would record the client's progress going backwards on Enter
        told = next((e for e in reversed(entries) if records.items(e, Stage.MONITORING, "progress")), None)
        before = {p["goal_id"]: p["status"] for p in records.items(told, Stage.MONITORING, "progress")}
        progress = [{"goal_id": g["id"], "status": before.get(g["id"]) or "belum"} for g in plan_goals(book, case_id)]
        if progress:
            d["progress"] = progress
        last_date = records.date(last, Stage.MONITORING, "date")
        start = shift(last_date, 1)  # None at the end of the range of dates (model.bounds)
        if start is not None and start <= today:  # the period since the last entry, to today (to the entry's date
            # once it is known: ``prepare``); a second entry the same day has no span of its own to offer
            d["period"] = {"start": start, "end": today}
        return d

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        return {"progress.goal_id": goal_select(book, case_id)}

    def prepare(self, book: Casebook, case_id: str, defaults: dict[str, Any]) -> Prepare:
        """The default period ends on the entry's date (not today), and is left out for an entry dated before
        the last one."""

        def prepare(given: dict[str, Any]) -> dict[str, Any]:
            from bapascase.model.types import parse_date

            period = defaults.get("period")
            if not isinstance(period, dict) or given.get("period") is not None:
                return given
            try:
                date = parse_date(given.get("date"))
            except ValueError:  # a bad date: reported by the validation, with its line
                return given
            if isinstance(date, dt.date):
                if date >= period["start"]:
                    defaults["period"] = {**period, "end": date}
                else:
                    del defaults["period"]
            return given

        return prepare

    def past_dates(self, doc: Any) -> list[tuple[tuple[str | int, ...], dt.date]]:
        """A wajib lapor is a past or present fact, and so are the span monitored and its incidents: a report
        dated ahead would break the streak of absences (a ground for revocation) and hide the overdue report."""
        out = super().past_dates(doc)  # its date, its incidents' (``field(happened=True)``)
        if doc.period is not None and doc.period.end > doc.date:  # (else the entry's own date says it)
            out.insert(1, (("period", "end"), doc.period.end))
        return out

    def fact_problems(self, book: Casebook, case_id: str, doc: Any, today: dt.date) -> list[Located]:
        # wajib lapor is owed within the masa bimbingan only: a report outside it is a typo (or another case's)
        return super().fact_problems(book, case_id, doc, today) + outside_period(
            book, case_id, [(("date",), doc.date)], "wr.report_outside_period")

    def cross_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        refs = [(("progress", i, "goal_id"), p.goal_id) for i, p in enumerate(getattr(doc, "progress", None) or [])]
        return unknown_goals(book, case_id, refs)


BEHAVIOUR = Monitoring()
