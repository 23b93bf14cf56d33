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
    PERTIMBANGAN = "pertimbangan"  # the PK's consideration to the prosecutor (pidana pengawasan, kerja sosial)
    SERVICE = "service"  # the progress or completion report of pidana kerja sosial


KINDS: tuple[str, ...] = tuple(k.value for k in ReportKind)
FORMATS = ("md", "html", "pdf")
# kinds that are always anonymised, whatever the flag says
ALWAYS_ANONYMOUS = frozenset({ReportKind.PRACTICUM})
# kinds that print one legal event (``--event`` chooses which; the latest of its kind by default)
EVENT_KINDS: dict[str, str] = {ReportKind.WARNING: "surat_peringatan", ReportKind.REVOCATION: "usulan_pencabutan",
                               ReportKind.PERTIMBANGAN: "pertimbangan"}
# kinds that print a community sentence of UU 1/2023: the intake part of the sentence they need (None: either)
SENTENCE_KINDS: dict[str, str | None] = {ReportKind.SERVICE: "kerja_sosial", ReportKind.PERTIMBANGAN: None}
