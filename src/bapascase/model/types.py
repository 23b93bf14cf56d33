"""Reusable validated field types: dates typed the Indonesian way, NIK, NIP, phone numbers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from bapascase.model.bounds import DATE_MAX, DATE_MIN

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def _in_range(day: dt.date, shown: Any) -> dt.date:
    """A date inside ``DATE_MIN``..``DATE_MAX``: a typo such as ``9999-12-31`` is a clear error at its line."""
    if not DATE_MIN <= day <= DATE_MAX:
        raise PydanticCustomError("bc_date_range", "date out of range",
                                  {"value": str(shown), "min": str(DATE_MIN.year), "max": str(DATE_MAX.year)})
    return day


def parse_date(value: Any) -> Any:
    """Accept a date, ``2026-03-02`` or day-first ``2/3/2026`` (also with ``.`` or ``-``), from 1900 to 2100."""
    if isinstance(value, dt.datetime):
        return _in_range(value.date(), value.date().isoformat())
    if isinstance(value, dt.date):
        return _in_range(value, value.isoformat())
    if value is None:
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        m = _ISO.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
        else:
            m = _DMY.match(text)
            if not m:
                raise PydanticCustomError("bc_date_format", "bad date format", {"value": text})
            d, mo, y = (int(g) for g in m.groups())
        try:
            day = dt.date(y, mo, d)
        except ValueError:
            raise PydanticCustomError("bc_date_impossible", "impossible date", {"value": text}) from None
        return _in_range(day, text)
    raise PydanticCustomError("bc_date_format", "bad date format", {"value": str(value)})


Date = Annotated[dt.date, BeforeValidator(parse_date), Field(json_schema_extra={
    "format": "date", "formatMinimum": DATE_MIN.isoformat(), "formatMaximum": DATE_MAX.isoformat()})]


def _text_digits(value: Any, not_text: str) -> Any:
    """Spaces and dots dropped from a number written as text; ``not_text`` is the error code for a YAML number
    or boolean."""
    if isinstance(value, bool | int):
        # A NIK written without quotes in YAML becomes a number: leading zeros would be lost.
        raise PydanticCustomError(not_text, "must be text", {})
    if isinstance(value, str):
        return re.sub(r"[\s.]", "", value)
    return value


@dataclass(frozen=True)
class NikBirth:
    """The birth date and sex a NIK encodes in its digits 7-12 (DDMMYY, the day + 40 for a woman). Only two
    digits of the year: the century is not in the NIK, so it is compared, never guessed."""

    day: int
    month: int
    yy: int
    sex: str  # "L" | "P", as ``case.Sex``

    @property
    def digits(self) -> str:
        return f"{self.day:02d}{self.month:02d}{self.yy:02d}"

    def matches(self, born: dt.date) -> bool:
        return (self.day, self.month, self.yy) == (born.day, born.month, born.year % 100)


def nik_birth(nik: str) -> NikBirth:
    """What a 16-digit NIK says of its holder's birth (``check_nik`` validates the part, ``new`` and ``check``
    warn when it disagrees with the record)."""
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    woman = day > 40
    return NikBirth(day - 40 if woman else day, month, yy, "P" if woman else "L")


def check_nik(value: Any) -> Any:
    value = _text_digits(value, "bc_nik_text")
    if not isinstance(value, str):
        return value
    if not value.isdecimal() or not value.isascii():
        raise PydanticCustomError("bc_nik_not_digits", "NIK must be digits only", {})
    if not re.fullmatch(r"\d{16}", value):
        raise PydanticCustomError("bc_nik_digits", "NIK must be 16 digits", {"count": len(value)})
    province = int(value[:2])
    born = nik_birth(value)
    if province < 11 or province > 97:
        raise PydanticCustomError("bc_nik_province", "bad province code", {"code": value[:2]})
    if not (1 <= born.day <= 31 and 1 <= born.month <= 12):
        raise PydanticCustomError("bc_nik_date", "bad birth date part", {"part": value[6:12]})
    return value


def check_nip(value: Any) -> Any:
    value = _text_digits(value, "bc_nip_text")
    if isinstance(value, str) and value and not (value.isdecimal() and value.isascii()):
        raise PydanticCustomError("bc_nip_not_digits", "NIP must be digits only", {})
    if isinstance(value, str) and not re.fullmatch(r"\d{18}", value):
        raise PydanticCustomError("bc_nip_digits", "NIP must be 18 digits", {"count": len(value)})
    return value


def check_family_card(value: Any) -> Any:
    """A family card (Kartu Keluarga) number: 16 digits, written as text (its parts are not a birth date)."""
    value = _text_digits(value, "bc_kk_text")
    if isinstance(value, str) and not (value.isascii() and re.fullmatch(r"\d{16}", value)):
        raise PydanticCustomError("bc_kk_digits", "KK must be 16 digits", {"count": len(value)})
    return value


Nik = Annotated[str, BeforeValidator(check_nik), Field(json_schema_extra={"pattern": r"^\d{16}$"})]
FamilyCard = Annotated[str, BeforeValidator(check_family_card), Field(json_schema_extra={"pattern": r"^\d{16}$"})]
Nip = Annotated[str, BeforeValidator(check_nip), Field(json_schema_extra={"pattern": r"^\d{18}$"})]
Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9][0-9 ()-]{5,20}$"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

