"""Reopening a terminated case: its own dated record (``reopens/``); the termination stays as it was."""

from __future__ import annotations

from bapascase.errors import UserError
from bapascase.model.registry import Stage, model_for
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, save
from bapascase.workflow.stages.base import StageBehaviour


class Reopen(StageBehaviour):
    stage = Stage.REOPEN


BEHAVIOUR = Reopen()


def reopen(ctx: Context, case_query: str, reason: str, by: str | None) -> Recorded:
    """Open a terminated case again."""
    book = ctx.book()
    case_id = book.resolve_case(case_query)
    if not book.is_closed(case_id):
        raise UserError("err.not_terminated", case=case_id)
    doc = model_for(Stage.REOPEN).model_validate({"date": ctx.today(), "reason": reason, "by": by})
    return save(ctx, case_id, Stage.REOPEN, doc, BEHAVIOUR.entry_name(book, case_id, doc),
                message=f"reopen: {case_id}")
