"""The legal end of supervision (pengakhiran bimbingan), ``closing.yaml``: its date and its ground.

Not the end of the casework relationship (that is the termination, ``termination.yaml``): after a termination
the client keeps reporting until this legal end. Once it is recorded the case leaves the caseload and every
write needs ``bapascase reopen CASE --reason ...``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from bapascase.model.base import Choice, Doc, Privacy, field
from bapascase.model.grounds import CLOSING_GROUNDS, DIED, OTHER, REVOKED, TRANSFERRED
from bapascase.model.types import Date


def _ground_choice() -> type[Choice]:
    members = [(value.upper(), (value, label_id, label_en)) for value, (label_id, label_en) in CLOSING_GROUNDS.items()]
    made: type[Choice] = Choice("ClosingGround", members)  # type: ignore[arg-type,assignment]
    return made


if TYPE_CHECKING:
    ClosingGround = Choice
else:  # why supervision ends in law: the values and labels of ``model.grounds`` (plain, for the read commands)
    ClosingGround = _ground_choice()

# the fields each ground needs (checked by the model, asked by the interview only for that ground)
GROUND_FIELDS: dict[str, tuple[str, ...]] = {
    REVOKED: ("decree_number", "decree_date"),
    DIED: ("death_date",),
    TRANSFERRED: ("to_bapas",),
    OTHER: ("ground_other",),
}
# fields a ground may have but need not (asked only for that ground)
GROUND_OPTIONAL: dict[str, tuple[str, ...]] = {
    REVOKED: ("decree_by",),
    DIED: ("death_document",),
}


class ClosingDoc(Doc):
    """Pengakhiran bimbingan: the day supervision ends in law, its ground and what the closing report says."""

    doc_name = "closing"
    title_id = "Pengakhiran bimbingan"
    title_en = "End of supervision"
    short_title_id = "Pengakhiran"
    short_title_en = "Closed"

    date: Date = field(
        "Tanggal pengakhiran", "Date supervision ends", "Hari terakhir bimbingan menurut hukum.",
        "The last day of supervision in law.", happened=True, privacy=Privacy.NOT_PERSONAL,
    )
    ground: ClosingGround = field("Dasar pengakhiran", "Ground")
    decree_number: str | None = field(
        "Nomor keputusan pencabutan", "Revocation decree number", "Wajib bila dasarnya pencabutan.",
        "Required for a revocation.", default=None, privacy=Privacy.ID_NUMBER,
    )
    decree_date: Date | None = field(
        "Tanggal keputusan pencabutan", "Revocation decree date", default=None, happened=True, privacy=Privacy.NOT_PERSONAL,
    )
    decree_by: str | None = field(
        "Pejabat yang menetapkan", "Decided by", "Contoh: Direktur Jenderal Pemasyarakatan.",
        "E.g. the Director General of Corrections.", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    death_date: Date | None = field(
        "Tanggal meninggal", "Date of death", default=None, happened=True, privacy=Privacy.NOT_PERSONAL,
    )
    death_document: str | None = field(
        "Surat keterangan kematian", "Death certificate", "Nomor dan penerbit.", "Number and issuer.",
        default=None, privacy=Privacy.ID_NUMBER,
    )
    to_bapas: str | None = field(
        "Bapas tujuan", "Receiving Bapas", "Contoh: Bapas Kelas II Pematangsiantar.",
        "E.g. Bapas Kelas II Pematangsiantar.", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    ground_other: str | None = field(
        "Dasar lain", "Other ground", "Wajib bila dasarnya 'lainnya'.", "Required when the ground is 'other'.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    letter_number: str | None = field(
        "Nomor surat pengakhiran bimbingan", "Closing letter number", default=None, privacy=Privacy.ID_NUMBER,
    )
    summary: str | None = field(
        "Ringkasan pelaksanaan bimbingan", "Summary of the supervision",
        "Kepatuhan wajib lapor, program yang diikuti, perkembangan klien.",
        "Reporting compliance, programmes followed, how the client developed.", default=None, long=True,
    )
    client_condition: str | None = field(
        "Keadaan klien pada akhir bimbingan", "The client at the end of supervision",
        "Pekerjaan, keluarga, tempat tinggal, relasi sosial.", "Work, family, home, social relations.",
        default=None, long=True,
    )
    recommendations: str | None = field("Saran", "Advice", default=None, long=True)

    @field_validator(*{name for names in GROUND_FIELDS.values() for name in names})
    @classmethod
    def _ground_needs(cls, value: Any, info: ValidationInfo) -> Any:
        """Each field its ground needs, reported on its own (all of them at once, each at its field)."""
        ground = info.data.get("ground")
        needed = GROUND_FIELDS.get(str(getattr(ground, "value", ground)), ())
        if info.field_name in needed and (value is None or (isinstance(value, str) and not value.strip())):
            raise PydanticCustomError("bc_ground_needs", "this ground needs a value")
        return value

    @model_validator(mode="after")
    def _decree_in_order(self) -> ClosingDoc:
        if self.decree_date is not None and self.decree_date > self.date:
            raise PydanticCustomError("bc_decree_after_closing", "decree after the closing", {"field": "decree_date"})
        return self

    @model_validator(mode="after")
    def _death_in_order(self) -> ClosingDoc:
        """Supervision ends by death on the day of death or later (the day the Bapas learns of it), never
        before: a death after the closing date is a typo in one of the two."""
        if self.ground == DIED and self.death_date is not None and self.death_date > self.date:
            raise PydanticCustomError("bc_death_after_closing", "death after the closing", {"field": "death_date"})
        return self
