"""The intake (``new``): dated today, the officer chosen from the casebook's list (pre-set when it lists one PK);
the terms of a community sentence asked only for its programme; each article typed as free text tagged with its
code once the whole intake is known (the dates say which code a plain "KUHP" is); an article whose code does not
match the offence's date is a warning.

The case has no id until it is registered, so these hooks never read the (empty) ``case_id``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.i18n import t
from bapascase.model.registry import Stage
from bapascase.store.casebook import Casebook
from bapascase.workflow.officers import officer_part
from bapascase.workflow.stages.base import Located, StageBehaviour, only_when_sibling, part_when

if TYPE_CHECKING:
    from bapascase.model.base import Doc
    from bapascase.workflow.wizard import Custom, Interview, Path_


def _sentence_of(iv: Interview) -> str | None:
    from bapascase.model.programmes import programme
    from bapascase.workflow.wizard import as_text, get_in

    found = programme(as_text(get_in(iv.answers, ("legal", "programme"))))
    return found.sentence if found else None


def sentence_prompts() -> dict[str, Custom]:
    """The terms of a community sentence, asked only for the programme that has them; a condition's amount only
    for restitution; a special law's name only for a special law."""
    from bapascase.model.sentences import KERJA_SOSIAL, PENGAWASAN, ConditionKind

    out: dict[str, Custom] = {}
    for part in (PENGAWASAN, KERJA_SOSIAL):
        out[f"legal.{part}"] = part_when(lambda iv, part=part: _sentence_of(iv) == part)  # type: ignore[misc]
    out["legal.pengawasan.special_conditions.amount"] = only_when_sibling(
        "kind", [ConditionKind.RESTITUSI.value], required=True)
    out["legal.articles"] = articles_prompt()
    return out


def articles_prompt() -> Custom:
    """The articles typed one per line as a PK writes them ("Pasal 338 KUHP", "Pasal 127 ayat (1) huruf a UU
    35/2009"); their codes are read from the text once the whole intake is known (``tag_articles``)."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        from bapascase.model.articles import cite_raw
        from bapascase.model.meta import title_of

        info = iv._info_at(path)
        assert info is not None
        title = title_of(info, str(path[-1]), iv.lang)
        given = [c for item in (current or []) if (c := cite_raw(item))]
        values: list[str] = []
        while True:
            n = len(values)
            # an intake needs one article: the first empty line is refused on the spot, not after the interview
            answer = iv.prompter.text(f"{title} ({n + 1})", default=given[n] if n < len(given) else "",
                                      validate=_first_needed if n == 0 else None,
                                      instruction=t("wiz.list_hint") if n == 0 else None).strip()
            if not answer:
                return values
            values.append(answer)

    return ask


def _first_needed(text: str) -> str | None:
    return t("val.missing") if not text.strip() else None


def tag_articles(doc: Any) -> list[tuple[int, str]]:
    """Tag the free-text articles of an intake whose code its text and dates tell (in place); returns the
    ``(index, reason)`` of those left as written."""
    from bapascase.model.articles import known_code, parse

    legal = doc.legal
    applies = known_code(legal.offence_date, legal.verdict_date, legal.supervision_start, doc.intake_date)
    left: list[tuple[int, str]] = []
    for i, article in enumerate(legal.articles):
        if article.tagged:
            continue
        found = parse(article.article, applies)
        if found.code is None:
            left.append((i, found.reason))
            continue
        legal.articles[i] = type(article).model_validate(found.tagged)
    return left


def article_warnings(doc: Any, untagged: bool = True) -> list[Located]:
    """Articles of a code other than the one the offence's date points to, and those still without a code."""
    from bapascase.model.articles import code_label, known_code, mismatch
    from bapascase.model.text import long_date

    legal = doc.legal
    applies = known_code(legal.offence_date, legal.verdict_date, legal.supervision_start, doc.intake_date)
    out: list[Located] = []
    free = [str(a) for a in legal.articles if not a.tagged]
    for i, article in enumerate(legal.articles):
        code = article.code.value if article.code else None
        if mismatch(code, applies):
            later = min(d for d in (legal.verdict_date, legal.supervision_start, doc.intake_date) if d is not None)
            when = (t("warn.offence_on", date=long_date(legal.offence_date)) if legal.offence_date
                    else t("warn.offence_before", date=long_date(later)))
            out.append((("legal", "articles", i, "code"),
                        t("warn.code_mismatch", article=str(article), when=when, code=code_label(applies))))
    if free and untagged:
        out.append((("legal", "articles"), t("warn.untagged", n=len(free), articles="; ".join(free))))
    return out


class Case(StageBehaviour):
    stage = Stage.CASE

    def defaults(self, book: Casebook, case_id: str, today: dt.date) -> dict[str, Any]:
        d: dict[str, Any] = {"intake_date": today}
        pks = book.settings.officers_with("pk")
        if len(pks) == 1:
            d["assignment"] = {"officer": officer_part(pks[0])}
        return d

    def prompts(self, book: Casebook, case_id: str) -> dict[str, Custom]:
        return {"assignment.officer": officer_prompt(book), **sentence_prompts()}

    def complete(self, book: Casebook | None, case_id: str, doc: Doc) -> Doc:
        tag_articles(doc)
        return doc

    def warnings(self, book: Casebook, case_id: str, doc: Any, recording: bool = False) -> list[Located]:
        """A NIK whose birth date (DDMMYY, day + 40 for women) or sex disagrees with the record; an article of a
        code the offence's date does not point to, and (for ``check``) articles left untagged."""
        from bapascase.i18n import get_lang
        from bapascase.model.text import long_date
        from bapascase.model.types import nik_birth

        out = super().warnings(book, case_id, doc, recording)
        out += article_warnings(doc, untagged=not recording)
        out += _child_age_warnings(doc)
        identity = getattr(doc, "identity", None)
        nik = getattr(identity, "nik", None)
        if not nik or identity is None:
            return out
        born = nik_birth(nik)
        birth = identity.birth_date
        if not born.matches(birth):
            out.append((("identity", "nik"), t("kbd.warn.nik_birth", nik=born.digits,
                                                birth=long_date(birth, get_lang()))))
        if born.sex != identity.sex.value:
            out.append((("identity", "nik"), t("kbd.warn.nik_sex", sex=identity.sex.label())))
        return out

    def schema(self, schema: dict[str, Any], book: Casebook | None) -> dict[str, Any]:
        """The legal part needs the end of the masa bimbingan, or (for a programme whose end is derived from it,
        ``bapascase/data/programmes.yaml``) the ekspirasi."""
        from bapascase.model.programmes import programmes

        defs = schema.get("$defs", {})
        legal = defs.get("Legal")
        if isinstance(legal, dict):
            required = list(legal.get("required", []))
            derived = [code for code, p in programmes().items() if p.end_from_expiry_years is not None]
            legal["anyOf"] = [
                {"required": [*required, "supervision_end"]},
                {"required": [*required, "expiry"], "properties": {"programme": {"enum": derived}}},
            ]
            # the terms of a community sentence: required for its programme (and refused for any other, which
            # only the validator says)
            legal["allOf"] = [
                {"if": {"properties": {"programme": {"enum": codes}}, "required": ["programme"]},
                 "then": {"required": [part]}}
                for part, codes in _sentence_programmes().items()]
        article = defs.get("Article")
        if isinstance(article, dict):  # free text, as earlier casebooks wrote articles, is valid too
            head = {k: article.pop(k) for k in ("title", "description", "x-title-en", "x-help-en") if k in article}
            defs["Article"] = {**head, "anyOf": [{"type": "string", "minLength": 1}, article]}
        _limits_in_schema(defs)
        return schema


def officer_prompt(book: Casebook) -> Custom:
    """Choose the PK from the casebook's officer list (or type one in)."""

    def ask(iv: Interview, path: Path_, current: Any) -> Any:
        pks = book.settings.officers_with("pk")
        if not pks:
            return _ask_officer_fields(iv, path)
        choices = [(str(i), f"{o.name} ({o.nip or '-'})") for i, o in enumerate(pks)]
        choices.append(("other", t("wiz.other_officer")))
        default = None
        if isinstance(current, dict):
            default = next((str(i) for i, o in enumerate(pks) if o.name == current.get("name")), None)
        chosen = iv.prompter.select(t("wiz.choose_officer"), choices, default=default)
        if chosen == "other":
            return _ask_officer_fields(iv, path)
        return officer_part(pks[int(chosen)])

    return ask


def _ask_officer_fields(iv: Interview, path: Path_) -> Any:
    from bapascase.model.case import Officer
    from bapascase.workflow.wizard import get_in

    iv.custom = {k: v for k, v in iv.custom.items() if k != "assignment.officer"}
    for name, sub in Officer.model_fields.items():
        iv._ask_field((*path, name), sub, force=True)
    return get_in(iv.answers, path)



def _sentence_programmes() -> dict[str, list[str]]:
    """Each intake part of a community sentence and the programmes that need it."""
    from bapascase.model.programmes import programmes

    out: dict[str, list[str]] = {}
    for code, p in programmes().items():
        if p.sentence:
            out.setdefault(p.sentence, []).append(code)
    return out


def _limits_in_schema(defs: dict[str, Any]) -> None:
    """The limits of the law (``bapascase/data/programmes.yaml``) as the schema's minimum and maximum, so an editor
    flags 250 hours as the intake does."""
    from bapascase.model.sentences import KERJA_SOSIAL, PENGAWASAN, limit_of

    for model, part, name, key, bound in (
        ("KerjaSosial", KERJA_SOSIAL, "hours_ordered", "hours_min", "minimum"),
        ("KerjaSosial", KERJA_SOSIAL, "hours_ordered", "hours_max", "maximum"),
        ("KerjaSosial", KERJA_SOSIAL, "hours_per_day", "hours_per_day_max", "maximum"),
        ("KerjaSosial", KERJA_SOSIAL, "replaced_prison_months", "replaced_prison_months_max", "maximum"),
        ("KerjaSosial", KERJA_SOSIAL, "threat_months", "threat_months_below", "exclusiveMaximum"),
        ("Pengawasan", PENGAWASAN, "threat_months", "threat_months_max", "maximum"),
    ):
        limit = limit_of(part, key)
        node = ((defs.get(model) or {}).get("properties") or {}).get(name)
        if limit is None or limit.value is None or not isinstance(node, dict):
            continue
        target = next((n for n in node.get("anyOf", []) if n.get("type") == "integer"), node)
        if bound == "exclusiveMaximum":
            target.pop("maximum", None)
        target[bound] = limit.value


BEHAVIOUR = Case()


def _child_age_warnings(doc: Any) -> list[Located]:
    """A child programme (diversion, a child's conditional or supervision sentence) for a client who was under 12
    or 18 and over at the offence: the programme or one of the dates is wrong (UU 11/2012 Pasal 1 angka 3)."""
    from bapascase.i18n import get_lang
    from bapascase.model.derive import CHILD_AGE, CHILD_MIN_AGE, child_age_at_offence
    from bapascase.model.programmes import programmes
    from bapascase.model.text import long_date

    legal, identity = getattr(doc, "legal", None), getattr(doc, "identity", None)
    code = getattr(getattr(legal, "programme", None), "value", None)
    info = programmes().get(code) if isinstance(code, str) else None
    if info is None or not info.child or identity is None or legal is None:
        return []
    years = child_age_at_offence(identity.birth_date, legal.offence_date)
    if years is None:
        return []
    return [(("legal", "programme"), t("kbd.warn.child_age", programme=info.label(), age=years,
                                       offence=long_date(legal.offence_date, get_lang()), low=CHILD_MIN_AGE,
                                       high=CHILD_AGE))]
