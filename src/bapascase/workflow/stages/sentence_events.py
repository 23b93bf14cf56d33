"""The rules of the legal events of the community sentences (restitution payments, condition outcomes, the
pertimbangan), which need the case: called by the event behaviour (``event.py``) for recording and ``check``.

- a payment and an outcome are for pidana pengawasan, and name a condition of its intake (a payment: a
  restitution condition, and never more than is outstanding before it);
- a pertimbangan recommends only what its programme's data allows (``recommendations``), an extension no longer
  than the sentence imposed (Pasal 76 ayat (5) UU 1/2023);
- a proof names a file that exists in the case's ``attachments/``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.i18n import t
from bapascase.model import derive, records
from bapascase.model.registry import Stage
from bapascase.model.text import money
from bapascase.store.casebook import Casebook
from bapascase.workflow.stages.base import Located, as_the_model_asks

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Custom, Interview, Path_

KINDS = (derive.EV_PAYMENT, derive.EV_OUTCOME, derive.EV_PERTIMBANGAN)


def _case(book: Casebook, case_id: str) -> Any:
    from bapascase.model.case import CaseDoc
    from bapascase.model.validation import validate

    raw = book.read_one(case_id, Stage.CASE)
    doc, _ = validate(CaseDoc, raw) if isinstance(raw, dict) else (None, [])
    return doc


def problems(book: Casebook, case_id: str, doc: Any) -> list[Located]:
    kind = getattr(doc, "kind", None)
    out: list[Located] = []
    proof = getattr(doc, "proof", None)
    if proof and not (book.case_dir(case_id) / "attachments" / proof).is_file():
        out.append((("proof",), t("val.proof_missing", value=proof)))
    if kind not in KINDS:
        return out
    case = _case(book, case_id)
    if case is None:
        return out
    legal = case.legal
    if kind == derive.EV_PERTIMBANGAN:
        return out + _pertimbangan(case, doc)
    if legal.pengawasan is None:
        return [*out, (("kind",), t("val.event_not_pengawasan", programme=legal.programme.value))]
    conditions = {c.id: c for c in legal.pengawasan.special_conditions}
    if kind == derive.EV_OUTCOME:
        from bapascase.model.sentences import UMUM

        if doc.condition != UMUM and doc.condition not in conditions:
            out.append((("condition",), t("val.unknown_condition", value=doc.condition,
                                          known=", ".join([UMUM, *conditions]))))
        return out
    found = conditions.get(doc.condition)
    restitution = [c.id for c in conditions.values() if c.amount is not None]
    if found is None or found.amount is None:
        out.append((("condition",), t("val.not_restitution", value=doc.condition,
                                      known=", ".join(restitution) or "-")))
        return out
    mine = getattr(doc, "_source", None)
    paid_before = sum(p.amount for ref, p in _payments(book, case_id)
                      if ref != mine and p.condition == doc.condition and (p.date, ref) < (doc.date, mine or "~"))
    if paid_before + doc.amount > found.amount:
        out.append((("amount",), t("val.payment_beyond", amount=money(found.amount), paid=money(paid_before),
                                   outstanding=money(max(0, found.amount - paid_before)))))
    return out


def _payments(book: Casebook, case_id: str) -> list[tuple[str, Any]]:
    from bapascase.model.event import EventDoc
    from bapascase.model.validation import validate

    folder = book.case_dir(case_id)
    out = []
    for path, raw in book.read_docs(case_id, Stage.EVENT):
        if records.text(raw, Stage.EVENT, "kind") != derive.EV_PAYMENT:
            continue
        doc, _ = validate(EventDoc, raw)
        if doc is not None:
            out.append((path.relative_to(folder).as_posix(), doc))
    return out


def _pertimbangan(case: Any, doc: Any) -> list[Located]:
    from bapascase.model.programmes import programme
    from bapascase.model.sentences import UMUM

    legal = case.legal
    info = programme(legal.programme.value)
    allowed = info.recommendations if info else {}
    out: list[Located] = []
    if doc.recommendation.value not in allowed:
        known = ", ".join(allowed) or "-"
        out.append((("recommendation",), t("val.recommendation_other", value=doc.recommendation.value,
                                           programme=legal.programme.value, known=known)))
        return out
    start, end = legal.supervision_start, legal.supervision_end
    if doc.recommendation.value == "perpanjangan" and doc.months is not None and end is not None:
        imposed = _months(start, end)
        basis = allowed["perpanjangan"].basis
        if doc.months > imposed:
            out.append((("months",), t("val.extension_beyond", months=doc.months, imposed=imposed, basis=basis)))
    ids: set[str] = {c.id for c in (legal.pengawasan.special_conditions if legal.pengawasan else ())}
    if legal.pengawasan:
        ids.add(UMUM)
    for i, cid in enumerate(doc.conditions):
        if cid not in ids:
            out.append((("conditions", i), t("val.unknown_condition", value=cid, known=", ".join(sorted(ids)) or "-")))
    return out


def _months(start: dt.date, end: dt.date) -> int:
    """The whole months from ``start`` to ``end`` (both counted): the length of the sentence imposed."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if derive.add_months(start, months) - dt.timedelta(days=1) < end:
        months += 1
    return months


def defaults(book: Casebook, case_id: str, kind: str, today: dt.date) -> dict[str, Any]:
    """What a new event of these kinds is offered: the restitution condition still owed; for a pertimbangan, the
    prosecutor's office from the intake and the records to cite (conditions not met, sessions missed or late)."""
    case = _case(book, case_id)
    if case is None:
        return {}
    legal = case.legal
    summary = _summary(book, case_id)
    d: dict[str, Any] = {}
    if kind == derive.EV_PAYMENT:
        owed = [c["id"] for c in summary.get("conditions") or [] if (c.get("outstanding") or 0) > 0]
        if len(owed) == 1:
            d["condition"] = owed[0]
    elif kind == derive.EV_PERTIMBANGAN:
        terms = legal.pengawasan or legal.kerja_sosial
        if terms is not None and terms.prosecutor:
            d["to"] = t("event.to_prosecutor", office=terms.prosecutor)
        d["cites"] = grounds_to_cite(book, case_id)
    return d


def _summary(book: Casebook, case_id: str) -> dict[str, Any]:
    from bapascase.store.index import summary_of

    return summary_of(book, case_id)


def grounds_to_cite(book: Casebook, case_id: str) -> list[str]:
    """The records a pertimbangan rests on by default: every condition outcome not met, every payment, and the
    work sessions missed, left early or come late."""
    folder = book.case_dir(case_id)
    out: list[tuple[dt.date, str]] = []
    for path, raw in book.read_docs(case_id, Stage.EVENT):
        kind = records.text(raw, Stage.EVENT, "kind")
        if (kind == derive.EV_OUTCOME and records.text(raw, Stage.EVENT, "outcome") != derive.CO_MET) or \
                kind == derive.EV_PAYMENT:
            out.append((records.date(raw, Stage.EVENT, "date") or dt.date.min, path.relative_to(folder).as_posix()))
    for path, raw in book.read_docs(case_id, Stage.SERVICE):
        if records.text(raw, Stage.SERVICE, "attendance") not in (None, "hadir"):
            out.append((records.date(raw, Stage.SERVICE, "date") or dt.date.min,
                        path.relative_to(folder).as_posix()))
    return [ref for _, ref in sorted(out)]


# -- prompts ------------------------------------------------------------------------------------------------------


def prompts(book: Casebook, case_id: str) -> dict[str, Custom]:
    """A condition chosen from the intake's (a payment: the restitution ones); the recommendation from what the
    programme allows, with its article; the months asked only for a recommendation that names them."""
    return {"condition": only_for(KINDS, condition_select(book, case_id)),
            "conditions": only_for(KINDS, condition_checkbox(book, case_id)),
            "recommendation": only_for((derive.EV_PERTIMBANGAN,), recommendation_select(book, case_id)),
            "months": only_for((derive.EV_PERTIMBANGAN,), months_prompt())}


def only_for(kinds: tuple[str, ...], custom: Custom) -> Custom:
    """A prompt of these kinds of event; a field of the same name in another kind (a TPP session's
    recommendation) is asked the model's own way."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        kind = iv.model.model_fields["kind"].default if "kind" in iv.model.model_fields else None
        return custom(iv, path, current) if kind in kinds else as_the_model_asks(iv, path)

    return ask


def _choices(book: Casebook, case_id: str, restitution_only: bool, lang: str) -> list[tuple[str, str]]:
    from bapascase.model.sentences import UMUM

    case = _case(book, case_id)
    terms = case.legal.pengawasan if case is not None else None
    if terms is None:
        return []
    out = [] if restitution_only else [(UMUM, f"{UMUM}: {terms.general_condition}")]
    out += [(c.id, f"{c.id}: {c.text} ({c.kind.label(lang)})") for c in terms.special_conditions
            if not restitution_only or c.amount is not None]
    return out


def condition_select(book: Casebook, case_id: str) -> Custom:
    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of

        info = iv._info_at(path)
        assert info is not None
        title = title_of(info, str(path[-1]), iv.lang)
        kind = iv.model.model_fields["kind"].default
        choices = _choices(book, case_id, kind == derive.EV_PAYMENT, iv.lang)
        if not choices:  # not a pengawasan case: typed, and the rules say what is wrong
            return iv._ask_scalar(path, info, str, False, title)
        return iv.choose(path, title, choices, current)

    return ask


def condition_checkbox(book: Casebook, case_id: str) -> Custom:
    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of

        info = iv._info_at(path)
        assert info is not None
        choices = _choices(book, case_id, False, iv.lang)
        if not choices:
            return list(current or [])
        known = {c for c, _ in choices}
        return iv.prompter.checkbox(title_of(info, str(path[-1]), iv.lang), choices,
                                    [c for c in current or [] if c in known])

    return ask


def recommendation_select(book: Casebook, case_id: str) -> Custom:
    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of
        from bapascase.model.programmes import programme

        case = _case(book, case_id)
        info = programme(case.legal.programme.value) if case is not None else None
        allowed = info.recommendations if info else {}
        field_info = iv._info_at(path)
        assert field_info is not None
        title = title_of(field_info, str(path[-1]), iv.lang)
        if not allowed:  # not a community sentence: every choice, and the rules say what is wrong
            from bapascase.model.event import Recommendation

            choices = [(str(r.value), r.label(iv.lang)) for r in Recommendation]
        else:
            choices = [(code, f"{r.label(iv.lang)} ({r.basis})") for code, r in allowed.items()]
        return iv.choose(path, title, choices, current)

    return ask


def months_prompt() -> Custom:
    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.meta import title_of
        from bapascase.model.programmes import recommendation
        from bapascase.workflow.wizard import as_text, get_in

        found = recommendation(as_text(get_in(iv.answers, ("recommendation",))))
        if found is None or not found.months:
            return None
        info = iv._info_at(path)
        assert info is not None
        return iv._ask_scalar(path, info, int, False, title_of(info, str(path[-1]), iv.lang), required=True)

    return ask
