"""``bapascase.yaml``: the office's settings. The ministry's name is configuration, never code."""

from __future__ import annotations

from typing import Literal

from bapascase.model.base import Choice, Doc, Part, Privacy, field
from bapascase.model.types import Nip, Text


class OfficeClass(Choice):
    I = "I", "Kelas I", "Class I"  # noqa: E741
    II = "II", "Kelas II", "Class II"


class Role(Choice):
    PK = "pk", "Pembimbing Kemasyarakatan", "Probation officer"
    KASUBSI = "kasubsi", "Kasubsi", "Section head"
    KEPALA = "kepala", "Kepala Bapas", "Head of office"
    PRAKTIKAN = "praktikan", "Praktikan", "Practicum student"


class Office(Part):
    name: Text = field(
        "Nama kantor", "Office name", "Contoh: Bapas Kelas I Medan.", "E.g. Bapas Kelas I Medan.", privacy=Privacy.NOT_PERSONAL,
    )
    office_class: OfficeClass | None = field("Kelas", "Class", default=None)
    city: str | None = field(
        "Kota", "City", "Untuk tempat & tanggal tanda tangan.", "For the signature line.", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    address: str | None = field("Alamat kantor", "Office address", default=None, privacy=Privacy.NOT_PERSONAL)
    phone: str | None = field("Telepon kantor", "Office phone", default=None, privacy=Privacy.NOT_PERSONAL)
    email: str | None = field("Email kantor", "Office email", default=None, privacy=Privacy.NOT_PERSONAL)
    kanwil: str | None = field(
        "Kantor Wilayah", "Regional office (Kanwil)", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    ministry: str | None = field(
        "Kementerian", "Ministry", "Nama kementerian saat ini (berubah pada 2024).", "Current ministry name (changed in 2024).",
        default=None, privacy=Privacy.NOT_PERSONAL,
    )
    directorate: str | None = field(
        "Direktorat Jenderal", "Directorate General", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    head_name: str | None = field("Kepala Bapas", "Head of office", default=None, privacy=Privacy.OFFICER)
    head_nip: Nip | None = field("NIP Kepala Bapas", "Head's NIP", default=None, privacy=Privacy.OFFICER)


class OfficerEntry(Part):
    name: Text = field("Nama", "Name", privacy=Privacy.OFFICER)
    nip: Nip | None = field("NIP", "NIP", default=None, privacy=Privacy.OFFICER)
    role: Role = field("Peran", "Role", default=Role.PK)


class Defaults(Part):
    wajib_lapor_interval_days: int = field(
        "Interval wajib lapor (hari)", "Mandatory reporting interval (days)", default=30, ge=1, le=366
    )
    reassessment_months: int = field(
        "Asesmen ulang tiap (bulan)", "Reassess every (months)",
        "Klien diasesmen ulang setiap 1 tahun, lebih awal bila ada informasi baru (Permenkumham 12/2013 Pasal 4).",
        "Clients are reassessed every year, earlier on new information (Permenkumham 12/2013 Art. 4).",
        default=12, ge=1, le=36,
    )
    due_horizon_days: int = field("Tampilkan jatuh tempo dalam (hari)", "Show due items within (days)", default=14, ge=0, le=365)


class ReportSettings(Part):
    made_with_footer: bool = field(
        "Catatan \"Dibuat dengan bapascase\"", "\"Made with bapascase\" footer",
        "Di kaki berkas kasus dan laporan praktikum; dokumen resmi (Litmas, surat, laporan) tidak pernah memuatnya.",
        "At the foot of the case file and the practicum report; official documents (Litmas, letters, reports) never "
        "carry it.", default=True,
    )


class SettingsDoc(Doc):
    doc_name = "settings"
    title_id = "Pengaturan casebook"
    title_en = "Casebook settings"

    office: Office = field("Kantor", "Office")
    language: Literal["id", "en"] = field("Bahasa", "Language", default="id")
    officers: list[OfficerEntry] = field("Petugas", "Officers", default_factory=list)
    defaults: Defaults = field("Bawaan", "Defaults", default_factory=Defaults)
    reports: ReportSettings = field("Laporan", "Reports", default_factory=ReportSettings)
    letterhead: list[str] = field(
        "Kop surat", "Letterhead", "Baris-baris kop surat; kosong = dibentuk dari data kantor.",
        "Letterhead lines; empty = built from the office data.", default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )
    auto_commit: bool = field("Commit otomatis", "Auto-commit", "Commit git setiap kali data disimpan.", "Git commit on every save.", default=True)
