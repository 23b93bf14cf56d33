"""The reports bapascase makes and the formats it writes them in (plain Python: the CLI lists them in ``--help``
without importing the report machinery)."""

from __future__ import annotations

from enum import StrEnum


class ReportKind(StrEnum):
    CASE = "case"  # the complete case file: every answer ever recorded
    LITMAS = "litmas"
    PROGRESS = "progress"
    TERMINATION = "termination"
    PRACTICUM = "practicum"


KINDS: tuple[str, ...] = tuple(k.value for k in ReportKind)
FORMATS = ("md", "html", "pdf")
# kinds that are always anonymised, whatever the flag says
ALWAYS_ANONYMOUS = frozenset({ReportKind.PRACTICUM})

# what an official report prints from the settings (letterhead, the signature block): a report of one of these
# kinds names each one not set, with how to set it (``workflow.officers.missing_settings``); other kinds need none
_LETTERHEAD = ("office.name", "office.kanwil", "office.ministry", "office.city")
NEEDS_SETTINGS: dict[str, tuple[str, ...]] = {
    ReportKind.LITMAS: (*_LETTERHEAD, "officers.kepala", "officers.kasubsi"),
    ReportKind.PROGRESS: (*_LETTERHEAD, "officers.kepala"),
    ReportKind.CASE: ("office.name",),
}
