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
    CLOSING = "closing"  # the report at the legal end of supervision
    WARNING = "warning"  # a warning letter (surat peringatan)
    REVOCATION = "revocation"  # the revocation proposal to the Kanwil


KINDS: tuple[str, ...] = tuple(k.value for k in ReportKind)
FORMATS = ("md", "html", "pdf")
# kinds that are always anonymised, whatever the flag says
ALWAYS_ANONYMOUS = frozenset({ReportKind.PRACTICUM})
# kinds that print one legal event (``--event`` chooses which; the latest of its kind by default)
EVENT_KINDS: dict[str, str] = {ReportKind.WARNING: "surat_peringatan", ReportKind.REVOCATION: "usulan_pencabutan"}
# documents an office hands in: never "made with bapascase" at their foot, whatever the setting says
OFFICIAL = frozenset({ReportKind.LITMAS, ReportKind.PROGRESS, ReportKind.TERMINATION, ReportKind.CLOSING,
                      ReportKind.WARNING, ReportKind.REVOCATION})
# marked "RAHASIA" on every page: always (the Litmas), or unless anonymised
ALWAYS_CONFIDENTIAL = frozenset({ReportKind.LITMAS})
CONFIDENTIAL = frozenset({ReportKind.LITMAS, ReportKind.CASE, ReportKind.PROGRESS, ReportKind.TERMINATION,
                          ReportKind.CLOSING, ReportKind.REVOCATION})
