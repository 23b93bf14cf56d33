"""The schedule of pidana kerja sosial: the work days the officer agrees with the placement plan the next
sessions (the calendar shows them), as many as the hours left need, never past the period's end."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from bapascase.model.hours import planned_sessions
from bapascase.model.sentences import WEEKDAY, KerjaSosial, WorkDay
from bapascase.model.text import DAYS

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
