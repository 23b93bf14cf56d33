"""A legal event (``event``): its kind chosen first (or given by ``kind`` in the answers), then only that kind's
fields asked; what the records say offered (the next warning's number, the missed reports to cite); every cited
record must exist in the case, and a revocation for three missed reports must cite them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.i18n import t
from bapascase.model import derive, records
from bapascase.model.registry import Stage
from bapascase.model.text import as_date, long_date
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages import sentence_events
from bapascase.workflow.stages.base import Located, Prepare, StageBehaviour

if TYPE_CHECKING:
    from bapascase.model.base import Doc
    from bapascase.workflow.wizard import Custom, Interview, Path_

# the kinds that may rest on three missed reports in a row
_REVOCATION_KINDS = (derive.EV_PROPOSAL, derive.EV_REVOKED)
_STREAK_GROUND = "tidak_wajib_lapor_3x"
_MISSED_GROUND = "tidak_wajib_lapor"
# what a legal event may rest on: the supervision's own records
CITABLE = (Stage.MONITORING, Stage.INTERVENTION, Stage.SERVICE, Stage.EVENT)


def citable(book: Casebook, case_id: str) -> dict[str, tuple[Stage, Any]]:
    """Every record of the case a legal event may cite, by its path inside the case folder (oldest first within
    each kind): monitoring entries, sessions, other legal events."""
    folder = book.case_dir(case_id)
    out: dict[str, tuple[Stage, Any]] = {}
    for stage in CITABLE:
        for path, doc in book.read_docs(case_id, stage):
            out[path.relative_to(folder).as_posix()] = (stage, doc)
    return out


def record_dates(book: Casebook, case_id: str) -> dict[str, dt.date | None]:
    """The date of every citable record."""
    return {ref: records.date(doc, stage, "date") if isinstance(doc, dict) else None
            for ref, (stage, doc) in citable(book, case_id).items()}


def missed_reports(book: Casebook, case_id: str) -> list[str]:
    """The monitoring entries of the latest run of missed reports (``derive.missed_streak``), oldest first."""
    folder = book.case_dir(case_id)
    m = Stage.MONITORING
    entries = sorted(((records.date(d, m, "date"), records.text(d, m, "wajib_lapor.status") or "", p)
                      for p, d in book.read_docs(case_id, m) if isinstance(d, dict)),
                     key=lambda x: (x[0] or dt.date.min, x[2]))
    permits = [[e.start, e.end] for e in _events(book, case_id) if e.kind == derive.EV_PERMIT]
    n, _ = derive.missed_streak([(d.isoformat() if d else None, s) for d, s, _ in entries], permits)
    absent = [p for d, s, p in entries
              if s == derive.WL_ABSENT and not derive.permit_covering(d, permits)]
    return [p.relative_to(folder).as_posix() for p in absent[len(absent) - n:]] if n else []


def _events(book: Casebook, case_id: str) -> list[records.EventRecord]:
    return records.case_record({Stage.EVENT: [d for _, d in book.read_docs(case_id, Stage.EVENT)]}).events


def letters(book: Casebook, case_id: str) -> list[tuple[str, dt.date | None, int | None]]:
    """The warning letters of the case: ``(path, date, order)``."""
    folder = book.case_dir(case_id)
    e = Stage.EVENT
    return [(p.relative_to(folder).as_posix(), records.date(d, e, "date"), records.integer(d, e, "order"))
            for p, d in book.read_docs(case_id, e) if records.text(d, e, "kind") == derive.EV_WARNING]


def next_warning(found: list[tuple[str, dt.date | None, int | None]]) -> int:
    """The letter that comes next after those reached in order (at most the third)."""
    level, _, _ = derive.warning_letters([(d, o) for _, d, o in found])
    return min(3, level + 1)


def _warning_order(book: Casebook, case_id: str, doc: Any) -> list[Located]:
    """A warning letter in its order: SP n after an SP n-1 dated before it, each order once
    (``derive.warning_letters``, the rule the warning count reads)."""
    mine = getattr(doc, "_source", None)  # a stored letter (``check``, ``edit``) is not counted twice
    stored = letters(book, case_id)
    others = [(ref, d, o) for ref, d, o in stored if ref != mine]
    _, _, as_stored = derive.warning_letters([(d, o) for _, d, o in stored])
    before = dict(zip((ref for ref, _, _ in stored), as_stored, strict=True))
    _, _, problems = derive.warning_letters([*((d, o) for _, d, o in others),
                                             (as_date(getattr(doc, "date", None)), doc.order)])
    found = problems[-1]
    if found == derive.WARNING_TWICE:
        return [(("order",), t("val.warning_twice", n=doc.order))]
    if found == derive.WARNING_SKIPPED:
        return [(("order",), t("val.warning_skipped", n=doc.order, before=doc.order - 1))]
    # a letter moved (``edit``) past the one that follows it leaves that one without its predecessor
    broken = [o for (ref, _, o), now in zip(others, problems, strict=False)
              if now == derive.WARNING_SKIPPED and before.get(ref) != derive.WARNING_SKIPPED]
    if broken:
        return [(("date",), t("val.warning_breaks", n=broken[0], before=doc.order))]
    return []


def _paths_of(book: Casebook, case_id: str, kind: str) -> list[str]:
    folder = book.case_dir(case_id)
    return [p.relative_to(folder).as_posix() for p, d in book.read_docs(case_id, Stage.EVENT)
            if records.text(d, Stage.EVENT, "kind") == kind]


class Event(StageBehaviour):
    stage = Stage.EVENT

    def variant(self, book: Casebook, case_id: str, given: dict[str, Any], prompter: Any) -> type[Doc] | None:
        from bapascase.model.event import EventDoc
        from bapascase.store import drafts

        if "kind" in given:  # an unknown kind is reported by the validation, with the known ones
            return EventDoc.kind_of(given["kind"])
        if not prompter.interactive:
            return None
        draft = drafts.load_draft(book, Stage.EVENT, case_id)
        before = draft.answers.get("kind") if draft is not None else None
        choices = [(kind, cls.title()) for kind, cls in EventDoc.kinds.items()]
        chosen = prompter.select(t("event.choose_kind"), choices,
                                 default=before if EventDoc.kind_of(before) else None)
        if draft is not None and before != chosen:  # a draft of another kind cannot be resumed as this one
            drafts.discard_draft(book, Stage.EVENT, case_id)
        return EventDoc.kinds[chosen]

    def variant_defaults(self, book: Casebook, case_id: str, today: dt.date, model: type[Doc]) -> dict[str, Any]:
        """What the records offer the chosen kind: the next warning's number, the grounds and the records to cite
        (a kind without ``cites`` is offered none: ``run_stage`` keeps only the kind's own fields)."""
        kind = model.model_fields["kind"].default
        d: dict[str, Any] = {"kind": kind}
        missed = missed_reports(book, case_id) if kind in (derive.EV_WARNING, *_REVOCATION_KINDS) else []
        if kind == derive.EV_WARNING:
            d["order"] = next_warning(letters(book, case_id))
            if missed:
                d["grounds"] = [_MISSED_GROUND]
                d["cites"] = missed
        elif kind in _REVOCATION_KINDS and len(missed) >= derive.REVOCATION_STREAK:
            d["grounds"] = [_STREAK_GROUND]
            d["cites"] = missed + _paths_of(book, case_id, derive.EV_WARNING)
        elif kind == derive.EV_PERMIT:
            d["period"] = {"start": today}
        elif kind in sentence_events.KINDS:
            d.update(sentence_events.defaults(book, case_id, kind, today))
        return d

    def past_dates(self, doc: Any) -> list[tuple[tuple[str | int, ...], dt.date]]:
        """An event is recorded once it has happened (``EventDoc.happened_on``): a warning letter dated ahead
        would count towards a revocation before it was sent. A TPP session still to be held may be dated ahead."""
        happened = getattr(doc, "happened_on", None)
        day = happened() if callable(happened) else None
        return [(("date",), day)] if isinstance(day, dt.date) else []

    def prepare(self, book: Casebook, case_id: str, defaults: dict[str, Any]) -> Prepare:
        """An event dated before today is offered what the records held on its date: the records to cite dated
        up to it, the warning number counted from the letters before it."""

        def prepare(given: dict[str, Any]) -> dict[str, Any]:
            from bapascase.model.types import parse_date

            try:
                day = parse_date(given.get("date"))
            except ValueError:  # a bad date: reported by the validation, with its line
                return given
            if not isinstance(day, dt.date):
                return given
            dates = record_dates(book, case_id)
            if isinstance(defaults.get("cites"), list):
                defaults["cites"] = [r for r in defaults["cites"] if (dates.get(r) or dt.date.min) <= day]
            if defaults.get("kind") == derive.EV_WARNING:
                defaults["order"] = next_warning([(r, d, o) for r, d, o in letters(book, case_id) if d and d < day])
            return given

        return prepare

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        return {"cites": record_checkbox(book, case_id), **sentence_events.prompts(book, case_id)}

    def cross_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        out: list[Located] = sentence_events.problems(book, case_id, doc)
        if getattr(doc, "kind", None) == derive.EV_WARNING:
            out += _warning_order(book, case_id, doc)
        cites = list(getattr(doc, "cites", None) or [])
        if not cites:
            return out
        known = citable(book, case_id)
        day = as_date(getattr(doc, "date", None))
        for i, ref in enumerate(cites):
            if ref not in known:
                out.append((("cites", i), t("val.unknown_record", value=ref)))
                continue
            cited = records.date(known[ref][1], known[ref][0], "date") if isinstance(known[ref][1], dict) else None
            if day is not None and cited is not None and cited > day:
                out.append((("cites", i), t("val.record_after_event", value=ref, date=long_date(cited))))
        grounds = {str(g.value) for g in getattr(doc, "grounds", None) or []}
        if getattr(doc, "kind", None) in _REVOCATION_KINDS and _STREAK_GROUND in grounds:
            m = Stage.MONITORING
            absent = [ref for ref in cites if ref in known and known[ref][0] == m
                      and records.text(known[ref][1], m, "wajib_lapor.status") == derive.WL_ABSENT]
            if len(absent) < derive.REVOCATION_STREAK:
                out.append((("cites",), t("val.streak_not_cited", n=len(absent), limit=derive.REVOCATION_STREAK)))
        return out

    def schema(self, schema: dict[str, Any], book: Casebook | None) -> dict[str, Any]:
        """One schema per kind, chosen by ``kind`` (``oneOf`` with a discriminator)."""
        from typing import Annotated, Union

        from pydantic import Field, TypeAdapter

        from bapascase.model.event import EventDoc

        kinds = tuple(EventDoc.kinds.values())
        union = Annotated[Union[kinds], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007
        found: dict[str, Any] = TypeAdapter(union).json_schema()
        return {"type": "object", **found}


BEHAVIOUR = Event()


def _describe(stage: Stage, doc: Any, lang: str | None = None) -> str:
    """A record as a PK recognises it: its kind, date and (monitoring) the wajib-lapor status."""
    from bapascase.model.registry import doc_label

    day = as_date(doc.get("date")) if isinstance(doc, dict) else None
    what = doc_label(stage, lang)
    if stage == Stage.EVENT and isinstance(doc, dict):
        from bapascase.model.event import EventDoc

        cls = EventDoc.kind_of(doc.get("kind"))
        what = cls.title(lang) if cls else what
    extra = ""
    if stage == Stage.SERVICE and isinstance(doc, dict):
        from bapascase.model.service import ServiceAttendance

        status = records.text(doc, Stage.SERVICE, "attendance")
        try:
            extra = f": {ServiceAttendance(status).label(lang)}" if status else ""
        except ValueError:
            extra = f": {status}"
    if stage == Stage.MONITORING:
        status = records.text(doc, Stage.MONITORING, "wajib_lapor.status")
        if status:
            from bapascase.model.monitoring import WajibLaporStatus

            try:
                extra = f": {WajibLaporStatus(status).label(lang)}"
            except ValueError:
                extra = f": {status}"
    return f"{what} {long_date(day, lang or 'id') if day else ''}{extra}".strip()


def record_checkbox(book: Casebook, case_id: str) -> Custom:
    """The records to cite, ticked from the case's own (never typed blind)."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of

        found = citable(book, case_id)
        if not found:
            return list(current or [])
        info = iv._info_at(path)
        title = title_of(info, str(path[-1]), iv.lang) if info else str(path[-1])
        choices = [(ref, f"{ref}  ({_describe(stage, doc, iv.lang)})") for ref, (stage, doc) in found.items()]
        return iv.prompter.checkbox(title, choices, [c for c in current or [] if c in found])

    return ask

