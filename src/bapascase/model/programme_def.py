"""The shape of ``bapascase/data/programmes.yaml``, validated (the tests check the shipped file with it).

The read path (``bapascase.model.programmes``) reads the file as plain data; this model says what a valid file is:
every programme has both labels, a client group, an end rule, and legal bases that are all defined once under
``legal_bases`` with their full titles; a community sentence of UU 1/2023 names the intake part its terms need, its
limits (each with the article it comes from) and what a pertimbangan may recommend; each criminal code says the
offences it applies to.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from bapascase.model.controls import TextModel

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,39}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(TextModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Labels(_Strict):
    id: Text
    en: Text


class LegalBasisDef(_Strict):
    short: Text
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20)]


class EndRule(_Strict):
    from_expiry_years: int | None = Field(default=None, ge=0, le=5)
    basis: Text


# the limits the intake, ``service`` and ``check`` know how to apply (``model.sentences``)
LimitKey = Literal[
    "period_months_max", "threat_months_max", "threat_months_below", "hours_min", "hours_max", "hours_per_day_max",
    "replaced_prison_months_max", "condition_deadline_in_period",
]
# limits that are a rule without a number
VALUELESS: frozenset[str] = frozenset({"condition_deadline_in_period"})


class LimitDef(_Strict):
    value: int | None = Field(default=None, ge=1, le=10000)
    basis: Text  # the article: "Pasal 85 ayat (4) UU 1/2023"


class RecommendationDef(_Strict):
    label: Labels
    basis: Text
    months: bool = False  # the recommendation names a number of months (an extension, a shortening)


class ProgrammeDef(_Strict):
    label: Labels
    client: Literal["anak", "dewasa"]
    supervision_end: EndRule
    legal_bases: list[Code] = Field(min_length=1)
    sentence: Literal["pengawasan", "kerja_sosial"] | None = None  # the intake part of the verdict's terms
    limits: dict[LimitKey, LimitDef] = Field(default_factory=dict)
    recommendations: dict[Code, RecommendationDef] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _limits_have_values(self) -> ProgrammeDef:
        for key, limit in self.limits.items():
            if (limit.value is None) != (key in VALUELESS):
                raise ValueError(f"limits.{key}: {'no value' if key in VALUELESS else 'a value'} expected")
        if self.sentence is not None and self.supervision_end.from_expiry_years is not None:
            raise ValueError("a sentence's period is set by the verdict: no from_expiry_years")
        return self


class CriminalCodeDef(_Strict):
    label: Labels
    cite: Text | None = None  # how an article of it is cited after the article: "KUHP", "UU 1/2023"
    named: bool = False  # a special law: each article names its law ("UU 35/2009")
    offences_from: dt.date | None = None
    offences_until: dt.date | None = None

    @model_validator(mode="after")
    def _cited_or_named(self) -> CriminalCodeDef:
        if (self.cite is None) != self.named:
            raise ValueError("a code is either cited by its short name or named on each article")
        return self


class ProgrammeTable(_Strict):
    schema_version: Literal[1]
    criminal_codes: dict[Code, CriminalCodeDef] = Field(min_length=1)
    legal_bases: dict[Code, LegalBasisDef]
    programmes: dict[Code, ProgrammeDef] = Field(min_length=1)

    @model_validator(mode="after")
    def _bases_defined(self) -> ProgrammeTable:
        for code, p in self.programmes.items():
            unknown = [k for k in p.legal_bases if k not in self.legal_bases]
            if unknown:
                raise ValueError(f"programmes.{code}.legal_bases: not defined under legal_bases: {', '.join(unknown)}")
            if len(set(p.legal_bases)) != len(p.legal_bases):
                raise ValueError(f"programmes.{code}.legal_bases: listed twice")
        seen: dict[str, str] = {}
        for code, p in self.programmes.items():  # one recommendation, one meaning: its code is stored in events
            for key in p.recommendations:
                if key in seen:
                    raise ValueError(f"programmes.{code}.recommendations.{key}: also under {seen[key]}")
                seen[key] = code
        return self
