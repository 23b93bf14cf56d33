"""The mechanism every stage document shares: bilingual field metadata, privacy classes, labelled choices, the
document base.

One definition per field: ``field()`` puts the Indonesian and English title and help and the field's privacy class on
the pydantic field, and the wizard, ``--answers``, JSON Schema, ``check``, the reports and their anonymisation all
read them from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import ConfigDict, Field, PrivateAttr, model_validator

from bapascase.i18n import pick
from bapascase.model.bounds import MONEY_MAX
from bapascase.model.controls import TextModel  # first model class: it turns pydantic plugins off

SCHEMA_VERSION = 1


class Privacy(StrEnum):
    """What a text or date field holds, for anonymisation (``x-privacy`` in the JSON Schema).

    Every text field (``str``, ``list[str]``) and every date field declares one with ``field(..., privacy=...)``;
    a narrative (``long=True``) is free text unless it says otherwise. ``reports.anonymize`` reads nothing else.
    """

    NAME = "name"  # a person's name: replaced by a label saying who they are (initials, "Istri", "Penjamin")
    ID_NUMBER = "id_number"  # NIK, register, verdict, decree and letter numbers: left out
    CONTACT = "contact"  # phone numbers, e-mail addresses: left out
    ADDRESS = "address"  # a street address: "(alamat disamarkan)"; its parts below the city go from free text too
    PLACE = "place"  # where a person works, trades or studies ("Pedagang di Pasar MMTC"): kept, with the place it
    # names replaced by "(tempat disamarkan)" here and wherever the case's free text writes it
    BIRTH_DATE = "birth_date"  # the exact date of birth: left out (the age stays)
    APPEARANCE = "appearance"  # what the body shows (scars, tattoos, distinguishing marks): left out
    FILE = "file"  # attachments and photos: left out
    FREE_TEXT = "free_text"  # narratives, notes, places: kept, with every known name, NIK and phone number replaced
    OFFICER = "officer"  # an officer's name or NIP: the authors of a report keep their names
    NOT_PERSONAL = "not_personal"  # codes, dates of events, the office's own data: kept as written


def field(
    title_id: str,
    title_en: str,
    help_id: str = "",
    help_en: str = "",
    *,
    default: Any = ...,
    default_factory: Any = None,
    long: bool = False,
    money: bool = False,
    privacy: Privacy | None = None,
    example: Any = None,
    internal: bool = False,
    happened: bool = False,
    **kw: Any,
) -> Any:
    """A model field with bilingual title/help. ``long`` marks narrative text (multi-line prompt, block YAML);
    ``money`` an amount in rupiah; ``privacy`` says what a text or date field holds (a narrative is ``FREE_TEXT``
    unless given); ``internal`` one the tool itself keeps (written and read, never asked: ``meta.ask_fields``);
    ``happened`` a date of something that has happened (a registration, a meeting, a session worked): never after
    the day it is recorded (``meta.happened_dates``; ``check`` warns about one that is)."""
    extra: dict[str, Any] = {"x-title-en": title_en}
    if internal:
        extra["x-internal"] = True
    if happened:
        extra["x-happened"] = True
    if help_en:
        extra["x-help-en"] = help_en
    if long:
        extra["x-long"] = True
        privacy = privacy or Privacy.FREE_TEXT
    if money:
        extra["x-money"] = True
        kw.setdefault("le", MONEY_MAX)  # every amount bounded (model.bounds)
    if privacy is not None:
        extra["x-privacy"] = str(privacy)
    if example is not None:
        extra["examples"] = [example]
    if default_factory is not None:
        return Field(
            default_factory=default_factory,
            title=title_id,
            description=help_id or None,
            json_schema_extra=extra,
            **kw,
        )
    return Field(default, title=title_id, description=help_id or None, json_schema_extra=extra, **kw)


class Choice(StrEnum):
    """A string enum whose members carry an Indonesian and an English label.

    Declare members as ``PB = "PB", "Pembebasan Bersyarat", "Parole"``.
    """

    label_id: str
    label_en: str

    def __new__(cls, value: str, label_id: str = "", label_en: str = "") -> Choice:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label_id = label_id or value
        obj.label_en = label_en or label_id or value
        return obj

    def label(self, lang: str | None = None) -> str:
        return pick(self.label_id, self.label_en, lang)


class Subject(Choice):
    """Whose personal data a part holds: anonymisation replaces a ``Privacy.NAME`` by a label saying who it is."""

    CLIENT = "client", "Klien", "Client"  # the client's initials
    FAMILY = "family", "Anggota keluarga", "Family member"  # by relation, numbered: "Istri", "Anak 1", "Anak 2"
    GUARANTOR = "guarantor", "Penjamin", "Guarantor"
    VICTIM = "victim", "Korban", "Victim"
    OTHER = "other", "Orang lain", "Another person"  # anyone else (a pastor, a neighbour): by relation when known


@dataclass(frozen=True)
class Need:
    """Why a rule makes a field required: the error kind ``check`` reports (``bc_...``, a catalog key ``val.<kind>``)
    and its context; ``at``: the field ``check`` names when it is not the one the rule makes required (the end of
    supervision is required when the expiry it may be derived from is empty; ``check`` names the expiry)."""

    kind: str
    context: tuple[tuple[str, str], ...] = ()
    at: str = ""

    def error(self, field: str) -> Any:
        """The error the part's validator raises when the field is left empty."""
        from pydantic_core import PydanticCustomError

        return PydanticCustomError(self.kind, "required by a rule",
                                   {"field": self.at or field, **dict(self.context)})


class Part(TextModel):
    """A nested part of a document (a section, or an item of a list); no text of it holds a control character
    (``controls.TextModel``)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True, defer_build=True)

    # whose names (``Privacy.NAME`` fields) this part holds; see ``data_subject_of`` and ``relation_label``
    data_subject: ClassVar[Subject] = Subject.OTHER

    def data_subject_of(self) -> Subject:
        """The subject of this very part (a genogram person may be the client)."""
        return self.data_subject

    def relation_label(self, lang: str | None = None) -> str | None:
        """How this person relates to the client ("Istri", "Ibu"), when the part knows; the anonymised name."""
        return None

    @classmethod
    def rules_require(cls, data: Any) -> dict[str, Need]:
        """The fields this part's own rules (a programme's, a purpose's) make required for ``data``, its answers so
        far (possibly partial, never validated): name (dotted, inside this part) → the error ``check`` gives when it
        is left empty. The part's validator raises from the same function, so the interview asks as ``check``
        checks (no "(boleh kosong)" on a field a rule needs). Empty for most parts."""
        return {}

    @model_validator(mode="before")
    @classmethod
    def _empty_means_default(cls, data: Any) -> Any:
        """``aliases:`` left empty in a hand-edited file (YAML null) means "not given": the default applies."""
        if isinstance(data, dict):
            fields = cls.model_fields
            drop = [k for k, v in data.items() if v is None and k in fields and not fields[k].is_required()
                    and fields[k].default is not None]
            if drop:
                data = {k: v for k, v in data.items() if k not in drop}
        return data


class Doc(Part):
    """A stage document as stored in one YAML file and described by one JSON Schema."""

    doc_name: ClassVar[str] = ""
    title_id: ClassVar[str] = ""
    title_en: ClassVar[str] = ""
    # a short name where space is tight (a report's timeline); the title when not given
    short_title_id: ClassVar[str] = ""
    short_title_en: ClassVar[str] = ""

    # the file it was read from, inside its case folder ("service/2026-03-07-0k3qx.yaml"), when ``check`` read it
    # from one; None for a document about to be recorded (a rule across entries counts it once either way)
    _source: str | None = PrivateAttr(default=None)

    schema_version: int = field(
        "Versi skema",
        "Schema version",
        "Diisi oleh bapascase; jangan diubah.",
        "Written by bapascase; do not change.",
        default=SCHEMA_VERSION,
        ge=1,
        le=SCHEMA_VERSION,
    )

    @classmethod
    def title(cls, lang: str | None = None) -> str:
        return pick(cls.title_id, cls.title_en, lang)

    @classmethod
    def variants(cls) -> tuple[type[Doc], ...]:
        """The classes a document of this kind may be (a discriminated union, e.g. the kinds of legal event):
        validating with this class gives one of them. Empty for an ordinary document."""
        return ()

    @classmethod
    def variant_of(cls, data: dict[str, Any]) -> type[Doc]:
        """The class validating ``data`` with this class gives (one of ``variants``, or this class itself)."""
        return cls

    @classmethod
    def short_title(cls, lang: str | None = None) -> str:
        return pick(cls.short_title_id or cls.title_id, cls.short_title_en or cls.title_en, lang)
