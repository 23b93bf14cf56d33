"""One derivation per fact: next wajib lapor, open or closed, current officer, age and days left are computed by
one function each (``bapascase.model.derive``), and every path that shows them agrees: ``show --json``,
``due --json``, ``list --json``, ``stats --json``, the index summary and the report context."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from bapascase.model import derive
from bapascase.model.records import CaseRecord, case_record
from bapascase.model.registry import CaseStage
from tests.helpers import TODAY, Book, assert_clean_exit, invoke
from tests.stage_helpers import answers, record_ok, through

# derived facts, not git: casebooks without a repository (no commit on every save)
pytestmark = pytest.mark.git(False)

NEW_OFFICER = "Sri Rahayu"


def _with_officers(book: Book) -> None:
    settings = book.root / "bapascase.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "officers: []",
        "officers:\n- name: Hendra Saputra\n  nip: '198503122010121002'\n"
        f"- name: {NEW_OFFICER}\n  nip: '198001012005012001'\n",
    ), encoding="utf-8")


def _json(book: Book, *args: str, today: dt.date = TODAY) -> dict[str, Any]:
    result = book.run(*args, "--json", today=today)
    assert_clean_exit(result, 0)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def every_path(book: Book, case_id: str, today: dt.date = TODAY) -> dict[str, dict[str, Any]]:
    """The five facts as each path shows them: {path: {fact: value}} (dates as ISO text, None when none)."""
    from bapascase.reports.context import build
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index

    out: dict[str, dict[str, Any]] = {}
    shown = _json(book, "show", case_id, today=today)["case"]
    out["show"] = {"next": shown["next_report_due"], "closed": shown["closed"], "officer": shown["officer"],
                   "age": shown["age"], "days_left": shown["days_left"]}
    row = next(c for c in _json(book, "list", "--all", today=today)["cases"] if c["id"] == case_id)
    out["list"] = {"next": row["next_report_due"], "closed": row["closed"], "officer": row["officer"],
                   "age": row["age"], "days_left": row["days_left"]}
    active = [c for c in _json(book, "list", today=today)["cases"] if c["id"] == case_id]
    assert bool(active) is not row["closed"]  # list without --all shows exactly the open cases
    items = [i for i in _json(book, "due", "--days", "3660", today=today)["items"] if i["id"] == case_id]
    monitoring = [i for i in items if i["kind"] == "monitoring"]
    expiry = [i for i in items if i["kind"] in ("prepare_closing", "expired_open")]
    out["due"] = {"next": monitoring[0]["date"] if monitoring else None, "closed": not items,
                  "officer": items[0]["officer"] if items else out["show"]["officer"],
                  "age": out["show"]["age"],  # due does not show the age
                  "days_left": expiry[0]["days"] if expiry else out["show"]["days_left"]}
    stats = _json(book, "stats", today=today)
    out["stats"] = {"next": out["show"]["next"], "closed": stats["active"] == 0,
                    "officer": next(iter(stats["by_officer"]), None) if stats["active"] else out["show"]["officer"],
                    "age": out["show"]["age"], "days_left": out["show"]["days_left"]}
    casebook = Casebook(book.root)
    summary = next(s for s in load_index(casebook) if s["id"] == case_id)
    day = derive.dated(summary, today, casebook.settings.defaults.wajib_lapor_interval_days)
    out["index"] = {"next": day["next_report_due"], "closed": summary["closed"], "officer": summary["officer"],
                    "age": day["age"], "days_left": day["days_left"]}
    report = build(casebook, case_id, "progress", "md", "id", today, False)
    nxt = report.facts["next_due"]
    out["report"] = {"next": _iso_of_long(nxt) if nxt else None, "closed": report.facts["closed"],
                     "officer": report.officer.name, "age": report.facts["age"],
                     "days_left": report.facts["days_left"]}
    return out


def _iso_of_long(text: str) -> str:
    from bapascase.model.text import MONTHS

    day, month, year = text.split()
    return dt.date(int(year), MONTHS["id"].index(month) + 1, int(day)).isoformat()


def assert_all_agree(paths: dict[str, dict[str, Any]]) -> dict[str, Any]:
    first = paths["show"]
    for name, facts in paths.items():
        assert facts == first, f"{name} disagrees with show: {facts} != {first}"
    return first


@pytest.fixture
def book(book: Book) -> Book:
    _with_officers(book)
    return book


def test_a_monitoring_next_date_is_honoured_everywhere(book: Book) -> None:
    """The issue's example: with ``next_date: 2026-12-20`` recorded, every path says 20 December, not the end
    of the contract's interval (30 November)."""
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "monitor", case_id, answers("monitor", date="2026-10-31", next_date="2026-12-20", period=None,
                                                progress=None), today=dt.date(2026, 11, 1))
    facts = assert_all_agree(every_path(book, case_id, today=dt.date(2026, 11, 5)))
    assert facts["next"] == "2026-12-20"
    assert facts["closed"] is False


def test_without_a_next_date_the_contract_interval_counts_from_the_last_entry(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "monitor")  # 30 April, interval 30 days
    facts = assert_all_agree(every_path(book, case_id))
    assert facts["next"] == "2026-06-01"  # 30 May is a Saturday: the next working day (test_weekend_reporting)


def test_transfer_termination_closing_and_reopen_agree_on_every_fact(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    record_ok(book, "monitor", case_id, answers("monitor", date="2026-06-10", next_date="2026-06-24"))
    assert_clean_exit(book.run("transfer", case_id, "--to", NEW_OFFICER), 0)
    facts = assert_all_agree(every_path(book, case_id))
    assert facts == {"next": "2026-06-24", "closed": False, "officer": NEW_OFFICER, "age": 36,
                     "days_left": (dt.date(2028, 3, 14) - TODAY).days}

    record_ok(book, "terminate", case_id)  # the casework ends; supervision (and wajib lapor) goes on
    facts = assert_all_agree(every_path(book, case_id))
    assert facts["closed"] is False and facts["next"] == "2026-06-24" and facts["officer"] == NEW_OFFICER

    record_ok(book, "close", case_id, {"date": "2026-06-15", "ground": "dipindahkan",
                                       "to_bapas": "Bapas Kelas II Pematangsiantar"})
    facts = assert_all_agree(every_path(book, case_id))
    assert facts["closed"] is True and facts["next"] is None and facts["officer"] == NEW_OFFICER

    assert_clean_exit(book.run("reopen", case_id, "--reason", "Klien meminta pendampingan lagi"), 0)
    facts = assert_all_agree(every_path(book, case_id))
    assert facts["closed"] is False and facts["next"] == "2026-06-24"


def test_the_age_and_days_left_follow_the_day_asked(book: Book) -> None:
    case_id = book.new()  # born 12 May 1990; supervision ends 14 March 2028
    facts = assert_all_agree(every_path(book, case_id, today=dt.date(2027, 5, 11)))
    assert facts["age"] == 36
    assert facts["days_left"] == (dt.date(2028, 3, 14) - dt.date(2027, 5, 11)).days
    facts = assert_all_agree(every_path(book, case_id, today=dt.date(2027, 5, 12)))
    assert facts["age"] == 37


# -- the functions themselves ----------------------------------------------------------------------------------


def test_next_wajib_lapor() -> None:
    kw: dict[str, Any] = {"closed": False, "requested": None, "interval_days": 30, "start": "2026-03-01",
                          "intake": "2026-02-20", "last_report": None}
    assert derive.next_wajib_lapor(**kw) == dt.date(2026, 3, 31)
    # 30 May is a Saturday: the next working day (test_weekend_reporting)
    assert derive.next_wajib_lapor(**{**kw, "last_report": "2026-04-30"}) == dt.date(2026, 6, 1)
    assert derive.next_wajib_lapor(**{**kw, "last_report": "2026-04-30", "requested": "2026-05-14"}) == \
        dt.date(2026, 5, 14)
    assert derive.next_wajib_lapor(**{**kw, "start": None}) == dt.date(2026, 3, 23)  # the 22nd is a Sunday
    assert derive.next_wajib_lapor(**{**kw, "closed": True, "requested": "2026-05-14"}) is None
    assert derive.next_wajib_lapor(**{**kw, "start": None, "intake": None}) is None


def test_the_ends_in_effect_after_the_reopenings() -> None:
    term, close = ("2026-05-01", "termination"), ("2026-06-01", "closing")
    assert derive.ends_in_effect([term], []) == [term]
    assert derive.ends_in_effect([term], ["2026-05-02"]) == []
    assert derive.ends_in_effect([term, close], ["2026-06-02"]) == [term]  # the latest end only
    assert derive.ends_in_effect([term, close], ["2026-06-02", "2026-06-03"]) == []
    # on one day an end comes before a reopening, and a termination before a closing
    same = [("2026-05-01", "closing"), ("2026-05-01", "termination")]
    assert derive.ends_in_effect(same, ["2026-05-01"]) == [("2026-05-01", "termination")]
    # a legacy termination that also ended supervision is one end
    assert derive.ends_in_effect([("2026-05-01", "both")], ["2026-05-02"]) == []
    # a reopening before any end reopens nothing; an end recorded later with an earlier date is still reversed
    assert derive.ends_in_effect([("2026-07-01", "termination")], ["2026-06-01"]) == [("2026-07-01", "termination")]
    assert derive.ends_in_effect([term, term], ["2026-05-02"]) == [term]
    # a reopening that says which end it reversed reverses that one, whatever was recorded after it: a death
    # recorded after the reopening of a termination, dated before the reopening, ends supervision
    death = ("2026-05-05", "closing")
    assert derive.ends_in_effect([term, death], ["2026-05-10"]) == [term]  # the date rule alone gets it wrong
    assert derive.ends_in_effect([term, death], [("2026-05-10", ("termination", "2026-05-01"))]) == [death]
    assert derive.ends_in_effect([term, death], [("2026-05-10", None)]) == [term]  # an old file: by date
    # two closings on one day: one is reversed; a legacy end on both counts as either kind
    assert derive.ends_in_effect([close, close], [("2026-06-02", ("closing", "2026-06-01"))]) == [close]
    assert derive.ends_in_effect([("2026-05-01", "both")], [("2026-05-02", ("closing", "2026-05-01"))]) == []
    # the end it names is no longer there: nothing (the same closing reopened in two clones, merged by sync)
    assert derive.ends_in_effect([term], [("2026-05-02", ("closing", "2026-04-01"))]) == [term]
    twice = ("2026-06-02", ("closing", "2026-06-01"))
    assert derive.ends_in_effect([term, close], [twice, twice]) == [term]


def test_the_termination_in_effect_is_the_one_not_reversed() -> None:
    rec = case_record({
        "termination": [{"date": "2026-06-01", "reason": "tujuan_tercapai"},
                        {"date": "2026-05-20", "reason": "lainnya"}],
        "reopen": [{"date": "2026-06-10", "reason": "x", "reverses": {"what": "termination", "date": "2026-06-01"}}],
    })
    s = derive.summarize("x", rec)
    assert (s["stage"], s["terminated_on"]) == ("terminated", "2026-05-20")
    assert derive.end_to_reverse(rec) == ("termination", "2026-05-20")
    rec = case_record({"termination": [{"date": "2026-06-01", "reason": "tujuan_tercapai"}],
                       "closing": [{"date": "2026-06-05", "ground": "meninggal"}],
                       "reopen": [{"date": "2026-06-10", "reason": "x",
                                   "reverses": {"what": "termination", "date": "2026-06-01"}}]})
    s = derive.summarize("x", rec)
    assert (s["stage"], s["closed"], s["closed_on"], s["terminated_on"]) == ("intake", True, "2026-06-05", None)
    assert derive.end_to_reverse(rec) == ("closing", "2026-06-05")


def test_what_a_closing_contradicts_in_the_records() -> None:
    entries = [
        ("m/2026-05-01.yaml", "monitoring", "2026-05-01", "hadir"),  # on the day: before the end
        ("m/2026-05-20.yaml", "monitoring", "2026-05-20", "tidak_hadir"),  # a missed report says nothing
        ("m/2026-05-30.yaml", "monitoring", "2026-05-30", "jarak_jauh"),
        ("s/2026-05-10.yaml", "service", dt.date(2026, 5, 10), "terlambat"),
        ("s/2026-05-11.yaml", "service", "2026-05-11", "tidak_hadir"),
        ("i/2026-05-05.yaml", "intervention", "2026-05-05", ""),
        ("m/undated.yaml", "monitoring", None, "hadir"),
    ]
    assert derive.after_the_end("2026-05-01", False, entries) == [
        ("s/2026-05-10.yaml", "service", dt.date(2026, 5, 10)), ("m/2026-05-30.yaml", "monitoring", dt.date(2026, 5, 30))]
    # after a death, an intervention session too
    assert derive.after_the_end(dt.date(2026, 5, 1), True, entries)[0] == \
        ("i/2026-05-05.yaml", "intervention", dt.date(2026, 5, 5))
    assert derive.after_the_end("2026-05-30", True, entries) == []
    assert derive.after_the_end(None, True, entries) == []


def test_the_casework_stage_from_the_counts() -> None:
    assert derive.case_stage({"case": 1}, False) is CaseStage.INTAKE
    assert derive.case_stage({}, False) is CaseStage.INTAKE
    assert derive.case_stage({"case": 1, "engagement": 1, "plan": 1}, False) is CaseStage.PLANNING
    assert derive.case_stage({"case": 1, "monitoring": 3, "plan": 1}, False) is CaseStage.MONITORING
    assert derive.case_stage({"case": 1, "monitoring": 3, "termination": 1}, True) is CaseStage.TERMINATED
    assert derive.case_stage({"case": 1, "monitoring": 3, "termination": 1, "reopen": 1}, False) is \
        CaseStage.MONITORING
    # legal events and the closing are no casework stage
    assert derive.case_stage({"case": 1, "event": 4, "closing": 1}, False) is CaseStage.INTAKE


def test_a_legacy_termination_on_a_legal_ground_reads_as_both_ends() -> None:
    rec = case_record({"termination": [{"date": "2025-07-14", "reason": "ekspirasi"}]})
    s = derive.summarize("x", rec)
    assert (s["stage"], s["closed"], s["closing_ground"], s["closed_on"]) == \
        ("terminated", True, "masa_bimbingan_berakhir", "2025-07-14")
    rec = case_record({"termination": [{"date": "2025-07-14", "reason": "tujuan_tercapai"}]})
    assert derive.summarize("x", rec)["closed"] is False


def test_current_officer_is_the_latest_transfers() -> None:
    assert derive.current_officer({"name": "A"}, []) == {"name": "A"}
    assert derive.current_officer({"name": "A"}, [{"name": "B"}, {"name": "C"}]) == {"name": "C"}
    assert derive.current_officer(None, []) is None


def test_age_and_days_left() -> None:
    assert derive.age("1990-05-12", dt.date(2026, 5, 11)) == 35
    assert derive.age("1990-05-12", dt.date(2026, 5, 12)) == 36
    assert derive.age(None, dt.date(2026, 5, 12)) is None
    assert derive.days_left("2026-06-16", dt.date(2026, 6, 15)) == 1
    assert derive.days_left("2026-06-14", dt.date(2026, 6, 15)) == -1
    assert derive.days_left("kemarin", dt.date(2026, 6, 15)) is None


def test_the_latest_monitoring_entry_is_the_latest_by_date_not_by_file() -> None:
    rec = case_record({"monitoring": [
        {"date": "2026-05-30", "next_date": "2026-06-20", "wajib_lapor": {"status": "hadir"}},
        {"date": "2026-04-30", "wajib_lapor": {"status": "tidak_hadir"}},
    ]})
    summary = derive.summarize("x", rec)
    assert summary["last_monitoring"] == "2026-05-30" and summary["next_date"] == "2026-06-20"
    assert summary["absent_streak"] == 0


def test_a_record_of_broken_documents_is_empty_not_an_error() -> None:
    rec = case_record({"case": [None, ["Budi"]], "monitoring": ["x", {"date": "kemarin"}],
                       "transfer": [{"to": "Sri"}], "engagement": [{"contract": "30"}]})
    assert rec.name == "" and rec.intake_officer is None and rec.transfer_officers == []
    assert rec.wl_interval_days is None
    assert rec.monitoring == [(None, None, "")]
    assert derive.summarize("x", rec)["counts"] == {"case": 2, "monitoring": 2, "transfer": 1, "engagement": 1}
    assert isinstance(CaseRecord(), CaseRecord)


def test_due_and_show_agree_in_the_real_commands_for_the_demo_casebook(tmp_path: Path) -> None:
    """The demo's client in monitoring: what ``show`` calls the next report is what ``due`` lists."""
    from tests.stage_helpers import NCP, demo_book

    demo = demo_book(tmp_path)
    shown = json.loads(invoke(["show", NCP, "--json"], casebook=demo.root).stdout)["case"]
    due = json.loads(invoke(["due", "--days", "3660", "--json"], casebook=demo.root).stdout)["items"]
    mine = [i["date"] for i in due if i["id"] == NCP and i["kind"] == "monitoring"]
    assert mine == [shown["next_report_due"]]
