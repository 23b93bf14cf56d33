"""The practicum report's own content (``r.practicum``): the abstract and keywords drawn from the records, the
sources of the method, the activities as phrases, the citation of each theory the plan names and the reference
list of the works it cites (``bapascase/data/references.yaml``), and how many goals were met."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bapascase.i18n import t
from bapascase.model.meta import enum_label
from bapascase.model.references import method_works, theory_works


@dataclass
class PracticumView:
    abstract: str
    keywords: list[str]
    sources: list[str]
    activities: list[str]
    cites: dict[str, str]  # theory code -> "Bronfenbrenner, 1979"
    method_cite: str
    references: list[str] = field(default_factory=list)
    achieved: int = 0
    law: str = ""


def view(report: Any, lang: str) -> PracticumView:
    plan, assessment, termination, case = report.plan, report.assessment, report.termination, report.case
    theories = [th.value for th in (plan.theories if plan else ()) if th.value in theory_works()]
    cited = [theory_works()[code] for code in theories] + list(method_works())
    law = next((b["title"] for b in report.legal.get("bases", ()) if b["short"] == "UU 22/2022"), "")
    references = sorted({w.reference for w in cited} | ({law} if law else set()))
    focus = " ".join((plan.summary or "").split()) if plan else ""
    if termination is not None and termination.evaluation.changes_observed:
        result = t("rpt.pr.abstract_result", lang, changes=" ".join(termination.evaluation.changes_observed.split()))
    else:
        result = t("rpt.pr.abstract_ongoing", lang)
    abstract = " ".join(x for x in (
        t("rpt.pr.abstract_text", lang, client=report.client, sex=enum_label(case.identity.sex, lang).lower(),
          age=report.facts.get("age"), offence=case.legal.offence.lower(), programme=report.facts["programme"],
          office=report.office.get("name", "")),
        t("rpt.pr.abstract_focus", lang, focus=focus) if focus else "",
        result,
    ) if x)
    keywords = [t("rpt.pr.kw_intervention", lang), t("rpt.pr.kw_client", lang), t("rpt.pr.kw_reintegration", lang)]
    keywords += [enum_label(th, lang) for th in (plan.theories if plan else ()) if th.value != "lainnya"]
    activities = []
    for act in plan.activities if plan else ():
        where = ", ".join(x for x in (act.partner or "", act.venue or "") if x)
        activities.append(act.name + (f" ({where})" if where else ""))
    achieved = sum(1 for g in report.goals if (g["outcome"] or g["latest"] or {}).get("key") == "tercapai")
    return PracticumView(
        abstract=abstract,
        keywords=list(dict.fromkeys(keywords)),
        sources=list(assessment.sources) if assessment is not None else [],
        activities=activities,
        cites={code: theory_works()[code].cite for code in theories},
        method_cite="; ".join(w.cite for w in method_works()),
        references=references,
        achieved=achieved,
        law=law,
    )
