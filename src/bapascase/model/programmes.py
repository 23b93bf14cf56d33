"""The supervision programmes, read from ``bapascase/data/programmes.yaml``: the one place that lists them.

Each programme has its labels, whether its clients are children or adults, the rule for the end of the masa
bimbingan (``from_expiry_years``: ekspirasi + N years when the end is not recorded; none: the end must be recorded)
and its legal bases with their full titles. A community sentence of UU 1/2023 also names the intake part of its
terms (``sentence``), its limits (a value and the article it comes from) and what the PK's pertimbangan may
recommend. The criminal codes an article may come from (``criminal_codes``) are listed here too. The intake's
``programme`` choice, the derived end date, the limits the intake applies, ``show`` and the reports all read it
from here.

Plain Python (no pydantic): the read commands derive the end of the masa bimbingan with it. The file is part of
bapascase itself (package data, like the message catalogs), so reading it is not casebook I/O; its shape is
checked by ``bapascase.model.programme_def`` in the tests.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bapascase.model.programmes_file import FILE as FILE
from bapascase.model.programmes_file import source as source
from bapascase.model.programmes_file import stamp as stamp

CHILD = "anak"
ADULT = "dewasa"


@dataclass(frozen=True)
class LegalBasis:
    key: str
    short: str  # "UU 22/2022"
    title: str  # the full title, as the regulation writes it


@dataclass(frozen=True)
class Limit:
    value: int | None  # None: a rule without a number (a condition's deadline within the period)
    basis: str  # the article it comes from: "Pasal 85 ayat (4) UU 1/2023"


@dataclass(frozen=True)
class Recommendation:
    code: str
    label_id: str
    label_en: str
    basis: str
    months: bool  # names a number of months (an extension, a shortening)

    def label(self, lang: str | None = None) -> str:
        from bapascase.i18n import pick

        return pick(self.label_id, self.label_en, lang)


@dataclass(frozen=True)
class ProgrammeInfo:
    code: str
    label_id: str
    label_en: str
    client: str  # anak | dewasa
    end_from_expiry_years: int | None  # None: the end of the masa bimbingan is recorded, never derived
    end_basis: str
    legal_bases: tuple[LegalBasis, ...]
    sentence: str | None = None  # the intake part of a community sentence's terms: pengawasan | kerja_sosial
    limits: Mapping[str, Limit] = field(default_factory=dict)
    recommendations: Mapping[str, Recommendation] = field(default_factory=dict)

    def label(self, lang: str | None = None) -> str:
        from bapascase.i18n import pick

        return pick(self.label_id, self.label_en, lang)

    @property
    def child(self) -> bool:
        return self.client == CHILD

    def limit(self, key: str) -> Limit | None:
        return self.limits.get(key)


@dataclass(frozen=True)
class CriminalCode:
    code: str
    label_id: str
    label_en: str
    cite: str | None  # "KUHP", "UU 1/2023"; None for a special law, named on each article
    named: bool
    offences_from: dt.date | None
    offences_until: dt.date | None

    def label(self, lang: str | None = None) -> str:
        from bapascase.i18n import pick

        return pick(self.label_id, self.label_en, lang)

    def applies_to(self, offence: dt.date) -> bool:
        """Whether an offence committed on that day falls under this code (a special law: never by its date)."""
        if self.offences_from is None and self.offences_until is None:
            return False
        return ((self.offences_from is None or offence >= self.offences_from)
                and (self.offences_until is None or offence <= self.offences_until))


def raw() -> dict[str, Any]:
    """The data file as YAML loads it (what ``programme_def.ProgrammeTable`` validates)."""
    import yaml

    try:
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover - pure-Python fallback
        from yaml import SafeLoader as Loader  # type: ignore[assignment]

    data = yaml.load(source().read_text(encoding="utf-8"), Loader=Loader)
    return data if isinstance(data, dict) else {}


@functools.cache
def _data() -> dict[str, Any]:
    return raw()


@functools.cache
def programmes() -> Mapping[str, ProgrammeInfo]:
    """Every programme by its code, in the file's order."""
    data = _data()
    bases_raw = data.get("legal_bases") or {}
    bases = {k: LegalBasis(k, str(v.get("short") or k), " ".join(str(v.get("title") or "").split()))
             for k, v in bases_raw.items() if isinstance(v, dict)}
    out: dict[str, ProgrammeInfo] = {}
    for code, p in (data.get("programmes") or {}).items():
        if not isinstance(p, dict):
            continue
        label_id, label_en = _labels(p, str(code))
        end = p.get("supervision_end") or {}
        years = end.get("from_expiry_years")
        limits = {str(k): Limit(_int(v.get("value")), _fold(v.get("basis")))
                  for k, v in (p.get("limits") or {}).items() if isinstance(v, dict)}
        recommendations = {}
        for key, r in (p.get("recommendations") or {}).items():
            if isinstance(r, dict):
                r_id, r_en = _labels(r, str(key))
                recommendations[str(key)] = Recommendation(str(key), r_id, r_en, _fold(r.get("basis")),
                                                           r.get("months") is True)
        sentence = p.get("sentence")
        out[str(code)] = ProgrammeInfo(
            code=str(code),
            label_id=label_id,
            label_en=label_en,
            client=str(p.get("client") or ADULT),
            end_from_expiry_years=_int(years),
            end_basis=_fold(end.get("basis")),
            legal_bases=tuple(bases[k] for k in p.get("legal_bases") or () if k in bases),
            sentence=sentence if isinstance(sentence, str) else None,
            limits=limits,
            recommendations=recommendations,
        )
    return out


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _fold(value: object) -> str:
    return " ".join(str(value or "").split())


def _labels(entry: Mapping[str, Any], code: str) -> tuple[str, str]:
    label = entry.get("label") or {}
    label_id = str(label.get("id") or code)
    return label_id, str(label.get("en") or label_id)


@functools.cache
def criminal_codes() -> Mapping[str, CriminalCode]:
    """The criminal codes an article may come from, by code, in the file's order."""
    out: dict[str, CriminalCode] = {}
    for code, c in (_data().get("criminal_codes") or {}).items():
        if not isinstance(c, dict):
            continue
        label_id, label_en = _labels(c, str(code))
        cite = c.get("cite")
        out[str(code)] = CriminalCode(str(code), label_id, label_en, cite if isinstance(cite, str) else None,
                                      c.get("named") is True, _day(c.get("offences_from")),
                                      _day(c.get("offences_until")))
    return out


def _day(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def recommendation(code: object) -> Recommendation | None:
    """A recommendation of a pertimbangan by its code, whichever programme lists it."""
    for p in programmes().values():
        if isinstance(code, str) and code in p.recommendations:
            return p.recommendations[code]
    return None


def programme(code: object) -> ProgrammeInfo | None:
    return programmes().get(code) if isinstance(code, str) else None


def end_rule(code: object) -> int | None:
    """Years after ekspirasi the masa bimbingan of this programme ends (None: it is recorded, never derived)."""
    found = programme(code)
    return found.end_from_expiry_years if found else None


