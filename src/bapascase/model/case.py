"""The intake document, ``case.yaml``: identity, family, guarantor, legal status and assignment."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from bapascase.model.base import Choice, Doc, Part, field
from bapascase.model.types import Date, Nik, Nip, Phone, Text


class Sex(Choice):
    L = "L", "Laki-laki", "Male"
    P = "P", "Perempuan", "Female"


class Religion(Choice):
    ISLAM = "Islam", "Islam", "Islam"
    KRISTEN = "Kristen", "Kristen Protestan", "Protestant Christian"
    KATOLIK = "Katolik", "Katolik", "Catholic"
    HINDU = "Hindu", "Hindu", "Hindu"
    BUDDHA = "Buddha", "Buddha", "Buddhist"
    KONGHUCU = "Konghucu", "Konghucu", "Confucian"
    KEPERCAYAAN = "Kepercayaan", "Kepercayaan terhadap Tuhan YME", "Indigenous belief"


class Education(Choice):
    NONE = "tidak_sekolah", "Tidak sekolah", "No schooling"
    SD = "SD", "SD / sederajat", "Primary school"
    SMP = "SMP", "SMP / sederajat", "Junior secondary"
    SMA = "SMA", "SMA / SMK / sederajat", "Senior secondary"
    D3 = "D3", "Diploma", "Diploma"
    S1 = "S1", "Sarjana (S1)", "Bachelor"
    S2 = "S2", "Magister (S2)", "Master"
    S3 = "S3", "Doktor (S3)", "Doctorate"


class Marital(Choice):
    SINGLE = "belum_kawin", "Belum kawin", "Never married"
    MARRIED = "kawin", "Kawin", "Married"
    DIVORCED = "cerai_hidup", "Cerai hidup", "Divorced"
    WIDOWED = "cerai_mati", "Cerai mati", "Widowed"


class Relation(Choice):
    SPOUSE = "pasangan", "Suami/istri", "Spouse"
    CHILD = "anak", "Anak", "Child"
    FATHER = "ayah", "Ayah", "Father"
    MOTHER = "ibu", "Ibu", "Mother"
    SIBLING = "saudara", "Saudara kandung", "Sibling"
    GRANDPARENT = "kakek_nenek", "Kakek/nenek", "Grandparent"
    IN_LAW = "mertua", "Mertua/ipar", "In-law"
    RELATIVE = "kerabat", "Kerabat lain", "Other relative"
    OTHER = "lainnya", "Lainnya", "Other"


class Programme(Choice):
    PB = "PB", "Pembebasan Bersyarat", "Parole"
    CB = "CB", "Cuti Bersyarat", "Conditional leave"
    CMB = "CMB", "Cuti Menjelang Bebas", "Pre-release leave"
    ASIMILASI = "asimilasi", "Asimilasi", "Assimilation"
    ASIMILASI_RUMAH = "asimilasi_rumah", "Asimilasi di rumah", "Home assimilation"
    DIVERSI = "diversi", "Diversi (anak)", "Diversion (child)"
    PIDANA_BERSYARAT = "pidana_bersyarat", "Pidana bersyarat (anak)", "Conditional sentence (child)"
    PIDANA_PENGAWASAN = "pidana_pengawasan", "Pidana pengawasan (anak)", "Supervision sentence (child)"
    LAINNYA = "lainnya", "Lainnya", "Other"


class Identity(Part):
    name: Text = field("Nama lengkap", "Full name", "Termasuk bin/binti bila ada.", "Including bin/binti if any.")
    aliases: list[Text] = field(
        "Nama alias", "Aliases", "Nama lain (als.), satu per baris.", "Other names (als.), one per line.",
        default_factory=list,
    )
    sex: Sex = field("Jenis kelamin", "Sex")
    birth_place: Text = field("Tempat lahir", "Place of birth")
    birth_date: Date = field("Tanggal lahir", "Date of birth", "Contoh 2026-03-02 atau 2/3/2026.", "E.g. 2026-03-02 or 2/3/2026.")
    nik: Nik | None = field(
        "NIK", "National ID (NIK)", "16 digit, ditulis sebagai teks.", "16 digits, written as text.", default=None
    )
    religion: Religion = field("Agama", "Religion")
    ethnicity: str | None = field("Suku", "Ethnicity", default=None)
    nationality: str = field("Kewarganegaraan", "Nationality", default="Indonesia")
    education: Education = field("Pendidikan terakhir", "Education")
    marital_status: Marital = field("Status perkawinan", "Marital status")
    occupation: str | None = field("Pekerjaan", "Occupation", default=None)
    address: Text = field("Alamat", "Address", "Alamat tempat tinggal selama bimbingan.", "Address during supervision.")
    phone: Phone | None = field("Nomor telepon", "Phone number", default=None)

    @model_validator(mode="after")
    def _born_in_past(self) -> Identity:
        if self.birth_date > dt.date.today():
            raise PydanticCustomError("bc_future_date", "date in the future", {"field": "birth_date"})
        return self


class FamilyMember(Part):
    relation: Relation = field("Hubungan", "Relation", "Hubungan dengan klien.", "Relation to the client.")
    name: Text = field("Nama", "Name")
    sex: Sex | None = field("Jenis kelamin", "Sex", default=None)
    age: int | None = field("Umur", "Age", default=None, ge=0, le=120)
    occupation: str | None = field("Pekerjaan", "Occupation", default=None)
    address: str | None = field("Alamat", "Address", default=None)
    notes: str | None = field("Catatan", "Notes", default=None)


class Guarantor(Part):
    name: Text = field("Nama penjamin", "Guarantor's name")
    relation: Relation = field("Hubungan dengan klien", "Relation to the client")
    occupation: str | None = field("Pekerjaan", "Occupation", default=None)
    address: Text = field("Alamat", "Address")
    phone: Phone | None = field("Nomor telepon", "Phone number", default=None)


class Legal(Part):
    programme: Programme = field("Program", "Programme", "PB, CB, CMB, asimilasi, program anak...", "Parole, leave, assimilation, child programmes...")
    offence: Text = field("Tindak pidana", "Offence", "Contoh: Pembunuhan.", "E.g. Murder.")
    articles: list[Text] = field(
        "Pasal", "Articles", "Satu pasal per baris, contoh: Pasal 338 KUHP.", "One article per line, e.g. Pasal 338 KUHP.",
        min_length=1,
    )
    verdict_number: str | None = field("Nomor putusan", "Verdict number", default=None)
    verdict_date: Date | None = field("Tanggal putusan", "Verdict date", default=None)
    court: str | None = field("Pengadilan", "Court", default=None)
    sentence_years: int = field("Pidana (tahun)", "Sentence (years)", default=0, ge=0, le=100)
    sentence_months: int = field("Pidana (bulan)", "Sentence (months)", default=0, ge=0, le=11)
    first_detained: Date | None = field("Tanggal pertama ditahan", "First detained on", default=None)
    origin_institution: str | None = field("Asal Lapas/Rutan", "Origin prison", "Contoh: Lapas Kelas I Medan.", "E.g. Lapas Kelas I Medan.", default=None)
    register_lapas: str | None = field("No. Register Lapas", "Prison register no.", default=None)
    register_litmas: str | None = field("No. Register Litmas", "Litmas register no.", default=None)
    sk_number: str | None = field("Nomor SK", "Decree (SK) number", default=None)
    sk_date: Date | None = field("Tanggal SK", "Decree (SK) date", default=None)
    supervision_start: Date = field("Awal bimbingan", "Supervision start", "Tanggal bebas/mulai bimbingan.", "Release / start of supervision.")
    supervision_end: Date = field("Ekspirasi", "Supervision end (expiry)", "Akhir masa bimbingan.", "End of the supervision period.")

    @model_validator(mode="after")
    def _period_in_order(self) -> Legal:
        if self.supervision_end < self.supervision_start:
            raise PydanticCustomError("bc_end_before_start", "end before start", {"field": "supervision_end"})
        if self.first_detained and self.first_detained > self.supervision_start:
            raise PydanticCustomError("bc_detained_after_release", "detained after release", {"field": "first_detained"})
        return self


class Officer(Part):
    name: Text = field("Nama", "Name")
    nip: Nip | None = field("NIP", "NIP", "18 digit.", "18 digits.", default=None)


class Student(Part):
    name: Text = field("Nama praktikan", "Student's name")
    institution: str | None = field("Perguruan tinggi", "University", default=None)


class Assignment(Part):
    officer: Officer = field("Pembimbing Kemasyarakatan (PK)", "Probation officer (PK)")
    praktikan: Student | None = field("Praktikan", "Practicum student", default=None)


class CaseDoc(Doc):
    """Intake: who the client is, why they are supervised, and who supervises them."""

    doc_name = "case"
    title_id = "Registrasi klien"
    title_en = "Client intake"

    intake_date: Date = field("Tanggal registrasi", "Intake date")
    identity: Identity = field("Identitas klien", "Client identity")
    family: list[FamilyMember] = field("Keluarga", "Family", default_factory=list)
    guarantor: Guarantor | None = field("Penjamin", "Guarantor", default=None)
    legal: Legal = field("Status hukum", "Legal status")
    assignment: Assignment = field("Penugasan", "Assignment")
