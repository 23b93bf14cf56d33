"""English catalog: damaged or unreadable files (conflicts, files that hold no document, odd imports)."""

MESSAGES: dict[str, str] = {
    # -- a stage file that holds no document: never read as one, never replaced
    "dmg.not_a_document": ("it holds no document (a mapping of field: value), so it is neither read nor replaced; "
                           "fix the file or open it with `bapascase edit`"),
    # -- a caseload read that had to leave files out (list, due, stats, dashboard...)
    "dmg.unreadable": ("Warning: {n} case {n:file|files} could not be read and {n:was|were} left out; "
                       "run `bapascase check`"),
}
