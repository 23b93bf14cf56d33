"""The one module that reads recorded documents as plain dicts (as YAML loads them), without their models.

The read commands (``list``, ``show``, ``find``, ``due``, ``stats``) and the index must not pay for pydantic, and
one hand-broken file must never break the caseload; the defaults a stage offers are taken from earlier records
the same tolerant way. So they read raw dicts, but only here, and only the dotted paths declared in ``READS``
(``tests/test_records.py`` checks that each one exists in its stage model, so a renamed field fails a test
instead of silently reading nothing). Every value is checked for its type: a wrong shape reads as missing.

``case_record`` gathers what the derivations (``bapascase.model.derive``) need from every document of a case.
The reports build the same record from their validated documents, so both paths derive from the same inputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bapascase.model.hours import session_hours
from bapascase.model.registry import Stage
from bapascase.model.text import as_date

# every path read from a recorded document; ``x[]`` is each item of the list ``x``
READS: dict[Stage, frozenset[str]] = {
    Stage.CASE: frozenset({
        "intake_date", "identity.name", "identity.aliases", "identity.sex", "identity.birth_date", "identity.nik",
        "identity.address", "legal.programme", "legal.offence", "legal.offence_date", "legal.verdict_date",
        "legal.articles", "legal.supervision_start",
        "legal.expiry", "legal.supervision_end", "legal.sentence_years", "legal.sentence_months", "assignment.officer.name",
        "assignment.officer.nip", "assignment.praktikan.name", "guarantor.name",
        # the reminders (``due --remind``, the dashboard) write to the client or the guarantor
        "identity.phone", "guarantor.phone",
        # the terms of the community sentences (``model.sentences``)
        "legal.kerja_sosial.hours_ordered", "legal.kerja_sosial.hours_per_day", "legal.kerja_sosial.work_days",
        "legal.pengawasan.special_conditions[].id", "legal.pengawasan.special_conditions[].kind",
        "legal.pengawasan.special_conditions[].deadline", "legal.pengawasan.special_conditions[].amount",
    }),
    Stage.ENGAGEMENT: frozenset({"date", "contract.wajib_lapor_interval_days"}),
    Stage.ASSESSMENT: frozenset({"date", "needs[].need", "resources[].name", "resources[].strength",
                                 "rri.narcotics_case"}),
    Stage.PLAN: frozenset({"goals[].id", "goals[].objective", "goals[].need"}),
    Stage.INTERVENTION: frozenset({"date"}),
    Stage.MONITORING: frozenset({"date", "next_date", "wajib_lapor.status", "progress[].goal_id",
                                 "progress[].status"}),
    # a legal event is one of several kinds (``model.event``): each path is a field of at least one of them
    Stage.SERVICE: frozenset({"date", "attendance", "start", "end", "hours"}),
    Stage.EVENT: frozenset({"kind", "date", "period.start", "period.end", "to_bapas", "condition", "amount",
                            "outcome", "order"}),
    Stage.TERMINATION: frozenset({"date", "reason"}),
    Stage.CLOSING: frozenset({"date", "ground"}),
    Stage.REOPEN: frozenset({"date", "reverses.what", "reverses.date"}),
    Stage.TRANSFER: frozenset({"date", "to.name", "to.nip", "previous.name"}),
}


# each declared path split once (the caseload reads about thirty of them per case)
_PARTS: dict[tuple[Stage, str], tuple[str, ...]] = {
    (stage, path): tuple(path.split(".")) for stage, paths in READS.items() for path in paths}


def _parts(stage: Stage, path: str) -> tuple[str, ...]:
    found = _PARTS.get((stage, path))
    if found is None:
        raise KeyError(f"{stage}.{path} is not declared in records.READS")
    return found


def _walk(node: Any, parts: Sequence[str]) -> Any:
    # plain dicts (as YAML and JSON load them): an isinstance check against Mapping costs more than the walk
    for part in parts:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def value(doc: Any, stage: Stage, path: str) -> Any:
    """The value at a declared dotted path (``legal.supervision_end``), or None where the document has none."""
    parts = _PARTS.get((stage, path)) or _parts(stage, path)
    for part in parts:  # ``_walk``, inline: this runs for every field of every case
        if not isinstance(doc, dict):
            return None
        doc = doc.get(part)
    return doc


def text(doc: Any, stage: Stage, path: str) -> str | None:
    v = value(doc, stage, path)
    return v if isinstance(v, str) else None


def integer(doc: Any, stage: Stage, path: str) -> int | None:
    v = value(doc, stage, path)
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def date(doc: Any, stage: Stage, path: str) -> dt.date | None:
    return as_date(value(doc, stage, path))


def texts(doc: Any, stage: Stage, path: str) -> list[str]:
    v = value(doc, stage, path)
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


def items(doc: Any, stage: Stage, path: str) -> list[dict[str, Any]]:
    """Each item of the list at ``path`` (declared as ``path[].field``), with only its declared fields."""
    prefix = f"{path}[]."
    fields = [p[len(prefix):] for p in READS.get(stage, frozenset()) if p.startswith(prefix)]
    if not fields:
        raise KeyError(f"{stage}.{path}[] is not declared in records.READS")
    found = _walk(doc, path.split("."))
    if not isinstance(found, list):
        return []
    return [{f: _walk(item, f.split(".")) for f in fields} for item in found if isinstance(item, dict)]


def articles(case: Any) -> list[str]:
    """The articles of an intake, each cited with its code (free text as written; ``model.articles``)."""
    from bapascase.model.articles import cite_raw

    found = value(case, Stage.CASE, "legal.articles")
    return [c for item in found if (c := cite_raw(item))] if isinstance(found, list) else []


def officer(doc: Any, stage: Stage, path: str) -> dict[str, str] | None:
    """An officer part (``{"name": ..., "nip": ...}``, only what is recorded), or None without a name."""
    name = text(doc, stage, f"{path}.name")
    if not name:
        return None
    nip = text(doc, stage, f"{path}.nip")
    return {"name": name, "nip": nip} if nip else {"name": name}


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


T = TypeVar("T")


def by_date(docs: Sequence[T], stage: Stage, doc: Callable[[T], Any] | None = None) -> list[T]:
    """Documents oldest first by their ``date`` (undated first; ties keep the file order); ``doc``: the document
    of each item, where the items are not the documents themselves (``(path, document)`` pairs)."""
    of = doc or (lambda d: d)
    return sorted(docs, key=lambda d: date(of(d), stage, "date") or dt.date.min)


@dataclass(frozen=True)
class EventRecord:
    """What the derivations read of one legal event (dates as ISO strings)."""

    kind: str
    date: str | None
    start: str | None = None  # a travel permit's period
    end: str | None = None
    to_bapas: str | None = None  # a transfer of supervision
    condition: str | None = None  # a restitution payment's or a condition outcome's condition
    amount: int | None = None  # a restitution payment's
    outcome: str | None = None  # a condition outcome's
    order: int | None = None  # a warning letter's (1, 2, 3)


@dataclass
class CaseRecord:
    """What the derivations need from a case's documents, as plain values (dates as ISO strings)."""

    counts: dict[str, int] = field(default_factory=dict)
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    sex: str | None = None
    birth_date: str | None = None
    nik: str | None = None
    address: str | None = None
    programme: str | None = None
    offence: str | None = None
    articles: list[str] = field(default_factory=list)
    sentence_years: int | None = None
    sentence_months: int | None = None
    start: str | None = None
    expiry: str | None = None
    end: str | None = None  # as recorded (``derive.supervision_end`` derives it when not)
    intake_date: str | None = None
    intake_officer: dict[str, str] | None = None
    praktikan: str | None = None
    guarantor: str | None = None
    phone: str | None = None
    guarantor_phone: str | None = None
    engaged_on: str | None = None
    wl_interval_days: int | None = None
    # monitoring entries oldest first: (date, next_date, wajib-lapor status)
    monitoring: list[tuple[str | None, str | None, str]] = field(default_factory=list)
    assessment_dates: list[str] = field(default_factory=list)
    terminations: list[tuple[str | None, str]] = field(default_factory=list)  # (date, reason) oldest first
    closings: list[tuple[str | None, str]] = field(default_factory=list)  # (date, ground) oldest first
    # each reopening oldest first: (date, the end it reversed as (what, date) when its file says, else None)
    reopens: list[tuple[str | None, tuple[str, str | None] | None]] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)  # oldest first
    # pidana kerja sosial: the hours ordered, and each work session (date, hours credited, attendance) oldest first
    hours_ordered: int | None = None
    hours_per_day: int | None = None
    work_days: list[str] = field(default_factory=list)  # the agreed days of the week (``sentences.WorkDay``)
    service: list[tuple[str | None, float, str]] = field(default_factory=list)
    # pidana pengawasan: the special conditions ({id, kind, deadline, amount})
    conditions: list[dict[str, Any]] = field(default_factory=list)
    transfer_officers: list[dict[str, str]] = field(default_factory=list)  # each transfer's new officer, oldest first

    @property
    def reopen_dates(self) -> list[str | None]:
        """The dates of the reopenings, oldest first."""
        return [day for day, _ in self.reopens]


def case_record(docs: Mapping[str, Sequence[Any]]) -> CaseRecord:
    """The record of one case from its documents by stage (each list in file order; anything may be broken)."""
    rec = CaseRecord(counts={str(stage): len(items) for stage, items in docs.items() if items})
    case = next(iter(docs.get(Stage.CASE) or ()), None)
    if isinstance(case, dict):
        c = Stage.CASE
        rec.name = text(case, c, "identity.name") or ""
        rec.aliases = texts(case, c, "identity.aliases")
        rec.sex = text(case, c, "identity.sex")
        rec.birth_date = _iso(date(case, c, "identity.birth_date"))
        rec.nik = text(case, c, "identity.nik")
        rec.address = text(case, c, "identity.address")
        rec.programme = text(case, c, "legal.programme")
        rec.offence = text(case, c, "legal.offence")
        rec.articles = articles(case)
        rec.sentence_years = integer(case, c, "legal.sentence_years")
        rec.sentence_months = integer(case, c, "legal.sentence_months")
        rec.start = _iso(date(case, c, "legal.supervision_start"))
        rec.expiry = _iso(date(case, c, "legal.expiry"))
        rec.end = _iso(date(case, c, "legal.supervision_end"))
        rec.intake_date = _iso(date(case, c, "intake_date"))
        rec.intake_officer = officer(case, c, "assignment.officer")
        rec.praktikan = text(case, c, "assignment.praktikan.name")
        rec.guarantor = text(case, c, "guarantor.name")
        rec.phone = text(case, c, "identity.phone")
        rec.guarantor_phone = text(case, c, "guarantor.phone")
        rec.hours_ordered = integer(case, c, "legal.kerja_sosial.hours_ordered")
        rec.hours_per_day = integer(case, c, "legal.kerja_sosial.hours_per_day")
        rec.work_days = texts(case, c, "legal.kerja_sosial.work_days")
        rec.conditions = [{**item, "deadline": _iso(as_date(item.get("deadline"))),
                           "amount": item["amount"] if _is_int(item.get("amount")) else None}
                          for item in items(case, c, "legal.pengawasan.special_conditions")
                          if isinstance(item.get("id"), str)]
    engagement = next(iter(docs.get(Stage.ENGAGEMENT) or ()), None)
    if isinstance(engagement, dict):
        rec.engaged_on = _iso(date(engagement, Stage.ENGAGEMENT, "date"))
        rec.wl_interval_days = integer(engagement, Stage.ENGAGEMENT, "contract.wajib_lapor_interval_days")
    m = Stage.MONITORING
    rec.monitoring = [
        (_iso(date(d, m, "date")), _iso(date(d, m, "next_date")), text(d, m, "wajib_lapor.status") or "")
        for d in by_date(_mappings(docs, m), m)
    ]
    rec.assessment_dates = sorted(x for d in _mappings(docs, Stage.ASSESSMENT)
                                  if (x := _iso(date(d, Stage.ASSESSMENT, "date"))))
    t, cl, ev = Stage.TERMINATION, Stage.CLOSING, Stage.EVENT
    rec.terminations = [(_iso(date(d, t, "date")), text(d, t, "reason") or "")
                        for d in by_date(_mappings(docs, t), t)]
    rec.closings = [(_iso(date(d, cl, "date")), text(d, cl, "ground") or "") for d in by_date(_mappings(docs, cl), cl)]
    ro = Stage.REOPEN
    rec.reopens = [(_iso(date(d, ro, "date")),
                    (what, _iso(date(d, ro, "reverses.date"))) if (what := text(d, ro, "reverses.what")) else None)
                   for d in by_date(_mappings(docs, ro), ro)]
    rec.events = [EventRecord(kind, _iso(date(d, ev, "date")), _iso(date(d, ev, "period.start")),
                              _iso(date(d, ev, "period.end")), text(d, ev, "to_bapas"), text(d, ev, "condition"),
                              integer(d, ev, "amount"), text(d, ev, "outcome"), integer(d, ev, "order"))
                  for d in by_date(_mappings(docs, ev), ev) if (kind := text(d, ev, "kind"))]
    sv = Stage.SERVICE
    rec.service = [(_iso(date(d, sv, "date")),
                    session_hours(value(d, sv, "start"), value(d, sv, "end"), _number(value(d, sv, "hours")),
                                  text(d, sv, "attendance")),
                    text(d, sv, "attendance") or "")
                   for d in by_date(_mappings(docs, sv), sv)]
    rec.transfer_officers = [o for d in by_date(_mappings(docs, Stage.TRANSFER), Stage.TRANSFER)
                             if (o := officer(d, Stage.TRANSFER, "to"))]
    return rec


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _mappings(docs: Mapping[str, Sequence[Any]], stage: Stage) -> list[dict[str, Any]]:
    return [d for d in docs.get(stage) or () if isinstance(d, dict)]
