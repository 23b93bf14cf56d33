"""The legal frame read as one set of facts: what the records offer a legal event (only the fields its kind has),
the warning letters in their order, the revocation proposal a temporary revocation already has, overdue reports
and reminders only within the masa bimbingan, and ``due --days`` as the horizon of every kind."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from tests.helpers import TODAY, Book, assert_clean_exit
from tests.stage_helpers import answers, entry_rel, record, record_ok, through
from tests.test_legal_events import load

pytestmark = pytest.mark.git(False)
D = dt.date


@pytest.fixture
def case_id(book: Book) -> str:
    """A PB client with a report on 30 April and missed reports on 15 May, 31 May and 14 June 2026 (today: 15
    June): three in a row, a ground for revocation."""
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "monitor", case_id, answers("monitor", progress=None, attendance=None))
    for day in ("2026-05-15", "2026-05-31", "2026-06-14"):
        record_ok(book, "monitor", case_id, {"date": day, "wajib_lapor": {"status": "tidak_hadir"}})
    return case_id


def due_of(book: Book, case_id: str, *extra: str) -> list[dict[str, Any]]:
    result = book.run("due", "--json", *extra)
    assert_clean_exit(result, 0)
    return [item for item in json.loads(result.stdout)["items"] if item["id"] == case_id]


def show_of(book: Book, case_id: str) -> dict[str, Any]:
    result = book.run("show", case_id, "--json")
    assert_clean_exit(result, 0)
    found: dict[str, Any] = json.loads(result.stdout)["case"]
    return found


# -- what the records offer an event: only the fields its kind has -----------------------------------------------


def test_a_temporary_revocation_is_recorded_after_three_missed_reports(book: Book, case_id: str) -> None:
    """The missed reports are offered as ``cites`` to the kinds that cite; a temporary revocation has no such
    field and was refused for a field nobody typed, exactly when it was needed."""
    out = record_ok(book, "event", case_id, {"kind": "pencabutan_sementara", "date": "2026-06-15",
                                             "grounds": ["tidak_wajib_lapor_3x"]})
    saved = load(book, case_id, "events/2026-06-15.yaml")
    assert saved["kind"] == "pencabutan_sementara" and "cites" not in saved, out
    assert saved["grounds"] == ["tidak_wajib_lapor_3x"]


def test_a_temporary_revocation_is_offered_the_streak_as_its_ground(book: Book, case_id: str) -> None:
    record_ok(book, "event", case_id, {"kind": "pencabutan_sementara"})  # grounds: from the records
    saved = load(book, case_id, f"events/{TODAY.isoformat()}.yaml")
    assert saved["grounds"] == ["tidak_wajib_lapor_3x"] and "cites" not in saved


def test_every_kind_is_offered_only_fields_of_its_own_model(book: Book, case_id: str) -> None:
    from bapascase.model.event import EventDoc
    from bapascase.store.casebook import Casebook
    from bapascase.workflow.stages import variant_defaults
    from bapascase.workflow.stages.event import BEHAVIOUR

    casebook = Casebook(book.root)
    record_ok(book, "event", case_id, {"kind": "surat_peringatan", "date": "2026-06-01", "order": 1,
                                       "grounds": ["tidak_wajib_lapor"]})
    for kind, model in EventDoc.kinds.items():
        offered = variant_defaults(BEHAVIOUR, casebook, case_id, TODAY, model)
        assert offered["kind"] == kind
        assert set(offered) <= set(model.model_fields), kind


def test_an_event_in_the_interview_is_offered_what_its_kind_holds(book: Book, case_id: str) -> None:
    """The proposal still cites the missed reports (its model has ``cites``)."""
    record_ok(book, "event", case_id, {"kind": "usulan_pencabutan"})
    saved = load(book, case_id, f"events/{TODAY.isoformat()}.yaml")
    assert saved["grounds"] == ["tidak_wajib_lapor_3x"] and len(saved["cites"]) == 3


# -- the revocation proposal of the matter in hand ----------------------------------------------------------------


def record_of(**docs: Any) -> Any:
    from bapascase.model.records import case_record

    base: dict[str, list[Any]] = {"case": [{"legal": {"programme": "PB", "supervision_start": "2026-03-01",
                                                      "supervision_end": "2027-03-01"}}]}
    return case_record({**base, **docs})


def items(rec: Any, today: dt.date, horizon: int = 14) -> list[tuple[str, dt.date | None, dict[str, Any]]]:
    from bapascase.model import derive

    return [(str(k), d, x) for k, d, x in derive.due_items(derive.summarize("x", rec), today, 30, horizon, 183)]


def test_a_proposal_made_before_the_temporary_revocation_counts() -> None:
    proposal = {"kind": "usulan_pencabutan", "date": "2026-06-10"}
    revoked = {"kind": "pencabutan_sementara", "date": "2026-06-12"}
    got = items(record_of(event=[proposal, revoked]), D(2026, 6, 20))
    assert ("revoked", D(2026, 6, 12), {"proposed": True}) in got
    # a proposal of an earlier matter, whose revocation was lifted, does not count for a new revocation
    lifted = {"kind": "pencabutan_sementara_dicabut", "date": "2026-06-14", "reason": "Tidak disetujui."}
    again = {"kind": "pencabutan_sementara", "date": "2026-07-01"}
    got = items(record_of(event=[proposal, revoked, lifted, again]), D(2026, 7, 2))
    assert ("revoked", D(2026, 7, 1), {"proposed": False}) in got
    renewed = {"kind": "usulan_pencabutan", "date": "2026-07-02"}
    got = items(record_of(event=[proposal, revoked, lifted, again, renewed]), D(2026, 7, 3))
    assert ("revoked", D(2026, 7, 1), {"proposed": True}) in got


def test_a_proposal_left_months_before_is_not_that_of_a_later_revocation() -> None:
    """A proposal the Kanwil never answered (no lifting recorded) stayed "pending" for ever: a temporary revocation
    half a year later, for another matter, was said to await its decision and not asked for one."""
    proposal = {"kind": "usulan_pencabutan", "date": "2026-03-20"}
    revoked = {"kind": "pencabutan_sementara", "date": "2026-09-01"}
    got = items(record_of(event=[proposal, revoked]), D(2026, 9, 5))
    assert ("revoked", D(2026, 9, 1), {"proposed": False}) in got


def test_due_and_show_agree_on_the_proposal_before_a_temporary_revocation(book: Book, case_id: str) -> None:
    record_ok(book, "event", case_id, {"kind": "usulan_pencabutan", "date": "2026-06-14"})
    record_ok(book, "event", case_id, {"kind": "pencabutan_sementara", "date": "2026-06-15",
                                       "grounds": ["tidak_wajib_lapor_3x"]})
    assert [(i["kind"], i["proposed"]) for i in due_of(book, case_id)] == [("revoked", True)]
    facts = show_of(book, case_id)
    assert facts["last_proposal"] == facts["proposal_pending"] == "2026-06-14"
    shown = book.run("show", case_id).stdout
    assert "menunggu keputusan" in shown and "susun usulan" not in shown


def test_a_report_during_a_temporary_revocation_is_pointed_out() -> None:
    revoked = {"kind": "pencabutan_sementara", "date": "2026-06-12"}
    present = [{"date": "2026-06-20", "wajib_lapor": {"status": "hadir"}}]
    got = items(record_of(event=[revoked], monitoring=present), D(2026, 6, 25))
    assert [k for k, _, _ in got] == ["revoked", "reported_while_revoked"]
    assert got[1][1] == D(2026, 6, 20)
    # a report on the morning of the revocation day came before it: nothing to point out
    same_day = [{"date": "2026-06-12", "wajib_lapor": {"status": "hadir"}}]
    assert [k for k, _, _ in items(record_of(event=[revoked], monitoring=same_day), D(2026, 6, 25))] == ["revoked"]
    absent = [{"date": "2026-06-20", "wajib_lapor": {"status": "tidak_hadir"}}]
    assert [k for k, _, _ in items(record_of(event=[revoked], monitoring=absent), D(2026, 6, 25))] == ["revoked"]
    from bapascase.cli.cmd_due import describe

    assert "selama pencabutan sementara" in describe("reported_while_revoked", {})


# -- warning letters in their order -------------------------------------------------------------------------------


def warning(day: str, order: int) -> dict[str, Any]:
    return {"kind": "surat_peringatan", "date": day, "order": order, "grounds": ["tidak_wajib_lapor"]}


def test_warning_letters_are_counted_by_the_highest_reached_in_order() -> None:
    from bapascase.model import derive

    assert derive.warning_letters([]) == (0, None, [])
    level, last, problems = derive.warning_letters([("2026-10-05", 3), ("2026-08-06", 1), ("2026-08-07", 1)])
    assert (level, last) == (1, "2026-08-06")
    assert problems == [derive.WARNING_SKIPPED, derive.WARNING_TWICE, derive.WARNING_TWICE]
    level, last, problems = derive.warning_letters([("2026-08-06", 1), ("2026-08-06", 2), ("2026-09-01", 3)])
    assert (level, last, problems) == (1, "2026-08-06", [None, derive.WARNING_SKIPPED, None])
    assert derive.warning_letters([("2026-08-06", 1), ("2026-09-01", 2), ("2026-10-01", 3)])[:2] == (3, "2026-10-01")


def test_a_warning_letter_out_of_order_or_twice_is_refused(book: Book, case_id: str) -> None:
    result = record(book, "event", case_id, warning("2026-06-01", 3))
    assert_clean_exit(result, 1)
    assert "order: surat peringatan ke-3 memerlukan surat peringatan ke-2 yang bertanggal sebelumnya" in result.stderr
    record_ok(book, "event", case_id, warning("2026-05-16", 1))
    result = record(book, "event", case_id, warning("2026-06-01", 1), name="again.yaml")
    assert_clean_exit(result, 1)
    assert "order: surat peringatan ke-1 sudah tercatat di kasus ini" in result.stderr
    result = record(book, "event", case_id, warning("2026-05-16", 2), name="same_day.yaml")  # not before it
    assert_clean_exit(result, 1)
    assert "surat peringatan ke-2 memerlukan surat peringatan ke-1" in result.stderr
    record_ok(book, "event", case_id, warning("2026-06-01", 2), name="second.yaml")
    facts = show_of(book, case_id)
    assert (facts["warnings"], facts["last_warning"]) == (2, "2026-06-01")
    record_ok(book, "event", case_id, {"kind": "surat_peringatan", "date": "2026-06-14",
                                       "grounds": ["tidak_wajib_lapor"]}, name="third.yaml")
    assert load(book, case_id, "events/2026-06-14.yaml")["order"] == 3  # the next one offered
    assert_clean_exit(book.run("check"), 0)


def test_a_letter_moved_past_the_next_one_is_refused(book: Book, case_id: str) -> None:
    """Moving SP1's date past SP2's (``edit``) left SP2 without its predecessor and dropped the count to 1, and
    was saved: only the letter written was looked at."""
    record_ok(book, "event", case_id, warning("2026-05-16", 1))
    record_ok(book, "event", case_id, warning("2026-06-01", 2), name="second.yaml")
    from bapascase.store.casebook import Casebook
    from bapascase.workflow.stages import cross_problems

    book_ = Casebook(book.root)
    moved = warning("2026-06-10", 1)
    from bapascase.model.registry import model_for

    doc = model_for("event").variant_of(moved).model_validate(moved)
    doc._source = entry_rel(book, case_id, "events/2026-05-16.yaml")  # as ``edit`` marks the file it replaces
    found = cross_problems(book_, case_id, "event", doc)
    assert any("surat peringatan ke-2 tidak lagi didahului surat peringatan ke-1" in message
               for _loc, message in found), found


def test_check_reports_a_hand_written_letter_out_of_order(book: Book, case_id: str) -> None:
    record_ok(book, "event", case_id, warning("2026-05-16", 1))
    record_ok(book, "event", case_id, warning("2026-06-01", 2), name="second.yaml")
    path = book.cases / case_id / entry_rel(book, case_id, "events/2026-05-16.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("order: 1", "order: 3"), encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert "order: surat peringatan ke-3 memerlukan surat peringatan ke-2" in result.stdout + result.stderr
    assert "order: surat peringatan ke-2 memerlukan surat peringatan ke-1" in result.stdout + result.stderr
    assert show_of(book, case_id)["warnings"] == 0  # no letter reached in order


# -- overdue reports and reminders within the masa bimbingan ------------------------------------------------------


def test_an_overdue_report_is_said_so_everywhere(book: Book) -> None:
    case_id = book.new()  # PB from 1 March 2026, no report yet: the first was due on 31 March
    facts = show_of(book, case_id)
    assert (facts["next_report_due"], facts["report_overdue"]) == ("2026-03-31", 76)
    assert "31 Maret 2026 (terlambat 76 hari)" in book.run("show", case_id).stdout
    result = book.run("due", "--remind", "--json")
    assert_clean_exit(result, 0)
    (row,) = [r for r in json.loads(result.stdout)["items"] if r["id"] == case_id]
    assert "belum dilaksanakan" in row["text"] and "Mohon segera datang" in row["text"]
    assert "Mohon hadir tepat waktu" not in row["text"]
    assert "terlambat 76 hari" in book.run("due", "--remind").stdout
    from bapascase.reports.calendar import events_of

    first = events_of({"id": case_id, **facts}, TODAY, 30, 183)[0]
    assert first == (f"{case_id}-wl-1", TODAY, "wl_overdue")
    assert events_of({"id": case_id, **facts}, TODAY, 30, 183)[1][1] == TODAY + dt.timedelta(days=30)


def test_a_report_due_ahead_is_reminded_of_its_date(book: Book, case_id: str) -> None:
    result = book.run("due", "--remind", "--json", "--days", "30")
    (row,) = [r for r in json.loads(result.stdout)["items"] if r["id"] == case_id]
    assert row["date"] == "2026-07-14" and "Mohon hadir tepat waktu" in row["text"]
    assert show_of(book, case_id)["report_overdue"] is None


def test_no_report_or_reminder_once_the_masa_bimbingan_has_ended(book: Book) -> None:
    from tests.helpers import intake_answers

    data = intake_answers()
    data["legal"]["supervision_end"] = "2026-06-10"  # before today; no closing recorded yet
    case_id = book.new(data)
    facts = show_of(book, case_id)
    assert facts["next_report_due"] is None and facts["report_overdue"] is None
    listed = [i["kind"] for i in due_of(book, case_id)]
    assert "expired_open" in listed and "monitoring" not in listed  # to be closed, no report to make any more
    result = book.run("due", "--remind", "--json")
    assert case_id not in [r["id"] for r in json.loads(result.stdout)["items"]]
    assert "Wajib lapor berikutnya" not in book.run("show", case_id).stdout
    from bapascase.reports.calendar import events_of

    assert [w for _, _, w in events_of({"id": case_id, **facts}, TODAY, 30, 183)
            if w.startswith("wl")] == []


# -- due --days N: every kind within N days, problems of today dated today ----------------------------------------


def test_due_days_bounds_every_kind(book: Book, case_id: str) -> None:
    record_ok(book, "event", case_id, {"kind": "sidang_tpp", "date": "2026-06-25", "agenda": "Evaluasi PB"})
    assert "tpp" not in [i["kind"] for i in due_of(book, case_id, "--days", "0")]
    assert "tpp" not in [i["kind"] for i in due_of(book, case_id, "--days", "9")]
    assert ("tpp", 10) in [(i["kind"], i["days"]) for i in due_of(book, case_id, "--days", "10")]
    for days in ("0", "5", "40"):
        assert all(i["days"] is None or i["days"] <= int(days) for i in due_of(book, case_id, "--days", days))
