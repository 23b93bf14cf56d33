"""``new``: register a client. The case id is made from the intake year, the initials and a random tag."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bapascase.errors import UserError
from bapascase.i18n import t
from bapascase.model.text import as_date, initials
from bapascase.store.casebook import new_case_id
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, collect, save
from bapascase.workflow.wizard import Interview, Path_


def officer_prompt(ctx: Context) -> Any:
    """Choose the PK from the casebook's officer list (or type one in)."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        pks = ctx.book().officers("pk")
        if not pks:
            return _ask_officer_fields(iv, path, current)
        choices = [(str(i), f"{o['name']} ({o.get('nip', '-')})") for i, o in enumerate(pks)]
        choices.append(("other", t("wiz.other_officer")))
        default = None
        if isinstance(current, dict):
            default = next((str(i) for i, o in enumerate(pks) if o.get("name") == current.get("name")), None)
        pick = iv.prompter.select(t("wiz.choose_officer"), choices, default=default)
        if pick == "other":
            return _ask_officer_fields(iv, path, current)
        chosen = pks[int(pick)]
        return {k: v for k, v in {"name": chosen["name"], "nip": chosen.get("nip")}.items() if v}

    return ask


def _ask_officer_fields(iv: Interview, path: Path_, current: Any) -> Any:
    from bapascase.model.case import Officer

    iv.custom = {k: v for k, v in iv.custom.items() if k != "assignment.officer"}
    for name, sub in Officer.model_fields.items():
        iv._ask_field((*path, name), sub, force=True)
    from bapascase.workflow.wizard import get_in

    return get_in(iv.answers, path)


def register(ctx: Context, answers_file: Path | None, no_input: bool, case_id: str | None = None) -> Recorded:
    book = ctx.book()
    today = ctx.today()
    defaults: dict[str, Any] = {"intake_date": today}
    pks = book.officers("pk")
    if len(pks) == 1:
        defaults["assignment"] = {"officer": {k: v for k, v in pks[0].items() if k in ("name", "nip") and v}}
    doc = collect(
        ctx, "case", None, answers_file, no_input, defaults=defaults,
        custom={"assignment.officer": officer_prompt(ctx)},
    )
    data: Any = doc
    name = data.identity.name
    year = (as_date(data.intake_date) or today).year
    if case_id is None:
        for _ in range(20):
            candidate = new_case_id(year, initials(name))
            if not (book.cases_dir / candidate).exists():
                case_id = candidate
                break
        else:  # pragma: no cover - 33 million ids per initials and year
            raise UserError("err.case_exists", case=candidate)
    folder = book.create_case_dir(case_id)
    try:
        return save(ctx, case_id, "case", doc, message=f"new: {case_id}")
    except BaseException:
        # nothing was written (disk full, lock timeout, Ctrl-C): leave no empty case folder behind
        if not any(folder.iterdir()):
            folder.rmdir()
        raise
