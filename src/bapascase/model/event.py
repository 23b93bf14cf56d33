"""Legal events of supervision, one dated file each in ``events/``: a discriminated union by ``kind``.

``EventDoc`` is the document the registry names; each kind of event is one subclass of it with ``kind`` fixed to a
literal and its own fields (a TPP session, a warning letter, ...). Validating with ``EventDoc`` picks the kind's
class from the ``kind`` value, so ``check``, ``edit``, the reports and the JSON Schema (a ``oneOf`` by ``kind``)
all see the one class of each file. Adding a kind is one class here: it registers itself by its ``kind``.

The files read flat, as a PK would write them::

    kind: surat_peringatan
    date: 2026-09-07
    order: 1
    number: W2.PAS.PAS.09-PK.01.05.02-0417
    grounds: [tidak_wajib_lapor]
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, ModelWrapValidatorHandler, field_validator, model_validator
from pydantic_core import PydanticCustomError

from bapascase.i18n import pick
from bapascase.model.base import Choice, Doc, Privacy, field
from bapascase.model.intervention import AttachmentPath
from bapascase.model.monitoring import Period
from bapascase.model.refs import check_short_id, id_schema
from bapascase.model.text import long_date, money
from bapascase.model.types import Date, Text

_REF = re.compile(r"^(?:[a-z_]+/)?[A-Za-z0-9][A-Za-z0-9_.-]*\.yaml$")


def check_record_ref(value: Any) -> Any:
    """A record of this case, by its path inside the case folder (``monitoring/2026-08-31.yaml``)."""
    if isinstance(value, str):
        value = value.strip().replace("\\", "/")
        if not _REF.match(value) or ".." in value:
            raise PydanticCustomError("bc_record_ref", "not a record of this case", {})
    return value


RecordRef = Annotated[
    str, BeforeValidator(check_record_ref),
    Field(json_schema_extra={"pattern": _REF.pattern, "examples": ["monitoring/2026-08-31.yaml"]}),
]


class Violation(Choice):
    """Grounds of a warning, a temporary revocation or a revocation proposal (the Kanwil service standards list
    the grounds for revocation: a new offence, unrest, three missed reports in a row, an unreported move, not
    following the programme)."""

    TIDAK_WAJIB_LAPOR = "tidak_wajib_lapor", "Tidak melaksanakan wajib lapor", "Missed mandatory reporting"
    TIDAK_WAJIB_LAPOR_3X = (
        "tidak_wajib_lapor_3x", "Tidak melaksanakan wajib lapor 3 (tiga) kali berturut-turut",
        "Missed mandatory reporting three times in a row",
    )
    TERSANGKA = (
        "tersangka_tindak_pidana_baru", "Ditetapkan sebagai tersangka tindak pidana baru",
        "Named a suspect of a new offence",
    )
    TERPIDANA = "terpidana_tindak_pidana_baru", "Dipidana karena tindak pidana baru", "Convicted of a new offence"
    MELANGGAR_SYARAT = (
        "melanggar_syarat", "Melanggar syarat / tidak mengikuti program pembimbingan",
        "Breach of conditions / not following the programme",
    )
    PINDAH_ALAMAT = "pindah_alamat", "Pindah alamat tanpa melapor", "Change of address not reported"
    MERESAHKAN = "meresahkan", "Menimbulkan keresahan dalam masyarakat", "Causing unrest in the community"
    LAINNYA = "lainnya", "Lainnya (lihat uraian)", "Other (see the description)"


class TppOutcome(Choice):
    LANJUT = "lanjut", "Pembimbingan dilanjutkan", "Supervision continues"
    PERINGATAN = "peringatan", "Klien diberi peringatan", "The client is warned"
    USULAN_PENCABUTAN = "usulan_pencabutan", "Direkomendasikan usulan pencabutan", "Revocation to be proposed"
    PENCABUTAN_SEMENTARA = "pencabutan_sementara", "Pencabutan sementara", "Temporary revocation"
    PENGAKHIRAN = "pengakhiran", "Pengakhiran bimbingan", "End of supervision"
    LAINNYA = "lainnya", "Lainnya", "Other"


class TravelScope(Choice):
    LUAR_KOTA = "luar_kota", "Luar kota", "Out of town"
    LUAR_NEGERI = "luar_negeri", "Luar negeri", "Abroad"


class EventDoc(Doc):
    """One legal event of supervision. Validating picks the class of the event's ``kind``."""

    doc_name = "event"
    title_id = "Peristiwa hukum"
    title_en = "Legal event"
    short_title_id = "Peristiwa"
    short_title_en = "Event"

    # every kind by its ``kind`` value, in the order the classes are defined (filled as they are)
    kinds: ClassVar[dict[str, type[EventDoc]]] = {}
    # a kind set ahead of its day (a TPP session is scheduled): see ``happened_on``
    scheduled: ClassVar[bool] = False

    kind: str = field("Jenis peristiwa", "Kind of event", privacy=Privacy.NOT_PERSONAL)
    date: Date = field("Tanggal", "Date", privacy=Privacy.NOT_PERSONAL)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        kind = cls.model_fields["kind"].default
        if isinstance(kind, str) and kind:
            EventDoc.kinds[kind] = cls

    @classmethod
    def variants(cls) -> tuple[type[Doc], ...]:
        return tuple(EventDoc.kinds.values()) if cls is EventDoc else ()

    @classmethod
    def kind_of(cls, kind: object) -> type[EventDoc] | None:
        return EventDoc.kinds.get(kind) if isinstance(kind, str) else None

    @classmethod
    def variant_of(cls, data: dict[str, Any]) -> type[Doc]:
        found = EventDoc.kind_of(data.get("kind")) if cls is EventDoc else None
        return found or cls

    def summary(self, lang: str | None = None) -> str:
        """The event in one line for a report's list of events (each kind says what matters of it)."""
        return ""

    def happened_on(self) -> dt.date | None:
        """The date on which this event says something has happened (a letter sent, a payment made, a
        decision taken), which cannot be after today; None for a kind ``scheduled`` ahead that has not happened
        yet (a TPP session still to be held)."""
        return self.date

    def as_scheduled(self) -> EventDoc:
        """The event as it stood before its day (a report dated earlier): a ``scheduled`` kind without what only
        its holding recorded."""
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _dispatch(cls, data: Any, handler: ModelWrapValidatorHandler[EventDoc]) -> EventDoc:
        if cls is EventDoc and isinstance(data, dict):
            found = EventDoc.kind_of(data.get("kind"))
            if found is not None:
                return found.model_validate(data)
        return handler(data)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in EventDoc.kinds:
            raise PydanticCustomError("bc_event_kind", "unknown kind", {"known": ", ".join(EventDoc.kinds)})
        return value


# -- the kinds -----------------------------------------------------------------------------------------------------


class TppSession(EventDoc):
    """A session of the Tim Pengamat Pemasyarakatan about this client; one dated in the future is scheduled."""

    title_id = "Sidang TPP"
    title_en = "TPP session"

    kind: Literal["sidang_tpp"] = "sidang_tpp"
    scheduled: ClassVar[bool] = True
    number: str | None = field(
        "Nomor sidang TPP", "TPP session number", "Contoh: 212/TPP/XII/2026.", "E.g. 212/TPP/XII/2026.",
        default=None, privacy=Privacy.NOT_PERSONAL,
    )
    agenda: Text = field(
        "Agenda", "Agenda", "Contoh: Evaluasi perkembangan klien PB.", "E.g. Review of the parolee's progress.",
        privacy=Privacy.FREE_TEXT,
    )
    chair: str | None = field("Ketua sidang", "Chaired by", default=None, privacy=Privacy.OFFICER)
    recommendation: str | None = field(
        "Rekomendasi", "Recommendation", "Kosong bila sidang belum dilaksanakan.", "Empty while still scheduled.",
        default=None, long=True,
    )
    outcome: TppOutcome | None = field("Hasil sidang", "Outcome", default=None)
    notes: str | None = field("Catatan sidang", "Notes", default=None, long=True)

    def summary(self, lang: str | None = None) -> str:
        parts = [self.number or "", self.agenda, self.outcome.label(lang) if self.outcome else ""]
        return "; ".join(p for p in parts if p)

    def happened_on(self) -> dt.date | None:
        """A session is scheduled ahead; once it has an outcome or a recommendation it has been held."""
        return self.date if self.outcome is not None or self.recommendation else None

    def as_scheduled(self) -> TppSession:
        return self.model_copy(update={"outcome": None, "recommendation": None, "notes": None})


class WarningLetter(EventDoc):
    """A surat peringatan to the client: the first, second or third."""

    title_id = "Surat peringatan"
    title_en = "Warning letter"

    kind: Literal["surat_peringatan"] = "surat_peringatan"
    order: int = field("Peringatan ke-", "Warning number", "1, 2 atau 3.", "1, 2 or 3.", ge=1, le=3)
    number: str | None = field("Nomor surat", "Letter number", default=None, privacy=Privacy.ID_NUMBER)
    grounds: list[Violation] = field("Dasar peringatan", "Grounds", min_length=1)
    description: str | None = field(
        "Uraian pelanggaran", "What happened", "Tanggal dan fakta pelanggaran.", "Dates and facts.",
        default=None, long=True,
    )
    cites: list[RecordRef] = field(
        "Catatan pendukung", "Supporting records", "Berkas kasus ini, mis. monitoring/2026-08-31.yaml.",
        "Files of this case, e.g. monitoring/2026-08-31.yaml.", default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )

    def summary(self, lang: str | None = None) -> str:
        head = pick(f"Peringatan ke-{self.order}", f"Warning no. {self.order}", lang)
        number = f" ({self.number})" if self.number else ""
        return f"{head}{number}: {', '.join(g.label(lang) for g in self.grounds)}"


class RevocationProposal(EventDoc):
    """The usulan pencabutan to the Kanwil, on the grounds the records support (cited one by one)."""

    title_id = "Usulan pencabutan"
    title_en = "Revocation proposal"

    kind: Literal["usulan_pencabutan"] = "usulan_pencabutan"
    number: str | None = field(
        "Nomor surat usulan", "Letter number", "Kosong selama masih konsep.", "Empty while a draft.",
        default=None, privacy=Privacy.ID_NUMBER,
    )
    grounds: list[Violation] = field("Dasar usulan", "Grounds", min_length=1)
    cites: list[RecordRef] = field(
        "Catatan yang mendukung", "Supporting records",
        "Berkas kasus ini yang membuktikan dasarnya, mis. monitoring dengan ketidakhadiran.",
        "Files of this case that prove the grounds, e.g. the monitoring entries with the absences.",
        min_length=1, privacy=Privacy.NOT_PERSONAL,
    )
    description: str | None = field(
        "Uraian fakta", "Facts", "Kronologi pelanggaran dan upaya PK.", "What happened and what the PK did.",
        default=None, long=True,
    )
    proposal: str | None = field(
        "Usulan", "Proposal", "Kosong = usulan pencabutan program klien.", "Empty = revoke the client's programme.",
        default=None, long=True,
    )

    def summary(self, lang: str | None = None) -> str:
        number = f"{self.number}: " if self.number else pick("Konsep: ", "Draft: ", lang)
        return number + ", ".join(g.label(lang) for g in self.grounds)


class TemporaryRevocation(EventDoc):
    """Pencabutan sementara by the Kepala Bapas while the revocation is decided."""

    title_id = "Pencabutan sementara"
    title_en = "Temporary revocation"

    kind: Literal["pencabutan_sementara"] = "pencabutan_sementara"
    number: str | None = field(
        "Nomor keputusan Kepala Bapas", "Decision number", default=None, privacy=Privacy.ID_NUMBER,
    )
    grounds: list[Violation] = field("Dasar pencabutan sementara", "Grounds", min_length=1)
    custody: str | None = field(
        "Klien diserahkan ke", "Client handed to", "Contoh: Lapas Kelas I Medan.", "E.g. Lapas Kelas I Medan.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    notes: str | None = field("Catatan", "Notes", default=None, long=True)

    def summary(self, lang: str | None = None) -> str:
        number = f"{self.number}: " if self.number else ""
        return number + ", ".join(g.label(lang) for g in self.grounds)


class RevocationLifted(EventDoc):
    """The temporary revocation is lifted (the revocation was not granted): supervision goes on."""

    title_id = "Pencabutan sementara dicabut"
    title_en = "Temporary revocation lifted"

    kind: Literal["pencabutan_sementara_dicabut"] = "pencabutan_sementara_dicabut"
    number: str | None = field("Nomor keputusan", "Decision number", default=None, privacy=Privacy.ID_NUMBER)
    reason: Text = field("Alasan", "Reason", long=True)

    def summary(self, lang: str | None = None) -> str:
        return " ".join(self.reason.split())[:120]


class TravelPermit(EventDoc):
    """An izin luar kota or luar negeri: reporting dates it covers are excused."""

    title_id = "Izin bepergian"
    title_en = "Travel permit"

    kind: Literal["izin_bepergian"] = "izin_bepergian"
    scope: TravelScope = field("Jenis izin", "Kind of permit")
    period: Period = field("Masa izin", "Permit period")
    destination: Text = field("Tujuan", "Destination", "Kota/negara tujuan.", "Town or country.", privacy=Privacy.FREE_TEXT)
    purpose: Text = field("Keperluan", "Purpose", privacy=Privacy.FREE_TEXT)
    approved_by: Text = field("Disetujui oleh", "Approved by", "Nama pejabat.", "The officer's name.", privacy=Privacy.OFFICER)
    number: str | None = field("Nomor surat izin", "Permit number", default=None, privacy=Privacy.ID_NUMBER)

    def summary(self, lang: str | None = None) -> str:
        when = f"{long_date(self.period.start, lang or 'id')} – {long_date(self.period.end, lang or 'id')}"
        return f"{self.scope.label(lang)}, {self.destination} ({when}): {self.purpose}"


class SupervisionTransfer(EventDoc):
    """Pemindahan bimbingan: supervision moves to another Bapas (then closed here with that ground)."""

    title_id = "Pemindahan bimbingan"
    title_en = "Transfer of supervision"

    kind: Literal["pemindahan_bimbingan"] = "pemindahan_bimbingan"
    to_bapas: Text = field(
        "Bapas tujuan", "Receiving Bapas", "Contoh: Bapas Kelas II Pematangsiantar.", "E.g. Bapas Kelas II Pematangsiantar.",
        privacy=Privacy.NOT_PERSONAL,
    )
    reason: Text = field("Alasan", "Reason", "Contoh: klien pindah domisili.", "E.g. the client moved.", privacy=Privacy.FREE_TEXT)
    new_address: str | None = field("Alamat baru", "New address", default=None, privacy=Privacy.ADDRESS)
    number: str | None = field("Nomor surat pemindahan", "Letter number", default=None, privacy=Privacy.ID_NUMBER)

    def summary(self, lang: str | None = None) -> str:
        return f"{self.to_bapas}: {self.reason}"


# -- the kinds of the 2026 community sentences (UU 1/2023) ---------------------------------------------------------
#
# ``pembayaran_restitusi``: a payment towards a restitution condition of pidana pengawasan (amount, date, proof); what
# is outstanding is computed from the condition's amount and the payments (``derive.conditions_state``), never typed.
# ``hasil_syarat``: the outcome of a condition (met, or not met and whether for a lawful reason). ``pertimbangan``:
# the PK's written consideration to the prosecutor (Pasal 76 ayat (5)-(6) UU 1/2023 for pidana pengawasan: an
# extension, a shortening or prison; Pasal 85 ayat (7) for kerja sosial: repeating the work, the prison term or the
# fine it replaced), resting on the records it cites. What it may recommend, and on which article, is data
# (``recommendations`` of the programme in ``bapascase/data/programmes.yaml``).

ConditionRef = Annotated[str, BeforeValidator(check_short_id), id_schema("S1")]


def _recommendation_choice() -> type[Choice]:
    """What a pertimbangan may recommend, from every programme's ``recommendations`` (one list, one meaning each)."""
    from bapascase.model.programmes import programmes

    members = [(code.upper(), (code, r.label_id, r.label_en))
               for p in programmes().values() for code, r in p.recommendations.items()]
    made: type[Choice] = Choice("Recommendation", members)  # type: ignore[arg-type,assignment]
    return made


if TYPE_CHECKING:
    Recommendation = Choice
else:
    Recommendation = _recommendation_choice()


def _outcome_choice() -> type[Choice]:
    from bapascase.model.outcomes import OUTCOMES

    members = [(value.upper(), (value, label_id, label_en)) for value, (label_id, label_en) in OUTCOMES.items()]
    made: type[Choice] = Choice("Outcome", members)  # type: ignore[arg-type,assignment]
    return made


if TYPE_CHECKING:
    Outcome = Choice
else:  # whether a condition was met: the values and labels of ``model.outcomes`` (plain, for the read commands)
    Outcome = _outcome_choice()


class RestitutionPayment(EventDoc):
    """A payment towards a restitution condition of pidana pengawasan."""

    title_id = "Pembayaran ganti kerugian"
    title_en = "Restitution payment"

    kind: Literal["pembayaran_restitusi"] = "pembayaran_restitusi"
    condition: ConditionRef = field(
        "Syarat khusus", "Special condition", "Kode syarat ganti kerugian (S1, ...).",
        "The restitution condition's id (S1, ...).", privacy=Privacy.NOT_PERSONAL,
    )
    amount: int = field("Jumlah dibayar (Rp)", "Amount paid (Rp)", money=True, ge=1, le=100_000_000_000)
    paid_via: str | None = field(
        "Cara pembayaran", "Paid through", "Contoh: transfer ke rekening korban, melalui Kejaksaan.",
        "E.g. a transfer to the victim's account, through the prosecutor.", default=None, privacy=Privacy.FREE_TEXT,
    )
    proof: AttachmentPath | None = field(
        "Bukti pembayaran", "Proof of payment", "Berkas di folder attachments/, mis. kuitansi-2026-04-10.jpg.",
        "A file in attachments/, e.g. kuitansi-2026-04-10.jpg.", default=None, privacy=Privacy.FILE,
    )
    notes: str | None = field("Catatan", "Notes", default=None, long=True)

    def summary(self, lang: str | None = None) -> str:
        return f"{self.condition}: {money(self.amount)}" + (f" ({self.paid_via})" if self.paid_via else "")


class ConditionOutcome(EventDoc):
    """Whether a condition was met: the general one (``umum``) or a special one by its id."""

    title_id = "Hasil syarat"
    title_en = "Condition outcome"

    kind: Literal["hasil_syarat"] = "hasil_syarat"
    condition: ConditionRef = field(
        "Syarat", "Condition", "'umum' (syarat umum) atau kode syarat khusus (S1, ...).",
        "'umum' (the general condition) or a special condition's id (S1, ...).", privacy=Privacy.NOT_PERSONAL,
    )
    outcome: Outcome = field("Hasil", "Outcome")
    lawful_reason: str | None = field(
        "Alasan yang sah", "Lawful reason", "Bila tidak terpenuhi dengan alasan yang sah (Pasal 76 ayat (5) UU 1/2023).",
        "When not met for a lawful reason (Article 76(5) of Law 1/2023).", default=None, long=True,
    )
    description: Text = field("Uraian fakta", "Facts", long=True)
    proof: AttachmentPath | None = field(
        "Bukti", "Proof", "Berkas di folder attachments/.", "A file in attachments/.", default=None,
        privacy=Privacy.FILE,
    )
    cites: list[RecordRef] = field(
        "Catatan pendukung", "Supporting records", "Berkas kasus ini, mis. monitoring/2026-08-31.yaml.",
        "Files of this case, e.g. monitoring/2026-08-31.yaml.", default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )

    @model_validator(mode="after")
    def _reason_only_when_not_met(self) -> ConditionOutcome:
        from bapascase.model.outcomes import MET

        if self.lawful_reason and self.outcome == MET:
            raise PydanticCustomError("bc_reason_when_met", "a met condition needs no reason",
                                      {"field": "lawful_reason"})
        return self

    def summary(self, lang: str | None = None) -> str:
        head = pick("Syarat umum", "General condition", lang) if self.condition == "umum" else self.condition
        reason = pick(" (dengan alasan yang sah)", " (for a lawful reason)", lang) if self.lawful_reason else ""
        return f"{head}: {self.outcome.label(lang)}{reason}"


class Pertimbangan(EventDoc):
    """The PK's written consideration to the prosecutor, with its recommendation and the records it rests on."""

    title_id = "Pertimbangan PK"
    title_en = "PK's consideration"

    kind: Literal["pertimbangan"] = "pertimbangan"
    number: str | None = field(
        "Nomor surat", "Letter number", "Kosong selama masih konsep.", "Empty while a draft.", default=None,
        privacy=Privacy.ID_NUMBER,
    )
    to: str | None = field(
        "Kepada", "To", "Kosong = Kepala kejaksaan pelaksana dari registrasi.",
        "Empty = the head of the executing prosecutor's office from the intake.", default=None,
        privacy=Privacy.NOT_PERSONAL,
    )
    recommendation: Recommendation = field("Rekomendasi", "Recommendation")
    months: int | None = field(
        "Lamanya (bulan)", "How long (months)", "Untuk perpanjangan atau pengurangan.", "For an extension or a "
        "shortening.", default=None, ge=1, le=36,
    )
    conditions: list[ConditionRef] = field(
        "Syarat yang dipertimbangkan", "Conditions concerned", "'umum' atau kode syarat khusus (S1, ...).",
        "'umum' or a special condition's id (S1, ...).", default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )
    consideration: Text = field(
        "Pertimbangan", "Consideration", "Fakta, kepatuhan klien dan analisis PK.",
        "The facts, the client's compliance and the PK's analysis.", long=True,
    )
    cites: list[RecordRef] = field(
        "Catatan yang mendukung", "Supporting records",
        "Berkas kasus ini yang menjadi dasar: sesi kerja sosial, hasil syarat, pembayaran, monitoring.",
        "Files of this case it rests on: work sessions, condition outcomes, payments, monitoring.",
        min_length=1, privacy=Privacy.NOT_PERSONAL,
    )

    @model_validator(mode="after")
    def _months_when_needed(self) -> Pertimbangan:
        from bapascase.model.programmes import recommendation

        found = recommendation(self.recommendation.value)
        if found is not None and found.months and self.months is None:
            raise PydanticCustomError("bc_months_needed", "how many months", {"field": "months"})
        if found is not None and not found.months and self.months is not None:
            raise PydanticCustomError("bc_months_not_needed", "no months for this", {"field": "months"})
        return self

    def summary(self, lang: str | None = None) -> str:
        head = f"{self.number}: " if self.number else pick("Konsep: ", "Draft: ", lang)
        months = pick(f" {self.months} bulan", f" {self.months} months", lang) if self.months else ""
        return head + self.recommendation.label(lang) + months
