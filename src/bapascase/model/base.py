"""The mechanism every stage document shares: bilingual field metadata, labelled choices, the document base.

One definition per field: ``field()`` puts the Indonesian and English title and help on the pydantic field, and
the wizard, ``--answers``, JSON Schema, ``check`` and the reports all read them from there.
"""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Any, ClassVar

# bapascase uses no pydantic plugins; looking them up scans every installed distribution's entry points, which
# cost ~30 ms of every command that loads a model. Set before the first model class is built.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bapascase.i18n import pick

SCHEMA_VERSION = 1


def field(
    title_id: str,
    title_en: str,
    help_id: str = "",
    help_en: str = "",
    *,
    default: Any = ...,
    default_factory: Any = None,
    long: bool = False,
    example: Any = None,
    **kw: Any,
) -> Any:
    """A model field with bilingual title/help. ``long`` marks narrative text (multi-line prompt, block YAML)."""
    extra: dict[str, Any] = {"x-title-en": title_en}
    if help_en:
        extra["x-help-en"] = help_en
    if long:
        extra["x-long"] = True
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


class Part(BaseModel):
    """A nested part of a document (a section, or an item of a list)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)

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
