"""Recording one stage document: answers file, draft resume, interview, validation, atomic write, git commit."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bapascase.errors import DataError, Interrupted, Problem, UserError
from bapascase.i18n import t
from bapascase.model import registry
from bapascase.model.base import Doc
from bapascase.model.validation import validate
from bapascase.store import drafts
from bapascase.store.casebook import Casebook
from bapascase.store.documents import load_answers, problems_for
from bapascase.terminal import write_line
from bapascase.workflow.context import Context
from bapascase.workflow.prompter import Prompter
from bapascase.workflow.wizard import Custom, Interview, merge_answers


@dataclass
class Recorded:
    case_id: str
    path: Path
    doc: Doc
    committed: bool
    # what looks wrong but was saved (``StageBehaviour.warnings``), located in the file written
    warnings: list[Problem] = field(default_factory=list)


def from_options(model: type[Doc], data: dict[str, Any], command: str, options: dict[str, str]) -> Doc:
    """A document built from a command's options (``reopen --reason``, ``checkin --date``), validated like an
    answers file: what the model refuses is a data error naming the option (``reopen: --reason: ...``, exit 1),
    never an uncaught validation error. ``options``: dotted field -> the option that gave it."""
    doc, errors = validate(model, data)
    if errors:
        raise DataError([Problem(command, None, options.get(e.dotted, e.dotted), e.message) for e in errors])
    assert doc is not None
    return doc


def given_answers(answers_file: Path | None) -> tuple[dict[str, Any], str | None, str]:
    if answers_file is None:
        return {}, None, "--answers"
    data, text = load_answers(answers_file)
    data.pop("schema_version", None) if data.get("schema_version") == 1 else None
    return data, text, str(answers_file)


def collect(
    ctx: Context,
    stage: str,
    case_id: str | None,
    answers_file: Path | None,
    no_input: bool,
    defaults: dict[str, Any] | None = None,
    custom: dict[str, Custom] | None = None,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    describe: Callable[[Doc], list[str]] | None = None,
    described: frozenset[str] = frozenset(),
    model: type[Doc] | None = None,
    preset: dict[str, Any] | None = None,
    rules: Callable[[Doc], list[tuple[tuple[str | int, ...], str]]] | None = None,
) -> Doc:
    """Run the interview (or read the answers) for one stage; keeps a draft when interrupted.

    ``prepare`` completes the given answers with what the stage knows (e.g. the instrument version in use).
    ``model`` is the kind of document chosen before the interview (a legal event's kind), ``preset`` the answers
    that chose it; by default the stage's model. ``rules``: what the case's other documents refuse of it, asked
    again in the interview (``Interview.rules``); a script's answers are checked by the caller.
    """
    from bapascase.workflow.officer import current

    book = ctx.book()
    current(ctx)  # a bad --as / BAPASCASE_OFFICER stops the command before the interview, not after it
    model = model or registry.model_for(stage)
    given, text, source = given_answers(answers_file)
    if preset:
        given = {**preset, **given}
    if prepare is not None:
        given = prepare(given)
    prompter = ctx.prompter(no_input)
    if not prompter.interactive:
        # scripted: validate exactly like an answers file, errors located in it
        merged = merge_answers(defaults or {}, given)
        doc, errors = validate(model, merged)
        if errors:
            missing = [e.dotted for e in errors if e.missing]
            if missing and len(missing) == len(errors):
                from bapascase.errors import MissingAnswers

                raise MissingAnswers(missing, source)
            raise DataError(problems_for(source, text, errors) if text else
                            [Problem(source, None, e.dotted, e.message) for e in errors])
        assert doc is not None
        return doc
    slot, draft = _choose_draft(ctx, stage, case_id, prompter)
    resumed: dict[str, Any] = draft.answers if draft is not None else {}
    resumed_done: set[str] = set(draft.done) if draft is not None else set()
    ctx.drafts[stage] = (slot, draft is not None)
    interview = Interview(model, prompter, given=given, defaults=defaults or {}, custom=custom or {}, source=source,
                          draft=resumed, draft_done=resumed_done, describe=describe, described=described,
                          rules=rules)
    try:
        with _hangup_interrupts(prompter):
            doc = interview.run()
    except Interrupted:
        answers, done = interview.draft_state()
        if answers:
            path = drafts.save_draft(book, stage, case_id, answers, done, path=slot)
            raise Interrupted("err.interrupted_draft", path=book.rel(path)) from None
        raise
    return doc


def _choose_draft(ctx: Context, stage: str, case_id: str | None, prompter: Prompter
                  ) -> tuple[Path, drafts.Draft | None]:
    """The draft file this interview keeps its answers in, and the draft it resumes (if the officer says so).

    A stage has one draft per case, offered with yes/no (no discards it). An intake has one draft per
    interrupted intake (each a different client): they are listed, to resume one, to start a new intake and keep
    them, or to discard them all."""
    book = ctx.book()
    if case_id is not None:
        slot = drafts.draft_path(book, stage, case_id)
        draft = drafts.read_draft(slot)
        if draft is None:
            return slot, None
        if prompter.confirm(t("wiz.resume", when=draft.saved), default=True):
            return slot, draft
        drafts.remove(slot)
        prompter.note(t("wiz.draft_discarded"))
        return slot, None
    found = drafts.new_drafts(book, stage)
    fresh = drafts.draft_path(book, stage, None)
    if not found:
        return fresh, None
    choices = [(str(i), t("wdr.resume_one", when=d.saved, name=_draft_name(d))) for i, d in enumerate(found)]
    choices += [("fresh", t("wdr.start_keep")), ("discard", t("wdr.start_discard", count=len(found)))]
    chosen = prompter.select(t("wdr.new_drafts", count=len(found)), choices, default="0")
    if chosen == "fresh":
        return fresh, None
    if chosen == "discard":
        for d in found:
            assert d.path is not None
            drafts.remove(d.path)
        prompter.note(t("wiz.draft_discarded"))
        return fresh, None
    draft = found[int(chosen)]
    assert draft.path is not None
    return draft.path, draft


def _draft_name(draft: drafts.Draft) -> str:
    identity = draft.answers.get("identity")
    name = identity.get("name") if isinstance(identity, dict) else None
    return str(name) if name else t("wdr.no_name")


def kept_drafts_note(ctx: Context, stage: str, case_id: str) -> str | None:
    """What to say when a document is saved while a draft of it (one this run did not resume) is still kept."""
    book = ctx.book()
    if stage == registry.Stage.CASE:
        found = drafts.new_drafts(book, stage)
        if not found or found[0].path is None:
            return None
        return t("wdr.kept_new", count=len(found), path=book.rel(found[0].path))
    draft = drafts.load_draft(book, stage, case_id)
    if draft is None or draft.path is None:
        return None
    return t("wdr.kept_stage", path=book.rel(draft.path), command=registry.spec(stage).command, case=case_id)


@contextlib.contextmanager
def _hangup_interrupts(prompter: Prompter) -> Iterator[None]:
    """A lost terminal (SIGHUP), or a request to stop (SIGTERM: a scheduler, systemd, ``kill``), ends the
    interview like Ctrl-C, so the answers so far are kept as a draft.

    The handler raises nothing itself: the prompter ends its question from inside the prompt's own loop (the
    process-wide SIGTERM handler, ``cli.main``, raises, which inside prompt_toolkit's loop could leave the terminal
    raw and the draft unsaved)."""

    def on_hangup(signum: int, frame: Any) -> None:
        prompter.hang_up()

    previous: dict[int, Any] = {}
    try:
        for name in ("SIGHUP", "SIGTERM"):
            signum = getattr(signal, name, None)
            if signum is not None:
                previous[signum] = signal.signal(signum, on_hangup)
    except (ValueError, OSError):  # not the main thread
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def check_order(book: Casebook, case_id: str, stage: str, force: bool, prompter: Prompter) -> None:
    """Running a stage out of order asks for confirmation, or needs ``--force``; it says why."""
    present = book.present(case_id)
    closed, terminated = book.ends(case_id)
    if closed:
        raise UserError("err.case_closed", case=case_id)
    if terminated and registry.spec(stage).moves_to == registry.CaseStage.TERMINATED:
        raise UserError("err.already_terminated", case=case_id)
    missing = registry.missing_prerequisites(stage, present)
    if not missing or force:
        return
    names = ", ".join(registry.doc_label(m) for m in missing)
    if prompter.interactive:
        if prompter.confirm(t("order.confirm", stage=registry.doc_label(stage), missing=names), default=False):
            return
        # a deliberate no, not an interrupt (130 is Ctrl-C's): nothing was typed yet, nothing is kept
        raise UserError("wdr.order_declined", stage=registry.doc_label(stage), missing=names)
    raise UserError("err.out_of_order", stage=registry.doc_label(stage), missing=names, case=case_id)


def save(
    ctx: Context, case_id: str, stage: str, doc: Doc, entry_name: str | None = None, message: str | None = None
) -> Recorded:
    from bapascase.store.lock import case_lock
    from bapascase.workflow.commits import commit_saved
    from bapascase.workflow.officer import current

    book = ctx.book()
    current(ctx)  # a bad --as / BAPASCASE_OFFICER stops the command before anything is written
    with case_lock(book, case_id):
        path = book.write_doc(case_id, stage, doc, entry_name)
    from bapascase.store.labels import choice_labels

    choice_labels()  # kept for the read commands while the models are loaded anyway
    # the draft this run's interview resumed is done with; any other draft stays, and is said to stay
    slot, resumed = ctx.drafts.pop(stage, (None, False))
    if slot is not None and resumed:
        drafts.remove(slot)
    if note := kept_drafts_note(ctx, stage, case_id):
        write_line(ctx.env.stderr, note)
    committed = commit_saved(ctx, [path], message or f"{stage}: {case_id}")
    return Recorded(case_id, path, doc, committed)

