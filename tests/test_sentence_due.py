"""The derived figures of the 2026 sentences (``model.derive``, pure) and what ``due``, ``show``, ``list --json`` and
``stats`` make of them: hours ordered, done and left; the pace in hours per week (needed: the hours left over the
weeks left; achieved: the hours of the last four weeks over those weeks) and its warning; conditions due or
overdue; restitution outstanding; the end of the period. Every date is injected (``today``)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from bapascase.model import derive
from tests.helpers import Book
from tests.sentence_helpers import kerja_sosial_intake, pengawasan_intake, session
from tests.stage_helpers import record_ok

D = dt.date


def figures(ordered: int, *sessions: tuple[str, float, str]) -> dict[str, Any]:
    found = derive.service_figures(ordered, list(sessions))
    assert found is not None
    return found


# -- pure ---------------------------------------------------------------------------------------------------------


def test_hours_ordered_done_and_left() -> None:
    f = figures(120, ("2026-03-07", 4, "hadir"), ("2026-03-14", 3, "terlambat"), ("2026-03-21", 0, "tidak_hadir"))
    assert (f["ordered"], f["done"], f["left"], f["sessions"]) == (120, 7, 113, 3)
    assert f["attendance"] == {"hadir": 1, "terlambat": 1, "tidak_hadir": 1}
    assert f["days"] == {"2026-03-07": 4, "2026-03-14": 3, "2026-03-21": 0}
    assert derive.service_figures(None, []) is None  # not a kerja sosial case


@pytest.mark.parametrize(("start", "end", "hours", "attendance", "credited"), [
    ("08:00", "12:00", None, "hadir", 4), ("08.00", "12.30", None, "hadir", 4.5), (480, 810, None, "hadir", 5.5),
    ("08:00", "12:00", 3.5, "hadir", 3.5), ("08:00", "12:00", None, "tidak_hadir", 0), (None, None, 2, "hadir", 2),
])
def test_a_session_credits_its_hours(start: Any, end: Any, hours: Any, attendance: str, credited: float) -> None:
    from bapascase.model.hours import session_hours

    assert session_hours(start, end, hours, attendance) == credited


def test_the_pace_needed_and_achieved() -> None:
    # 120 hours from 2 March to 31 August; on 29 March, 4 sessions of 4 hours in the four weeks before
    f = figures(120, *[(d, 4.0, "hadir") for d in ("2026-03-07", "2026-03-14", "2026-03-21", "2026-03-28")])
    pace = derive.service_pace(f, "2026-03-02", "2026-08-31", D(2026, 3, 29))
    assert pace is not None
    # needed: 104 hours over 156 days (29 March - 31 August, both counted) = 22.29 weeks -> 4.7 h/week
    # achieved: 16 hours in the 28 days since 2 March -> 4.0 h/week
    assert (pace["needed"], pace["achieved"], pace["behind"]) == (4.7, 4.0, True)
    assert pace["days_left"] == 156 and not pace["impossible"] and not pace["overdue"]
    # five hours a week keeps up
    f = figures(120, *[(d, 5.0, "hadir") for d in ("2026-03-07", "2026-03-14", "2026-03-21", "2026-03-28")])
    pace = derive.service_pace(f, "2026-03-02", "2026-08-31", D(2026, 3, 29))
    assert pace is not None and (pace["needed"], pace["achieved"], pace["behind"]) == (4.5, 5.0, False)


def test_the_pace_is_not_judged_in_the_first_week() -> None:
    f = figures(120)
    first = derive.service_pace(f, "2026-03-02", "2026-08-31", D(2026, 3, 7))  # day 6
    assert first is not None and first["achieved"] == 0 and not first["behind"]
    second = derive.service_pace(f, "2026-03-02", "2026-08-31", D(2026, 3, 8))  # day 7: nothing done yet
    assert second is not None and second["behind"]


def test_the_current_pace_is_the_last_four_weeks() -> None:
    early = [(d, 8.0, "hadir") for d in ("2026-03-07", "2026-03-14", "2026-03-21", "2026-03-28", "2026-04-04")]
    f = figures(120, *early)
    pace = derive.service_pace(f, "2026-03-02", "2026-08-31", D(2026, 5, 10))  # nothing since 4 April
    assert pace is not None and pace["achieved"] == 0 and pace["behind"]


def test_impossible_unfinished_and_done() -> None:
    f = figures(120, ("2026-08-01", 8.0, "hadir"))
    daily = derive.daily_hours(None, "pidana_kerja_sosial")  # the statutory limit (Pasal 85 ayat (5)): 8
    assert daily == 8
    pace = derive.service_pace(f, "2026-03-02", "2026-08-31", D(2026, 8, 18), daily)  # 112 left, 14 days of 8: just
    assert pace is not None and not pace["impossible"] and pace["needed"] == 56.0
    pace = derive.service_pace(f, "2026-03-02", "2026-08-31", D(2026, 8, 19), daily)  # 13 days: 104 at most
    assert pace is not None and pace["impossible"] and pace["behind"]
    # a verdict of 4 hours a day (within the limit) makes it impossible sooner; one beyond the limit cannot
    four = derive.daily_hours(4, "pidana_kerja_sosial")
    assert four == 4 and derive.daily_hours(12, "pidana_kerja_sosial") == 8
    pace = derive.service_pace(f, "2026-03-02", "2026-08-31", D(2026, 8, 5), four)  # 27 days of 4: 108 at most
    assert pace is not None and pace["impossible"]
    late = derive.service_pace(f, "2026-03-02", "2026-08-31", D(2026, 9, 1))
    assert late is not None and late["overdue"] and late["needed"] is None
    done = derive.service_pace(figures(8, ("2026-03-07", 8.0, "hadir")), "2026-03-02", "2026-08-31", D(2026, 3, 9))
    assert done is not None and done["done"] and not done["behind"]


def test_conditions_and_restitution() -> None:
    conditions: list[dict[str, Any]] = [{"id": "S1", "kind": "restitusi", "deadline": "2026-12-31", "amount": 6_000_000},
                  {"id": "S2", "kind": "melakukan", "deadline": "2026-07-01", "amount": None},
                  {"id": "S3", "kind": "tidak_melakukan", "deadline": None, "amount": None}]
    payments = [{"condition": "S1", "amount": 2_000_000, "date": "2026-05-30"}]
    state = derive.conditions_state(conditions, payments, [])
    assert [(c["id"], c["paid"], c["outstanding"], c["met"]) for c in state] == [
        ("S1", 2_000_000, 4_000_000, False), ("S2", None, None, False), ("S3", None, None, False)]
    assert derive.restitution_totals(state) == {"ordered": 6_000_000, "paid": 2_000_000, "outstanding": 4_000_000}
    end = "2027-01-31"
    # S2 due within the horizon; S3 (not doing something, throughout the period) never due by itself
    assert derive.condition_due(state, end, D(2026, 6, 20), 14) == [
        ("condition_due", D(2026, 7, 1), {"condition": "S2", "outstanding": None})]
    assert derive.condition_due(state, end, D(2026, 7, 2), 14) == [
        ("condition_overdue", D(2026, 7, 1), {"condition": "S2", "outstanding": None})]
    assert derive.condition_due(state, end, D(2026, 12, 20), 14)[0] == (
        "condition_due", D(2026, 12, 31), {"condition": "S1", "outstanding": 4_000_000})
    met = derive.conditions_state(conditions, payments, [{"condition": "S2", "outcome": "terpenuhi",
                                                          "date": "2026-06-30"}])
    assert [c for c in derive.condition_due(met, end, D(2026, 7, 2), 14) if c[2]["condition"] == "S2"] == []


# -- due, show, list, stats ------------------------------------------------------------------------------------



def due_of(book: Book, case_id: str, today: dt.date) -> list[dict[str, Any]]:
    items = json.loads(book.run("due", "--json", "--days", "14", today=today).stdout)["items"]
    return [i for i in items if i["id"] == case_id and i["kind"] not in ("monitoring", "no_engagement")]


def test_due_warns_when_the_pace_will_not_make_it(book: Book) -> None:
    case_id = book.new(kerja_sosial_intake())
    for day in ("2026-03-07", "2026-03-14", "2026-03-21", "2026-03-28"):
        record_ok(book, "service", case_id, session(day))  # 4 hours a week
    assert due_of(book, case_id, D(2026, 3, 29)) == [{
        "id": case_id, "name": "Budi Zulkarnain Ginting", "officer": "Hendra Saputra", "kind": "service_pace",
        # a problem of today, dated today (not the end of the period, five months away)
        "date": "2026-03-29", "days": 0, "left": 104, "ordered": 120, "done": 16, "needed": 4.7, "achieved": 4.0}]
    from bapascase.cli.cmd_due import describe
    from bapascase.i18n import set_lang

    item = due_of(book, case_id, D(2026, 3, 29))[0]
    assert describe("service_pace", item) == ("Kerja sosial tertinggal: perlu 4,7 jam/minggu, 4 minggu terakhir 4 "
                                              "jam/minggu (sisa 104 dari 120 jam)")
    set_lang("en")
    assert describe("service_pace", item) == ("Community service behind: 4.7 hours/week needed, 4 hours/week in the "
                                              "last 4 weeks (104 of 120 hours left)")
    set_lang("id")
    assert "Kerja sosial tertinggal" in book.run("due", today=D(2026, 3, 29)).stdout
    record_ok(book, "service", case_id, session("2026-03-29", start="07:00", end="15:00"))  # 8 more hours
    assert due_of(book, case_id, D(2026, 3, 29)) == []  # 24 hours in four weeks: on track


def test_due_says_when_the_hours_are_done_or_cannot_be(book: Book) -> None:
    data = kerja_sosial_intake()
    data["legal"]["kerja_sosial"]["hours_ordered"] = 24
    case_id = book.new(data)
    # 24 hours in the last three days is 8 a day, still possible; in the last two it is not
    # (behind the pace and impossible are of today: listed before the end of the period)
    assert [i["kind"] for i in due_of(book, case_id, D(2026, 8, 29))] == ["service_pace", "prepare_closing"]
    assert [i["kind"] for i in due_of(book, case_id, D(2026, 8, 30))] == ["service_impossible", "prepare_closing"]
    assert [i["kind"] for i in due_of(book, case_id, D(2026, 9, 1))] == ["expired_open", "service_unfinished"]
    for day in ("2026-03-07", "2026-03-08", "2026-03-14"):
        record_ok(book, "service", case_id, session(day, start="08:00", end="16:00"))
    assert [(i["kind"], i["date"]) for i in due_of(book, case_id, D(2026, 3, 16))] == [("service_done", "2026-03-14")]


def test_due_lists_conditions_due_overdue_and_not_met(book: Book) -> None:
    case_id = book.new(pengawasan_intake())
    assert due_of(book, case_id, D(2026, 6, 15)) == []  # S1 by 31 December; S2 throughout the period
    item = due_of(book, case_id, D(2026, 12, 20))[0]
    assert (item["kind"], item["date"], item["condition"], item["outstanding"]) == (
        "condition_due", "2026-12-31", "S1", 6_000_000)
    from bapascase.cli.cmd_due import describe

    assert describe("condition_due", item) == "Batas waktu syarat khusus S1 (ganti kerugian belum dibayar Rp6.000.000)"
    record_ok(book, "event", case_id, {"kind": "pembayaran_restitusi", "date": "2026-12-01", "condition": "S1",
                                       "amount": 5_000_000}, today=D(2027, 1, 2))
    item = due_of(book, case_id, D(2027, 1, 2))[0]
    assert (item["kind"], item["outstanding"]) == ("condition_overdue", 1_000_000)
    # the outcome recorded: not met, so a pertimbangan is due until one is recorded
    outcome = record_ok(book, "event", case_id, {"kind": "hasil_syarat", "date": "2027-01-03", "condition": "S1",
                                                 "outcome": "tidak_terpenuhi", "description": "Sisa Rp1.000.000."},
                        today=D(2027, 1, 5))
    assert [(i["kind"], i["condition"]) for i in due_of(book, case_id, D(2027, 1, 5))] == [
        ("condition_breached", "S1")]
    record_ok(book, "event", case_id, {"kind": "pertimbangan", "date": "2027-01-05", "recommendation": "perpanjangan",
                                       "months": 3, "consideration": "Sisa sedikit; klien beriktikad baik.",
                                       "cites": [outcome["path"].split("/", 2)[2]]}, today=D(2027, 1, 5))
    assert due_of(book, case_id, D(2027, 1, 5)) == []


def test_show_list_and_stats_carry_the_figures(book: Book) -> None:
    ks = book.new(kerja_sosial_intake())
    pg = book.new(pengawasan_intake())
    for day in ("2026-03-07", "2026-03-14"):
        record_ok(book, "service", ks, session(day))
    record_ok(book, "service", ks, session("2026-03-21", start="09:00", attendance="terlambat", reason="Hujan"))
    today = D(2026, 3, 22)
    shown = json.loads(book.run("show", ks, "--json", today=today).stdout)["case"]
    assert {k: shown["hours"][k] for k in ("ordered", "done", "left", "sessions")} == {
        "ordered": 120, "done": 11, "left": 109, "sessions": 3}
    assert shown["end"] == "2026-08-31" and shown["pace"]["behind"]
    table = " ".join(book.run("show", ks, today=today).stdout.split())
    assert "11 dari 120 jam, sisa 109 jam (3 sesi; terlambat 1, pulang awal 0, tidak hadir 0)" in table
    assert "TERTINGGAL" in table and "31 Agustus 2026" in table
    # no prison term to print for kerja sosial: the offence row ends with its articles, the hours have their row
    assert "Tindak pidana Penganiayaan ringan (Pasal 471 ayat (1) UU 1/2023) Program" in table
    rows = {c["id"]: c for c in json.loads(book.run("list", "--json", today=today).stdout)["cases"]}
    assert rows[ks]["hours"]["left"] == 109 and rows[ks]["pace"]["needed"] is not None
    assert rows[pg]["restitution"]["outstanding"] == 6_000_000 and rows[pg]["hours"] is None
    stats = json.loads(book.run("stats", "--json", today=today).stdout)
    assert stats["kerja_sosial"] == {"clients": 1, "hours_ordered": 120, "hours_done": 11, "hours_left": 109,
                                     "behind": 1}
    assert stats["pengawasan"]["restitution_outstanding"] == 6_000_000
    text = " ".join(book.run("stats", today=today).stdout.split())
    assert "Kerja sosial: 1 klien, 11 dari 120 jam (sisa 109); tertinggal: 1" in text
