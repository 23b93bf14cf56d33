"""English catalog: the bounds of recorded dates (not after today, within the supervision period) and closings the
law allows."""

MESSAGES: dict[str, str] = {
    "wr.handover_broken": ("this transfer records {recorded} as the previous officer, but the case was by then with "
                           "{actual} (two transfers made at once in two copies?); the case is now with {now}: if that "
                           "is wrong, record `bapascase transfer {case} --to NAME` again"),
    "wr.after_today": "the date {date} is after today ({today}): record it once it has happened",
    "wr.report_outside_period": "the report of {date} is outside the supervision period ({start} – {end})",
    "wr.closing_before_end": "the supervision period has not ended on {date} (it ends on {end}); choose another ground, or correct the end of supervision in the intake if it has changed",
    "wr.came_after_death": "the client {what} on {date} ({file}), after the death on {death}; check the date of death, or that record",
    "wr.report_after_closing": "the client {what} on {date} ({file}), after supervision ended on {end}; check the closing date, or that record",
    "wr.came_reported": "reported (wajib lapor)",
    "wr.came_worked": "worked a community service session",
    "wr.came_session": "attended an intervention session",
    "val.bc_death_after_closing": "the date of death is after the closing date",
}
