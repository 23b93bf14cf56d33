"""A report made later than the date it bears (``--date``, or the date of the Litmas, termination, closing or
letter it prints) shows the records as they stood on that date: nothing dated after it is listed or counted,
except a TPP session, which is set ahead of its day. A report dated the day it is made shows everything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.helpers import Book, assert_clean_exit
from tests.stage_helpers import demo_book

MADE = dt.date(2026, 11, 30)  # the demo casebook's records run to the end of November 2026
FCS = "2026-fcs-4kw2n"  # kerja sosial: work sessions from 19 September to 28 November 2026
BZG = "2025-bzg-k7m2p"  # terminated in June 2025, still reporting (wajib lapor) after it


def _report(book: Book, tmp_path: Path, *args: str, today: dt.date = MADE) -> str:
    out = tmp_path / "laporan.md"
    result = book.run("report", *args, "--format", "md", "-o", str(out), today=today)
    assert_clean_exit(result, 0)
    return out.read_text(encoding="utf-8")


def test_a_service_report_dated_earlier_counts_only_the_sessions_until_then(tmp_path: Path) -> None:
    book = demo_book(tmp_path)
    then = _report(book, tmp_path, FCS, "--kind", "service", "--date", "2026-10-01")
    assert "26 September 2026" in then and "3 Oktober 2026" not in then and "28 November 2026" not in then
    assert "Jam kerja sosial dijalani 8 dari 120 jam; sisa 112 jam (2 sesi)." in then
    now = _report(book, tmp_path, FCS, "--kind", "service")
    assert "28 November 2026" in now
    assert "Jam kerja sosial dijalani 39 dari 120 jam; sisa 81 jam (10 sesi)." in now


def test_a_termination_report_counts_as_of_the_termination(tmp_path: Path) -> None:
    """The client kept reporting after the casework ended: the termination report, printed today, counts the
    wajib lapor up to its own date, as when it was signed."""
    book = demo_book(tmp_path)
    text = _report(book, tmp_path, BZG, "--kind", "termination")
    assert "| Wajib lapor | 4 kali tercatat: 4 hadir langsung, 0 jarak jauh, 0 tidak hadir. |" in text


def test_a_progress_report_dated_earlier_still_names_the_tpp_session_ahead(tmp_path: Path) -> None:
    book = demo_book(tmp_path)
    text = _report(book, tmp_path, BZG, "--kind", "progress", "--date", "2026-08-10")
    assert "untuk Sidang TPP Nomor 57/TPP/VIII/2026 tanggal Kamis, 20 Agustus 2026" in text


def test_the_same_report_made_on_its_date_and_later_is_the_same(tmp_path: Path) -> None:
    """Made on 1 October, or made on 30 November with ``--date 2026-10-01``: the same sessions and figures."""
    book = demo_book(tmp_path)
    later = _report(book, tmp_path, FCS, "--kind", "service", "--date", "2026-10-01")
    # what was recorded by 1 October, as the casebook held it then
    for path in sorted((book.cases / FCS / "service").iterdir()):
        if path.name > "2026-10-01":
            path.unlink()
    on_the_day = _report(book, tmp_path, FCS, "--kind", "service", "--date", "2026-10-01",
                         today=dt.date(2026, 10, 1))
    assert later == on_the_day


def test_a_tpp_session_held_after_the_reports_date_shows_as_scheduled(tmp_path: Path) -> None:
    """BZG's session of 20 August 2026 was held (outcome "lanjut", a recommendation): a case file dated 10 August
    lists it as scheduled, without what only its holding recorded."""
    book = demo_book(tmp_path)
    then = _report(book, tmp_path, BZG, "--kind", "case", "--date", "2026-08-10")
    now = _report(book, tmp_path, BZG, "--kind", "case")
    assert "57/TPP/VIII/2026" in then and "57/TPP/VIII/2026" in now
    assert "Pembimbingan dilanjutkan" in now and "Pembimbingan dilanjutkan" not in then
