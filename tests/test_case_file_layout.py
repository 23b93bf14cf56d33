"""The case file reads as a form: each part's simple answers are one two-column table, never split by a list of
rows (the articles between the offence and the verdict) or a text between them; the parts follow it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bapascase.reports.context import load_entries
from bapascase.reports.render import render
from bapascase.reports.walk import SIMPLE, Node, walk
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT as REPO

TODAY = dt.date(2026, 11, 30)


def _in_order(nodes: list[Node], where: str) -> list[str]:
    bad: list[str] = []
    seen_part = False
    for n in nodes:
        if n.kind in SIMPLE and seen_part:
            bad.append(f"{where}/{n.name}")
        seen_part = seen_part or n.kind not in SIMPLE
        bad += _in_order(n.children, f"{where}/{n.name}")
    return bad


def _demo_ids() -> list[str]:
    return sorted(p.name for p in (REPO / "cases").iterdir() if p.is_dir())


@pytest.mark.parametrize("case_id", _demo_ids())
def test_every_part_of_every_demo_document_lists_its_simple_answers_first(case_id: str) -> None:
    book = Casebook(REPO)
    for lang in ("id", "en"):
        for stage, entries in load_entries(book, case_id).items():
            for e in entries:
                assert _in_order(walk(e.doc, lang), f"{stage}:{e.path}") == []


def test_the_articles_no_longer_split_the_legal_status_table(tmp_path: Path) -> None:
    book = Casebook(REPO)
    fcs = next(c for c in _demo_ids() if "-fcs-" in c)
    text = render(book, fcs, "case", "md", "id", TODAY).text
    legal = text[text.index("### Status hukum"):]
    legal = legal[: legal.index("#### ")]  # the part's own table, up to its first sub-part
    rows = re.findall(r"^\| (.+?) \|", legal, flags=re.M)
    assert {"Tindak pidana", "Nomor putusan", "Tanggal putusan", "Akhir masa bimbingan"} <= set(rows)
    assert legal.count("| --- | --- |") == 1  # one table, not two
