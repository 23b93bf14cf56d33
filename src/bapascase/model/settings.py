"""``bapascase.yaml``: the office's settings. The ministry's name is configuration, never code.

Each fact in one place: the office part holds the office (name, class, address, Kanwil, ministry), and every
person (the Kepala Bapas, the Kasubsi/Kasi of each section, the PKs, the practicum students) is one entry of
``officers`` with a name, a NIP, a position (jabatan) and a role. Who signs a report is read from there
(``Settings.signatories``). Files written before this shape kept the head of office as ``office.head_name`` and
``office.head_nip``: they still load (the head becomes an officer with the role ``kepala``), ``check`` says so,
and ``check --fix`` moves them in the file.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from bapascase.model.base import Choice, Doc, Part, Privacy, field
from bapascase.model.bounds import INTERVAL_DAYS_MAX
from bapascase.model.types import Date, Nip, Text

# what older settings files held in the office part, moved to an officer with the role "kepala"
LEGACY_HEAD = ("head_name", "head_nip")


def current_shape(data: Any) -> dict[str, Any] | None:
    """Settings data of the older shape (``office.head_name``/``head_nip``) in the current one: the head becomes
    the officer with the role ``kepala`` (unless one is listed). None when there is nothing to move. The model
    reads an older file through it, and ``check --fix`` (``store.settings_file.migrate``) writes it."""
    if not isinstance(data, dict) or not isinstance(data.get("office"), dict):
        return None
    office = dict(data["office"])
    if not any(k in office for k in LEGACY_HEAD):
        return None
    name, nip = office.pop("head_name", None), office.pop("head_nip", None)
    officers = data.get("officers") or []
    if not isinstance(officers, list):
        return None  # not a list: the validation says so
    officers = list(officers)
    has_head = any(isinstance(o, dict) and o.get("role") == "kepala" for o in officers)
    if name and not has_head:
        nip = str(nip) if isinstance(nip, int) and not isinstance(nip, bool) else nip  # a NIP is text
        officers.append({"name": name, **({"nip": nip} if nip else {}), "role": "kepala"})
    return {**data, "office": office, "officers": officers}


class OfficeClass(Choice):
    I = "I", "Kelas I", "Class I"  # noqa: E741
    II = "II", "Kelas II", "Class II"


class Role(Choice):
    PK = "pk", "Pembimbing Kemasyarakatan", "Probation officer"
    KASUBSI = "kasubsi", "Kasubsi/Kasi", "Section head (Kasubsi/Kasi)"
    KEPALA = "kepala", "Kepala Bapas", "Head of office"
    PRAKTIKAN = "praktikan", "Praktikan", "Practicum student"


class Section(Choice):
    BKD = "BKD", "Bimbingan Klien Dewasa (BKD)", "Adult clients (BKD)"
    BKA = "BKA", "Bimbingan Klien Anak (BKA)", "Child clients (BKA)"


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


class OfficerEntry(Part):
    name: Text = field(
        "Nama", "Name", "Dengan gelar, seperti ditulis di laporan, mis. Rahmat Hidayat, S.H.",
        "With titles, as reports print it, e.g. Rahmat Hidayat, S.H.", privacy=Privacy.OFFICER,
    )
    nip: Nip | None = field("NIP", "NIP", "18 digit.", "18 digits.", default=None, privacy=Privacy.OFFICER)
    rank: str | None = field(
        "Jabatan", "Position",
        "Jabatan fungsional PK (mis. Pembimbing Kemasyarakatan Ahli Muda) atau jabatan struktural "
        "(mis. Kepala Seksi Bimbingan Klien Dewasa).",
        "The PK's functional rank (e.g. Pembimbing Kemasyarakatan Ahli Muda) or the structural position "
        "(e.g. Kepala Seksi Bimbingan Klien Dewasa).",
        default=None, privacy=Privacy.NOT_PERSONAL,
    )
    role: Role = field("Peran", "Role", default=Role.PK)
    section: Section | None = field(
        "Seksi", "Section", "BKD atau BKA: seksi yang dipimpin Kasubsi/Kasi (atau tempat PK bertugas).",
        "BKD or BKA: the section a Kasubsi/Kasi heads (or a PK works in).", default=None,
    )


class Defaults(Part):
    wajib_lapor_interval_days: int = field(
        "Interval wajib lapor (hari)", "Mandatory reporting interval (days)", default=30, ge=1, le=INTERVAL_DAYS_MAX
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

    # first in the file: a bapascase.yaml cut short still says it (store.yamlio.END_MARKER has the whole rule)
    end_marker: bool = field(
        "Berkas diakhiri baris penutup", "Files end with a closing line",
        "Diisi oleh bapascase (init, check --fix); jangan diubah. Setiap dokumen yang ditulis bapascase berakhir "
        "dengan baris '# akhir berkas / end of file', dan dokumen tanpa baris itu dianggap terpotong. Casebook dari "
        "versi sebelumnya belum memilikinya: `bapascase check --fix` menambahkan baris itu.",
        "Written by bapascase (init, check --fix); do not change. Every document bapascase writes ends with the line "
        "'# akhir berkas / end of file', and a document without it is taken as cut short. Casebooks from earlier "
        "versions lack it: `bapascase check --fix` adds the line.",
        default=False, internal=True,
    )
    office: Office = field("Kantor", "Office")
    language: Literal["id", "en"] = field("Bahasa", "Language", default="id")
    officers: list[OfficerEntry] = field("Petugas", "Officers", default_factory=list)
    defaults: Defaults = field("Bawaan", "Defaults", default_factory=Defaults)
    reports: ReportSettings = field("Laporan", "Reports", default_factory=ReportSettings)
    letterhead: list[str] = field(
        "Kop surat", "Letterhead", "Baris-baris kop surat; kosong = dibentuk dari data kantor.",
        "Letterhead lines; empty = built from the office data.", default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )
    holidays: list[Date] = field(
        "Hari libur", "Public holidays",
        "Tanggal libur nasional dan cuti bersama (mis. 2026-12-25). Kantor Bapas buka Senin sampai Jumat: wajib lapor "
        "yang menurut jadwal jatuh pada Sabtu, Minggu atau hari libur ini dipindah ke hari kerja berikutnya.",
        "National holidays and joint leave days (e.g. 2026-12-25). Bapas offices are open Monday to Friday: a wajib "
        "lapor the schedule puts on a Saturday, a Sunday or one of these days moves to the next working day.",
        default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )
    auto_commit: bool = field("Commit otomatis", "Auto-commit", "Commit git setiap kali data disimpan.", "Git commit on every save.", default=True)

    @model_validator(mode="before")
    @classmethod
    def _head_of_office_is_an_officer(cls, data: Any) -> Any:
        """An older file's ``office.head_name``/``head_nip`` read as the officer with the role ``kepala``."""
        return current_shape(data) or data

    @model_validator(mode="after")
    def _one_of_each_head(self) -> SettingsDoc:
        """One Kepala Bapas, one Kasubsi/Kasi per section, and no person listed twice (by NIP)."""
        heads = [i for i, o in enumerate(self.officers) if o.role == Role.KEPALA]
        if len(heads) > 1:
            raise PydanticCustomError("bc_two_heads", "two heads of office", {"field": "officers"})
        sections = [o.section for o in self.officers if o.role == Role.KASUBSI]
        if len(sections) != len(set(sections)):
            raise PydanticCustomError("bc_two_section_heads", "two heads of one section", {"field": "officers"})
        nips = [o.nip for o in self.officers if o.nip]
        if len(nips) != len(set(nips)):
            raise PydanticCustomError("bc_nip_twice", "one NIP twice", {"field": "officers"})
        return self
