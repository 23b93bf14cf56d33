"""Indonesian and English formatting of dates, money and names. Pure functions, no imports of note."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
DAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def long_date(value: object, lang: str = "id", weekday: bool = False) -> str:
    """``29 November 2026`` (``Minggu, 29 November 2026`` with weekday)."""
    d = as_date(value)
    if d is None:
        return "" if value is None else str(value)
    text = f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"
    return f"{DAYS[lang][d.weekday()]}, {text}" if weekday else text


def month_year(value: object, lang: str = "id") -> str:
    d = as_date(value)
    return f"{MONTHS[lang][d.month - 1]} {d.year}" if d else ""


def money(amount: float | int | None) -> str:
    """``Rp1.500.000`` (Indonesian grouping, no decimals unless there are cents)."""
    if amount is None:
        return ""
    neg = amount < 0
    whole = int(abs(amount))
    cents = round((abs(amount) - whole) * 100)
    text = f"{whole:,}".replace(",", ".")
    if cents:
        text += f",{cents:02d}"
    return ("-" if neg else "") + "Rp" + text


def sentence(years: int | None, months: int | None, lang: str = "id") -> str:
    """``2 Tahun 6 Bulan`` / ``2 years 6 months``."""
    y, m = years or 0, months or 0
    parts = []
    if lang == "en":
        if y:
            parts.append(f"{y} year{'s' if y != 1 else ''}")
        if m:
            parts.append(f"{m} month{'s' if m != 1 else ''}")
    else:
        if y:
            parts.append(f"{y} Tahun")
        if m:
            parts.append(f"{m} Bulan")
    return " ".join(parts) or "-"


_PARTICLES = {"bin", "binti", "als", "als.", "alias", "van", "de", "von"}


def initials(name: str | None) -> str:
    """Initials of a person's name, skipping bin/binti and alias parts: "Budi Zulkarnain Ginting" -> "BZG"."""
    if not name:
        return ""
    head = name.split(" als")[0].split(" alias ")[0]
    letters = [w[0] for w in head.replace(".", " ").split() if w and w.lower() not in _PARTICLES and w[0].isalpha()]
    return "".join(letters).upper()
