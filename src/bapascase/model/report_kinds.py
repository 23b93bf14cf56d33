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
    KARTU = "kartu"  # the kartu bimbingan: the client's reporting card, with a QR code of the case id


KINDS: tuple[str, ...] = tuple(k.value for k in ReportKind)
FORMATS = ("md", "html", "pdf", "docx")
# formats written only to a file (never to the terminal)
FILE_FORMATS = frozenset({"pdf", "docx"})
# kinds that are always anonymised, whatever the flag says
ALWAYS_ANONYMOUS = frozenset({ReportKind.PRACTICUM})
# kinds that print one legal event (``--event`` chooses which; the latest of its kind by default)
EVENT_KINDS: dict[str, str] = {ReportKind.WARNING: "surat_peringatan", ReportKind.REVOCATION: "usulan_pencabutan",
                               ReportKind.PERTIMBANGAN: "pertimbangan"}
# kinds that print one stage document, which must be recorded (and in effect: a closing reversed by a reopening
# is none) before the report is made; the report's data names it after the stage (``Report.closing``)
STAGE_KINDS: dict[str, str] = {ReportKind.TERMINATION: "termination", ReportKind.CLOSING: "closing"}
# kinds that print a community sentence of UU 1/2023: the intake part of the sentence they need (None: either)
SENTENCE_KINDS: dict[str, str | None] = {ReportKind.SERVICE: "kerja_sosial", ReportKind.PERTIMBANGAN: None}


def applies(kind: str, sentence: str | None) -> bool:
    """Whether a report of ``kind`` can be made for a case whose programme's community sentence is ``sentence``
    (None: the case has none)."""
    if kind not in SENTENCE_KINDS:
        return True
    needed = SENTENCE_KINDS[kind]
    return sentence is not None and (needed is None or sentence == needed)
# documents an office hands in: never "made with bapascase" at their foot, whatever the setting says
OFFICIAL = frozenset({ReportKind.LITMAS, ReportKind.PROGRESS, ReportKind.TERMINATION, ReportKind.CLOSING,
                      ReportKind.WARNING, ReportKind.REVOCATION, ReportKind.PERTIMBANGAN, ReportKind.SERVICE})
# marked "RAHASIA" on every page: always (the Litmas), or unless anonymised
ALWAYS_CONFIDENTIAL = frozenset({ReportKind.LITMAS})
CONFIDENTIAL = frozenset({ReportKind.LITMAS, ReportKind.CASE, ReportKind.PROGRESS, ReportKind.TERMINATION,
                          ReportKind.CLOSING, ReportKind.REVOCATION, ReportKind.PERTIMBANGAN, ReportKind.SERVICE})

# what an official report prints from the settings (letterhead, the signature block): a report of one of these
# kinds names each one not set, with how to set it (``workflow.officers.missing_settings``); other kinds need none
_LETTERHEAD = ("office.name", "office.kanwil", "office.ministry", "office.city")
NEEDS_SETTINGS: dict[str, tuple[str, ...]] = {
    ReportKind.LITMAS: (*_LETTERHEAD, "officers.kepala", "officers.kasubsi"),
    ReportKind.PROGRESS: (*_LETTERHEAD, "officers.kepala"),
    ReportKind.TERMINATION: (*_LETTERHEAD, "officers.kepala"),
    # the letters at the legal frame, signed by the Kepala Bapas (the revocation proposal goes to the Kanwil)
    ReportKind.CLOSING: (*_LETTERHEAD, "officers.kepala"),
    ReportKind.WARNING: (*_LETTERHEAD, "officers.kepala"),
    ReportKind.REVOCATION: (*_LETTERHEAD, "officers.kepala"),
    # the community sentences: the PK's pertimbangan to the prosecutor, the report of the hours worked
    ReportKind.PERTIMBANGAN: (*_LETTERHEAD, "officers.kepala"),
    ReportKind.SERVICE: (*_LETTERHEAD, "officers.kepala"),
    ReportKind.CASE: ("office.name",),
    ReportKind.KARTU: ("office.name",),
}
