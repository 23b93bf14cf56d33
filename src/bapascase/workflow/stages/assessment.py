"""Assessment: the risk instrument and the criminogenic needs asked item by item (scored by the tool, never asked),
the parts of the RRI asked only when they apply (part C of women, part D of narcotics cases, B-D only while part
A is below 7), the criminogenic needs asked when the RRI says they must be; a child's instruments for a child
(a child programme, or under 18 on the day of the assessment); the instrument versions in use recorded for
answers files that leave them out, a reassessment starting from the last assessment, answers that must exist in
their instrument version and fit the client, and the instruments' item ids in the JSON Schema."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.errors import UserError
from bapascase.i18n import get_lang, t
from bapascase.model.registry import Stage
from bapascase.model.scoring import PARTS, default_instrument
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import Located, Prepare, StageBehaviour, strip

if TYPE_CHECKING:
    from bapascase.model.scoring import Instrument
    from bapascase.workflow.wizard import Custom, Interview, Path_


class Assessment(StageBehaviour):
    stage = Stage.ASSESSMENT
    described = frozenset(PARTS)

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        previous = book.read_docs(case_id, Stage.ASSESSMENT)
        if not previous:
            return {"date": today}
        # a reassessment starts from the last one; it is a new dated file
        return {**strip(previous[-1][1], "date"), "date": today}

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        return {"rri": risk_prompt(book, case_id), "criminogenic": needs_prompt(book, case_id),
                "kerja_sosial": considerations_prompt(book, case_id)}

    def prepare(self, book: Casebook, case_id: str, defaults: dict[str, Any]) -> Prepare:
        """Answers files may leave out the instrument id and version: the ones in use for this client (a child's
        or an adult's) are recorded for them.

        A reassessment's ``defaults`` hold the previous answers; those of another instrument or version than the
        one given are dropped from them, so they are never merged into the new answers (their items may not
        exist)."""

        def prepare(given: dict[str, Any]) -> dict[str, Any]:
            from bapascase.store.instrument_files import latest

            child = is_child(book, case_id, given.get("date") or defaults.get("date"))
            for part in PARTS:
                default_id = default_instrument(part, child)
                value = given.get(part)
                if isinstance(value, dict) and value.get("answers") is not None and not value.get("version"):
                    inst = latest(book, str(value.get("instrument") or default_id))
                    given[part] = {"instrument": inst.id, "version": inst.version, **value}
                    given[part]["version"] = inst.version
                    given[part]["instrument"] = inst.id
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

        return check_instrument_answers(book, doc, book.read_one(case_id, Stage.CASE))

    def describe(self, book: Casebook, case_id: str, doc: Any, lang: str) -> list[str]:
        """The instruments item by item, with points, totals and categories (levels and priorities for needs),
        and the verdict on the criminogenic assessment, before anything is saved."""
        from bapascase.store.instrument_files import engine_results
        from bapascase.workflow.score_text import review_lines

        return review_lines(engine_results(book, case_id, doc), lang)

    def saved_lines(self, book: Casebook, case_id: str, doc: Any, lang: str) -> list[str]:
        from bapascase.store.instrument_files import engine_results
        from bapascase.workflow.score_text import summary_lines

        return summary_lines(engine_results(book, case_id, doc), lang)

    def schema(self, schema: dict[str, Any], book: Casebook | None) -> dict[str, Any]:
        from bapascase.store.instrument_files import enrich_assessment_schema

        return enrich_assessment_schema(schema, book)


def is_child(book: Casebook, case_id: str, day: Any) -> bool:
    from bapascase.store.instrument_files import child_at

    return child_at(book.read_one(case_id, Stage.CASE), day)


def _instrument(book: Casebook, part: str, child: bool, current: dict[str, Any]) -> Instrument:
    """The newest version of the instrument the part was answered with before (a reassessment), else of the
    default one; never an adult instrument for a child (nor a child's for an adult)."""
    from bapascase.model.scoring import CHILD
    from bapascase.store import instrument_files as inst_store

    wanted = default_instrument(part, child)
    named = str(current.get("instrument") or wanted)
    try:
        inst = inst_store.latest(book, named)
    except UserError:
        inst = inst_store.latest(book, wanted)
    if (inst.client == CHILD) != child:
        inst = inst_store.latest(book, wanted)
    return inst


def _kept(iv: Interview, path: Path_) -> dict[str, Any]:
    """The answers a resumed draft holds for this instrument (answered before the interruption)."""
    from bapascase.workflow.wizard import get_in

    drafted = get_in(iv.draft, path)
    if isinstance(drafted, dict) and isinstance(drafted.get("answers"), dict):
        return dict(drafted["answers"])
    return {}


def _ask_items(iv: Interview, path: Path_, inst: Instrument, items: Any, before: dict[str, Any],
               answers: dict[str, str], extra: dict[str, Any], kept: dict[str, Any]) -> None:
    """Each item as a choice of its options, with nothing chosen: no answer that scores points is ever taken
    from Enter alone. A reassessment's previous answer is shown beside the question; the items a resumed draft
    holds are kept. Ctrl-Z goes back one item."""
    from bapascase.workflow.wizard import set_in

    lang = get_lang()
    for item in items:
        # kept as it goes: an interrupted interview's draft holds the items answered so far
        set_in(iv.answers, path, {"instrument": inst.id, "version": inst.version, **extra, "answers": answers})
        if item.option(str(kept.get(item.id))) is not None:  # answered before the interruption
            answers[item.id] = str(kept[item.id])
            continue

        def one(item: Any = item) -> None:
            points = inst.sign_of(item) != 0
            choices = [(o.id, f"{o.label(lang)} ({o.points})" if points else o.label(lang)) for o in item.options]
            previous = item.option(str(before.get(item.id))) if before.get(item.id) is not None else None
            hint = t("kbd.previous_answer", lang, answer=previous.label(lang)) if previous is not None else None
            answers[item.id] = iv.prompter.select(item.text(lang), choices, must_choose=True, instruction=hint)

        iv.ask_one(one)


def risk_prompt(book: Casebook, case_id: str) -> Custom:
    """The risk instrument of the client (the RRI, a child's own) part by part: the scored parts first, then each
    part that applies and is asked at that total (RRI B; C of women; D of narcotics cases, as the officer
    confirms; B-D only while part A is below 7). Earlier answers (a reassessment's) are shown beside the question where the
    item and option still exist. The verdict on the criminogenic assessment closes it."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.scoring import NARCOTICS, ClientFacts, asked, score
        from bapascase.store.instrument_files import client_facts

        lang = get_lang()
        current = current if isinstance(current, dict) else {}
        child = is_child(book, case_id, iv.answers.get("date"))
        inst = _instrument(book, "rri", child, current)
        iv.prompter.note(f"{inst.title(lang)} ({inst.version})")
        before = current.get("answers") if isinstance(current.get("answers"), dict) else {}
        case = book.read_one(case_id, Stage.CASE)
        facts = client_facts(case)
        answers: dict[str, str] = {}
        extra: dict[str, Any] = {}
        kept = _kept(iv, path)
        if not inst.parts:
            _ask_items(iv, path, inst, inst.items, before, answers, extra, kept)
        for part in (p for p in inst.parts if p.scored):
            if len(inst.parts) > 1:
                iv.prompter.note(part.title(lang))
            _ask_items(iv, path, inst, inst.part_items(part.id), before, answers, extra, kept)
        total = score(inst, answers, facts)
        if any(p.applies_to == NARCOTICS and asked(p, True, total.total, total.complete)
               for p in inst.parts if not p.scored):
            # whether part D applies: the officer confirms what the intake's articles and offence say
            confirmed = current.get("narcotics_case")
            box: list[bool] = []
            iv.ask_one(lambda: box.__setitem__(slice(None), [iv.prompter.confirm(
                t("asm.narcotics_confirm", lang),
                default=confirmed if isinstance(confirmed, bool) else bool(facts.narcotics))]))
            narcotics = box[0]
            facts = ClientFacts(facts.female, narcotics)
            extra = {"narcotics_case": narcotics}
        for part in (p for p in inst.parts if not p.scored):
            found = next(p for p in score(inst, answers, facts).parts if p.part.id == part.id)
            if found.asked is False:
                continue
            iv.prompter.note(part.title(lang))
            _ask_items(iv, path, inst, inst.part_items(part.id), before, answers, extra, kept)
        line = score(inst, answers, facts).verdict_text(lang)
        if line:
            iv.prompter.note(line)
        return {"instrument": inst.id, "version": inst.version, **extra, "answers": answers}

    ask.handles_back = True  # type: ignore[attr-defined]
    return ask


def needs_prompt(book: Casebook, case_id: str) -> Custom:
    """The criminogenic needs of the client (a child's own instrument for a child), item by item, when the risk
    instrument says they must be assessed or cannot tell yet; when it says they need not be, only if the officer
    wants to."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.store.instrument_files import score_part

        lang = get_lang()
        current = current if isinstance(current, dict) else {}
        risk = score_part(book, {"rri": iv.answers.get("rri")}, "rri", book.read_one(case_id, Stage.CASE))
        if risk is not None and risk.verdict is not None and risk.verdict.required is False:
            if not iv.prompter.confirm(t("asm.criminogenic_optional", lang), default=bool(current.get("answers"))):
                return None
        child = is_child(book, case_id, iv.answers.get("date"))
        inst = _instrument(book, "criminogenic", child, current)
        iv.prompter.note(f"{inst.title(lang)} ({inst.version})")
        before = current.get("answers") if isinstance(current.get("answers"), dict) else {}
        answers: dict[str, str] = {}
        _ask_items(iv, path, inst, inst.items, before, answers, {}, _kept(iv, path))
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
