"""Handing a case to another officer of the casebook: a dated record (``transfers/``) naming the new officer and
the previous one; the current officer is derived from the latest transfer (``model.derive.current_officer``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bapascase.errors import UserError
from bapascase.i18n import t
from bapascase.model.registry import Stage, model_for
from bapascase.model.settings_view import OfficerSettings
from bapascase.store.casebook import Casebook
from bapascase.workflow.context import Context
from bapascase.workflow.officers import officer_part
from bapascase.workflow.record import Recorded, from_options, save
from bapascase.workflow.stages.base import Located, StageBehaviour


class Transfer(StageBehaviour):
    stage = Stage.TRANSFER

    def warnings(self, book: Casebook, case_id: str, doc: Any, recording: bool = False) -> list[Located]:
        """A transfer that hands the case over from an officer no longer in charge (``clashes``)."""
        found = super().warnings(book, case_id, doc, recording)
        mine = _handover(doc)
        return found + [(("previous",), message) for _path, d, message in clashes(book, case_id)
                        if _handover(d) == mine]


def _handover(doc: Any) -> tuple[Any, ...]:
    """What tells one transfer from another: its date, the previous officer's name and the new one's."""
    from bapascase.model import records

    if isinstance(doc, dict):
        return (records.date(doc, Stage.TRANSFER, "date"), records.text(doc, Stage.TRANSFER, "previous.name"),
                records.text(doc, Stage.TRANSFER, "to.name"))
    return (getattr(doc, "date", None), getattr(getattr(doc, "previous", None), "name", None),
            getattr(getattr(doc, "to", None), "name", None))


def clashes(book: Casebook, case_id: str) -> list[tuple[Path, Any, str]]:
    """The case's transfers that hand it over from an officer no longer in charge (``derive.broken_handovers``:
    two transfers made at once in two clones and merged by ``sync``), each ``(file, document, message)``: which
    one holds was decided by the order of their files; the message names the officer now in charge, to be
    transferred again if wrong."""
    from bapascase.model import derive, records

    found = [(p, d) for p, d in book.read_docs(case_id, Stage.TRANSFER) if d]
    if len(found) < 2:
        return []
    found = records.by_date(found, Stage.TRANSFER, doc=lambda pd: pd[1])  # as the officer is derived
    case = book.read_one(case_id, Stage.CASE)
    intake = records.officer(case, Stage.CASE, "assignment.officer") if case is not None else None
    pairs = [(records.text(d, Stage.TRANSFER, "previous.name"), records.text(d, Stage.TRANSFER, "to.name") or "")
             for _p, d in found]
    return [(found[i][0], found[i][1], t("wr.handover_broken", recorded=pairs[i][0], actual=before,
                                          now=pairs[-1][1], case=case_id))
            for i, before in derive.broken_handovers(intake["name"] if intake else None, pairs)]


BEHAVIOUR = Transfer()


def find_officer(ctx: Context, who: str, prompter: Any = None) -> OfficerSettings:
    """The listed officer ``who`` names (NIP, name with or without titles, else a unique part of the name). One
    the list does not hold is offered for adding on a terminal, and refused without one (saying how to add it)."""
    from bapascase.workflow import officers

    found = officers.find(ctx.book().settings, who)
    if len(found) > 1:
        raise UserError("err.ambiguous_officer", officer=who, matches=", ".join(o.name for o in found))
    if found:
        return found[0]
    if prompter is not None and prompter.interactive:
        from bapascase.i18n import t

        if prompter.confirm(t("kbd.officer_add_confirm", name=who.strip()), default=True):
            return officers.ask_and_add(ctx, prompter, who.strip())
        from bapascase.errors import Interrupted

        raise Interrupted()
    raise UserError("kbd.err.officer_not_listed", officer=who.strip())


def transfer(ctx: Context, case_query: str, to: str, reason: str | None, no_input: bool = False) -> Recorded:
    from bapascase.store.index import summary_of

    book = ctx.book()
    case_id = book.resolve_case(case_query)
    if not to.strip():  # else "not listed: ''" with an ``officers add ""`` hint
        from bapascase.errors import DataError, Problem
        from bapascase.i18n import t

        raise DataError([Problem("transfer", None, "--to", t("val.missing"))])
    summary = summary_of(book, case_id)
    if summary["closed"]:
        raise UserError("err.case_closed", case=case_id)
    new = officer_part(find_officer(ctx, to, ctx.prompter(no_input)))
    previous = {k: v for k, v in {"name": summary.get("officer"), "nip": summary.get("officer_nip")}.items() if v}
    if previous.get("name") == new["name"]:
        raise UserError("err.same_officer", officer=new["name"])
    doc = from_options(model_for(Stage.TRANSFER),
                       {"date": ctx.today(), "to": new, "previous": previous or None, "reason": reason},
                       "transfer", {"to.name": "--to", "to.nip": "--to", "reason": "--reason"})
    return save(ctx, case_id, Stage.TRANSFER, doc, BEHAVIOUR.entry_name(book, case_id, doc),
                message=f"transfer: {case_id} -> {new['name']}")
