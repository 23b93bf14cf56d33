"""The data a report is rendered from, built once from the casebook.

Every document of the case is read, validated with its stage model (a report is only made from valid data: an
invalid file stops it with the same ``path:line: field: message`` lines as ``check``), anonymised when asked
(``anonymize.py``, before anything else sees the data), and completed with derived facts (stage, age, days
left, attendance, risk scores), per-goal progress and the pictures. Templates receive a ``Report``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bapascase.errors import DataError, Problem, UserError
from bapascase.i18n import t
from bapascase.model import derive, records, registry
from bapascase.model.meta import enum_label, title_at
from bapascase.model.report_kinds import ReportKind
from bapascase.model.text import as_date, long_date, sentence
from bapascase.reports import svg
from bapascase.reports.scores import ScoreTable, score_node, score_tables, walk_hooks
from bapascase.reports.walk import Node, walk
from bapascase.store.casebook import Casebook

if TYPE_CHECKING:
    from bapascase.model.base import Doc


@dataclass
class Entry:
    """One recorded document: its stage, file (relative to the casebook), typed content."""

    stage: str
    path: str
    doc: Any
    # the data of a file built from its matching stamp (``store.stamps``): the tool's normal form, which the
    # derived facts read as the caseload index reads every file, without dumping the document again
    data: Any = None

    def plain(self) -> dict[str, Any]:
        """The document as plain data, as ``model.records`` reads it."""
        if self.data is not None:
            return dict(self.data)
        dumped: dict[str, Any] = self.doc.model_dump(mode="json")
        return dumped

    @property
    def date(self) -> dt.date | None:
        return as_date(getattr(self.doc, "date", None) or getattr(self.doc, "intake_date", None))


@dataclass
class DocBlock:
    title: str
    path: str
    date: str
    nodes: list[Node]
    extras: list[Node] = field(default_factory=list)  # derived facts shown with the document (scores...)


@dataclass
class StageBlock:
    stage: str
    title: str
    docs: list[DocBlock]


@dataclass
class Picture:
    name: str  # ecomap | genogram | monitoring | timeline
    title: str
    svg: str
    file: str = ""  # set by the renderer when written beside a Markdown report
    href: str = ""  # the file name as a link (percent-encoded: spaces, parentheses)


@dataclass
class Report:
    kind: str
    fmt: str
    lang: str
    today: dt.date
    anonymized: bool
    case_id: str
    office: dict[str, Any]
    letterhead: list[str]
    letterhead_custom: bool
    entries: dict[str, list[Entry]]
    facts: dict[str, Any]
    client: str
    case: Any
    engagement: Any
    assessments: list[Any]
    assessment: Any
    plan: Any
    interventions: list[Any]
    monitoring: list[Any]
    termination: Any
    reopens: list[Any]
    transfers: list[Any]
    officer: Any
    scores: list[list[ScoreTable]]  # per assessment (same order as ``assessments``)
    goals: list[dict[str, Any]]
    attendance: list[dict[str, Any]]
    ratings: list[dict[str, Any]]
    incidents: list[dict[str, Any]]
    stages: list[StageBlock] = field(default_factory=list)
    pictures: dict[str, Picture] = field(default_factory=dict)
    # the legal frame (``reports.legal``): programme, legal bases, the two dates and statuses
    legal: dict[str, Any] = field(default_factory=dict)
    closing: Any = None  # the closing in effect (pengakhiran bimbingan), if supervision has ended
    events: list[Any] = field(default_factory=list)  # every legal event, oldest first (``legal.EventRow``)
    event: Any = None  # the one a warning or revocation report prints
    event_path: str = ""
    cited: list[dict[str, str]] = field(default_factory=list)  # the records that event cites
    progress: dict[str, Any] = field(default_factory=dict)  # the progress report's period and what it holds
    # the community sentences (``reports.sentences``): hours log, conditions and restitution, a recommendation
    sentence: dict[str, Any] = field(default_factory=dict)
    # the report's own date is ``today`` (a recorded document's date, else --date, else the day it is made);
    # ``made_on`` is the day it is made
    made_on: dt.date | None = None
    signers: Any = None  # ``signatories.Signatories``: the author of record, "Mengetahui", "Menyetujui"
    practicum: Any = None  # ``practicum.PracticumView`` for the practicum report
    litmas: Any = None  # ``litmas.LitmasView`` for the Litmas
    confidential: bool = False  # "RAHASIA" on every page
    made_with: bool = False  # the "made with bapascase" footer (never on an official document)
    notices: list[str] = field(default_factory=list)  # for the officer, on stderr: a missing setting, a draft


# -- labels from the models -------------------------------------------------------------------------------------


def model_of(doc_name: str) -> type[Doc]:
    """The model of a stage document, or of the casebook's settings (``settings``)."""
    if doc_name == "settings":
        from bapascase.model.settings import SettingsDoc

        return SettingsDoc
    return registry.model_for(doc_name)


def title(path: str, lang: str) -> str:
    """The title a model gives the field at ``stage.field.subfield`` (``case.identity.name``), or the document's
    own title for a bare stage name (``intervention``). Reports label recorded fields with nothing else."""
    doc_name, dot, rest = path.partition(".")
    if (doc_name != "settings" and doc_name not in registry.STAGES) or (dot and not rest):
        raise LookupError(f"title({path!r}): no such document or field")
    model = model_of(doc_name)
    if not rest:
        return model.title(lang)
    try:
        return title_at(model, rest, lang)
    except LookupError:
        raise LookupError(f"title({path!r}): no such document or field") from None


def short_title(doc_name: str, lang: str) -> str:
    """A stage document's short name (``Intervensi``), for where space is tight."""
    return model_of(doc_name).short_title(lang)


# -- loading --------------------------------------------------------------------------------------------------


def load_entries(book: Casebook, case_id: str) -> dict[str, list[Entry]]:
    """Every document of the case; raises DataError listing every problem. A file whose "validated at write"
    stamp matches (``store.stamps``) is built without validating it again; any other is validated, with the
    errors ``check`` gives."""
    from bapascase.store import stamps
    from bapascase.store.documents import read_doc

    out: dict[str, list[Entry]] = {}
    problems: list[Problem] = []
    marked = book.end_marked()
    folder = book.case_dir(case_id)
    known = stamps.known(book, f"{stamps.key(book, folder)}/")
    for stage in (spec.stage for spec in registry.SPECS):  # in the order a case file tells them
        paths = book.doc_paths(case_id, stage)
        if not paths:
            continue
        model = registry.model_for(stage)
        for path in paths:
            rel = stamps.key(book, path)
            found = read_doc(model, path, book.rel(path), marked=marked, stamp=known.get(rel or ""))
            problems.extend(found.problems)
            if found.doc is not None:
                out.setdefault(stage, []).append(Entry(stage, book.rel(path), found.doc, found.data))
    if problems:
        raise DataError(problems)
    for items in out.values():
        # dated documents oldest first (the file order breaks ties, so the result never depends on the disk)
        items.sort(key=lambda e: (e.date or dt.date.min, e.path))
    if registry.Stage.CASE not in out:
        case_file = registry.spec(registry.Stage.CASE).file
        raise DataError([Problem(f"{book.rel(book.case_dir(case_id))}/{case_file}", None, "", t("val.missing"))])
    return out


# -- office -----------------------------------------------------------------------------------------------------


def office_of(book: Casebook, lang: str) -> tuple[dict[str, Any], list[str], bool]:
    from dataclasses import asdict

    settings = book.settings
    # every office setting as text ("" when not set), and the class as the letterhead writes it
    office: dict[str, Any] = {k: "" if v is None else str(v) for k, v in asdict(settings.office).items()}
    cls = settings.office.office_class
    office["class_label"] = t("rpt.office_class", lang, cls=cls) if cls else ""
    # the head of office signs "Menyetujui": the officer listed with the role kepala (``Settings.head``)
    from bapascase.model.settings import Role

    head = settings.head()
    office["head_name"] = head.name if head else ""
    office["head_nip"] = (head.nip or "") if head else ""
    office["head_title"] = Role.KEPALA.label(lang)
    lines = [x for x in settings.letterhead if x.strip()]
    custom = bool(lines)
    if not lines:
        lines = [x for x in (office["ministry"], office["kanwil"], office["name"].upper()) if x]
        contact = ", ".join(x for x in (office["address"], office["phone"], office["email"]) if x)
        if contact:
            lines.append(contact)
    return office, lines, custom


# -- derived facts --------------------------------------------------------------------------------------------------


def facts_of(book: Casebook, case_id: str, entries: dict[str, list[Entry]], today: dt.date, lang: str,
             risk: list[str]) -> dict[str, Any]:
    """The derived facts, by the same functions as ``show``, ``list``, ``due`` and the index
    (``model.derive`` over the ``records.case_record`` of the validated documents), formatted for the report."""
    rec = records.case_record({stage: [e.plain() for e in items] for stage, items in entries.items()})
    summary = derive.summarize(case_id, rec, risk)
    default_interval = book.settings.defaults.wajib_lapor_interval_days
    day = derive.dated(summary, today, default_interval, book.settings.closed_days())
    case = entries[registry.Stage.CASE][0].doc
    legal = case.legal
    stage = summary["stage"]
    start, end = as_date(summary["start"]), as_date(summary["end"])
    total = (end - start).days if start and end else None
    elapsed = (min(today, end) - start).days if start and end else None
    left = day["days_left"]
    statuses = [status for _, _, status in rec.monitoring]
    last_mon = as_date(summary["last_monitoring"])
    nxt = as_date(day["next_report_due"])
    counts = summary["counts"]
    return {
        "stage": stage,
        "stage_label": registry.stage_label(stage, lang),
        "closed": summary["closed"],
        "age": day["age"],
        "start": long_date(start, lang),
        "end": long_date(end, lang),
        "start_date": start,
        "end_date": end,
        "total_days": total,
        "elapsed_days": max(0, elapsed) if elapsed is not None else None,
        "days_left": left,
        "percent": round(100 * max(0, elapsed) / total) if total and elapsed is not None else None,
        "months_left": max(0, round(left / 30.4)) if left is not None else None,
        "expired": left is not None and left < 0,
        "days_left_text": (t("rpt.facts.days_left_n", lang, n=left) if left >= 0 else
                           t("rpt.facts.expired_n", lang, n=-left)) if left is not None else "",
        "sentence": sentence(legal.sentence_years, legal.sentence_months, lang),
        "programme": enum_label(legal.programme, lang),
        "wl_interval": derive.wajib_lapor_interval(summary["wl_interval_days"], default_interval),
        "wl_total": len(statuses),
        "wl_present": statuses.count(derive.WL_PRESENT),
        "wl_remote": statuses.count(derive.WL_REMOTE),
        "wl_absent": statuses.count(derive.WL_ABSENT),
        "absent_streak": summary["absent_streak"],
        "revocation_streak": derive.REVOCATION_STREAK,
        "last_monitoring": long_date(last_mon, lang) if last_mon else "",
        "next_due": long_date(nxt, lang) if nxt else "",
        "next_tpp": long_date(day["next_tpp"], lang) if day["next_tpp"] else "",
        "counts": counts,
        "sessions": counts.get(registry.Stage.INTERVENTION, 0),
        "risk": risk[-1] if risk else "",
        "risk_history": risk,
        "today": long_date(today, lang),
    }


def summary_of(book: Casebook, case_id: str, entries: dict[str, list[Entry]], today: dt.date, risk: list[str]
               ) -> dict[str, Any]:
    """The case's summary as ``show`` and ``due`` see it (``derive.summarize`` + ``derive.dated``), from the
    validated documents."""
    rec = records.case_record({stage: [e.plain() for e in items] for stage, items in entries.items()})
    summary = derive.summarize(case_id, rec, risk)
    summary.update(derive.dated(summary, today, book.settings.defaults.wajib_lapor_interval_days,
                                book.settings.closed_days()))
    return summary


def _risk_change(book: Casebook, entries: dict[str, list[Entry]], lang: str) -> str:
    """How the RRI category moved between the last two assessments ("naik dari Sedang menjadi Tinggi")."""
    assessments = entries.get(registry.Stage.ASSESSMENT) or []
    if len(assessments) < 2:
        return ""
    from bapascase.store.instrument_files import risk_change

    change = risk_change(book, assessments[-2].doc, assessments[-1].doc)
    text = (change.get("text") or {}).get(lang) or ""
    return str(text)


def goals_of(plan: Any, monitoring: list[Any], termination: Any, lang: str) -> list[dict[str, Any]]:
    """Each plan goal with its progress over time (from monitoring) and its final outcome (termination)."""
    if plan is None:
        return []
    out = []
    for g in plan.goals:
        history = []
        for m in monitoring:
            for p in m.progress:
                if p.goal_id == g.id:
                    history.append({"date": long_date(m.date, lang), "status": enum_label(p.status, lang),
                                    "key": str(p.status.value), "notes": p.notes or ""})
        outcome = None
        if termination is not None:
            for o in termination.goal_outcomes:
                if o.goal_id == g.id:
                    outcome = {"status": enum_label(o.status, lang), "key": str(o.status.value), "notes": o.notes or ""}
        latest = history[-1] if history else None
        # the history as runs: months with the same status and no note read as one line ("March – June: ...")
        runs: list[dict[str, str]] = []
        for h in history:
            last = runs[-1] if runs else None
            if last is not None and last["key"] == h["key"] and not h["notes"] and not last["notes"]:
                last["to"] = h["date"]
            else:
                runs.append({"from": h["date"], "to": h["date"], "status": h["status"], "key": h["key"],
                             "notes": h["notes"]})
        out.append({
            "id": g.id,
            "objective": g.objective,
            "need": g.need or "",
            "indicators": list(g.indicators),
            "target": long_date(g.target_date, lang) if g.target_date else "",
            "history": history,
            "runs": runs,
            "latest": latest,
            "status": (outcome or latest or {}).get("status", t("rpt.goal.no_record", lang)),
            "outcome": outcome,
        })
    return out


def attendance_of(monitoring: list[Any], lang: str) -> list[dict[str, Any]]:
    rows = []
    for m in monitoring:
        period = ""
        if m.period is not None:
            period = f"{long_date(m.period.start, lang)} – {long_date(m.period.end, lang)}"
        rows.append({
            "date": long_date(m.date, lang),
            "period": period,
            "status": enum_label(m.wajib_lapor.status, lang),
            "key": str(m.wajib_lapor.status.value),
            "reason": m.wajib_lapor.reason or "",
            "notes": m.wajib_lapor.notes or "",
        })
    return rows


def ratings_of(monitoring: list[Any], lang: str) -> list[dict[str, Any]]:
    from bapascase.model.monitoring import rating_label

    rows = []
    for m in monitoring:
        r = m.ratings
        if r.engagement is None and r.response is None and r.behaviour_change is None:
            continue
        rows.append({
            "date": long_date(m.date, lang),
            "engagement": r.engagement,
            "response": r.response,
            "behaviour_change": r.behaviour_change,
            "engagement_label": rating_label(r.engagement, lang),
            "response_label": rating_label(r.response, lang),
            "behaviour_change_label": rating_label(r.behaviour_change, lang),
            "notes": r.notes or "",
        })
    return rows


def incidents_of(monitoring: list[Any], lang: str) -> list[dict[str, Any]]:
    rows = []
    for m in monitoring:
        for inc in m.incidents:
            rows.append({
                "date": long_date(inc.date or m.date, lang),
                "kind": enum_label(inc.kind, lang),
                "description": inc.description,
                "action": inc.action or "",
            })
    return rows


# -- pictures -------------------------------------------------------------------------------------------------------


def ecomap_picture(client: str, assessment: Any, lang: str, uid: str = "eco") -> Picture | None:
    if assessment is None or not assessment.resources:
        return None
    from bapascase.model.assessment import Direction, ResourceCategory, Strength

    systems = [svg.EcoSystem(r.name, str(r.category.value), str(r.strength.value), str(r.direction.value))
               for r in assessment.resources]
    labels = svg.EcoLabels(
        title=t("rpt.pic.ecomap", lang),
        strength={str(s.value): s.label(lang) for s in Strength},
        direction={str(d.value): d.label(lang) for d in Direction},
        category={str(c.value): c.label(lang) for c in ResourceCategory},
    )
    return Picture("ecomap", labels.title, svg.ecomap(client, systems, labels, uid))


_GENO_STYLE = {
    "menikah": "sedang", "cerai": "putus", "pisah": "lemah", "orang_tua_anak": "sedang", "saudara": "sedang",
    "dekat": "kuat", "konflik": "stres", "putus": "putus", "renggang": "lemah",
}
_UP2 = ("kakek", "nenek", "grand")
_UP1 = ("ayah", "ibu", "bapak", "father", "mother", "mertua", "paman", "bibi", "orang tua", "parent", "in-law")
_DOWN1 = ("anak", "child", "son", "daughter", "menantu", "keponakan")


def _generation_guess(relation: str) -> int:
    rel = relation.lower()
    if "cucu" in rel or "grandchild" in rel:
        return 2
    if any(k in rel for k in _UP2):
        return -2
    if any(k in rel for k in _DOWN1) and not any(k in rel for k in ("ibu", "ayah")):
        return 1
    if any(k in rel for k in _UP1):
        return -1
    return 0


def genogram_picture(client: str, case: Any, assessment: Any, lang: str, uid: str = "geno") -> Picture | None:
    from bapascase.model.case import Relation, Sex

    people: list[svg.GenoPerson] = []
    links: list[svg.GenoLink] = []
    geno = getattr(assessment, "genogram", None)
    if geno is not None and geno.people:
        gen: dict[str, int] = {}
        client_key = next((p.id for p in geno.people if p.is_client), None)
        if client_key:
            gen[client_key] = 0
        # settle generations from the structural links, starting at the client
        for _ in range(len(geno.people) + 1):
            for ln in geno.relations:
                kind = str(ln.kind.value)
                for a, b, delta in ((ln.a, ln.b, 1), (ln.b, ln.a, -1)):
                    if a in gen and b not in gen:
                        gen[b] = gen[a] + (delta if kind == "orang_tua_anak" else 0)
        for p in geno.people:
            g = gen.get(p.id, _generation_guess(p.relation or ""))
            note = ", ".join(x for x in ((p.relation or "") if not p.is_client else "",
                                         t("rpt.years", lang, n=p.age) if p.age is not None else "") if x)
            people.append(svg.GenoPerson(p.id, client if p.is_client else p.name,
                                         str(p.sex.value) if p.sex else None, g, note, p.deceased, p.is_client))
        for ln in geno.relations:
            kind = str(ln.kind.value)
            links.append(svg.GenoLink(ln.a, ln.b, kind, _GENO_STYLE.get(kind, "sedang"), ln.kind.label(lang)))
    elif case is not None and case.family:
        gens = {"pasangan": 0, "anak": 1, "ayah": -1, "ibu": -1, "saudara": 0, "kakek_nenek": -2, "mertua": -1,
                "kerabat": 0, "lainnya": 0}
        people.append(svg.GenoPerson("K", client, str(case.identity.sex.value), 0, "", False, True))
        parents = []
        for i, m in enumerate(case.family, 1):
            key = f"F{i}"
            rel = str(m.relation.value)
            sex = str(m.sex.value) if m.sex else None
            if sex is None and m.relation == Relation.SPOUSE and case.identity.sex is not None:
                sex = "P" if str(case.identity.sex.value) == "L" else "L"  # a spouse unrecorded: the other sex
            relation = m.model_copy(update={"sex": Sex(sex)}).relation_label(lang) if sex else m.relation_label(lang)
            note = ", ".join(x for x in (relation or "", t("rpt.years", lang, n=m.age) if m.age is not None else "") if x)
            people.append(svg.GenoPerson(key, m.name, sex, gens.get(rel, 0), note, m.deceased))
            if rel in ("ayah", "ibu"):
                parents.append(key)
        for i, m in enumerate(case.family, 1):
            key = f"F{i}"
            rel = m.relation
            if rel == Relation.SPOUSE:
                links.append(svg.GenoLink("K", key, "menikah", "sedang"))
            elif rel == Relation.CHILD:
                links.append(svg.GenoLink("K", key, "orang_tua_anak", "sedang"))
            elif rel in (Relation.FATHER, Relation.MOTHER):
                links.append(svg.GenoLink(key, "K", "orang_tua_anak", "sedang"))
            elif rel == Relation.SIBLING:
                for p in parents or ["K"]:
                    links.append(svg.GenoLink(p, key, "orang_tua_anak" if parents else "saudara", "sedang"))
        if len(parents) == 2:
            links.append(svg.GenoLink(parents[0], parents[1], "menikah", "sedang"))
    else:
        return None
    labels = svg.GenoLabels(t("rpt.pic.genogram", lang), {
        "kuat": t("rpt.geno.kuat", lang), "lemah": t("rpt.geno.lemah", lang),
        "stres": t("rpt.geno.stres", lang), "putus": t("rpt.geno.putus", lang),
    })
    return Picture("genogram", labels.title, svg.genogram(people, links, labels, uid))


_SHORT_MONTHS = {
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def monitoring_picture(monitoring: list[Any], lang: str) -> Picture | None:
    if not monitoring:
        return None
    first, last = monitoring[0].date, monitoring[-1].date
    months: list[svg.ChartMonth] = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        in_month = [e for e in monitoring if (e.date.year, e.date.month) == (y, m)]
        ratings: list[float | None] = []
        for attr in ("engagement", "response", "behaviour_change"):
            vals = [getattr(e.ratings, attr) for e in in_month if getattr(e.ratings, attr) is not None]
            ratings.append(round(sum(vals) / len(vals), 2) if vals else None)
        label = f"{_SHORT_MONTHS[lang][m - 1]} {y % 100:02d}"
        months.append(svg.ChartMonth(label, ratings, [str(e.wajib_lapor.status.value) for e in in_month]))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    from bapascase.model.monitoring import WajibLaporStatus

    labels = svg.ChartLabels(
        t("rpt.pic.monitoring", lang),
        [title(f"monitoring.ratings.{attr}", lang) for attr in ("engagement", "response", "behaviour_change")],
        title("monitoring.wajib_lapor", lang),
        {str(s.value): s.label(lang) for s in WajibLaporStatus},
    )
    return Picture("monitoring", labels.title, svg.monitoring_chart(months, labels))


def timeline_picture(entries: dict[str, list[Entry]], facts: dict[str, Any], today: dt.date, lang: str) -> Picture | None:
    start, end = facts.get("start_date"), facts.get("end_date")
    if start is None or end is None:
        return None
    all_dates = [e.date for items in entries.values() for e in items if e.date]
    origin = min([start, *all_dates])
    finish = max([end, *all_dates])
    events: list[svg.TimelineEvent] = []
    for stage, items in entries.items():
        if registry.spec(stage).recurring:  # sessions and entries: small marks, one label at the first
            for e in items:
                if e.date:
                    events.append(svg.TimelineEvent((e.date - origin).days, "", major=False))
            continue
        for e in items:
            if e.date:  # a legal event by its kind's name ("Sidang TPP"), any other document by its own
                events.append(svg.TimelineEvent((e.date - origin).days, str(type(e.doc).short_title(lang))))
    for spec in registry.SPECS:
        items = entries.get(spec.stage) or []
        if spec.recurring and items and items[0].date:
            events.append(svg.TimelineEvent((items[0].date - origin).days, short_title(spec.stage, lang)))
    labels = svg.TimelineLabels(
        t("rpt.pic.timeline", lang),
        f"{t('rpt.tl.start', lang)} {long_date(origin, lang)}",
        f"{t('rpt.tl.end', lang)} {long_date(finish, lang)}",
        t("rpt.tl.today", lang),
    )
    return Picture("timeline", labels.title, svg.timeline((finish - origin).days, events, labels, (today - origin).days))


# -- the whole report -----------------------------------------------------------------------------------------------


def report_date(kind: str, entries: dict[str, list[Entry]], chosen_event: Entry | None, litmas: Entry | None,
                asked: dt.date | None, today: dt.date, ends: tuple[str | None, str | None] = (None, None)
                ) -> dt.date:
    """The date a report bears: the date of the document it prints where one is recorded (the Litmas, the
    termination or closing in effect, the letter's event), else the date asked for (``--date``), else today. Ages
    and days left are computed at it. ``ends``: the dates of the closing and the termination in effect
    (``Casebook.closing_in_effect``, ``termination_in_effect``): a reopening may have reversed the latest by
    date."""
    from bapascase.model.report_kinds import ReportKind

    recorded: object = None
    if kind == ReportKind.LITMAS and litmas is not None:
        recorded = litmas.doc.date
    elif kind == ReportKind.TERMINATION and entries.get(registry.Stage.TERMINATION):
        recorded = _in_effect([e.doc for e in entries[registry.Stage.TERMINATION]], ends[1]).date
    elif kind == ReportKind.CLOSING and entries.get(registry.Stage.CLOSING):
        recorded = _in_effect([e.doc for e in entries[registry.Stage.CLOSING]], ends[0]).date
    elif chosen_event is not None:
        recorded = chosen_event.doc.date
    return as_date(recorded) or asked or today


def as_of(entries: dict[str, list[Entry]], day: dt.date) -> dict[str, list[Entry]]:
    """The records of a case as they stood on ``day``, the date a report made later bears (``--date``, or the
    date of the Litmas, termination, closing or letter it prints): a record dated after it is left out of
    everything the report shows and counts (a report dated 1 October does not list or count a work session of
    28 November, nor a warning letter sent after it), except a TPP session, which is set ahead of its day
    (``EventDoc.scheduled``): it stays as it stood, scheduled, without the outcome its holding recorded
    (``EventDoc.as_scheduled``). The intake stays whatever its date."""
    out: dict[str, list[Entry]] = {}
    for stage, items in entries.items():
        kept = items if stage == registry.Stage.CASE else [
            e if e.date is None or e.date <= day else Entry(e.stage, e.path, e.doc.as_scheduled())
            for e in items if e.date is None or e.date <= day or _scheduled(e.doc)]
        if kept:
            out[stage] = kept
    return out


def _scheduled(doc: Any) -> bool:
    return bool(getattr(type(doc), "scheduled", False))


def author_of_record(case: Any, transfers: list[Any], day: dt.date, recorded: Any = None) -> Any:
    """The officer a document keeps as its author: the one it records, else the PK in charge on its date (the
    intake's assignment, then each transfer from its own date), even after later transfers."""
    if recorded is not None:
        return recorded
    return derive.officer_at(case.assignment.officer, [(tr.date, tr.to) for tr in transfers], day)


def build(book: Casebook, case_id: str, kind: str, fmt: str, lang: str, today: dt.date, anonymize: bool,
          event: str | None = None, period_from: dt.date | None = None, period_to: dt.date | None = None,
          date: dt.date | None = None) -> Report:
    """The data of one report. ``event`` chooses the event a warning or revocation report prints (its file or
    date; the latest by default); ``period_from``/``period_to`` the period a progress report covers; ``date``
    (``--date``) the report's date where no recorded document gives it one (and the Litmas printed: the latest
    on or before it). ``today`` is the day the report is made."""
    from bapascase.model.report_kinds import (
        ALWAYS_CONFIDENTIAL,
        CONFIDENTIAL,
        EVENT_KINDS,
        OFFICIAL,
        STAGE_KINDS,
    )
    from bapascase.reports import ALWAYS_ANONYMOUS
    from bapascase.reports import legal as legal_frame

    made_on = today
    anonymize = anonymize or kind in ALWAYS_ANONYMOUS
    entries = load_entries(book, case_id)
    chosen = legal_frame.choose_event(entries.get(registry.Stage.EVENT, []), EVENT_KINDS[kind], event, lang) \
        if kind in EVENT_KINDS else None
    litmas_entry = None
    if kind == ReportKind.LITMAS:  # the Litmas view (and the programmes it names) only for a Litmas
        from bapascase.reports import litmas as litmas_view

        litmas_entry = litmas_view.choose(entries.get(registry.Stage.LITMAS, []), date)
    closed = book.closing_in_effect(case_id)
    ends = (closed[0] if closed else None, book.termination_in_effect(case_id))
    today = report_date(kind, entries, chosen, litmas_entry, date, today, ends)
    if today < made_on:  # a report dated before the day it is made: as the records stood on its date
        entries = as_of(entries, today)
    # scores and derived facts come from the recorded data (they hold no names: dates, counts, categories, age)
    # the intake as plain data, as the caseload index reads it: a stamped file's own data, so the whole intake
    # model's serializer is never built for it
    case_data = entries[registry.Stage.CASE][0].plain() if entries.get(registry.Stage.CASE) else None
    scores = [score_tables(book, e.doc, lang, case_data) for e in entries.get("assessment", [])]
    risk = [s.category for per in scores for s in per if s.kind == "risk" and s.category]
    facts = facts_of(book, case_id, entries, today, lang, risk)
    summary = summary_of(book, case_id, entries, today, risk)
    risk_change = _risk_change(book, entries, lang)
    if anonymize:
        from bapascase.reports.anonymize import anonymize_docs

        docs = anonymize_docs({s: [e.doc for e in items] for s, items in entries.items()}, lang)
        entries = {s: [Entry(e.stage, e.path, d) for e, d in zip(items, docs[s], strict=True)]
                   for s, items in entries.items()}
    case = entries["case"][0].doc
    client = case.identity.name  # already the initials when anonymised
    assessments = [e.doc for e in entries.get("assessment", [])]
    monitoring = [e.doc for e in entries.get("monitoring", [])]
    # the termination in effect (a reopening may have reversed a later-dated one), else the latest
    terminations = [e.doc for e in entries.get("termination", [])]
    termination = _in_effect(terminations, summary.get("terminated_on"))
    transfers = [e.doc for e in entries.get("transfer", [])]
    litmas_doc = next((e.doc for e in entries.get(registry.Stage.LITMAS, []) if litmas_entry is not None
                       and e.path == litmas_entry.path), None)
    officer = author_of_record(case, transfers, today, litmas_doc.author if litmas_doc is not None else None)
    office, letterhead, custom = office_of(book, lang)
    plan = entries["plan"][-1].doc if entries.get("plan") else None
    report = Report(
        kind=kind, fmt=fmt, lang=lang, today=today, anonymized=anonymize, case_id=case_id, office=office,
        letterhead=letterhead, letterhead_custom=custom, entries=entries, facts=facts, client=client, case=case,
        engagement=entries["engagement"][-1].doc if entries.get("engagement") else None,
        assessments=assessments, assessment=assessments[-1] if assessments else None, plan=plan,
        interventions=[e.doc for e in entries.get("intervention", [])], monitoring=monitoring,
        termination=termination,
        reopens=[e.doc for e in entries.get("reopen", [])], transfers=transfers, officer=officer, scores=scores,
        goals=goals_of(plan, monitoring, termination, lang),
        attendance=attendance_of(monitoring, lang), ratings=ratings_of(monitoring, lang),
        incidents=incidents_of(monitoring, lang),
    )
    report.made_on = made_on
    report.confidential = kind in ALWAYS_CONFIDENTIAL or (kind in CONFIDENTIAL and not anonymize)
    report.made_with = kind not in OFFICIAL and book.settings.reports.made_with_footer
    from bapascase.reports.signatories import signatories
    from bapascase.store.instrument_files import child_at

    child = child_at(case_data, today)  # the recorded intake (the anonymised copy has no birth date)
    if kind == ReportKind.LITMAS:
        chosen_litmas = None if litmas_entry is None else Entry(litmas_entry.stage, litmas_entry.path, litmas_doc)
        assessed = list(zip(assessments, scores, strict=True))
        report.litmas = litmas_view.view(chosen_litmas, case, assessed, today, lang, child, report.office["name"])
        child = report.litmas.child
        report.notices += report.litmas.notices
    report.signers = signatories(book.settings, officer, child, lang)
    report.legal = legal_frame.legal_of(case, summary, lang)
    report.events = legal_frame.event_rows(entries.get(registry.Stage.EVENT, []), lang)
    closings = [e.doc for e in entries.get(registry.Stage.CLOSING) or []]
    report.closing = _in_effect(closings, summary.get("closed_on")) if summary["closed"] else None
    if kind in STAGE_KINDS and getattr(report, STAGE_KINDS[kind]) is None:
        spec = registry.spec(STAGE_KINDS[kind])
        raise UserError("rpt.err.stage_missing", doc=registry.model_for(spec.stage).title(lang), kind=kind,
                        command=f"bapascase {spec.command} {case_id}")
    if chosen is not None:
        report.event_path = chosen.path
        report.event = next(e.doc for e in entries[registry.Stage.EVENT] if e.path == chosen.path)
        report.cited = legal_frame.cited_rows(report.event, entries, book.rel(book.case_dir(case_id)), lang)
    from bapascase.reports import sentences

    report.sentence = sentences.sentence_of(case, entries, summary, lang)
    sentences.require(report, kind)
    if report.sentence.get("kind") == "kerja_sosial":
        facts["sentence"] = t("rpt.sent.hours_sentence", lang, n=report.sentence["ordered"])
    if chosen is not None and kind == ReportKind.PERTIMBANGAN:
        report.sentence["recommendation"] = sentences.recommendation_of(report.event, lang)
        report.cited = sentences.quoted_rows(report.cited, entries, book.rel(book.case_dir(case_id)), lang)
    if kind == ReportKind.PROGRESS:
        defaults = book.settings.defaults
        due = derive.due_items(summary, today, defaults.wajib_lapor_interval_days, defaults.due_horizon_days,
                               derive.reassessment_days(defaults.reassessment_months),
                               holidays=book.settings.closed_days())
        # the report is for the next TPP session however far ahead (``due`` lists it only within the horizon)
        nxt = next(iter(derive.tpp_ahead(summary, today)), None)
        if nxt is not None and not any(k == derive.DueKind.TPP and w == nxt for k, w, _ in due):
            due = sorted([*due, (derive.DueKind.TPP, nxt, {})], key=lambda x: x[1] or dt.date.min)
        period = legal_frame.progress_period(summary.get("tpp_dates") or [], today, period_from, period_to)
        # every section of the report is the period's (``Period.within``): the goals' history and the chart too
        report.goals = goals_of(plan, period.within(monitoring), report.termination, lang)
        report.progress = legal_frame.progress_of(period, monitoring, report.interventions, report.engagement,
                                                  report.events, facts, report.legal, report.goals, due,
                                                  risk_change, lang)
        monitoring = report.monitoring = period.within(monitoring)
        report.attendance, report.ratings = attendance_of(monitoring, lang), ratings_of(monitoring, lang)
        report.incidents = incidents_of(monitoring, lang)
    if kind == ReportKind.PRACTICUM:
        from bapascase.reports import practicum

        report.practicum = practicum.view(report, lang)
        # the practicum covers the student's work with the client: its monitoring ends with the termination
        until = report.termination.date if report.termination is not None else None
        if until is not None:
            monitoring = [m for m in monitoring if m.date <= until]
            report.monitoring = monitoring
    if kind == ReportKind.CASE:  # the complete case file: every document, every answer
        report.stages = stage_blocks(book, entries, scores, lang)
    # the Litmas draws the assessment it reports (dated on or before it), every other report the latest
    pictured = report.litmas.assessment if report.litmas is not None else report.assessment
    for pic in (
        ecomap_picture(client, pictured, lang),
        genogram_picture(client, case, pictured, lang),
        monitoring_picture(monitoring, lang),
        timeline_picture(entries, facts, today, lang),
    ):
        if pic is not None:
            report.pictures[pic.name] = pic
    if kind == ReportKind.KARTU:
        report.pictures["qr"] = qr_picture(case_id, lang)
    return report


# answers the case file prints once for the whole stage instead of once per document: the progress of each goal
# is one table (``goals`` with its ``runs``) at the monitoring stage, not a table per goal in every monitoring
CASE_FILE_SUMMARISED: dict[str, frozenset[str]] = {registry.Stage.MONITORING: frozenset({"progress"})}


def _record_names(entries: dict[str, list[Entry]], lang: str) -> dict[str, str]:
    """Each recorded document by the path an event cites it with (``monitoring/2026-04-30.yaml``), named as a
    reader knows it: "Monitoring – 30 April 2026"."""
    out: dict[str, str] = {}
    for items in entries.values():
        for e in items:
            name = str(type(e.doc).title(lang)) + (f" – {long_date(e.date, lang)}" if e.date else "")
            parts = e.path.split("/")
            for i in range(len(parts)):
                out.setdefault("/".join(parts[i:]), name)
    return out


def _name_records(node: Node, named: dict[str, str]) -> Node:
    """The records an event cites (``cites``) named by their title and date, not by their file."""
    if node.name == "cites" and node.kind == "list":
        node.items = [named.get(x, x) for x in node.items]
    for child in node.children:
        _name_records(child, named)
    return node


def qr_picture(case_id: str, lang: str) -> Picture:
    """The kartu bimbingan's QR code: the case id (scanned at the front desk to find the case for ``lapor``),
    never a name. segno writes it as SVG, with no network and no image library."""
    import segno

    code = segno.make(f"bapascase:{case_id}", error="m")
    return Picture("qr", t("rpt.kartu.qr", lang), code.svg_inline(scale=4, border=2, title=case_id))


def stage_blocks(book: Casebook, entries: dict[str, list[Entry]], scores: list[list[ScoreTable]], lang: str
                 ) -> list[StageBlock]:
    """Every document of every stage, every answer (the case file)."""
    hooks = walk_hooks(book, lang)
    named = _record_names(entries, lang)
    # the scores belong to the assessments, in their order
    scored = dict(zip((e.path for e in entries.get(registry.Stage.ASSESSMENT) or []), scores, strict=False))
    blocks = []
    for stage in (spec.stage for spec in registry.SPECS):
        items = entries.get(stage) or []
        if not items:
            continue
        model = registry.model_for(stage)
        docs = []
        summarised = CASE_FILE_SUMMARISED.get(stage, frozenset())
        for e in items:
            extras = [score_node(s, lang) for s in scored.get(e.path, [])]
            nodes = [_name_records(n, named) for n in walk(e.doc, lang, hooks) if n.name not in summarised]
            docs.append(DocBlock(type(e.doc).title(lang), e.path, long_date(e.date, lang) if e.date else "",
                                 nodes, extras))
        blocks.append(StageBlock(stage, model.title(lang), docs))
    return blocks


def _in_effect(docs: list[Any], day: object) -> Any:
    """Of the ends ``docs`` (oldest first), the one in effect: the latest dated ``day`` (the summary's
    ``closed_on``/``terminated_on``, ``model.derive``), else the latest; None when there is none. The latest by
    date is not always in effect: a reopening reverses the end it names, and an end recorded after it may be
    dated earlier (a death recorded late)."""
    on = as_date(day)
    held = [d for d in docs if on is not None and as_date(getattr(d, "date", None)) == on]
    return (held or docs)[-1] if docs else None
