"""The intake (``new``): dated today, the officer chosen from the casebook's list (pre-set when it lists one PK).

The case has no id until it is registered, so these hooks never read the (empty) ``case_id``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.i18n import t
from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.officers import officer_part
from bapascase.workflow.stages.base import Located, StageBehaviour

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom, Interview, Path_


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

    def warnings(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        """A NIK whose birth date (DDMMYY, day + 40 for women) or sex disagrees with the record."""
        from bapascase.i18n import get_lang
        from bapascase.model.text import long_date
        from bapascase.model.types import nik_birth

        out = super().warnings(book, case_id, doc)
        identity = getattr(doc, "identity", None)
        nik = getattr(identity, "nik", None)
        if not nik or identity is None:
            return out
        born = nik_birth(nik)
        birth = identity.birth_date
        if not born.matches(birth):
            out.append((("identity", "nik"), t("kbd.warn.nik_birth", nik=born.digits,
                                                birth=long_date(birth, get_lang()))))
        if born.sex != identity.sex.value:
            out.append((("identity", "nik"), t("kbd.warn.nik_sex", sex=identity.sex.label())))
        return out

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
