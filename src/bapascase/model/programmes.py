"""The supervision programmes, read from ``bapascase/data/programmes.yaml``: the one place that lists them.

Each programme has its labels, whether its clients are children or adults, the rule for the end of the masa
bimbingan (``from_expiry_years``: ekspirasi + N years when the end is not recorded; none: the end must be recorded)
and its legal bases with their full titles. The intake's ``programme`` choice, the derived end date, ``show`` and
the reports all read it from here.

Plain Python (no pydantic): the read commands derive the end of the masa bimbingan with it. The file is part of
bapascase itself (package data, like the message catalogs), so reading it is not casebook I/O; its shape is
checked by ``bapascase.model.programme_def`` in the tests.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE = "programmes.yaml"
CHILD = "anak"
ADULT = "dewasa"


@dataclass(frozen=True)
class LegalBasis:
    key: str
    short: str  # "UU 22/2022"
    title: str  # the full title, as the regulation writes it


@dataclass(frozen=True)
class ProgrammeInfo:
    code: str
    label_id: str
    label_en: str
    client: str  # anak | dewasa
    end_from_expiry_years: int | None  # None: the end of the masa bimbingan is recorded, never derived
    end_basis: str
    legal_bases: tuple[LegalBasis, ...]

    def label(self, lang: str | None = None) -> str:
        from bapascase.i18n import pick

        return pick(self.label_id, self.label_en, lang)

    @property
    def child(self) -> bool:
        return self.client == CHILD


def source() -> Path:
    """The data file inside the installed package (beside the code: the wheel ships ``bapascase/data``).

    A plain path, not ``importlib.resources``: the caseload index stats it on every ``list``."""
    return Path(__file__).resolve().parent.parent / "data" / FILE


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
def programmes() -> Mapping[str, ProgrammeInfo]:
    """Every programme by its code, in the file's order."""
    data = raw()
    bases_raw = data.get("legal_bases") or {}
    bases = {k: LegalBasis(k, str(v.get("short") or k), " ".join(str(v.get("title") or "").split()))
             for k, v in bases_raw.items() if isinstance(v, dict)}
    out: dict[str, ProgrammeInfo] = {}
    for code, p in (data.get("programmes") or {}).items():
        if not isinstance(p, dict):
            continue
        label = p.get("label") or {}
        end = p.get("supervision_end") or {}
        years = end.get("from_expiry_years")
        out[str(code)] = ProgrammeInfo(
            code=str(code),
            label_id=str(label.get("id") or code),
            label_en=str(label.get("en") or label.get("id") or code),
            client=str(p.get("client") or ADULT),
            end_from_expiry_years=years if isinstance(years, int) and not isinstance(years, bool) else None,
            end_basis=" ".join(str(end.get("basis") or "").split()),
            legal_bases=tuple(bases[k] for k in p.get("legal_bases") or () if k in bases),
        )
    return out


def programme(code: object) -> ProgrammeInfo | None:
    return programmes().get(code) if isinstance(code, str) else None


def end_rule(code: object) -> int | None:
    """Years after ekspirasi the masa bimbingan of this programme ends (None: it is recorded, never derived)."""
    found = programme(code)
    return found.end_from_expiry_years if found else None


def stamp() -> str:
    """What changes when the data file does (size and modification time): the caseload index keys its cached
    derived dates by it, without reading the file."""
    import os

    try:
        st = os.stat(source())
    except OSError:
        return "-"
    return f"{st.st_size}-{st.st_mtime_ns}"
