"""``service CASE``: one work session of pidana kerja sosial, one file in ``service/``, scripted and through the
interview; the rules across sessions (at most 8 hours in one day, within the period, not beyond the order) for
recording and ``check`` alike; the hours each session credits."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import CTRL_U, ENTER, NO, Book, assert_clean_exit, pick, type_
from tests.sentence_helpers import kerja_sosial_intake, session
from tests.stage_helpers import (
    entry_rel,
    interactive_seen,
    is_entry,
    multiline,
    record,
    record_ok,
)

TODAY = dt.date(2026, 6, 15)
SAVE = pick(0)



@pytest.fixture
def case_id(book: Book) -> str:
    """An adult sentenced to 120 hours at a mosque, 2 March - 31 August 2026."""
    return book.new(kerja_sosial_intake())


def saved(book: Book, case_id: str, date: str) -> dict[str, Any]:
    data = yamlio.load(book.cases / case_id / entry_rel(book, case_id, f"service/{date}.yaml"))
    assert isinstance(data, dict)
    return data


def hours_of(book: Book, case_id: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(book.run("show", case_id, "--json").stdout)["case"]["hours"]
    return out


# -- scripted ---------------------------------------------------------------------------------------------------


def test_a_registration_that_is_not_valid_is_its_own_one_problem(book: Book, case_id: str) -> None:
    """While case.yaml cannot be validated (a hand edit, two versions kept by sync) the sessions cannot be
    checked against the order: ``check`` said so once per session, calling a kerja sosial case not one ("program
    kasus ini: pidana_kerja_sosial"). Now the registration's problem is the one said, and no session can be
    recorded until it is mended."""
    for date in ("2026-03-07", "2026-03-14"):
        record_ok(book, "service", case_id, session(date))
    path = book.case_file(case_id)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  phone: ", "  phone: X", 1), encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 1)
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("cases/") and "belum di-commit" not in ln]
    assert len(lines) == 1 and "case.yaml" in lines[0] and "phone" in lines[0], lines
    refused = record(book, "service", case_id, session("2026-03-21"))
    assert_clean_exit(refused, 1)
    assert "registrasi kasus (case.yaml) tidak ada atau tidak sah" in refused.stderr
    assert len(list((book.cases / case_id / "service").glob("*.yaml"))) == 2


def test_a_session_from_an_answers_file_is_one_dated_file(book: Book, case_id: str) -> None:
    out = record_ok(book, "service", case_id, session("2026-03-07", start="08.00", end="12.30", hours=4,
                                                      supervisor_remarks="Rajin dan sopan."))
    assert out["stage"] == "service" and is_entry(out["path"], f"cases/{case_id}/service/2026-03-07")
    data = saved(book, case_id, "2026-03-07")
    assert data["start"] == "08:00" and data["end"] == "12:30" and data["hours"] == 4
    assert data["tasks"] == ["Membersihkan halaman masjid"] and data["attendance"] == "hadir"
    assert hours_of(book, case_id)["done"] == 4  # the hours recorded (a half-hour break), not the time on site
    assert_clean_exit(book.run("check"), 0)


def test_hours_come_from_the_times_when_not_given(book: Book, case_id: str) -> None:
    record_ok(book, "service", case_id, session("2026-03-07", start="07:30", end="11:00"))
    h = hours_of(book, case_id)
    assert (h["ordered"], h["done"], h["left"], h["sessions"]) == (120, 3.5, 116.5, 1)


def test_a_session_typed_unquoted_in_yaml_reads_its_times(book: Book, case_id: str) -> None:
    """YAML 1.1 reads an unquoted 13:30 as the number 810 (base 60): still 13:30."""
    folder = book.cases / case_id / "service"
    folder.mkdir()
    (folder / "2026-03-08.yaml").write_text("date: 2026-03-08\nplacement: L1\nattendance: hadir\nstart: 08:00\n"
                                            "end: 13:30\n", encoding="utf-8")
    assert_clean_exit(book.run("check"), 0)
    assert hours_of(book, case_id)["done"] == 5.5


@pytest.mark.parametrize(("given", "field", "message"), [
    ({"attendance": "tidak_hadir"}, "reason", "wajib diisi bila pulang lebih awal atau tidak hadir"),
    ({"attendance": "pulang_awal", "reason": None}, "reason", "wajib diisi bila pulang lebih awal atau tidak hadir"),
    ({"attendance": "tidak_hadir", "reason": "Sakit"}, "hours",
     "tidak ada jam kerja bila tidak hadir; kosongkan jam mulai, selesai dan jam yang dihitung"),
    ({"start": None, "end": None}, "hours", "isi jam mulai dan selesai, atau jam yang dihitung"),
    ({"end": None}, "end", "jam mulai dan jam selesai diisi keduanya"),
    ({"start": "12:00", "end": "08:00"}, "end", "jam selesai tidak sesudah jam mulai"),
    ({"hours": 5}, "hours", "jam yang dihitung melebihi waktu di lokasi (08:00–12:00)"),
    ({"start": "25:00"}, "start", "'25:00' bukan jam; tulis 08.00 atau 13:30"),
    ({"hours": 2.1, "start": None, "end": None}, "hours", "harus kelipatan 0.25"),
])
def test_a_session_is_refused_what_it_cannot_be(book: Book, case_id: str, given: dict[str, Any], field: str,
                                                message: str) -> None:
    data = {**session("2026-03-07"), **given}
    data = {k: v for k, v in data.items() if v is not None}
    result = record(book, "service", case_id, data)
    assert_clean_exit(result, 1)
    assert f": {field}: {message}" in result.stderr, result.stderr


def test_an_absence_with_its_reason_credits_no_hours(book: Book, case_id: str) -> None:
    record_ok(book, "service", case_id, session("2026-03-07", start=None, end=None, attendance="tidak_hadir",
                                                reason="Sakit demam, surat dokter diserahkan", tasks=[]))
    h = hours_of(book, case_id)
    assert (h["done"], h["sessions"], h["attendance"]) == (0, 1, {"tidak_hadir": 1})


# -- the rules across sessions -------------------------------------------------------------------------------------


def test_a_day_holds_at_most_8_hours_across_its_sessions(book: Book, case_id: str) -> None:
    record_ok(book, "service", case_id, session("2026-03-07", start="07:00", end="11:00"))
    record_ok(book, "service", case_id, session("2026-03-07", start="13:00", end="17:00"))  # 8 hours: the edge
    more = record(book, "service", case_id, session("2026-03-07", start="17:00", end="17:15"))
    assert_clean_exit(more, 1)
    first, second = sorted(p.name for p in (book.cases / case_id / "service").iterdir())
    assert (f"hours: 7 Maret 2026: 8,25 jam dalam 1 hari (bersama service/{first}, service/{second}): paling lama 8 "
            "jam dalam 1 hari (Pasal 85 ayat (5) UU 1/2023)") in more.stderr
    assert len(list((book.cases / case_id / "service").iterdir())) == 2  # nothing saved
    assert_clean_exit(book.run("check"), 0)


def test_a_session_beyond_8_hours_on_its_own_names_no_other_session(book: Book, case_id: str) -> None:
    """It said "(bersama -)" ("together with -") when no other session shared the day."""
    alone = record(book, "service", case_id, session("2026-03-07", start="07:00", end="16:00"))
    assert_clean_exit(alone, 1)
    assert ("hours: 7 Maret 2026: 9 jam dalam 1 hari: paling lama 8 jam dalam 1 hari (Pasal 85 ayat (5) UU 1/2023)"
            in alone.stderr)
    assert "bersama" not in alone.stderr


def test_check_flags_every_session_of_a_day_beyond_8_hours(book: Book, case_id: str) -> None:
    record_ok(book, "service", case_id, session("2026-03-07", start="07:00", end="12:00"))
    folder = book.cases / case_id / "service"
    (folder / "2026-03-07-zz999.yaml").write_text(  # added by hand: 5 + 4 hours that day
        "date: 2026-03-07\nplacement: L1\nattendance: hadir\nstart: '13:00'\nend: '17:00'\n", encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 1)
    lines = [ln for ln in result.stderr.splitlines() if "9 jam dalam 1 hari" in ln]
    assert len(lines) == 2 and all(": hours: 7 Maret 2026: 9 jam dalam 1 hari" in ln for ln in lines)
    assert any(ln.startswith(f"cases/{case_id}/service/2026-03-07-zz999.yaml:") for ln in lines)


def test_the_verdicts_daily_schedule_is_the_limit_when_it_is_lower(book: Book) -> None:
    data = kerja_sosial_intake()
    data["legal"]["kerja_sosial"]["hours_per_day"] = 4
    case_id = book.new(data)
    record_ok(book, "service", case_id, session("2026-03-07"))  # 4 hours
    more = record(book, "service", case_id, session("2026-03-07", start="13:00", end="14:00"))
    assert_clean_exit(more, 1)
    assert "5 jam dalam 1 hari" in more.stderr and "paling lama 4 jam dalam 1 hari (jadwal dalam putusan)" in more.stderr


@pytest.mark.parametrize(("date", "ok"), [("2026-03-01", False), ("2026-03-02", True), ("2026-08-31", True),
                                          ("2026-09-01", False)])
def test_a_session_falls_within_the_period(book: Book, case_id: str, date: str, ok: bool) -> None:
    result = record(book, "service", case_id, session(date), today=dt.date(2026, 8, 31))  # the period's last day
    assert_clean_exit(result, 0 if ok else 1)
    if not ok:
        assert "date: sesi di luar masa pidana kerja sosial (2 Maret 2026 – 31 Agustus 2026)" in result.stderr


def test_hours_never_go_beyond_the_order(book: Book) -> None:
    data = kerja_sosial_intake()
    data["legal"]["kerja_sosial"]["hours_ordered"] = 8  # the least the law allows
    case_id = book.new(data)
    record_ok(book, "service", case_id, session("2026-03-07"))
    record_ok(book, "service", case_id, session("2026-03-14"))  # 8 of 8: done
    more = record(book, "service", case_id, session("2026-03-21", start="08:00", end="09:00"))
    assert_clean_exit(more, 1)
    assert "hours: jam kerja melebihi putusan: semua sesi berjumlah 9 dari 8 jam" in more.stderr
    # an absence on a later day is no hour beyond the order
    record_ok(book, "service", case_id, session("2026-03-21", start=None, end=None, attendance="tidak_hadir",
                                                reason="Sudah selesai, datang untuk pamit", tasks=[]))
    assert_clean_exit(book.run("check"), 0)


def test_check_flags_the_session_that_goes_beyond_the_order_and_those_after(book: Book) -> None:
    data = kerja_sosial_intake()
    data["legal"]["kerja_sosial"]["hours_ordered"] = 8
    case_id = book.new(data)
    folder = book.cases / case_id / "service"
    folder.mkdir()
    for day in ("2026-03-07", "2026-03-14", "2026-03-21", "2026-03-28"):
        (folder / f"{day}.yaml").write_text(f"date: {day}\nplacement: L1\nattendance: hadir\nhours: 3\n",
                                            encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 1)
    flagged = sorted(ln.split(":")[0].rsplit("/", 1)[1] for ln in result.stderr.splitlines() if "melebihi putusan" in ln)
    assert flagged == ["2026-03-21.yaml", "2026-03-28.yaml"]  # from the 9th hour of 8 on
    # the same rule as recording: the total of all the sessions, whatever their dates
    assert result.stderr.count("melebihi putusan: semua sesi berjumlah 12 dari 8 jam") == 2


def test_a_session_dated_after_today_is_refused_and_never_counted(book: Book, case_id: str) -> None:
    result = record(book, "service", case_id, session("2026-06-16"))
    assert_clean_exit(result, 1)
    assert [ln.split(":", 2)[2] for ln in result.stderr.splitlines()] == [
        " date: tanggal 16 Juni 2026 sesudah hari ini (15 Juni 2026): catat setelah terjadi"]
    assert not (book.cases / case_id / "service").exists()
    assert hours_of(book, case_id)["done"] == 0
    record_ok(book, "service", case_id, session("2026-06-16"), today=dt.date(2026, 6, 16))  # on its day


def test_a_session_dated_before_the_others_counts_towards_the_order_too(book: Book) -> None:
    """QA: 40 hours ordered, sessions added back-dated after a later one reached 41 of 40. The order bounds the
    total of all the sessions, whatever their dates; ``check`` says the same rule in the same words."""
    data = kerja_sosial_intake()
    data["legal"]["kerja_sosial"]["hours_ordered"] = 8
    case_id = book.new(data)
    record_ok(book, "service", case_id, session("2026-03-21"))  # 4 hours
    record_ok(book, "service", case_id, session("2026-03-14", start="08:00", end="11:00"))  # 7 of 8
    for day in ("2026-03-07", "2026-03-28"):  # before them all, and after them all
        more = record(book, "service", case_id, session(day, start="08:00", end="10:00"))
        assert_clean_exit(more, 1)
        refused = [ln.split(":", 2)[2] for ln in more.stderr.splitlines()]
        assert refused == [" hours: jam kerja melebihi putusan: semua sesi berjumlah 9 dari 8 jam"]
    record_ok(book, "service", case_id, session("2026-03-07", start="08:00", end="09:00"))  # 8 of 8: done
    assert hours_of(book, case_id)["done"] == 8
    assert_clean_exit(book.run("check"), 0)
    # a file written by hand past the order: check names it with the recording's very words
    (book.cases / case_id / "service" / "2026-03-28.yaml").write_text(
        "date: 2026-03-28\nplacement: L1\nattendance: hadir\nhours: 1\n", encoding="utf-8")
    checked = book.run("check")
    assert_clean_exit(checked, 1)
    assert [ln.split(":", 2)[2] for ln in checked.stderr.splitlines() if "melebihi" in ln] == refused


def test_the_placement_is_one_of_the_intakes(book: Book, case_id: str) -> None:
    result = record(book, "service", case_id, {**session("2026-03-07"), "placement": "L9"})
    assert_clean_exit(result, 1)
    assert "placement: tempat 'L9' tidak ada di registrasi kasus ini (yang ada: L1)" in result.stderr


def test_a_session_is_only_for_a_kerja_sosial_case(book: Book) -> None:
    case_id = book.new()  # a PB client
    result = record(book, "service", case_id, session("2026-03-07"))
    assert_clean_exit(result, 1)
    assert ("date: sesi kerja sosial hanya untuk kasus pidana kerja sosial dengan ketentuan pelaksanaannya (program "
            "kasus ini: PB)") in result.stderr


def test_the_schema_of_a_session(book: Book) -> None:
    schema = json.loads(book.run("schema", "service").stdout)
    assert schema["title"] == "Sesi kerja sosial"
    assert schema["required"] == ["date", "placement", "attendance"]
    assert schema["properties"]["start"]["anyOf"][0]["examples"] == ["08:00"]
    assert "service" in book.run("schema", "--help").stdout


# -- through the interview ------------------------------------------------------------------------------------------


def test_a_session_through_the_interview(book: Book, case_id: str) -> None:
    keys = [ENTER,  # date: today
            pick(0),  # placement: the intake's only one
            pick(0),  # attendance: present on time (no reason asked)
            type_("08.00"), type_("12.00"), ENTER,  # start, end, hours credited (from the times)
            type_("Mengecat pagar masjid"), ENTER,  # tasks, one per line
            multiline("Bekerja rapi."),  # the supervisor's remarks
            multiline(""),  # the PK's notes
            ENTER,  # proof
            NO,  # no incident
            SAVE]
    result, screen = interactive_seen(["service", case_id], keys, casebook=book.root, today=TODAY)
    assert_clean_exit(result, 0)
    assert "Alasan" not in screen  # present on time: no reason asked
    assert "Tempat kerja sosial L1: Masjid Al-Ikhlas, Jl. Karya Wisata" in screen  # chosen from the intake
    data = saved(book, case_id, TODAY.isoformat())
    assert {k: data.get(k) for k in ("placement", "attendance", "start", "end", "tasks", "supervisor_remarks")} == {
        "placement": "L1", "attendance": "hadir", "start": "08:00", "end": "12:00",
        "tasks": ["Mengecat pagar masjid"], "supervisor_remarks": "Bekerja rapi."}
    assert hours_of(book, case_id)["done"] == 4


def test_a_late_arrival_and_an_absence_through_the_interview(book: Book, case_id: str) -> None:
    late = [ENTER, pick(0), pick(1),  # late
            type_("Ban sepeda motor bocor"),  # the reason (optional for a late arrival, asked)
            type_("09.00"), type_("12.00"), ENTER, type_("Menyapu halaman"), ENTER,
            multiline(""), multiline(""), ENTER, NO, SAVE]
    result, _ = interactive_seen(["service", case_id], late, casebook=book.root, today=TODAY)
    assert_clean_exit(result, 0)
    data = saved(book, case_id, TODAY.isoformat())
    assert (data["attendance"], data["reason"], data["start"]) == ("terlambat", "Ban sepeda motor bocor", "09:00")

    absent = [ENTER, pick(0), pick(3),  # absent: the reason is required, no time or tasks asked
              ENTER,  # an empty reason is refused in the prompt ...
              type_("Mengantar ibu ke rumah sakit"),  # ... and typed
              multiline(""), multiline(""), ENTER, NO, SAVE]
    result, screen = interactive_seen(["service", case_id], absent, casebook=book.root,
                                      today=TODAY + dt.timedelta(days=1))
    assert_clean_exit(result, 0)
    assert "Jam mulai" not in screen.split("Tidak hadir")[-1]  # nothing about the time once absent
    data = saved(book, case_id, (TODAY + dt.timedelta(days=1)).isoformat())
    assert data["attendance"] == "tidak_hadir" and data["reason"] == "Mengantar ibu ke rumah sakit"
    assert ("start" not in data and "tasks" not in data) or data.get("tasks") == []
    h = hours_of(book, case_id)
    assert (h["done"], h["attendance"]) == (3, {"terlambat": 1, "tidak_hadir": 1})


def test_an_interview_beyond_8_hours_asks_the_hours_again(book: Book, case_id: str) -> None:
    """The day's limit is a rule of the case's other sessions: the hours it refuses are asked again in the same
    interview (they used to end it, kept as a draft); stopped there, the answers are kept as a draft."""
    record_ok(book, "service", case_id, session(TODAY.isoformat(), start="07:00", end="13:00"))
    keys = [ENTER, pick(0), pick(0), type_("14.00"), type_("17.00"), ENTER, type_("Menyapu"), ENTER,
            multiline(""), multiline(""), ENTER, NO]
    stopped, _ = interactive_seen(["service", case_id], keys, casebook=book.root, today=TODAY)
    assert_clean_exit(stopped, 130)
    assert "9 jam dalam 1 hari" in stopped.stdout
    assert (book.root / ".bapascase" / "drafts" / f"{case_id}--service.yaml").is_file()
    (book.root / ".bapascase" / "drafts" / f"{case_id}--service.yaml").unlink()
    result, _ = interactive_seen(["service", case_id], [*keys, CTRL_U + type_("2"), SAVE], casebook=book.root,
                                 today=TODAY)
    assert_clean_exit(result, 0)
    assert "9 jam dalam 1 hari" in " ".join(result.stdout.split())
    assert hours_of(book, case_id)["days"] == {TODAY.isoformat(): 8.0}
    assert not (book.root / ".bapascase" / "drafts" / f"{case_id}--service.yaml").exists()


def test_an_edited_session_counts_once(book: Book, case_id: str, tmp_path: Path) -> None:
    """``edit`` checks the session it replaces, not the session beside it: 6 + 2 hours is the edge, 7 + 2 is not."""
    from tests.stage_helpers import make_editor

    record_ok(book, "service", case_id, session("2026-03-07", start="07:00", end="12:00"))
    record_ok(book, "service", case_id, session("2026-03-07", start="13:00", end="15:00"))
    first = next(p.stem for p in (book.cases / case_id / "service").iterdir() if "'12:00'" in p.read_text())
    editor = make_editor(tmp_path / "ed", [("end: '12:00'", "end: '13:00'")])
    result = book.run("edit", case_id, "service", "--entry", first, env=editor.env)
    assert_clean_exit(result, 0)
    assert hours_of(book, case_id)["done"] == 8
    editor = make_editor(tmp_path / "ed2", [("end: '13:00'", "end: '14:00'")])
    result = book.run("edit", case_id, "service", "--entry", first, env=editor.env)
    assert_clean_exit(result, 1)
    assert "9 jam dalam 1 hari" in result.stderr
