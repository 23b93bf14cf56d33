"""Every report has a date and an author of record: the date of the document it prints (else --date, else
today), ages and days left computed at it, and the officer in charge on that date, even after a transfer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bapascase.model import derive
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.helpers import assert_clean_exit, invoke
from tests.report_fixture import save, story_case

TODAY = dt.date(2026, 6, 15)
FIRST = "Sri Rahayu Contoh, S.Sos."
SECOND = "Budi Santoso Contoh, S.Psi."


def test_officer_at_a_date() -> None:
    transfers = [("2025-09-01", "B"), ("2026-03-01", "C")]
    assert derive.officer_at("A", transfers, dt.date(2025, 8, 31)) == "A"
    assert derive.officer_at("A", transfers, dt.date(2025, 9, 1)) == "B"  # a transfer takes effect on its date
    assert derive.officer_at("A", transfers, dt.date(2026, 6, 1)) == "C"
    assert derive.officer_at("A", list(reversed(transfers)), dt.date(2025, 12, 1)) == "B"  # in date order
    assert derive.officer_at("A", transfers, None) == "C"  # undated: today's officer
    assert derive.officer_at("A", [], dt.date(2020, 1, 1)) == "A"


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Casebook, str]:
    """The story's client, handed to a second PK on 1 September 2025 (after the termination of 15 August)."""
    book, case_id = story_case(tmp_path_factory.mktemp("dates") / "cb")
    save(book, case_id, "transfer", {"date": "2025-09-01", "to": {"name": SECOND, "nip": "198505152010011002"},
                                     "previous": {"name": FIRST, "nip": "198001012005012001"},
                                     "reason": "Mutasi tugas"}, "2025-09-01")
    return book, case_id


def signed_by(text: str) -> str:
    """The author's name in the signature block (the last bold name before the end of a Markdown report)."""
    tail = text[text.rindex("Medan, "):]
    for name in (FIRST, SECOND):
        if f"**{name}**" in tail:
            return name
    raise AssertionError(tail)


def test_the_litmas_keeps_its_date_and_its_author(moved: tuple[Casebook, str]) -> None:
    book, case_id = moved
    text = render(book, case_id, "litmas", "md", "id", TODAY).text
    assert "Medan, 10 Januari 2025" in text and "| Tanggal Litmas | 10 Januari 2025 |" in text
    assert "| Umur | 40 tahun |" in text  # born 15 March 1984: 40 at the Litmas, 42 today
    assert signed_by(text) == FIRST


def test_the_termination_keeps_its_date_and_its_author(moved: tuple[Casebook, str]) -> None:
    book, case_id = moved
    text = render(book, case_id, "termination", "md", "id", TODAY).text
    assert "Medan, 15 Agustus 2025" in text and "November 2026" not in text
    assert signed_by(text) == FIRST
    assert f"| Pembimbing Kemasyarakatan (PK) | {FIRST} |" in text  # the officer of record, in its header


def test_a_letter_keeps_its_date_and_its_author(moved: tuple[Casebook, str]) -> None:
    book, case_id = moved
    text = render(book, case_id, "warning", "md", "id", TODAY).text
    assert "Medan, 3 Juli 2025" in text
    assert signed_by(text) == FIRST


def test_a_report_of_today_is_signed_by_todays_officer(moved: tuple[Casebook, str]) -> None:
    book, case_id = moved
    text = render(book, case_id, "progress", "md", "id", TODAY).text
    assert "Medan, 15 Juni 2026" in text
    assert signed_by(text) == SECOND


def test_date_sets_a_report_without_a_recorded_date(moved: tuple[Casebook, str]) -> None:
    book, case_id = moved
    text = render(book, case_id, "progress", "md", "id", TODAY, date=dt.date(2025, 8, 1)).text
    assert "Medan, 1 Agustus 2025" in text and "keadaan per 1 Agustus 2025" in text
    assert signed_by(text) == FIRST  # before the transfer
    assert "1382 hari lagi" in text  # days left of the masa bimbingan (to 14 May 2029) on 1 August 2025
    # a recorded date wins over --date
    text = render(book, case_id, "termination", "md", "id", TODAY, date=dt.date(2026, 1, 1)).text
    assert "Medan, 15 Agustus 2025" in text


def test_the_cli_date_option(moved: tuple[Casebook, str], tmp_path: Path) -> None:
    book, case_id = moved
    result = invoke(["report", case_id, "--kind", "case", "--date", "1/8/2025"], casebook=book.root)
    assert_clean_exit(result, 0)
    assert "| Umur | 41 tahun |" in result.stdout  # on 1 August 2025
    bad = invoke(["report", case_id, "--date", "kemarin"], casebook=book.root)
    assert_clean_exit(bad, 2)
    assert "--date" in bad.stderr


def test_the_progress_report_names_the_tpp_session_it_is_for() -> None:
    """The next TPP session scheduled after the report's date, with its number when recorded; the period since
    the last session names that session's number."""
    from tests.helpers import ROOT

    book = Casebook(ROOT)
    ncp = render(book, "2026-ncp-3xq8d", "progress", "md", "id", dt.date(2026, 11, 30)).text
    assert "untuk Sidang TPP tanggal Kamis, 3 Desember 2026, keadaan per 30 November 2026" in ncp
    bzg = render(book, "2025-bzg-k7m2p", "progress", "md", "id", dt.date(2026, 11, 30)).text
    assert "(sejak sidang TPP 20 Agustus 2026, Nomor 57/TPP/VIII/2026)" in bzg
    before = render(book, "2025-bzg-k7m2p", "progress", "md", "id", dt.date(2026, 8, 10)).text
    assert "untuk Sidang TPP Nomor 57/TPP/VIII/2026 tanggal Kamis, 20 Agustus 2026" in before
