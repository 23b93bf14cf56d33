"""English catalog: the "validated at write" stamps (``store.stamps``)."""

MESSAGES: dict[str, str] = {
    "opt.check_full": "Check every file in full, also those whose validation stamp still matches "
                      "(.bapascase/stamps.sqlite3).",
}
