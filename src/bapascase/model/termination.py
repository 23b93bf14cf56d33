"""Termination, ``termination.yaml``: the end of the casework relationship (the seed's sixth stage), the final
evaluation, what the client keeps. Supervision goes on after it until its legal end (``closing.yaml``)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ModelWrapValidatorHandler, model_validator
from pydantic_core import PydanticCustomError

from bapascase.model.base import Choice, Doc, Part, Privacy, field
from bapascase.model.monitoring import ProgressStatus
from bapascase.model.refs import check_short_id, id_schema, id_scope, raw_ids, unique_in
from bapascase.model.types import Date, Text


class TerminationReason(Choice):
    """Why the casework relationship ends. Never a legal ground: those end supervision (``closing.yaml``)."""

    TUJUAN_TERCAPAI = "tujuan_tercapai", "Tujuan tercapai", "Goals achieved"
    PRAKTIKUM_SELESAI = "praktikum_selesai", "Masa praktikum berakhir", "The practicum ends"
    RUJUKAN = "rujukan", "Dirujuk ke layanan lain", "Referred to another service"
    PERMINTAAN_KLIEN = "permintaan_klien", "Atas permintaan klien", "At the client's request"
    LAINNYA = "lainnya", "Lainnya", "Other"


def _not_a_legal_ground(value: Any) -> Any:
    """A legal ground of pengakhiran bimbingan (``ekspirasi``, from before the two ends were told apart) is not a
    casework reason: say where it belongs instead of listing the choices."""
    from bapascase.model.derive import LEGACY_TERMINATION_GROUNDS

    if isinstance(value, str) and value in LEGACY_TERMINATION_GROUNDS:
        raise PydanticCustomError("bc_legal_ground", "a legal ground, not a casework reason", {"value": value})
    return value


class Evaluation(Part):
    changes_observed: str | None = field(
        "Perubahan yang terlihat", "Changes observed", "Apa yang berubah pada klien selama bimbingan.",
        "What changed in the client during supervision.", default=None, long=True,
    )
    client_reflection: str | None = field(
        "Refleksi klien", "Client's reflection", "Pengalaman, perubahan yang dirasakan dan harapan klien.",
        "The client's experience, felt changes and hopes.", default=None, long=True,
    )
    officer_feedback: str | None = field(
        "Umpan balik PK", "PK's feedback", "Umpan balik PK/praktikan kepada klien.",
        "The PK's/student's feedback to the client.", default=None, long=True,
    )


OutcomeGoalId = Annotated[
    str, BeforeValidator(check_short_id), AfterValidator(unique_in("outcome")), id_schema("T1")
]


class GoalOutcome(Part):
    goal_id: OutcomeGoalId = field(
        "Kode tujuan", "Goal id", "Dari rencana (T1, ...).", "From the plan (T1, ...).", privacy=Privacy.NOT_PERSONAL,
    )
    status: ProgressStatus = field("Hasil akhir", "Outcome")
    notes: str | None = field("Catatan", "Notes", default=None, long=True)


class TerminationDoc(Doc):
    """Terminasi: the end of the working (helping) relationship and the final evaluation."""

    doc_name = "termination"
    title_id = "Terminasi"
    title_en = "Termination"
    short_title_id = "Terminasi"

    date: Date = field("Tanggal terminasi", "Termination date", happened=True, privacy=Privacy.NOT_PERSONAL)
    reason: Annotated[TerminationReason, BeforeValidator(_not_a_legal_ground)] = field(
        "Alasan terminasi", "Reason", "Alasan berakhirnya relasi pertolongan (bukan dasar hukum pengakhiran).",
        "Why the casework relationship ends (not the legal ground of the end of supervision).",
    )
    reason_other: str | None = field(
        "Alasan lain", "Other reason", "Wajib diisi bila alasannya 'lainnya'.", "Required when the reason is 'other'.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    letter_number: str | None = field(
        "Nomor surat pengakhiran", "Termination letter number", default=None, privacy=Privacy.ID_NUMBER
    )
    evaluation: Evaluation = field("Evaluasi akhir", "Final evaluation", default_factory=Evaluation)
    goal_outcomes: list[GoalOutcome] = field(
        "Hasil per tujuan", "Outcome per goal", "Satu baris per tujuan rencana.", "One row per plan goal.",
        default_factory=list,
    )
    resources_kept: list[Text] = field(
        "Sistem sumber yang tetap dimiliki klien", "Resources the client keeps",
        "Contoh: Istri dan anak, pendeta gereja. Satu per baris.", "E.g. wife and children, the pastor. One per line.",
        default_factory=list, privacy=Privacy.FREE_TEXT,
    )
    recommendations: str | None = field("Rekomendasi", "Recommendations", default=None, long=True)

    @model_validator(mode="wrap")
    @classmethod
    def _outcome_scope(cls, data: Any, handler: ModelWrapValidatorHandler[TerminationDoc]) -> TerminationDoc:
        with id_scope("outcome", raw_ids(data, "goal_outcomes", "goal_id")):
            return handler(data)

    @model_validator(mode="after")
    def _other_needs_text(self) -> TerminationDoc:
        if self.reason == TerminationReason.LAINNYA and not (self.reason_other or "").strip():
            raise PydanticCustomError("bc_reason_other", "other reason needs text", {"field": "reason_other"})
        return self
