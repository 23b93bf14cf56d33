"""A work session of pidana kerja sosial, one file per session in ``service/``: the day, the placement, the time
worked, attendance, the tasks done and what the supervisor on site said.

The hours a session credits are derived (``clock.session_hours``): the hours recorded, else the time from start
to end, none when absent. The rules across sessions (at most 8 hours in one day, within the period, not beyond
the hours ordered) need the case and the other sessions: ``workflow/stages/service.py`` applies them, for
recording and ``check`` alike.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from bapascase.model import hours as clock
from bapascase.model.base import Choice, Doc, Part, Privacy, field
from bapascase.model.intervention import AttachmentPath
from bapascase.model.refs import check_short_id, id_schema
from bapascase.model.types import Date, Text


class ServiceAttendance(Choice):
    HADIR = "hadir", "Hadir tepat waktu", "Present on time"
    TERLAMBAT = "terlambat", "Terlambat", "Late"
    PULANG_AWAL = "pulang_awal", "Pulang lebih awal", "Left early"
    TIDAK_HADIR = "tidak_hadir", "Tidak hadir", "Absent"


# the attendances that need their reason recorded
REASON_NEEDED = (ServiceAttendance.PULANG_AWAL.value, ServiceAttendance.TIDAK_HADIR.value)
WORKED = (ServiceAttendance.HADIR.value, ServiceAttendance.TERLAMBAT.value, ServiceAttendance.PULANG_AWAL.value)


class ServiceIncidentKind(Choice):
    KECELAKAAN = "kecelakaan_kerja", "Kecelakaan kerja", "Accident at work"
    PERSELISIHAN = "perselisihan", "Perselisihan", "Dispute"
    TATA_TERTIB = "tata_tertib", "Melanggar tata tertib tempat kerja", "Breach of the placement's rules"
    LAINNYA = "lainnya", "Lainnya", "Other"


def parse_clock(value: Any) -> Any:
    """A time of day as ``HH:MM``: "8:00", "08.00" (as Indonesians write it), or what YAML made of an unquoted
    13:30 (the number 810)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    minutes = clock.clock_minutes(value)
    if minutes is None:
        raise PydanticCustomError("bc_clock", "not a time of day", {"value": str(value)})
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


Clock = Annotated[str, BeforeValidator(parse_clock),
                  Field(json_schema_extra={"pattern": r"^([01]?\d|2[0-3])[:.][0-5]\d$", "examples": ["08:00"]})]
PlacementRef = Annotated[str, BeforeValidator(check_short_id), id_schema("L1")]


class ServiceIncident(Part):
    kind: ServiceIncidentKind = field("Jenis kejadian", "Kind")
    description: Text = field("Uraian", "Description", long=True)
    action: str | None = field("Tindakan", "Action taken", default=None, long=True)


class ServiceDoc(Doc):
    """One work session of pidana kerja sosial."""

    doc_name = "service"
    title_id = "Sesi kerja sosial"
    title_en = "Community service session"
    short_title_id = "Kerja sosial"
    short_title_en = "Community service"

    date: Date = field("Tanggal", "Date", happened=True, privacy=Privacy.NOT_PERSONAL)
    placement: PlacementRef = field(
        "Tempat kerja sosial", "Placement", "Kode tempat dari registrasi (L1, ...).", "The placement's id from the "
        "intake (L1, ...).", privacy=Privacy.NOT_PERSONAL,
    )
    attendance: ServiceAttendance = field("Kehadiran", "Attendance")
    reason: str | None = field(
        "Alasan", "Reason", "Wajib bila pulang lebih awal atau tidak hadir.", "Required when leaving early or absent.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    start: Clock | None = field(
        "Jam mulai", "Start", "Contoh: 08.00.", "E.g. 08:00.", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    end: Clock | None = field(
        "Jam selesai", "End", "Contoh: 12.00.", "E.g. 12:00.", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    hours: float | None = field(
        "Jam yang dihitung", "Hours credited", "Kosong = dari jam mulai sampai selesai; diisi bila ada istirahat.",
        "Empty = from start to end; give it when there was a break.", default=None, ge=0, le=24, multiple_of=0.25,
    )
    tasks: list[Text] = field(
        "Pekerjaan yang dilakukan", "Tasks done", "Satu per baris.", "One per line.", default_factory=list,
        privacy=Privacy.FREE_TEXT,
    )
    supervisor_remarks: str | None = field(
        "Catatan pembimbing di lokasi", "The on-site supervisor's remarks", default=None, long=True,
    )
    incidents: list[ServiceIncident] = field("Kejadian", "Incidents", default_factory=list)
    notes: str | None = field("Catatan PK", "The PK's notes", default=None, long=True)
    proof: AttachmentPath | None = field(
        "Bukti", "Proof", "Daftar hadir atau foto di folder attachments/, mis. absensi-2026-03-07.jpg.",
        "An attendance sheet or photo in attachments/, e.g. absensi-2026-03-07.jpg.", default=None,
        privacy=Privacy.FILE,
    )

    @model_validator(mode="after")
    def _time_worked(self) -> ServiceDoc:
        absent = self.attendance == ServiceAttendance.TIDAK_HADIR
        if self.attendance.value in REASON_NEEDED and not (self.reason or "").strip():
            raise PydanticCustomError("bc_service_reason", "a reason is needed", {"field": "reason"})
        a, b = clock.clock_minutes(self.start), clock.clock_minutes(self.end)
        if absent:
            if a is not None or b is not None or self.hours:
                raise PydanticCustomError("bc_absent_hours", "no hours when absent", {"field": "hours"})
            return self
        if (a is None) != (b is None):
            raise PydanticCustomError("bc_start_and_end", "start and end go together",
                                      {"field": "end" if b is None else "start"})
        if a is not None and b is not None and b <= a:
            raise PydanticCustomError("bc_end_before_start_time", "ends before it starts", {"field": "end"})
        if a is None and self.hours is None:
            raise PydanticCustomError("bc_service_hours_needed", "the time worked is needed", {"field": "hours"})
        if a is not None and b is not None and self.hours is not None and self.hours > (b - a) / 60:
            raise PydanticCustomError("bc_hours_beyond_times", "more hours than the time on site",
                                      {"field": "hours", "start": self.start, "end": self.end})
        if self.credited() <= 0:
            raise PydanticCustomError("bc_service_no_hours", "no hours worked", {"field": "hours"})
        return self

    def credited(self) -> float:
        """The hours this session counts towards the order."""
        return clock.session_hours(self.start, self.end, self.hours, self.attendance.value)
