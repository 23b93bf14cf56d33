"""The review screen before saving reads like the document: long dates, labels, no empty headings."""

from __future__ import annotations

from bapascase.model.monitoring import MonitoringDoc
from bapascase.workflow.wizard import review_lines


def test_dates_from_an_answers_file_are_shown_long_and_empty_parts_have_no_heading() -> None:
    data = {"date": "2026-03-19", "wajib_lapor": {"status": "jarak_jauh", "reason": "Sakit"},
            "ratings": {"engagement": None, "response": None}}
    lines = review_lines(MonitoringDoc, data, "id")
    assert "  Tanggal monitoring: 19 Maret 2026" in lines
    assert not any("Penilaian" in line for line in lines)
    assert "    Status wajib lapor: Jarak jauh (dengan alasan)" in lines
    english = review_lines(MonitoringDoc, data, "en")
    assert any("19 March 2026" in line for line in english)
