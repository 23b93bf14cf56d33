"""English catalog: the bounds of recorded dates (not after today, within the supervision period) and closings the
law allows."""

MESSAGES: dict[str, str] = {
    "wr.after_today": "the date {date} is after today ({today}): record it once it has happened",
    "wr.report_outside_period": "the report of {date} is outside the supervision period ({start} – {end})",
}
