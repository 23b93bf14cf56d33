"""Articles know their code: "Pasal 338 KUHP" (the old code), "Pasal 458 UU 1/2023" (the new one, for offences
from 2 January 2026), "Pasal 127 ayat (1) huruf a UU 35/2009" (a special law, named on the article).

An article is recorded either tagged (``{article: Pasal 338, code: kuhp}``; a special law also names its ``law``)
or, as earlier casebooks wrote it, as free text ("Pasal 338 KUHP"): still valid, printed as written. This module
is the one place that cites an article, tells which code applies to an offence by its date (the dates are data:
``criminal_codes`` in ``bapascase/data/programmes.yaml``) and reads the code out of free text (the intake tags what
a PK types, ``check --fix`` tags what earlier casebooks hold).

Plain Python (no pydantic): the index and ``show`` cite articles from raw files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

NAMED = "uu_khusus"  # the code whose articles name their law (a special law)

# what may follow an article and name its code, longest first; group "law" captures a special law's number/year
_NEW = (r"(?:KUHP|KUHPidana)\s+(?:baru|nasional|\(?2023\)?)|"
        r"(?:UU|Undang[- ]Undang)(?:\s+(?:RI|Republik\s+Indonesia))?\s*(?:No\.?|Nomor)?\s*1\s*"
        r"(?:/|Tahun|Th\.?)\s*2023(?:\s+tentang\s+(?:Kitab\s+Undang[- ]Undang\s+Hukum\s+Pidana|KUHP))?")
_OLD = r"(?:KUHP|KUHPidana)\s+lama|Wetboek\s+van\s+Strafrecht|WvS"
_PLAIN = r"KUHPidana|KUHP"
_LAW = (r"(?P<kind>UU|Undang[- ]Undang|Perppu)(?P<drt>\s+(?:Darurat|Drt\.?))?(?:\s+(?:RI|Republik\s+Indonesia))?"
        r"\s*(?:No\.?|Nomor)?\s*(?P<no>\d+)\s*(?:/|Tahun|Th\.?)\s*(?P<year>\d{4})(?:\s+tentang\s+[^,;]+)?")
_TAIL = re.compile(rf"\s*(?:(?P<new>{_NEW})|(?P<old>{_OLD})|(?P<law>{_LAW})|(?P<plain>{_PLAIN}))\s*\.?\s*$",
                   re.IGNORECASE)
_ANY_CODE = re.compile(rf"(?<!\w)(?:{_NEW}|{_OLD}|{_LAW}|{_PLAIN})(?!\w)", re.IGNORECASE)
_ARTICLE = re.compile(r"^\s*Pasal\s+\d", re.IGNORECASE)


# why free text cannot be tagged (``migrate.why_<reason>`` says it): plain_kuhp may mean either code after the switch
Unread = Literal["no_article", "no_code", "several_codes", "plain_kuhp"]


@dataclass(frozen=True)
class Parsed:
    """What free text says: the article and its code (and law), or why it cannot be told (``reason``)."""

    article: str = ""
    code: str | None = None
    law: str | None = None
    reason: Unread | Literal[""] = ""

    @property
    def tagged(self) -> dict[str, str]:
        out = {"article": self.article, "code": self.code or ""}
        if self.law:
            out["law"] = self.law
        return out


def _codes() -> Mapping[str, Any]:
    from bapascase.model.programmes import criminal_codes

    return criminal_codes()


def applicable_code(offence: object) -> str | None:
    """The criminal code that applies to an offence committed on that day (the special laws aside), or None."""
    from bapascase.model.text import as_date

    day = as_date(offence)
    if day is None:
        return None
    return next((c.code for c in _codes().values() if not c.named and c.applies_to(day)), None)


def code_label(code: object, lang: str | None = None) -> str:
    found = _codes().get(code) if isinstance(code, str) else None
    return found.label(lang) if found else str(code or "")


def law_name(number: str, year: str, emergency: bool = False, perppu: bool = False) -> str:
    """A special law as a report cites it: "UU 35/2009", "UU Darurat 12/1951", "Perppu 1/2016"."""
    head = "Perppu" if perppu else "UU Darurat" if emergency else "UU"
    return f"{head} {int(number)}/{year}"


def cite(article: str, code: str | None, law: str | None = None) -> str:
    """An article with its code, as a report prints it: "Pasal 458 UU 1/2023", "Pasal 338 KUHP",
    "Pasal 127 ayat (1) huruf a UU 35/2009". Untagged free text (no code) is printed as written."""
    text = " ".join(article.split())
    if not code:
        return text
    found = _codes().get(code)
    if found is not None and found.named:
        return f"{text} {law}".strip() if law else text
    short = found.cite if found is not None else code
    return f"{text} {short}"


def cite_raw(item: object) -> str | None:
    """An article as a case file holds it (free text, or a tagged mapping), cited; None when it is neither."""
    if isinstance(item, str):
        return " ".join(item.split()) or None
    if isinstance(item, dict):
        article = item.get("article")
        if not isinstance(article, str) or not article.strip():
            return None
        code = item.get("code") if isinstance(item.get("code"), str) else None
        law = item.get("law") if isinstance(item.get("law"), str) else None
        return cite(article, code, law)
    return None


def code_raw(item: object) -> str | None:
    """The code of an article as a case file holds it (None: free text, untagged)."""
    if isinstance(item, dict) and isinstance(item.get("code"), str):
        return str(item["code"])
    return None


def parse(text: str, applies: str | None = None) -> Parsed:
    """The article and code of free text. ``applies``: the code known to apply to the offence (``known_code``):
    plain "KUHP" is the old code for an offence known to fall under it; after the switch people write "KUHP" for
    either code, so it is left for the officer."""
    text = " ".join(text.split())
    if not _ARTICLE.match(text):
        return Parsed(reason="no_article")
    m = _TAIL.search(text)
    if m is None:
        return Parsed(reason="no_code")
    article = text[: m.start()].strip().rstrip(",")
    if not _ARTICLE.match(article) or not article:
        return Parsed(reason="no_article")
    if _ANY_CODE.search(article):
        # "Pasal 2 UU 31/1999 jo. Pasal 55 KUHP": several codes in one line; the officer splits or tags it
        return Parsed(reason="several_codes")
    if m.group("new"):
        return Parsed(article, "uu_1_2023")
    if m.group("old"):
        return Parsed(article, "kuhp")
    if m.group("law"):
        law = law_name(m.group("no"), m.group("year"), emergency=bool(m.group("drt")),
                       perppu=m.group("kind").lower() == "perppu")
        if law == "UU 1/2023":
            return Parsed(article, "uu_1_2023")
        return Parsed(article, NAMED, law)
    if applies == "kuhp":
        return Parsed(article, "kuhp")
    return Parsed(article, reason="plain_kuhp")


def ends_with_code(article: str) -> bool:
    """The article's own text already names a code at its end (so a tag would print it twice)."""
    return bool(_TAIL.search(" ".join(article.split())))


def mismatch(code: str | None, applies: str | None) -> bool:
    """Whether an article's code is not the one that applies to the offence (``known_code``). A special law
    never mismatches; nothing is known without a date."""
    if not code or code == NAMED or applies is None:
        return False
    found = _codes().get(code)
    return found is not None and not found.named and code != applies


def known_code(offence: object, *later: object) -> str | None:
    """The code that applies to the offence: by its date; without one, by the earliest date the case knows that
    follows it (the verdict, the start of supervision, the intake) when that date settles it (before the switch,
    the offence was too); else None."""
    day = _as_day(offence)
    if day is not None:
        return applicable_code(day)
    dates = [d for d in (_as_day(x) for x in later) if d is not None]
    if not dates:
        return None
    code = applicable_code(min(dates))
    found = _codes().get(code) if code else None
    return code if found is not None and found.offences_from is None else None


def _as_day(value: object) -> dt.date | None:
    from bapascase.model.text import as_date

    return as_date(value)
