"""The schedule of pidana kerja sosial: the work days the officer agrees with the placement plan the next
sessions (the calendar shows them), as many as the hours left need, never past the period's end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bapascase.i18n import t
from bapascase.model.hours import planned_sessions
from bapascase.model.sentences import WEEKDAY, KerjaSosial, WorkDay
from bapascase.model.text import DAYS
from tests.helpers import ROOT, assert_clean_exit, invoke

SAT, SUN = WEEKDAY[WorkDay.SATURDAY], WEEKDAY[WorkDay.SUNDAY]
MON_30_NOV = dt.date(2026, 11, 30)


def test_work_days_are_the_calendar_day_names_in_both_languages() -> None:
    assert [d.value for d in WorkDay] == ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"]
    assert WorkDay("sabtu").label("id") == "Sabtu" and WorkDay("sabtu").label("en") == "Saturday"
    assert [WEEKDAY[d] for d in WorkDay] == list(range(7))
    assert [d.value for d in WorkDay] == [name.lower() for name in DAYS["id"]]


def test_the_intake_records_work_days_and_refuses_others() -> None:
    base = {"hours_ordered": 120,
            "placements": [{"id": "L1", "place": "Masjid", "partner": "Griya Abhipraya", "supervisor": "H. A"}],
            "consent": {"given": True, "date": "2026-09-03", "explained": True}}
    assert KerjaSosial.model_validate(base).work_days == []
    assert KerjaSosial.model_validate({**base, "work_days": ["sabtu", "minggu"]}).work_days == [
        WorkDay.SATURDAY, WorkDay.SUNDAY]
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError):
        KerjaSosial.model_validate({**base, "work_days": ["saturday"]})


def test_the_next_weekend_sessions_until_the_hours_are_covered() -> None:
    got = planned_sessions([SAT, SUN], 4, 10, set(), dt.date(2026, 9, 14), dt.date(2027, 3, 13), MON_30_NOV, 12)
    assert got == [dt.date(2026, 12, 5), dt.date(2026, 12, 6), dt.date(2026, 12, 12)]  # 3 × 4 h covers 10 h


def test_a_day_already_worked_is_not_planned_again_and_the_end_is_the_limit() -> None:
    worked = {"2026-12-05"}
    got = planned_sessions([SAT], 8, 100, worked, None, dt.date(2026, 12, 20), dt.date(2026, 12, 5), 12)
    assert got == [dt.date(2026, 12, 12), dt.date(2026, 12, 19)]


def test_a_period_still_to_come_plans_from_its_start() -> None:
    got = planned_sessions([0], 8, 16, set(), dt.date(2027, 1, 1), dt.date(2027, 6, 30), MON_30_NOV, 12)
    assert got == [dt.date(2027, 1, 4), dt.date(2027, 1, 11)]


def test_nothing_planned_without_work_days_hours_left_or_an_end() -> None:
    end = dt.date(2027, 1, 1)
    assert planned_sessions([], 8, 40, set(), None, end, MON_30_NOV, 12) == []
    assert planned_sessions([SAT], 8, 0, set(), None, end, MON_30_NOV, 12) == []
    assert planned_sessions([SAT], 8, 40, set(), None, None, MON_30_NOV, 12) == []


@given(days=st.sets(st.integers(0, 6), min_size=1), per_day=st.integers(1, 8), left=st.floats(0.5, 240),
       span=st.integers(0, 400), limit=st.integers(1, 20))
def test_planned_sessions_are_work_days_in_order_within_the_period(days: set[int], per_day: int, left: float,
                                                                    span: int, limit: int) -> None:
    end = MON_30_NOV + dt.timedelta(days=span)
    got = planned_sessions(days, per_day, left, set(), None, end, MON_30_NOV, limit)
    assert got == sorted(set(got))
    assert all(d.weekday() in days and MON_30_NOV <= d <= end for d in got)
    assert len(got) <= limit and (len(got) - 1) * per_day < left


# -- through the tool: the calendar, show and due on the demo and on a copy -------------------------------------

FCS_ID = "2026-fcs-4kw2n"


def _calendar_sessions(casebook: Path, today: dt.date = MON_30_NOV) -> list[dt.date]:
    from icalendar import Calendar

    r = invoke(["calendar"], casebook=casebook, today=today)
    assert_clean_exit(r, 0)
    events = Calendar.from_ical(r.stdout_bytes).walk("VEVENT")
    return sorted(e.decoded("DTSTART") for e in events if f"{FCS_ID}-service-" in str(e["UID"]))


def test_the_calendar_has_the_demo_clients_next_saturdays_as_many_as_his_hours_need() -> None:
    got = _calendar_sessions(ROOT)
    # 81 of 120 hours left, at most 8 a day (Pasal 85 ayat (5)): 11 Saturdays from 5 December
    assert got == [dt.date(2026, 12, 5) + dt.timedelta(weeks=i) for i in range(11)]
    assert all(d.weekday() == WEEKDAY[WorkDay.SATURDAY] for d in got)


def _copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "cb"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".git", ".bapascase", "tests", "src", "benchmarks"))
    return root


def _edit_terms(root: Path, **terms: Any) -> None:
    path = root / "cases" / FCS_ID / "case.yaml"
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("    work_days:\n    - sabtu\n")
    assert sep
    lines = "".join(f"    {k}: {v}\n" if not isinstance(v, list) else f"    {k}:\n" + "".join(f"    - {x}\n" for x in v)
                    for k, v in terms.items())
    path.write_text(head + lines + rest, encoding="utf-8")


def test_the_verdicts_hours_a_day_plan_more_sessions_and_judge_what_is_impossible(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit_terms(root, hours_per_day=4, work_days=["sabtu", "minggu"])
    assert_clean_exit(invoke(["check"], casebook=root, today=MON_30_NOV), 0)
    got = _calendar_sessions(root)
    assert len(got) == 12  # 81 hours at 4 a day need 21 sessions: the calendar shows the next 12
    assert got[:2] == [dt.date(2026, 12, 5), dt.date(2026, 12, 6)]
    # two weeks before the end (13 days left), 81 hours no longer fit 4 hours a day; at 8 (the demo) they would
    late = dt.date(2027, 3, 1)

    def service_items(casebook: Path) -> list[dict[str, Any]]:
        r = invoke(["due", "--json"], casebook=casebook, today=late)
        assert_clean_exit(r, 0)
        return [i for i in json.loads(r.stdout)["items"] if i["id"] == FCS_ID and i["kind"].startswith("service")]

    assert [(i["kind"], i["per_day"], i["days"], i["days_left"]) for i in service_items(root)] == [
        ("service_impossible", 4, 0, 13)]  # a problem of today, dated today; 13 days to work, today included
    assert [i["kind"] for i in service_items(ROOT)] == ["service_pace"]
    assert t("due.service_impossible", "id", left="81", days=13, per_day=4).endswith("(paling lama 4 jam sehari)")


def test_show_names_the_next_session() -> None:
    r = invoke(["show", "fcs"], casebook=ROOT, today=MON_30_NOV)
    assert_clean_exit(r, 0)
    assert "Sesi kerja sosial berikutnya" in r.stdout and "Sabtu, 5 Desember 2026" in r.stdout


def test_no_sessions_without_work_days_or_once_closed(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "cases" / FCS_ID / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    work_days:\n    - sabtu\n", ""), encoding="utf-8")
    assert _calendar_sessions(root) == []
    r = invoke(["show", "fcs"], casebook=root, today=MON_30_NOV)
    assert "Sesi kerja sosial berikutnya" not in r.stdout
