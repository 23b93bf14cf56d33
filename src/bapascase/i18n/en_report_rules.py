"""English catalog: report rules (the progress report's period, what must be recorded before a report can be
made, output files)."""

MESSAGES: dict[str, str] = {
    "rpt.prog.outside_period": "None in this period (this month's report falls outside it)",
    "rpt.err.stage_missing": "This case has no record of: {doc}. Record it first with `{command}`; the {kind} report is made from it.",
}
