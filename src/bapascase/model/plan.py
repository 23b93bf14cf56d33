"""Planning, ``plan.yaml``: goals tied to needs, the activities that serve them, the theory basis, home visits."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ModelWrapValidatorHandler, model_validator
from pydantic_core import PydanticCustomError

from bapascase.model.base import Choice, Doc, Part, Privacy, field
from bapascase.model.refs import check_short_id, id_schema, id_scope, known_in, raw_ids, unique_in
from bapascase.model.types import Date, Text


class ActivityType(Choice):
    """The kinds of guidance activity (used by the plan and by every intervention session)."""

    BIMBINGAN_KEPRIBADIAN = (
        "bimbingan_kepribadian", "Bimbingan kepribadian", "Personality guidance (faith, law, health, attitude)"
    )
    BIMBINGAN_KEMANDIRIAN = "bimbingan_kemandirian", "Bimbingan kemandirian", "Independence guidance (skills, work)"
    KONSELING_INDIVIDU = "konseling_individu", "Konseling individu", "Individual counselling"
    BIMBINGAN_KELOMPOK = "bimbingan_kelompok", "Bimbingan kelompok", "Group guidance"
    PELATIHAN_KETERAMPILAN = "pelatihan_keterampilan", "Pelatihan keterampilan", "Skills training"
    KUNJUNGAN_RUMAH = "kunjungan_rumah", "Kunjungan rumah", "Home visit"
    RUJUKAN = "rujukan", "Rujukan", "Referral"
    LAINNYA = "lainnya", "Lainnya", "Other"


class Theory(Choice):
    EKOLOGI = "ekologi", "Teori ekologi (Bronfenbrenner)", "Ecological theory (Bronfenbrenner)"
    KEKUATAN = "kekuatan", "Perspektif kekuatan (strengths-based)", "Strengths-based perspective"
    PERAN = "peran", "Teori peran sosial", "Role theory"
    KOGNITIF_PERILAKU = "kognitif_perilaku", "Kognitif-perilaku (CBT)", "Cognitive-behavioural (CBT)"
    RNR = "rnr", "Risk-Need-Responsivity (RNR)", "Risk-Need-Responsivity (RNR)"
    SISTEM = "sistem", "Teori sistem", "Systems theory"
    LAINNYA = "lainnya", "Lainnya", "Other"


GoalId = Annotated[str, BeforeValidator(check_short_id), AfterValidator(unique_in("goal")), id_schema("T1")]
GoalRef = Annotated[
    str, BeforeValidator(check_short_id), AfterValidator(known_in("goal", "bc_goal_unknown")), id_schema("T1")
]


class Goal(Part):
    id: GoalId = field(
        "Kode tujuan", "Goal id", "Kode pendek, unik dalam rencana: T1, T2, ...",
        "A short id, unique within the plan: T1, T2, ...", privacy=Privacy.NOT_PERSONAL,
    )
    need: str | None = field(
        "Kebutuhan yang dijawab", "Need addressed", "Dari hasil asesmen.", "From the assessment.", default=None, privacy=Privacy.FREE_TEXT
    )
    objective: Text = field(
        "Tujuan", "Objective", "Contoh: Klien memiliki keterampilan pangkas rambut untuk membuka usaha.",
        "E.g. The client has barbering skills to open a business.", privacy=Privacy.FREE_TEXT,
    )
    indicators: list[Text] = field(
        "Indikator keberhasilan", "Indicators", "Satu per baris.", "One per line.", default_factory=list, privacy=Privacy.FREE_TEXT
    )
    target_date: Date | None = field(
        "Target tercapai", "Target date", default=None, privacy=Privacy.NOT_PERSONAL,
    )


class Activity(Part):
    type: ActivityType = field("Jenis kegiatan", "Activity type")
    name: Text = field(
        "Nama kegiatan", "Activity", "Contoh: Pelatihan pangkas rambut.", "E.g. Barbering course.", privacy=Privacy.FREE_TEXT
    )
    description: str | None = field("Uraian", "Description", default=None, long=True)
    partner: str | None = field(
        "Mitra / narasumber", "Partner / speaker", "Contoh: Pendeta gereja, Kanwil.", "E.g. the church pastor, the Kanwil.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    venue: str | None = field(
        "Tempat", "Venue", "Contoh: Griya Abhipraya.", "E.g. Griya Abhipraya.", default=None, privacy=Privacy.FREE_TEXT,
    )
    schedule: str | None = field(
        "Jadwal", "Schedule", "Contoh: Setiap Selasa, Maret–Mei 2026.", "E.g. Every Tuesday, March–May 2026.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    start_date: Date | None = field("Mulai", "Start", default=None, privacy=Privacy.NOT_PERSONAL)
    end_date: Date | None = field("Selesai", "End", default=None, privacy=Privacy.NOT_PERSONAL)
    responsible: str | None = field(
        "Penanggung jawab", "Responsible", "Siapa yang melaksanakan.", "Who carries it out.", default=None, privacy=Privacy.FREE_TEXT
    )
    goal_ids: list[GoalRef] = field(
        "Untuk tujuan", "For goals", "Kode tujuan, satu per baris (mis. T1).", "Goal ids, one per line (e.g. T1).",
        default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )

    @model_validator(mode="after")
    def _period_in_order(self) -> Activity:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise PydanticCustomError("bc_end_before_start_date", "end before start", {"field": "end_date"})
        return self


class HomeVisit(Part):
    date: Date | None = field("Rencana tanggal", "Planned date", default=None, privacy=Privacy.NOT_PERSONAL)
    purpose: Text = field(
        "Tujuan kunjungan", "Purpose", "Contoh: Bertemu penjamin.", "E.g. Meet the guarantor.", privacy=Privacy.FREE_TEXT,
    )
    participants: list[Text] = field(
        "Yang ikut", "Who goes", "PK, praktikan, ... satu per baris.", "PK, student, ... one per line.",
        default_factory=list, privacy=Privacy.FREE_TEXT,
    )
    goal_ids: list[GoalRef] = field(
        "Untuk tujuan", "For goals", default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )
    notes: str | None = field("Catatan", "Notes", default=None, long=True)


class PlanDoc(Doc):
    """Rencana intervensi: what the client and PK will work on, how, with whom and when."""

    doc_name = "plan"
    title_id = "Rencana intervensi"
    title_en = "Intervention plan"
    short_title_id = "Rencana"
    short_title_en = "Plan"

    date: Date = field("Tanggal rencana", "Plan date", privacy=Privacy.NOT_PERSONAL)
    summary: str | None = field(
        "Ringkasan rencana", "Plan summary", default=None, long=True
    )
    goals: list[Goal] = field("Tujuan", "Goals", min_length=1)
    activities: list[Activity] = field("Kegiatan", "Activities", default_factory=list)
    home_visits: list[HomeVisit] = field("Rencana kunjungan rumah", "Planned home visits", default_factory=list)
    theories: list[Theory] = field("Dasar teori", "Theories", default_factory=list)
    theory_basis: str | None = field(
        "Uraian dasar teori", "Theory basis", "Mengapa teori itu dipakai untuk klien ini.",
        "Why these theories fit this client.", default=None, long=True,
    )
    agreed_with_client: bool = field(
        "Disepakati bersama klien", "Agreed with the client", default=False
    )
    review_date: Date | None = field(
        "Tanggal evaluasi rencana", "Plan review date", default=None, privacy=Privacy.NOT_PERSONAL,
    )

    @model_validator(mode="wrap")
    @classmethod
    def _goal_scope(cls, data: Any, handler: ModelWrapValidatorHandler[PlanDoc]) -> PlanDoc:
        with id_scope("goal", raw_ids(data, "goals", "id")):
            return handler(data)
