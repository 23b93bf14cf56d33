"""EIC, ``engagement.yaml``: engagement (contacts, rapport), intake explanation and the supervision contract."""

from __future__ import annotations

from bapascase.model.base import Choice, Doc, Part, Privacy, field
from bapascase.model.bounds import INTERVAL_DAYS_MAX
from bapascase.model.types import Date, Text


class ContactMode(Choice):
    TATAP_MUKA = "tatap_muka", "Tatap muka", "Face to face"
    TELEPON = "telepon", "Telepon", "Phone"
    KUNJUNGAN_RUMAH = "kunjungan_rumah", "Kunjungan rumah", "Home visit"
    DARING = "daring", "Daring (panggilan video/pesan)", "Online (video call/messaging)"


class ReportingMode(Choice):
    """How the client does wajib lapor."""

    LANGSUNG = "langsung", "Datang langsung ke Bapas", "In person at the Bapas"
    DARING = "daring", "Jarak jauh (daring/telepon)", "Remote (online/phone)"
    CAMPURAN = "campuran", "Bergantian langsung dan jarak jauh", "Alternating in person and remote"
    KUNJUNGAN = "kunjungan", "Dikunjungi petugas", "Officer visits the client"


class Contact(Part):
    date: Date = field("Tanggal", "Date", happened=True, privacy=Privacy.NOT_PERSONAL)
    mode: ContactMode = field("Cara kontak", "Mode")
    place: str | None = field(
        "Tempat", "Place", "Contoh: Ruang konseling Bapas.", "E.g. the Bapas counselling room.", default=None, privacy=Privacy.FREE_TEXT,
    )
    participants: list[Text] = field(
        "Yang hadir", "Participants", "Selain klien dan PK, satu per baris (mis. istri klien).",
        "Besides client and PK, one per line (e.g. the client's wife).", default_factory=list, privacy=Privacy.FREE_TEXT,
    )
    notes: str | None = field("Catatan", "Notes", "Apa yang dibicarakan.", "What was discussed.", default=None, long=True)


class IntakeExplanation(Part):
    """What the PK explained at intake (the checklist of the 'I' in EIC)."""

    date: Date | None = field(
        "Tanggal penjelasan", "Date explained", "Kosong = tanggal keterlibatan.", "Empty = the engagement date.",
        default=None, happened=True, privacy=Privacy.NOT_PERSONAL,
    )
    status_explained: bool = field(
        "Status klien dijelaskan", "Client status explained", "Program (PB/CB/...), masa bimbingan, ekspirasi.",
        "Programme (parole/leave/...), supervision period, expiry.", default=False,
    )
    rights_explained: bool = field("Hak klien dijelaskan", "Rights explained", default=False)
    obligations_explained: bool = field(
        "Kewajiban dijelaskan", "Obligations explained", "Termasuk wajib lapor.", "Including mandatory reporting.",
        default=False,
    )
    prohibitions_explained: bool = field("Larangan dijelaskan", "Prohibitions explained", default=False)
    sanctions_explained: bool = field(
        "Sanksi dijelaskan", "Sanctions explained", "Termasuk alasan pencabutan.", "Including grounds for revocation.",
        default=False,
    )
    kartu_bimbingan_issued: bool = field("Kartu bimbingan diberikan", "Supervision card issued", default=False)
    client_understood: bool = field(
        "Klien menyatakan mengerti", "Client states they understood", default=False
    )
    notes: str | None = field("Catatan", "Notes", default=None, long=True)


class Contract(Part):
    """Kontrak bimbingan: what client and PK agree on."""

    agreed_goals: list[Text] = field(
        "Tujuan yang disepakati", "Agreed goals", "Satu tujuan per baris.", "One goal per line.", default_factory=list, privacy=Privacy.FREE_TEXT
    )
    wajib_lapor_interval_days: int = field(
        "Interval wajib lapor (hari)", "Mandatory reporting interval (days)", "Contoh: 30 = sebulan sekali.",
        "E.g. 30 = once a month.", default=30, ge=1, le=INTERVAL_DAYS_MAX,
    )
    wajib_lapor_mode: ReportingMode = field(
        "Cara wajib lapor", "How the client reports", default=ReportingMode.LANGSUNG
    )
    wajib_lapor_place: str | None = field(
        "Tempat wajib lapor", "Where the client reports", "Contoh: Bapas Kelas I Medan.", "E.g. Bapas Kelas I Medan.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    meeting_plan: str | None = field(
        "Rencana pertemuan", "Meeting plan", "Kapan dan di mana klien dan PK bertemu.",
        "When and where client and PK meet.", default=None, long=True,
    )
    client_commitments: list[Text] = field(
        "Komitmen klien", "Client's commitments", "Satu per baris.", "One per line.", default_factory=list, privacy=Privacy.FREE_TEXT
    )
    officer_commitments: list[Text] = field(
        "Komitmen PK", "PK's commitments", "Satu per baris.", "One per line.", default_factory=list, privacy=Privacy.FREE_TEXT
    )
    data_consent: bool = field(
        "Persetujuan pemrosesan data pribadi", "Consent to personal data processing",
        "Klien menyetujui pemrosesan datanya untuk bimbingan (UU 27/2022 PDP).",
        "The client consents to their data being processed for supervision (UU 27/2022 PDP).", default=False,
    )
    guarantor_signed: bool = field("Penjamin ikut menandatangani", "Guarantor co-signed", default=False)
    signed_date: Date | None = field(
        "Tanggal ditandatangani", "Date signed", default=None, happened=True, privacy=Privacy.NOT_PERSONAL,
    )
    notes: str | None = field("Catatan", "Notes", default=None, long=True)


class EngagementDoc(Doc):
    """EIC: building the working relationship, explaining the rules, agreeing the contract."""

    doc_name = "engagement"
    title_id = "Engagement, intake dan kontrak (EIC)"
    title_en = "Engagement, intake and contract (EIC)"
    short_title_id = "EIC"
    short_title_en = "EIC"

    date: Date = field(
        "Tanggal keterlibatan", "Engagement date", "Tanggal pertemuan pertama.", "Date of the first meeting.", happened=True, privacy=Privacy.NOT_PERSONAL,
    )
    contacts: list[Contact] = field("Kontak", "Contacts", "Setiap pertemuan atau kontak awal.", "Each early meeting or contact.", default_factory=list)
    rapport: str | None = field(
        "Catatan membangun relasi", "Rapport notes", "Bagaimana kepercayaan dibangun; sikap klien.",
        "How trust was built; the client's attitude.", default=None, long=True,
    )
    presenting_problems: str | None = field(
        "Masalah yang disampaikan klien", "Problems the client raised", default=None, long=True
    )
    client_expectations: str | None = field(
        "Harapan klien", "Client's expectations", "Apa yang klien harapkan dari bimbingan.",
        "What the client hopes for from supervision.", default=None, long=True,
    )
    intake: IntakeExplanation = field(
        "Penjelasan saat intake", "Intake explanation", "Hal-hal yang sudah dijelaskan kepada klien.",
        "What was explained to the client.", default_factory=IntakeExplanation,
    )
    contract: Contract = field("Kontrak bimbingan", "Supervision contract", default_factory=Contract)
