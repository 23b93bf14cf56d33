"""``new``: register a client. The case id is made from the intake year, the initials and a random tag."""

from __future__ import annotations

from pathlib import Path

from bapascase.errors import UserError
from bapascase.model.registry import Stage
from bapascase.model.text import as_date, initials
from bapascase.store import drafts
from bapascase.store.casebook import new_case_id
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, collect, save


def register(ctx: Context, answers_file: Path | None, no_input: bool) -> Recorded:
    from bapascase.workflow.stages import behaviour_of

    book = ctx.book()
    today = ctx.today()
    behaviour = behaviour_of(Stage.CASE)
    # the case has no id yet: its draft, if the interview is interrupted, is the "new" one
    doc = collect(ctx, Stage.CASE, None, answers_file, no_input, defaults=behaviour.defaults(book, "", today),
                  custom=behaviour.prompts(book, ""))
    doc = behaviour.complete(book, "", doc)
    data: object = doc
    name = data.identity.name  # type: ignore[attr-defined]
    year = (as_date(data.intake_date) or today).year  # type: ignore[attr-defined]
    for _ in range(20):
        candidate = new_case_id(year, initials(name))
        if not (book.cases_dir / candidate).exists():
            case_id = candidate
            break
    else:  # pragma: no cover - 33 million ids per initials and year
        raise UserError("err.case_exists", case=candidate)
    # the case folder appears whole with its case.yaml (Casebook.write_doc): never an empty one, even if killed
    recorded = save(ctx, case_id, Stage.CASE, doc, message=f"new: {case_id}")
    drafts.discard_draft(book, Stage.CASE, None)
    from bapascase.workflow.stages import warning_lines

    recorded.notes = warning_lines(book, case_id, Stage.CASE, recorded)
    return recorded
