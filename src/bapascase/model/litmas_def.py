"""The shape of ``bapascase/data/litmas_purposes.yaml``, validated (the tests check the shipped file with it).

Every purpose has both labels, a client group, legal bases defined once in ``programmes.yaml`` (full titles),
sections that are all defined, needed fields that are fields of the Litmas document, and programmes that exist.
"""

from __future__ import annotations

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


class SectionDef(_Strict):
    title: Labels


class PurposeDef(_Strict):
    label: Labels
    heading: Labels
    client: Literal["anak", "dewasa"]
    programmes: list[Code] = Field(default_factory=list)
    requested_by: Labels
    legal_bases: list[Code] = Field(min_length=1)
    sections: list[Code] = Field(min_length=1)
    section_titles: dict[Code, Labels] = Field(default_factory=dict)
    needs: list[Annotated[str, StringConstraints(pattern=r"^[a-z_]+(\.[a-z_]+)*$")]] = Field(default_factory=list)
    recommendation: Labels


class PurposeTable(_Strict):
    schema_version: Literal[1]
    sections: dict[Code, SectionDef] = Field(min_length=1)
    purposes: dict[Code, PurposeDef] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_exist(self) -> PurposeTable:
        from bapascase.model.litmas import LitmasDoc
        from bapascase.model.meta import title_at
        from bapascase.model.programmes import programmes, raw

        bases = set(raw().get("legal_bases") or {})
        for code, p in self.purposes.items():
            where = f"purposes.{code}"
            for key, known, what in ((p.legal_bases, bases, "legal_bases"), (p.sections, set(self.sections), "sections"),
                                     (list(p.section_titles), set(p.sections), "section_titles"),
                                     (p.programmes, set(programmes()), "programmes")):
                unknown = [k for k in key if k not in known]
                if unknown:
                    raise ValueError(f"{where}.{what}: not defined: {', '.join(unknown)}")
            for path in p.needs:
                try:
                    title_at(LitmasDoc, path)
                except LookupError:
                    raise ValueError(f"{where}.needs: no field {path} in the Litmas document") from None
        return self
