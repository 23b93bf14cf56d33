"""Instrument answers and scores as report content: item texts, chosen options, points, totals, categories, the
RRI's parts and its verdict on the criminogenic needs assessment, and a short note for every unverified part a
result rests on.

Scores are never stored; they are computed here from the definitions (``bapascase.store.instrument_files``), so a
report always shows what the recorded answers mean under the version they were given with. A total or a category
is printed only when the instrument file defines categories of its total (the built-in needs instruments define
none), and an adult instrument answered for a child is shown unscored. Instrument codes never appear: a report
names an instrument by its title and version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bapascase.i18n import t
from bapascase.model.meta import title_at, title_of
from bapascase.model.scoring import PARTS
from bapascase.reports.walk import Hook, Node, walk
from bapascase.store.casebook import Casebook
from bapascase.store.instrument_files import fits_client, load_instruments, score_part


@dataclass
class ScorePart:
    """One part of an instrument (RRI part B, the child's protective factors) as a report prints it."""

    title: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""  # why it has no rows: not asked at this total, not for this client, not answered


@dataclass
class ScoreTable:
    """One instrument's result as a report prints it (the computed ``model.scoring.Score``, in words)."""

    instrument: str  # the id, for code (never printed)
    title: str
    version: str
    kind: str = "risk"
    total: str = ""  # only when the instrument defines categories of its total
    category: str = ""
    category_id: str = ""
    rows: list[list[str]] = field(default_factory=list)  # an instrument without parts: item / answer / points
    columns: list[str] = field(default_factory=list)
    parts: list[ScorePart] = field(default_factory=list)
    verdict: str = ""  # the RRI's verdict on the criminogenic needs assessment
    required: bool | None = None  # that verdict: True, False, None (not known yet or no rule)
    notes: list[str] = field(default_factory=list)  # unverified parts the result rests on
    unfit: str = ""  # an adult instrument answered for a child: shown, not scored


def score_tables(book: Casebook, assessment: Any, lang: str, case: Any = None) -> list[ScoreTable]:
    """The computed scores of one assessment, the risk instrument first (``case``: the intake, which tells the
    parts that apply and whether the instrument fits the client)."""
    out: list[ScoreTable] = []
    for part in PARTS:
        answers = getattr(assessment, part, None)
        if answers is None:
            continue
        result = score_part(book, assessment, part, case)
        if result is None:
            title = title_of(type(assessment).model_fields[part], part, lang)
            out.append(ScoreTable(answers.instrument, title, answers.version,
                                  category=t("rpt.score.unknown_instrument", lang)))
            continue
        inst = result.instrument
        prio = set(result.priorities)
        answer = title_of(type(answers).model_fields["answers"], "answers", lang)
        table = ScoreTable(inst.id, inst.title(lang), inst.version, inst.kind)
        if case is not None and not fits_client(inst, case, assessment):
            table.unfit = t("rpt.score.unfit_child" if inst.client != "anak" else "rpt.score.unfit_adult", lang)
        points_cols = [t("rpt.no", lang), t("rpt.score.item", lang), answer, t("rpt.score.points", lang)]
        tick_cols = [t("rpt.no", lang), t("rpt.score.item", lang), answer]

        def row(n: int, s: Any, points: bool) -> list[str]:
            chosen = s.option.label(lang) if s.option else (s.answer or "–")
            cells = [str(n), s.item.text(lang), chosen]
            return [*cells, "" if s.points is None else str(s.points)] if points else cells

        if inst.kind == "needs" and not inst.parts:
            table.columns = [t("rpt.score.domain", lang), t("rpt.score.level", lang), t("rpt.score.priority", lang)]
            table.rows = [[s.item.text(lang), s.option.label(lang) if s.option else (s.answer or "–"),
                           t("rpt.bool.yes", lang) if s.item.id in prio else ""] for s in result.items]
        elif not inst.parts:
            table.columns = points_cols
            table.rows = [row(i, s, True) for i, s in enumerate(result.items, 1)]
        for p in result.parts:
            scored = p.part.scored
            shown = ScorePart(p.part.title(lang), points_cols if scored else tick_cols)
            shown.rows = [row(i, s, scored) for i, s in enumerate(p.items, 1) if s.answer is not None or scored]
            if p.applies is False:
                shown.rows, shown.note = [], t(f"rpt.score.not_for_{p.part.applies_to}", lang)
            elif p.asked is False and not p.answered:
                shown.rows, shown.note = [], t("rpt.score.not_asked", lang, threshold=p.part.asked_below)
            elif not p.answered:
                shown.rows, shown.note = [], t("rpt.score.not_answered", lang)
            if scored and p.part.cutoffs and p.cutoff:
                shown.note = t("rpt.score.part_category", lang, points=p.points, category=p.cutoff.label(lang))
            table.parts.append(shown)
        if result.has_total and not table.unfit:
            table.total = f"{result.total} / {inst.max_total}"
            if not result.complete:
                table.total += f" ({t('rpt.score.incomplete', lang)})"
            table.category, table.category_id = result.label(lang), result.category or ""
        if result.verdict is not None and not table.unfit:
            table.verdict, table.required = result.verdict_text(lang), result.verdict.required
        table.notes = [n.get(lang) for n in result.notes]
        out.append(table)
    return out


def score_node(s: ScoreTable, lang: str) -> Node:
    """A score as computed answers shown with its assessment in the case file."""
    from bapascase.model.assessment import AssessmentDoc

    # the version under the title the model gives it ("Versi instrumen")
    children = [Node("version", title_at(AssessmentDoc, "rri.version", lang), "value", text=s.version)]
    if s.unfit:
        children.append(Node("unfit", t("rpt.score.category", lang), "value", text=s.unfit))
    if s.total:
        children.append(Node("total", t("rpt.score.total", lang), "value", text=s.total))
    if s.category:
        children.append(Node("category", t("rpt.score.category", lang), "value", text=s.category))
    if s.verdict:
        children.append(Node("verdict", t("rpt.score.verdict", lang), "value", text=s.verdict))
    if s.rows:
        children.append(Node("rows", s.title, "table", columns=s.columns, rows=s.rows))
    for n, p in enumerate(s.parts):
        if p.rows:
            children.append(Node(f"part{n}", p.title, "table", columns=p.columns, rows=p.rows))
        elif p.note:
            children.append(Node(f"part{n}", p.title, "value", text=p.note))
    if s.notes:
        children.append(Node("notes", t("rpt.score.notes", lang), "list", items=s.notes))
    return Node(s.instrument, f"{s.title} ({t('rpt.score.computed', lang)})", "group", children=children)


def walk_hooks(book: Casebook, lang: str) -> dict[type, Hook]:
    """Instrument answers in the case file (the complete record): the instrument by its title, each item with its
    text and the chosen option's label and points."""
    from bapascase.model.assessment import CriminogenicAnswers, RriAnswers
    from bapascase.model.scoring import score

    known = load_instruments(book)

    def hook(value: Any, label: str, name: str, lang_: str) -> Node | None:
        # every field as usual (version, notes...), the instrument named, the answers as a labelled table
        children = walk(value, lang, {})
        inst = known.get((value.instrument, str(value.version)))
        if inst is not None:
            result = score(inst, value.answers)
            rows = [[s.item.text(lang), s.option.label(lang) if s.option else (s.answer or ""),
                     "" if s.points is None else str(s.points)]
                    for s in result.items if s.answer is not None]
            rows += [[k, v, ""] for k, v in value.answers.items() if k in result.unknown_items]
            answer = title_of(type(value).model_fields["answers"], "answers", lang)
            table = Node("answers", answer, "table", columns=[t("rpt.score.item", lang), answer, t("rpt.score.points", lang)],
                         rows=rows)
            # the instrument by its title: its code is for the files, not for the people who read the record
            children = [table if c.name == "answers" else
                        Node("instrument", c.label, "value", text=inst.title(lang)) if c.name == "instrument" else c
                        for c in children]
        return Node(name, label, "group", children=children)

    return {RriAnswers: hook, CriminogenicAnswers: hook}
