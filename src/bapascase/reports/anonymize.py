"""Anonymisation of the report data, in one place, before anything is rendered.

It reads nothing but the models: each text and date field declares its privacy class (``field(...,
privacy=...)``, ``bapascase.model.base.Privacy``) and each part whose names it holds (``Part.data_subject``).

- a name (``NAME``) becomes a label saying who it is: the client's initials, a family member's relation
  ("Istri", "Anak 2"), "Penjamin", "Korban", or for anyone else their relation or "Orang lain"; a list of names
  (aliases) is left out;
- identity numbers, contact details, the exact birth date and attachments are left out (a required field gets a
  neutral placeholder instead); a street address becomes "(alamat disamarkan)";
- free text (narratives, notes, places, resource names...) is kept and scrubbed: every name and address above (in
  full, names also word by word), any 16-digit number and anything that looks like a phone number are replaced;
- officers' names and NIPs (the authors of the report) and what is not personal are kept as written.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from bapascase.i18n import t
from bapascase.model.base import Part, Privacy, Subject
from bapascase.model.meta import privacy_of
from bapascase.model.registry import Stage
from bapascase.model.text import initials

# word-by-word replacement skips these (they are not names)
NOT_NAMES = frozenset({
    "bin", "binti", "br", "boru", "als", "alias", "van", "de", "von", "dan", "and", "the", "pak", "bu", "ibu", "bapak",
    "mas", "mbak", "kak", "adik", "abang", "bang", "anak", "istri", "suami", "ayah", "nenek", "kakek",
})
# the classes whose values are left out of an anonymised report
LEFT_OUT = frozenset({Privacy.ID_NUMBER, Privacy.CONTACT, Privacy.BIRTH_DATE, Privacy.FILE})
# the classes kept as written
KEPT = frozenset({Privacy.OFFICER, Privacy.NOT_PERSONAL})
# the names of these people are also replaced word by word ("Benny" alone); anyone else's only as a whole
_WORD_BY_WORD = frozenset({Subject.CLIENT, Subject.FAMILY, Subject.GUARANTOR, Subject.VICTIM})
_NIK_RE = re.compile(r"(?<!\d)\d{16}(?!\d)")
_PHONE_RE = re.compile(r"(?<![\w])(?:\+62|62|0)[ -]?8[0-9](?:[ -]?[0-9]){6,11}(?!\d)")
# a third party named by a title in free text ("Pendeta J. Marbun", "Ustaz Hasan", "Pak Rahmat"): the title stays,
# the name goes (a religious title reads well alone; "Pak" is followed by "(disamarkan)"). Words after the title
# that name an institution, not a person, are left alone ("Pendeta Gereja").
ROLE_TITLES = ("Pendeta", "Pdt.", "Pdt", "Pastor", "Romo", "Ustaz", "Ustadz", "Ustad", "Ustazah", "Ustadzah", "Kyai",
               "Kiai", "K.H.", "KH", "Habib", "Bhikkhu", "Biksu", "Pandita", "Pedanda")
ADDRESS_TITLES = ("Pak", "Bapak", "Bu", "Ibu", "Sdr.", "Saudara", "Saudari")
TITLES = ROLE_TITLES + ADDRESS_TITLES
NOT_A_NAME = frozenset({
    "gereja", "masjid", "musala", "mushola", "jemaat", "pura", "vihara", "klenteng", "bapas", "lapas", "rutan",
    "kanwil", "kota", "lurah", "camat", "kepala", "rt", "rw", "desa", "kelurahan", "kecamatan", "pk", "guru",
    "dokter", "klien", "penjamin", "hkbp", "gbkp", "gki", "gpib", "majelis", "pengurus", "ketua",
})
_NAME_WORD = r"(?:[A-Z][a-z'’]+|[A-Z]\.)"
_TITLED_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(x) for x in sorted(TITLES, key=len, reverse=True)) + r")"
    r"(\s+" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3})")


def drop_titled_names(text: str, withheld: str) -> str:
    """``Pendeta J. Marbun`` -> ``Pendeta``, ``Pak Rahmat`` -> ``Pak (disamarkan)``; ``Pendeta Gereja`` stays."""

    def repl(m: re.Match[str]) -> str:
        words = m.group(2).split()
        if words[0].lower().rstrip(".") in NOT_A_NAME:
            return m.group(0)
        return m.group(1) + (f" {withheld}" if m.group(1) in ADDRESS_TITLES else "")

    return _TITLED_RE.sub(repl, text)


@dataclass
class Redactor:
    """Replaces every known name (and identifier pattern) in free text."""

    lang: str
    names: dict[str, str] = field(default_factory=dict)  # lower-cased name or word -> label
    literals: dict[str, str] = field(default_factory=dict)  # exact strings (addresses) -> label
    _re: re.Pattern[str] | None = None

    def add_name(self, name: str | None, label: str, words: bool = True) -> None:
        if not name:
            return
        full = " ".join(name.split())
        self.names.setdefault(full.lower(), label)
        if words:
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
                return self.literals.get(key) or self.names.get(key) or Subject.OTHER.label(self.lang)

            value = pattern.sub(repl, value)
        value = drop_titled_names(value, t("rpt.anon.withheld", self.lang))
        value = _NIK_RE.sub(t("rpt.anon.number", self.lang), value)
        value = _PHONE_RE.sub(t("rpt.anon.number", self.lang), value)
        return value


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


def _fields(part: BaseModel) -> Iterator[tuple[str, FieldInfo, Any]]:
    for name, info in type(part).model_fields.items():
        yield name, info, getattr(part, name)


def _parts(obj: Any) -> Iterator[Any]:
    """Every part inside ``obj`` (itself included), depth first in field order."""
    if isinstance(obj, BaseModel):
        yield obj
        for _name, _info, value in _fields(obj):
            yield from _parts(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _parts(value)


def _names(part: BaseModel) -> Iterator[tuple[Any, bool]]:
    """The ``NAME`` values of one part: ``(value, is_a_list)``."""
    for _name, info, value in _fields(part):
        if privacy_of(info) is Privacy.NAME and value:
            yield value, isinstance(value, list)


class People:
    """Who is named in the case and what each is called once anonymised."""

    def __init__(self, docs: dict[str, list[Any]], lang: str) -> None:
        self.lang = lang
        self.red = Redactor(lang)
        self.labels: dict[int, str] = {}  # id(part) -> the label its name is replaced by
        # the intake first: the client's name is learnt from it before any other document is read
        ordered = [d for d in docs.get(Stage.CASE) or []] + [
            d for s, items in docs.items() if s != Stage.CASE for d in items]
        client_name = next((str(v) for d in ordered for p in _parts(d) if _subject(p) is Subject.CLIENT
                            for v, many in _names(p) if not many), "")
        self.client = initials(client_name) or Subject.CLIENT.label(lang)
        for doc in ordered:
            self._label_lists(doc)
        for doc in ordered:
            for part in _parts(doc):
                self._learn(part)

    def _label_lists(self, obj: Any) -> None:
        """Family members are labelled by relation, numbered within their list ("Anak 1", "Anak 2")."""
        if isinstance(obj, list):
            family = [p for p in obj if isinstance(p, Part) and _subject(p) is Subject.FAMILY]
            labels = _numbered([p.relation_label(self.lang) or Subject.FAMILY.label(self.lang) for p in family])
            for p, label in zip(family, labels, strict=True):
                self.labels[id(p)] = label
            for value in obj:
                self._label_lists(value)
        elif isinstance(obj, BaseModel):
            for _name, _info, value in _fields(obj):
                self._label_lists(value)

    def _learn(self, part: Any) -> None:
        subject = _subject(part)
        for value, many in _names(part):
            for name in (value if many else [value]):
                label = self.label(part, str(name))
                self.red.add_name(str(name), label, words=subject in _WORD_BY_WORD)
        for _name, info, value in _fields(part):
            if privacy_of(info) is Privacy.ADDRESS and isinstance(value, str):
                self.red.add_literal(value, t("rpt.anon.address", self.lang))

    def label(self, part: Any, name: str) -> str:
        """What the name ``name`` in ``part`` becomes."""
        known = self.labels.get(id(part))
        if known is not None:
            return known
        subject = _subject(part)
        if subject is Subject.CLIENT:
            return self.client
        if subject is Subject.FAMILY:
            return part.relation_label(self.lang) or subject.label(self.lang)
        if subject is Subject.OTHER:
            relation = part.relation_label(self.lang) if isinstance(part, Part) else None
            full = " ".join(name.split()).lower()
            return relation or self.red.names.get(full) or subject.label(self.lang)
        return subject.label(self.lang)


def _subject(part: Any) -> Subject:
    return part.data_subject_of() if isinstance(part, Part) else Subject.OTHER


def anonymize_docs(docs: dict[str, list[Any]], lang: str) -> dict[str, list[Any]]:
    """Every stage document of one case, anonymised (documents are copied, never changed in place)."""
    people = People(docs, lang)
    return {stage: [_copy(d, people) for d in items] for stage, items in docs.items()}


def _copy(obj: Any, people: People) -> Any:
    """A copy of a part with every field treated by its privacy class (parts are copied, never changed)."""
    if isinstance(obj, list):
        out = [_copy(v, people) for v in obj]
        return out if any(a is not b for a, b in zip(out, obj, strict=True)) else obj
    if not isinstance(obj, BaseModel):
        return obj
    update: dict[str, Any] = {}
    for name, info, value in _fields(obj):
        new = _value(obj, info, value, people)
        if new is not value:
            update[name] = new
    return obj.model_copy(update=update) if update else obj


def _value(part: BaseModel, info: FieldInfo, value: Any, people: People) -> Any:
    if value is None or isinstance(value, bool | int | float | enum.Enum):
        return value
    if isinstance(value, BaseModel) or (isinstance(value, list) and any(isinstance(v, BaseModel) for v in value)):
        return _copy(value, people)
    if isinstance(value, list) and all(isinstance(v, bool | int | float | enum.Enum) for v in value):
        return value  # choices (theories, methods) and numbers
    privacy = privacy_of(info) or Privacy.FREE_TEXT  # every text field declares one (a test checks); never leak
    if privacy in KEPT:
        return value
    if isinstance(value, list):
        if privacy is Privacy.FREE_TEXT:
            return [people.red.text(v) if isinstance(v, str) else v for v in value]
        return []  # a list of names, numbers, addresses or files
    if isinstance(value, dict):
        if privacy is Privacy.FREE_TEXT:
            return {k: people.red.text(v) if isinstance(v, str) else v for k, v in value.items()}
        return {}
    if privacy is Privacy.NAME:
        return people.label(part, str(value))
    if privacy is Privacy.ADDRESS:
        return t("rpt.anon.address", people.lang) if info.is_required() else None
    if privacy in LEFT_OUT:
        return t("rpt.anon.withheld", people.lang) if info.is_required() else None
    return people.red.text(value) if isinstance(value, str) else value
