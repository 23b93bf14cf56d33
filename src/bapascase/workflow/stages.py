"""The casework stages after intake: engage, assess, plan, intervene, monitor, terminate, and reopen.

Each stage is the generic interview over its model, plus what only that stage knows: defaults taken from earlier
records (the plan's goals pre-fill monitoring progress, a reassessment starts from the last assessment...),
choice lists built from other documents (goal ids), the instrument items, and where the file goes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bapascase.errors import DataError, Problem, UserError
from bapascase.i18n import get_lang, t
from bapascase.model.text import as_date
from bapascase.store.casebook import Casebook
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, check_order, collect, save
from bapascase.workflow.wizard import Custom, Interview, Path_, set_in

# command name -> stage document name
COMMANDS = {
    "engage": "engagement",
    "assess": "assessment",
    "plan": "plan",
    "intervene": "intervention",
    "monitor": "monitoring",
    "terminate": "termination",
}


def _strip(doc: Any, *drop: str) -> dict[str, Any]:
    data = dict(doc) if isinstance(doc, dict) else {}
    for key in ("schema_version", *drop):
        data.pop(key, None)
    return data


def plan_goals(book: Casebook, case_id: str) -> list[dict[str, Any]]:
    plan = book.read_one(case_id, "plan")
    goals = plan.get("goals") if isinstance(plan, dict) else None
    return [g for g in (goals or []) if isinstance(g, dict) and g.get("id")]


def defaults_for(book: Casebook, case_id: str, stage: str, today: dt.date) -> dict[str, Any]:
    """What the interview offers pre-filled, taken from earlier records (never stored twice)."""
    if stage in ("engagement", "plan"):  # recorded again: an update of the one file, nothing given is lost
        existing = book.read_one(case_id, stage)
        if isinstance(existing, dict):
            return _strip(existing)
    d: dict[str, Any] = {"date": today}
    if stage == "engagement":
        d["contract"] = {"wajib_lapor_interval_days": book.wajib_lapor_interval}
    elif stage == "assessment":
        previous = book.read_docs(case_id, "assessment")
        if previous:  # a reassessment starts from the last one; it is a new dated file
            d = _strip(previous[-1][1], "date")
            d["date"] = today
    elif stage == "plan":
        assessment = book.read_one(case_id, "assessment") or {}
        needs = [n for n in (assessment.get("needs") or []) if isinstance(n, dict) and n.get("need")]
        if needs:
            d["goals"] = [{"id": f"T{i}", "need": n["need"]} for i, n in enumerate(needs, 1)]
    elif stage == "monitoring":
        last = book.read_one(case_id, "monitoring") or {}
        before = {p.get("goal_id"): p for p in (last.get("progress") or []) if isinstance(p, dict)}
        progress = []
        for g in plan_goals(book, case_id):
            prev = before.get(g["id"], {})
            progress.append({"goal_id": g["id"], "status": prev.get("status", "belum")})
        if progress:
            d["progress"] = progress
        last_date = as_date(last.get("date"))
        if last_date:  # the period since the last entry, to today (to the entry's date once it is known)
            start = last_date + dt.timedelta(days=1)
            d["period"] = {"start": start, "end": max(start, today)}
    elif stage == "termination":
        case = book.read_one(case_id, "case") or {}
        end = as_date((case.get("legal") or {}).get("supervision_end"))
        if end and end <= today:
            d["reason"] = "ekspirasi"
        assessment = book.read_one(case_id, "assessment") or {}
        kept = [r.get("name") for r in (assessment.get("resources") or [])
                if isinstance(r, dict) and r.get("strength") in ("kuat", "sedang") and r.get("name")]
        if kept:
            d["resources_kept"] = kept
    return d


# -- prompts that need other documents ----------------------------------------------------------------------


def goal_prompt(book: Casebook, case_id: str) -> Custom:
    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        goals = plan_goals(book, case_id)
        if not goals:
            return list(current or [])
        choices = [(g["id"], f"{g['id']}: {g.get('objective') or g.get('need') or ''}") for g in goals]
        from bapascase.model.meta import title_of

        info = iv._info_at(path)
        title = title_of(info, "goal_ids") if info else "goal_ids"
        return iv.prompter.checkbox(title, choices, list(current or []))

    return ask


def goal_select(book: Casebook, case_id: str) -> Custom:
    """One goal id (monitoring progress, termination outcomes) chosen from the plan's goals, never typed blind."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of

        info = iv._info_at(path)
        assert info is not None
        title = title_of(info, str(path[-1]))
        goals = plan_goals(book, case_id)
        if not goals:  # no plan yet: the id is typed, checked like any text answer
            return iv._ask_scalar(path, info, str, False, title)
        choices = [(g["id"], f"{g['id']}: {g.get('objective') or g.get('need') or ''}") for g in goals]
        default = current if any(current == g["id"] for g in goals) else None
        return iv.prompter.select(title, choices, default=default)

    return ask


def instrument_prompt(book: Casebook, instrument_id: str) -> Custom:
    """Each item of the instrument's latest version as a select of its options; the score is computed, never
    asked. Earlier answers (a reassessment's previous one) are pre-selected where the item and option still exist."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.store import instrument_files as inst_store

        lang = get_lang()
        current = current if isinstance(current, dict) else {}
        try:
            inst = inst_store.latest(book, str(current.get("instrument") or instrument_id))
        except UserError:
            inst = inst_store.latest(book, instrument_id)
        iv.prompter.note(f"{inst.title(lang)} ({inst.version})")
        before = current.get("answers") if isinstance(current.get("answers"), dict) else {}
        answers: dict[str, str] = {}
        for item in inst.items:
            choices = [(o.id, f"{o.label(lang)} ({o.points})") for o in item.options]
            default = before.get(item.id) if any(o.id == before.get(item.id) for o in item.options) else None
            answers[item.id] = iv.prompter.select(item.text(lang), choices, default=default)
            # kept as it goes: an interrupted interview's draft holds the items answered so far
            set_in(iv.answers, path, {"instrument": inst.id, "version": inst.version, "answers": dict(answers)})
        return {"instrument": inst.id, "version": inst.version, "answers": answers}

    return ask


INSTRUMENT_PARTS = {"rri": "rri-a", "criminogenic": "kriminogenik"}


def prepare_for(book: Casebook, stage: str, defaults: dict[str, Any] | None = None) -> Any:
    """Answers files may leave out the instrument id and version: the ones in use are recorded for them.

    A reassessment's ``defaults`` hold the previous answers; those of another instrument version than the one
    given are dropped from them, so they are never merged into the new answers (their items may not exist).
    A monitoring entry's default period ends on the entry's date (not today), and is left out for an entry
    dated before the last one."""
    if stage == "monitoring":
        return _period_to(defaults)
    if stage != "assessment":
        return None

    def prepare(given: dict[str, Any]) -> dict[str, Any]:
        from bapascase.store.instrument_files import latest

        for part, default_id in INSTRUMENT_PARTS.items():
            value = given.get(part)
            if isinstance(value, dict) and value.get("answers") is not None and not value.get("version"):
                inst = latest(book, str(value.get("instrument") or default_id))
                given[part] = {"instrument": inst.id, "version": inst.version, **value}
                given[part]["version"] = inst.version
            value = given.get(part)
            before = defaults.get(part) if defaults is not None else None
            if isinstance(value, dict) and value.get("version") is not None and isinstance(before, dict):
                used = (str(value.get("instrument") or default_id), str(value["version"]))
                if used != (str(before.get("instrument") or default_id), str(before.get("version"))):
                    assert defaults is not None
                    del defaults[part]
        return given

    return prepare


def _period_to(defaults: dict[str, Any] | None) -> Any:
    def prepare(given: dict[str, Any]) -> dict[str, Any]:
        from bapascase.model.types import parse_date

        period = defaults.get("period") if defaults is not None else None
        if defaults is None or not isinstance(period, dict) or given.get("period") is not None:
            return given
        try:
            date = parse_date(given.get("date"))
        except ValueError:  # a bad date: reported by the validation, with its line
            return given
        if isinstance(date, dt.date):
            if date >= period["start"]:
                defaults["period"] = {**period, "end": date}
            else:
                del defaults["period"]
        return given

    return prepare


def customs_for(book: Casebook, case_id: str, stage: str) -> dict[str, Custom]:
    if stage == "assessment":
        return {part: instrument_prompt(book, inst) for part, inst in INSTRUMENT_PARTS.items()}
    if stage == "intervention":
        return {"goal_ids": goal_prompt(book, case_id)}
    if stage == "monitoring":
        return {"progress.goal_id": goal_select(book, case_id)}
    if stage == "termination":
        return {"goal_outcomes.goal_id": goal_select(book, case_id)}
    return {}


# -- checks across documents ----------------------------------------------------------------------------------


def cross_problems(book: Casebook, case_id: str, stage: str, doc: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Rules one document cannot check alone: goal ids that must exist in the plan, instrument answers.

    Each problem is ``(location, message)`` with the location as in a pydantic error, so it can be given a line.
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    known = {g["id"] for g in plan_goals(book, case_id)}
    if stage in ("intervention", "monitoring", "termination") and known:
        refs: list[tuple[tuple[str | int, ...], str]] = []
        if stage == "intervention":
            refs = [(("goal_ids", i), g) for i, g in enumerate(getattr(doc, "goal_ids", []) or [])]
        elif stage == "monitoring":
            refs = [(("progress", i, "goal_id"), p.goal_id) for i, p in enumerate(getattr(doc, "progress", []) or [])]
        else:
            refs = [(("goal_outcomes", i, "goal_id"), o.goal_id)
                    for i, o in enumerate(getattr(doc, "goal_outcomes", []) or [])]
        for loc, gid in refs:
            if gid not in known:
                problems.append((loc, t("val.unknown_goal", value=gid, known=", ".join(sorted(known)))))
    if stage == "assessment":
        from bapascase.store.instrument_files import check_instrument_answers

        problems.extend(check_instrument_answers(book, doc))
    return problems


def cross_check(book: Casebook, case_id: str, stage: str, doc: Any, source: str, text: str | None = None) -> list[Problem]:
    """``cross_problems`` located in ``source`` (with line numbers when its text is known)."""
    from bapascase.model.validation import dotted
    from bapascase.store import yamlio

    found = cross_problems(book, case_id, stage, doc)
    root = yamlio.compose(text) if text is not None and found else None
    return [Problem(source, yamlio.line_of(root, loc), dotted(loc), message) for loc, message in found]


def entry_name(book: Casebook, case_id: str, stage: str, doc: Any) -> str | None:
    """Single-file stages write their file; reassessments, sessions and entries add a dated file."""
    date = as_date(getattr(doc, "date", None))
    stamp = date.isoformat() if date else "entry"
    if stage == "assessment":
        return stamp if book.doc_paths(case_id, "assessment") else None
    if stage == "termination":
        return stamp if book.doc_paths(case_id, "termination") else None
    if stage in ("intervention", "monitoring", "reopen"):
        return stamp
    return None


class KeptAsDraft(DataError):
    """Problems found after an interview: the answers are kept as a draft so nothing typed is lost."""

    def __init__(self, problems: list[Problem], note: str) -> None:
        super().__init__(problems)
        self.note = note

    def render(self) -> str:
        return f"{super().render()}\n{self.note}"


def _without(data: dict[str, Any], loc: tuple[str | int, ...], custom: dict[str, Custom]) -> None:
    """Drop a refused answer from ``data`` so the resumed interview asks it again: the whole field for prompts
    that answer a field at once (goal checkbox, instrument items) and for lists of plain values, else the value."""
    from bapascase.workflow.wizard import get_in

    top = str(loc[0])
    if top in custom or len(loc) == 1 or isinstance(loc[-1], int):
        data.pop(top, None)
        return
    parent = get_in(data, loc[:-1])
    if isinstance(parent, dict):
        parent.pop(loc[-1], None)


def run_stage(
    ctx: Context, case_query: str, stage: str, answers: Path | None, no_input: bool, force: bool
) -> Recorded:
    book = ctx.book()
    case_id = book.resolve_case(case_query)
    interactive = ctx.prompter(no_input).interactive
    check_order(book, case_id, stage, force, ctx.prompter(no_input))
    custom = customs_for(book, case_id, stage)
    defaults = defaults_for(book, case_id, stage, ctx.today())
    doc = collect(
        ctx, stage, case_id, answers, no_input,
        defaults=defaults,
        custom=custom,
        prepare=prepare_for(book, stage, defaults),
    )
    text = answers.read_text(encoding="utf-8") if answers is not None else None
    if not interactive:
        problems = cross_check(book, case_id, stage, doc, str(answers) if answers else stage, text)
        if problems:
            raise DataError(problems)
    elif found := cross_problems(book, case_id, stage, doc):
        raise _keep_as_draft(book, case_id, stage, doc, answers, text, found, custom)
    return save(ctx, case_id, stage, doc, entry_name(book, case_id, stage, doc), message=f"{stage}: {case_id}")


def _keep_as_draft(
    book: Casebook, case_id: str, stage: str, doc: Any, answers: Path | None, text: str | None,
    found: list[tuple[tuple[str | int, ...], str]], custom: dict[str, Custom],
) -> KeptAsDraft:
    """An interview ended with answers another document refuses (a goal no longer in the plan...): keep what was
    typed as a draft without the refused answers, and locate each problem in the answers file only if it came
    from there."""
    from bapascase.model.validation import dotted
    from bapascase.store import drafts, yamlio
    from bapascase.store.documents import load_answers
    from bapascase.workflow.wizard import answered_paths, get_in, has_in

    given = load_answers(answers)[0] if answers is not None else {}
    root = yamlio.compose(text) if text is not None else None
    problems = []
    for loc, message in found:
        from_file = answers is not None and has_in(given, loc) and get_in(given, loc) == get_in(
            doc.model_dump(mode="json"), loc)
        where = (str(answers), yamlio.line_of(root, loc)) if from_file else (stage, None)
        problems.append(Problem(where[0], where[1], dotted(loc), message))
    data = doc.model_dump(mode="json")  # None included: answered as empty, not asked again
    data.pop("schema_version", None)
    for loc, _ in found:
        _without(data, loc, custom)
    # everything else was answered: only the refused answers are asked when the draft is resumed
    path = drafts.save_draft(book, stage, case_id, data, sorted(answered_paths(data)))
    return KeptAsDraft(problems, t("err.interrupted_draft", path=book.rel(path)))


def reopen(ctx: Context, case_query: str, reason: str, by: str | None) -> Recorded:
    """Open a terminated case again; the reopening is its own dated record, the termination stays."""
    from bapascase.model.registry import model_for

    book = ctx.book()
    case_id = book.resolve_case(case_query)
    if not book.is_closed(case_id):
        raise UserError("err.not_terminated", case=case_id)
    doc = model_for("reopen").model_validate({"date": ctx.today(), "reason": reason, "by": by})
    return save(ctx, case_id, "reopen", doc, ctx.today().isoformat(), message=f"reopen: {case_id}")
