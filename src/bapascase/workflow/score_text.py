"""Instrument results in words for the terminal: the assessment's review screen, its save message and ``show``.

They read the instrument engine's generic result (``store.instrument_files.score_assessment``: one JSON-ready
dict per instrument part, whatever parts and kinds the casebook's instruments define), never a part by name, so an
instrument added later shows the same way. Plain Python: ``show`` imports this without pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bapascase.i18n import t


def _text(labels: Any, lang: str) -> str:
    if isinstance(labels, Mapping):
        return str(labels.get(lang) or labels.get("id") or "")
    return "" if labels is None else str(labels)


def _is_needs(result: Mapping[str, Any]) -> bool:
    # a needs instrument (criminogenic domains) prints levels and priorities, never a total it does not define
    return result.get("kind") == "needs"


def part_summary(result: Mapping[str, Any] | None, lang: str) -> str | None:
    """One instrument's result in one line: ``Sedang (7/17)``, ``Sedang; prioritas: ...``, or how much is
    missing; None when the part is absent or its instrument unknown."""
    if not result or not result.get("known"):
        return None
    if not result.get("complete"):
        return t("show.incomplete", lang, n=len(result.get("unanswered") or []))
    category = _text(result.get("category_label"), lang)
    if _is_needs(result):
        priorities = [_text(i.get("text"), lang) for i in result.get("items", []) if i.get("priority")]
        # a level only where the instrument defines categories: the built-in needs instruments define none
        level = f"{category}; " if category else ""
        return f"{level}{t('show.priorities', lang)}: {', '.join(priorities) or '-'}"
    return f"{category} ({result.get('total')}/{result.get('max_total')})"


def summary_lines(scores: Mapping[str, Any], lang: str) -> list[str]:
    """Each instrument part's short title and one-line result (the save message, ``show``)."""
    out = []
    for result in scores.values():
        line = part_summary(result, lang) if isinstance(result, Mapping) else None
        if line is not None:
            out.append(f"{_text(result.get('short_title'), lang)}: {line}")
            if _text(result.get("verdict_text"), lang):  # whether the criminogenic assessment must be done
                out.append(_text(result.get("verdict_text"), lang))
    return out


def review_lines(scores: Mapping[str, Any], lang: str, indent: str = "  ") -> list[str]:
    """Every instrument part item by item, with its chosen option, points, total and category (or levels and
    priorities): what the review screen shows before an assessment is saved."""
    out: list[str] = []
    for result in scores.values():
        if not isinstance(result, Mapping) or not result.get("known"):
            continue
        out.append(f"{indent}{_text(result.get('title'), lang)} ({result.get('version')}, "
                   f"{t('kbd.computed', lang)}):")
        needs = _is_needs(result)
        parts = {p.get("id"): p for p in result.get("parts") or [] if isinstance(p, Mapping)}
        shown_part: Any = None
        number = 0
        for item in result.get("items") or []:
            part = parts.get(item.get("part"))
            if part is not None:
                # a part that does not apply to this client (C for a man) or is not asked at this total (B-D
                # once part A reaches the threshold) is left out unless it was answered
                if (part.get("applies") is False or part.get("asked") is False) and not part.get("answered"):
                    continue
                if part.get("id") != shown_part and len(parts) > 1:
                    shown_part, number = part.get("id"), 0
                    out.append(f"{indent}  {_text(part.get('title'), lang)}")
            number += 1
            answer = _text(item.get("option_label"), lang) or t("kbd.unanswered", lang)
            if needs:
                mark = f" · {t('kbd.priority', lang)}" if item.get("priority") else ""
                out.append(f"{indent}  {_text(item.get('text'), lang)}: {answer}{mark}")
            else:
                points = "" if item.get("points") is None or (part and not part.get("scored")) \
                    else f" ({item.get('points')})"
                out.append(f"{indent}  {number}. {_text(item.get('text'), lang)}: {answer}{points}")
        summary = part_summary(result, lang)
        if needs and _text(result.get("category_label"), lang):
            out.append(f"{indent}  {t('kbd.level', lang)}: {summary}")
        elif needs:
            out.append(f"{indent}  {summary}")
        elif result.get("complete"):
            out.append(f"{indent}  " + t("kbd.total_category", lang, total=result.get("total"),
                                         max=result.get("max_total"),
                                         category=_text(result.get("category_label"), lang)))
        else:
            out.append(f"{indent}  {summary}")
        if _text(result.get("verdict_text"), lang):  # the RRI's verdict: "kriminogenik wajib dilakukan"
            out.append(f"{indent}  {_text(result.get('verdict_text'), lang)}")
    return out
