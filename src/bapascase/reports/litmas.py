"""The Litmas as a report: the Litmas document chosen (the latest, or the latest dated on or before ``--date``), its
purpose from ``bapascase/data/litmas_purposes.yaml`` (legal bases with full titles, sections in order with their
numbers and titles), its basis lines (the request letter and the surat tugas: never the decree it precedes), the
assessment it reports (the latest dated on or before the Litmas), and what is derived at the Litmas's own date:
the client's age, the 1/3, 1/2 and 2/3 dates and the ekspirasi, the total remisi, the sentence written out.

A case without a recorded Litmas still gets one drafted from what is recorded (the purpose its programme leads to,
the report's date), with a notice saying how to record it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bapascase.errors import UserError
from bapascase.i18n import t
from bapascase.model import derive
from bapascase.model.litmas_purposes import Purpose, for_programme, purpose, sections
from bapascase.model.programmes import programmes
from bapascase.model.text import as_date, long_date, roman, sentence_in_words

Entry = Any  # reports.context.Entry


@dataclass
class Section:
    id: str
    number: str  # "I", "II", ...
    title: str


@dataclass
class LitmasView:
    doc: Any  # the LitmasDoc (None when none is recorded)
    path: str
    purpose: Purpose
    label: str  # the purpose's name
    heading: str  # under the title: "untuk Program Pembebasan Bersyarat"
    date: dt.date
    register: str
    sections: list[Section]
    sec: dict[str, Section]
    bases: list[dict[str, str]]  # the purpose's legal bases: short, title
    basis_lines: list[str]  # the request letter and the surat tugas, as the "Dasar" cites them
    purpose_text: str
    requested_by: str
    assessment: Any  # the assessment the Litmas reports (None: none dated on or before it)
    assessment_date: str
    scores: list[Any]  # that assessment's ScoreTables
    fractions: list[tuple[str, str]]  # ("1/3", "14 Mei 2020") ... ("Ekspirasi", ...)
    fractions_note: str
    remission_total: str
    sentence_words: str
    age: int | None
    child: bool
    tpp_line: str
    recorded: bool = True
    notices: list[str] = field(default_factory=list)


def choose(entries: list[Entry], on: dt.date | None) -> Entry | None:
    """The Litmas a report prints: the latest one, or the latest dated on or before ``on`` (``--date``)."""
    if not entries:
        return None
    if on is None:
        return entries[-1]
    found = [e for e in entries if e.doc.date <= on]
    if not found:
        known = ", ".join(long_date(e.doc.date) for e in entries)
        raise UserError("rpt.err.no_litmas_before", date=long_date(on), known=known)
    return found[-1]


def view(chosen: Entry | None, case: Any, assessments: list[tuple[Any, list[Any]]], on: dt.date, lang: str,
         child: bool, office: str) -> LitmasView:
    """``r.litmas``: ``assessments`` are the case's assessments (oldest first) with their ScoreTables."""
    doc = chosen.doc if chosen is not None else None
    code = doc.purpose.value if doc is not None else for_programme(case.legal.programme.value, child)
    found = purpose(code)
    if found is None:  # the data file lost a purpose a Litmas names: a bug in the data, named plainly
        raise UserError("rpt.err.unknown_purpose", purpose=str(code))
    day = doc.date if doc is not None else on
    titles = sections()
    shown = [s for s in found.sections if s in titles]
    secs = [Section(s, roman(i), found.section_title(s, lang)) for i, s in enumerate(shown, 1)]
    table = {b.key: b for p in programmes().values() for b in p.legal_bases}
    from bapascase.model.programmes import raw

    all_bases = raw().get("legal_bases") or {}
    bases = []
    for key in found.legal_bases:
        item = table.get(key)
        text = item.title if item else " ".join(str((all_bases.get(key) or {}).get("title") or key).split())
        short = item.short if item else str((all_bases.get(key) or {}).get("short") or key)
        bases.append({"short": short, "title": text})
    basis: list[str] = []
    if doc is not None:
        r = doc.request
        if r.number or r.date:
            basis.append(t("rpt.lit.basis_request", lang, institution=r.institution or found.requested_by.get(lang),
                           number=r.number or "……", date=long_date(r.date, lang) if r.date else "……",
                           subject=r.subject or "……"))
        a = doc.assignment
        if a.number or a.date:
            basis.append(t("rpt.lit.basis_assignment", lang, office=office, number=a.number or "……",
                           date=long_date(a.date, lang) if a.date else "……"))
    # the assessment it reports: the latest on or before its date (never one from its future)
    before = [(a, s) for a, s in assessments if a.date <= day]
    assessment, scores = before[-1] if before else (None, [])
    legal = case.legal
    parts = derive.sentence_fractions(legal.first_detained, legal.sentence_years, legal.sentence_months, legal.expiry)
    fractions: list[tuple[str, str]] = []
    note = ""
    if parts is not None:
        from bapascase.model.case import CaseDoc
        from bapascase.model.meta import title_at

        fractions = [(k if k != "ekspirasi" else title_at(CaseDoc, "legal.expiry", lang), long_date(v, lang))
                     for k, v in parts.items()]
        note = t("rpt.lit.fractions_note" if legal.expiry else "rpt.lit.fractions_note_sentence", lang,
                 start=long_date(legal.first_detained, lang))
    remission = ""
    if doc is not None and doc.lapas.remissions:
        months = sum(x.months for x in doc.lapas.remissions)
        days = sum(x.days for x in doc.lapas.remissions)
        months += days // 30
        days %= 30
        remission = " ".join(x for x in (t("text.months", lang, n=months) if months else "",
                                         t("text.days", lang, n=days) if days else "") if x) or "0"
    tpp = ""
    if doc is not None and (doc.tpp.number or doc.tpp.date):
        tpp = t("rpt.lit.tpp", lang, number=doc.tpp.number or "……",
                date=long_date(doc.tpp.date, lang, weekday=True) if doc.tpp.date else "……")
    notices = [] if doc is not None else [t("rpt.lit.not_recorded", lang)]
    return LitmasView(
        doc=doc,
        path=chosen.path if chosen is not None else "",
        purpose=found,
        label=found.label.get(lang),
        heading=found.heading.get(lang),
        date=day,
        register=(doc.register_number if doc is not None else None) or legal.register_litmas or "",
        sections=secs,
        sec={s.id: s for s in secs},
        bases=bases,
        basis_lines=basis,
        purpose_text=t("rpt.lit.purpose_text", lang, heading=found.heading.get(lang)),
        requested_by=found.requested_by.get(lang),
        assessment=assessment,
        assessment_date=long_date(assessment.date, lang) if assessment is not None else "",
        scores=scores,
        fractions=fractions,
        fractions_note=note,
        remission_total=remission,
        sentence_words=sentence_in_words(legal.sentence_years, legal.sentence_months, lang),
        age=derive.age(case.identity.birth_date, day),
        child=found.child,
        tpp_line=tpp,
        recorded=doc is not None,
        notices=notices,
    )


def date_of(chosen: Entry | None) -> dt.date | None:
    return as_date(chosen.doc.date) if chosen is not None else None
