"""The intake document, ``case.yaml``: identity, family, guarantor, legal status and assignment."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import SerializerFunctionWrapHandler, model_serializer, model_validator
from pydantic_core import PydanticCustomError

from bapascase.model.base import Choice, Doc, Need, Part, Privacy, Subject, field
from bapascase.model.sentences import KerjaSosial, Pengawasan, legal_problems
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


def _code_choice() -> type[Choice]:
    """The criminal codes an article may come from, built from ``criminal_codes`` in the programme file."""
    from bapascase.model.programmes import criminal_codes

    members = [(code.upper(), (code, c.label_id, c.label_en)) for code, c in criminal_codes().items()]
    made: type[Choice] = Choice("CriminalCode", members)  # type: ignore[arg-type,assignment]
    return made


if TYPE_CHECKING:
    Programme = Choice
    CriminalCode = Choice
else:
    Programme = _programme_choice()
    CriminalCode = _code_choice()


class Article(Part):
    """One article of the offence, with the code it comes from: "Pasal 458" of UU 1/2023, "Pasal 338" of the old
    KUHP, "Pasal 127 ayat (1) huruf a" of a special law named in ``law`` (UU 35/2009).

    Free text, as earlier casebooks wrote it ("Pasal 338 KUHP"), is an untagged article: still valid, kept as
    written in the file and printed as written (``check --fix`` tags what it can read)."""

    written_as_text: ClassVar[bool] = True  # "Pasal 338 KUHP" in one line is an article too (``_free_text``)

    article: Text = field(
        "Pasal", "Article", "Tanpa kitabnya, contoh: Pasal 127 ayat (1) huruf a.",
        "Without its code, e.g. Pasal 127 ayat (1) huruf a.", privacy=Privacy.FREE_TEXT,
    )
    code: CriminalCode | None = field(
        "Kitab / undang-undang", "Code", "KUHP lama untuk tindak pidana sebelum 2 Januari 2026, UU 1/2023 sesudahnya, "
        "atau undang-undang khusus.", "The old KUHP for offences before 2 January 2026, Law 1/2023 from then, or a "
        "special law.", default=None,
    )
    law: str | None = field(
        "Undang-undang khusus", "Special law", "Contoh: UU 35/2009.", "E.g. UU 35/2009.", default=None,
        privacy=Privacy.NOT_PERSONAL,
    )

    @model_validator(mode="before")
    @classmethod
    def _free_text(cls, data: Any) -> Any:
        return {"article": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _law_named(self) -> Article:
        from bapascase.model.articles import NAMED, ends_with_code

        if self.code is None:
            if self.law:
                raise PydanticCustomError("bc_law_without_code", "a law needs its code", {"field": "code"})
            return self
        if self.code.value == NAMED and not (self.law or "").strip():
            raise PydanticCustomError("bc_law_needed", "a special law is named", {"field": "law"})
        if self.code.value != NAMED and self.law:
            raise PydanticCustomError("bc_law_not_special", "only a special law is named", {"field": "law"})
        if ends_with_code(self.article):
            raise PydanticCustomError("bc_code_twice", "the code is written twice", {"field": "article"})
        return self

    @model_serializer(mode="wrap")
    def _as_written(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Untagged free text is written back as it was: a plain line."""
        if self.code is None:
            return self.article
        return handler(self)

    def __str__(self) -> str:
        from bapascase.model.articles import cite

        return cite(self.article, self.code.value if self.code else None, self.law)

    @property
    def tagged(self) -> bool:
        return self.code is not None


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
    occupation: str | None = field("Pekerjaan", "Occupation", default=None, privacy=Privacy.PLACE)
    address: Text = field(
        "Alamat", "Address", "Alamat tempat tinggal selama bimbingan.", "Address during supervision.", privacy=Privacy.ADDRESS,
    )
    phone: Phone | None = field("Nomor telepon", "Phone number", default=None, privacy=Privacy.CONTACT)
    distinguishing_marks: str | None = field(
        "Ciri khusus", "Distinguishing marks", "Contoh: tato di lengan kanan, bekas luka di dahi.",
        "E.g. a tattoo on the right arm, a scar on the forehead.", default=None, privacy=Privacy.APPEARANCE,
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
    occupation: str | None = field("Pekerjaan", "Occupation", default=None, privacy=Privacy.PLACE)
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
    occupation: str | None = field("Pekerjaan", "Occupation", default=None, privacy=Privacy.PLACE)
    address: Text = field("Alamat", "Address", privacy=Privacy.ADDRESS)
    phone: Phone | None = field("Nomor telepon", "Phone number", default=None, privacy=Privacy.CONTACT)


class Legal(Part):
    programme: Programme = field("Program", "Programme", "PB, CB, CMB, asimilasi, program anak...", "Parole, leave, assimilation, child programmes...")
    offence: Text = field(
        "Tindak pidana", "Offence", "Contoh: Pembunuhan.", "E.g. Murder.", privacy=Privacy.FREE_TEXT,
    )
    offence_date: Date | None = field(
        "Tanggal tindak pidana", "Date of the offence",
        "Menentukan kitab yang berlaku: KUHP lama sebelum 2 Januari 2026, UU 1/2023 sejak itu.",
        "Says which code applies: the old KUHP before 2 January 2026, Law 1/2023 from then.", default=None,
        happened=True, privacy=Privacy.NOT_PERSONAL,
    )
    articles: list[Article] = field(
        "Pasal", "Articles",
        "Satu pasal per baris dengan kitabnya: Pasal 338 KUHP, Pasal 458 UU 1/2023, Pasal 127 ayat (1) huruf a UU 35/2009.",
        "One article per line with its code: Pasal 338 KUHP, Pasal 458 UU 1/2023, Pasal 127 ayat (1) huruf a UU 35/2009.",
        min_length=1,
    )
    verdict_number: str | None = field(
        "Nomor putusan", "Verdict number", default=None, privacy=Privacy.ID_NUMBER,
    )
    verdict_date: Date | None = field(
        "Tanggal putusan", "Verdict date", default=None, happened=True, privacy=Privacy.NOT_PERSONAL,
    )
    court: str | None = field("Pengadilan", "Court", default=None, privacy=Privacy.FREE_TEXT)
    sentence_years: int = field("Pidana (tahun)", "Sentence (years)", default=0, ge=0, le=100)
    sentence_months: int = field("Pidana (bulan)", "Sentence (months)", default=0, ge=0, le=11)
    first_detained: Date | None = field(
        "Tanggal pertama ditahan", "First detained on", default=None, happened=True, privacy=Privacy.NOT_PERSONAL,
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
    pengawasan: Pengawasan | None = field(
        "Pidana pengawasan: syarat", "Supervision sentence: conditions", "Hanya untuk program pidana pengawasan.",
        "For the supervision sentence only.", default=None,
    )
    kerja_sosial: KerjaSosial | None = field(
        "Pidana kerja sosial: pelaksanaan", "Community service: terms", "Hanya untuk program pidana kerja sosial.",
        "For the community service sentence only.", default=None,
    )

    @classmethod
    def rules_require(cls, data: Any) -> dict[str, Need]:
        """The programme's rule for the end of the masa bimbingan: recorded when the programme does not derive it
        (a verdict sets it), else derived from the expiry, so the end is needed when the expiry is left empty (the
        expiry, asked first, stays optional: an officer may have the end and not the expiry; ``check`` names the
        expiry, as before)."""
        from bapascase.model.programmes import end_rule

        if not isinstance(data, dict) or data.get("supervision_end") not in (None, ""):
            return {}
        programme = data.get("programme")
        code = getattr(programme, "value", programme)
        if not isinstance(code, str) or not code:
            return {}  # no programme yet: its rule is not known
        if end_rule(code) is None:
            return {"supervision_end": Need("bc_end_needed")}
        if data.get("expiry") not in (None, ""):
            return {}
        return {"supervision_end": Need("bc_end_or_expiry", at="expiry")}

    @model_validator(mode="after")
    def _period_in_order(self) -> Legal:
        # the same rule the interview asks by (``rules_require``), so check and the questions agree
        needed = self.rules_require({"programme": self.programme.value, "supervision_end": self.supervision_end,
                                     "expiry": self.expiry})
        for name, need in needed.items():
            if getattr(self, name) is None:
                raise need.error(name)
        if self.supervision_end is not None and self.supervision_end < self.supervision_start:
            raise PydanticCustomError("bc_end_before_start", "end before start", {"field": "supervision_end"})
        if self.expiry is not None and self.expiry < self.supervision_start:
            raise PydanticCustomError("bc_expiry_before_start", "expiry before start", {"field": "expiry"})
        if self.first_detained and self.first_detained > self.supervision_start:
            raise PydanticCustomError("bc_detained_after_release", "detained after release", {"field": "first_detained"})
        if self.offence_date is not None and self.verdict_date is not None and self.offence_date > self.verdict_date:
            raise PydanticCustomError("bc_offence_after_verdict", "offence after the verdict", {"field": "offence_date"})
        broken = legal_problems(self.programme.value, self.supervision_start, self.supervision_end, self.verdict_date,
                                self.pengawasan, self.kerja_sosial)
        if broken is not None:
            raise broken
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

    intake_date: Date = field("Tanggal registrasi", "Intake date", happened=True, privacy=Privacy.NOT_PERSONAL)
    identity: Identity = field("Identitas klien", "Client identity")
    family: list[FamilyMember] = field("Keluarga", "Family", default_factory=list)
    guarantor: Guarantor | None = field("Penjamin", "Guarantor", default=None)
    legal: Legal = field("Status hukum", "Legal status")
    assignment: Assignment = field("Penugasan", "Assignment")
