"""Assessment: the RRI and criminogenic-needs instruments asked item by item (scored by the tool, never asked),
the instrument versions in use recorded for answers files that leave them out, a reassessment starting from the
last assessment, answers that must exist in their instrument version, and the instruments' item ids in the
JSON Schema."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.errors import UserError
from bapascase.i18n import get_lang
from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import Located, Prepare, StageBehaviour, strip

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom, Interview, Path_

# the assessment's instrument parts and the instrument each one uses by default
INSTRUMENT_PARTS = {"rri": "rri-a", "criminogenic": "kriminogenik"}


class Assessment(StageBehaviour):
    stage = Stage.ASSESSMENT
    described = frozenset(INSTRUMENT_PARTS)

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        previous = book.read_docs(case_id, Stage.ASSESSMENT)
        if not previous:
            return {"date": today}
        # a reassessment starts from the last one; it is a new dated file
        return {**strip(previous[-1][1], "date"), "date": today}

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        out = {part: instrument_prompt(book, inst) for part, inst in INSTRUMENT_PARTS.items()}
        out["kerja_sosial"] = considerations_prompt(book, case_id)
        return out

    def prepare(self, book: Casebook, case_id: str, defaults: dict[str, Any]) -> Prepare:
        """Answers files may leave out the instrument id and version: the ones in use are recorded for them.

        A reassessment's ``defaults`` hold the previous answers; those of another instrument version than the
        one given are dropped from them, so they are never merged into the new answers (their items may not
        exist)."""

        def prepare(given: dict[str, Any]) -> dict[str, Any]:
            from bapascase.store.instrument_files import latest

            for part, default_id in INSTRUMENT_PARTS.items():
                value = given.get(part)
                if isinstance(value, dict) and value.get("answers") is not None and not value.get("version"):
                    inst = latest(book, str(value.get("instrument") or default_id))
                    given[part] = {"instrument": inst.id, "version": inst.version, **value}
                    given[part]["version"] = inst.version
                value = given.get(part)
                before = defaults.get(part)
                if isinstance(value, dict) and value.get("version") is not None and isinstance(before, dict):
                    used = (str(value.get("instrument") or default_id), str(value["version"]))
                    if used != (str(before.get("instrument") or default_id), str(before.get("version"))):
                        del defaults[part]
            return given

        return prepare

    def cross_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        from bapascase.store.instrument_files import check_instrument_answers

        return check_instrument_answers(book, doc)

    def describe(self, book: Casebook, doc: Any, lang: str) -> list[str]:
        """The instruments item by item, with points, totals and categories, before anything is saved."""
        from bapascase.store.instrument_files import score_assessment
        from bapascase.workflow.score_text import review_lines

        return review_lines(score_assessment(book, doc), lang)

    def saved_lines(self, book: Casebook, doc: Any, lang: str) -> list[str]:
        from bapascase.store.instrument_files import score_assessment
        from bapascase.workflow.score_text import summary_lines

        return summary_lines(score_assessment(book, doc), lang)

    def schema(self, schema: dict[str, Any], book: Casebook | None) -> dict[str, Any]:
        from bapascase.store.instrument_files import enrich_assessment_schema

        return enrich_assessment_schema(schema, book)


def instrument_prompt(book: Casebook, instrument_id: str) -> Custom:
    """Each item of the instrument's latest version as a choice of its options, with nothing chosen: no answer
    that scores points is ever taken from Enter alone. The score is computed, never asked. A reassessment's
    previous answer is shown beside the question; the items a resumed draft holds are kept. Ctrl-Z goes back
    one item (from the first, to the question before the instrument)."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.i18n import t
        from bapascase.store import instrument_files as inst_store
        from bapascase.workflow.wizard import get_in, set_in

        lang = get_lang()
        current = current if isinstance(current, dict) else {}
        try:
            inst = inst_store.latest(book, str(current.get("instrument") or instrument_id))
        except UserError:
            inst = inst_store.latest(book, instrument_id)
        iv.prompter.note(f"{inst.title(lang)} ({inst.version})")
        drafted = get_in(iv.draft, path)
        kept: dict[str, Any] = {}
        if isinstance(drafted, dict) and isinstance(drafted.get("answers"), dict):
            kept = drafted["answers"]
        before = current.get("answers") if isinstance(current.get("answers"), dict) else {}
        answers: dict[str, str] = {}
        # kept as it goes: an interrupted interview's draft holds the items answered so far
        set_in(iv.answers, path, {"instrument": inst.id, "version": inst.version, "answers": answers})
        for item in inst.items:
            if item.option(str(kept.get(item.id))) is not None:  # answered before the interruption
                answers[item.id] = str(kept[item.id])
                continue

            def one(item: Any = item) -> None:
                choices = [(o.id, f"{o.label(lang)} ({o.points})") for o in item.options]
                previous = item.option(str(before.get(item.id))) if before.get(item.id) is not None else None
                hint = t("kbd.previous_answer", answer=previous.label(lang)) if previous is not None else None
                answers[item.id] = iv.prompter.select(item.text(lang), choices, must_choose=True, instruction=hint)

            iv.ask_one(one)
        return {"instrument": inst.id, "version": inst.version, "answers": answers}

    ask.handles_back = True  # type: ignore[attr-defined]
    return ask


BEHAVIOUR = Assessment()


def considerations_prompt(book: Casebook, case_id: str) -> Custom:
    """The considerations of Pasal 85 ayat (2) UU 1/2023, asked for a case whose programme is kerja sosial (the
    Litmas that supplies them to the judge); any other case keeps what it has without a question."""
    from bapascase.model import records
    from bapascase.model.programmes import programme
    from bapascase.model.sentences import KERJA_SOSIAL
    from bapascase.workflow.stages.base import part_when

    found = programme(records.text(book.read_one(case_id, Stage.CASE), Stage.CASE, "legal.programme"))
    applies = found is not None and found.sentence == KERJA_SOSIAL
    asked = part_when(lambda iv: applies)

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        return asked(iv, path, current) if applies else current

    ask.applies = lambda iv: applies  # type: ignore[attr-defined]  # no section of its own for other cases
    return ask
