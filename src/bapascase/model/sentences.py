"""The terms of the two community sentences of UU 1/2023, recorded at intake in ``case.yaml`` (``legal``):

- **pidana pengawasan** (Pasal 75-77): the general condition and the special conditions, each with its kind
  (restitution with an amount, doing or not doing something), text and deadline;
- **pidana kerja sosial** (Pasal 85): the hours ordered, the judge's daily schedule, the placements (place, partner
  institution, on-site supervisor, contact) and the client's recorded consent.

Every limit is data (``limits`` of the programme in ``bapascase/data/programmes.yaml``), and a value beyond one is
refused quoting its article: "paling lama 240 jam (Pasal 85 ayat (4) UU 1/2023)". The checks that need the whole
legal part (the period against the programme, a deadline within it) are ``legal_problems``, which the intake's
``Legal`` model runs.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ModelWrapValidatorHandler,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from bapascase.model.base import Choice, Part, Privacy, Subject, field
from bapascase.model.refs import check_short_id, id_schema, id_scope, raw_ids, unique_in
from bapascase.model.text import DAYS
from bapascase.model.types import Date, Phone, Text

if TYPE_CHECKING:
    from bapascase.model.programmes import Limit, ProgrammeInfo

PENGAWASAN = "pengawasan"  # ``ProgrammeInfo.sentence``: the intake part each sentence needs
KERJA_SOSIAL = "kerja_sosial"
SENTENCE_PARTS = (PENGAWASAN, KERJA_SOSIAL)
GENERAL_CONDITION = "Terpidana tidak akan melakukan tindak pidana lagi"  # Pasal 76 ayat (2) UU 1/2023
UMUM = "umum"  # how an event names the general condition (special ones by their id)


def sentence_programme(part: str) -> ProgrammeInfo | None:
    """The programme whose terms a part records (the one programme with that ``sentence``)."""
    from bapascase.model.programmes import programmes

    return next((p for p in programmes().values() if p.sentence == part), None)


def limit_of(part: str, key: str) -> Limit | None:
    found = sentence_programme(part)
    return found.limit(key) if found else None


def duration(months: int, lang: str | None = None) -> str:
    """A period in words as the law writes it: "3 tahun", "6 bulan", "1 tahun 6 bulan"."""
    from bapascase.i18n import t

    years, rest = divmod(months, 12)
    parts = [t("sent.years", lang, n=years)] if years else []
    parts += [t("sent.months", lang, n=rest)] if rest or not years else []
    return " ".join(parts)


def limit_error(code: str, limit: Limit, **values: Any) -> PydanticCustomError:
    """A value beyond a limit of the law, quoting it: ``val.<code>`` (``bc_limit_<the limit's key>``, written in
    full so every code is found by name) with the value and the article."""
    return PydanticCustomError(code, "beyond a limit of the law",
                               {"limit": limit.value, "basis": limit.basis, **values})


class ConditionKind(Choice):
    """The kinds of special condition of Pasal 76 ayat (3) UU 1/2023."""

    RESTITUSI = "restitusi", "Mengganti kerugian (restitusi)", "Make good the loss (restitution)"
    MELAKUKAN = "melakukan", "Melakukan sesuatu", "Do something"
    TIDAK_MELAKUKAN = "tidak_melakukan", "Tidak melakukan sesuatu", "Not do something"


ConditionId = Annotated[str, BeforeValidator(check_short_id), AfterValidator(unique_in("conditions")),
                        id_schema("S1")]
PlacementId = Annotated[str, BeforeValidator(check_short_id), AfterValidator(unique_in("placements")),
                        id_schema("L1")]


class SpecialCondition(Part):
    """One special condition of the verdict (syarat khusus)."""

    id: ConditionId = field(
        "Kode syarat", "Condition id", "S1, S2, ...: peristiwa (pembayaran, hasil syarat) merujuk kode ini.",
        "S1, S2, ...: events (payments, outcomes) refer to it.", privacy=Privacy.NOT_PERSONAL,
    )
    kind: ConditionKind = field("Jenis syarat khusus", "Kind of special condition")
    text: Text = field(
        "Bunyi syarat", "Wording", "Sebagaimana dalam amar putusan.", "As the verdict words it.",
        privacy=Privacy.FREE_TEXT,
    )
    deadline: Date | None = field(
        "Batas waktu", "Deadline", "Wajib untuk restitusi; kosong = selama masa pidana pengawasan.",
        "Required for restitution; empty = throughout the period.", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    amount: int | None = field(
        "Jumlah ganti kerugian (Rp)", "Amount to make good (Rp)", "Hanya untuk restitusi.", "Restitution only.",
        default=None, money=True, ge=1, le=100_000_000_000,
    )

    @model_validator(mode="after")
    def _restitution_terms(self) -> SpecialCondition:
        restitution = self.kind == ConditionKind.RESTITUSI
        if restitution and self.amount is None:
            raise PydanticCustomError("bc_restitution_amount", "restitution needs an amount", {"field": "amount"})
        if not restitution and self.amount is not None:
            raise PydanticCustomError("bc_amount_not_restitution", "only restitution has an amount",
                                      {"field": "amount"})
        if restitution and self.deadline is None:
            raise PydanticCustomError("bc_restitution_deadline", "restitution needs a deadline",
                                      {"field": "deadline"})
        return self


class Pengawasan(Part):
    """Pidana pengawasan: its conditions (Pasal 76 UU 1/2023)."""

    general_condition: Text = field(
        "Syarat umum", "General condition", "Pasal 76 ayat (2) UU 1/2023.", "Article 76(2) of Law 1/2023.",
        default=GENERAL_CONDITION, privacy=Privacy.FREE_TEXT,
    )
    special_conditions: list[SpecialCondition] = field(
        "Syarat khusus", "Special conditions", "Restitusi, melakukan atau tidak melakukan sesuatu.",
        "Restitution, doing or not doing something.", default_factory=list,
    )
    threat_months: int | None = field(
        "Ancaman pidana penjara (bulan)", "Prison term the offence carries (months)",
        "Ancaman maksimum dalam pasal yang didakwakan; masa pengawasan tidak boleh melebihinya.",
        "The maximum the article carries; the period may not exceed it.", default=None, ge=1, le=1200,
    )
    prosecutor: str | None = field(
        "Kejaksaan pelaksana", "Executing prosecutor's office", "Contoh: Kejaksaan Negeri Medan.",
        "E.g. Kejaksaan Negeri Medan.", default=None, privacy=Privacy.NOT_PERSONAL,
    )

    @model_validator(mode="wrap")
    @classmethod
    def _condition_ids(cls, data: Any, handler: ModelWrapValidatorHandler[Pengawasan]) -> Pengawasan:
        with id_scope("conditions", raw_ids(data, "special_conditions", "id")):
            return handler(data)

    @field_validator("threat_months")
    @classmethod
    def _threat(cls, value: int | None) -> int | None:
        limit = limit_of(PENGAWASAN, "threat_months_max")
        if value is not None and limit is not None and limit.value is not None and value > limit.value:
            raise limit_error("bc_limit_threat_months_max", limit, value=value)
        return value


class Placement(Part):
    """Where the client works off the hours: a place, through a partner institution, with a supervisor on site."""

    data_subject = Subject.OTHER

    id: PlacementId = field(
        "Kode tempat", "Placement id", "L1, L2, ...: sesi kerja sosial merujuk kode ini.",
        "L1, L2, ...: work sessions refer to it.", privacy=Privacy.NOT_PERSONAL,
    )
    place: Text = field(
        "Tempat kerja sosial", "Place of work", "Contoh: Masjid Al-Ikhlas, Medan Johor.",
        "E.g. Masjid Al-Ikhlas, Medan Johor.", privacy=Privacy.FREE_TEXT,
    )
    partner: Text = field(
        "Lembaga mitra", "Partner institution", "Contoh: Griya Abhipraya Bapas Kelas I Medan.",
        "E.g. Griya Abhipraya Bapas Kelas I Medan.", privacy=Privacy.NOT_PERSONAL,
    )
    supervisor: Text = field(
        "Pembimbing di lokasi", "Supervisor on site", "Nama penanggung jawab di tempat kerja.",
        "The person in charge at the place.", privacy=Privacy.NAME,
    )
    supervisor_role: str | None = field(
        "Jabatan pembimbing di lokasi", "Supervisor's role", "Contoh: Ketua BKM masjid.",
        "E.g. chair of the mosque board.", default=None, privacy=Privacy.FREE_TEXT,
    )
    contact: Phone | None = field("Kontak", "Contact", default=None, privacy=Privacy.CONTACT)

    def relation_label(self, lang: str | None = None) -> str | None:
        from bapascase.i18n import pick

        return pick("Pembimbing di lokasi", "Supervisor on site", lang)


class Consent(Part):
    """The client's consent after the purpose and terms were explained (Pasal 85 ayat (2) huruf c UU 1/2023)."""

    given: bool = field("Klien menyetujui", "The client consents")
    date: Date = field("Tanggal persetujuan", "Date of consent", privacy=Privacy.NOT_PERSONAL)
    explained: bool = field(
        "Tujuan dan ketentuan sudah dijelaskan", "Purpose and terms explained",
        "Sebelum persetujuan diberikan.", "Before consent was given.",
    )
    notes: str | None = field(
        "Catatan", "Notes", "Contoh: persetujuan tertulis, dibacakan dalam bahasa daerah.",
        "E.g. written consent, read out in the local language.", default=None, long=True,
    )


class WorkDay(Choice):
    """A day of the week a client works, as the officer agrees it with the placement; in ``datetime.weekday``
    order, labelled with the calendar's own day names (``text.DAYS``)."""

    MONDAY = "senin", DAYS["id"][0], DAYS["en"][0]
    TUESDAY = "selasa", DAYS["id"][1], DAYS["en"][1]
    WEDNESDAY = "rabu", DAYS["id"][2], DAYS["en"][2]
    THURSDAY = "kamis", DAYS["id"][3], DAYS["en"][3]
    FRIDAY = "jumat", DAYS["id"][4], DAYS["en"][4]
    SATURDAY = "sabtu", DAYS["id"][5], DAYS["en"][5]
    SUNDAY = "minggu", DAYS["id"][6], DAYS["en"][6]


WEEKDAY = {day: i for i, day in enumerate(WorkDay)}


class KerjaSosial(Part):
    """Pidana kerja sosial: the hours ordered and where and how they are worked (Pasal 85 UU 1/2023)."""

    hours_ordered: int = field(
        "Jam kerja sosial", "Hours ordered", "Sesuai putusan (8-240 jam).", "As the verdict orders (8-240 hours).",
        ge=1, le=10000,
    )
    hours_per_day: int | None = field(
        "Jam per hari menurut putusan", "Hours a day in the verdict", "Kosong = batas undang-undang (8 jam).",
        "Empty = the statutory limit (8 hours).", default=None, ge=1, le=24,
    )
    threat_months: int | None = field(
        "Ancaman pidana penjara (bulan)", "Prison term the offence carries (months)", default=None, ge=1, le=1200,
    )
    replaced_prison_months: int | None = field(
        "Pidana penjara yang diganti (bulan)", "Prison term replaced (months)", default=None, ge=1, le=1200,
    )
    replaced_fine: int | None = field(
        "Pidana denda yang diganti (Rp)", "Fine replaced (Rp)", default=None, money=True, ge=1,
        le=100_000_000_000,
    )
    placements: list[Placement] = field("Tempat kerja sosial", "Placements", min_length=1)
    work_days: list[WorkDay] = field(
        "Hari kerja sosial", "Work days",
        "Hari-hari klien bekerja menurut jadwal yang disepakati; kalender menandai sesi berikutnya.",
        "The days the client works as agreed; the calendar marks the next sessions.",
        default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )
    consent: Consent = field("Persetujuan klien", "Client's consent")
    prosecutor: str | None = field(
        "Kejaksaan pelaksana", "Executing prosecutor's office", "Contoh: Kejaksaan Negeri Medan.",
        "E.g. Kejaksaan Negeri Medan.", default=None, privacy=Privacy.NOT_PERSONAL,
    )

    @model_validator(mode="wrap")
    @classmethod
    def _placement_ids(cls, data: Any, handler: ModelWrapValidatorHandler[KerjaSosial]) -> KerjaSosial:
        with id_scope("placements", raw_ids(data, "placements", "id")):
            return handler(data)

    @field_validator("hours_ordered")
    @classmethod
    def _hours(cls, value: int) -> int:
        low, high = limit_of(KERJA_SOSIAL, "hours_min"), limit_of(KERJA_SOSIAL, "hours_max")
        if low is not None and low.value is not None and value < low.value:
            raise limit_error("bc_limit_hours_min", low, value=value)
        if high is not None and high.value is not None and value > high.value:
            raise limit_error("bc_limit_hours_max", high, value=value)
        return value

    @field_validator("hours_per_day")
    @classmethod
    def _per_day(cls, value: int | None) -> int | None:
        limit = limit_of(KERJA_SOSIAL, "hours_per_day_max")
        if value is not None and limit is not None and limit.value is not None and value > limit.value:
            raise limit_error("bc_limit_hours_per_day_max", limit, value=value)
        return value

    @field_validator("threat_months")
    @classmethod
    def _threat(cls, value: int | None) -> int | None:
        limit = limit_of(KERJA_SOSIAL, "threat_months_below")
        if value is not None and limit is not None and limit.value is not None and value >= limit.value:
            raise limit_error("bc_limit_threat_months_below", limit, value=value)
        return value

    @field_validator("replaced_prison_months")
    @classmethod
    def _replaced(cls, value: int | None) -> int | None:
        limit = limit_of(KERJA_SOSIAL, "replaced_prison_months_max")
        if value is not None and limit is not None and limit.value is not None and value > limit.value:
            raise limit_error("bc_limit_replaced_prison_months_max", limit, value=value)
        return value

    def daily_limit(self) -> int | None:
        """The most hours one day may hold: the verdict's schedule, within the statutory limit."""
        limit = limit_of(KERJA_SOSIAL, "hours_per_day_max")
        values = [v for v in (self.hours_per_day, limit.value if limit else None) if v is not None]
        return min(values) if values else None


class KerjaSosialConsiderations(Part):
    """What the judge must weigh before sentencing to kerja sosial, as the PK found it for the Litmas: the seven
    considerations of Pasal 85 ayat (2) UU 1/2023, in their order (a-g), in the statute's words."""

    admission: str | None = field(
        "a. Pengakuan terdakwa terhadap tindak pidana yang dilakukan",
        "a. The defendant's admission of the offence", default=None, long=True,
    )
    ability_to_work: str | None = field(
        "b. Kemampuan kerja terdakwa", "b. The defendant's ability to work",
        "Kesehatan, keterampilan, pekerjaan sehari-hari.", "Health, skills, daily work.", default=None, long=True,
    )
    consent: str | None = field(
        "c. Persetujuan terdakwa sesudah dijelaskan mengenai tujuan dan segala hal yang berhubungan dengan pidana "
        "kerja sosial", "c. The defendant's consent, after the purpose and terms of community service were "
        "explained", default=None, long=True,
    )
    social_history: str | None = field(
        "d. Riwayat sosial terdakwa", "d. The defendant's social history", default=None, long=True,
    )
    work_safety: str | None = field(
        "e. Pelindungan keselamatan kerja terdakwa", "e. Protecting the defendant's safety at work",
        default=None, long=True,
    )
    beliefs: str | None = field(
        "f. Agama, kepercayaan, dan keyakinan politik terdakwa",
        "f. The defendant's religion, belief and political conviction", default=None, long=True,
    )
    ability_to_pay: str | None = field(
        "g. Kemampuan terdakwa membayar pidana denda", "g. The defendant's ability to pay a fine",
        default=None, long=True,
    )
    placement: str | None = field(
        "Usulan tempat kerja sosial", "Suggested placement", "Contoh: Masjid Al-Ikhlas melalui Griya Abhipraya.",
        "E.g. Masjid Al-Ikhlas through Griya Abhipraya.", default=None, privacy=Privacy.FREE_TEXT,
    )


def last_day(start: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` that starts on ``start`` (both ends counted)."""
    from bapascase.model.derive import add_months

    return add_months(start, months) - dt.timedelta(days=1)


def legal_problems(programme: str, start: dt.date, end: dt.date | None, verdict: dt.date | None,
                   pengawasan: Pengawasan | None, kerja_sosial: KerjaSosial | None) -> PydanticCustomError | None:
    """The first rule of a community sentence that the legal part breaks, as an error located at its field
    (``field``: a path inside the legal part); None when it keeps them all."""
    from bapascase.model.programmes import criminal_codes
    from bapascase.model.programmes import programme as find
    from bapascase.model.text import long_date

    info = find(programme)
    sentence = info.sentence if info else None
    parts = {PENGAWASAN: pengawasan, KERJA_SOSIAL: kerja_sosial}
    for name, part in parts.items():
        if part is not None and sentence != name:
            return PydanticCustomError("bc_sentence_part_other", "this part belongs to another programme",
                                       {"field": name, "programme": programme})
    if sentence is None or info is None:
        return None
    if parts[sentence] is None:
        legacy = programme == "pidana_pengawasan" and sentence == PENGAWASAN
        return PydanticCustomError("bc_sentence_part_legacy" if legacy else "bc_sentence_part_needed",
                                   "the sentence's terms are needed", {"field": sentence})
    new_code = criminal_codes().get("uu_1_2023")
    since = new_code.offences_from if new_code else None
    if verdict is not None and since is not None and verdict < since:
        return PydanticCustomError("bc_sentence_before_code", "no such sentence before the new code",
                                   {"field": "verdict_date", "since": long_date(since)})
    period = info.limit("period_months_max")
    if end is not None and period is not None and period.value is not None:
        latest = last_day(start, period.value)
        if end > latest:
            return limit_error("bc_limit_period_months_max", period, field="supervision_end", latest=long_date(latest),
                               duration=duration(period.value))
    if pengawasan is not None and pengawasan.threat_months is not None and end is not None:
        latest = last_day(start, pengawasan.threat_months)
        rule = info.limit("period_months_max")
        if end > latest and rule is not None:
            return PydanticCustomError("bc_period_beyond_threat", "longer than the prison term it carries",
                                       {"field": "supervision_end", "latest": long_date(latest),
                                        "duration": duration(pengawasan.threat_months), "basis": rule.basis})
    deadline_rule = info.limit("condition_deadline_in_period")
    for i, c in enumerate(pengawasan.special_conditions if pengawasan else ()):
        if c.deadline is None:
            continue
        if c.deadline < start:
            return PydanticCustomError("bc_deadline_before_start", "deadline before the start",
                                       {"field": (PENGAWASAN, "special_conditions", i, "deadline")})
        if (end is not None and deadline_rule is not None and c.kind == ConditionKind.RESTITUSI
                and c.deadline >= end):
            return limit_error("bc_limit_condition_deadline_in_period", deadline_rule,
                               field=(PENGAWASAN, "special_conditions", i, "deadline"), end=long_date(end))
        if end is not None and c.deadline > end:
            return PydanticCustomError("bc_deadline_after_end", "deadline after the end",
                                       {"field": (PENGAWASAN, "special_conditions", i, "deadline"),
                                        "end": long_date(end)})
    return None
