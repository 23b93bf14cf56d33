"""English catalog: security and data protection (templates, symbolic links, limits, cut-short writes)."""

MESSAGES: dict[str, str] = {
    # -- templates of the casebook
    "sec.template_outside": "Template {name} leads outside the casebook's templates/ folder (a symbolic link); refused.",
    "sec.template_too_big": "Template {name} is too big (over {limit} KB); not read.",
    "sec.limit_time": "The report template ran for more than {seconds} seconds (an endless loop?); stopped.",
    "sec.limit_output": "The report template produced more than {mb} MB; stopped.",
    "sec.limit_value": "The report template built a value that is too big (text, list, number or width); stopped.",
    "sec.limit_memory": "The report template used more than {memory} MB of memory; stopped.",
    # -- files that are not what they should be
    "sec.not_regular": "{path} is not a regular file (a FIFO, a device or a folder); not read.",
    # -- loading YAML and JSON
    "yaml.duplicate_key": "key '{key}' is written twice (first on line {line}); remove one of them",
    "yaml.duplicate_key_here": "key '{key}' is written twice in one part; remove one of them",
    "yaml.alias": "YAML aliases (*name) expand to too many values; write the values themselves",
    "yaml.alias_recursive": "a YAML alias (*name) refers to a part that contains it",
    "yaml.p.colon": "a colon (:) where one is not allowed; should the value be in quotes?",
    "yaml.p.indent": "the layout is uneven: this line does not line up with the keys above it (check the leading spaces)",
    "yaml.p.dash": "an uneven list: list items (-) and keys mixed at the same level",
    "yaml.p.bracket": "a list [ ... ] not closed with ]",
    "yaml.p.brace": "a part in curly braces not closed with a closing brace",
    "yaml.p.colon_missing": "the colon (:) after a key is missing",
    "yaml.p.token": "a character that cannot start a value (a tab, @ or `); put the value in quotes",
    "yaml.p.tab": "a tab character indents a line; YAML accepts only spaces",
    "yaml.p.alias": "a YAML alias (*name) refers to an anchor (&name) that does not exist",
    "yaml.p.escape": "an unknown \\ escape inside double quotes",
    "yaml.p.end": "the file ends before a quote or a part is closed",
    "yaml.p.key": "a key that is a list or a part; keys must be text",
    "yaml.p.tag": "a YAML tag (!!...) that is not allowed; only text, numbers, dates, lists and parts",
    "yaml.p.control": "a control character, which YAML does not allow",
    "yaml.p.value": "an expected value is missing (check the quotes and the leading spaces)",
    "yaml.too_deep": "the document is nested too deeply",
    "sec.too_big": "{path} is too big (over {mb} MB); not read.",
    # -- dates and numbers
    "val.bc_date_range": "date '{value}' is outside the sensible range ({min} to {max})",
    "yaml.number_too_long": "a number too long to read",
    "sec.list_index": "Column {column}: a list position can be at most {max}.",
    # -- files cut short
    "sec.cut_short": "the file stops before its closing line '{marker}': it may have been cut short (a full disk, a crash or a copy that stopped). Look with `git diff`, restore it with `git checkout -- FILE`; if you removed that line yourself, put it back.",
    "migrate.end_marker": "{n} {n:document now ends|documents now end} with the closing line '{marker}' (written before bapascase marked the end of its files); bapascase.yaml records `end_marker: true`, so a file cut short from now on is caught",
    "migrate.end_marker_skipped": "{path}: cannot be read as YAML; no closing line added (its problem is named below)",
    "sec.unmarked": "{n} {n:document was|documents were} written before bapascase marked the end of its files with '{marker}' (nothing wrong with them); `bapascase check --fix` adds that line so that a file cut short can be caught.",
    "sec.csv_unreadable": "Cannot read the CSV {path}: {reason}",
    # -- symbolic links and staging
    "sec.outside": "{path} is a symbolic link leading outside the casebook (or outside its case folder); neither read nor written.",
    "sec.link_out": "a symbolic link leading out of its folder; neither read nor written. Remove the link and keep the file here.",
    "sec.staging_left": "{path}: a temporary folder from a `new` or `import` that was stopped (not a case). Run the command again if needed; `bapascase check --fix` removes it after an hour.",
    "sec.staging_removed": "Temporary folder removed: {path}",
    # -- report output
    "sec.output_link": "{path} is a symbolic link; a report is neither written through it nor replaces it. Choose another file name.",
    "sec.output_special": "{path} is not a regular file (a device, a FIFO or a folder); no report is written there.",
    "sec.output_casebook": "{path} is one of the casebook's own files (bapascase.yaml, .git/, .bapascase/, templates/, schemas/, instruments/): output never replaces it. Choose another file name.",
    "sec.output_in_cases": "{path} is inside cases/: nothing is written among the cases but a report into its own case's reports/ folder (a file elsewhere there would be taken for a case, replace a recorded document or file one client's data with another's). Use report --file, or choose another folder.",
    # -- anonymisation
    "rpt.anon.contact": "(contact withheld)",
    "rpt.anon.date": "(date withheld)",
    "val.literal_error": "must be one of {expected}",
}
