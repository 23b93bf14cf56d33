"""Engagement (EIC): recorded again, it updates ``engagement.yaml``; the contract's reporting interval starts
from the casebook's default."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bapascase.i18n import t
from bapascase.model import records
from bapascase.model.registry import Stage
from bapascase.model.text import as_date
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import Located, UpdatedInPlace


class Engagement(UpdatedInPlace):
    stage = Stage.ENGAGEMENT

    def first_defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        return {"date": today,
                "contract": {"wajib_lapor_interval_days": book.settings.defaults.wajib_lapor_interval_days}}

    def warnings(self, book: Casebook, case_id: str, doc: Any, recording: bool = False) -> list[Located]:
        """An engagement dated before the client was registered."""
        from bapascase.i18n import get_lang
        from bapascase.model.text import long_date

        out = super().warnings(book, case_id, doc, recording)
        intake = records.date(book.read_one(case_id, Stage.CASE), Stage.CASE, "intake_date")
        date = as_date(getattr(doc, "date", None))
        if intake is not None and date is not None and date < intake:
            out.append((("date",), t("kbd.warn.engaged_before_intake", intake=long_date(intake, get_lang()))))
        return out


BEHAVIOUR = Engagement()
