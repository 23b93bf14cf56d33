"""Instrument answers and scores as report content: item texts, chosen options, points, totals, categories.

Scores are never stored; they are computed here from the definitions (``bapascase.store.instrument_files``), so a
report always shows what the recorded answers mean under the version they were given with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bapascase.i18n import t
from bapascase.model.meta import title_of
from bapascase.reports.walk import Hook, Node, walk
from bapascase.store.casebook import Casebook
from bapascase.store.instrument_files import PARTS, load_instruments, score_part


@dataclass
class ScoreTable:
    """One instrument's result as a report prints it (the computed ``model.scoring.Score``, in words)."""

    instrument: str
    title: str
    version: str
    total: str = ""
    category: str = ""
    rows: list[list[str]] = field(default_factory=list)  # item / answer / points (or domain / level)
    columns: list[str] = field(default_factory=list)


def score_tables(book: Casebook, assessment: Any, lang: str) -> list[ScoreTable]:
    """The computed scores of one assessment, RRI first."""
    out: list[ScoreTable] = []
    for part in PARTS:
        answers = getattr(assessment, part, None)
        if answers is None:
            continue
        result = score_part(book, assessment, part)
        if result is None:
            title = title_of(type(assessment).model_fields[part], part, lang)
            out.append(ScoreTable(answers.instrument, title, answers.version,
                                  category=t("rpt.score.unknown_instrument", lang)))
            continue
        inst = result.instrument
        prio = set(result.priorities)
        answer = title_of(type(answers).model_fields["answers"], "answers", lang)
        if inst.kind == "needs":
            columns = [t("rpt.score.domain", lang), t("rpt.score.level", lang), t("rpt.score.priority", lang)]
            rows = [[s.item.text(lang), s.option.label(lang) if s.option else (s.answer or "–"),
                     t("rpt.bool.yes", lang) if s.item.id in prio else ""] for s in result.items]
        else:
            columns = [t("rpt.no", lang), t("rpt.score.item", lang), answer, t("rpt.score.points", lang)]
            rows = [[str(i), s.item.text(lang), s.option.label(lang) if s.option else (s.answer or "–"),
                     "" if s.points is None else str(s.points)] for i, s in enumerate(result.items, 1)]
        total = f"{result.total} / {inst.max_total}"
        if not result.complete:
            total += f" ({t('rpt.score.incomplete', lang)})"
        out.append(ScoreTable(inst.id, inst.title(lang), inst.version, total=total, category=result.label(lang),
                              rows=rows, columns=columns))
    return out


def score_node(s: ScoreTable, lang: str) -> Node:
    """A score as computed answers shown with its assessment in the case file."""
    children = [Node("version", t("rpt.score.version", lang), "value", text=s.version)]
    if s.total:
        children.append(Node("total", t("rpt.score.total", lang), "value", text=s.total))
    if s.category:
        children.append(Node("category", t("rpt.score.category", lang), "value", text=s.category))
    if s.rows:
        children.append(Node("rows", s.title, "table", columns=s.columns, rows=s.rows))
    return Node(s.instrument, f"{s.title} ({t('rpt.score.computed', lang)})", "group", children=children)


def walk_hooks(book: Casebook, lang: str) -> dict[type, Hook]:
    """Instrument answers in the case file: each item with its text and the chosen option's label and points."""
    from bapascase.model.assessment import CriminogenicAnswers, RriAnswers
    from bapascase.model.scoring import score

    known = load_instruments(book)

    def hook(value: Any, label: str, name: str, lang_: str) -> Node | None:
        # every field as usual (instrument, version, notes...), the answers as a labelled table
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
            children = [table if c.name == "answers" else c for c in children]
        return Node(name, label, "group", children=children)

    return {RriAnswers: hook, CriminogenicAnswers: hook}
