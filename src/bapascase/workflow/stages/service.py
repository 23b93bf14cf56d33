"""A work session of pidana kerja sosial (``service``): the placement chosen from the intake's (the last one
offered), the time worked and the tasks asked only when the client came, the reason only when it is needed.

The rules across sessions, for recording and ``check`` alike: the case must be a pidana kerja sosial; the placement
must be one of the intake's; the session must fall within the period; a day holds at most the verdict's daily hours
and never more than 8 (Pasal 85 ayat (5) UU 1/2023, from the programme data); the hours may not go beyond the order.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.i18n import t
from bapascase.model.registry import Stage
from bapascase.model.text import as_date, long_date
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import Located, StageBehaviour, ask_when, only_when, supervision_period

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom, Interview, Path_


def _validated(raw: Any) -> Any:
    from bapascase.model.case import CaseDoc
    from bapascase.model.validation import validate

    doc, _ = validate(CaseDoc, raw) if isinstance(raw, dict) else (None, [])
    return doc


def case_doc(book: Casebook, case_id: str) -> Any:
    """The case's registration, validated (None when it is missing or invalid)."""
    return _validated(book.read_one(case_id, Stage.CASE))


def kerja_sosial(book: Casebook, case_id: str) -> tuple[dict[str, Any] | None, Any]:
    """The case's intake (raw) and its validated kerja sosial terms (None when it has none or is invalid)."""
    raw = book.read_one(case_id, Stage.CASE)
    doc = _validated(raw)
    return (raw if isinstance(raw, dict) else None), (doc.legal.kerja_sosial if doc is not None else None)


def sessions(book: Casebook, case_id: str) -> list[tuple[str, Any]]:
    """Every stored work session ``(path inside the case folder, validated doc or None)``, by date."""
    from bapascase.model.service import ServiceDoc
    from bapascase.model.validation import validate

    folder = book.case_dir(case_id)
    out = []
    for path, raw in book.read_docs(case_id, Stage.SERVICE):
        doc, _ = validate(ServiceDoc, raw) if isinstance(raw, dict) else (None, [])
        out.append((path.relative_to(folder).as_posix(), doc))
    return sorted(out, key=lambda x: (as_date(getattr(x[1], "date", None)) or dt.date.min, x[0]))


class Service(StageBehaviour):
    stage = Stage.SERVICE

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        d: dict[str, Any] = {"date": today, "attendance": "hadir"}
        _, terms = kerja_sosial(book, case_id)
        stored = [doc for _, doc in sessions(book, case_id) if doc is not None]
        if stored:
            d["placement"] = stored[-1].placement
        elif terms is not None and len(terms.placements) == 1:
            d["placement"] = terms.placements[0].id
        return d

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        from bapascase.model.service import REASON_NEEDED, WORKED

        out: dict[str, Custom] = {"placement": placement_select(book, case_id),
                                  "reason": reason_prompt(REASON_NEEDED)}
        for name in ("start", "end", "hours"):
            out[name] = only_when("attendance", WORKED)
        out["tasks"] = ask_when("attendance", WORKED)
        return out

    def cross_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        case = case_doc(book, case_id)
        if case is None:  # a registration missing or invalid: its own problem is said (``check``), not one per
            return []  # session; recording a session is refused by ``writing_problems``
        terms = case.legal.kerja_sosial
        if terms is None:
            return [(("date",), t("val.service_not_kerja_sosial", programme=case.legal.programme.value))]
        out: list[Located] = []
        known = [p.id for p in terms.placements]
        if doc.placement not in known:
            out.append((("placement",), t("val.unknown_placement", value=doc.placement, known=", ".join(known))))
        start, end = supervision_period(book, case_id)
        if (start is not None and doc.date < start) or (end is not None and doc.date > end):
            out.append((("date",), t("val.service_outside_period", start=long_date(start), end=long_date(end))))
        mine = getattr(doc, "_source", None)
        others = [(ref, d) for ref, d in sessions(book, case_id) if d is not None and ref != mine]
        out += _daily(doc, others, terms)
        out += _beyond_order(doc, mine, others, terms, writing=False)
        return out

    def writing_problems(self, book: Casebook, case_id: str, doc: Any) -> list[Located]:
        """The session being recorded or edited may not take the hours of all the sessions over the order,
        whatever its date: a session dated before the stored ones counts as much as one after them."""
        case = case_doc(book, case_id)
        if case is None:  # the hours and places a session is checked against are the registration's
            return [(("date",), t("val.service_case_unreadable"))]
        terms = case.legal.kerja_sosial
        if terms is None:
            return []  # said by ``cross_problems``
        mine = getattr(doc, "_source", None)
        others = [(ref, d) for ref, d in sessions(book, case_id) if d is not None and ref != mine]
        return _beyond_order(doc, mine, others, terms, writing=True)


def _daily(doc: Any, others: list[tuple[str, Any]], terms: Any) -> list[Located]:
    """At most the verdict's daily hours (never beyond the statutory 8) in one day, across its sessions."""
    from bapascase.model.sentences import KERJA_SOSIAL, limit_of

    limit = terms.daily_limit()
    same_day = [(ref, d) for ref, d in others if d.date == doc.date]
    total = doc.credited() + sum(d.credited() for _, d in same_day)
    if limit is None or total <= limit:
        return []
    rule = limit_of(KERJA_SOSIAL, "hours_per_day_max")
    basis = rule.basis if rule and terms.hours_per_day is None else t("val.verdict_schedule")
    # the sessions it shares the day with are named; a session over the limit on its own names none
    key = "val.service_day_limit" if same_day else "val.service_day_limit_alone"
    return [(("hours",), t(key, date=long_date(doc.date), total=_hours(total), limit=limit, basis=basis,
                           others=", ".join(ref for ref, _ in same_day)))]


def _beyond_order(doc: Any, mine: str | None, others: list[tuple[str, Any]], terms: Any, writing: bool
                  ) -> list[Located]:
    """The hours may not go beyond the order (Pasal 85 ayat (4) UU 1/2023): the rule is the total of every
    recorded session, whatever their dates, and the message gives that total. The session being recorded or
    edited (``writing``) is refused when it takes the total over; ``check`` names the stored sessions from the
    one whose hours took the total over (by date) on, so a total over the order is never left unsaid."""
    if doc.credited() <= 0:
        return []
    ordered = terms.hours_ordered
    total = doc.credited() + sum(d.credited() for _, d in others)
    if total <= ordered:
        return []
    if not writing:
        key = (doc.date, mine or "~")  # a session without a file sorts after the stored ones of its day
        if sum(d.credited() for ref, d in others if (d.date, ref) < key) + doc.credited() <= ordered:
            return []  # the hours up to it were within the order: a later session took the total over
    return [(("hours",), t("val.service_beyond_order", total=_hours(total), ordered=ordered))]


def _hours(value: float) -> str:
    from bapascase.i18n import get_lang
    from bapascase.model.text import hours

    return hours(value, get_lang())


def placement_select(book: Casebook, case_id: str) -> Custom:
    """The placement chosen from the intake's placements (typed only when the intake has none)."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of

        info = iv._info_at(path)
        assert info is not None
        title = title_of(info, str(path[-1]), iv.lang)
        _, terms = kerja_sosial(book, case_id)
        if terms is None or not terms.placements:
            return iv._ask_scalar(path, info, str, False, title)
        choices = [(p.id, f"{p.id}: {p.place} ({p.partner})") for p in terms.placements]
        return iv.choose(path, title, choices, current)

    return ask


def reason_prompt(needed: tuple[str, ...]) -> Custom:
    """The reason: asked when the client came late (may stay empty), left early or was absent (required)."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of, unwrap
        from bapascase.model.service import ServiceAttendance
        from bapascase.workflow.wizard import as_text, get_in

        attendance = as_text(get_in(iv.answers, ("attendance",)))
        if attendance == ServiceAttendance.HADIR.value or not attendance:
            return None
        info = iv._info_at(path)
        assert info is not None
        inner, optional = unwrap(info.annotation)
        return iv._ask_scalar(path, info, inner, optional, title_of(info, str(path[-1]), iv.lang),
                              required=attendance in needed or None)

    return ask


BEHAVIOUR = Service()
