"""A Litmas (Laporan Penelitian Kemasyarakatan), ``litmas/<date>-<tag>.yaml``: one file per Litmas, dated, with its
purpose. A case may have several (a PB Litmas before the decree, a later one for another programme).

What the Litmas alone knows lives here: its basis (the request letter and the PK's surat tugas; never the decree it
precedes), its own date and register number, the life history, the consequences of the offence, the responses of
each party (recorded, or why not obtained), the evaluation in the Lapas, the analysis, conclusions and the explicit
recommendation. The client's identity is the intake's (``case.yaml``); family, environment, the offence and the
instruments are the assessment's (the latest one dated on or before the Litmas). The 1/3, 1/2 and 2/3 dates are
derived from the sentence and the detention dates (``model.derive.sentence_fractions``), never typed.

The fields a purpose needs (``bapascase/data/litmas_purposes.yaml``) are required for a Litmas of that purpose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from bapascase.model.base import Choice, Doc, Need, Part, Privacy, field
from bapascase.model.case import Officer
from bapascase.model.types import Date, Text


def _purpose_choice() -> type[Choice]:
    """The purposes as a choice, built from ``bapascase/data/litmas_purposes.yaml`` (the one list of them)."""
    from bapascase.model.litmas_purposes import purposes

    members = [(code.upper(), (code, p.label.id, p.label.en)) for code, p in purposes().items()]
    made: type[Choice] = Choice("LitmasPurpose", members)  # type: ignore[arg-type,assignment]
    return made


if TYPE_CHECKING:
    LitmasPurpose = Choice
else:
    LitmasPurpose = _purpose_choice()


class Request(Part):
    """The letter asking for the Litmas (a Lapas's request before an integration programme, an investigator's)."""

    institution: str | None = field(
        "Peminta", "Requested by", "Contoh: Kepala Lapas Kelas I Medan.", "E.g. the head of Lapas Kelas I Medan.",
        default=None, privacy=Privacy.NOT_PERSONAL,
    )
    number: str | None = field("Nomor surat permintaan", "Request letter number", default=None,
                               privacy=Privacy.ID_NUMBER)
    date: Date | None = field("Tanggal surat permintaan", "Request letter date", default=None,
                              privacy=Privacy.NOT_PERSONAL)
    subject: str | None = field(
        "Perihal surat permintaan", "Request letter subject", "Contoh: Permohonan Penelitian Kemasyarakatan untuk Pembebasan Bersyarat.",
        "E.g. Request for a social inquiry report for parole.", default=None, privacy=Privacy.FREE_TEXT,
    )


class Assignment(Part):
    """The surat tugas: the Kepala Bapas's letter assigning the PK."""

    number: str | None = field("Nomor surat tugas", "Assignment letter number", default=None,
                               privacy=Privacy.ID_NUMBER)
    date: Date | None = field("Tanggal surat tugas", "Assignment letter date", default=None,
                              privacy=Privacy.NOT_PERSONAL)


class LifeHistory(Part):
    birth_growth: str | None = field(
        "Riwayat kelahiran dan pertumbuhan", "Birth and growth", "Kelahiran, pertumbuhan fisik, perkembangan psikososial.",
        "Birth, physical growth, psychosocial development.", default=None, long=True,
    )
    education: str | None = field(
        "Riwayat pendidikan", "Education", "Pendidikan dalam keluarga, formal dan non-formal; bakat dan potensi.",
        "Upbringing, schooling and training; talents.", default=None, long=True,
    )
    behaviour: str | None = field(
        "Riwayat tingkah laku", "Behaviour", "Kebiasaan, ketaatan beragama, riwayat pelanggaran hukum, rokok, napza, alkohol.",
        "Habits, religious practice, earlier offences, smoking, drugs, alcohol.", default=None, long=True,
    )
    marriage: str | None = field("Riwayat perkawinan", "Marriage", default=None, long=True)


class Consequences(Part):
    """Akibat tindak pidana."""

    victim: str | None = field("Bagi korban", "For the victim", default=None, long=True)
    family: str | None = field("Bagi keluarga klien", "For the client's family", default=None, long=True)
    community: str | None = field("Bagi masyarakat", "For the community", default=None, long=True)


class Response(Part):
    """One party's response: what it said, or why it could not be obtained (both: what was obtained, and why
    the rest was not)."""

    text: str | None = field("Tanggapan", "Response", default=None, long=True)
    not_obtained: str | None = field(
        "Alasan tidak diperoleh", "Why it was not obtained", "Diisi bila tanggapan tidak dapat diperoleh.",
        "Filled in when the response could not be obtained.", default=None, privacy=Privacy.FREE_TEXT,
    )


class Responses(Part):
    """Tanggapan berbagai pihak."""

    client: Response | None = field("Tanggapan klien", "The client", default=None)
    family: Response | None = field("Tanggapan keluarga dan penjamin", "The family and the guarantor", default=None)
    victim: Response | None = field("Tanggapan korban atau keluarga korban", "The victim or the victim's family",
                                    default=None)
    community: Response | None = field("Tanggapan masyarakat", "The community", default=None)
    government: Response | None = field("Tanggapan pemerintah setempat", "The local government", default=None)


class Remission(Part):
    kind: str | None = field("Jenis remisi", "Kind", "Contoh: Remisi Umum, Remisi Khusus.",
                             "E.g. general or special remission.", default=None, privacy=Privacy.NOT_PERSONAL)
    year: int | None = field("Tahun", "Year", default=None, ge=1945, le=2100)
    months: int = field("Remisi (bulan)", "Remission (months)", default=0, ge=0, le=120)
    days: int = field("Remisi (hari)", "Remission (days)", default=0, ge=0, le=365)


class LapasEvaluation(Part):
    """Evaluasi perkembangan pembinaan klien di Lapas."""

    admission: str | None = field(
        "Evaluasi Admisi, Orientasi dan Observasi", "Admission, orientation and observation",
        default=None, long=True,
    )
    personality_programmes: list[Text] = field(
        "Program pembinaan kepribadian yang diikuti", "Personality guidance followed", "Satu per baris.",
        "One per line.", default_factory=list, privacy=Privacy.FREE_TEXT,
    )
    independence_programmes: list[Text] = field(
        "Program pembinaan kemandirian yang diikuti", "Independence (skills) programmes followed", "Satu per baris.",
        "One per line.", default_factory=list, privacy=Privacy.FREE_TEXT,
    )
    register_f: bool | None = field(
        "Tercatat dalam Register F", "Entered in Register F", "Buku catatan pelanggaran disiplin di Lapas.",
        "The prison's register of disciplinary offences.", default=None,
    )
    discipline: str | None = field("Catatan disiplin", "Discipline record", default=None, long=True)
    relations: str | None = field(
        "Relasi sosial di dalam Lapas", "Relations inside", "Dengan sesama WBP, petugas, keluarga (kunjungan), masyarakat.",
        "With fellow prisoners, officers, family (visits), the community.", default=None, long=True,
    )
    assimilation: str | None = field("Evaluasi program asimilasi", "Assimilation", default=None, long=True)
    remissions: list[Remission] = field("Remisi yang diterima", "Remissions received", default_factory=list)


class Diversion(Part):
    """Pelaksanaan diversi: its formal conditions (UU 11/2012 Pasal 7 ayat (2)) and the victim's consent."""

    threat_years: int | None = field(
        "Ancaman pidana (tahun)", "Maximum penalty (years)", "Diversi untuk ancaman di bawah 7 tahun.",
        "Diversion is for offences punishable by less than 7 years.", default=None, ge=0, le=100,
    )
    repeat_offence: bool | None = field("Pengulangan tindak pidana", "A repeat offence", default=None)
    victim_consent: bool | None = field("Persetujuan korban", "The victim consents", default=None)
    notes: str | None = field("Catatan diversi", "Notes on the diversion", default=None, long=True)


class TppSession(Part):
    """The TPP session the Litmas was presented at, as its recommendation cites it."""

    number: str | None = field("Nomor sidang TPP", "TPP session number", "Contoh: 212/TPP/XII/2024.",
                               "E.g. 212/TPP/XII/2024.", default=None, privacy=Privacy.NOT_PERSONAL)
    date: Date | None = field("Tanggal sidang TPP", "TPP session date", default=None, privacy=Privacy.NOT_PERSONAL)


class LitmasDoc(Doc):
    """One Litmas: its own date and purpose, what it is based on, and what only it records."""

    doc_name = "litmas"
    title_id = "Laporan Penelitian Kemasyarakatan (Litmas)"
    title_en = "Social inquiry report (Litmas)"
    short_title_id = "Litmas"
    short_title_en = "Litmas"

    date: Date = field("Tanggal Litmas", "Litmas date", "Tanggal laporan ditandatangani.", "The day it is signed.",
                       privacy=Privacy.NOT_PERSONAL)
    purpose: LitmasPurpose = field("Tujuan Litmas", "Purpose")
    register_number: str | None = field("No. Register Litmas", "Litmas register no.", default=None,
                                        privacy=Privacy.ID_NUMBER)
    request: Request = field("Surat permintaan", "Request letter", default_factory=Request)
    assignment: Assignment = field("Surat tugas", "Assignment letter", default_factory=Assignment)
    author: Officer | None = field(
        "Penulis (PK)", "Author (PK)", "Kosong = PK yang bertugas pada tanggal Litmas.",
        "Empty = the PK in charge on the Litmas date.", default=None,
    )
    sources: list[Text] = field(
        "Sumber data", "Sources", "Contoh: wawancara klien, wawancara penjamin, petugas Lapas, salinan putusan.",
        "E.g. interviews with the client and the guarantor, prison officers, the verdict.", default_factory=list,
        privacy=Privacy.FREE_TEXT,
    )
    life_history: LifeHistory = field("Riwayat hidup", "Life history", default_factory=LifeHistory)
    child_condition: str | None = field(
        "Kondisi klien anak", "The child's situation", "Status, kemandirian dan relasi sosial anak.",
        "The child's status, independence and social relations.", default=None, long=True,
    )
    consequences: Consequences = field("Akibat tindak pidana", "Consequences of the offence",
                                       default_factory=Consequences)
    responses: Responses = field("Tanggapan berbagai pihak", "Responses", default_factory=Responses)
    lapas: LapasEvaluation = field("Evaluasi pembinaan di Lapas", "Progress in prison",
                                   default_factory=LapasEvaluation)
    diversion: Diversion = field("Diversi", "Diversion", default_factory=Diversion)
    analysis: str | None = field("Analisis", "Analysis", default=None, long=True)
    conclusions: list[Text] = field("Butir kesimpulan", "Conclusions (points)", "Satu butir per baris.",
                                    "One point per line.",
                                    default_factory=list, privacy=Privacy.FREE_TEXT)
    recommendation: str | None = field("Rekomendasi", "Recommendation", "Rekomendasi yang tegas.",
                                       "An explicit recommendation.", default=None, long=True)
    tpp: TppSession = field("Sidang TPP yang membahas Litmas", "The TPP session on the Litmas",
                            default_factory=TppSession)

    @classmethod
    def rules_require(cls, data: Any) -> dict[str, Need]:
        """What the chosen purpose needs (``litmas_purposes.yaml``): the interview asks these as required, and the
        validator below reports each one left empty."""
        from bapascase.model.litmas_purposes import purpose

        code = data.get("purpose") if isinstance(data, dict) else None
        found = purpose(getattr(code, "value", code))
        if found is None:
            return {}
        need = Need("bc_litmas_needs", (("purpose", found.label.get()),))  # in the language the error is said in
        return {path: need for path in found.needs}

    @model_validator(mode="after")
    def _what_the_purpose_needs(self) -> LitmasDoc:
        """The fields the purpose needs (``litmas_purposes.yaml``) are filled in: each one missing is named."""
        needed = self.rules_require({"purpose": self.purpose.value})
        missing = [InitErrorDetails(type=PydanticCustomError(need.kind, "needed by the purpose", dict(need.context)),
                                    loc=tuple(path.split(".")), input=None)
                   for path, need in needed.items() if _empty(_at(self, path))]
        if missing:
            raise ValidationError.from_exception_data(type(self).__name__, missing)
        return self


def _at(node: Any, path: str) -> Any:
    for name in path.split("."):
        node = getattr(node, name, None)
        if node is None:
            return None
    return node


def _empty(value: Any) -> bool:
    if value is None or value == "" or value == []:
        return True
    if isinstance(value, Part):
        return all(_empty(getattr(value, name)) for name in type(value).model_fields)
    return False
