"""Anonymisation of the report data, in one place, before anything is rendered.

- the client becomes their initials; family members become their relation ("Istri", "Anak 2");
- the guarantor, genogram people who are not known family, victims and other named people get neutral labels;
- NIK, phone numbers, e-mail, street addresses, the exact birth date (the age stays), register/verdict/decree
  numbers and photos/attachments are dropped (a required field gets a neutral placeholder instead);
- every remaining text (narratives, notes, resource names...) is scrubbed: the names above (in full and word by
  word), any 16-digit number and anything that looks like a phone number are replaced.

The officers (PK, praktikan, Kepala Bapas) are the authors of the report and keep their names.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from bapascase.i18n import t
from bapascase.model.meta import enum_label
from bapascase.model.text import initials

# fields dropped wherever they occur
DROP = frozenset({
    "nik", "phone", "phones", "email", "photo", "photos", "attachment", "attachments", "files",
    "verdict_number", "register_lapas", "register_litmas", "register_number", "sk_number", "nip_client",
    "aliases", "letter_number", "birth_date",
})
ADDRESS = frozenset({"address", "street", "alamat", "home_address", "domicile"})
# parts whose ``name`` is a professional's, not a data subject's
AUTHORS = frozenset({"officer", "praktikan", "assignment", "from_officer", "to_officer", "to", "previous"})
# word-by-word replacement skips these (they are not names)
NOT_NAMES = frozenset({
    "bin", "binti", "br", "boru", "als", "alias", "van", "de", "von", "dan", "and", "the", "pak", "bu", "ibu", "bapak",
    "mas", "mbak", "kak", "adik", "abang", "bang", "anak", "istri", "suami", "ayah", "nenek", "kakek",
})
_NIK_RE = re.compile(r"(?<!\d)\d{16}(?!\d)")
_PHONE_RE = re.compile(r"(?<![\w])(?:\+62|62|0)[ -]?8[0-9](?:[ -]?[0-9]){6,11}(?!\d)")
_LONG_DIGITS = re.compile(r"(?<!\d)\d[\d .-]{10,}\d(?!\d)")


@dataclass
class Redactor:
    """Replaces every known name (and identifier pattern) in free text."""

    lang: str
    names: dict[str, str] = field(default_factory=dict)  # lower-cased name or word -> label
    literals: dict[str, str] = field(default_factory=dict)  # exact strings (addresses) -> label
    _re: re.Pattern[str] | None = None

    def add_name(self, name: str | None, label: str) -> None:
        if not name:
            return
        full = " ".join(name.split())
        self.names.setdefault(full.lower(), label)
        for part in re.split(r"[\s,.()/]+", full):
            # "als." and "bin" parts are not names of their own
            if len(part) >= 3 and part.lower() not in NOT_NAMES and part[0].isalpha():
                self.names.setdefault(part.lower(), label)
        self._re = None

    def add_literal(self, text: str | None, label: str) -> None:
        if text and len(text.strip()) >= 6:
            self.literals.setdefault(" ".join(text.split()).lower(), label)
            self._re = None

    def _pattern(self) -> re.Pattern[str] | None:
        if self._re is None:
            keys = sorted({*self.names, *self.literals}, key=len, reverse=True)
            if not keys:
                return None
            alts = "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in keys)
            self._re = re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)
        return self._re

    def text(self, value: str) -> str:
        pattern = self._pattern()
        if pattern is not None:
            def repl(m: re.Match[str]) -> str:
                key = " ".join(m.group(0).split()).lower()
                return self.literals.get(key) or self.names.get(key) or t("rpt.anon.person", self.lang)

            value = pattern.sub(repl, value)
        value = _NIK_RE.sub(t("rpt.anon.number", self.lang), value)
        value = _PHONE_RE.sub(t("rpt.anon.number", self.lang), value)
        return value


def _person_label(relation: Any, sex: Any, lang: str) -> str:
    rel = getattr(relation, "value", relation)
    sx = getattr(sex, "value", sex)
    if rel == "pasangan" and sx in ("L", "P"):
        return t(f"rpt.anon.spouse_{sx}", lang)
    if relation is None:
        return t("rpt.anon.person", lang)
    return enum_label(relation, lang)


def _numbered(labels: list[str]) -> list[str]:
    """"Anak", "Anak" -> "Anak 1", "Anak 2" (single labels stay as they are)."""
    counts: dict[str, int] = {}
    for lb in labels:
        counts[lb] = counts.get(lb, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for lb in labels:
        if counts[lb] > 1:
            seen[lb] = seen.get(lb, 0) + 1
            out.append(f"{lb} {seen[lb]}")
        else:
            out.append(lb)
    return out


def build_redactor(case: Any, lang: str) -> tuple[Redactor, dict[int, str]]:
    """The redactor for one case, plus the label given to each family member (by list position)."""
    red = Redactor(lang)
    ident = getattr(case, "identity", None)
    client_label = initials(getattr(ident, "name", "")) or t("rpt.anon.client", lang)
    if ident is not None:
        red.add_name(ident.name, client_label)
        for alias in getattr(ident, "aliases", None) or []:
            red.add_name(alias, client_label)
        red.add_literal(getattr(ident, "address", None), t("rpt.anon.address", lang))
    family = list(getattr(case, "family", None) or [])
    labels = _numbered([_person_label(m.relation, getattr(m, "sex", None), lang) for m in family])
    fam_labels: dict[int, str] = {}
    for i, (member, label) in enumerate(zip(family, labels, strict=True)):
        fam_labels[i] = label
        red.add_name(member.name, label)
        red.add_literal(getattr(member, "address", None), t("rpt.anon.address", lang))
    guarantor = getattr(case, "guarantor", None)
    if guarantor is not None:
        red.add_name(guarantor.name, t("rpt.anon.guarantor", lang))
        red.add_literal(getattr(guarantor, "address", None), t("rpt.anon.address", lang))
    return red, fam_labels


Rule = Callable[[tuple[str | int, ...], Any], Any]
_KEEP = object()


def transform(obj: Any, rule: Rule, path: tuple[str | int, ...] = ()) -> Any:
    """A copy of ``obj`` with ``rule`` applied to every field (depth first); pydantic parts are copied."""
    if isinstance(obj, BaseModel):
        update: dict[str, Any] = {}
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            new = rule((*path, name), value)
            if new is _KEEP:
                new = transform(value, rule, (*path, name))
            if new is not value:
                update[name] = new
        return obj.model_copy(update=update) if update else obj
    if isinstance(obj, list):
        out = []
        changed = False
        for i, v in enumerate(obj):
            new = rule((*path, i), v)
            if new is _KEEP:
                new = transform(v, rule, (*path, i))
            changed = changed or new is not v
            out.append(new)
        return out if changed else obj
    if isinstance(obj, dict):
        result = {}
        for k, v in obj.items():
            new = rule((*path, str(k)), v)
            result[k] = transform(v, rule, (*path, str(k))) if new is _KEEP else new
        return result
    return obj


def _required(model: Any, name: str) -> bool:
    info = type(model).model_fields.get(name) if isinstance(model, BaseModel) else None
    return bool(info is not None and info.is_required())


def anonymize_docs(docs: dict[str, list[Any]], lang: str) -> dict[str, list[Any]]:
    """Every stage document of one case, anonymised (documents are copied, never changed in place)."""
    case_list = docs.get("case") or []
    case = case_list[0] if case_list else None
    red, fam_labels = build_redactor(case, lang)
    client_label = initials(getattr(getattr(case, "identity", None), "name", "")) or t("rpt.anon.client", lang)
    placeholder_address = t("rpt.anon.address", lang)
    placeholder = t("rpt.anon.withheld", lang)

    def scrub(value: Any) -> Any:
        if isinstance(value, enum.Enum) or not isinstance(value, str):
            return value
        return red.text(value)

    def make_rule(doc: Any) -> Rule:
        def rule(path: tuple[str | int, ...], value: Any) -> Any:
            name = path[-1] if path else ""
            parent_path = path[:-1]
            parent = _lookup(doc, parent_path)
            if isinstance(value, BaseModel | list | dict):
                if isinstance(name, str) and name in DROP:
                    return [] if isinstance(value, list) else None
                return _KEEP
            if isinstance(name, int):
                return scrub(value)
            if name in DROP:
                if value is None:
                    return value
                return placeholder if _required(parent, name) else None
            if name in ADDRESS and isinstance(value, str):
                return placeholder_address if _required(parent, name) else None
            if name == "name" and isinstance(value, str):
                return _name_for(path, parent, value)
            if isinstance(name, str) and name.endswith(("_name", "_names")) and isinstance(value, str):
                if any(p in AUTHORS for p in path if isinstance(p, str)):
                    return value
                return scrub(value)
            return scrub(value)

        return rule

    def _name_for(path: tuple[str | int, ...], parent: Any, value: str) -> str:
        keys = [p for p in path if isinstance(p, str)]
        if any(k in AUTHORS for k in keys):
            return value
        if keys[:2] == ["identity", "name"]:
            return client_label
        if keys[:2] == ["family", "name"] and isinstance(path[1], int):
            return fam_labels.get(path[1], t("rpt.anon.family", lang))
        if keys[:1] == ["guarantor"]:
            return t("rpt.anon.guarantor", lang)
        if any("victim" in k or "korban" in k for k in keys):
            return t("rpt.anon.victim", lang)
        if "people" in keys:
            # a genogram person: the client's initials, else the relation, else a known name's label
            if getattr(parent, "is_client", False):
                return client_label
            relation = getattr(parent, "relation", None)
            if isinstance(relation, str) and relation.strip():
                rel = relation.strip()
                return rel[0].upper() + rel[1:]
            full = " ".join(value.split()).lower()
            return red.names.get(full) or t("rpt.anon.person", lang)
        relation = getattr(parent, "relation", None)
        if isinstance(relation, enum.Enum):
            return _person_label(relation, getattr(parent, "sex", None), lang)
        # a resource system or another named thing: kept, with any known person's name in it replaced
        return red.text(value)

    out: dict[str, list[Any]] = {}
    for stage, items in docs.items():
        out[stage] = [transform(d, make_rule(d)) for d in items]
    return out


def _lookup(doc: Any, path: tuple[str | int, ...]) -> Any:
    node = doc
    for p in path:
        if isinstance(p, int):
            node = node[p] if isinstance(node, list) and p < len(node) else None
        elif isinstance(node, dict):
            node = node.get(p)
        else:
            node = getattr(node, p, None)
    return node
