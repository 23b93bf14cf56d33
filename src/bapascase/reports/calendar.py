"""``calendar``: the supervision dates as an iCalendar file (RFC 5545) for Google Calendar, Outlook or a phone.

Per open case: the wajib-lapor reports (the next one, then one every interval to the end of the masa bimbingan,
at most ``WL_AHEAD``), the TPP sessions, ekspirasi and the end of the masa bimbingan, the reassessment due, and the
community-service sessions planned. Every date comes from the derivations (``model.derive`` through the index),
so the calendar says what ``due`` and ``show`` say.

Each event has a UID made of the case id and what it is (``2025-bzg-k7m2p-wl-1@bapascase``: the next report), so
importing a newer file updates the events instead of adding copies, and a SEQUENCE that grows by the day, so
Outlook takes the update. Events are all-day, carry an alarm the day before (an overdue report: that morning), and name the client by initials
and case id only: never the name or NIK.

Every text the calendar writes (the calendar's name from the office, each summary and description with the
officer's name) is an iCalendar TEXT value (``_text``): control characters shown by their stand-ins
(``terminal.clean``), then backslash, semicolon, comma and every line break escaped, the line folded at 75 octets;
so a line break in ``office.name`` can neither end the file in an internal error nor add lines of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from bapascase.i18n import t
from bapascase.model.text import as_date

WL_AHEAD = 12  # wajib-lapor reports put in the calendar per case
UID_DOMAIN = "bapascase"
SEQUENCE_EPOCH = dt.date(2024, 1, 1)


def events_of(case: Mapping[str, Any], today: dt.date, interval: int, reassess_days: int,
              holidays: Collection[dt.date] = ()) -> list[tuple[str, dt.date, str]]:
    """``(uid key, date, what)`` for one case; ``what``: wl | wl_overdue | tpp | expiry | end | reassessment |
    service. An overdue report (its date is past, as ``derive.report_overdue`` says for ``show``) is put on
    today, the schedule counted again from it. Every wajib-lapor date is on a working day
    (``derive.wajib_lapor_dates``: counted from the schedule, each moved off a weekend or holiday on its own)."""
    from bapascase.model import derive

    if case.get("closed"):
        return []
    cid = str(case["id"])
    out: list[tuple[str, dt.date, str]] = []
    end = as_date(case.get("end"))
    nxt = as_date(case.get("next_report_due"))
    scheduled = as_date(case.get("next_report_scheduled")) or nxt
    step = derive.wajib_lapor_interval(case.get("wl_interval_days"), interval)
    if nxt is not None and scheduled is not None:
        what = "wl"
        if nxt < today:  # overdue: to come as soon as possible (the next working day); then one every interval
            what, scheduled, nxt = "wl_overdue", today, derive.working_day(today, holidays)
        # none after the end of the masa bimbingan but the first (an overdue one may be, on a working day)
        for n, day in enumerate(derive.wajib_lapor_dates(scheduled, nxt, step, end, WL_AHEAD, holidays), 1):
            out.append((f"{cid}-wl-{n}", day, what if n == 1 else "wl"))
    for day in case.get("tpp_dates") or ():
        d = as_date(day)
        if d is not None:
            out.append((f"{cid}-tpp-{d.isoformat()}", d, "tpp"))
    expiry = as_date(case.get("expiry"))
    if expiry is not None:
        out.append((f"{cid}-expiry", expiry, "expiry"))
    if end is not None:
        out.append((f"{cid}-end", end, "end"))
    last = as_date(case.get("last_assessment"))
    if last is not None:
        out.append((f"{cid}-reassessment", last + dt.timedelta(days=reassess_days), "reassessment"))
    for i, day in enumerate(planned_service(case), 1):
        out.append((f"{cid}-service-{i}", day, "service"))
    return out


def planned_service(case: Mapping[str, Any]) -> list[dt.date]:
    """The next community-service sessions of a case (``derive.service_planned``: by the work days agreed for
    kerja sosial, as many as the hours left need)."""
    return [d for d in (as_date(x) for x in case.get("service_planned") or ()) if d is not None]


_WHAT = {"wl": "cal.wl", "wl_overdue": "cal.wl_overdue", "tpp": "cal.tpp", "expiry": "cal.expiry", "end": "cal.end",
         "reassessment": "cal.reassessment", "service": "cal.service"}


# an all-day event's alarm, from its start (midnight): 09:00 the day before; an overdue report, put on today
# (``events_of``), at 08:00 that day, as a reminder the day before would already be past when the calendar is read
ALARM_AHEAD = dt.timedelta(hours=-15)
ALARM_TODAY = dt.timedelta(hours=8)


def _text(value: str) -> Any:
    """``value`` as an iCalendar TEXT value (RFC 5545 3.3.11): no control character but a line break, which
    ``vText`` escapes as ``\\n`` with the backslash, semicolon and comma; icalendar folds the line."""
    from icalendar import vText

    from bapascase.terminal import clean

    # a lone carriage return is a line break too (vText's own reading), not a control to show
    return vText(clean(value.replace("\r\n", "\n").replace("\r", "\n")))


def build(cases: list[dict[str, Any]], today: dt.date, interval: int, reassess_days: int, lang: str,
          office: str, holidays: Collection[dt.date] = ()) -> bytes:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//bapascase//kalender wajib lapor//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # X-WR-CALNAME is no property icalendar knows: without ``vText`` its value would be written unescaped
    cal.add("x-wr-calname", _text(t("cal.name", lang, office=office or "Bapas")))
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    sequence = max(0, (today - SEQUENCE_EPOCH).days)
    for case in sorted(cases, key=lambda c: str(c["id"])):
        who = f"{case.get('initials') or '?'} ({case['id']})"
        for key, day, what in events_of(case, today, interval, reassess_days, holidays):
            summary = _text(t(_WHAT[what], lang, who=who))
            ev = Event()
            ev.add("uid", _text(f"{key}@{UID_DOMAIN}"))
            ev.add("dtstamp", stamp)
            ev.add("sequence", sequence)
            ev.add("dtstart", day)
            ev.add("dtend", day + dt.timedelta(days=1))
            ev.add("summary", summary)
            ev.add("description", _text(t("cal.description", lang, officer=case.get("officer") or "-",
                                          office=office or "Bapas")))
            ev.add("transp", "TRANSPARENT")
            ev.add("class", "PRIVATE")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", ALARM_TODAY if what == "wl_overdue" else ALARM_AHEAD)
            ev.add_component(alarm)
            cal.add_component(ev)
    return bytes(cal.to_ical())
