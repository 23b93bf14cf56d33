"""English catalog: damaged or unreadable files (conflicts, files that hold no document, odd imports)."""

MESSAGES: dict[str, str] = {
    # -- a stage file that holds no document: never read as one, never replaced
    "dmg.not_a_document": ("it holds no document (a mapping of field: value), so it is neither read nor replaced; "
                           "fix the file or open it with `bapascase edit`"),
    # -- a caseload read that had to leave files out (list, due, stats, dashboard...)
    "dmg.unreadable": ("Warning: {n} case {n:file|files} could not be read; what {n:it holds|they hold} was left "
                       "out (the cases are still shown, without it); run `bapascase check`"),
    # -- spreadsheets to import
    "dmg.xlsx_unreadable": "{path}: the Excel file cannot be read ({reason})",
    "dmg.xlsx_unpacked": ("{path}: the Excel file unpacks too large ({mb} MB; at most {max} MB a part); not "
                          "read"),
    "dmg.csv_too_large": "{path}: more than {max_rows} rows; import the clients in parts of fewer rows",
    "dmg.xlsx_too_large": ("{path}: the first sheet is too large (up to row {rows}, column {columns}; at most "
                           "{max_rows} rows and {max_columns} columns). Delete the filled cells far outside the "
                           "data (Ctrl+End shows them) and save again"),
    # -- why a spreadsheet cannot be read (the parsers' own words are English)
    "dmg.why.not_workbook": "not a whole Excel .xlsx workbook; save it again as .xlsx or CSV",
    "dmg.why.xml_at": "its sheet's XML is broken or holds a DTD/entities, line {line} column {column}",
    "dmg.why.xml": "its sheet's XML is broken or holds a DTD/entities",
    "dmg.why.other": "its content cannot be parsed ({kind})",
    "dmg.why.csv_field_limit": "line {line}: a cell is longer than {max} characters",
    "dmg.why.csv_other": "line {line}: not readable CSV text",
    "dmg.column_twice": "a column for this field is written twice (also '{first}'); delete one of them",
    "dmg.import_item": "item [{index}] of this file",
}
