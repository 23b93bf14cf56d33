"""What a legal event or a termination says has happened is never dated after today, as a wajib lapor or a
closing is not (``StageBehaviour.past_dates``): recording refuses it, ``check`` warns. A TPP session still to be
held may be dated ahead: it is scheduled."""

from __future__ import annotations

from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, assert_clean_exit
from tests.stage_helpers import answers, entry_rel, record, record_ok, through

AHEAD = "2026-06-16"  # the tests' today is 15 June 2026
REFUSED = "date: tanggal 16 Juni 2026 sesudah hari ini (15 Juni 2026): catat setelah terjadi"


@pytest.fixture
def case_id(book: Book) -> str:
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "monitor", case_id, {"date": "2026-05-31", "wajib_lapor": {"status": "tidak_hadir"}})
    return case_id


HAPPENED: dict[str, dict[str, Any]] = {
    "surat_peringatan": {"order": 1, "number": "W2.PAS-0101", "grounds": ["tidak_wajib_lapor"]},
    "usulan_pencabutan": {"grounds": ["pindah_alamat"], "description": "Klien pindah ke Binjai tanpa melapor."},
    "pencabutan_sementara": {"grounds": ["pindah_alamat"], "custody": "Lapas Kelas I Medan"},
    "pemindahan_bimbingan": {"to_bapas": "Bapas Kelas II Pematangsiantar", "reason": "Klien pindah domisili"},
    "sidang_tpp": {"number": "41/TPP/VI/2026", "agenda": "Evaluasi", "outcome": "lanjut"},
}


@pytest.mark.parametrize("kind", list(HAPPENED))
def test_an_event_that_has_happened_is_not_recorded_ahead_of_today(book: Book, case_id: str, kind: str) -> None:
    given = {"kind": kind, "date": AHEAD, **HAPPENED[kind]}
    if kind == "sidang_tpp":
        from bapascase.model.event import TppOutcome

        given["outcome"] = next(iter(TppOutcome)).value
    if kind == "usulan_pencabutan":
        given["cites"] = [entry_rel(book, case_id, "monitoring/2026-05-31.yaml")]
    result = record(book, "event", case_id, given)
    assert_clean_exit(result, 1)
    assert REFUSED in result.stderr, result.stderr
    assert not (book.case_file(case_id, "events")).exists() or not list(book.case_file(case_id, "events").iterdir())
    record_ok(book, "event", case_id, {**given, "date": "2026-06-15"})  # on the day itself it is fine


def test_a_tpp_session_still_to_be_held_may_be_dated_ahead(book: Book, case_id: str) -> None:
    out = record_ok(book, "event", case_id, {"kind": "sidang_tpp", "date": "2026-07-20", "number": "41/TPP/VII/2026",
                                             "agenda": "Evaluasi tiga bulan PB"})
    assert out["path"].endswith(".yaml")


def test_in_english_too(book: Book, case_id: str) -> None:
    result = record(book, "event", case_id, {"kind": "surat_peringatan", "date": AHEAD,
                                             **HAPPENED["surat_peringatan"]}, lang="en")
    assert_clean_exit(result, 1)
    assert "date: the date 16 June 2026 is after today (15 June 2026): record it once it has happened" in result.stderr


def test_a_termination_is_not_dated_ahead_of_today(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    result = record(book, "terminate", case_id, answers("terminate", date=AHEAD))
    assert_clean_exit(result, 1)
    assert REFUSED in result.stderr, result.stderr
    assert not book.case_file(case_id, "termination.yaml").exists()
    record_ok(book, "terminate", case_id, answers("terminate"))


def test_check_warns_about_an_event_edited_ahead_but_does_not_fail(book: Book, case_id: str) -> None:
    out = record_ok(book, "event", case_id, {"kind": "surat_peringatan", "date": "2026-06-15",
                                             **HAPPENED["surat_peringatan"]})
    path = book.root / out["path"]
    data = yamlio.load(path)
    data["date"] = AHEAD
    path.write_text(yamlio.dumps(data, header=path.read_text(encoding="utf-8").splitlines()[0]), encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 0)
    assert "sesudah hari ini" in result.stdout + result.stderr
