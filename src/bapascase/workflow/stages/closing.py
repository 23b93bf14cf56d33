"""The legal end of supervision (``close``): the date and ground offered from the records (the end of the masa
bimbingan once it has passed, a transfer of supervision to another Bapas), and only the ground's own fields asked.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.i18n import get_lang, t
from bapascase.model.grounds import DIED as GROUND_DIED
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
        out += self._records_after(book, case_id, doc, date)
        return out

    def _records_after(self, book: Casebook, case_id: str, doc: Any, date: dt.date | None) -> list[Located]:
        """The first of the case's records the closing contradicts (``derive.after_the_end``): the client came
        after the day supervision ended, or after the death. A stored closing no longer in effect (a reopening
        reversed it) contradicts nothing: what came after it was recorded after the reopening."""
        from bapascase.model import records
        from bapascase.model.derive import after_the_end

        died = getattr(doc, "ground", None) == GROUND_DIED
        death = as_date(getattr(doc, "death_date", None)) if died else None
        end = death or date
        if end is None:
            return []
        if getattr(doc, "_source", None) is not None:  # stored (``check``, ``edit``): only the end in effect
            in_effect = book.closing_in_effect(case_id)
            if in_effect is None or in_effect[0] != _iso(date):
                return []
        entries: list[tuple[str, str, object, str]] = []
        for stage, status in ((Stage.MONITORING, "wajib_lapor.status"), (Stage.SERVICE, "attendance"),
                              (Stage.INTERVENTION, None)):
            for path, raw in book.read_docs(case_id, stage):
                entries.append((book.rel(path), stage, records.date(raw, stage, "date"),
                                (records.text(raw, stage, status) or "") if status else ""))
        found = after_the_end(end, died, entries)
        if not found:
            return []
        source, kind, day = found[0]
        lang = get_lang()
        what = t(_CAME[Stage(kind)])
        if died:
            return [(("death_date" if death else "date",),
                     t("wr.came_after_death", what=what, date=long_date(day, lang), file=source,
                       death=long_date(end, lang)))]
        return [(("date",), t("wr.report_after_closing", what=what, date=long_date(day, lang), file=source,
                              end=long_date(end, lang)))]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


# what each kind of record says the client did (``derive.after_the_end``)
_CAME = {Stage.MONITORING: "wr.came_reported", Stage.SERVICE: "wr.came_worked", Stage.INTERVENTION: "wr.came_session"}


BEHAVIOUR = Closing()
