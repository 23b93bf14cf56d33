"""English catalog: places withheld (workplaces, business places, schools) in anonymised reports."""

MESSAGES: dict[str, str] = {
    "rpt.anonplace.place": "(place withheld)",
}
