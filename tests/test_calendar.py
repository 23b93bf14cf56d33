"""``calendar``: an RFC 5545 file the icalendar parser reads back, UIDs stable across runs (a newer import
updates), alarms, every kind of date, initials only."""

from __future__ import annotations

import datetime as dt
import json
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


def test_hostile_office_and_officer_names_are_escaped_and_folded(tmp_path: Path) -> None:
    """``office.name`` and the officer's name are iCalendar TEXT (backslash, semicolon, comma, line breaks
    escaped; control characters shown by their stand-ins; long lines folded): a CR/LF in them neither ends the
    export in an internal error nor adds calendar lines of its own."""
    from tests.stage_helpers import demo_book

    root = demo_book(tmp_path).root
    settings = root / "bapascase.yaml"
    office = "Bapas\r\nBEGIN:VEVENT\r\nSUMMARY:palsu; a,b\\c\rX-INJ:1\nY-INJ:2 " + "Sumatera Utara " * 8
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  name: Bapas Kelas I Medan", "  name: " + json.dumps(office), 1), encoding="utf-8")
    case = root / "cases" / "2025-bzg-k7m2p" / "case.yaml"
    officer = "Sri\r\nEND:VCALENDAR\r\nRahayu; Contoh, S.Sos.\\"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "    name: Sri Rahayu Contoh, S.Sos.", "    name: " + json.dumps(officer), 1), encoding="utf-8")
    target = tmp_path / "k.ics"
    r = invoke(["calendar", "-o", str(target)], casebook=root, today=TODAY)
    assert_clean_exit(r, 0)
    data = target.read_bytes()
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert not any(ch in text.replace("\r\n", "") for ch in "\r\n\x1b")  # no bare line break, no control
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in lines if line and not line.startswith(" ")}
    assert not names & {"X-INJ", "Y-INJ"}, names
    assert lines.count("BEGIN:VCALENDAR") == lines.count("END:VCALENDAR") == 1
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    cal = Calendar.from_ical(data)
    # an unknown property comes back as written: read as TEXT (RFC 5545 3.3.11)
    calname = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), str(cal["X-WR-CALNAME"]))
    assert "Bapas\nBEGIN:VEVENT\nSUMMARY:palsu; a,b\\c\nX-INJ:1\nY-INJ:2 Sumatera" in calname
    mine = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("2025-bzg-k7m2p")]
    assert mine
    for e in mine:
        description = str(e["DESCRIPTION"])
        assert "Sri\nEND:VCALENDAR\nRahayu; Contoh, S.Sos.\\" in description
        assert "Bapas\nBEGIN:VEVENT" in description
    assert len(cal.walk("VEVENT")) == len(Calendar.from_ical(_ics()).walk("VEVENT"))
    # a control character (a file written before the models refused them) is shown by its stand-in
    from bapascase.reports.calendar import build

    one = {"id": "2025-x-aaaaa", "initials": "A\x00B", "officer": "Sri\x1b[2J", "end": "2027-01-01"}
    data = build([one], TODAY, 30, 180, "id", "Bapas\x07", ())
    assert not any(ch in data.decode("utf-8") for ch in "\x00\x07\x1b")
    assert "Sri\u241b[2J" in str(Calendar.from_ical(data).walk("VEVENT")[0]["DESCRIPTION"])
