"""The hours of a work session of pidana kerja sosial, from what a session file holds (plain values: the index reads
them from raw files, the model from validated ones, and both count them here)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable

SV_ABSENT = "tidak_hadir"  # the attendance of a work session that credits no hours


def clock_minutes(value: object) -> int | None:
    """Minutes after midnight of a time of day: "08:00", "8.30" (as Indonesians write it), or an int (YAML 1.1
    reads an unquoted 13:30 as the base-60 number 810, which is exactly its minutes)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 24 * 60 else None
    if not isinstance(value, str):
        return None
    text = value.strip().replace(".", ":")
    head, sep, tail = text.partition(":")
    if not sep or not head.isdigit() or not tail.isdigit() or len(tail) != 2:
        return None
    hours, minutes = int(head), int(tail)
    return hours * 60 + minutes if hours < 24 and minutes < 60 else None


def session_hours(start: object, end: object, hours: object, attendance: object) -> float:
    """The hours a work session credits: the hours recorded, else the time from start to end; none when absent."""
    if attendance == SV_ABSENT:
        return 0.0
    if isinstance(hours, int | float) and not isinstance(hours, bool):
        return float(hours)
    a, b = clock_minutes(start), clock_minutes(end)
    if a is not None and b is not None and b > a:
        return (b - a) / 60
    return 0.0


def planned_sessions(weekdays: Iterable[int], per_day: float, left: float, worked: Collection[str],
                     start: dt.date | None, end: dt.date | None, today: dt.date, limit: int) -> list[dt.date]:
    """The next work sessions the schedule plans: the work days (``datetime.weekday`` numbers) from today, or
    from the start of the period when it is still to come, to the end of the period; a day with a session already
    recorded (``worked``: ISO dates) is skipped; as many sessions as the hours left need at ``per_day`` hours each,
    at most ``limit``. None without work days, hours left or an end."""
    days = {d for d in weekdays if 0 <= d <= 6}
    if not days or left <= 0 or per_day <= 0 or end is None:
        return []
    wanted = min(math.ceil(left / per_day), limit)
    day = max(today, start) if start is not None else today
    out: list[dt.date] = []
    while day <= end and len(out) < wanted:
        if day.weekday() in days and day.isoformat() not in worked:
            out.append(day)
        day += dt.timedelta(days=1)
    return out
