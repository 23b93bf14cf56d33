"""English catalog: damaged or unreadable files (conflicts, files that hold no document, odd imports)."""

MESSAGES: dict[str, str] = {
    # -- a stage file that holds no document: never read as one, never replaced
    "dmg.not_a_document": ("it holds no document (a mapping of field: value), so it is neither read nor replaced; "
                           "fix the file or open it with `bapascase edit`"),
}
