"""Engagement (EIC): recorded again, it updates ``engagement.yaml``; the contract's reporting interval starts
from the casebook's default."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import UpdatedInPlace


class Engagement(UpdatedInPlace):
    stage = Stage.ENGAGEMENT

    def first_defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        return {"date": today,
                "contract": {"wajib_lapor_interval_days": book.settings.defaults.wajib_lapor_interval_days}}


BEHAVIOUR = Engagement()
