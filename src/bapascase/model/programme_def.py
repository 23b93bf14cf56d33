"""The shape of ``bapascase/data/programmes.yaml``, validated (the tests check the shipped file with it).

The read path (``bapascase.model.programmes``) reads the file as plain data; this model says what a valid file is:
every programme has both labels, a client group, an end rule, and legal bases that are all defined once under
``legal_bases`` with their full titles.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,39}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
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


class ProgrammeDef(_Strict):
    label: Labels
    client: Literal["anak", "dewasa"]
    supervision_end: EndRule
    legal_bases: list[Code] = Field(min_length=1)


class ProgrammeTable(_Strict):
    schema_version: Literal[1]
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
        return self
