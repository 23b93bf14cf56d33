"""English catalog: assessment instruments (RRI parts A-D, the criminogenic rule, the child's instrument)."""

MESSAGES: dict[str, str] = {
    # -- definitions
    "val.bc_def_part": "there is no part '{value}' (parts: {known})",
    # -- answers that do not fit the client
    "instr.adult_for_child": (
        "the adult instrument '{instrument}' is used for a child (a child programme, or under 18 on the day of the "
        "assessment); use '{expected}'"
    ),
    "instr.child_for_adult": "the child instrument '{instrument}' is used for an adult; use '{expected}'",
    "instr.part_not_for_female": "{part} is for women clients only",
    "instr.part_not_for_narcotics": "{part} is for narcotics cases only (see rri.narcotics_case)",
    # -- the interview
    "asm.narcotics_confirm": "A narcotics / illegal drugs case? (RRI part D)",
    "asm.criminogenic_optional": "The criminogenic needs assessment is not required for this client. Do it anyway?",
    # -- the verdict of the RRI on the criminogenic needs assessment
    "asm.verdict_total": "The criminogenic needs assessment must be done: part A scores {threshold} or more.",
    "asm.verdict_yes": "The criminogenic needs assessment must be done: a \"Yes\" in {parts}.",
    "asm.verdict_none": (
        "The criminogenic needs assessment is not required: part A is below {threshold} and no part B, C or D "
        "that applies has a \"Yes\"."
    ),
    "asm.verdict_incomplete": "Whether the criminogenic needs assessment is required cannot be told yet: part A is incomplete.",
    "asm.verdict_unanswered": "Whether the criminogenic needs assessment is required cannot be told yet: {parts} not answered.",
    "asm.verdict_facts": (
        "Whether the criminogenic needs assessment is required cannot be told yet: it is not known whether {parts} "
        "applies."
    ),
    "show.verdict": "Criminogenic assessment",
    # -- instruments in reports
    "rpt.score.unfit_child": "An adult instrument answered for a child: not scored; reassess with the child instrument.",
    "rpt.score.unfit_adult": "A child instrument answered for an adult: not scored; reassess with the RRI.",
    "rpt.score.not_for_female": "Does not apply: for women clients only.",
    "rpt.score.not_for_narcotics": "Does not apply: for narcotics cases only.",
    "rpt.score.not_asked": "Not asked: part A scores {threshold} or more.",
    "rpt.score.not_answered": "Not answered.",
    "rpt.score.part_category": "{points} points: {category}.",
    "rpt.score.verdict": "Criminogenic assessment",
    "rpt.score.notes": "Source note",
}
