"""A Litmas: one dated file per Litmas in ``litmas/``. Its purpose is offered from the case's programme (a PB case:
the PB purpose; a child: a child's purpose), its recommendation starts from the purpose's wording, and what the
purpose needs is asked as required (the model's rule, from ``bapascase/data/litmas_purposes.yaml``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.model import records
from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import StageBehaviour

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom, Interview, Path_

# parts of the Litmas asked only when the purpose's report has their section
SECTION_OF = {"lapas": "evaluasi_lapas", "diversion": "diversi", "child_condition": "kondisi_anak"}


class Litmas(StageBehaviour):
    stage = Stage.LITMAS

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        return {name: only_in_section(section) for name, section in SECTION_OF.items()}

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        from bapascase.model.litmas_purposes import for_programme, purpose
        from bapascase.store.instrument_files import child_at

        case = book.read_one(case_id, Stage.CASE)
        programme = records.text(case, Stage.CASE, "legal.programme")
        code = for_programme(programme, child_at(case, today))
        out: dict[str, Any] = {"date": today}
        found = purpose(code)
        if found is not None:
            name = records.text(case, Stage.CASE, "identity.name") or ""
            out["purpose"] = found.code
            out["recommendation"] = found.recommendation.id.format(client=name)
        return out


def only_in_section(section: str) -> Custom:
    """Ask a part (the evaluation in the Lapas, the diversion, the child's situation) only when the chosen
    purpose's report has its section; otherwise keep what is there without asking."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.litmas_purposes import purpose
        from bapascase.model.meta import ask_fields, is_model, title_of, unwrap
        from bapascase.workflow.wizard import as_text, get_in, set_in

        info = iv._info_at(path)
        assert info is not None
        inner, optional = unwrap(info.annotation)
        found = purpose(as_text(iv.answers.get("purpose")))
        if found is not None and section not in found.sections:
            return current if current is not None or optional else {}
        if is_model(inner):
            set_in(iv.answers, path, dict(current or {}))
            for name, sub in ask_fields(inner):
                iv._ask_field((*path, name), sub, force=False)
            return get_in(iv.answers, path)
        return iv._ask_scalar(path, info, inner, optional, title_of(info, str(path[-1]), iv.lang))

    return ask


BEHAVIOUR = Litmas()
