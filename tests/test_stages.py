"""The six casework stages scripted (``--answers FILE --no-input``): where files land, JSON output, the derived
stage, git commits, defaults from earlier records, instruments, errors located in the answers file, stage order,
termination and reopening. In a fresh casebook and in a copy of the demo casebook."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import TODAY, Book, assert_clean_exit, intake_answers, make_casebook
from tests.stage_helpers import (
    BZG,
    CHILD_RISK,
    COMMANDS,
    NCP,
    RCP,
    RRI_SEDANG,
    RRI_TINGGI,
    STAGE_OF,
    add_rri_version,
    answers,
    answers_file,
    case_files,
    demo_book,
    entries_of,
    entry_rel,
    git_clean,
    git_log,
    git_tracked,
    is_entry,
    listed,
    record,
    record_ok,
    summary,
    through,
)

# a casebook without git, but for the tests that check what recording commits (marked git(True))
pytestmark = pytest.mark.git(False)

# where each command's first record lands (PRODUCT.md), and the derived stage after it
FIRST_FILE = {
    "engage": "engagement.yaml",
    "assess": "assessment.yaml",
    "plan": "plan.yaml",
    "intervene": "interventions/2026-04-06.yaml",
    "monitor": "monitoring/2026-04-30.yaml",
    "terminate": "termination.yaml",
}
STAGE_AFTER = {
    "engage": "engagement",
    "assess": "assessment",
    "plan": "planning",
    "intervene": "intervention",
    "monitor": "monitoring",
    "terminate": "terminated",
}


def load(book: Book, case_id: str, rel: str) -> dict[str, Any]:
    data = yamlio.load(book.cases / case_id / entry_rel(book, case_id, rel))
    assert isinstance(data, dict)
    return data


# -- the whole cycle ----------------------------------------------------------------------------------------------


@pytest.mark.git(True)
def test_whole_cycle_in_a_fresh_casebook(book: Book) -> None:
    case_id = book.new()
    assert summary(book, case_id)["stage"] == "intake"
    for command in COMMANDS:
        out = record_ok(book, command, case_id)
        rel = f"cases/{case_id}/{entry_rel(book, case_id, FIRST_FILE[command])}"
        assert out["id"] == case_id
        assert out["stage"] == STAGE_OF[command]
        assert out["path"] == rel
        assert out["committed"] is True
        assert (book.root / rel).is_file()
        # the derived stage follows what is recorded, in show and in list
        assert summary(book, case_id)["stage"] == STAGE_AFTER[command]
        assert listed(book)[case_id]["stage"] == STAGE_AFTER[command]
        # one commit per record, the file tracked and nothing left uncommitted
        assert git_log(book.root)[0] == f"{STAGE_OF[command]}: {case_id}"
        assert rel in git_tracked(book.root)
        assert git_clean(book.root)
    assert case_files(book, case_id) == sorted(["case.yaml", *(entry_rel(book, case_id, f) for f in FIRST_FILE.values())])
    check = book.run("check")
    assert_clean_exit(check, 0)


def test_saved_files_hold_the_answers_with_a_schema_header(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    text = (book.cases / case_id / "plan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/plan.schema.json\n")
    plan = load(book, case_id, "plan.yaml")
    assert plan["schema_version"] == 1
    assert plan["date"] == dt.date(2026, 3, 19)
    assert [g["id"] for g in plan["goals"]] == ["T1", "T2", "T3"]
    assert plan["activities"][0]["venue"] == "Griya Abhipraya"
    assert plan["theories"] == ["ekologi", "kekuatan", "peran"]
    engagement = load(book, case_id, "engagement.yaml")
    assert engagement["contacts"][1]["mode"] == "kunjungan_rumah"
    assert engagement["contract"]["data_consent"] is True


def test_plain_output_says_where_it_saved(book: Book) -> None:
    case_id = book.new()
    result = record(book, "engage", case_id, answers("engage"))
    assert_clean_exit(result, 0)
    assert result.stdout.strip() == f"EIC tersimpan untuk {case_id}: cases/{case_id}/engagement.yaml"


def test_answers_as_json(book: Book) -> None:
    case_id = book.new()
    result = record(book, "engage", case_id, answers("engage"), name="engage.json")
    assert_clean_exit(result, 0)
    assert load(book, case_id, "engagement.yaml")["contract"]["signed_date"] == dt.date(2026, 3, 9)


def test_without_git_nothing_is_committed(book_nogit: Book) -> None:
    case_id = book_nogit.new()
    out = record_ok(book_nogit, "engage", case_id)
    assert out["committed"] is False
    assert not (book_nogit.root / ".git").exists()


@pytest.mark.git(True)
def test_auto_commit_off_writes_but_does_not_commit(book: Book) -> None:
    settings = book.root / "bapascase.yaml"
    # (a key written twice is an error, so the setting is changed where it is)
    text = settings.read_text(encoding="utf-8").replace("auto_commit: true", "auto_commit: false")
    settings.write_text(text, encoding="utf-8")
    case_id = book.new()
    before = git_log(book.root)
    out = record_ok(book, "engage", case_id)
    assert out["committed"] is False
    assert git_log(book.root) == before
    assert (book.cases / case_id / "engagement.yaml").is_file()


def test_entries_add_dated_files_and_never_overwrite(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    for _ in range(2):
        record_ok(book, "intervene", case_id)
        record_ok(book, "monitor", case_id)
    record_ok(book, "assess", case_id, answers("assess", date="2026-06-01"))
    files = case_files(book, case_id)
    # two entries of one date: two files, each named by the date and a tag of its own
    sessions = entries_of(book, case_id, "interventions", "2026-04-06")
    reports = entries_of(book, case_id, "monitoring", "2026-04-30")
    assert len(sessions) == 2 and len(reports) == 2 and set(sessions + reports) <= set(files)
    assert all(is_entry(f, f.rsplit("-", 1)[0]) for f in sessions + reports)
    # the reassessment is a new dated file; the first assessment is untouched
    assert is_entry(entry_rel(book, case_id, "assessments/2026-06-01.yaml"), "assessments/2026-06-01")
    assert load(book, case_id, "assessment.yaml")["date"] == dt.date(2026, 3, 12)
    counts = summary(book, case_id)["counts"]
    assert counts["assessment"] == 2 and counts["intervention"] == 2 and counts["monitoring"] == 2


# -- the demo casebook ----------------------------------------------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path) -> Book:
    return demo_book(tmp_path)


def test_demo_casebook_is_valid_and_its_clients_are_at_different_stages(demo: Book) -> None:
    assert_clean_exit(demo.run("check"), 0)
    rows = listed(demo)
    assert rows[BZG]["stage"] == "terminated"
    assert rows[NCP]["stage"] == "monitoring"
    assert rows[RCP]["stage"] == "assessment"


@pytest.mark.git(True)
def test_demo_recently_assessed_client_goes_through_the_rest(demo: Book) -> None:
    """RCP was just assessed: plan, intervene, monitor, reassess and terminate on the demo copy."""
    for command in ("plan", "intervene", "monitor"):
        # a wajib lapor falls within RCP's masa bimbingan (from 20 October 2026), and never after today
        out = record_ok(demo, command, RCP, answers("monitor", date="2026-11-30", period=None),
                        today=dt.date(2026, 11, 30)) if command == "monitor" else record_ok(demo, command, RCP)
        assert out["committed"] is False  # the demo casebook has auto_commit: false
        assert (demo.root / out["path"]).is_file()
        assert summary(demo, RCP)["stage"] == STAGE_AFTER[command]
    # a child: reassessed on the child's instrument (the adult RRI's items are refused)
    out = record_ok(demo, "assess", RCP, {"date": "2026-06-10", "rri": {"answers": CHILD_RISK}})
    assert is_entry(out["path"], f"cases/{RCP}/assessments/2026-06-10")
    out = record_ok(demo, "terminate", RCP)
    assert out["path"] == f"cases/{RCP}/termination.yaml"
    assert listed(demo)[RCP]["stage"] == "terminated"
    assert_clean_exit(demo.run("check"), 0)


def test_demo_client_in_monitoring_gets_a_new_entry_with_the_plans_goals(demo: Book) -> None:
    result = record(demo, "monitor", NCP, {"date": "2026-11-30", "wajib_lapor": {"status": "hadir"}},
                    today=dt.date(2026, 11, 30))
    assert_clean_exit(result, 0)
    entry = load(demo, NCP, "monitoring/2026-11-30.yaml")
    # pre-filled from the plan's goals with the last entry's statuses, the period following the last entry
    assert entry["progress"] == [{"goal_id": "T1", "status": "belum"}, {"goal_id": "T2", "status": "belum"}]
    assert entry["period"] == {"start": dt.date(2026, 11, 1), "end": dt.date(2026, 11, 30)}
    assert summary(demo, NCP, today=dt.date(2026, 11, 30))["absent_streak"] == 0
    assert_clean_exit(demo.run("check"), 0)


def test_demo_terminated_client_keeps_reporting(demo: Book) -> None:
    """BZG's casework ended in July 2025; his parole goes on, so his wajib lapor is recorded without a reopen."""
    today = dt.date(2026, 12, 4)
    out = record_ok(demo, "monitor", BZG, {"date": "2026-12-04", "wajib_lapor": {"status": "hadir"}}, today=today)
    assert is_entry(out["path"], f"cases/{BZG}/monitoring/2026-12-04")
    s = listed(demo, today=today)[BZG]
    # 3 January 2027 is a Sunday: due on Monday the 4th (test_weekend_reporting)
    assert (s["stage"], s["supervision"], s["next_report_due"]) == ("terminated", "active", "2027-01-04")
    # a second termination is refused: the relationship has ended already
    assert_clean_exit(record(demo, "terminate", BZG, answers("terminate")), 1)
    assert_clean_exit(demo.run("check"), 0)


def test_demo_engagement_in_a_fresh_case(demo: Book) -> None:
    # the demo lists its officers: the intake names one of them (without titles: the listed name is recorded)
    case_id = demo.new(intake_answers(identity={"name": "Andi Contoh", "nik": None},
                                      assignment={"officer": {"name": "Budi Santoso Contoh"}}))
    out = record_ok(demo, "engage", case_id)
    assert out["path"] == f"cases/{case_id}/engagement.yaml"
    assert listed(demo)[case_id]["stage"] == "engagement"


# -- missing and bad answers --------------------------------------------------------------------------------------


def test_missing_required_answers_are_listed_in_one_error(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    result = record(book, "intervene", case_id, None)
    assert_clean_exit(result, 1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Jawaban wajib belum ada")
    assert "type, description" in lines[0]
    assert not (book.cases / case_id / "interventions").exists()


def test_missing_answers_name_every_item_of_a_list(book: Book) -> None:
    """The plan's goals are pre-filled from the assessment's needs; each still needs its objective."""
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    result = record(book, "plan", case_id, {"date": "2026-03-19"})
    assert_clean_exit(result, 1)
    assert "goals[0].objective, goals[1].objective, goals[2].objective" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_answers_in_english(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    result = record(book, "terminate", case_id, {"date": "2026-06-15"}, lang="en")
    assert_clean_exit(result, 1)
    assert result.stderr.startswith("Required answers missing")
    assert "reason" in result.stderr


def test_enum_typo_is_located_in_the_answers_file(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    path = answers_file(book, answers("monitor"), "bad.yaml")
    text = path.read_text(encoding="utf-8").replace("status: hadir", "status: hadri")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  status: hadri") + 1
    result = book.run("monitor", case_id, "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert result.stderr.startswith(f"{path}:{line}: wajib_lapor.status: 'hadri' bukan pilihan yang sah")
    assert "maksud Anda 'hadir'?" in result.stderr
    assert not (book.cases / case_id / "monitoring").exists()


def test_several_bad_values_each_get_a_line(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    data = answers("monitor", ratings={"engagement": 7, "response": 4}, date="31/2/2026")
    path = answers_file(book, data, "bad.yaml")
    result = book.run("monitor", case_id, "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:1: date: ")
    assert any(line.startswith(f"{path}:") and ": ratings.engagement: " in line for line in lines)


@pytest.mark.parametrize("command", ["monitor", "intervene"])
def test_goal_not_in_the_plan_is_located(book: Book, command: str) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    if command == "monitor":
        data = answers("monitor")
        data["progress"][1]["goal_id"] = "T9"
    else:
        data = answers("intervene", goal_ids=["T2", "T9"])
    path = answers_file(book, data, "bad.yaml")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "T9" in text)
    result = book.run(command, case_id, "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    field = "progress[1].goal_id" if command == "monitor" else "goal_ids[1]"
    assert result.stderr.strip() == f"{path}:{line}: {field}: tujuan 'T9' tidak ada di rencana (ada: T1, T2, T3)"
    assert case_files(book, case_id) == ["assessment.yaml", "case.yaml", "engagement.yaml", "plan.yaml"]


def test_termination_outcome_for_a_goal_not_in_the_plan_is_located(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    data = answers("terminate", goal_outcomes=[{"goal_id": "T1", "status": "tercapai"},
                                               {"goal_id": "T5", "status": "belum"}])
    path = answers_file(book, data, "bad.yaml")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "T5" in text)
    result = book.run("terminate", case_id, "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == (
        f"{path}:{line}: goal_outcomes[1].goal_id: tujuan 'T5' tidak ada di rencana (ada: T1, T2, T3)")
    assert summary(book, case_id)["stage"] == "planning"


def test_check_finds_a_termination_outcome_for_a_goal_not_in_the_plan(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "terminate")
    path = book.cases / case_id / "termination.yaml"
    text = path.read_text(encoding="utf-8").replace("goal_id: T2", "goal_id: T9")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("- goal_id: T9") + 1
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert f"cases/{case_id}/termination.yaml:{line}: goal_outcomes[1].goal_id: tujuan 'T9'" in result.stderr


def test_goal_not_in_the_plan_in_a_json_answers_file(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    path = answers_file(book, answers("intervene", goal_ids=["T7"]), "bad.json")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "T7" in text)
    result = book.run("intervene", case_id, "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert result.stderr.startswith(f"{path}:{line}: goal_ids[0]: tujuan 'T7'")


def test_unknown_instrument_option_is_located(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    data = answers("assess")
    data["rri"]["answers"]["penggunaan_zat"] = "kopi"
    path = answers_file(book, data, "bad.yaml")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "kopi" in text)
    result = book.run("assess", case_id, "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert result.stderr.startswith(f"{path}:{line}: rri.answers.penggunaan_zat: ")
    assert "kopi" in result.stderr and "alkohol" in result.stderr


def test_unknown_key_is_refused(book: Book) -> None:
    case_id = book.new()
    path = answers_file(book, {**answers("engage"), "raport": "x"}, "bad.yaml")
    result = book.run("engage", case_id, "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert f"{path}:" in result.stderr and "raport" in result.stderr


# -- defaults from earlier records --------------------------------------------------------------------------------


def test_monitoring_progress_is_prefilled_from_the_plan_then_from_the_last_entry(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    first = record_ok(book, "monitor", case_id, {"date": "2026-04-30", "wajib_lapor": {"status": "hadir"}})
    entry = yamlio.load(book.root / first["path"])
    assert entry["progress"] == [{"goal_id": g, "status": "belum"} for g in ("T1", "T2", "T3")]
    assert "period" not in entry  # nothing to continue from yet
    record_ok(book, "monitor", case_id, answers("monitor", date="2026-05-31"))
    third = record_ok(book, "monitor", case_id, {"date": "2026-06-15", "wajib_lapor": {"status": "tidak_hadir"}})
    entry = yamlio.load(book.root / third["path"])
    assert entry["progress"] == [{"goal_id": "T1", "status": "berjalan"}, {"goal_id": "T2", "status": "berjalan"},
                                 {"goal_id": "T3", "status": "tercapai"}]
    assert entry["period"] == {"start": dt.date(2026, 6, 1), "end": TODAY}
    assert entry["date"] == dt.date(2026, 6, 15)


def test_monitoring_period_runs_from_the_last_entry_to_this_ones_date(book: Book) -> None:
    """Regression: the default period ended today, even for an entry dated earlier (recorded late), and ran after
    the entry's own date for an entry filled in between older ones."""
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor")  # 30 April
    late = record_ok(book, "monitor", case_id, {"date": "31/5/2026", "wajib_lapor": {"status": "hadir"}})
    assert yamlio.load(book.root / late["path"])["period"] == {"start": dt.date(2026, 5, 1),
                                                               "end": dt.date(2026, 5, 31)}
    older = record_ok(book, "monitor", case_id, {"date": "2026-03-31", "wajib_lapor": {"status": "hadir"}})
    assert "period" not in yamlio.load(book.root / older["path"])  # before the last entry: not guessed
    given = record_ok(book, "monitor", case_id, {"date": "2026-06-10", "wajib_lapor": {"status": "hadir"},
                                                 "period": {"start": "2026-06-01", "end": "2026-06-10"}})
    assert yamlio.load(book.root / given["path"])["period"]["start"] == dt.date(2026, 6, 1)


def test_monitoring_entry_dated_ahead_of_today_is_refused_for_its_date_alone(book: Book) -> None:
    """A wajib lapor is recorded once it has happened; the period it was never given (which follows the entry's
    date) is not blamed. On its day the same entry is saved with the period to its own date."""
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor")  # 30 April
    given = {"date": "2026-05-31", "wajib_lapor": {"status": "hadir"}}
    result = record(book, "monitor", case_id, given, today=dt.date(2026, 4, 30))
    assert_clean_exit(result, 1)
    assert [ln.split(":", 2)[2] for ln in result.stderr.splitlines()] == [
        " date: tanggal 31 Mei 2026 sesudah hari ini (30 April 2026): catat setelah terjadi"]
    record_ok(book, "monitor", case_id, given, today=dt.date(2026, 6, 3))
    assert load(book, case_id, "monitoring/2026-05-31.yaml")["period"] == {"start": dt.date(2026, 5, 1),
                                                                           "end": dt.date(2026, 5, 31)}


def test_monitoring_date_defaults_to_today(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    out = record_ok(book, "monitor", case_id, {"wajib_lapor": {"status": "hadir"}}, today=dt.date(2026, 5, 2))
    assert is_entry(out["path"], f"cases/{case_id}/monitoring/2026-05-02")


def test_reassessment_starts_from_the_previous_one(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    record_ok(book, "assess", case_id, {"date": "2026-06-10", "social": {"peers": "Menjauhi teman lama."}})
    first = load(book, case_id, "assessment.yaml")
    again = load(book, case_id, "assessments/2026-06-10.yaml")
    assert again["date"] == dt.date(2026, 6, 10)
    assert again["social"] == {**first["social"], "peers": "Menjauhi teman lama."}
    for key in ("personal", "resources", "genogram", "needs", "strengths", "rri", "criminogenic", "analysis"):
        assert again[key] == first[key], key


def test_reassessment_date_is_today_not_the_previous_date(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    out = record_ok(book, "assess", case_id, {})
    assert is_entry(out["path"], f"cases/{case_id}/assessments/{TODAY.isoformat()}")


@pytest.mark.git(True)
def test_engaging_again_updates_the_engagement_and_keeps_what_is_not_given(book: Book) -> None:
    """Regression: a second ``engage`` rewrote engagement.yaml from scratch: contacts, the intake checklist and
    the contract (consent included) were silently lost."""
    case_id = book.new()
    through(book, case_id, "engage")
    first = load(book, case_id, "engagement.yaml")
    record_ok(book, "engage", case_id, {"rapport": "Klien makin terbuka."})
    again = load(book, case_id, "engagement.yaml")
    assert again == {**first, "rapport": "Klien makin terbuka."}
    assert git_log(book.root)[0] == f"engagement: {case_id}"


def test_planning_again_updates_the_plan(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    first = load(book, case_id, "plan.yaml")
    record_ok(book, "plan", case_id, {"review_date": "2026-07-01"})
    assert load(book, case_id, "plan.yaml") == {**first, "review_date": dt.date(2026, 7, 1)}
    # goals given replace the goals; activities still naming a removed goal are refused
    result = record(book, "plan", case_id, {"goals": [{"id": "T1", "objective": "Klien kembali berperan"}]})
    assert_clean_exit(result, 1)
    assert "activities[0].goal_ids[0]: tujuan 'T2' tidak ada di rencana ini" in result.stderr
    assert load(book, case_id, "plan.yaml")["goals"] == first["goals"]


def test_engagement_contract_interval_comes_from_the_casebook(book: Book) -> None:
    settings = book.root / "bapascase.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "wajib_lapor_interval_days: 30" in text
    settings.write_text(text.replace("wajib_lapor_interval_days: 30", "wajib_lapor_interval_days: 14"),
                        encoding="utf-8")
    case_id = book.new()
    record_ok(book, "engage", case_id, {"date": "2026-03-05"})
    assert load(book, case_id, "engagement.yaml")["contract"]["wajib_lapor_interval_days"] == 14
    # an answer given wins over the default
    other = book.new(intake_answers(identity={"name": "Siti Aminah", "nik": None}))
    record_ok(book, "engage", other, {"date": "2026-03-05", "contract": {"wajib_lapor_interval_days": 7}})
    assert load(book, other, "engagement.yaml")["contract"]["wajib_lapor_interval_days"] == 7


def test_termination_offers_the_resources_the_client_keeps_and_never_a_legal_ground(book: Book) -> None:
    case_id = book.new(intake_answers(legal={"supervision_end": "2026-06-01"}))
    through(book, case_id, "engage", "assess")
    result = record(book, "terminate", case_id, {"date": "2026-06-15", "reason": "tujuan_tercapai"})
    assert_clean_exit(result, 0)
    term = load(book, case_id, "termination.yaml")
    assert term["reason"] == "tujuan_tercapai"
    # resources with a strong or moderate relation are offered as the ones the client keeps
    assert term["resources_kept"] == ["Istri dan anak-anak", "Pendeta gereja", "Griya Abhipraya"]
    # the legal end is not a casework reason: the error says where it belongs (another client: the same one
    # twice is refused)
    other = book.new(intake_answers(identity={"name": "Rudi Hartono", "nik": None},
                                    legal={"supervision_end": "2026-06-01"}))
    through(book, other, "engage")
    result = record(book, "terminate", other, {"date": "2026-06-15", "reason": "ekspirasi"})
    assert_clean_exit(result, 1)
    assert "reason: 'ekspirasi' adalah dasar hukum pengakhiran bimbingan" in result.stderr
    assert "bapascase close" in result.stderr


def test_termination_reason_is_not_guessed_before_the_end(book: Book) -> None:
    case_id = book.new(intake_answers(legal={"supervision_end": "2026-06-01"}))
    through(book, case_id, "engage")
    result = record(book, "terminate", case_id, {"date": "2026-05-20"}, today=dt.date(2026, 5, 20))
    assert_clean_exit(result, 1)
    assert "reason" in result.stderr


# -- instruments ----------------------------------------------------------------------------------------------


def test_assessment_records_the_latest_instrument_version_and_no_score(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    data = load(book, case_id, "assessment.yaml")
    assert data["rri"]["instrument"] == "rri" and data["rri"]["version"] == "2021"
    assert data["criminogenic"]["instrument"] == "kriminogenik" and data["criminogenic"]["version"] == "2021"
    # answers only: the score and the category are computed whenever they are shown
    assert set(data["rri"]) == {"instrument", "version", "answers"}
    assert set(data["criminogenic"]) == {"instrument", "version", "answers"}
    scores = summary(book, case_id)["scores"]
    assert scores["rri"]["total"] == 3
    assert scores["rri"]["category"] == "rendah"


def test_a_newer_casebook_instrument_version_is_used_when_none_is_given(book: Book) -> None:
    add_rri_version(book, "2025")
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    assert load(book, case_id, "assessment.yaml")["rri"]["version"] == "2025"
    # a version given is kept
    record_ok(book, "assess", case_id, {"date": "2026-06-01", "rri": {"version": "2021", "answers": RRI_SEDANG}})
    assert load(book, case_id, "assessments/2026-06-01.yaml")["rri"]["version"] == "2021"


def test_reassessment_changes_only_the_instrument_items_given(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "assess", case_id, answers("assess", rri={"answers": RRI_SEDANG}))
    record_ok(book, "assess", case_id, {"date": "2026-06-10", "rri": {"answers": {"riwayat_pidana": "tiga_lebih"}}})
    again = load(book, case_id, "assessments/2026-06-10.yaml")["rri"]
    assert again == {"instrument": "rri", "version": "2021", "answers": {**RRI_SEDANG, "riwayat_pidana": "tiga_lebih"}}


def test_reassessment_with_a_newer_instrument_version_does_not_mix_in_the_old_items(book: Book) -> None:
    """Regression: the previous answers (2021 items) were merged into the 2025 ones, and the item renamed in 2025
    was then refused as unknown, located at a line of the answers file that did not name it."""
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    add_rri_version(book, "2025", rename={"menganggur_12_bulan": "menganggur"})
    new = {k if k != "menganggur_12_bulan" else "menganggur": v for k, v in RRI_TINGGI.items()}
    record_ok(book, "assess", case_id, {"date": "2026-06-10", "rri": {"answers": new}})
    again = load(book, case_id, "assessments/2026-06-10.yaml")
    assert again["rri"] == {"instrument": "rri", "version": "2025", "answers": new}
    assert again["criminogenic"] == load(book, case_id, "assessment.yaml")["criminogenic"]  # untouched: same version
    s = summary(book, case_id)
    assert s["scores"]["rri"]["version"] == "2025" and s["scores"]["rri"]["category"] == "tinggi"
    assert s["risk_change"]["text"]["id"] == "naik dari Rendah menjadi Tinggi"
    assert_clean_exit(book.run("check"), 0)


@pytest.mark.parametrize("lang, text", [("id", "naik dari Sedang menjadi Tinggi"),
                                        ("en", "up from Moderate to High")])
def test_reassessment_shows_the_change_in_risk(book: Book, lang: str, text: str) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "assess", case_id, answers("assess", rri={"answers": RRI_SEDANG}))
    record_ok(book, "assess", case_id, {"date": "2026-06-10", "rri": {"answers": RRI_TINGGI}})
    s = summary(book, case_id)
    assert s["scores"]["rri"]["category"] == "tinggi"
    assert s["risk_change"]["text"][lang] == text
    show = book.run("--lang", lang, "show", case_id)
    assert_clean_exit(show, 0)
    assert text in show.stdout


# -- stage order --------------------------------------------------------------------------------------------------


def test_a_stage_out_of_order_says_what_is_missing(book: Book) -> None:
    case_id = book.new()
    result = record(book, "plan", case_id, answers("plan"))
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == (
        f"Rencana intervensi untuk {case_id} butuh EIC, Asesmen lebih dulu. Catat itu dulu, atau pakai --force.")
    assert not (book.cases / case_id / "plan.yaml").exists()


def test_out_of_order_in_english(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    result = record(book, "plan", case_id, answers("plan"), lang="en")
    assert_clean_exit(result, 1)
    assert "needs Assessment first" in result.stderr and "--force" in result.stderr


def test_force_records_it_anyway(book: Book) -> None:
    case_id = book.new()
    out = record_ok(book, "plan", case_id, answers("plan"), "--force")
    assert out["path"] == f"cases/{case_id}/plan.yaml"
    assert summary(book, case_id)["stage"] == "planning"


@pytest.mark.parametrize("command", ["engage", "assess", "plan", "intervene", "monitor", "terminate"])
def test_every_stage_checks_its_order(book: Book, command: str) -> None:
    case_id = book.new()
    result = record(book, command, case_id, answers(command))
    if command == "engage":
        assert_clean_exit(result, 0)
    else:
        assert_clean_exit(result, 1)
        assert "--force" in result.stderr


def test_after_termination_supervision_goes_on_and_only_a_second_termination_is_refused(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "terminate")
    for command in COMMANDS:
        result = record(book, command, case_id, answers(command), "--force")
        if command == "terminate":
            assert_clean_exit(result, 1)
            assert result.stderr.strip() == (
                f"Relasi kasus {case_id} sudah diterminasi; bimbingan tetap berjalan. Untuk terminasi ulang, buka "
                f"kembali dulu dengan `bapascase reopen {case_id} --reason ...`.")
        else:
            assert_clean_exit(result, 0)
    s = summary(book, case_id)
    assert s["stage"] == "terminated" and s["supervision"] == "active" and not s["closed"]


def test_a_session_after_the_termination_is_saved_with_a_warning(book: Book) -> None:
    """The termination ends the casework relationship: a session dated after it is saved (supervision goes on)
    but named, on recording and by ``check``; one dated before it, or after a reopening, is not."""
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    record_ok(book, "terminate", case_id, answers("terminate", date="2026-06-01"))
    before = record(book, "intervene", case_id, answers("intervene", date="2026-05-30", next_date=None))
    assert_clean_exit(before, 0)
    assert "terminasi" not in before.output
    after = record(book, "intervene", case_id, answers("intervene", date="2026-06-10", next_date=None))
    assert_clean_exit(after, 0)
    said = (f"date: sesi 10 Juni 2026 sesudah terminasi 1 Juni 2026: relasi kasus sudah berakhir; bila pendampingan "
            f"berlanjut, buka kembali dengan `bapascase reopen {case_id} --reason ...`")
    assert said in after.output
    result = book.run("check")
    assert_clean_exit(result, 0)
    assert result.output.count(said) == 1
    assert_clean_exit(book.run("reopen", case_id, "--reason", "Pendampingan lagi"), 0)
    result = book.run("check")
    assert_clean_exit(result, 0)
    assert said not in result.output


def test_after_closing_every_stage_needs_reopen(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    record_ok(book, "close", case_id, {"date": "2026-06-10", "ground": "meninggal", "death_date": "2026-06-08"})
    for command in (*COMMANDS, "event", "close"):
        result = record(book, command, case_id, answers(command) if command in COMMANDS else {}, "--force")
        assert_clean_exit(result, 1)
        assert result.stderr.strip() == (
            f"Bimbingan {case_id} sudah diakhiri (pengakhiran bimbingan). Buka kembali dengan "
            f"`bapascase reopen {case_id} --reason ...`.")
    assert case_files(book, case_id) == ["assessment.yaml", "case.yaml", "closing.yaml", "engagement.yaml",
                                         "plan.yaml"]


@pytest.mark.git(True)
def test_reopen_then_terminate_again(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "terminate")
    result = book.run("reopen", case_id, "--reason", "Klien kembali meminta pendampingan", "--by", "Hendra Saputra",
                      "--json")
    assert_clean_exit(result, 0)
    out = json.loads(result.stdout)
    assert is_entry(out["path"], f"cases/{case_id}/reopens/{TODAY.isoformat()}")
    assert out["reopened"] == "termination"
    reopen = load(book, case_id, f"reopens/{TODAY.isoformat()}.yaml")
    assert reopen["reason"] == "Klien kembali meminta pendampingan" and reopen["by"] == "Hendra Saputra"
    assert git_log(book.root)[0] == f"reopen: {case_id}"
    s = summary(book, case_id)
    assert s["stage"] == "planning"  # active again, at the furthest stage recorded
    assert listed(book)[case_id]["stage"] == "planning"
    record_ok(book, "monitor", case_id)
    # recorded on its day: a termination is not dated after today
    out2 = record_ok(book, "terminate", case_id, answers("terminate", date="2026-06-20"), today=dt.date(2026, 6, 20))
    assert is_entry(out2["path"], f"cases/{case_id}/terminations/2026-06-20")
    assert load(book, case_id, "termination.yaml")["date"] == dt.date(2026, 6, 15)  # the first one is kept
    assert summary(book, case_id)["stage"] == "terminated"
    assert_clean_exit(record(book, "terminate", case_id, answers("terminate")), 1)
    assert_clean_exit(record(book, "monitor", case_id, answers("monitor", date="2026-06-30"),
                             today=dt.date(2026, 6, 30)), 0)
    assert_clean_exit(book.run("check"), 0)


def test_reopen_reverses_the_latest_end(book: Book) -> None:
    """Terminated, then closed: the first reopen reverses the closing, the second the termination."""
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "terminate", case_id, answers("terminate", date="2026-06-01", goal_outcomes=None))
    record_ok(book, "close", case_id, {"date": "2026-06-15", "ground": "lainnya", "ground_other": "Salah catat"})
    s = summary(book, case_id)
    assert (s["stage"], s["supervision"], s["closing_ground"]) == ("terminated", "ended", "lainnya")
    first = json.loads(book.run("reopen", case_id, "--reason", "Salah catat", "--json").stdout)
    assert first["reopened"] == "closing"
    s = summary(book, case_id)
    assert (s["stage"], s["supervision"]) == ("terminated", "active")
    second = book.run("reopen", case_id, "--reason", "Pendampingan lagi")
    assert second.stdout.startswith(f"Relasi kasus {case_id} dibuka kembali (terminasi dibatalkan)")
    assert summary(book, case_id)["stage"] == "engagement"


def test_a_closing_recorded_after_a_reopen_holds_whatever_its_date(book: Book) -> None:
    """A reopening writes the end it reverses; a closing recorded after it holds even when dated on or before the
    reopening (a death recorded late), and so does a termination recorded after its reopening."""
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "close", case_id, {"date": "2026-06-01", "ground": "lainnya", "ground_other": "Salah catat"},
              today=dt.date(2026, 6, 1))
    assert_clean_exit(book.run("reopen", case_id, "--reason", "Salah catat", today=dt.date(2026, 6, 10)), 0)
    reopen = load(book, case_id, "reopens/2026-06-10.yaml")
    assert reopen["reverses"] == {"what": "closing", "date": dt.date(2026, 6, 1)}
    assert summary(book, case_id)["supervision"] == "active"
    # the client died on 5 June, recorded on the 15th: dated before the reopening, recorded after it
    record_ok(book, "close", case_id, {"date": "2026-06-05", "ground": "meninggal", "death_date": "2026-06-05"})
    s = summary(book, case_id)
    assert (s["supervision"], s["closed"], s["closed_on"], s["closing_ground"]) == \
        ("ended", True, "2026-06-05", "meninggal")
    assert listed(book)[case_id]["closed"] is True
    assert_clean_exit(record(book, "monitor", case_id, answers("monitor")), 1)  # closed: a write needs a reopen
    # the same for the casework relationship: the termination in effect is the one recorded after the reopening
    other = book.new(intake_answers(identity={"name": "Siti Aminah", "nik": None}), name="siti.yaml")
    through(book, other, "engage")
    record_ok(book, "terminate", other, answers("terminate", date="2026-06-01", goal_outcomes=None),
              today=dt.date(2026, 6, 1))
    assert_clean_exit(book.run("reopen", other, "--reason", "Pendampingan lagi", today=dt.date(2026, 6, 10)), 0)
    assert load(book, other, "reopens/2026-06-10.yaml")["reverses"] == \
        {"what": "termination", "date": dt.date(2026, 6, 1)}
    record_ok(book, "terminate", other, answers("terminate", date="2026-06-08", goal_outcomes=None))
    s = summary(book, other)
    assert (s["stage"], s["terminated_on"]) == ("terminated", "2026-06-08")
    assert_clean_exit(book.run("check"), 0)


def test_reopen_an_active_case_is_refused(book: Book) -> None:
    case_id = book.new()
    result = book.run("reopen", case_id, "--reason", "x")
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == (
        f"Kasus {case_id} tidak sedang diakhiri maupun diterminasi; tidak ada yang dibuka kembali.")
    assert not (book.cases / case_id / "reopens").exists()


def test_reopen_needs_a_reason(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "terminate")
    result = book.run("reopen", case_id)
    assert_clean_exit(result, 2)
    assert "--reason" in result.output


def test_unknown_case_is_a_clear_error(book: Book) -> None:
    book.new()
    result = record(book, "engage", "2026-xyz", answers("engage"))
    assert_clean_exit(result, 1)
    assert "2026-xyz" in result.stderr


def test_an_english_casebook_speaks_english(tmp_path: Path) -> None:
    """The casebook's language setting: saved messages and errors in English."""
    other = make_casebook(tmp_path / "en", lang="en")
    case_id = other.new(intake_answers(assignment={"officer": {"name": "Hendra Saputra"}}))
    result = record(other, "engage", case_id, answers("engage"))
    assert_clean_exit(result, 0)
    assert result.stdout.strip() == f"Engagement (EIC) saved for {case_id}: cases/{case_id}/engagement.yaml"
    result = record(other, "intervene", case_id, answers("intervene"))
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == (
        f"Intervention for {case_id} needs Intervention plan first. Record that first, or use --force.")
    through(other, case_id, "terminate")
    result = other.run("reopen", case_id, "--reason", "Client asked for more support")
    assert_clean_exit(result, 0)
    said, _, path = result.stdout.strip().partition(": ")
    assert said == f"Casework with {case_id} reopened (the termination is reversed)"
    assert is_entry(path, f"cases/{case_id}/reopens/{TODAY.isoformat()}")


def _stage_commands() -> list[str]:
    from bapascase.model.registry import stage_commands

    return [s.command for s in stage_commands()]


@pytest.mark.parametrize("command", _stage_commands())
def test_no_terminal_and_no_answers_saves_nothing(book: Book, command: str) -> None:
    """Run from cron, a pipe or ssh without a tty, with neither --answers nor --no-input: nothing can be asked,
    so nothing is saved (before, ``engage`` saved a blank EIC with every declaration "no" and committed it)."""
    import subprocess

    case_id = book.new()
    before = sorted(p.relative_to(book.root) for p in (book.cases / case_id).rglob("*"))
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=book.root, capture_output=True, text=True).stdout
    result = book.run(command, case_id)
    assert_clean_exit(result, 1)
    assert result.stderr.strip().splitlines() == [
        f"Tidak ada terminal untuk bertanya dan tidak ada jawaban: beri `bapascase {command} ... --answers FILE`, "
        "atau tambahkan --no-input untuk menyimpan isian bawaan tanpa bertanya."]
    assert sorted(p.relative_to(book.root) for p in (book.cases / case_id).rglob("*")) == before
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=book.root, capture_output=True, text=True).stdout == head


def test_new_without_a_terminal_or_answers_says_so(book: Book) -> None:
    """QA9 F7: ``new`` with no terminal and no ``--answers`` said the answers file lacked fields ("(--answers)")."""
    before = sorted(p.name for p in book.cases.iterdir()) if book.cases.exists() else []
    result = book.run("new")
    assert_clean_exit(result, 1)
    assert result.stderr.strip().splitlines() == [
        "Tidak ada terminal untuk bertanya dan tidak ada jawaban: beri `bapascase new --answers FILE` (isiannya: "
        "`bapascase schema case`), atau jalankan di terminal."]
    assert (sorted(p.name for p in book.cases.iterdir()) if book.cases.exists() else []) == before


def test_no_input_says_the_defaults_are_meant(book: Book) -> None:
    case_id = book.new()
    assert_clean_exit(book.run("engage", case_id, "--no-input"), 0)
    assert (book.cases / case_id / "engagement.yaml").is_file()
