"""One intervention session: its goals are ticked from the plan's and must exist in it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import Located, StageBehaviour, goal_checkbox, unknown_goals

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom


class Intervention(StageBehaviour):
    stage = Stage.INTERVENTION

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        return {"goal_ids": goal_checkbox(book, case_id)}

    def cross_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        refs = [(("goal_ids", i), g) for i, g in enumerate(getattr(doc, "goal_ids", None) or [])]
        return unknown_goals(book, case_id, refs)

    def warnings(self, book: Casebook, case_id: str, doc: Any, recording: bool = False) -> list[Located]:
        """A session dated after the termination in effect: the casework relationship has ended (supervision
        goes on, and so does wajib lapor, but no casework session); a reopening says it began again."""
        from bapascase.i18n import get_lang, t
        from bapascase.model.text import as_date, long_date

        out = super().warnings(book, case_id, doc, recording)
        if not book.doc_paths(case_id, Stage.TERMINATION):  # most cases: no end read for each of their sessions
            return out
        terminated = as_date(book.termination_in_effect(case_id))
        date = as_date(getattr(doc, "date", None))
        if terminated is not None and date is not None and date > terminated:
            lang = get_lang()
            out.append((("date",), t("kbd.warn.session_after_termination", date=long_date(date, lang),
                                     terminated=long_date(terminated, lang), case=case_id)))
        return out


BEHAVIOUR = Intervention()
