"""``checkin CASE`` (``lapor``): one wajib-lapor visit in one line, a minimal monitoring entry written the normal
way, that feeds ``due``, ``show`` and the progress report; ``checkin`` alone: today's list, printed when scripted,
ticked off one by one on a terminal."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, assert_clean_exit, interactive, pick, type_
from tests.stage_helpers import BZG, NCP, RCP, SCL, demo_book, entries_of, entry_rel

# NCP's next report is due today (its masa bimbingan ends on 18 December), RCP's since 3 November; SCL's supervision
# has ended (closed); BZG's casework has ended (terminated), its supervision goes on
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def demo(tmp_path: Path) -> Book:
    return demo_book(tmp_path)


def run(book: Book, *args: str, **kw: Any) -> Any:
    return book.run(*args, today=kw.pop("today", TODAY), **kw)


def entry(book: Book, case_id: str, date: dt.date = TODAY) -> dict[str, Any]:
    data = yamlio.load(book.cases / case_id / entry_rel(book, case_id, f"monitoring/{date.isoformat()}.yaml"))
    assert isinstance(data, dict)
    return data


def test_checkin_records_present_in_one_line(demo: Book) -> None:
    result = run(demo, "checkin", "rcp")
    assert_clean_exit(result, 0)
    assert result.stdout.splitlines() == [
        f"Wajib lapor tercatat untuk {RCP}: Hadir langsung, 30 November 2026.",
        "  Wajib lapor berikutnya: 14 Desember 2026",
    ]
    saved = entry(demo, RCP)
    assert saved["date"] == TODAY and saved["wajib_lapor"] == {"status": "hadir"}
    assert not [k for k, v in saved.items() if v and k not in ("schema_version", "date", "wajib_lapor")]
    text = (demo.cases / RCP / entry_rel(demo, RCP, "monitoring/2026-11-30.yaml")).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")  # written like any monitoring entry
    assert_clean_exit(run(demo, "check"), 0)


def test_no_next_report_after_the_end_of_the_masa_bimbingan(demo: Book) -> None:
    """NCP's masa bimbingan ends on 18 December: today's report is the last one due (``model.derive``)."""
    result = run(demo, "checkin", "ncp")
    assert_clean_exit(result, 0)
    assert result.stdout.splitlines() == [f"Wajib lapor tercatat untuk {NCP}: Hadir langsung, 30 November 2026."]


def test_lapor_is_the_same_command(demo: Book) -> None:
    result = run(demo, "lapor", "rcp", "--json")
    assert_clean_exit(result, 0)
    payload = json.loads(result.stdout)
    assert payload["status"] == "hadir" and payload["next_report_due"] == "2026-12-14"


@pytest.mark.parametrize(("args", "expected"), [
    (["--absent"], {"status": "tidak_hadir"}),
    (["--remote", "--reason", "Sakit, lapor lewat video"], {"status": "jarak_jauh", "reason": "Sakit, lapor lewat video"}),
    (["--note", "Membawa surat keterangan kerja"], {"status": "hadir", "notes": "Membawa surat keterangan kerja"}),
])
def test_absent_remote_and_a_note(demo: Book, args: list[str], expected: dict[str, str]) -> None:
    assert_clean_exit(run(demo, "checkin", NCP, *args), 0)
    assert entry(demo, NCP)["wajib_lapor"] == expected


def test_another_date_day_first(demo: Book) -> None:
    assert_clean_exit(run(demo, "checkin", NCP, "--date", "28/11/2026"), 0)
    assert entry(demo, NCP, dt.date(2026, 11, 28))["date"] == dt.date(2026, 11, 28)
    bad = run(demo, "checkin", NCP, "--date", "31/11/2026")
    assert_clean_exit(bad, 1)
    assert bad.stderr.startswith("checkin: --date: tanggal '31/11/2026' tidak ada di kalender")


def test_flags_that_cannot_go_together(demo: Book) -> None:
    both = run(demo, "checkin", NCP, "--absent", "--remote", "--reason", "x")
    assert_clean_exit(both, 2)
    no_reason = run(demo, "checkin", NCP, "--remote", "--no-input")
    assert_clean_exit(no_reason, 2)
    assert "--reason" in no_reason.stderr
    stray = run(demo, "checkin", NCP, "--reason", "x")
    assert_clean_exit(stray, 2)
    assert entries_of(demo, NCP, "monitoring", "2026-11-30") == []


def test_the_same_day_twice_is_refused_unless_forced(demo: Book) -> None:
    assert_clean_exit(run(demo, "checkin", NCP), 0)
    again = run(demo, "checkin", NCP, "--absent")
    assert_clean_exit(again, 1)
    assert "sudah tercatat" in again.stderr and "--force" in again.stderr
    assert_clean_exit(run(demo, "checkin", NCP, "--absent", "--force"), 0)


def test_a_checkin_feeds_due_show_and_the_progress_report(demo: Book) -> None:
    before = json.loads(run(demo, "due", "--json").stdout)["items"]
    assert any(i["id"] == RCP and i["kind"] == "monitoring" for i in before)
    assert_clean_exit(run(demo, "checkin", RCP), 0)
    after = json.loads(run(demo, "due", "--json").stdout)["items"]
    assert not any(i["id"] == RCP and i["kind"] == "monitoring" and i["days"] <= 0 for i in after)
    shown = json.loads(run(demo, "show", RCP, "--json").stdout)["case"]
    assert shown["last_monitoring"] == "2026-11-30" and shown["next_report_due"] == "2026-12-14"
    assert shown["wl_statuses"][-1] == "hadir"
    report = run(demo, "report", RCP, "--kind", "progress")
    assert_clean_exit(report, 0)
    assert "30 November 2026" in report.stdout


def test_absences_in_a_row_show_in_due(demo: Book) -> None:
    """Missed reports feed ``due`` like any monitoring entry: two in a row are one short of a ground for
    revocation, three are one (issue 8's rule, ``model.derive.REVOCATION_STREAK``)."""
    for day in ("2026-11-28", "2026-11-29"):
        assert_clean_exit(run(demo, "checkin", RCP, "--absent", "--date", day), 0)
    items = json.loads(run(demo, "due", "--json").stdout)["items"]
    assert any(i["id"] == RCP and i["kind"] == "absences" and i["n"] == 2 for i in items)
    assert_clean_exit(run(demo, "checkin", RCP, "--absent"), 0)
    items = json.loads(run(demo, "due", "--json").stdout)["items"]
    assert any(i["id"] == RCP and i["kind"] == "revocation_ground" and i["n"] == 3 for i in items)



def test_a_ground_for_revocation_is_due_now_in_the_table(demo: Book) -> None:
    """An undated item is of the present: its due cell says so, not an empty cell (the JSON keeps ``null``)."""
    for day in ("2026-11-28", "2026-11-29", "2026-11-30"):
        assert_clean_exit(run(demo, "checkin", RCP, "--absent", "--date", day), 0)
    result = run(demo, "due")
    assert_clean_exit(result, 0)
    row = next(ln for ln in result.stdout.splitlines() if RCP in ln and "Dasar pencabutan" in ln)
    assert row.strip("│┃| ").startswith("sekarang"), row


def test_a_terminated_case_still_reports(demo: Book) -> None:
    """Termination ends the casework relationship, not supervision: wajib lapor goes on."""
    assert_clean_exit(run(demo, "checkin", BZG), 0)
    assert entry(demo, BZG)["wajib_lapor"] == {"status": "hadir"}


def test_a_closed_case_reports_no_more(demo: Book) -> None:
    """The legal end of supervision (``close``) ends wajib lapor: refused, and never in today's list."""
    before = sorted(p.name for p in (demo.cases / SCL / "monitoring").iterdir())
    refused = run(demo, "checkin", SCL)
    assert_clean_exit(refused, 1)
    assert refused.stderr.strip() == (f"Bimbingan {SCL} sudah diakhiri (pengakhiran bimbingan). Buka kembali dengan "
                                      f"`bapascase reopen {SCL} --reason ...`.")
    assert sorted(p.name for p in (demo.cases / SCL / "monitoring").iterdir()) == before
    listed = json.loads(run(demo, "checkin", "--json").stdout)["due"]
    assert SCL not in [d["id"] for d in listed]


# -- a wajib lapor is a past or present fact, within the masa bimbingan ----------------------------------------


def monitoring_files(book: Book, case_id: str) -> list[str]:
    return sorted(p.name for p in (book.cases / case_id / "monitoring").iterdir())


@pytest.mark.parametrize("args", [["--date", "2026-12-01"], ["--absent", "--date", "2026-12-10"],
                                  ["--remote", "--reason", "Sakit", "--date", "1/12/2026"]])
def test_a_report_dated_after_today_is_refused(demo: Book, args: list[str]) -> None:
    """NCP has missed three reports in a row (a ground for revocation): a report typed a day ahead must not
    break that streak, nor hide the overdue report."""
    before = monitoring_files(demo, NCP)
    due_before = json.loads(run(demo, "due", "--json").stdout)["items"]
    result = run(demo, "checkin", NCP, *args)
    assert_clean_exit(result, 1)
    day = "1 Desember 2026" if "2026-12-10" not in args else "10 Desember 2026"
    assert result.stderr.splitlines() == [
        f"checkin: --date: tanggal {day} sesudah hari ini (30 November 2026): catat setelah terjadi"]
    assert monitoring_files(demo, NCP) == before
    assert json.loads(run(demo, "due", "--json").stdout)["items"] == due_before
    english = run(demo, "--lang", "en", "checkin", NCP, *args)
    assert_clean_exit(english, 1)
    assert "checkin: --date: the date" in english.stderr and "is after today (30 November 2026)" in english.stderr


@pytest.mark.parametrize(("case", "date", "today", "ok"), [
    (RCP, "2026-10-19", TODAY, False),  # the day before the start of supervision (recorded: 20 October)
    (RCP, "2026-10-20", TODAY, True),
    (NCP, "2026-12-18", dt.date(2026, 12, 21), True),  # the end, derived from the ekspirasi (CB)
    (NCP, "2026-12-19", dt.date(2026, 12, 21), False),
])
def test_a_report_outside_the_masa_bimbingan_is_refused(demo: Book, case: str, date: str, today: dt.date,
                                                        ok: bool) -> None:
    result = run(demo, "checkin", case, "--date", date, today=today)
    assert_clean_exit(result, 0 if ok else 1)
    if not ok:
        period = ("20 Oktober 2026 – 19 Oktober 2027" if case == RCP else "4 Mei 2026 – 18 Desember 2026")
        assert result.stderr.splitlines() == [f"checkin: --date: wajib lapor {dt.date.fromisoformat(date).day} "
                                              f"{'Oktober' if case == RCP else 'Desember'} 2026 di luar masa "
                                              f"bimbingan ({period})"]


def test_the_monitor_stage_is_bounded_the_same_way(demo: Book) -> None:
    """``monitor`` writes the same document: its date, the end of the span monitored and an incident's date."""
    from tests.stage_helpers import record

    cases: list[tuple[dict[str, Any], str]] = [({"date": "2026-12-02"}, "date: tanggal 2 Desember 2026 sesudah hari ini"),
             ({"period": {"start": "2026-11-01", "end": "2026-12-31"}}, "period.end: tanggal 31 Desember 2026"),
             ({"incidents": [{"date": "2026-12-24", "kind": "lainnya", "description": "x"}]},
              "incidents[0].date: tanggal 24 Desember 2026"),
             ({"date": "2026-10-01"}, "date: wajib lapor 1 Oktober 2026 di luar masa bimbingan")]
    for extra, message in cases:
        result = record(demo, "monitor", RCP, {"date": "2026-11-30", "wajib_lapor": {"status": "hadir"}, **extra},
                        today=TODAY)
        assert_clean_exit(result, 1)
        assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr
    assert not (demo.cases / RCP / "monitoring").exists() or not [
        p for p in (demo.cases / RCP / "monitoring").iterdir() if p.name.startswith("2026-1")]


def test_check_warns_about_a_report_dated_ahead_or_outside_the_period(demo: Book) -> None:
    """A hand-written report dated ahead is a warning in ``check``, never an exit status: the same file is right
    once its day has come (and a casebook shared with a computer whose clock is ahead must not fail here only).
    So is a stored report outside the masa bimbingan: recording refuses it, a file that passed ``check``
    before the rule existed is named, not failed."""
    folder = demo.cases / NCP / "monitoring"
    (folder / "2026-12-05.yaml").write_text("date: 2026-12-05\nwajib_lapor:\n  status: hadir\n", encoding="utf-8")
    result = run(demo, "check")
    assert_clean_exit(result, 0)
    assert (f"Peringatan: cases/{NCP}/monitoring/2026-12-05.yaml:1: date: tanggal 5 Desember 2026 sesudah hari "
            "ini (30 November 2026): catat setelah terjadi") in result.stderr.splitlines()
    on_the_day = run(demo, "check", today=dt.date(2026, 12, 5))
    assert_clean_exit(on_the_day, 0)
    assert "2026-12-05.yaml" not in on_the_day.stderr
    (folder / "2026-12-05.yaml").unlink()
    (folder / "2026-04-30.yaml").write_text("date: 2026-04-30\nwajib_lapor:\n  status: tidak_hadir\n",
                                            encoding="utf-8")
    result = run(demo, "check")
    assert_clean_exit(result, 0)
    assert (f"Peringatan: cases/{NCP}/monitoring/2026-04-30.yaml:1: date: wajib lapor 30 April 2026 di luar masa "
            "bimbingan (4 Mei 2026 – 18 Desember 2026)") in result.stderr.splitlines()


def test_an_edit_cannot_move_a_report_ahead_of_today(demo: Book, tmp_path: Path) -> None:
    from tests.stage_helpers import make_editor

    assert_clean_exit(run(demo, "checkin", RCP), 0)
    editor = make_editor(tmp_path / "ed", [("date: 2026-11-30", "date: 2026-12-30")])
    result = run(demo, "edit", RCP, "monitoring", "--entry", "2026-11-30", env=editor.env)
    assert_clean_exit(result, 1)
    assert "date: tanggal 30 Desember 2026 sesudah hari ini (30 November 2026)" in result.stderr
    assert entry(demo, RCP)["date"] == TODAY


# -- today's list -----------------------------------------------------------------------------------------------


def test_checkin_alone_lists_who_must_report_today_when_scripted(demo: Book) -> None:
    result = run(demo, "checkin", "--no-input")
    assert_clean_exit(result, 0)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Wajib lapor hari ini (2)")
    text = result.stdout
    assert text.index(RCP) < text.index(NCP)  # the longest overdue first
    assert "terlambat 27 hari" in text and "hari ini" in text and "3 Nov 2026" in text
    payload = json.loads(run(demo, "checkin", "--json").stdout)
    assert [d["id"] for d in payload["due"]] == [RCP, NCP]
    assert_clean_exit(run(demo, "checkin", NCP), 0)
    assert [d["id"] for d in json.loads(run(demo, "checkin", "--json").stdout)["due"]] == [RCP]


def test_nobody_due(demo: Book) -> None:
    result = run(demo, "checkin", today=dt.date(2026, 11, 1))
    assert_clean_exit(result, 0)
    assert result.stdout.strip() == "Tidak ada yang wajib lapor hari ini."


def test_ticked_off_one_by_one_on_a_terminal(demo: Book) -> None:
    keys = [
        pick(1),  # who: the second of the list, NCP
        pick(0),  # how: present in person
        type_("Membawa surat keterangan kerja"),
        pick(0),  # who: RCP, the only one left
        pick(1),  # how: remote
        type_("Sakit demam"),  # the reason
        type_(""),  # no note
    ]
    result = interactive(["checkin"], keys, casebook=demo.root, today=TODAY)
    assert_clean_exit(result, 0)
    assert entry(demo, NCP)["wajib_lapor"] == {"status": "hadir", "notes": "Membawa surat keterangan kerja"}
    assert entry(demo, RCP)["wajib_lapor"] == {"status": "jarak_jauh", "reason": "Sakit demam"}
    assert "2 wajib lapor dicatat; 0 belum." in result.stdout


def test_ticking_off_can_stop_early(demo: Book) -> None:
    result = interactive(["checkin"], [pick(2)], casebook=demo.root, today=TODAY)  # "Selesai"
    assert_clean_exit(result, 0)
    assert "0 wajib lapor dicatat; 2 belum." in result.stdout


def test_monitor_offers_each_goal_as_the_last_entry_with_progress_left_it(book: Book) -> None:
    """A check-in (``lapor``) says nothing of the goals: the next ``monitor`` still offers T3 as achieved, not
    "belum" (pressing Enter recorded the client's progress going backwards); a second entry the same day is not
    offered a period that starts tomorrow."""
    from bapascase.store.casebook import Casebook
    from bapascase.workflow.stages.monitoring import Monitoring
    from tests.stage_helpers import through

    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor")  # T3 tercapai, on 30 April 2026
    assert_clean_exit(book.run("lapor", case_id, "--date", "2026-05-15"), 0)
    offered = Monitoring().defaults(Casebook(book.root), case_id, dt.date(2026, 5, 15))
    assert {p["goal_id"]: p["status"] for p in offered["progress"]} == {"T1": "berjalan", "T2": "berjalan",
                                                                         "T3": "tercapai"}
    assert "period" not in offered  # the check-in was today: no span since it
    later = Monitoring().defaults(Casebook(book.root), case_id, dt.date(2026, 5, 20))
    assert later["period"] == {"start": dt.date(2026, 5, 16), "end": dt.date(2026, 5, 20)}
