"""``new``: register a client. The case id is made from the intake year, the initials and a random tag.

Before anything is written, the intake's officer is resolved to the listed one (``workflow.officers.resolve``),
and a client already in the casebook (same NIK, or same name and birth date) is refused, naming the case, unless
``--allow-duplicate`` (on a terminal the officer is asked instead; declining keeps the answers as a draft).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bapascase.errors import UserError
from bapascase.i18n import t
from bapascase.model.registry import Stage
from bapascase.model.text import as_date, initials
from bapascase.store import drafts
from bapascase.store.casebook import new_case_id
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, collect, save


def duplicate_error(case_id: str, reason: str) -> UserError:
    return UserError("err.duplicate_client", case=case_id, reason=t(f"kbd.same.{reason}"))


def with_listed_officer(ctx: Context, doc: Any, prompter: Any) -> Any:
    """The intake with its officer as listed in the settings (name and NIP), typed with or without titles."""
    from bapascase.model.registry import model_for
    from bapascase.workflow.officers import resolve

    officer = doc.assignment.officer
    listed = resolve(ctx, officer.name, officer.nip, prompter=prompter)
    if listed == {k: v for k, v in {"name": officer.name, "nip": officer.nip}.items() if v}:
        return doc
    data = doc.model_dump(mode="python")
    data["assignment"]["officer"] = listed
    return model_for(Stage.CASE).model_validate(data)


def refuse_duplicate(ctx: Context, doc: Any, prompter: Any, allow: bool) -> None:
    from bapascase.model.duplicates import twins
    from bapascase.store.index import load_index

    if allow:
        return
    identity = doc.identity
    found = twins(identity.nik, identity.name, identity.birth_date, load_index(ctx.book()))
    if not found:
        return
    first = found[0]
    if prompter.interactive and prompter.confirm(
            t("kbd.duplicate_confirm", case=first.case_id, reason=t(f"kbd.same.{first.reason}")), default=False):
        return
    if prompter.interactive:  # declined after a whole interview: the answers are kept as a draft
        from bapascase.workflow.wizard import answered_paths

        data = doc.model_dump(mode="json")
        data.pop("schema_version", None)
        slot = ctx.drafts.get(Stage.CASE, (None, False))[0]  # the interview's own draft (a resumed one too)
        path = drafts.save_draft(ctx.book(), Stage.CASE, None, data, sorted(answered_paths(data)), path=slot)
        raise UserError("err.duplicate_client_draft", case=first.case_id, reason=t(f"kbd.same.{first.reason}"),
                        path=ctx.book().rel(path))
    raise duplicate_error(first.case_id, first.reason)


def register(ctx: Context, answers_file: Path | None, no_input: bool, allow_duplicate: bool = False) -> Recorded:
    from bapascase.workflow.stages import behaviour_of

    book = ctx.book()
    today = ctx.today()
    behaviour = behaviour_of(Stage.CASE)
    prompter = ctx.prompter(no_input)
    if not prompter.interactive and not no_input and answers_file is None:
        # no terminal (cron, a pipe) and nothing given: not "answers missing from --answers", which was not given
        raise UserError("err.no_terminal_new")
    # the case has no id yet: its draft, if the interview is interrupted, is the "new" one
    # what the intake says has happened (the registration, the offence, the verdict) is never after today: asked
    # again in the interview, refused from a script (as every stage's document: ``stages.cross_problems``)
    doc = collect(ctx, Stage.CASE, None, answers_file, no_input, defaults=behaviour.defaults(book, "", today),
                  custom=behaviour.prompts(book, ""), rules=lambda doc: behaviour.fact_problems(book, "", doc, today))
    doc = behaviour.complete(book, "", doc)
    if found := behaviour.fact_problems(book, "", doc, today):  # (an interview's answers were asked again)
        from bapascase.errors import DataError
        from bapascase.store.textfiles import read_text
        from bapascase.workflow.stages import located

        text = read_text(answers_file) if answers_file is not None else None
        raise DataError(located(found, str(answers_file) if answers_file else Stage.CASE, text))
    doc = with_listed_officer(ctx, doc, prompter)
    refuse_duplicate(ctx, doc, prompter, allow_duplicate)
    data: object = doc
    name = data.identity.name  # type: ignore[attr-defined]
    year = (as_date(data.intake_date) or today).year  # type: ignore[attr-defined]
    for _ in range(20):
        candidate = new_case_id(year, initials(name))
        if not os.path.lexists(book.cases_dir / candidate):  # a dangling link takes the name too
            case_id = candidate
            break
    else:  # pragma: no cover - 33 million ids per initials and year
        raise UserError("err.case_exists", case=candidate)
    # the case folder appears whole with its case.yaml, through a staging folder renamed into place
    # (Casebook.write_doc -> create_cases): a kill never leaves an empty or phantom case
    # the draft this interview resumed goes with the saving (record.save); other intakes' drafts stay
    recorded = save(ctx, case_id, Stage.CASE, doc, message=f"new: {case_id}")
    from bapascase.workflow.stages import warning_problems

    recorded.warnings = warning_problems(book, case_id, Stage.CASE, doc, recorded.path, recording=True)
    return recorded
