"""Monitoring, one file per entry in ``monitoring/``: wajib lapor, attendance, ratings, progress per goal."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ModelWrapValidatorHandler, model_validator
from pydantic_core import PydanticCustomError

from bapascase.i18n import pick
from bapascase.model.base import Choice, Doc, Part, Privacy, field
from bapascase.model.refs import check_short_id, id_schema, id_scope, raw_ids, unique_in
from bapascase.model.types import Date, Text

# 1..5 ratings of engagement, response and behaviour change: (Indonesian, English)
RATING_LABELS: dict[int, tuple[str, str]] = {
    1: ("Sangat kurang", "Very poor"),
    2: ("Kurang", "Poor"),
    3: ("Cukup", "Fair"),
    4: ("Baik", "Good"),
    5: ("Sangat baik", "Very good"),
}
_RATING_HELP_ID = "1 = sangat kurang, 2 = kurang, 3 = cukup, 4 = baik, 5 = sangat baik."
_RATING_HELP_EN = "1 = very poor, 2 = poor, 3 = fair, 4 = good, 5 = very good."


def rating_label(value: int | None, lang: str | None = None) -> str:
    """``Baik`` for 4 (``Good`` in English); empty for no rating."""
    if value is None or value not in RATING_LABELS:
        return ""
    label_id, label_en = RATING_LABELS[value]
    return pick(label_id, label_en, lang)


class WajibLaporStatus(Choice):
    HADIR = "hadir", "Hadir langsung", "Present in person"
    JARAK_JAUH = "jarak_jauh", "Jarak jauh (dengan alasan)", "Remote (with a reason)"
    TIDAK_HADIR = "tidak_hadir", "Tidak hadir", "Absent"


class ProgressStatus(Choice):
    TERCAPAI = "tercapai", "Tercapai", "Achieved"
    BERJALAN = "berjalan", "Sedang berjalan", "In progress"
    BELUM = "belum", "Belum dimulai", "Not started"
    TIDAK_RELEVAN = "tidak_relevan", "Tidak relevan lagi", "No longer relevant"


class MonitoringMethod(Choice):
    OBSERVASI = "observasi", "Observasi langsung", "Direct observation"
    WAWANCARA = "wawancara", "Wawancara", "Interview"
    KUNJUNGAN_RUMAH = "kunjungan_rumah", "Kunjungan rumah", "Home visit"
    TELEPON = "telepon", "Telepon / daring", "Phone / online"
    LAPORAN_PIHAK_LAIN = "laporan_pihak_lain", "Keterangan pihak lain", "Reports from others"
    DOKUMEN = "dokumen", "Catatan / dokumen", "Records / documents"


class IncidentKind(Choice):
    """Incidents and violations; most are grounds for revocation (pencabutan)."""

    TIDAK_WAJIB_LAPOR = "tidak_wajib_lapor", "Tidak wajib lapor", "Missed mandatory reporting"
    TINDAK_PIDANA_BARU = "tindak_pidana_baru", "Tindak pidana baru", "New offence"
    MERESAHKAN = "meresahkan", "Menimbulkan keresahan masyarakat", "Causing public unrest"
    PINDAH_ALAMAT = "pindah_alamat", "Pindah alamat tanpa lapor", "Unreported change of address"
    TIDAK_IKUT_PROGRAM = "tidak_ikut_program", "Tidak mengikuti program", "Not following the programme"
    NARKOBA_ALKOHOL = "narkoba_alkohol", "Penggunaan narkoba/alkohol", "Drug/alcohol use"
    LAINNYA = "lainnya", "Lainnya", "Other"


class Period(Part):
    start: Date = field("Dari", "From", privacy=Privacy.NOT_PERSONAL)
    end: Date = field("Sampai", "To", privacy=Privacy.NOT_PERSONAL)

    @model_validator(mode="after")
    def _in_order(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError("bc_end_before_start_date", "end before start", {"field": "end"})
        return self


class WajibLapor(Part):
    status: WajibLaporStatus = field("Status wajib lapor", "Mandatory reporting")
    reason: str | None = field(
        "Alasan / keterangan", "Reason / explanation", "Wajib diisi bila jarak jauh.", "Required when remote.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    notes: str | None = field("Catatan", "Notes", default=None, privacy=Privacy.FREE_TEXT)

    @model_validator(mode="after")
    def _remote_needs_reason(self) -> WajibLapor:
        if self.status == WajibLaporStatus.JARAK_JAUH and not (self.reason or "").strip():
            raise PydanticCustomError("bc_wl_remote_reason", "remote reporting needs a reason", {"field": "reason"})
        return self


class Attendance(Part):
    activity: Text = field(
        "Kegiatan", "Activity", "Kegiatan dari rencana, mis. Pelatihan pangkas rambut.",
        "An activity from the plan, e.g. barbering course.", privacy=Privacy.FREE_TEXT,
    )
    planned: int | None = field("Sesi terjadwal", "Sessions planned", default=None, ge=0, le=1000)
    attended: int | None = field("Sesi dihadiri", "Sessions attended", default=None, ge=0, le=1000)
    notes: str | None = field("Catatan", "Notes", default=None, privacy=Privacy.FREE_TEXT)

    @model_validator(mode="after")
    def _not_more_than_planned(self) -> Attendance:
        if self.planned is not None and self.attended is not None and self.attended > self.planned:
            raise PydanticCustomError(
                "bc_attended_more", "attended more than planned", {"field": "attended", "planned": self.planned}
            )
        return self


class Ratings(Part):
    engagement: int | None = field(
        "Keterlibatan", "Engagement", _RATING_HELP_ID, _RATING_HELP_EN, default=None, ge=1, le=5
    )
    response: int | None = field("Respons", "Response", _RATING_HELP_ID, _RATING_HELP_EN, default=None, ge=1, le=5)
    behaviour_change: int | None = field(
        "Perubahan perilaku", "Behaviour change", _RATING_HELP_ID, _RATING_HELP_EN, default=None, ge=1, le=5
    )
    notes: str | None = field("Catatan penilaian", "Rating notes", default=None, long=True)


ProgressGoalId = Annotated[
    str, BeforeValidator(check_short_id), AfterValidator(unique_in("progress")), id_schema("T1")
]


class GoalProgress(Part):
    goal_id: ProgressGoalId = field(
        "Kode tujuan", "Goal id", "Dari rencana (T1, T2, ...).", "From the plan (T1, T2, ...).", privacy=Privacy.NOT_PERSONAL,
    )
    status: ProgressStatus = field("Kemajuan", "Progress")
    notes: str | None = field("Catatan", "Notes", default=None, long=True)


class Incident(Part):
    date: Date | None = field("Tanggal", "Date", default=None, happened=True, privacy=Privacy.NOT_PERSONAL)
    kind: IncidentKind = field("Jenis", "Kind")
    description: Text = field("Uraian", "Description", long=True)
    action: str | None = field("Tindakan PK", "Action taken", default=None, long=True)


class MonitoringDoc(Doc):
    """One monitoring entry: the wajib-lapor record and how the client is doing against the plan."""

    doc_name = "monitoring"
    title_id = "Monitoring"
    title_en = "Monitoring"

    date: Date = field("Tanggal monitoring", "Monitoring date", happened=True, privacy=Privacy.NOT_PERSONAL)
    period: Period | None = field(
        "Periode", "Period", "Rentang waktu yang dipantau (mis. satu bulan).", "The span monitored (e.g. a month).",
        default=None,
    )
    methods: list[MonitoringMethod] = field("Metode", "Methods", default_factory=list)
    wajib_lapor: WajibLapor = field("Wajib lapor", "Mandatory reporting")
    attendance: list[Attendance] = field(
        "Kehadiran pada kegiatan", "Attendance at planned activities", default_factory=list
    )
    ratings: Ratings = field(
        "Penilaian (1–5)", "Ratings (1–5)", "Keterlibatan, respons dan perubahan perilaku.",
        "Engagement, response and behaviour change.", default_factory=Ratings,
    )
    progress: list[GoalProgress] = field(
        "Kemajuan per tujuan", "Progress per goal", "Satu baris per tujuan rencana.", "One row per plan goal.",
        default_factory=list,
    )
    incidents: list[Incident] = field(
        "Kejadian dan pelanggaran", "Incidents and violations", default_factory=list
    )
    observations: str | None = field(
        "Hasil pengamatan", "Observations", "Perkembangan klien selama periode ini.",
        "How the client developed during the period.", default=None, long=True,
    )
    obstacles: str | None = field("Hambatan", "Obstacles", default=None, long=True)
    next_steps: str | None = field("Langkah selanjutnya", "Next steps", default=None, long=True)
    next_date: Date | None = field(
        "Wajib lapor berikutnya", "Next report due", "Kosong = sesuai interval kontrak.",
        "Empty = per the contract's interval.", default=None, privacy=Privacy.NOT_PERSONAL,
    )

    @model_validator(mode="wrap")
    @classmethod
    def _progress_scope(cls, data: Any, handler: ModelWrapValidatorHandler[MonitoringDoc]) -> MonitoringDoc:
        with id_scope("progress", raw_ids(data, "progress", "goal_id")):
            return handler(data)

    @model_validator(mode="after")
    def _next_after_date(self) -> MonitoringDoc:
        if self.next_date is not None and self.next_date < self.date:
            raise PydanticCustomError("bc_next_before_date", "next date before this date", {"field": "next_date"})
        return self
