"""Indonesian and English formatting of dates, money and names. Pure functions, no imports of note."""

from __future__ import annotations

import datetime as dt
import re

from bapascase.model.bounds import DATE_MAX, DATE_MIN

MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
SHORT_MONTHS = {
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
DAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


# Every date read from a file goes through ``as_date``, which treats one outside ``bounds.DATE_MIN``..``DATE_MAX``
# as unknown, so no date the tool derives (a next report, a reassessment, an axis of a chart) can overflow,
# whatever a hand-edited file says.


def as_date(value: object) -> dt.date | None:
    """A date from a recorded value (a date, or ISO text), or None when it is none or outside the sane range."""
    if isinstance(value, str):  # first: summaries hold ISO text, and the caseload asks thousands of times
        try:
            d = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    elif isinstance(value, dt.datetime):
        d = value.date()
    elif isinstance(value, dt.date):
        d = value
    else:
        return None
    return d if DATE_MIN <= d <= DATE_MAX else None


def shift(day: dt.date | None, days: int) -> dt.date | None:
    """``day`` plus ``days``, or None when that leaves the range dates can have (never an OverflowError)."""
    if day is None:
        return None
    try:
        moved = day + dt.timedelta(days=days)
    except OverflowError:
        return None
    return moved if DATE_MIN <= moved <= DATE_MAX else None


def long_date(value: object, lang: str = "id", weekday: bool = False) -> str:
    """``29 November 2026`` (``Minggu, 29 November 2026`` with weekday)."""
    d = as_date(value)
    if d is None:
        return "" if value is None else str(value)
    text = f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"
    return f"{DAYS[lang][d.weekday()]}, {text}" if weekday else text


def short_date(value: object, lang: str = "id") -> str:
    """``29 Nov 2026``: the one date style of tables (text keeps the long form, JSON the ISO form)."""
    d = as_date(value)
    if d is None:
        return "" if value is None else str(value)
    return f"{d.day} {SHORT_MONTHS[lang][d.month - 1]} {d.year}"


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
    from bapascase.i18n import t

    parts = [t(key, lang, n=n) for key, n in (("text.years", years), ("text.months", months)) if n]
    return " ".join(parts) or "-"


ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """Roman numerals of a report's numbered sections (1 to 39): I, II, ... XIII; any other number as it is."""
    if not 0 < n < 40:
        return str(n)
    out = ""
    for value, sym in ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


_ID_ONES = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
            "sebelas"]
_EN_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int, lang: str = "id") -> str:
    """A whole number in words, as sentences and letters write it: 12 -> "dua belas" / "twelve" (0 to 999)."""
    if n < 0 or n > 999:
        return str(n)
    if lang == "en":
        if n < 20:
            return _EN_ONES[n]
        if n < 100:
            tens, ones = divmod(n, 10)
            return _EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else "")
        hundreds, rest = divmod(n, 100)
        return f"{_EN_ONES[hundreds]} hundred" + (f" and {number_words(rest, lang)}" if rest else "")
    if n < 12:
        return _ID_ONES[n]
    if n < 20:
        return f"{_ID_ONES[n - 10]} belas"
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{_ID_ONES[tens]} puluh" + (f" {_ID_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_ID_ONES[hundreds]} ratus"
    return head + (f" {number_words(rest, lang)}" if rest else "")


def sentence_in_words(years: int | None, months: int | None, lang: str = "id") -> str:
    """The sentence as a Litmas writes it: ``12 (dua belas) Tahun Pidana Penjara``, ``2 (dua) Tahun 6 (enam) Bulan
    Pidana Penjara``; ``12 (twelve) years' imprisonment``."""
    from bapascase.i18n import t

    parts = [t(key, lang, n=n, words=number_words(n, lang))
             for key, n in (("text.years_words", years), ("text.months_words", months)) if n]
    if not parts:
        return "-"
    return t("text.imprisonment", lang, length=" ".join(parts))


# "bin"/"binti" and Batak "br" (boru) are not initials: "Ahmad bin Harun" -> "AH", "Rosmawati br Sembiring" -> "RS"
_PARTICLES = {"bin", "binti", "bt", "bt.", "br", "br.", "boru", "van", "de", "von"}
_ALIAS = re.compile(r"\s+(?:als\.?|alias)(?:\s+|$)", re.IGNORECASE)


def initials(name: str | None) -> str:
    """Initials of a person's name: "Budi Zulkarnain Ginting" -> "BZG", "Ahmad bin Harun" -> "AH".

    An alias ("als. Ucok") and particles such as "bin", "binti" and "br" are left out.
    """
    if not name:
        return ""
    head = _ALIAS.split(name, maxsplit=1)[0]
    letters = []
    for word in head.replace(".", ". ").split():
        low = word.lower()
        if low in _PARTICLES or not word[0].isalpha():
            continue
        letters.append(word[0])
    return "".join(letters).upper()


def hours(value: float | int | None, lang: str = "id") -> str:
    """An amount of hours: "7", "7,5" (Indonesian decimal comma), "7.5" in English."""
    if value is None:
        return ""
    rounded = round(float(value), 2)
    text = str(int(rounded)) if rounded == int(rounded) else f"{rounded:g}"
    return text.replace(".", ",") if lang == "id" else text


# titles written before a name (Drs. Kepala Contoh, H. Ahmad) and after it (..., S.H., M.Si.): not part of who it is
_TITLE_BEFORE = {"dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "r", "rr"}
_DEGREE = re.compile(r"^[A-Za-z]{1,5}(\.[A-Za-z]{0,5})+\.?$|^(S|M|D)[A-Z][A-Za-z]{0,4}$")


def person_key(name: str | None) -> str:
    """A person's name without academic and religious titles, for comparing: "Rahmat Hidayat, S.H." and
    "rahmat  hidayat" give the same key; "Drs. Kepala Contoh, M.Si." gives "kepala contoh"."""
    if not name:
        return ""
    head = name.split(",", 1)[0]  # degrees follow a comma
    words = head.split()
    while words and words[0].rstrip(".").lower() in _TITLE_BEFORE and len(words) > 1 and words[0].endswith("."):
        words.pop(0)
    while len(words) > 1 and _DEGREE.match(words[-1]) and "." in words[-1]:
        words.pop()  # a degree written without a comma: "Rahmat Hidayat S.H."
    return " ".join(w.strip(".").lower() for w in words if w.strip("."))
