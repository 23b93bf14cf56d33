"""A Litmas: one dated file per Litmas in ``litmas/``. Its purpose is offered from the case's programme (a PB case:
the PB purpose; a child: a child's purpose), its recommendation starts from the purpose's wording, and what the
purpose needs is asked as required (the model's rule, from ``bapascase/data/litmas_purposes.yaml``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bapascase.model import records
from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import StageBehaviour


class Litmas(StageBehaviour):
    stage = Stage.LITMAS

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


BEHAVIOUR = Litmas()
