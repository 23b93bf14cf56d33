"""Termination (the end of the casework relationship): the resources the assessment found strong are offered as
the ones the client keeps, and outcome goal ids must exist in the plan. Its reasons are casework ones; the legal
end of supervision is the closing (``close``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.model import records
from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import Located, StageBehaviour, goal_select, unknown_goals

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom

KEPT_STRENGTHS = ("kuat", "sedang")


class Termination(StageBehaviour):
    stage = Stage.TERMINATION

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        d: dict[str, Any] = {"date": today}
        assessment = book.read_one(case_id, Stage.ASSESSMENT)
        kept = [r["name"] for r in records.items(assessment, Stage.ASSESSMENT, "resources")
                if r["strength"] in KEPT_STRENGTHS and isinstance(r["name"], str) and r["name"]]
        if kept:
            d["resources_kept"] = kept
        return d

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        return {"goal_outcomes.goal_id": goal_select(book, case_id)}

    def cross_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        refs = [(("goal_outcomes", i, "goal_id"), o.goal_id)
                for i, o in enumerate(getattr(doc, "goal_outcomes", None) or [])]
        return unknown_goals(book, case_id, refs)


BEHAVIOUR = Termination()
