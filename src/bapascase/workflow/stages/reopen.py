"""Reopening a case: its own dated record (``reopens/``); what it reopens stays recorded as it was.

A reopening reverses the most recent end still in effect (``model.derive.end_to_reverse``): the legal end
(pengakhiran bimbingan) when supervision was closed, else the termination of the casework relationship; it
writes which one in ``reverses``, so an end recorded after it with an earlier date still holds.
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
    reversed_end = book.end_to_reverse(case_id)
    if reversed_end is None:
        raise UserError("err.nothing_to_reopen", case=case_id)
    what, day = reversed_end
    # the end it reverses is written down: an end recorded after it with an earlier date is not reversed by it
    data = {"date": ctx.today(), "reason": reason, "by": by, "reverses": {"what": what, "date": day}}
    doc = from_options(model_for(Stage.REOPEN), data, "reopen", {"reason": "--reason", "by": "--by"})
    recorded = save(ctx, case_id, Stage.REOPEN, doc, BEHAVIOUR.entry_name(book, case_id, doc),
                    message=f"reopen: {case_id}")
    return recorded, Stage.CLOSING if what == Stage.CLOSING else Stage.TERMINATION
