"""Reopening a case: its own dated record (``reopens/``); what it reopens stays recorded as it was.

A reopening reverses the most recent end still in effect (``model.derive.ends_in_effect``): the legal end
(pengakhiran bimbingan) when supervision was closed, else the termination of the casework relationship.
"""

from __future__ import annotations

from bapascase.errors import UserError
from bapascase.model.registry import Stage, model_for
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, from_options, save
from bapascase.workflow.stages.base import StageBehaviour


class Reopen(StageBehaviour):
    stage = Stage.REOPEN


BEHAVIOUR = Reopen()


def reopen(ctx: Context, case_query: str, reason: str, by: str | None) -> tuple[Recorded, str]:
    """Open a closed or terminated case again; returns the record and what was reopened (closing|termination)."""
    book = ctx.book()
    case_id = book.resolve_case(case_query)
    closed, terminated = book.ends(case_id)
    if not closed and not terminated:
        raise UserError("err.nothing_to_reopen", case=case_id)
    doc = from_options(model_for(Stage.REOPEN), {"date": ctx.today(), "reason": reason, "by": by}, "reopen",
                       {"reason": "--reason", "by": "--by"})
    recorded = save(ctx, case_id, Stage.REOPEN, doc, BEHAVIOUR.entry_name(book, case_id, doc),
                    message=f"reopen: {case_id}")
    return recorded, Stage.CLOSING if closed else Stage.TERMINATION
