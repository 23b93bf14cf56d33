"""English catalog: damaged or unreadable files (conflicts, files that hold no document, odd imports)."""

MESSAGES: dict[str, str] = {
    # -- a stage file that holds no document: never read as one, never replaced
    "dmg.not_a_document": ("it holds no document (a mapping of field: value), so it is neither read nor replaced; "
                           "fix the file or open it with `bapascase edit`"),
    # -- a caseload read that had to leave files out (list, due, stats, dashboard...)
    "dmg.unreadable": ("Warning: {n} case {n:file|files} could not be read and {n:was|were} left out; "
                       "run `bapascase check`"),
    # -- spreadsheets to import
    "dmg.xlsx_unreadable": "{path}: the Excel file cannot be read ({reason})",
    "dmg.xlsx_unpacked": ("{path}: the Excel file unpacks too large ({mb} MB; at most {max} MB a part); not "
                          "read"),
    "dmg.xlsx_too_large": ("{path}: the first sheet is too large (up to row {rows}, column {columns}; at most "
                           "{max_rows} rows and {max_columns} columns). Delete the filled cells far outside the "
                           "data (Ctrl+End shows them) and save again"),
    "dmg.column_twice": "a column for this field is written twice (also '{first}'); delete one of them",
    "dmg.import_item": "item [{index}] of this file",
}
