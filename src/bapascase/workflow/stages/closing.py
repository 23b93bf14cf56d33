"""The legal end of supervision (``close``): the date and ground offered from the records (the end of the masa
bimbingan once it has passed, a transfer of supervision to another Bapas), and only the ground's own fields asked.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.i18n import get_lang, t
from bapascase.model.grounds import ENDED as GROUND_ENDED
from bapascase.model.grounds import TRANSFERRED as GROUND_TRANSFER
from bapascase.model.registry import Stage
from bapascase.model.text import as_date, long_date
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import Located, Prepare, StageBehaviour, only_when, supervision_period

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom


class Closing(StageBehaviour):
    stage = Stage.CLOSING

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        from bapascase.store.index import summary_of

        s = summary_of(book, case_id)
        d: dict[str, Any] = {"date": today}
        end = as_date(s.get("end"))
        if s.get("transfer_to"):
            d.update(ground=GROUND_TRANSFER, to_bapas=s["transfer_to"])
        elif end is not None and end <= today:
            d.update(date=end, ground=GROUND_ENDED)
        return d

    def prepare(self, book: Casebook, case_id: str, defaults: dict[str, Any]) -> Prepare:
        """Answers that give another ground than the one offered drop what was offered for it (the receiving
        Bapas; the end date of the masa bimbingan, so the answers must give the date)."""

        def prepare(given: dict[str, Any]) -> dict[str, Any]:
            ground = given.get("ground")
            if isinstance(ground, str) and ground != defaults.get("ground"):
                offered = defaults.pop("ground", None)
                if offered is not None:
                    defaults.pop("to_bapas", None)
                    if offered == GROUND_ENDED:
                        defaults.pop("date", None)
            return given

        return prepare

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        from bapascase.model.closing import GROUND_FIELDS, GROUND_OPTIONAL

        out: dict[str, Custom] = {}
        for ground, names in GROUND_FIELDS.items():
            for name in names:
                out[name] = only_when("ground", [ground], required=True)
        for ground, names in GROUND_OPTIONAL.items():
            for name in names:
                out[name] = only_when("ground", [ground])
        return out

    def cross_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        start, _ = supervision_period(book, case_id)
        date = as_date(getattr(doc, "date", None))
        if start is not None and date is not None and date < start:
            return [(("date",), t("val.closing_before_start", start=long_date(start, get_lang())))]
        return []

    def fact_problems(self, book: Casebook, case_id: str, doc: Any, today: dt.date) -> list[Located]:
        out = super().fact_problems(book, case_id, doc, today)
        _, end = supervision_period(book, case_id)
        date = as_date(getattr(doc, "date", None))
        if getattr(doc, "ground", None) == GROUND_ENDED and end is not None and date is not None and date < end:
            # the masa bimbingan has not ended on that day: the client would leave the caseload and stop
            # reporting early (another ground, or the end corrected in the intake, says why it ended sooner)
            out.append((("date",), t("wr.closing_before_end", date=long_date(date, get_lang()),
                                     end=long_date(end, get_lang()))))
        return out


BEHAVIOUR = Closing()
