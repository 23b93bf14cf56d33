"""The casebook's settings as a small typed, read-only view, built from a dump of the validated ``SettingsDoc``.

No pydantic here: read commands get their settings from the validated dump kept in ``.bapascase/``
(``bapascase.store.settings``). There are no defaults in this module either: the dump is made by the settings
model (``bapascase.model.settings``), so every default is the model's. A test checks that these classes name
exactly the model's fields.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, TypeVar


@dataclass(frozen=True)
class OfficeSettings:
    name: str
    office_class: str | None
    city: str | None
    address: str | None
    phone: str | None
    email: str | None
    kanwil: str | None
    ministry: str | None
    directorate: str | None


@dataclass(frozen=True)
class OfficerSettings:
    name: str
    nip: str | None
    rank: str | None
    role: str
    section: str | None


@dataclass(frozen=True)
class Signatories:
    """Who signs an official report: the PK who wrote it (with the position and NIP listed for them), the
    Kasubsi/Kasi who "Mengetahui" and the Kepala Bapas who "Menyetujui" (None: not listed)."""

    pk: OfficerSettings | None
    kasubsi: OfficerSettings | None
    kepala: OfficerSettings | None


@dataclass(frozen=True)
class DefaultSettings:
    wajib_lapor_interval_days: int
    reassessment_months: int
    due_horizon_days: int


@dataclass(frozen=True)
class ReportSettings:
    made_with_footer: bool


@dataclass(frozen=True)
class Settings:
    schema_version: int
    end_marker: bool
    office: OfficeSettings
    language: str
    officers: tuple[OfficerSettings, ...]
    defaults: DefaultSettings
    reports: ReportSettings
    letterhead: tuple[str, ...]
    holidays: tuple[str, ...]  # ISO dates, as the model dumps them
    auto_commit: bool

    def closed_days(self) -> frozenset[dt.date]:
        """The public holidays listed (``holidays``): the office is closed then, as on a weekend
        (``model.derive.working_day``)."""
        return frozenset(dt.date.fromisoformat(d) for d in self.holidays)

    def officers_with(self, role: str) -> list[OfficerSettings]:
        """The listed officers with one role (``pk``, ``praktikan``...)."""
        return [o for o in self.officers if o.role == role and o.name]

    def head(self) -> OfficerSettings | None:
        """The Kepala Bapas (the officer with the role ``kepala``)."""
        return next(iter(self.officers_with("kepala")), None)

    def section_head(self, section: str | None = None) -> OfficerSettings | None:
        """The Kasubsi/Kasi of a section (``BKD``, ``BKA``); without a section, or none listed for it, the one
        listed without a section, else the only one listed."""
        heads = self.officers_with("kasubsi")
        exact = [o for o in heads if section is not None and o.section == section]
        general = [o for o in heads if o.section is None]
        if exact or general:
            return (exact or general)[0]
        return heads[0] if len(heads) == 1 else None

    def officer_named(self, name: str | None, nip: str | None = None) -> list[OfficerSettings]:
        """The listed officers who are this person: the same NIP, else the same name with or without academic
        titles ("Rahmat Hidayat, S.H." is "Rahmat Hidayat"; ``model.text.person_key``)."""
        from bapascase.model.text import person_key

        if nip:
            by_nip = [o for o in self.officers if o.nip == nip]
            if by_nip:
                return by_nip
        key = person_key(name)
        return [o for o in self.officers if key and person_key(o.name) == key]

    def officers_matching(self, who: str, roles: Sequence[str] | None = None) -> list[OfficerSettings]:
        """The listed officers a typed ``who`` names (of ``roles``, else of any role): by NIP, by name with or
        without titles, else by a part of the name. ``new``, ``import``, ``transfer`` and ``--as`` resolve an
        officer with it."""
        from bapascase.model.text import person_key

        who = who.strip()
        found = [o for o in self.officer_named(who, who if who.isdigit() else None)
                 if roles is None or o.role in roles]
        if not found:
            key = person_key(who)
            found = [o for o in self.officers
                     if (roles is None or o.role in roles) and key and key in person_key(o.name)]
        return found

    def signatories(self, pk_name: str | None, pk_nip: str | None = None, section: str | None = None
                    ) -> Signatories:
        """Who signs a case's official report: its PK as listed (else None), the section's Kasubsi/Kasi and the
        Kepala Bapas. Issue 10's signature block reads this."""
        found = self.officer_named(pk_name, pk_nip)
        return Signatories(found[0] if len(found) == 1 else None, self.section_head(section), self.head())

    @classmethod
    def from_dump(cls, data: Mapping[str, Any]) -> Settings:
        """The view of ``SettingsDoc.model_dump(mode="json")``; a dump of another shape raises ValueError."""
        return _build(cls, data)


D = TypeVar("D")


def _build(cls: type[D], data: Any) -> D:
    if not isinstance(data, Mapping):
        raise ValueError(f"{cls.__name__}: not a mapping")
    hints = typing.get_type_hints(cls)
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    if missing := [n for n in names if n not in data]:
        raise ValueError(f"{cls.__name__}: no {', '.join(missing)}")
    return cls(**{n: _value(hints[n], data[n]) for n in names})


def _value(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        if not isinstance(value, list):
            raise ValueError("not a list")
        return tuple(_value(item, v) for v in value)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if is_dataclass(hint):
        return _build(hint, value)  # type: ignore[arg-type]
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise ValueError(f"{value!r} is not {hint}")
    return value
