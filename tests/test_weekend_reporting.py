"""Wajib lapor on a working day: Bapas offices are open Monday to Friday, so a report the schedule puts on a
Saturday, a Sunday or a public holiday listed in ``bapascase.yaml`` (``holidays``) is due on the next working day
(``derive.working_day``, one rule), in ``due``, ``due --remind``, ``show``, ``calendar`` and the overdue count. A
date the officer set is kept, and the schedule counts on from its own dates (no drift)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from icalendar import Calendar

from bapascase.model import derive
from tests.helpers import ROOT, Book, assert_clean_exit, invoke

SAT, SUN, MON = dt.date(2026, 12, 5), dt.date(2026, 12, 6), dt.date(2026, 12, 7)
DEMO_TODAY = dt.date(2026, 11, 30)  # the demo casebook's day (test_calendar, test_remind)


def _due(**kw: object) -> tuple[dt.date, dt.date] | None:
    args: dict[str, object] = {"closed": False, "last_report": None, "requested": None, "interval_days": 30,
                               "start": None, "intake": None}
    args.update(kw)
    return derive.wajib_lapor_due(**args)  # type: ignore[arg-type]


# -- the rule ------------------------------------------------------------------------------------------------------


def test_saturday_and_sunday_move_to_monday() -> None:
    assert SAT.weekday() == 5 and SUN.weekday() == 6 and MON.weekday() == 0
    assert derive.working_day(SAT) == MON
    assert derive.working_day(SUN) == MON


@pytest.mark.parametrize("day", [dt.date(2026, 11, 30) + dt.timedelta(days=n) for n in range(5)])
def test_a_weekday_stays(day: dt.date) -> None:
    assert derive.working_day(day) == day


def test_a_holiday_moves_like_a_weekend_and_past_the_weekend_after_it() -> None:
    christmas = dt.date(2026, 12, 25)  # a Friday
    assert derive.working_day(christmas, {christmas}) == dt.date(2026, 12, 28)
    # a Saturday before a holiday Monday: Tuesday
    assert derive.working_day(dt.date(2026, 12, 26), {dt.date(2026, 12, 28)}) == dt.date(2026, 12, 29)
    # a holiday on a weekday that is not asked about changes nothing
    assert derive.working_day(dt.date(2026, 12, 24), {christmas}) == dt.date(2026, 12, 24)


def test_the_next_report_after_an_entry_moves_off_the_weekend() -> None:
    # the demo's BZG: last report 5 November 2026, every 30 days -> Saturday 5 December -> Monday 7 December
    assert _due(last_report="2026-11-05") == (SAT, MON)
    assert derive.next_wajib_lapor(closed=False, last_report="2026-11-05", requested=None, interval_days=30,
                                   start=None, intake=None) == MON
    assert _due(last_report="2026-11-04") == (dt.date(2026, 12, 4), dt.date(2026, 12, 4))  # a Friday stays


def test_a_date_the_officer_set_is_kept() -> None:
    assert _due(last_report="2026-11-20", requested=SAT.isoformat()) == (SAT, SAT)


def test_the_day_after_a_travel_permit_is_a_working_day() -> None:
    # the permit ends on Friday 4 December: the report is due the day after, Saturday, so on Monday
    found = _due(last_report="2026-11-20", requested="2026-12-02", permits=[["2026-11-28", "2026-12-04"]])
    assert found == (SAT, MON)
    # a permit that covers the Monday the weekend moved a report to: the day after it, on a working day
    found = _due(last_report="2026-11-05", permits=[["2026-12-07", "2026-12-11"]])
    assert found is not None and found[1] == dt.date(2026, 12, 14)


def test_a_holiday_of_the_settings_moves_the_report() -> None:
    assert _due(last_report="2026-11-25", holidays={dt.date(2026, 12, 25)}) == (
        dt.date(2026, 12, 25), dt.date(2026, 12, 28))


def test_not_overdue_on_the_weekend_before_a_moved_date() -> None:
    summary = {"last_monitoring": "2026-11-05", "start": "2026-01-05", "end": "2027-12-31"}
    for today in (SAT, SUN):
        day = derive.dated(summary, today, 30)
        assert day["next_report_due"] == MON.isoformat()
        assert day["report_overdue"] is None
        kinds = [k for k, _, _ in derive.due_items(summary, today, 30, 14, 365, day=day)]
        assert derive.DueKind.MONITORING in kinds
    assert derive.dated(summary, MON + dt.timedelta(days=1), 30)["report_overdue"] == 1


def test_the_schedule_does_not_drift_across_months() -> None:
    # scheduled Saturday 5 December (due Monday 7): 30 days on is counted from the 5th (Monday 4 January), not
    # from the 7th (Wednesday 6 January)
    days = derive.wajib_lapor_dates(SAT, MON, 30, None, 6)
    assert days[0] == MON
    assert days == [derive.working_day(SAT + dt.timedelta(days=30 * k)) for k in range(6)]
    assert days[1] == dt.date(2027, 1, 4)
    assert all(d.weekday() < 5 for d in days)
    # weekly from a Saturday: every one on a Monday, a week apart
    weekly = derive.wajib_lapor_dates(SAT, MON, 7, None, 10)
    assert weekly == [MON + dt.timedelta(days=7 * k) for k in range(10)]


def test_a_report_made_on_the_moved_day_counts_on_from_the_schedule() -> None:
    # due Saturday 5 December, made on Monday the 7th: the next counts from the 5th (Monday 4 January), not from
    # the 7th (Wednesday 6 January)
    made = [("2026-11-05", None), ("2026-12-07", None)]
    assert derive.schedule_anchor(made, None, 30) == SAT
    summary = {"last_monitoring": "2026-12-07", "recent_reports": [list(r) for r in made], "start": "2026-01-05",
               "end": "2027-12-31"}
    assert derive.dated(summary, dt.date(2026, 12, 8), 30)["next_report_due"] == "2027-01-04"
    # made a day later than the working day (Tuesday): the client's own day counts
    assert derive.schedule_anchor([("2026-11-05", None), ("2026-12-08", None)], None, 30) == dt.date(2026, 12, 8)
    # a date the officer set for it (next_date): the day it was made counts
    assert derive.schedule_anchor([("2026-11-20", "2026-12-05"), ("2026-12-07", None)], None, 30) == MON
    # followed through a run of moved reports, from the start of supervision when every report is there
    start = dt.date(2026, 10, 6)  # + 60 days: Saturday 5 December
    assert derive.schedule_anchor([("2026-12-07", None)], start, 60) == SAT
    assert derive.schedule_anchor([("2026-12-07", None), ("2027-02-03", None)], start, 60) == dt.date(2027, 2, 3)
    # a holiday moved it: the same
    assert derive.schedule_anchor([("2026-11-25", None), ("2026-12-28", None)], None, 30,
                                  {dt.date(2026, 12, 25)}) == dt.date(2026, 12, 25)
    assert derive.schedule_anchor([], None, 30) is None


def test_a_report_pulled_back_to_the_friday_counts_on_from_the_schedule() -> None:
    # due Saturday 5 December, pulled back to Friday the 4th (supervision was to end that weekend), made then; the
    # supervision is extended: the next counts from the 5th (Monday 4 January), not from the 4th (Sunday 3 January,
    # moved to Monday the 4th by chance, and drifting a day a time after it)
    fri = SAT - dt.timedelta(days=1)
    end = SAT + dt.timedelta(days=1)
    assert derive.wajib_lapor_due(closed=False, last_report="2026-11-05", requested=None, interval_days=30,
                                  start=None, intake=None, end=end) == (SAT, fri)
    made = [("2026-11-05", None), (fri.isoformat(), None)]
    assert derive.schedule_anchor(made, None, 30) == SAT
    summary = {"last_monitoring": fri.isoformat(), "recent_reports": [list(r) for r in made], "start": "2026-01-05",
               "end": "2027-12-31"}
    day = derive.dated(summary, dt.date(2026, 12, 8), 30)
    assert (day["next_report_scheduled"], day["next_report_due"]) == ("2027-01-04", "2027-01-04")  # not the 3rd
    # made on the Thursday before: the client's own day counts
    assert derive.schedule_anchor([("2026-11-05", None), ("2026-12-03", None)], None, 30) == dt.date(2026, 12, 3)


def test_the_series_stops_at_the_end_of_the_masa_bimbingan() -> None:
    # 4 January 2027 (a Monday) is the last date within an end of 5 January
    assert derive.wajib_lapor_dates(SAT, MON, 30, dt.date(2027, 1, 5), 12) == [MON, dt.date(2027, 1, 4)]


def test_a_report_moved_past_the_end_of_the_masa_bimbingan_is_due_the_working_day_before() -> None:
    # scheduled Saturday 5 December, supervision ending that day: Monday the 7th is after the end, so the report is
    # due on the last working day on or before the end, Friday the 4th (previous_working_day)
    fri = dt.date(2026, 12, 4)
    assert derive.previous_working_day(SAT) == fri and derive.previous_working_day(SUN) == fri
    assert derive.previous_working_day(fri) == fri
    assert _due(last_report="2026-11-05", end="2026-12-05") == (SAT, fri)
    assert _due(last_report="2026-11-05", end="2026-12-06") == (SAT, fri)  # ending on the Sunday: the same
    assert _due(last_report="2026-11-05", end="2026-12-07") == (SAT, MON)  # the Monday is within: kept
    assert _due(last_report="2026-11-04", end="2026-12-03") is None  # the schedule's own date is after the end
    # a holiday on the Friday too: the Thursday
    assert _due(last_report="2026-11-05", end="2026-12-05", holidays={fri}) == (SAT, dt.date(2026, 12, 3))
    # a date the officer set after the end is not pulled back
    assert _due(last_report="2026-11-20", requested="2026-12-07", end="2026-12-05") is None
    # away on a travel permit until the end: nothing left to report
    assert _due(last_report="2026-11-05", end="2026-12-05", permits=[["2026-12-01", "2026-12-04"]]) is None
    # overdue on the last day, and nothing once it has passed
    summary = {"last_monitoring": "2026-11-05", "start": "2026-01-05", "end": "2026-12-05"}
    assert derive.dated(summary, fri, 30)["next_report_due"] == fri.isoformat()
    assert derive.dated(summary, SAT, 30)["report_overdue"] == 1
    assert derive.dated(summary, SUN, 30)["next_report_due"] is None


def test_the_series_ends_with_the_working_day_before_a_weekend_end() -> None:
    # from Saturday 5 December every 30 days: 4 January, 3 February, 5 March, then Sunday 4 April; supervision
    # ending that Sunday: Friday 2 April, not Monday the 5th
    days = derive.wajib_lapor_dates(SAT, MON, 30, dt.date(2027, 4, 4), 12)
    assert days == [MON, dt.date(2027, 1, 4), dt.date(2027, 2, 3), dt.date(2027, 3, 5), dt.date(2027, 4, 2)]
    assert derive.wajib_lapor_dates(SAT, SAT - dt.timedelta(days=1), 30, SAT, 12) == [dt.date(2026, 12, 4)]
    # the report made on that Friday counts from the Friday: nothing after the end
    summary = {"last_monitoring": "2026-12-04", "recent_reports": [["2026-11-05", None], ["2026-12-04", None]],
               "start": "2026-01-05", "end": "2026-12-05"}
    assert derive.dated(summary, dt.date(2026, 12, 4), 30)["next_report_due"] is None


# -- the demo casebook ---------------------------------------------------------------------------------------------


def _demo(*args: str, today: dt.date = DEMO_TODAY) -> str:
    r = invoke(list(args), casebook=ROOT, today=today)
    assert_clean_exit(r, 0)
    return r.stdout


def test_the_demos_reminders_never_ask_for_a_weekend() -> None:
    text = unquote(_demo("due", "--remind"))
    assert "Sabtu" not in text and "Minggu" not in text
    assert "Senin, 7 Desember 2026" in text  # BZG: was Saturday 5 December
    assert "Senin, 14 Desember 2026" in text  # FCS: was Sunday 13 December


def test_the_demos_due_and_show_say_the_working_day() -> None:
    items = json.loads(_demo("due", "--json"))["items"]
    wl = {i["id"]: i["date"] for i in items if i["kind"] == "monitoring"}
    assert wl["2025-bzg-k7m2p"] == "2026-12-07"
    assert all(dt.date.fromisoformat(d).weekday() < 5 for d in wl.values())
    shown = json.loads(_demo("show", "2025-bzg-k7m2p", "--json"))["case"]
    assert shown["next_report_due"] == "2026-12-07"


@pytest.mark.parametrize("today", [DEMO_TODAY, dt.date(2026, 12, 5), dt.date(2026, 12, 6), dt.date(2027, 2, 13)])
def test_the_demos_calendar_puts_every_report_on_a_weekday(today: dt.date) -> None:
    r = invoke(["calendar"], casebook=ROOT, today=today)
    assert_clean_exit(r, 0)
    events = [e for e in Calendar.from_ical(r.stdout_bytes).walk("VEVENT") if "-wl-" in str(e["UID"])]
    assert events
    for e in events:
        assert e.decoded("DTSTART").weekday() < 5, (str(e["UID"]), e.decoded("DTSTART"))


def test_the_demos_fcs_calendar_ends_with_the_report_before_its_weekend_end() -> None:
    # FCS's supervision ends on Saturday 13 March 2027, the day its last report is scheduled: it is due on
    # Friday 12 March (before the rule it was moved to Monday the 15th, after the end, and disappeared)
    shown = json.loads(_demo("show", "2026-fcs-4kw2n", "--json"))["case"]
    assert shown["end"] == "2027-03-13"
    r = invoke(["calendar"], casebook=ROOT, today=DEMO_TODAY)
    assert_clean_exit(r, 0)
    wl = sorted(e.decoded("DTSTART") for e in Calendar.from_ical(r.stdout_bytes).walk("VEVENT")
                if str(e["UID"]).startswith("2026-fcs-4kw2n-wl-"))
    assert wl[-1] == dt.date(2027, 3, 12)
    assert all(d.weekday() < 5 and d <= dt.date(2027, 3, 13) for d in wl)


def test_the_calendar_counts_on_from_the_schedule() -> None:
    r = invoke(["calendar"], casebook=ROOT, today=DEMO_TODAY)
    days = {str(e["UID"]): e.decoded("DTSTART") for e in Calendar.from_ical(r.stdout_bytes).walk("VEVENT")}
    assert days["2025-bzg-k7m2p-wl-1@bapascase"] == MON
    assert days["2025-bzg-k7m2p-wl-2@bapascase"] == dt.date(2027, 1, 4)  # 5 December + 30 days, not 7 + 30


# -- the casebook's public holidays -------------------------------------------------------------------------------


def _holidays(book: Book, *days: str) -> int:
    """List public holidays in bapascase.yaml; returns the line of the first."""
    path = book.root / "bapascase.yaml"
    text = path.read_text(encoding="utf-8")
    assert "holidays: []\n" in text
    text = text.replace("holidays: []\n", "holidays:\n" + "".join(f"- {d}\n" for d in days))
    path.write_text(text, encoding="utf-8")
    return text.splitlines().index(f"- {days[0]}") + 1


def _weekly(book: Book) -> str:
    case_id = book.new()  # supervision from 1 March 2026, no engagement yet: the casebook's default interval
    path = book.root / "bapascase.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("wajib_lapor_interval_days: 30",
                                                             "wajib_lapor_interval_days: 7"), encoding="utf-8")
    return case_id


def test_a_sunday_report_is_due_on_monday_and_a_listed_holiday_moves_it_again(book: Book) -> None:
    case_id = _weekly(book)  # 1 March + 7 days: Sunday 8 March
    today = dt.date(2026, 3, 2)
    shown = json.loads(book.run("show", case_id, "--json", today=today).stdout)["case"]
    assert shown["next_report_due"] == "2026-03-09"
    _holidays(book, "2026-03-09", "2026-03-19")
    shown = json.loads(book.run("show", case_id, "--json", today=today).stdout)["case"]
    assert shown["next_report_due"] == "2026-03-10"
    due = json.loads(book.run("due", "--json", today=today).stdout)["items"]
    assert [i["date"] for i in due if i["kind"] == "monitoring"] == ["2026-03-10"]
    r = book.run("calendar", today=today)
    assert_clean_exit(r, 0)
    wl = sorted(e.decoded("DTSTART") for e in Calendar.from_ical(r.stdout_bytes).walk("VEVENT")
                if "-wl-" in str(e["UID"]))
    # every Sunday from 8 March, each on the Monday after (the 9th a holiday: the 10th); the 19th is a Thursday
    assert wl[:3] == [dt.date(2026, 3, 10), dt.date(2026, 3, 16), dt.date(2026, 3, 23)]
    assert all(d.weekday() < 5 and d != dt.date(2026, 3, 9) for d in wl)
    assert_clean_exit(book.run("check"), 0)


def test_a_checkin_on_the_moved_day_keeps_the_schedule(book: Book) -> None:
    case_id = book.new()  # supervision from Sunday 1 March 2026
    path = book.root / "bapascase.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("wajib_lapor_interval_days: 30",
                                                             "wajib_lapor_interval_days: 6"), encoding="utf-8")
    today = dt.date(2026, 3, 9)
    shown = json.loads(book.run("show", case_id, "--json", today=today).stdout)["case"]
    assert shown["next_report_due"] == "2026-03-09"  # 1 + 6: Saturday 7 March -> Monday 9
    r = book.run("checkin", case_id, "--date", "2026-03-09", "--json", today=today)
    assert_clean_exit(r, 0)
    # counted from the 7th: Friday 13 March (from the 9th it would be Sunday the 15th, then Monday the 16th)
    assert json.loads(r.stdout)["next_report_due"] == "2026-03-13"
    shown = json.loads(book.run("show", case_id, "--json", today=today).stdout)["case"]
    assert shown["next_report_due"] == "2026-03-13"


def test_a_bad_holiday_is_named_with_its_line(book: Book) -> None:
    line = _holidays(book, "2026-02-30")
    r = book.run("check")
    assert_clean_exit(r, 1)
    found = [x for x in r.stderr.splitlines() if x.startswith("bapascase.yaml:")]
    assert len(found) == 1 and found[0].startswith(f"bapascase.yaml:{line}: holidays"), r.stderr


def test_the_demos_dashboard_lists_the_working_day(tmp_path: Path) -> None:
    out = tmp_path / "dasbor.html"
    assert_clean_exit(invoke(["dashboard", "-o", str(out)], casebook=ROOT, today=DEMO_TODAY), 0)
    html = out.read_text(encoding="utf-8")
    assert "7 Desember 2026" in html and "5 Desember 2026" not in html  # BZG
    assert "14 Desember 2026" in html and "13 Desember 2026" not in html  # FCS
