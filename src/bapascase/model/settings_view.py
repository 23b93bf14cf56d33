"""The casebook's settings as a small typed, read-only view, built from a dump of the validated ``SettingsDoc``.

No pydantic here: read commands get their settings from the validated dump kept in ``.bapascase/``
(``bapascase.store.settings``). There are no defaults in this module either: the dump is made by the settings
model (``bapascase.model.settings``), so every default is the model's. A test checks that these classes name
exactly the model's fields.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
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
    head_name: str | None
    head_nip: str | None


@dataclass(frozen=True)
class OfficerSettings:
    name: str
    nip: str | None
    role: str


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
    office: OfficeSettings
    language: str
    officers: tuple[OfficerSettings, ...]
    defaults: DefaultSettings
    reports: ReportSettings
    letterhead: tuple[str, ...]
    auto_commit: bool

    def officers_with(self, role: str) -> list[OfficerSettings]:
        """The listed officers with one role (``pk``, ``praktikan``...)."""
        return [o for o in self.officers if o.role == role and o.name]

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
