"""The intake (``new``): dated today, the officer chosen from the casebook's list (pre-set when it lists one PK).

The case has no id until it is registered, so these hooks never read the (empty) ``case_id``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.i18n import t
from bapascase.model.registry import Stage
from bapascase.model.settings_view import OfficerSettings
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import StageBehaviour

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom, Interview, Path_


def officer_part(officer: OfficerSettings) -> dict[str, str]:
    """A listed officer as the case documents record one (name, and NIP when known)."""
    return {"name": officer.name, "nip": officer.nip} if officer.nip else {"name": officer.name}


class Case(StageBehaviour):
    stage = Stage.CASE

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        d: dict[str, Any] = {"intake_date": today}
        pks = book.settings.officers_with("pk")
        if len(pks) == 1:
            d["assignment"] = {"officer": officer_part(pks[0])}
        return d

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        return {"assignment.officer": officer_prompt(book)}

    def schema(self, schema: dict[str, Any], book: Casebook | None) -> dict[str, Any]:
        """The legal part needs the end of the masa bimbingan, or (for a programme whose end is derived from it,
        ``bapascase/data/programmes.yaml``) the ekspirasi."""
        from bapascase.model.programmes import programmes

        legal = schema.get("$defs", {}).get("Legal")
        if isinstance(legal, dict):
            required = list(legal.get("required", []))
            derived = [code for code, p in programmes().items() if p.end_from_expiry_years is not None]
            legal["anyOf"] = [
                {"required": [*required, "supervision_end"]},
                {"required": [*required, "expiry"], "properties": {"programme": {"enum": derived}}},
            ]
        return schema


def officer_prompt(book: Casebook) -> Custom:
    """Choose the PK from the casebook's officer list (or type one in)."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        pks = book.settings.officers_with("pk")
        if not pks:
            return _ask_officer_fields(iv, path)
        choices = [(str(i), f"{o.name} ({o.nip or '-'})") for i, o in enumerate(pks)]
        choices.append(("other", t("wiz.other_officer")))
        default = None
        if isinstance(current, dict):
            default = next((str(i) for i, o in enumerate(pks) if o.name == current.get("name")), None)
        chosen = iv.prompter.select(t("wiz.choose_officer"), choices, default=default)
        if chosen == "other":
            return _ask_officer_fields(iv, path)
        return officer_part(pks[int(chosen)])

    return ask


def _ask_officer_fields(iv: Interview, path: Path_) -> Any:
    from bapascase.model.case import Officer
    from bapascase.workflow.wizard import get_in

    iv.custom = {k: v for k, v in iv.custom.items() if k != "assignment.officer"}
    for name, sub in Officer.model_fields.items():
        iv._ask_field((*path, name), sub, force=True)
    return get_in(iv.answers, path)


BEHAVIOUR = Case()
