"""A progress report covers one period, and every section of it shows only what is dated in that period
(``Period.within``): the wajib-lapor table and the count above it are made from the same rows, and a month at
the period's edge whose report fell before it says so instead of listing it (QA: the demo BZG's report since
the TPP session of 20 August 2026 listed a visit of 10 August under "3 kali tercatat")."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bapascase.model.text import MONTHS
from bapascase.reports import context
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT
from tests.stage_helpers import demo_book

BZG = "2025-bzg-k7m2p"
QA_DAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Casebook:
    if not (ROOT / "cases" / BZG).is_dir():
        pytest.skip("no demo casebook")
    return Casebook(demo_book(tmp_path_factory.mktemp("period")).root)


def parse_long(text: str, lang: str = "id") -> dt.date:
    day, month, year = text.split()
    return dt.date(int(year), MONTHS[lang].index(month) + 1, int(day))


def wl_rows(md: str) -> list[str]:
    """The dated rows of the Markdown wajib-lapor table."""
    start = md.index("| Bulan | Tanggal monitoring |")
    table = md[start:md.index("\n\n", start)]
    rows = [line.split("|")[2].strip() for line in table.splitlines()[2:]]
    return [r for r in rows if r]


def test_the_qa_case_lists_only_the_period_and_agrees_with_its_count(demo: Casebook) -> None:
    md = render(demo, BZG, "progress", "md", "id", QA_DAY).text
    assert "21 Agustus 2026 – 30 November 2026" in md
    rows = wl_rows(md)
    assert rows == ["8 September 2026", "7 Oktober 2026", "5 November 2026"]
    assert "10 Agustus 2026" not in md
    n = int(re.search(r"(\d+) kali tercatat", md).group(1))  # type: ignore[union-attr]
    assert n == len(rows)
    # August is in the period, its report before it: said so, not "no monitoring recorded"
    assert "| Agustus 2026 |  | _Tidak ada dalam periode ini" in md
    assert "Agustus 2026" not in md.split("## IX.")[1].split("### Saran")[0].replace("21 Agustus 2026", "")


PERIODS = [(None, None), (dt.date(2025, 3, 15), dt.date(2025, 5, 15)), (dt.date(2025, 2, 20), dt.date(2025, 7, 20)),
           (dt.date(2026, 1, 10), dt.date(2026, 4, 10))]


@pytest.mark.parametrize(("start", "end"), PERIODS)
@pytest.mark.parametrize("case_id", sorted(p.name for p in (ROOT / "cases").glob("*") if (p / "case.yaml").is_file()))
def test_every_section_holds_only_the_period(demo: Casebook, case_id: str, start: dt.date | None,
                                             end: dt.date | None) -> None:
    report = context.build(demo, case_id, "progress", "md", "id", QA_DAY, False, period_from=start, period_to=end)
    p = report.progress
    first, last = parse_long(p["start"]), parse_long(p["end"])

    def inside(day: str) -> bool:
        return first <= parse_long(day) <= last

    records = [rec for mo in p["months"] for rec in mo["records"]]
    assert all(inside(rec["date"]) for rec in records), records
    assert p["wl"]["total"] == len(records)
    assert p["wl"]["present"] + p["wl"]["remote"] + p["wl"]["absent"] == len(records)
    assert all(inside(e.date) for e in p["events"])
    assert all(inside(h["date"]) for h in p["home_visits"])
    assert all(first <= s.date <= last for s in p["sessions"])
    assert all(inside(x["date"]) for x in p["ratings"])
    assert all(inside(x["date"]) for x in p["incidents"])
    assert all(inside(h["date"]) for g in report.goals for h in g["history"])
    assert all(first <= m.date <= last for m in report.monitoring)
    for mo in p["months"]:  # a month is either listed, without any record, or reported outside the period
        assert [bool(mo["records"]), mo["none"], mo["outside"]].count(True) == 1, mo


def test_a_travel_permit_shows_in_a_month_only_where_it_meets_the_period(tmp_path: Path) -> None:
    """A permit from 25 to 28 August is no reason for absence in a period from 1 September."""
    from bapascase.reports.legal import Period

    period = Period(dt.date(2026, 9, 1), dt.date(2026, 11, 30))
    assert period.clipped((2026, 9)) == (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    edge = Period(dt.date(2026, 8, 21), dt.date(2026, 11, 30))
    assert edge.clipped((2026, 8)) == (dt.date(2026, 8, 21), dt.date(2026, 8, 31))
    assert edge.clipped((2026, 11)) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
