"""Recording a stage document: the generic interview over its model, plus its behaviour.

Each document's behaviour lives in its own module here (``engagement.py``, ``assessment.py``, ...), found by
name from the registry (``StageSpec.behaviour``): what only that document knows (defaults taken from earlier
records, prompts that need other documents, cross-document rules, entry names). ``run_stage`` records any
document of the shared stage command through those hooks; nothing here names a stage. Documents with a command
of their own keep it beside their behaviour (``reopen.reopen``, ``transfer.transfer``).
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import BapascaseError, DataError, Problem, UserError
from bapascase.i18n import t
from bapascase.model.registry import spec
from bapascase.store.casebook import Casebook
from bapascase.store.textfiles import read_text
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, check_order, collect, save
from bapascase.workflow.stages.base import Located, StageBehaviour

if TYPE_CHECKING:
    from bapascase.model.base import Doc
    from bapascase.workflow.wizard import Custom


def behaviour_of(stage: str) -> StageBehaviour:
    found: StageBehaviour = importlib.import_module(spec(stage).behaviour).BEHAVIOUR
    return found


def cross_problems(book: Casebook, case_id: str, stage: str, doc: Any, today: dt.date | None = None
                   ) -> list[Located]:
    """Rules one document cannot check alone, each ``(location, message)`` with the location as in a pydantic
    error, so it can be given a line. ``today``: the document is being recorded (or edited) today, so what it
    says has happened must hold against the facts (``StageBehaviour.fact_problems``: ``check`` warns about
    those instead, ``fact_warnings``) and the rules of a document being written apply (``writing_problems``)."""
    behaviour = behaviour_of(stage)
    found = behaviour.cross_problems(book, case_id, doc)
    if today is None:
        return found
    found = [*found, *(p for p in behaviour.writing_problems(book, case_id, doc) if p not in found)]
    return behaviour.fact_problems(book, case_id, doc, today) + found


def cross_check(book: Casebook, case_id: str, stage: str, doc: Any, source: str, text: str | None = None,
                today: dt.date | None = None) -> list[Problem]:
    """``cross_problems`` located in ``source`` (with line numbers when its text is known)."""
    return located(cross_problems(book, case_id, stage, doc, today), source, text)


def fact_warnings(book: Casebook, case_id: str, stage: str, doc: Any, path: Path, today: dt.date,
                  text: str | None = None) -> list[Problem]:
    """``check``: what a stored document says has happened that does not hold against the facts
    (``StageBehaviour.fact_problems``: a date after ``today``, a wajib lapor outside the masa bimbingan...), as
    warnings. Recording refuses them; ``check``'s exit status never turns on them (the reasons are there)."""
    found = behaviour_of(stage).fact_problems(book, case_id, doc, today)
    return located(found, book.rel(path), read_text(path) if text is None and found else text)


def warning_problems(book: Casebook, case_id: str, stage: str, doc: Any, path: Path, recording: bool = False,
                     text: str | None = None) -> list[Problem]:
    """The document's warnings (``StageBehaviour.warnings``) located in its file, as ``check`` prints them
    (``recording``: those said just after saving it). ``text``: the file's text where the caller has read it."""
    from bapascase.model.validation import dotted
    from bapascase.store import yamlio

    found = behaviour_of(stage).warnings(book, case_id, doc, recording=recording)
    if not found:
        return []
    try:
        root = yamlio.compose(read_text(path) if text is None else text)
    except (BapascaseError, OSError):
        root = None
    return [Problem(book.rel(path), yamlio.line_of(root, loc), dotted(loc), message) for loc, message in found]


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


def variant_defaults(behaviour: StageBehaviour, book: Casebook, case_id: str, today: dt.date,
                     model: type[Doc]) -> dict[str, Any]:
    """The behaviour's defaults for one kind of a document, only those its model has a field for: what the
    records offer (the missed reports to cite...) is offered where the kind can hold it, never to a kind whose
    model would refuse it as a field nobody typed."""
    offered = behaviour.variant_defaults(book, case_id, today, model)
    return {key: value for key, value in offered.items() if key in model.model_fields}


def run_stage(
    ctx: Context, case_query: str, stage: str, answers: Path | None, no_input: bool, force: bool
) -> Recorded:
    book = ctx.book()
    case_id = book.resolve_case(case_query)
    interactive = ctx.prompter(no_input).interactive
    if not interactive and not no_input and answers is None:
        # no terminal to ask on (cron, a pipe, ssh without a tty) and nothing given: saving the stage's defaults
        # (a blank EIC with every declaration "no") is never what was meant; --no-input says it is
        raise UserError("err.no_terminal_no_answers", command=spec(stage).command)
    check_order(book, case_id, stage, force, ctx.prompter(no_input))
    behaviour = behaviour_of(stage)
    custom = behaviour.prompts(book, case_id)
    defaults = behaviour.defaults(book, case_id, ctx.today())
    model = behaviour.variant(book, case_id, _given(answers), ctx.prompter(no_input))
    preset: dict[str, Any] = {}
    if model is not None:  # one of several kinds (a legal event): its own defaults, and the choice kept
        defaults.update(variant_defaults(behaviour, book, case_id, ctx.today(), model))
        preset = {k: v for k, v in defaults.items() if k in _constants(model)}
    today = ctx.today()
    doc = collect(ctx, stage, case_id, answers, no_input, defaults=defaults, custom=custom,
                  prepare=behaviour.prepare(book, case_id, defaults), model=model, preset=preset,
                  describe=lambda doc: behaviour.describe(book, case_id, doc, ctx.lang), described=behaviour.described,
                  rules=lambda doc: cross_problems(book, case_id, stage, behaviour.complete(book, case_id, doc), today))
    doc = behaviour.complete(book, case_id, doc)
    text = read_text(answers) if answers is not None else None
    if not interactive:
        problems = cross_check(book, case_id, stage, doc, str(answers) if answers else stage, text, today)
        if problems:
            raise DataError(problems)
    elif found := cross_problems(book, case_id, stage, doc, today):
        raise _keep_as_draft(book, case_id, stage, doc, answers, text, found, custom)
    rec = save(ctx, case_id, stage, doc, behaviour.entry_name(book, case_id, doc), message=f"{stage}: {case_id}")
    rec.warnings = warning_problems(book, case_id, stage, doc, rec.path, recording=True)
    return rec


def located(found: list[Located], source: str, text: str | None) -> list[Problem]:
    """``(location, message)`` pairs as problems of ``source``, with their lines when its text is known."""
    from bapascase.model.validation import dotted
    from bapascase.store import yamlio

    root = yamlio.compose(text) if text is not None and found else None
    return [Problem(source, yamlio.line_of(root, loc), dotted(loc), message) for loc, message in found]


def _given(answers: Path | None) -> dict[str, Any]:
    from bapascase.store.documents import load_answers

    return load_answers(answers)[0] if answers is not None else {}


def _constants(model: Any) -> set[str]:
    """The fields a kind fixes to one value (its ``kind``): kept in the answers so a draft remembers the kind."""
    from bapascase.model.meta import is_constant

    return {name for name, info in model.model_fields.items() if is_constant(info)}


def _keep_as_draft(
    book: Casebook, case_id: str, stage: str, doc: Any, answers: Path | None, text: str | None,
    found: list[Located], custom: dict[str, Custom],
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
