"""The intervention plan: recorded again, it updates ``plan.yaml``; the first plan starts with one goal per need
the assessment found (T1, T2, ...)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bapascase.model import records
from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import UpdatedInPlace


class Plan(UpdatedInPlace):
    stage = Stage.PLAN

    def first_defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        d: dict[str, Any] = {"date": today}
        assessment = book.read_one(case_id, Stage.ASSESSMENT)
        needs = [n["need"] for n in records.items(assessment, Stage.ASSESSMENT, "needs") if n["need"]]
        if needs:
            d["goals"] = [{"id": f"T{i}", "need": need} for i, need in enumerate(needs, 1)]
        return d


BEHAVIOUR = Plan()
