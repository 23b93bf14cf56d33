"""English catalog: the Litmas by purpose, signatures, report dates and authors."""

MESSAGES: dict[str, str] = {
    # -- the Litmas document
    "doc.litmas": "Litmas (social inquiry report)",
    "cmd.litmas": "Record a Litmas (social inquiry report): its purpose, basis (request letter, assignment letter), life history, the parties' responses, progress in prison, recommendation.",
    "val.bc_litmas_needs": "required for a Litmas for {purpose}",
    # -- sentences written out
    "text.years_words": "{n} ({words}) {n:year|years}",
    "text.months_words": "{n} ({words}) {n:month|months}",
    "text.imprisonment": "{length} of imprisonment",
    # -- the report command
    "rpt.opt.date": "The report's date when the document printed has none recorded (ages and days left are computed at it); for the Litmas: the latest Litmas on or before it.",
    "rpt.err.no_litmas_before": "No Litmas on or before {date} (recorded: {known}).",
    "rpt.err.unknown_purpose": "Unknown Litmas purpose '{purpose}' (bapascase/data/litmas_purposes.yaml).",
    # -- the Litmas report
    "rpt.lit.title": "Social Inquiry Report (Litmas)",
    "rpt.lit.basis": "Basis",
    "rpt.lit.basis_request": "Letter of {institution} number {number} of {date} about {subject}",
    "rpt.lit.basis_assignment": "Assignment letter of the head of {office} number {number} of {date}",
    "rpt.lit.purpose": "Purpose and aim",
    "rpt.lit.purpose_text": (
        "This social inquiry sets out, objectively, the client's development and background from the sociological, "
        "psychological, economic and environmental points of view, as a basis for the decision {heading}. It ends "
        "with conclusions and a recommendation."
    ),
    "rpt.lit.client": "Identity of the client",
    "rpt.lit.case": "The case",
    "rpt.lit.parents": "Parents",
    "rpt.lit.family": "The family",
    "rpt.lit.sentence": "Sentence",
    "rpt.lit.fractions": "The sentence served",
    "rpt.lit.fractions_note": "Counted from the first day of detention ({start}) to the expiry the prison calculated (remissions taken off).",
    "rpt.lit.fractions_note_sentence": "Counted from the first day of detention ({start}) and the sentence, before remissions.",
    "rpt.lit.programmes": "Programmes followed",
    "rpt.lit.remission_total": "Remissions in all",
    "rpt.lit.register_f_no": "The client has never been entered in Register F (disciplinary offences).",
    "rpt.lit.register_f_yes": "The client has been entered in Register F (disciplinary offences).",
    "rpt.lit.not_obtained": "Not obtained: {reason}",
    "rpt.lit.assessed_on": "Assessment of {date}.",
    "rpt.lit.no_assessment": "No assessment on or before the Litmas date.",
    "rpt.lit.tpp": "the TPP session of {date}, number {number}",
    "rpt.lit.recommend_lead": "In view of the conclusions above and {tpp}, we as probation officers recommend:",
    "rpt.lit.recommend_lead_plain": "In view of the conclusions above, we as probation officers recommend:",
    "rpt.lit.closing": "This social inquiry report is made truthfully, to be used as appropriate.",
    "rpt.lit.not_recorded": "No Litmas is recorded for this case: the report is drafted from what is recorded. Record one with `bapascase litmas CASE`.",
    "rpt.lit.yes": "Yes",
    "rpt.lit.no": "No",
    # -- signatures
    "sig.pk": "Probation officer",
    "sig.known": "Acknowledged by,",
    "sig.approved": "Approved by,",
    "sig.made_by": "Made by,",
    "sig.section_adult": "Adult Client Guidance",
    "sig.section_child": "Child Client Guidance",
    "sig.kasi": "Head of the Section of {section}",
    "sig.kasubsi": "Head of the Subsection of {section}",
    "sig.head": "Head of {office}",
    "sig.missing_kasubsi": "The \"Acknowledged by\" signatory (section head) is not set: add one to bapascase.yaml under officers, with role: kasubsi (name and NIP).",
    "sig.missing_head": "The head of office is not set: fill in office.head_name and office.head_nip in bapascase.yaml.",
    # -- print
    "rpt.page": "Page",
    "rpt.page_of": "of",
    "text.days": "{n} {n:day|days}",
    # -- identity extras
    "val.bc_kk_text": "the KK number must be written as text (in quotes), not as a number",
    "val.bc_kk_digits": "the KK number must be 16 digits (now {count})",
    # -- the progress report for a TPP session
    "rpt.prog.for_tpp": "for the {tpp}, as of {date}",
    "rpt.prog.tpp_numbered": "TPP session number {number} of {date}",
    "rpt.prog.tpp_dated": "TPP session of {date}",
    "rpt.prog.tpp_ref": "{date}, number {number}",
}
