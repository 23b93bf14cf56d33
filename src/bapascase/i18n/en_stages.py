"""en catalog: stages (the six stage documents and the instrument engine)."""

MESSAGES: dict[str, str] = {
    # -- validation of the stage documents
    "val.bc_short_id": "id '{value}' is not valid: letters/digits without spaces, at most 16 characters (e.g. T1)",
    "val.bc_duplicate_id": "id '{value}' is already used in this document",
    "val.bc_goal_unknown": "goal '{value}' is not in this plan (there are: {known})",
    "val.bc_person_unknown": "person '{value}' is not in the genogram (there are: {known})",
    "val.bc_link_self": "a relation must link two different people",
    "val.bc_genogram_clients": "only one person may be marked as the client",
    "val.bc_end_before_start_date": "the end date is before the start date",
    "val.bc_wl_remote_reason": "remote mandatory reporting needs a reason",
    "val.bc_attended_more": "more sessions attended than planned ({planned})",
    "val.bc_next_before_date": "the next date is before this document's date",
    "val.bc_attachment_empty": "empty attachment path",
    "val.bc_attachment_control": "the attachment path contains control characters",
    "val.bc_attachment_absolute": (
        "an attachment must be a relative path inside this case's attachments/ folder (no absolute path, drive or URL)"
    ),
    "val.bc_attachment_parent": "an attachment must not leave the attachments/ folder ('..')",
    "val.bc_reason_other": "the other reason is required when the reason is 'other'",
    "val.bc_instrument_id": "instrument id '{value}' is not valid (lower-case letters, digits, _ . -)",
    # -- instrument definitions (YAML in bapascase/data/instruments or the casebook's instruments/)
    "val.bc_def_code": "id '{value}' is not valid (lower-case letters, digits, _ . -)",
    "val.bc_def_not_int": "must be a whole number, not '{value}'",
    "val.bc_def_duplicate": "id '{value}' is used more than once",
    "val.bc_def_cutoff_order": "min {min} is greater than max {max}",
    "val.bc_def_cutoffs": "the cut-offs do not cover every score exactly once",
    "instr.def_not_mapping": "an instrument definition must be a mapping with id, version, title, items",
    "instr.def_cutoff_overlap": "cut-offs '{a}' ({a_min}–{a_max}) and '{b}' ({b_min}–{b_max}) overlap",
    "instr.def_cutoff_gap": "scores {low}–{high} fall in no category (gap in the cut-offs)",
    "instr.def_cutoff_outside": "cut-off '{category}' ({min}–{max}) is outside the possible scores ({low}–{high})",
    "instr.def_shadows_builtin": (
        "instrument {instrument} version {version} is built into bapascase with different content; give it a new version"
    ),
    "instr.def_duplicate_file": "instrument {instrument} version {version} is already defined in {other}",
    # -- instruments in use
    "instr.unknown_instrument": "unknown instrument '{instrument}' (available: {known})",
    "instr.unknown_version": "instrument '{instrument}' has no version '{version}' (available: {known})",
    "instr.wrong_kind": "instrument '{instrument}' is not a {expected} instrument",
    "instr.unknown_item": "item '{item}' is not in {instrument} version {version}",
    "instr.unknown_option": "option '{option}' does not exist for item '{item}'; choose one of: {options}",
    "instr.kind_risk": "risk",
    "instr.kind_needs": "needs",
    "instr.change_up": "up from {before} to {after}",
    "instr.change_down": "down from {before} to {after}",
    "instr.change_same": "unchanged at {after}",
    "instr.change_new": "{after} (first assessment with a category)",
    "instr.change_unknown": "cannot be compared yet (assessment incomplete)",
}
