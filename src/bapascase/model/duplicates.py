"""The same person registered twice: one rule, used by ``new``, ``import`` and ``check``.

Two intakes are the same client when their NIK is the same, or when their name (letter case, spacing and an
alias after "als." aside) and birth date are. Plain Python over the index's summaries (``model.derive.summarize``),
no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from bapascase.model.text import as_date

# why two intakes are one client (each has its ``kbd.same.<reason>`` message)
Reason = Literal["nik", "name_birth"]
SAME_NIK: Final = "nik"
SAME_NAME_BIRTH: Final = "name_birth"

_ALIAS = re.compile(r"\s+(?:als\.?|alias)(?:\s+.*|$)", re.IGNORECASE)


def name_key(name: Any) -> str:
    """A client's name for comparing: "BUDI  Zulkarnain Ginting als. Ucok" -> "budi zulkarnain ginting"."""
    if not isinstance(name, str):
        return ""
    return " ".join(_ALIAS.sub("", name).casefold().split())


@dataclass(frozen=True)
class Twin:
    case_id: str
    reason: Reason


def twins(nik: Any, name: Any, birth_date: Any, summaries: Iterable[Mapping[str, Any]],
          exclude: str | None = None) -> list[Twin]:
    """The cases among ``summaries`` that are the same client as (nik, name, birth date); NIK matches first."""
    birth = as_date(birth_date)
    key = name_key(name)
    out: list[Twin] = []
    for s in summaries:
        case_id = str(s.get("id") or "")
        if case_id == exclude:
            continue
        if nik and s.get("nik") == nik:
            out.append(Twin(case_id, SAME_NIK))
        elif key and birth is not None and as_date(s.get("birth_date")) == birth and name_key(s.get("name")) == key:
            out.append(Twin(case_id, SAME_NAME_BIRTH))
    out.sort(key=lambda tw: (tw.reason != SAME_NIK, tw.case_id))
    return out


class Finder:
    """``twins`` over a growing set of summaries, by lookup instead of a pass over all of them (an import of 10,000
    rows compares each with the casebook and with the rows before it). ``find`` answers as ``twins`` would over
    the summaries added so far."""

    def __init__(self, summaries: Iterable[Mapping[str, Any]] = ()) -> None:
        self._by_nik: dict[Any, list[str]] = {}
        self._by_name: dict[tuple[str, Any], list[tuple[str, Any]]] = {}
        for s in summaries:
            self.add(s)

    def add(self, summary: Mapping[str, Any]) -> None:
        case_id = str(summary.get("id") or "")
        nik = summary.get("nik")
        if nik and isinstance(nik, str | int):
            self._by_nik.setdefault(nik, []).append(case_id)
        key, birth = name_key(summary.get("name")), as_date(summary.get("birth_date"))
        if key and birth is not None:
            self._by_name.setdefault((key, birth), []).append((case_id, nik))

    def find(self, nik: Any, name: Any, birth_date: Any, exclude: str | None = None) -> list[Twin]:
        hashable = isinstance(nik, str | int)
        out = [Twin(c, SAME_NIK) for c in self._by_nik.get(nik, ())] if nik and hashable else []
        birth, key = as_date(birth_date), name_key(name)
        if key and birth is not None:  # a case found by its NIK is not found again by its name
            out += [Twin(c, SAME_NAME_BIRTH) for c, other in self._by_name.get((key, birth), ())
                    if not (nik and other == nik)]
        out = [tw for tw in out if tw.case_id != exclude]
        out.sort(key=lambda tw: (tw.reason != SAME_NIK, tw.case_id))
        return out


def groups(summaries: Iterable[Mapping[str, Any]]) -> list[tuple[Reason, list[str]]]:
    """Every set of cases that are one client registered more than once: ``(reason, case ids)``."""
    by_nik: dict[str, list[str]] = {}
    by_name: dict[tuple[str, Any], list[str]] = {}
    for s in summaries:
        case_id = str(s.get("id") or "")
        nik = s.get("nik")
        if isinstance(nik, str) and nik:
            by_nik.setdefault(nik, []).append(case_id)
        key, birth = name_key(s.get("name")), as_date(s.get("birth_date"))
        if key and birth is not None:
            by_name.setdefault((key, birth), []).append(case_id)
    out: list[tuple[Reason, list[str]]] = [(SAME_NIK, sorted(ids)) for ids in by_nik.values() if len(ids) > 1]
    nik_sets = [set(ids) for _, ids in out]
    out += [(SAME_NAME_BIRTH, sorted(ids)) for ids in by_name.values()
            if len(ids) > 1 and not any(set(ids) <= known for known in nik_sets)]
    return sorted(out, key=lambda g: g[1])
