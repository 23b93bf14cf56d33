"""English catalog: the interview on a terminal (drafts kept, long questions, field titles)."""

MESSAGES: dict[str, str] = {
    # -- drafts
    "wdr.new_drafts": "There {count:is|are} {count} unfinished {count:intake|intakes} kept as {count:a draft|drafts}.",
    "wdr.resume_one": "Resume the draft of {when}: {name}",
    "wdr.no_name": "(no name yet)",
    "wdr.start_keep": "Register another client (the drafts are kept)",
    "wdr.start_discard": "Discard {count:that draft|those {count} drafts}, then register a new client",
    "wdr.kept_new": "Note: {count} unfinished {count:intake is|intakes are} still kept as {count:a draft|drafts} (latest: {path}). Run `bapascase new` on a terminal to resume.",
    "wdr.kept_stage": "Note: an unfinished draft is still kept: {path}. Run `bapascase {command} {case}` on a terminal to resume it.",
    # -- stage order
    "wdr.order_declined": "{stage} not recorded, nothing was saved. Not yet recorded: {missing} (--force records it anyway).",
    # -- edit
    "wdr.edit_no_terminal": "edit needs a terminal to open {editor}; nothing was changed. Run it on a terminal, or name another editor in VISUAL or EDITOR.",
}
