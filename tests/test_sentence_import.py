"""Articles in a spreadsheet import: one "Pasal" cell (several articles with ``;`` between, as a PK types them),
and each tagged with its code as an intake tags it (``StageBehaviour.complete``), never split into columns."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from bapascase.store import yamlio
from tests.helpers import Book, assert_clean_exit


def _import(book: Book, path: Path) -> list[str]:
    result = book.run("import", str(path), "--no-input", "--json")
    assert_clean_exit(result, 0)
    return list(json.loads(result.stdout)["ids"])


def _articles(book: Book, case_id: str) -> Any:
    data = yamlio.load(book.cases / case_id / "case.yaml")
    return data["legal"]["articles"]


def test_the_template_has_one_articles_column(book: Book, tmp_path: Path) -> None:
    target = tmp_path / "klien.csv"
    assert_clean_exit(book.run("import", "--template", str(target)), 0)
    header = next(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert [h for h in header if h.rstrip(" *") == "Pasal"] == [header[header.index("Pasal *")]]
    assert not [h for h in header if h.startswith(("Pasal 1", "Kitab"))]


def test_imported_articles_are_tagged_as_at_intake(book: Book, tmp_path: Path) -> None:
    target = tmp_path / "klien.csv"
    assert_clean_exit(book.run("import", "--template", str(target)), 0)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    col = rows[0].index("Pasal *")
    rows[1][col] = "Pasal 363 ayat (1) ke-4 KUHP; Pasal 127 ayat (1) huruf a UU 35/2009; tidak jelas"
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    (case_id,) = _import(book, target)
    assert _articles(book, case_id) == [
        {"article": "Pasal 363 ayat (1) ke-4", "code": "kuhp"},
        {"article": "Pasal 127 ayat (1) huruf a", "code": "uu_khusus", "law": "UU 35/2009"},
        "tidak jelas",  # kept as typed: check says so, check --fix cannot read it either
    ]
