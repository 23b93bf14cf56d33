"""English catalog: derived facts of the legal frame (the order of warning letters, reports during a temporary
revocation, overdue reports and their reminders)."""

MESSAGES: dict[str, str] = {
    "val.warning_twice": "warning letter no. {n} is already recorded in this case (each warning only once)",
    "val.warning_skipped": "warning letter no. {n} needs a warning letter no. {before} dated before it",
    "val.warning_breaks": "with this date warning letter no. {n} is no longer preceded by warning letter no. {before}",
    "due.reported_while_revoked": "The client still reports during the temporary revocation: record the revocation lifted if supervision goes on",
    "remind.text_overdue": "Good afternoon. This is {office} reminding you that {initials} was due to report on {date} and has not yet reported. Please come to report as soon as possible and bring the reporting card. If you cannot come, please let us know. Thank you.",
    "cal.wl_overdue": "Wajib lapor overdue, as soon as possible: {who}",
}
