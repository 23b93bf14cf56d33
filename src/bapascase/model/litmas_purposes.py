"""The purposes a Litmas is written for, read from ``bapascase/data/litmas_purposes.yaml``: the one place that lists
them with their legal bases (keys of the legal bases in ``programmes.yaml``, whose full titles are written once
there), the sections of their report in order, the fields they need, who asks for them, and the wording their
recommendation starts from.

Plain Python (no pydantic), like ``model.programmes``: the file is part of bapascase itself (package data). Its
shape is checked by ``bapascase.model.litmas_def`` in the tests.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE = "litmas_purposes.yaml"


@dataclass(frozen=True)
class Bilingual:
    id: str
    en: str

    def get(self, lang: str | None = None) -> str:
        from bapascase.i18n import pick

        return pick(self.id, self.en, lang)


@dataclass(frozen=True)
class Purpose:
    code: str
    label: Bilingual
    heading: Bilingual  # under the report's title: "untuk Program Pembebasan Bersyarat"
    client: str  # anak | dewasa
    programmes: tuple[str, ...]  # the programmes it leads to (the purpose offered first for such a case)
    requested_by: Bilingual
    legal_bases: tuple[str, ...]  # keys of programmes.yaml's legal_bases
    sections: tuple[str, ...]
    section_titles: Mapping[str, Bilingual]  # its own titles for some sections
    needs: tuple[str, ...]  # dotted paths of the Litmas document that must be filled in
    recommendation: Bilingual  # the wording the recommendation starts from ({client}: the client's name)

    @property
    def child(self) -> bool:
        return self.client == "anak"

    def section_title(self, section: str, lang: str | None = None) -> str:
        own = self.section_titles.get(section)
        return own.get(lang) if own else sections()[section].get(lang)


def source() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / FILE


def raw() -> dict[str, Any]:
    """The data file as YAML loads it (what ``litmas_def.PurposeTable`` validates)."""
    import yaml

    try:
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover - pure-Python fallback
        from yaml import SafeLoader as Loader  # type: ignore[assignment]

    data = yaml.load(source().read_text(encoding="utf-8"), Loader=Loader)
    return data if isinstance(data, dict) else {}


def _bi(data: Any, fallback: str = "") -> Bilingual:
    if isinstance(data, Mapping):
        first = " ".join(str(data.get("id") or fallback).split())
        return Bilingual(first, " ".join(str(data.get("en") or first).split()))
    return Bilingual(str(data or fallback), str(data or fallback))


@functools.cache
def sections() -> Mapping[str, Bilingual]:
    """Every section a Litmas may have, by id, with its title."""
    return {str(k): _bi((v or {}).get("title"), str(k)) for k, v in (raw().get("sections") or {}).items()}


@functools.cache
def purposes() -> Mapping[str, Purpose]:
    """Every purpose by its code, in the file's order."""
    out: dict[str, Purpose] = {}
    for code, p in (raw().get("purposes") or {}).items():
        if not isinstance(p, dict):
            continue
        out[str(code)] = Purpose(
            code=str(code),
            label=_bi(p.get("label"), str(code)),
            heading=_bi(p.get("heading")),
            client=str(p.get("client") or "dewasa"),
            programmes=tuple(str(x) for x in p.get("programmes") or ()),
            requested_by=_bi(p.get("requested_by")),
            legal_bases=tuple(str(x) for x in p.get("legal_bases") or ()),
            sections=tuple(str(x) for x in p.get("sections") or ()),
            section_titles={str(k): _bi(v) for k, v in (p.get("section_titles") or {}).items()},
            needs=tuple(str(x) for x in p.get("needs") or ()),
            recommendation=_bi(p.get("recommendation")),
        )
    return out


def purpose(code: object) -> Purpose | None:
    return purposes().get(code) if isinstance(code, str) else None


def for_programme(programme: object, child: bool) -> str | None:
    """The purpose offered first for a case of this programme (the first that leads to it, else the first for a
    child or an adult)."""
    group = "anak" if child else "dewasa"
    found = [p for p in purposes().values() if programme in p.programmes]
    found += [p for p in purposes().values() if p.client == group]
    return found[0].code if found else None
