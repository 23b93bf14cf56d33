"""Assessment, ``assessment.yaml`` (reassessments in ``assessments/``): the client's situation, resource systems,
genogram, needs and strengths, and the answers to the official instruments (RRI, kebutuhan kriminogenik).

Instrument answers are stored item by item (``item id -> option id``) with the instrument id and version used.
Scores and categories are never stored: ``bapascase.model.scoring`` computes them from the definitions.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, ModelWrapValidatorHandler, model_validator
from pydantic_core import PydanticCustomError

from bapascase.model.base import Choice, Doc, Part, Privacy, Subject, field
from bapascase.model.case import Sex
from bapascase.model.refs import check_short_id, id_schema, id_scope, known_in, raw_ids, unique_in
from bapascase.model.scoring import CODE as INSTRUMENT_ID
from bapascase.model.scoring import default_instrument
from bapascase.model.sentences import KerjaSosialConsiderations
from bapascase.model.types import Date, Text

# the built-in instruments an adult's parts are answered with when a file names none (a child's are filled in
# when recorded: ``workflow.stages.assessment``; definitions: bapascase/data/instruments/)
RRI_INSTRUMENT = default_instrument("rri", child=False)
CRIMINOGENIC_INSTRUMENT = default_instrument("criminogenic", child=False)
_INSTRUMENT_ID_RE = re.compile(INSTRUMENT_ID)


class ResourceCategory(Choice):
    INFORMAL = "informal", "Informal / alamiah", "Informal / natural"
    FORMAL = "formal", "Formal", "Formal"
    KEMASYARAKATAN = "kemasyarakatan", "Kemasyarakatan", "Societal (public services)"


class Strength(Choice):
    """The line of a resource system on the ecomap."""

    KUAT = "kuat", "Kuat", "Strong"
    SEDANG = "sedang", "Sedang", "Moderate"
    LEMAH = "lemah", "Lemah", "Weak"
    STRES = "stres", "Menimbulkan stres", "Stressful"


class Direction(Choice):
    """The arrow of a resource system on the ecomap: which way support flows."""

    KE_KLIEN = "ke_klien", "Dukungan ke klien", "Support to the client"
    DARI_KLIEN = "dari_klien", "Dukungan dari klien", "Support from the client"
    TIMBAL_BALIK = "timbal_balik", "Timbal balik", "Both ways"
    TIDAK_ADA = "tidak_ada", "Tidak ada aliran", "No flow"


class Priority(Choice):
    TINGGI = "tinggi", "Tinggi", "High"
    SEDANG = "sedang", "Sedang", "Medium"
    RENDAH = "rendah", "Rendah", "Low"


class NeedDomain(Choice):
    PRIBADI = "pribadi", "Pribadi / psikologis", "Personal / psychological"
    KESEHATAN = "kesehatan", "Kesehatan", "Health"
    KELUARGA = "keluarga", "Keluarga", "Family"
    SOSIAL = "sosial", "Sosial", "Social"
    SPIRITUAL = "spiritual", "Spiritual", "Spiritual"
    EKONOMI = "ekonomi", "Ekonomi / pekerjaan", "Economic / work"
    PENDIDIKAN = "pendidikan", "Pendidikan / keterampilan", "Education / skills"
    LINGKUNGAN = "lingkungan", "Lingkungan / tempat tinggal", "Environment / housing"
    HUKUM = "hukum", "Hukum", "Legal"
    LAINNYA = "lainnya", "Lainnya", "Other"


class GenogramRelation(Choice):
    MENIKAH = "menikah", "Menikah", "Married"
    CERAI = "cerai", "Bercerai", "Divorced"
    PISAH = "pisah", "Berpisah", "Separated"
    ORANG_TUA_ANAK = "orang_tua_anak", "Orang tua – anak", "Parent – child"
    SAUDARA = "saudara", "Saudara kandung", "Siblings"
    DEKAT = "dekat", "Dekat", "Close"
    KONFLIK = "konflik", "Konflik", "Conflict"
    PUTUS = "putus", "Putus hubungan", "Cut off"
    RENGGANG = "renggang", "Renggang", "Distant"


# -- the situation -----------------------------------------------------------------------------------------


class Personal(Part):
    psychological: str | None = field(
        "Kondisi psikologis", "Psychological condition", "Emosi, kontrol diri, trauma.",
        "Emotions, self-control, trauma.", default=None, long=True,
    )
    health: str | None = field("Kesehatan", "Health", default=None, long=True)
    behaviour_history: str | None = field(
        "Riwayat perilaku", "Behaviour history", "Pergaulan, kebiasaan, pelanggaran sebelumnya.",
        "Peers, habits, earlier violations.", default=None, long=True,
    )
    remorse_insight: str | None = field(
        "Penyesalan dan kesadaran", "Remorse and insight", "Sejauh mana klien menyadari dan menyesali perbuatannya.",
        "How far the client understands and regrets the offence.", default=None, long=True,
    )
    motivation: str | None = field("Motivasi untuk berubah", "Motivation to change", default=None, long=True)


class Family(Part):
    relationships: str | None = field(
        "Hubungan dalam keluarga", "Family relationships", "Dengan pasangan, anak, orang tua.",
        "With spouse, children, parents.", default=None, long=True,
    )
    role: str | None = field(
        "Peran klien dalam keluarga", "The client's role in the family", default=None, long=True
    )
    support: str | None = field(
        "Dukungan keluarga / penjamin", "Support from family / guarantor", default=None, long=True
    )


class Social(Part):
    neighbours: str | None = field("Hubungan dengan tetangga", "Neighbours", default=None, long=True)
    peers: str | None = field("Teman dan pergaulan", "Peers", default=None, long=True)
    community: str | None = field(
        "Penerimaan masyarakat", "Community acceptance", "Stigma, keterlibatan di masyarakat.",
        "Stigma, community involvement.", default=None, long=True,
    )


class Spiritual(Part):
    practice: str | None = field(
        "Kehidupan keagamaan", "Religious life", "Ibadah, keterlibatan di rumah ibadah.",
        "Worship, involvement with a congregation.", default=None, long=True,
    )
    figures: str | None = field(
        "Tokoh agama yang berperan", "Religious figures involved", "Contoh: Pendeta gereja.", "E.g. the church pastor.",
        default=None, privacy=Privacy.FREE_TEXT,
    )


class Economic(Part):
    occupation: str | None = field(
        "Pekerjaan saat ini", "Current occupation", default=None, privacy=Privacy.PLACE,
    )
    income_monthly: int | None = field(
        "Penghasilan per bulan (Rp)", "Monthly income (Rp)", "Angka saja, contoh 1500000.", "Digits only, e.g. 1500000.",
        default=None, ge=0, money=True,
    )
    income_notes: str | None = field(
        "Sumber penghasilan keluarga", "Household income sources", default=None, long=True
    )
    dependents: int | None = field("Jumlah tanggungan", "Dependants", default=None, ge=0, le=50)
    skills: list[Text] = field(
        "Keterampilan", "Skills", "Satu per baris.", "One per line.", default_factory=list, privacy=Privacy.FREE_TEXT,
    )
    debts: str | None = field("Utang", "Debts", default=None, long=True)


class Environment(Part):
    housing: str | None = field("Tempat tinggal", "Housing", default=None, long=True)
    neighbourhood_risks: str | None = field(
        "Risiko di lingkungan", "Neighbourhood risks", "Contoh: teman minum di sekitar rumah.",
        "E.g. drinking companions nearby.", default=None, long=True,
    )
    residence_plan: str | None = field(
        "Rencana tempat tinggal", "Where the client plans to live", default=None, long=True
    )


class Offence(Part):
    background: str | None = field("Latar belakang", "Background", default=None, long=True)
    chronology: str | None = field("Kronologi", "Chronology", default=None, long=True)
    triggers: list[Text] = field(
        "Pemicu", "Triggers", "Contoh: alkohol, teman sepergaulan. Satu per baris.", "E.g. alcohol, peers. One per line.",
        default_factory=list, privacy=Privacy.FREE_TEXT,
    )
    victim: str | None = field("Korban", "Victim", "Tanpa data yang tidak perlu.", "No more detail than needed.", default=None, long=True)
    client_view: str | None = field(
        "Tanggapan klien atas perbuatannya", "The client's view of the offence", default=None, long=True
    )


# -- resource systems (ecomap) and genogram -----------------------------------------------------------------


class ResourceSystem(Part):
    name: Text = field(
        "Nama", "Name", "Contoh: Istri dan anak, Pendeta gereja.", "E.g. Wife and children, the pastor.", privacy=Privacy.FREE_TEXT,
    )
    kind: str | None = field(
        "Jenis", "Kind", "Bebas, contoh: keluarga, gereja, lembaga pelatihan.", "Free text, e.g. family, church, training centre.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    category: ResourceCategory = field("Kategori", "Category")
    strength: Strength = field("Kekuatan hubungan", "Relation strength")
    direction: Direction = field("Arah dukungan", "Direction of support")
    notes: str | None = field("Catatan", "Notes", default=None, long=True)


PersonId = Annotated[str, BeforeValidator(check_short_id), AfterValidator(unique_in("person")), id_schema("P1")]
PersonRef = Annotated[
    str, BeforeValidator(check_short_id), AfterValidator(known_in("person", "bc_person_unknown")), id_schema("P1")
]


class GenogramPerson(Part):
    id: PersonId = field(
        "Kode", "Id", "Kode pendek, unik: P1, P2, ...", "A short unique id: P1, P2, ...", privacy=Privacy.NOT_PERSONAL,
    )
    name: Text = field(
        "Nama / sebutan", "Name / label", "Boleh sebutan, mis. 'Istri'.", "May be a label, e.g. 'Wife'.", privacy=Privacy.NAME,
    )
    relation: str | None = field(
        "Hubungan dengan klien", "Relation to the client", "Contoh: istri, anak, ayah.", "E.g. wife, child, father.",
        default=None, privacy=Privacy.FREE_TEXT,
    )
    is_client: bool = field("Ini klien", "This is the client", default=False)
    sex: Sex | None = field("Jenis kelamin", "Sex", default=None)
    birth_year: int | None = field("Tahun lahir", "Birth year", default=None, ge=1880, le=2100)
    age: int | None = field("Umur", "Age", default=None, ge=0, le=120)
    deceased: bool = field("Sudah meninggal", "Deceased", default=False)
    notes: str | None = field("Catatan", "Notes", default=None, privacy=Privacy.FREE_TEXT)

    def data_subject_of(self) -> Subject:
        return Subject.CLIENT if self.is_client else Subject.OTHER

    def relation_label(self, lang: str | None = None) -> str | None:
        rel = (self.relation or "").strip()
        return rel[0].upper() + rel[1:] if rel else None


class GenogramLink(Part):
    a: PersonRef = field(
        "Orang A", "Person A", "Kode orang; untuk orang tua–anak: orang tua.", "Person id; for parent–child: the parent.", privacy=Privacy.NOT_PERSONAL,
    )
    b: PersonRef = field(
        "Orang B", "Person B", "Kode orang; untuk orang tua–anak: anak.", "Person id; for parent–child: the child.", privacy=Privacy.NOT_PERSONAL,
    )
    kind: GenogramRelation = field("Jenis hubungan", "Relation")
    notes: str | None = field("Catatan", "Notes", default=None, privacy=Privacy.FREE_TEXT)

    @model_validator(mode="after")
    def _two_people(self) -> GenogramLink:
        if self.a == self.b:
            raise PydanticCustomError("bc_link_self", "a person linked to themself", {"field": "b"})
        return self


class Genogram(Part):
    people: list[GenogramPerson] = field("Orang", "People", default_factory=list)
    relations: list[GenogramLink] = field("Hubungan", "Relations", default_factory=list)
    notes: str | None = field("Catatan genogram", "Genogram notes", default=None, long=True)

    @model_validator(mode="wrap")
    @classmethod
    def _person_scope(cls, data: Any, handler: ModelWrapValidatorHandler[Genogram]) -> Genogram:
        with id_scope("person", raw_ids(data, "people", "id")):
            return handler(data)

    @model_validator(mode="after")
    def _one_client(self) -> Genogram:
        if sum(1 for p in self.people if p.is_client) > 1:
            raise PydanticCustomError("bc_genogram_clients", "more than one client", {"field": "people"})
        return self


# -- needs, strengths and instruments --------------------------------------------------------------------------


class Need(Part):
    need: Text = field(
        "Kebutuhan", "Need", "Contoh: Keterampilan kerja.", "E.g. Job skills.", privacy=Privacy.FREE_TEXT,
    )
    priority: Priority = field("Prioritas", "Priority")
    domain: NeedDomain | None = field("Bidang", "Domain", default=None)
    notes: str | None = field("Catatan", "Notes", default=None, privacy=Privacy.FREE_TEXT)


def _check_instrument_id(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if not _INSTRUMENT_ID_RE.match(value):
            raise PydanticCustomError("bc_instrument_id", "bad instrument id", {})
    return value


def _version_text(value: Any) -> Any:
    # ``version: 2021`` in YAML is a number; a version is an identifier, so it is read as text
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


InstrumentId = Annotated[
    str, BeforeValidator(_check_instrument_id), Field(json_schema_extra={"pattern": INSTRUMENT_ID})
]
InstrumentVersion = Annotated[str, BeforeValidator(_version_text)]


class InstrumentAnswers(Part):
    """Answers to one instrument, item by item; the score is computed, never stored."""

    instrument: InstrumentId = field(
        "Instrumen", "Instrument", "Kode instrumen (lihat definisi di bapascase/data/instruments).",
        "Instrument id (see the definitions in bapascase/data/instruments).", privacy=Privacy.NOT_PERSONAL,
    )
    version: InstrumentVersion = field(
        "Versi instrumen", "Instrument version", "Versi yang dipakai untuk asesmen ini, mis. 2021.",
        "The version used for this assessment, e.g. 2021.", min_length=1, example="2021", privacy=Privacy.NOT_PERSONAL,
    )
    answers: dict[str, str] = field(
        "Jawaban", "Answers", "Kode butir -> kode pilihan, mis. penggunaan_zat: alkohol.",
        "Item id -> option id, e.g. penggunaan_zat: alkohol.", default_factory=dict, privacy=Privacy.NOT_PERSONAL,
    )
    notes: str | None = field("Catatan", "Notes", default=None, long=True)


class RriAnswers(InstrumentAnswers):
    instrument: InstrumentId = field(
        "Instrumen", "Instrument", "Kode instrumen risiko: rri (dewasa) atau anak-risiko (anak).",
        "Risk instrument id: rri (adults) or anak-risiko (children).", default=RRI_INSTRUMENT,
        privacy=Privacy.NOT_PERSONAL,
    )
    narcotics_case: bool | None = field(
        "Perkara narkotika", "Narcotics case",
        "Dikonfirmasi PK; kosong = menurut pasal dan tindak pidana di registrasi. RRI bagian D ditanyakan bila ya.",
        "As the officer confirms it; empty = as the intake's articles and offence say. RRI part D is asked if so.",
        default=None,
    )


class CriminogenicAnswers(InstrumentAnswers):
    instrument: InstrumentId = field(
        "Instrumen", "Instrument", "Kode instrumen: kriminogenik (dewasa) atau anak-kriminogenik (anak).",
        "Instrument id: kriminogenik (adults) or anak-kriminogenik (children).", default=CRIMINOGENIC_INSTRUMENT, privacy=Privacy.NOT_PERSONAL,
    )


class AssessmentDoc(Doc):
    """One dated assessment; a reassessment is a new document, the earlier ones are kept."""

    doc_name = "assessment"
    title_id = "Asesmen"
    title_en = "Assessment"

    date: Date = field("Tanggal asesmen", "Assessment date", happened=True, privacy=Privacy.NOT_PERSONAL)
    sources: list[Text] = field(
        "Sumber data", "Sources", "Contoh: wawancara klien, wawancara istri, observasi, Litmas.",
        "E.g. interview with the client, with his wife, observation, the Litmas.", default_factory=list, privacy=Privacy.FREE_TEXT,
    )
    personal: Personal = field("Kondisi pribadi", "Personal", default_factory=Personal)
    family: Family = field("Keluarga", "Family", default_factory=Family)
    social: Social = field("Sosial", "Social", default_factory=Social)
    spiritual: Spiritual = field("Spiritual", "Spiritual", default_factory=Spiritual)
    economic: Economic = field("Ekonomi", "Economic", default_factory=Economic)
    environment: Environment = field("Lingkungan", "Environment", default_factory=Environment)
    offence: Offence = field("Tindak pidana", "Offence", default_factory=Offence)
    resources: list[ResourceSystem] = field(
        "Sistem sumber", "Resource systems", "Untuk ekomap: keluarga, gereja, Griya Abhipraya, ...",
        "For the ecomap: family, church, Griya Abhipraya, ...", default_factory=list,
    )
    genogram: Genogram = field("Genogram", "Genogram", default_factory=Genogram)
    needs: list[Need] = field("Kebutuhan", "Needs", default_factory=list)
    strengths: list[Text] = field(
        "Kekuatan klien", "Strengths", "Satu per baris.", "One per line.", default_factory=list, privacy=Privacy.FREE_TEXT
    )
    rri: RriAnswers | None = field(
        "Asesmen risiko (RRI; instrumen anak untuk klien anak)", "Risk assessment (RRI; the child instrument for children)",
        "Dijawab butir demi butir; skor, kategori dan perlu tidaknya asesmen kriminogenik dihitung oleh bapascase.",
        "Answered item by item; bapascase computes the score, the category and whether the criminogenic assessment "
        "is required.", default=None,
    )
    criminogenic: CriminogenicAnswers | None = field(
        "Kebutuhan kriminogenik", "Criminogenic needs",
        "Tingkat kebutuhan per domain menurut penilaian PK; prioritas dihitung oleh bapascase.",
        "Need level per domain as the officer assesses it; bapascase works out the priorities.", default=None,
    )
    analysis: str | None = field("Analisis", "Analysis", default=None, long=True)
    conclusion: str | None = field(
        "Kesimpulan dan rekomendasi", "Conclusion and recommendations", default=None, long=True
    )
    kerja_sosial: KerjaSosialConsiderations | None = field(
        "Pertimbangan pidana kerja sosial (Pasal 85 ayat (2) UU 1/2023)",
        "Considerations for community service (Article 85(2) of Law 1/2023)",
        "Yang wajib dipertimbangkan hakim; untuk Litmas pidana kerja sosial.",
        "What the judge must weigh; for the community service Litmas.", default=None,
    )
