"""The caseload as the office sees it: the numbers of ``stats`` (``model.stats``) with the cases they count, for
``stats``, ``dashboard``, ``due --remind`` and ``calendar`` alike (one function, so they can never disagree)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bapascase.model import derive, stats
from bapascase.store.casebook import Casebook
from bapascase.store.index import iter_day


@dataclass
class Caseload:
    today: dt.date
    cases: list[dict[str, Any]]  # the index's summaries with the facts of the day
    interval: int  # the casebook's default wajib-lapor interval
    horizon: int  # how far ahead ``due`` looks
    reassess_days: int
    due: dict[str, list[tuple[Any, dt.date | None, dict[str, Any]]]] | None = None  # by case, for ``horizon``
    holidays: frozenset[dt.date] = frozenset()  # the casebook's public holidays (``Settings.closed_days``)

    def numbers(self) -> dict[str, Any]:
        """What ``stats --json`` writes."""
        return stats.caseload_stats(self.cases, self.today, self.interval, self.horizon, self.reassess_days,
                                    self.due, self.holidays)

    def next_reports(self, horizon: int | None = None) -> list[dict[str, Any]]:
        same = horizon is None or horizon == self.horizon
        return stats.next_reports(self.cases, self.today, self.interval,
                                  self.horizon if horizon is None else horizon, self.reassess_days,
                                  self.due if same else None, self.holidays)


def load(book: Casebook, today: dt.date, officer: str | None = None, numbers_only: bool = False) -> Caseload:
    """The caseload as of ``today`` (only ``officer``'s cases when given: a name, or a unique part of one).
    ``numbers_only``: the caller asks only for ``numbers()`` (each case may hold only what they read)."""
    defaults = book.settings.defaults
    cases = []
    due = {}
    fields = (*stats.READS, "officer_nip") if numbers_only else None
    for case, items in iter_day(book, today, fields=fields):  # what is due comes kept with the day's facts
        if not officer or of_officer(case, officer):
            cases.append(case)
            due[case["id"]] = items
    return Caseload(today, cases, defaults.wajib_lapor_interval_days, defaults.due_horizon_days,
                    derive.reassessment_days(defaults.reassessment_months), due, book.settings.closed_days())


def of_officer(case: dict[str, Any], officer: str) -> bool:
    """The case is in the care of ``officer`` (a part of the name or the NIP, as ``list --officer`` matches)."""
    return officer.lower() in f"{case.get('officer') or ''} {case.get('officer_nip') or ''}".lower()
