"""Anonymisation of the report data, in one place, before anything is rendered.

It reads nothing but the models: each text and date field declares its privacy class (``field(...,
privacy=...)``, ``bapascase.model.base.Privacy``) and each part whose names it holds (``Part.data_subject``).

- a name (``NAME``) becomes a label saying who it is: the client's initials, a family member's relation
  ("Istri", "Anak 2"), "Penjamin", "Korban", or for anyone else their relation or "Orang lain"; a list of names
  (aliases) is left out;
- identity numbers, contact details, the exact birth date, distinguishing marks (``APPEARANCE``) and attachments
  are left out (a required field gets a neutral placeholder instead); a street address becomes "(alamat
  disamarkan)";
- a place field (``PLACE``: an occupation, where a person works, trades or studies) is kept and scrubbed like free
  text, and the place it names ("Pasar MMTC" in "Pedagang di Pasar MMTC") becomes "(tempat disamarkan)" there and
  in every free text of the case;
- free text (narratives, notes, places, resource names...) is kept and scrubbed (``redact.Redactor``): every name
  above (whole or word by word, in any case, with or without accents and suffixes), every recorded number,
  contact, address (whole and in its parts below the city or regency: the city, regency, province and a named
  kecamatan stay, they say which court and Bapas are concerned), place, birth date and distinguishing mark (whole
  and mark by mark), in whatever form it is written, and anything shaped like a NIK, a verdict number, a phone number or an e-mail
  address are replaced;
- officers' names and NIPs (the authors of the report) and what is not personal are kept as written.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from bapascase.i18n import t
from bapascase.model.base import Part, Privacy, Subject
from bapascase.model.meta import privacy_of
from bapascase.model.registry import Stage
from bapascase.model.text import initials
from bapascase.reports.redact import NOT_NAMES, Redactor, fold_key

__all__ = ["NOT_NAMES", "Redactor", "anonymize_docs"]

# the classes whose values are left out of an anonymised report
LEFT_OUT = frozenset({Privacy.ID_NUMBER, Privacy.CONTACT, Privacy.BIRTH_DATE, Privacy.APPEARANCE, Privacy.FILE})
# the classes kept and scrubbed like free text (a place field also teaches the redactor the places it names)
SCRUBBED = frozenset({Privacy.FREE_TEXT, Privacy.PLACE})
# the classes kept as written
KEPT = frozenset({Privacy.OFFICER, Privacy.NOT_PERSONAL})
# the names of these people are also replaced word by word ("Benny" alone); anyone else's only as a whole
_WORD_BY_WORD = frozenset({Subject.CLIENT, Subject.FAMILY, Subject.GUARANTOR, Subject.VICTIM})


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
        self._ready = False
        for doc in ordered:
            for part in _parts(doc):
                self._learn(part)
        # a label taken from free text (a genogram person's relation, "istri Rosmawati") is scrubbed like any free
        # text, once every name is known: the labels the redactor puts in, and the ones ``label`` gives from now on
        self._ready = True
        self.red.names = {key: self._scrubbed(label) for key, label in self.red.names.items()}
        self.red.forget_compiled()

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
            privacy = privacy_of(info)
            for one in value if isinstance(value, list) else [value]:
                if privacy is Privacy.ADDRESS and isinstance(one, str):
                    self.red.add_address(one, t("rpt.anon.address", self.lang))
                elif privacy is Privacy.ID_NUMBER and isinstance(one, str):
                    self.red.add_number(one, t("rpt.anon.number", self.lang))
                elif privacy is Privacy.CONTACT and isinstance(one, str):
                    self.red.add_contact(one, t("rpt.anon.contact" if "@" in one else "rpt.anon.number", self.lang))
                elif privacy is Privacy.BIRTH_DATE and isinstance(one, dt.date):
                    self.red.add_date(one, t("rpt.anon.date", self.lang))
                elif privacy is Privacy.APPEARANCE and isinstance(one, str):
                    self.red.add_marks(one, t("rpt.anon.withheld", self.lang))
                elif privacy is Privacy.PLACE and isinstance(one, str):
                    self.red.add_place(one, t("rpt.anonplace.place", self.lang))

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
            if relation:
                return self._scrubbed(relation)
            return self.red.names.get(fold_key(name)) or subject.label(self.lang)
        return subject.label(self.lang)

    def _scrubbed(self, label: str) -> str:
        return self.red.text(label) if self._ready else label


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
        if privacy in SCRUBBED:
            return [people.red.text(v) if isinstance(v, str) else v for v in value]
        return []  # a list of names, numbers, addresses or files
    if isinstance(value, dict):
        if privacy in SCRUBBED:
            return {k: people.red.text(v) if isinstance(v, str) else v for k, v in value.items()}
        return {}
    if privacy is Privacy.NAME:
        return people.label(part, str(value))
    if privacy is Privacy.ADDRESS:
        return t("rpt.anon.address", people.lang) if info.is_required() else None
    if privacy in LEFT_OUT:
        return t("rpt.anon.withheld", people.lang) if info.is_required() else None
    return people.red.text(value) if isinstance(value, str) else value
