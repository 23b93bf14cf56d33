"""The dates the law sets, at every edge, with an injected today: the end of the masa bimbingan derived from the
ekspirasi, wajib lapor until the legal end (a terminated client included), travel permits that excuse a reporting
date, three missed reports as a ground for revocation, "prepare closing", scheduled TPP sessions, the progress
report's default period; and the commands that show them (``due``, ``show``, ``list`` with BAPASCASE_TODAY)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from bapascase.model import derive
from bapascase.model.records import CaseRecord, EventRecord, case_record
from tests.helpers import Book, assert_clean_exit, intake_answers
from tests.stage_helpers import answers, record_ok, through

D = dt.date


# -- the end of the masa bimbingan ----------------------------------------------------------------------------


def test_the_end_of_the_masa_bimbingan_is_recorded_or_derived_by_the_programme() -> None:
    from bapascase.model.programmes import end_rule

    assert (end_rule("PB"), end_rule("CB"), end_rule("CMB"), end_rule("asimilasi")) == (1, 0, 0, 0)
    assert end_rule("diversi") is None and end_rule("pidana_bersyarat") is None and end_rule("nope") is None
    # the programme's rule is applied inside (``end_rule``): PB one year after the ekspirasi, CB on it
    assert derive.supervision_end(None, "2028-05-14", "PB") == (D(2029, 5, 14), True)
    assert derive.supervision_end(None, "2026-12-18", "CB") == (D(2026, 12, 18), True)
    assert derive.supervision_end("2029-01-31", "2028-05-14", "PB") == (D(2029, 1, 31), False)  # recorded wins
    assert derive.supervision_end(None, "2028-05-14", "pidana_bersyarat") == (None, False)  # a verdict's end
    assert derive.supervision_end(None, "2028-05-14", None) == (None, False)  # no programme: never guessed
    assert derive.supervision_end(None, None, "PB") == (None, False)
    # a leap day: one year later is the last day of February
    assert derive.supervision_end(None, "2028-02-29", "PB") == (D(2029, 2, 28), True)
    assert derive.add_years(D(2028, 2, 29), 4) == D(2032, 2, 29)


def test_the_summary_carries_both_dates_and_says_which_is_derived() -> None:
    rec = case_record({"case": [{"legal": {"programme": "PB", "supervision_start": "2025-02-03",
                                           "expiry": "2028-05-14"}}]})
    s = derive.summarize("x", rec)
    assert (s["expiry"], s["end"], s["end_derived"]) == ("2028-05-14", "2029-05-14", True)
    assert derive.dated(s, D(2029, 5, 13), 30)["days_left"] == 1


# -- wajib lapor until the legal end --------------------------------------------------------------------------

BASE: dict[str, Any] = {"closed": False, "requested": None, "interval_days": 30, "start": "2026-03-01",
                        "intake": None, "last_report": "2026-04-30"}


def test_a_travel_permit_excuses_the_reporting_dates_it_covers() -> None:
    # the schedule's date is Saturday 30 May: due on Monday 1 June (test_weekend_reporting), and the day after a
    # permit is moved off a weekend the same way
    due = D(2026, 6, 1)
    assert derive.next_wajib_lapor(**BASE) == due
    for start, end, expect in (
        ("2026-05-30", "2026-06-05", D(2026, 6, 8)),  # covers the due date: the day after (a Saturday) -> Monday
        ("2026-05-20", "2026-05-30", due),  # ends on the schedule's date (the day after is a Sunday)
        ("2026-06-01", "2026-06-03", D(2026, 6, 4)),  # starts on the working day the date moved to
        ("2026-06-02", "2026-06-05", due),  # starts the day after: not covered
        ("2026-05-01", "2026-05-29", due),  # ended the day before
    ):
        assert derive.next_wajib_lapor(**BASE, permits=[[start, end]]) == expect, (start, end)
    # permits that follow one another push the date on
    chain = [["2026-05-25", "2026-06-03"], ["2026-06-04", "2026-06-10"]]
    assert derive.next_wajib_lapor(**BASE, permits=chain) == D(2026, 6, 11)


def test_reporting_stops_at_the_legal_end_and_while_revoked_or_closed() -> None:
    # the schedule's Saturday 30 May is due on Monday 1 June (test_weekend_reporting)
    assert derive.next_wajib_lapor(**BASE, end="2026-06-01") == D(2026, 6, 1)  # due on the last day
    # the working day falls after the end: the last working day before it, Friday 29 May (test_weekend_reporting)
    assert derive.next_wajib_lapor(**BASE, end="2026-05-30") == D(2026, 5, 29)
    assert derive.next_wajib_lapor(**BASE, end="2026-05-29") is None  # would fall after the end
    assert derive.next_wajib_lapor(**BASE, revoked=True) is None
    assert derive.next_wajib_lapor(**{**BASE, "closed": True}) is None


def test_missed_reports_in_a_row_with_a_permit_excusing_one() -> None:
    reports = [("2026-05-01", "hadir"), ("2026-06-01", "tidak_hadir"), ("2026-07-01", "tidak_hadir")]
    assert derive.missed_streak(reports) == (2, "2026-06-01")
    # the July absence fell in a travel permit: excused, so neither counted nor breaking the run
    assert derive.missed_streak(reports, [["2026-06-28", "2026-07-05"]]) == (1, "2026-06-01")
    more = [*reports, ("2026-08-01", "tidak_hadir")]
    assert derive.missed_streak(more, [["2026-06-28", "2026-07-05"]]) == (2, "2026-06-01")
    assert derive.missed_streak([*more, ("2026-09-01", "jarak_jauh")]) == (0, None)


# -- due, at its edges --------------------------------------------------------------------------------------------


def summary_of(**legal: Any) -> dict[str, Any]:
    """A PB client from 1 March 2026, ending 30 June 2026 unless told, with the given records."""
    docs: dict[str, list[Any]] = {"case": [{"intake_date": "2026-03-01", "legal": {
        "programme": "PB", "supervision_start": "2026-03-01", "supervision_end": "2026-06-30", **legal}}]}
    return derive.summarize("x", case_record(docs))


def due(summary: dict[str, Any], today: D, horizon: int = 14) -> list[tuple[derive.DueKind, D | None, dict[str, Any]]]:
    return derive.due_items(summary, today, 30, horizon, derive.reassessment_days(6))


def kinds(items: Sequence[tuple[str, D | None, dict[str, Any]]]) -> list[str]:
    return [k for k, _, _ in items]


def test_prepare_closing_at_the_edge_of_the_horizon_then_record_it() -> None:
    s = summary_of()
    assert "prepare_closing" not in kinds(due(s, D(2026, 6, 15)))  # 15 days before, horizon 14
    assert ("prepare_closing", D(2026, 6, 30), {}) in due(s, D(2026, 6, 16))  # 14 days before
    assert "prepare_closing" in kinds(due(s, D(2026, 6, 30)))  # the last day
    assert ("expired_open", D(2026, 6, 30), {}) in due(s, D(2026, 7, 1))  # the day after: record the closing
    assert "prepare_closing" not in kinds(due(s, D(2026, 6, 29), horizon=0))


def test_the_next_report_at_the_edge_of_the_horizon() -> None:
    s = summary_of()  # first report due 31 March 2026
    assert "monitoring" not in kinds(due(s, D(2026, 3, 16)))
    assert (derive.DueKind.MONITORING, D(2026, 3, 31), {}) in due(s, D(2026, 3, 17))
    assert (derive.DueKind.MONITORING, D(2026, 3, 31), {}) in due(s, D(2026, 4, 20))  # overdue stays listed


def _with(s: dict[str, Any], rec: CaseRecord) -> dict[str, Any]:
    return {**s, **{k: v for k, v in derive.summarize("x", rec).items() if k not in ("end", "start", "stage")}}


def test_three_missed_reports_are_a_ground_for_revocation_until_a_proposal_is_made() -> None:
    docs: dict[str, list[Any]] = {"case": [{"intake_date": "2026-03-01", "legal": {
        "programme": "CB", "supervision_start": "2026-03-01", "supervision_end": "2026-12-31"}}],
        "monitoring": [{"date": d, "wajib_lapor": {"status": st}} for d, st in (
            ("2026-03-31", "hadir"), ("2026-04-30", "tidak_hadir"), ("2026-05-30", "tidak_hadir"))]}
    s = derive.summarize("x", case_record(docs))
    assert ("absences", None, {"n": 2, "warnings": 0}) in due(s, D(2026, 6, 1))
    docs["monitoring"].append({"date": "2026-06-29", "wajib_lapor": {"status": "tidak_hadir"}})
    docs["event"] = [{"kind": "surat_peringatan", "date": "2026-05-05", "order": 1},
                     {"kind": "surat_peringatan", "date": "2026-06-02", "order": 2}]
    s = derive.summarize("x", case_record(docs))
    assert ("revocation_ground", None, {"n": 3, "warnings": 2}) in due(s, D(2026, 7, 1))
    # a proposal made before this run of absences began does not answer it
    docs["event"].append({"kind": "usulan_pencabutan", "date": "2026-04-01"})
    assert "revocation_ground" in kinds(due(derive.summarize("x", case_record(docs)), D(2026, 7, 1)))
    docs["event"].append({"kind": "usulan_pencabutan", "date": "2026-06-30"})
    s = derive.summarize("x", case_record(docs))
    assert ("revocation_proposed", D(2026, 6, 30), {"n": 3}) in due(s, D(2026, 7, 1))
    assert "revocation_ground" not in kinds(due(s, D(2026, 7, 1)))


def test_a_temporary_revocation_leaves_only_what_it_needs() -> None:
    docs: dict[str, list[Any]] = {"case": [{"legal": {"programme": "PB", "supervision_start": "2026-03-01",
                                                      "supervision_end": "2026-07-01"}}],
                                  "event": [{"kind": "pencabutan_sementara", "date": "2026-06-10"}]}
    s = derive.summarize("x", case_record(docs))
    assert (s["supervision"], s["revoked_on"]) == ("temporarily_revoked", "2026-06-10")
    assert due(s, D(2026, 6, 20)) == [("revoked", D(2026, 6, 10), {"proposed": False})]
    docs["event"].append({"kind": "usulan_pencabutan", "date": "2026-06-12"})
    s = derive.summarize("x", case_record(docs))
    assert due(s, D(2026, 6, 20)) == [("revoked", D(2026, 6, 10), {"proposed": True})]
    docs["event"].append({"kind": "pencabutan_sementara_dicabut", "date": "2026-06-25"})
    s = derive.summarize("x", case_record(docs))
    assert s["supervision"] == "active" and s["revoked_on"] is None
    assert "revoked" not in kinds(due(s, D(2026, 6, 26)))


def test_scheduled_tpp_sessions_appear_until_their_day() -> None:
    docs: dict[str, list[Any]] = {"case": [{"legal": {"programme": "PB", "supervision_start": "2026-03-01",
                                                      "supervision_end": "2027-03-01"}}],
                                  "event": [{"kind": "sidang_tpp", "date": "2026-08-20"}]}
    s = derive.summarize("x", case_record(docs))
    assert "tpp" not in kinds(due(s, D(2026, 6, 1)))  # beyond the horizon, as every kind
    assert ("tpp", D(2026, 8, 20), {}) in due(s, D(2026, 6, 1), horizon=80)  # within it
    assert ("tpp", D(2026, 8, 20), {}) in due(s, D(2026, 8, 6))
    assert "tpp" in kinds(due(s, D(2026, 8, 20)))  # on the day
    assert "tpp" not in kinds(due(s, D(2026, 8, 21)))  # held
    day = derive.dated(s, D(2026, 8, 21), 30)
    assert (day["last_tpp"], day["next_tpp"]) == (D(2026, 8, 20), None)


def test_nothing_is_due_once_supervision_has_ended() -> None:
    docs: dict[str, list[Any]] = {"case": [{"legal": {"programme": "PB", "supervision_start": "2026-03-01",
                                                      "supervision_end": "2026-06-30"}}],
                                  "monitoring": [{"date": "2026-05-01", "wajib_lapor": {"status": "tidak_hadir"}}],
                                  "event": [{"kind": "sidang_tpp", "date": "2026-09-01"}],
                                  "closing": [{"date": "2026-06-30", "ground": "masa_bimbingan_berakhir"}]}
    s = derive.summarize("x", case_record(docs))
    assert s["supervision"] == "ended" and due(s, D(2026, 7, 15)) == []


def test_a_terminated_client_still_reports() -> None:
    docs: dict[str, list[Any]] = {"case": [{"legal": {"programme": "PB", "supervision_start": "2026-03-01",
                                                      "supervision_end": "2028-06-30"}}],
                                  "engagement": [{"date": "2026-03-02"}],
                                  "monitoring": [{"date": "2026-05-01", "wajib_lapor": {"status": "hadir"}}],
                                  "termination": [{"date": "2026-05-10", "reason": "tujuan_tercapai"}]}
    s = derive.summarize("x", case_record(docs))
    assert (s["stage"], s["supervision"], s["closed"]) == ("terminated", "active", False)
    # 31 May is a Sunday: due on Monday 1 June (test_weekend_reporting)
    assert (derive.DueKind.MONITORING, D(2026, 6, 1), {}) in due(s, D(2026, 5, 25))
    assert "no_assessment" not in kinds(due(s, D(2026, 5, 25)))  # the casework has ended


# -- the progress report's default period ------------------------------------------------------------------------


def test_the_progress_period_starts_after_the_last_tpp_session_held() -> None:
    today = D(2026, 11, 30)
    assert derive.progress_period(["2026-08-20"], today) == (D(2026, 8, 21), today)
    assert derive.progress_period(["2026-08-20", "2026-11-29"], today) == (D(2026, 11, 30), today)
    # a session today or later has not been held yet: the last three calendar months
    assert derive.progress_period(["2026-11-30", "2026-12-03"], today) == (D(2026, 9, 1), today)
    assert derive.progress_period([], D(2026, 2, 15)) == (D(2025, 12, 1), D(2026, 2, 15))
    assert derive.months_before(D(2026, 5, 31), 3) == D(2026, 2, 28)
    assert derive.months_before(D(2024, 5, 31), 3) == D(2024, 2, 29)


def test_months_without_a_record() -> None:
    got = derive.months_without_records(["2026-08-10", "2026-10-07"], D(2026, 8, 21), D(2026, 11, 30))
    assert got == [(2026, 9), (2026, 11)]
    assert derive.months_between(D(2025, 12, 5), D(2026, 1, 2)) == [(2025, 12), (2026, 1)]


# -- the commands, with an injected today ------------------------------------------------------------------------


def _json(book: Book, *args: str, today: D) -> Any:
    result = book.run(*args, "--json", today=today)
    assert_clean_exit(result, 0)
    return json.loads(result.stdout)


def test_a_terminated_but_supervised_case_goes_through_due(book: Book) -> None:
    case_id = book.new()  # PB, supervision from 1 March 2026 to 14 March 2028
    through(book, case_id, "engage", "assess", "plan")
    record_ok(book, "monitor", case_id, answers("monitor", date="2026-05-31"))
    record_ok(book, "terminate", case_id)  # 15 June 2026
    items = [i for i in _json(book, "due", today=D(2026, 6, 20))["items"] if i["id"] == case_id]
    assert [(i["kind"], i["date"]) for i in items] == [("monitoring", "2026-06-30")]
    listed = {c["id"]: c for c in _json(book, "list", today=D(2026, 6, 20))["cases"]}
    assert (listed[case_id]["stage"], listed[case_id]["supervision"]) == ("terminated", "active")
    # a month on, nothing recorded: the report is overdue, still for the terminated client
    items = [i for i in _json(book, "due", today=D(2026, 7, 31))["items"] if i["id"] == case_id]
    assert [(i["kind"], i["days"]) for i in items] == [("monitoring", -31)]
    # a check-in (a monitoring entry with only the wajib lapor) moves it on
    record_ok(book, "monitor", case_id, {"date": "2026-07-31", "wajib_lapor": {"status": "hadir"}},
              today=D(2026, 7, 31))
    shown = _json(book, "show", case_id, today=D(2026, 7, 31))["case"]
    assert shown["next_report_due"] == "2026-08-31"  # 30 August is a Sunday: Monday (test_weekend_reporting)
    stats = _json(book, "stats", today=D(2026, 7, 31))
    assert stats["by_supervision"] == {"active": 1} and stats["by_stage"] == {"terminated": 1}


def test_show_and_list_print_both_dates_where_they_differ(book: Book) -> None:
    pb = book.new(intake_answers(legal={"supervision_end": None, "expiry": "2027-03-14"}))
    cb = book.new(intake_answers(identity={"name": "Siti Aminah", "sex": "P", "nik": None},
                                 legal={"programme": "CB", "supervision_end": None, "expiry": "2026-12-31"}))
    shown = book.run("show", pb, today=D(2026, 6, 15))
    assert "Masa bimbingan" in shown.stdout
    assert "1 Maret 2026 – 14 Maret 2028 (dihitung: ekspirasi 14 Maret 2027 + 1 tahun)" in shown.stdout
    assert re.search(r"Ekspirasi pidana +14 Maret 2027", shown.stdout)
    cb_shown = book.run("show", cb, today=D(2026, 6, 15)).stdout
    assert "1 Maret 2026 – 31 Desember 2026 (sama dengan ekspirasi)" in cb_shown
    assert "Ekspirasi pidana" not in cb_shown  # the same date is printed once
    table = book.run("list", today=D(2026, 6, 15)).stdout
    # (tables print dates in one style, issue 11)
    assert "14 Mar 2027" in table and "14 Mar 2028*" in table and "31 Des 2026*" in table
    assert "* akhir masa bimbingan dihitung dari ekspirasi menurut programnya" in table
    english = book.run("--lang", "en", "show", pb, today=D(2026, 6, 15)).stdout
    assert "(derived: expiry 14 March 2027 + 1 year)" in english


def test_a_programme_without_a_rule_needs_its_end_recorded(book: Book) -> None:
    from tests.helpers import write_answers

    child = intake_answers(legal={"programme": "diversi", "supervision_end": None, "expiry": "2026-12-31"})
    path = write_answers(book.root.parent / "child.yaml", child)
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert "legal.supervision_end: akhir masa bimbingan wajib diisi untuk program ini" in result.stderr
    neither = intake_answers(legal={"supervision_end": None})
    result = book.run("new", "--answers", str(write_answers(book.root.parent / "n.yaml", neither)), "--no-input")
    assert_clean_exit(result, 1)
    assert "legal.expiry: isi ekspirasi (akhir masa bimbingan dihitung darinya) atau akhir masa bimbingan" in \
        result.stderr


def test_event_records_carry_what_due_reads() -> None:
    rec = case_record({"event": [{"kind": "izin_bepergian", "date": "2026-04-24",
                                  "period": {"start": "2026-04-25", "end": "2026-05-08"}},
                                 {"kind": "pemindahan_bimbingan", "date": "2026-06-01", "to_bapas": "Bapas Sibolga"},
                                 {"date": "2026-06-02"}, "broken"]})
    assert rec.events == [EventRecord("izin_bepergian", "2026-04-24", "2026-04-25", "2026-05-08"),
                          EventRecord("pemindahan_bimbingan", "2026-06-01", to_bapas="Bapas Sibolga")]
    s = derive.summarize("x", rec)
    assert s["permits"] == [["2026-04-25", "2026-05-08"]] and s["transfer_to"] == "Bapas Sibolga"
