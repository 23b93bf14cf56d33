"""What every stage behaviour can do, and the pieces several stages share (the plan's goals as choices).

A behaviour is the part of a document that is code, not data (the data is its ``StageSpec``): the defaults it
offers from earlier records, the prompts that need other documents, how given answers are completed, the rules
that need other documents (used by recording, ``edit`` and ``check`` alike), its entry file names and its JSON
Schema additions. Each hook has a default here; a stage overrides only what it needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from bapascase.i18n import t
from bapascase.model import records
from bapascase.model.registry import Stage, StageSpec, spec
from bapascase.model.text import as_date
from bapascase.store.casebook import Casebook

if TYPE_CHECKING:
    from bapascase.model.base import Doc
    from bapascase.workflow.wizard import Custom, Interview, Path_

# where a problem is, as in a pydantic error (``("progress", 0, "goal_id")``), and what it is
Located = tuple[tuple[str | int, ...], str]
Prepare = Callable[[dict[str, Any]], dict[str, Any]]


class StageBehaviour:
    stage: ClassVar[Stage]
    # top-level fields the review screen leaves to ``describe`` (shown computed, not as raw answers)
    described: ClassVar[frozenset[str]] = frozenset()

    @property
    def spec(self) -> StageSpec:
        return spec(self.stage)

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        """What the interview offers pre-filled, taken from earlier records (never stored twice)."""
        return {"date": today}

    def variant(self, book: Casebook, case_id: str, given: dict[str, Any], prompter: Any) -> type[Doc] | None:
        """For a document that is one of several kinds (``Doc.variants``): the kind's class, from the given
        answers or asked before the interview; None asks the stage's own model."""
        return None

    def variant_defaults(self, book: Casebook, case_id: str, today: dt.date, model: type[Doc]) -> dict[str, Any]:
        """What the interview offers pre-filled for the chosen kind, on top of ``defaults``."""
        return {}

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        """Questions asked differently from the model's own (a choice of the plan's goals...), by dotted path."""
        return {}

    def prepare(self, book: Casebook, case_id: str, defaults: dict[str, Any]) -> Prepare | None:
        """Completes the given answers before they are merged with ``defaults`` (may adjust ``defaults``)."""
        return None

    def cross_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        """Rules one document cannot check alone (goal ids the plan must hold, instrument answers...)."""
        return []

    def fact_problems(self, book: Casebook, case_id: str, doc: Any, today: dt.date) -> list[Located]:
        """What the document says has happened, held against the other facts: never after today (its
        ``past_dates``), and what the stage adds (a wajib lapor within the masa bimbingan, a closing on its end
        not before that end). Refused when the document is recorded or edited; ``check`` lists them as warnings,
        never as an exit status: a date ahead becomes right by itself when its day comes (and a casebook shared
        with a computer whose clock is ahead must not fail there only), a stored file may predate the rule (a
        closing moved from an old ``termination.yaml``), and a closed case is not edited without reopening it."""
        return after_today(self, doc, today)

    def writing_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        """Rules the document being recorded or edited answers for, on top of ``cross_problems`` (a work
        session that takes the hours of all the sessions over the order, wherever its date falls), where
        ``check`` finds the same rule's fault on the stored documents through ``cross_problems``."""
        return []

    def past_dates(self, doc: Any) -> list[tuple[tuple[str | int, ...], dt.date]]:
        """The dates of the document that say something has happened (the client was registered, reported,
        worked, died; supervision ended), each with its location: none may be after today (``fact_problems``).
        By default the fields that say so (``field(happened=True)``, ``meta.happened_dates``): a plan, a TPP
        session or a deadline may be dated ahead."""
        from pydantic import BaseModel

        from bapascase.model.meta import happened_dates

        return happened_dates(doc) if isinstance(doc, BaseModel) else []

    def warnings(self, book: Casebook, case_id: str, doc: Any, recording: bool = False) -> list[Located]:
        """What looks wrong but may be right (a NIK that disagrees with the birth date, an attachment not in the
        folder yet): said when recording and by ``check``, never refused, never an exit status. Every document:
        the attachment files it names that are missing. ``recording``: said just after saving, where a
        warning ``check`` keeps for later (an article left untagged) may stay unsaid."""
        return missing_attachments(book, case_id, doc)

    def describe(self, book: Casebook, case_id: str, doc: Any, lang: str) -> list[str]:
        """Lines the review screen adds after the (validated) answers: what the tool computes from them."""
        return []

    def saved_lines(self, book: Casebook, case_id: str, doc: Any, lang: str) -> list[str]:
        """Lines the save message adds after "saved" (the computed results, repeated)."""
        return []

    def complete(self, book: Casebook | None, case_id: str, doc: Doc) -> Doc:
        """The document as recorded, completed with what the whole of it tells once every answer is in (the
        code of an article typed as free text); called after the interview or the answers file, before the
        cross-document rules and the write."""
        return doc

    def entry_name(self, book: Casebook, case_id: str, doc: Any) -> str | None:
        """The entry file's name (its date) for documents kept in a folder; None writes the single file.

        A document with both (the first assessment, the first termination) fills its file first, then adds
        dated entries (reassessments, a termination after a reopening)."""
        where = self.spec
        if where.folder is None or (where.file and not book.doc_paths(case_id, self.stage)):
            return None
        date = as_date(getattr(doc, "date", None))
        return date.isoformat() if date else "entry"

    def schema(self, schema: dict[str, Any], book: Casebook | None) -> dict[str, Any]:
        """The JSON Schema with what only the casebook knows (instrument item ids...)."""
        return schema


class UpdatedInPlace(StageBehaviour):
    """A document recorded again updates its one file: what was recorded is offered, nothing given is lost."""

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        existing = book.read_one(case_id, self.stage)
        if isinstance(existing, dict):
            return strip(existing)
        return self.first_defaults(book, case_id, today)

    def first_defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        return {"date": today}


def strip(doc: Any, *drop: str) -> dict[str, Any]:
    """A recorded document as interview defaults: without its schema version (and the keys in ``drop``)."""
    data = dict(doc) if isinstance(doc, dict) else {}
    for key in ("schema_version", *drop):
        data.pop(key, None)
    return data


# -- the plan's goals, which later stages refer to -------------------------------------------------------------


def plan_goals(book: Casebook, case_id: str) -> list[dict[str, Any]]:
    """The goals of the case's plan (id, objective, need), those with an id."""
    return [g for g in records.items(book.read_one(case_id, Stage.PLAN), Stage.PLAN, "goals")
            if isinstance(g["id"], str) and g["id"]]


def _goal_choices(goals: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(g["id"], f"{g['id']}: {g.get('objective') or g.get('need') or ''}") for g in goals]


def goal_checkbox(book: Casebook, case_id: str) -> Custom:
    """Several goal ids (a session's goals) ticked from the plan's goals."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of

        goals = plan_goals(book, case_id)
        if not goals:
            return list(current or [])
        info = iv._info_at(path)
        title = title_of(info, str(path[-1])) if info else str(path[-1])
        return iv.prompter.checkbox(title, _goal_choices(goals), list(current or []))

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
        return iv.choose(path, title, _goal_choices(goals), current)

    return ask


def unknown_goals(book: Casebook, case_id: str, refs: Sequence[tuple[Sequence[str | int], Any]]) -> list[Located]:
    """The goal references (location, goal id) that name no goal of the plan (none are checked without a plan)."""
    known = {g["id"] for g in plan_goals(book, case_id)}
    if not known:
        return []
    return [(tuple(loc), t("val.unknown_goal", value=gid, known=", ".join(sorted(known))))
            for loc, gid in refs if gid not in known]


# -- the masa bimbingan -------------------------------------------------------------------------------------------


def supervision_period(book: Casebook, case_id: str) -> tuple[dt.date | None, dt.date | None]:
    """The masa bimbingan as the intake gives it: the start as recorded, the end as recorded or derived from the
    ekspirasi by the programme's rule (``derive.supervision_end``, as the index and every read command derive
    it); None where unknown. The last case asked is remembered while its intake file is unchanged: ``check``
    asks once per document of the case."""
    path = book.case_dir(case_id) / (spec(Stage.CASE).file or "")
    try:
        st = path.stat()
        key: tuple[Any, ...] | None = (str(path), st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        key = None
    if key is not None and _PERIOD[0] == key:
        known: tuple[dt.date | None, dt.date | None] = _PERIOD[1]
        return known
    from bapascase.model.derive import supervision_end

    raw = book.read_one(case_id, Stage.CASE)
    start = records.date(raw, Stage.CASE, "legal.supervision_start")
    end, _ = supervision_end(records.date(raw, Stage.CASE, "legal.supervision_end"),
                             records.date(raw, Stage.CASE, "legal.expiry"),
                             records.text(raw, Stage.CASE, "legal.programme"))
    if key is not None:
        _PERIOD[:] = [key, (start, end)]
    return start, end


_PERIOD: list[Any] = [None, (None, None)]


def outside_period(book: Casebook, case_id: str, dates: Sequence[tuple[tuple[str | int, ...], dt.date]],
                   message: str) -> list[Located]:
    """The ``dates`` (with their locations) outside the masa bimbingan where its start or end is known, each
    with the message ``message`` (a catalog key given ``date``, ``start`` and ``end``)."""
    from bapascase.i18n import get_lang
    from bapascase.model.text import long_date

    start, end = supervision_period(book, case_id)
    lang = get_lang()
    return [(loc, t(message, date=long_date(day, lang), start=long_date(start, lang) if start else "-",
                    end=long_date(end, lang) if end else "-"))
            for loc, day in dates if (start is not None and day < start) or (end is not None and day > end)]


# -- what has happened is never dated after today ---------------------------------------------------------------


def after_today(behaviour: StageBehaviour, doc: Any, today: dt.date) -> list[Located]:
    """The document's past dates (``StageBehaviour.past_dates``) that are after ``today``."""
    from bapascase.i18n import get_lang
    from bapascase.model.text import long_date

    lang = get_lang()
    return [(loc, t("wr.after_today", date=long_date(day, lang), today=long_date(today, lang)))
            for loc, day in behaviour.past_dates(doc) if day > today]


# -- warnings every document shares -----------------------------------------------------------------------------


def _file_fields(model: type) -> dict[str, bool]:
    """The fields of a model class worth a look for file names: name -> whether it names a file itself (a part
    or list that may hold such a field is False). Worked out once per class: ``check`` asks for every document."""
    found = _FILE_FIELDS.get(model)
    if found is None:
        from bapascase.model.base import Privacy
        from bapascase.model.meta import is_model, list_item, privacy_of, unwrap

        found = _FILE_FIELDS[model] = {}  # (a model that holds itself sees it empty meanwhile)
        for name, info in model.model_fields.items():  # type: ignore[attr-defined]
            if privacy_of(info) == Privacy.FILE:
                found[name] = True
                continue
            inner, _ = unwrap(info.annotation)
            item = list_item(inner)
            tp = item if item is not None else inner
            if is_model(tp):
                if _file_fields(tp):
                    found[name] = False
            elif not isinstance(tp, type):  # a union of parts, Any: looked at as the values come
                found[name] = False
    return found


_FILE_FIELDS: dict[type, dict[str, bool]] = {}


def file_values(doc: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """Every value of a field that names a file (``privacy=Privacy.FILE``) in a validated document."""
    from pydantic import BaseModel

    out: list[tuple[tuple[str | int, ...], str]] = []
    if not isinstance(doc, BaseModel):
        return out
    for name, names_a_file in _file_fields(type(doc)).items():
        value = getattr(doc, name, None)
        if names_a_file:
            if isinstance(value, str):
                out.append(((*loc, name), value))
            elif isinstance(value, list):
                out.extend(((*loc, name, i), v) for i, v in enumerate(value) if isinstance(v, str))
        elif isinstance(value, BaseModel):
            out.extend(file_values(value, (*loc, name)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                out.extend(file_values(item, (*loc, name, i)))
    return out


def missing_attachments(book: Casebook, case_id: str, doc: Any) -> list[Located]:
    """The files a document names that are not in the case's ``attachments/`` folder."""
    found = file_values(doc)
    if not found:
        return []
    folder = book.case_dir(case_id) / "attachments"
    return [(loc, t("kbd.warn.attachment_missing", file=value)) for loc, value in found
            if not (folder / value.replace("\\", "/")).is_file()]


# -- fields a rule asks for only in one case -------------------------------------------------------------------


def only_when_sibling(field: str, values: Sequence[str], required: bool = False) -> Custom:
    """Like ``only_when``, for a field of a part or list item: asked only when its sibling ``field`` (in the same
    part) is one of ``values`` (a condition's amount only for restitution)."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of, unwrap
        from bapascase.workflow.wizard import as_text, get_in

        if as_text(get_in(iv.answers, (*path[:-1], field))) not in values:
            return None
        info = iv._info_at(path)
        assert info is not None
        inner, optional = unwrap(info.annotation)
        return iv._ask_scalar(path, info, inner, optional, title_of(info, str(path[-1]), iv.lang),
                              required=required or None)

    return ask


def ask_when(field: str, values: Sequence[str]) -> Custom:
    """Any field (a list, a part) asked as the model asks it, but only when the answer to ``field`` is one of
    ``values`` (the tasks of a work session only when the client came); else left empty without asking."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.workflow.wizard import as_text, get_in

        if as_text(get_in(iv.answers, (field,))) not in values:
            return None
        return as_the_model_asks(iv, path)

    return ask


def as_the_model_asks(iv: Interview, path: Path_) -> Any:
    """Ask a field that has a custom prompt the model's own way, this once (the custom decided it is not its
    case); returns the answer."""
    from bapascase.workflow.wizard import get_in

    info = iv._info_at(path)
    assert info is not None
    key = ".".join(str(x) for x in path if isinstance(x, str))
    mine = iv.custom.pop(key)
    try:
        iv._ask_field_now(path, info, force=True)
    finally:
        iv.custom[key] = mine
    return get_in(iv.answers, path)


def part_when(test: Callable[[Interview], bool]) -> Custom:
    """An optional part asked field by field only when ``test`` says it applies (the terms of a sentence for
    the programme that has them); else left out without a question."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import ask_fields, unwrap
        from bapascase.workflow.wizard import get_in, set_in

        if not test(iv):
            return None
        info = iv._info_at(path)
        assert info is not None
        inner, _ = unwrap(info.annotation)
        if not isinstance(get_in(iv.answers, path), dict):
            set_in(iv.answers, path, dict(current or {}))
        for name, sub in ask_fields(inner):
            iv._ask_field((*path, name), sub, force=False)
        return get_in(iv.answers, path)

    return ask


def only_when(field: str, values: Sequence[str], required: bool = False) -> Custom:
    """Ask a field only when the answer to ``field`` is one of ``values`` (a closing's decree number only for a
    revocation); else leave it empty without asking. ``required``: the rule makes it required then."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of, unwrap
        from bapascase.workflow.wizard import as_text, get_in

        if as_text(get_in(iv.answers, (field,))) not in values:
            return None
        info = iv._info_at(path)
        assert info is not None
        inner, optional = unwrap(info.annotation)
        return iv._ask_scalar(path, info, inner, optional, title_of(info, str(path[-1]), iv.lang),
                              required=required or None)

    return ask
