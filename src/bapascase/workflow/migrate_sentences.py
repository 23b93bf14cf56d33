"""``check --fix`` for what the 2026 sentences changed in earlier casebooks, one message per file:

- **the child programme's code.** Until the two community sentences of UU 1/2023 came in, ``pidana_pengawasan`` was
  the child programme (pidana dengan syarat: pengawasan, UU 11/2012); it is now ``pengawasan_anak``, and
  ``pidana_pengawasan`` is the adult sentence, which records its conditions (``legal.pengawasan``). A case with the
  old code and no conditions was written before: it is renamed when the file shows a child case (the client was
  under 18 at the offence, else at the verdict, else at the start of supervision; or an article cites UU 11/2012,
  the juvenile justice law), and left for the officer when it cannot be told, saying why.
- **articles know their code.** Each free-text article whose code the text tells ("Pasal 338 KUHP", "Pasal 127
  ayat (1) huruf a UU No. 35 Tahun 2009") is tagged; what cannot be read is left as written, each with its reason.
  A plain "KUHP" is the old code only when the case shows the offence came before the switch (after it, people
  write "KUHP" for either code).

Files are rewritten in place (``store.roundtrip``): the officer's comments and layout stay.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.i18n import t
from bapascase.model import records
from bapascase.model.registry import Stage
from bapascase.model.text import long_date
from bapascase.store.casebook import Casebook

if TYPE_CHECKING:
    from bapascase.workflow.migrate import Migrated

LEGACY_CHILD = "pidana_pengawasan"  # the child programme's code before the adult sentence took it
CHILD = "pengawasan_anak"
# the dates a client's age is taken at, first found first (``migrate.child_age_<key>``, ``migrate.adult_age_<key>``)
AGE_DATES = {"offence": "legal.offence_date", "verdict": "legal.verdict_date", "start": "legal.supervision_start"}
_SPPA = re.compile(r"(?:UU|Undang[- ]Undang)\s*(?:RI\s*)?(?:No\.?|Nomor)?\s*11\s*(?:/|Tahun)\s*2012|SPPA",
                   re.IGNORECASE)


def migrate(book: Casebook, lang: str, done: Migrated) -> None:
    """Both migrations over every case (each case under its lock)."""
    from bapascase.store.lock import case_lock

    for case_id in book.case_ids():
        path = book.case_dir(case_id) / "case.yaml"
        raw = book.read_raw(path) if path.is_file() else None
        if not isinstance(raw, dict):
            continue
        with case_lock(book, case_id):
            _child_programme(book, path, raw, lang, done)
            _tag_articles(book, path, raw, lang, done)


def child_verdict(raw: dict[str, Any], lang: str) -> tuple[bool | None, str]:
    """Whether a case with the old child code is a child case: ``(True, why)``, or ``(None, why)`` when the file
    cannot tell."""
    from bapascase.model import derive

    c = Stage.CASE
    found = raw.get("legal")
    legal: dict[str, Any] = found if isinstance(found, dict) else {}
    articles = [a for a in (legal.get("articles") or []) if isinstance(a, str)]
    birth = records.date(raw, c, "identity.birth_date")
    for key, path in AGE_DATES.items():
        day = records.date(raw, c, path)
        if day is None or birth is None:
            continue
        age = derive.age(birth, day)
        if age is not None and age < derive.CHILD_AGE:
            return True, t(f"migrate.child_age_{key}", lang, age=age, date=long_date(day, lang))
        if age is not None:
            if any(_SPPA.search(a) for a in articles):
                return True, t("migrate.child_sppa", lang)
            return None, t(f"migrate.adult_age_{key}", lang, age=age, date=long_date(day, lang))
    if any(_SPPA.search(a) for a in articles):
        return True, t("migrate.child_sppa", lang)
    return None, t("migrate.no_age", lang)


def _child_programme(book: Casebook, path: Path, raw: dict[str, Any], lang: str, done: Migrated) -> None:
    from bapascase.store.casebook import write_yaml

    legal = raw.get("legal")
    if not isinstance(legal, dict) or legal.get("programme") != LEGACY_CHILD or legal.get("pengawasan") is not None:
        return
    child, why = child_verdict(raw, lang)
    if not child:
        done.lines.append(t("migrate.child_unknown", lang, path=book.rel(path), why=why, old=LEGACY_CHILD, new=CHILD))
        return
    legal["programme"] = CHILD
    write_yaml(path, raw)
    done.paths.append(path)
    done.lines.append(t("migrate.child_programme", lang, path=book.rel(path), old=LEGACY_CHILD, new=CHILD, why=why))


def _tag_articles(book: Casebook, path: Path, raw: dict[str, Any], lang: str, done: Migrated) -> None:
    from bapascase.model.articles import cite, code_label, known_code, parse
    from bapascase.store.casebook import write_yaml

    legal = raw.get("legal")
    items = legal.get("articles") if isinstance(legal, dict) else None
    if not isinstance(legal, dict) or not isinstance(items, list) or not any(isinstance(a, str) for a in items):
        return
    c = Stage.CASE
    applies = known_code(records.date(raw, c, "legal.offence_date"), records.date(raw, c, "legal.verdict_date"),
                         records.date(raw, c, "legal.supervision_start"), records.date(raw, c, "intake_date"))
    tagged: list[str] = []
    left: list[str] = []
    new: list[Any] = []
    for item in items:
        if not isinstance(item, str):
            new.append(item)
            continue
        found = parse(item, applies)
        if found.code is None:
            new.append(item)
            left.append(t("migrate.article_left", lang, article=item,
                          why=t(f"migrate.why_{found.reason}", lang, since=_since(lang))))
            continue
        new.append(found.tagged)
        tagged.append(t("migrate.article_tagged", lang, article=cite(found.article, found.code, found.law),
                        code=code_label(found.code, lang)))
    if tagged:
        legal["articles"] = new
        write_yaml(path, raw)
        done.paths.append(path)
        done.lines.append(t("migrate.articles", lang, path=book.rel(path), n=len(tagged), tagged="; ".join(tagged)))
    for line in left:
        done.lines.append(f"{book.rel(path)}: {line}")


def _since(lang: str) -> str:
    """The day the new code applies from (``criminal_codes`` in the programme file)."""
    from bapascase.model.programmes import criminal_codes

    found = criminal_codes().get("uu_1_2023")
    return long_date(found.offences_from, lang) if found and found.offences_from else ""
