"""The intake document, ``case.yaml``: identity, family, guarantor, legal status and assignment."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from bapascase.model.base import Choice, Doc, Part, Privacy, Subject, field
from bapascase.model.types import Date, FamilyCard, Nik, Nip, Phone, Text


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


class Spouse(Choice):
    """A spouse named by sex, keyed by ``Sex``: what an anonymised report calls a family member who is a spouse."""

    L = "L", "Suami", "Husband"
    P = "P", "Istri", "Wife"


def _programme_choice() -> type[Choice]:
    """The programmes as a choice, built from ``bapascase/data/programmes.yaml`` (the one list of them)."""
    from bapascase.model.programmes import programmes

    members = [(code.upper(), (code, p.label_id, p.label_en)) for code, p in programmes().items()]
    made: type[Choice] = Choice("Programme", members)  # type: ignore[arg-type,assignment]
    return made


if TYPE_CHECKING:
    Programme = Choice
else:
    Programme = _programme_choice()


class Identity(Part):
    data_subject = Subject.CLIENT

    name: Text = field(
        "Nama lengkap", "Full name", "Termasuk bin/binti bila ada.", "Including bin/binti if any.", privacy=Privacy.NAME,
    )
    aliases: list[Text] = field(
        "Nama alias", "Aliases", "Nama lain (als.), satu per baris.", "Other names (als.), one per line.",
        default_factory=list, privacy=Privacy.NAME,
    )
    sex: Sex = field("Jenis kelamin", "Sex")
    birth_place: Text = field("Tempat lahir", "Place of birth", privacy=Privacy.FREE_TEXT)
    birth_date: Date = field(
        "Tanggal lahir", "Date of birth", "Contoh 2026-03-02 atau 2/3/2026.", "E.g. 2026-03-02 or 2/3/2026.", privacy=Privacy.BIRTH_DATE,
    )
    nik: Nik | None = field(
        "NIK", "National ID (NIK)", "16 digit, ditulis sebagai teks.", "16 digits, written as text.", default=None, privacy=Privacy.ID_NUMBER
    )
    religion: Religion = field("Agama", "Religion")
    ethnicity: str | None = field("Suku", "Ethnicity", default=None, privacy=Privacy.FREE_TEXT)
    nationality: str = field("Kewarganegaraan", "Nationality", default="Indonesia", privacy=Privacy.FREE_TEXT)
    education: Education = field("Pendidikan terakhir", "Education")
    marital_status: Marital = field("Status perkawinan", "Marital status")
    occupation: str | None = field("Pekerjaan", "Occupation", default=None, privacy=Privacy.FREE_TEXT)
    address: Text = field(
        "Alamat", "Address", "Alamat tempat tinggal selama bimbingan.", "Address during supervision.", privacy=Privacy.ADDRESS,
    )
    phone: Phone | None = field("Nomor telepon", "Phone number", default=None, privacy=Privacy.CONTACT)
    distinguishing_marks: str | None = field(
        "Ciri khusus", "Distinguishing marks", "Contoh: tato di lengan kanan, bekas luka di dahi.",
        "E.g. a tattoo on the right arm, a scar on the forehead.", default=None, privacy=Privacy.FREE_TEXT,
    )
    family_card: FamilyCard | None = field(
        "No. Kartu Keluarga (KK)", "Family card number (KK)", "16 digit, ditulis sebagai teks.",
        "16 digits, written as text.", default=None, privacy=Privacy.ID_NUMBER,
    )

    @model_validator(mode="after")
    def _born_in_past(self) -> Identity:
        if self.birth_date > dt.date.today():
            raise PydanticCustomError("bc_future_date", "date in the future", {"field": "birth_date"})
        return self


class FamilyMember(Part):
    data_subject = Subject.FAMILY

    relation: Relation = field("Hubungan", "Relation", "Hubungan dengan klien.", "Relation to the client.")
    name: Text = field("Nama", "Name", privacy=Privacy.NAME)
    sex: Sex | None = field("Jenis kelamin", "Sex", default=None)
    age: int | None = field("Umur", "Age", default=None, ge=0, le=120)
    occupation: str | None = field("Pekerjaan", "Occupation", default=None, privacy=Privacy.FREE_TEXT)
    religion: Religion | None = field("Agama", "Religion", default=None)
    education: Education | None = field("Pendidikan terakhir", "Education", default=None)
    address: str | None = field("Alamat", "Address", default=None, privacy=Privacy.ADDRESS)
    deceased: bool = field("Sudah meninggal", "Deceased", default=False)
    notes: str | None = field("Catatan", "Notes", default=None, privacy=Privacy.FREE_TEXT)

    def relation_label(self, lang: str | None = None) -> str | None:
        if self.relation == Relation.SPOUSE and self.sex is not None:
            return Spouse(self.sex.value).label(lang)
        return self.relation.label(lang)


class Guarantor(Part):
    data_subject = Subject.GUARANTOR

    name: Text = field("Nama penjamin", "Guarantor's name", privacy=Privacy.NAME)
    relation: Relation = field("Hubungan dengan klien", "Relation to the client")
    occupation: str | None = field("Pekerjaan", "Occupation", default=None, privacy=Privacy.FREE_TEXT)
    address: Text = field("Alamat", "Address", privacy=Privacy.ADDRESS)
    phone: Phone | None = field("Nomor telepon", "Phone number", default=None, privacy=Privacy.CONTACT)


class Legal(Part):
    programme: Programme = field("Program", "Programme", "PB, CB, CMB, asimilasi, program anak...", "Parole, leave, assimilation, child programmes...")
    offence: Text = field(
        "Tindak pidana", "Offence", "Contoh: Pembunuhan.", "E.g. Murder.", privacy=Privacy.FREE_TEXT,
    )
    articles: list[Text] = field(
        "Pasal", "Articles", "Satu pasal per baris, contoh: Pasal 338 KUHP.", "One article per line, e.g. Pasal 338 KUHP.",
        min_length=1, privacy=Privacy.FREE_TEXT,
    )
    verdict_number: str | None = field(
        "Nomor putusan", "Verdict number", default=None, privacy=Privacy.ID_NUMBER,
    )
    verdict_date: Date | None = field(
        "Tanggal putusan", "Verdict date", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    court: str | None = field("Pengadilan", "Court", default=None, privacy=Privacy.FREE_TEXT)
    sentence_years: int = field("Pidana (tahun)", "Sentence (years)", default=0, ge=0, le=100)
    sentence_months: int = field("Pidana (bulan)", "Sentence (months)", default=0, ge=0, le=11)
    first_detained: Date | None = field(
        "Tanggal pertama ditahan", "First detained on", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    origin_institution: str | None = field(
        "Asal Lapas/Rutan", "Origin prison", "Contoh: Lapas Kelas I Medan.", "E.g. Lapas Kelas I Medan.", default=None, privacy=Privacy.FREE_TEXT,
    )
    register_lapas: str | None = field(
        "No. Register Lapas", "Prison register no.", default=None, privacy=Privacy.ID_NUMBER,
    )
    register_litmas: str | None = field(
        "No. Register Litmas", "Litmas register no.", default=None, privacy=Privacy.ID_NUMBER,
    )
    sk_number: str | None = field("Nomor SK", "Decree (SK) number", default=None, privacy=Privacy.ID_NUMBER)
    sk_date: Date | None = field("Tanggal SK", "Decree (SK) date", default=None, privacy=Privacy.NOT_PERSONAL)
    supervision_start: Date = field(
        "Awal bimbingan", "Supervision start", "Tanggal bebas/mulai bimbingan.", "Release / start of supervision.", privacy=Privacy.NOT_PERSONAL,
    )
    expiry: Date | None = field(
        "Ekspirasi", "Expiry (end of the sentence)", "Tanggal pidana berakhir, dari perhitungan Lapas.",
        "The day the sentence itself ends, from the prison's calculation.", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    supervision_end: Date | None = field(
        "Akhir masa bimbingan", "End of the supervision period",
        "Kosong = dihitung dari ekspirasi menurut programnya (PB: ekspirasi + 1 tahun; CB, CMB, asimilasi: ekspirasi).",
        "Empty = derived from the expiry by the programme's rule (parole: expiry + 1 year; leave, assimilation: "
        "the expiry).", default=None, privacy=Privacy.NOT_PERSONAL,
    )

    @model_validator(mode="after")
    def _period_in_order(self) -> Legal:
        if self.supervision_end is None:
            from bapascase.model.programmes import end_rule

            if end_rule(self.programme.value) is None:  # the programme's end is set by a verdict: recorded
                raise PydanticCustomError("bc_end_needed", "end of supervision needed", {"field": "supervision_end"})
            if self.expiry is None:
                raise PydanticCustomError("bc_end_or_expiry", "expiry or end needed", {"field": "expiry"})
        if self.supervision_end is not None and self.supervision_end < self.supervision_start:
            raise PydanticCustomError("bc_end_before_start", "end before start", {"field": "supervision_end"})
        if self.expiry is not None and self.expiry < self.supervision_start:
            raise PydanticCustomError("bc_expiry_before_start", "expiry before start", {"field": "expiry"})
        if self.first_detained and self.first_detained > self.supervision_start:
            raise PydanticCustomError("bc_detained_after_release", "detained after release", {"field": "first_detained"})
        return self


class Officer(Part):
    name: Text = field("Nama", "Name", privacy=Privacy.OFFICER)
    nip: Nip | None = field("NIP", "NIP", "18 digit.", "18 digits.", default=None, privacy=Privacy.OFFICER)


class Student(Part):
    name: Text = field("Nama praktikan", "Student's name", privacy=Privacy.OFFICER)
    institution: str | None = field(
        "Perguruan tinggi", "University", default=None, privacy=Privacy.NOT_PERSONAL,
    )


class Assignment(Part):
    officer: Officer = field("Pembimbing Kemasyarakatan (PK)", "Probation officer (PK)")
    praktikan: Student | None = field("Praktikan", "Practicum student", default=None)


class CaseDoc(Doc):
    """Intake: who the client is, why they are supervised, and who supervises them."""

    doc_name = "case"
    title_id = "Registrasi klien"
    title_en = "Client intake"
    short_title_id = "Registrasi"
    short_title_en = "Intake"

    intake_date: Date = field("Tanggal registrasi", "Intake date", privacy=Privacy.NOT_PERSONAL)
    identity: Identity = field("Identitas klien", "Client identity")
    family: list[FamilyMember] = field("Keluarga", "Family", default_factory=list)
    guarantor: Guarantor | None = field("Penjamin", "Guarantor", default=None)
    legal: Legal = field("Status hukum", "Legal status")
    assignment: Assignment = field("Penugasan", "Assignment")
