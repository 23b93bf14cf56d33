"""What a document says has happened is never dated after today (``StageBehaviour.past_dates``: the fields marked
``field(happened=True)``, and the legal events that have happened): recording, importing and editing refuse it,
``check`` warns. A TPP session still to be held, a plan's dates, the start of supervision may be dated ahead."""

from __future__ import annotations

from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, assert_clean_exit, intake_answers, write_answers
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


# -- every stage's dates of what has happened, one rule (``field(happened=True)``) --------------------------------


def test_the_dates_marked_happened_are_dates_and_the_schemas_say_so() -> None:
    """The mark sits on date fields only (a text or a number is never "after today"), and the published schemas
    carry it (``x-happened``) for other tools."""
    import datetime as dt

    from bapascase.model import registry
    from bapascase.model.meta import is_happened, nested_models, unwrap

    marked: dict[str, list[str]] = {}
    for spec in registry.SPECS:
        for model in nested_models(registry.model_for(spec.name)):
            for name, info in model.model_fields.items():
                if is_happened(info):
                    assert unwrap(info.annotation)[0] is dt.date, (model.__name__, name)
                    marked.setdefault(spec.name, []).append(f"{model.__name__}.{name}")
    for name in ("case", "engagement", "assessment", "intervention", "monitoring", "service", "termination",
                 "closing", "reopen"):
        assert marked.get(name), name
    assert "Legal.supervision_start" not in marked["case"]  # a client is registered before release
    assert not marked.get("plan")  # a plan's dates lie ahead
    schema = registry.model_for("case").model_json_schema()
    assert schema["properties"]["intake_date"].get("x-happened") is True


@pytest.mark.parametrize(("command", "where", "given"), [
    ("engage", "date", {"date": AHEAD}),
    ("engage", "contacts[1].date", {"contacts": [{"date": "2026-03-05", "mode": "tatap_muka"},
                                                {"date": AHEAD, "mode": "tatap_muka"}]}),
    ("assess", "date", {"date": AHEAD}),
    ("intervene", "date", {"date": AHEAD, "next_date": None}),
])
def test_every_stage_refuses_what_has_happened_dated_ahead(book: Book, command: str, where: str,
                                                           given: dict[str, Any]) -> None:
    case_id = book.new()
    before = {"engage": (), "assess": ("engage",), "intervene": ("engage", "assess", "plan")}[command]
    through(book, case_id, *before)
    result = record(book, command, case_id, {**answers(command), **given})
    assert_clean_exit(result, 1)
    assert f"{where}: tanggal 16 Juni 2026 sesudah hari ini (15 Juni 2026): catat setelah terjadi" in result.stderr
    record_ok(book, command, case_id, answers(command))  # the same answers, dated as they happened


def test_an_intake_registered_or_offending_ahead_of_today_is_refused_by_line(book: Book) -> None:
    data = intake_answers(intake_date=AHEAD, legal={"offence_date": AHEAD, "verdict_date": None,
                                                                   "supervision_start": "2026-07-01"})
    path = write_answers(book.root.parent / "ahead.yaml", data)
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:1: intake_date: tanggal 16 Juni 2026 sesudah hari ini (15 Juni 2026): catat setelah terjadi"
    assert any(line.endswith("legal.offence_date: tanggal 16 Juni 2026 sesudah hari ini (15 Juni 2026): catat "
                             "setelah terjadi") for line in lines), lines
    assert not [p for p in book.cases.iterdir() if not p.name.startswith(".")]
    # supervision may start ahead (registered before release), and the intake on the day itself is fine
    book.new(intake_answers(intake_date="2026-06-15", legal={"supervision_start": "2026-07-01"}))


def test_an_import_with_one_row_registered_ahead_writes_nothing(book: Book) -> None:
    people = [intake_answers(), intake_answers(intake_date=AHEAD, identity={"name": "Siti Aminah Lubis",
                                                                             "nik": "1271054506920001", "sex": "P"})]
    path = write_answers(book.root.parent / "people.yaml", people)
    result = book.run("import", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert "[1].intake_date: tanggal 16 Juni 2026 sesudah hari ini (15 Juni 2026)" in result.stderr, result.stderr
    assert "[0]" not in result.stderr
    assert not [p for p in book.cases.iterdir() if not p.name.startswith(".")]


def test_check_warns_about_a_registration_edited_ahead_and_an_edit_refuses_it(book: Book) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    path.write_text(path.read_text(encoding="utf-8").replace("intake_date: 2026-03-02", f"intake_date: {AHEAD}"),
                    encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 0)
    assert f"case.yaml:{_line_of(path, 'intake_date')}: intake_date: tanggal 16 Juni 2026 sesudah hari ini" in \
        result.stderr, result.stderr


def _line_of(path: Any, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


def test_a_birth_date_typed_in_the_future_gives_no_age_and_no_child_rules(tmp_path: Any) -> None:
    """A birth date ahead is the one error ``check`` names: no "-1 tahun", and the client is not taken for a
    child (the adult instruments of the assessments are not refused for it)."""
    from tests.stage_helpers import BZG, demo_book, summary

    demo = demo_book(tmp_path)
    path = demo.case_file(BZG)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("birth_date: 1984-03-15", "birth_date: 2027-03-15"), encoding="utf-8")
    result = demo.run("check")
    assert_clean_exit(result, 1)
    problems = [line for line in result.stderr.splitlines() if line.startswith("cases/")]
    assert problems == [f"cases/{BZG}/case.yaml:12: identity.birth_date: tanggal tidak boleh di masa depan"], problems
    shown = demo.run("show", BZG)
    assert "-1" not in shown.stdout
    assert summary(demo, BZG).get("age") is None
