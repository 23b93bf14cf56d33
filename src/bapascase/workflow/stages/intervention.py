"""One intervention session: its goals are ticked from the plan's and must exist in it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import Located, StageBehaviour, goal_checkbox, unknown_goals

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom


class Intervention(StageBehaviour):
    stage = Stage.INTERVENTION

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        return {"goal_ids": goal_checkbox(book, case_id)}

    def cross_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        refs = [(("goal_ids", i), g) for i, g in enumerate(getattr(doc, "goal_ids", None) or [])]
        return unknown_goals(book, case_id, refs)


BEHAVIOUR = Intervention()
