"""``calendar``: an RFC 5545 file the icalendar parser reads back, UIDs stable across runs (a newer import
updates), alarms, every kind of date, initials only."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from icalendar import Calendar

from tests.helpers import ROOT, assert_clean_exit, invoke

TODAY = dt.date(2026, 11, 30)


def _ics(*args: str, today: dt.date = TODAY) -> bytes:
    r = invoke(["calendar", *args], casebook=ROOT, today=today)
    assert_clean_exit(r, 0)
    return r.stdout_bytes


def test_the_calendar_parses_and_follows_rfc_5545() -> None:
    data = _ics()
    cal = Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    events = cal.walk("VEVENT")
    assert events
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)), "one UID per event"
    for e in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in e, prop
        assert isinstance(e.decoded("DTSTART"), dt.date) and e.decoded("DTEND") > e.decoded("DTSTART")
        alarms = e.walk("VALARM")
        assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY" and "TRIGGER" in alarms[0]
    text = data.decode("utf-8")
    assert "\r\n" in text and all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip("\r\n").endswith("END:VCALENDAR")


def test_every_kind_of_date_is_there() -> None:
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(_ics()).walk("VEVENT")]
    for word in ("Wajib lapor", "Sidang TPP", "Ekspirasi pidana", "Akhir masa bimbingan", "Asesmen ulang",
                 "Sesi kerja sosial"):
        assert any(s.startswith(word) for s in summaries), word
    # the closed client has none
    assert not any("2026-scl-7h4tw" in s for s in summaries)


def test_uids_are_stable_across_runs_and_days() -> None:
    first = Calendar.from_ical(_ics())
    again = Calendar.from_ical(_ics())
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in again.walk("VEVENT")]
    assert first.to_ical() == again.to_ical()
    later = Calendar.from_ical(_ics(today=TODAY + dt.timedelta(days=1)))
    uids = {str(e["UID"]) for e in first.walk("VEVENT")}
    later_uids = {str(e["UID"]) for e in later.walk("VEVENT")}
    assert "2025-bzg-k7m2p-end@bapascase" in uids & later_uids
    seq = {str(e["UID"]): int(str(e["SEQUENCE"])) for e in first.walk("VEVENT")}
    seq_later = {str(e["UID"]): int(str(e["SEQUENCE"])) for e in later.walk("VEVENT")}
    assert all(seq_later[u] > seq[u] for u in uids & later_uids), "a newer file updates the events"


def test_no_name_or_nik_ever() -> None:
    text = _ics().decode("utf-8")
    for case in (ROOT / "cases").glob("*/case.yaml"):
        raw = case.read_text(encoding="utf-8")
        name = re.search(r"^  name: (.+)$", raw, re.M)
        nik = re.search(r"nik: '?(\d{16})", raw)
        assert name is not None and name.group(1).strip() not in text
        assert nik is None or nik.group(1) not in text
    assert "BZG (2025-bzg-k7m2p)" in text


def test_officer_filter_and_file(tmp_path: Path) -> None:
    target = tmp_path / "budi.ics"
    r = invoke(["calendar", "--officer", "Budi", "-o", str(target)], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 0)
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert events and not any("2025-bzg" in str(e["UID"]) for e in events)
    assert str(len(events)) in r.stdout


def test_an_overdue_report_rings_that_morning_the_rest_the_day_before() -> None:
    """An overdue report is put on today: an alarm the day before would already be past when it is read."""
    events = Calendar.from_ical(_ics(today=dt.date(2027, 1, 20))).walk("VEVENT")
    overdue = [e for e in events if str(e["SUMMARY"]).startswith("Wajib lapor terlambat")]
    others = [e for e in events if not str(e["SUMMARY"]).startswith("Wajib lapor terlambat")]
    assert overdue and others
    for e in overdue:
        assert e.decoded("DTSTART") == dt.date(2027, 1, 20)
        assert e.walk("VALARM")[0].decoded("TRIGGER") == dt.timedelta(hours=8)
    for e in others:
        assert e.walk("VALARM")[0].decoded("TRIGGER") == dt.timedelta(hours=-15)
