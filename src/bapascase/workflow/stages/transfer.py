"""Handing a case to another officer of the casebook: a dated record (``transfers/``) naming the new officer and
the previous one; the current officer is derived from the latest transfer (``model.derive.current_officer``)."""

from __future__ import annotations

from bapascase.errors import UserError
from bapascase.model.registry import Stage, model_for
from bapascase.model.settings_view import OfficerSettings
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, save
from bapascase.workflow.stages.base import StageBehaviour
from bapascase.workflow.stages.case import officer_part


class Transfer(StageBehaviour):
    stage = Stage.TRANSFER


BEHAVIOUR = Transfer()


def find_officer(ctx: Context, who: str) -> OfficerSettings:
    """The listed officer named (or whose NIP is) ``who``; else the one whose name contains it."""
    from bapascase.workflow.officer import find_officer as find

    return find(ctx.book().settings.officers, who)


def transfer(ctx: Context, case_query: str, to: str, reason: str | None) -> Recorded:
    from bapascase.store.index import summary_of

    book = ctx.book()
    case_id = book.resolve_case(case_query)
    summary = summary_of(book, case_id)
    if summary["closed"]:
        raise UserError("err.case_closed", case=case_id)
    new = officer_part(find_officer(ctx, to))
    previous = {k: v for k, v in {"name": summary.get("officer"), "nip": summary.get("officer_nip")}.items() if v}
    if previous.get("name") == new["name"]:
        raise UserError("err.same_officer", officer=new["name"])
    doc = model_for(Stage.TRANSFER).model_validate(
        {"date": ctx.today(), "to": new, "previous": previous or None, "reason": reason}
    )
    return save(ctx, case_id, Stage.TRANSFER, doc, BEHAVIOUR.entry_name(book, case_id, doc),
                message=f"transfer: {case_id} -> {new['name']}")

