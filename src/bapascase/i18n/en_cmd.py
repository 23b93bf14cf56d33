"""English catalog: stage commands (engage ... terminate, reopen, edit, history)."""

MESSAGES: dict[str, str] = {
    "doc.case": "Intake",
    "doc.engagement": "Engagement (EIC)",
    "doc.assessment": "Assessment",
    "doc.plan": "Intervention plan",
    "doc.intervention": "Intervention",
    "doc.monitoring": "Monitoring",
    "doc.termination": "Termination",
    "order.confirm": "{stage} usually comes after {missing}, which is not recorded yet. Continue anyway?",
    "err.out_of_order": "{stage} for {case} needs {missing} first. Record that first, or use --force.",
    "err.case_terminated": "Case {case} is terminated. Reopen it with `bapascase reopen {case} --reason ...`.",
}
