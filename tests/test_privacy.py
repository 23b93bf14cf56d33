"""Privacy is a property of the field: every text and date field of every model declares its class, the JSON
Schema carries it, and anonymisation treats a field by its class alone (a new field never leaks)."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import Any

import pytest
from pydantic.fields import FieldInfo

from bapascase.model import registry
from bapascase.model.base import Doc, Part, Privacy, Subject, field
from bapascase.model.meta import list_item, nested_models, privacy_of, unwrap
from bapascase.model.settings import SettingsDoc
from bapascase.reports.anonymize import anonymize_docs
from tests.report_fixture import CLIENT_NAME, CLIENT_NIK, story_docs


def every_model() -> list[type[Any]]:
    docs: list[type[Any]] = [registry.model_for(s) for s in registry.STAGES]
    docs.append(SettingsDoc)
    out: list[type[Any]] = []
    for doc in docs:
        out += [m for m in nested_models(doc) if m not in out]
    return out


def _is_text_or_date(info: FieldInfo) -> bool:
    """str, list[str], dict[..., str] or a date (choices are codes, not text)."""
    inner, _ = unwrap(info.annotation)
    item = list_item(inner)
    if item is not None:
        inner = item
    if typing.get_origin(inner) is dict:
        inner, _ = unwrap(typing.get_args(inner)[1])
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return False
    return inner is str or inner is dt.date


def test_every_text_and_date_field_declares_a_privacy_class() -> None:
    checked = []
    missing = []
    for model in every_model():
        for name, info in model.model_fields.items():
            if name == "schema_version" or not _is_text_or_date(info):
                continue
            checked.append(f"{model.__name__}.{name}")
            if privacy_of(info) is None:
                missing.append(f"{model.__module__}.{model.__name__}.{name}")
    assert len(checked) > 150, "the walk found too few fields: does it still reach the nested parts?"
    assert missing == [], "declare field(..., privacy=Privacy.X) for these"


def test_every_class_is_used_and_the_client_is_somewhere() -> None:
    used = {privacy_of(info) for m in every_model() for info in m.model_fields.values()}
    assert set(Privacy) <= used
    subjects = {m.data_subject for m in every_model() if issubclass(m, Part)}
    assert {Subject.CLIENT, Subject.FAMILY, Subject.GUARANTOR, Subject.OTHER} <= subjects


def test_a_narrative_is_free_text_unless_it_says_otherwise() -> None:
    class Probe(Part):
        story: str = field("Cerita", "Story", long=True)
        code: str = field("Kode", "Code", long=True, privacy=Privacy.NOT_PERSONAL)

    assert privacy_of(Probe.model_fields["story"]) is Privacy.FREE_TEXT
    assert privacy_of(Probe.model_fields["code"]) is Privacy.NOT_PERSONAL


def test_the_json_schema_carries_the_class() -> None:
    from bapascase.workflow.schemas import json_schema

    schema = json_schema("case")
    identity = schema["$defs"]["Identity"]["properties"]
    assert identity["name"]["x-privacy"] == "name"
    assert identity["nik"]["x-privacy"] == "id_number"
    assert identity["birth_date"]["x-privacy"] == "birth_date"
    assert "x-privacy" not in identity["sex"]  # a choice is a code


# -- a model made up in the test: a field of every class, names of every subject ---------------------------------


class Victim(Part):
    data_subject = Subject.VICTIM

    name: str = field("Nama korban", "Victim's name", privacy=Privacy.NAME)
    address: str | None = field("Alamat korban", "Victim's address", default=None, privacy=Privacy.ADDRESS)


class Witness(Part):
    """Someone else, with a relation the part knows (like a genogram person)."""

    name: str = field("Nama", "Name", privacy=Privacy.NAME)
    relation: str | None = field("Hubungan", "Relation", default=None, privacy=Privacy.FREE_TEXT)

    def relation_label(self, lang: str | None = None) -> str | None:
        return self.relation.title() if self.relation else None


class ProbeDoc(Doc):
    doc_name = "probe"

    pastor: str = field("Pendeta", "Pastor", privacy=Privacy.NAME)
    nicknames: list[str] = field("Panggilan", "Nicknames", default_factory=list, privacy=Privacy.NAME)
    number: str | None = field("Nomor", "Number", default=None, privacy=Privacy.ID_NUMBER)
    number_required: str = field("Nomor wajib", "Required number", privacy=Privacy.ID_NUMBER)
    email: str | None = field("Email", "E-mail", default=None, privacy=Privacy.CONTACT)
    home: str | None = field("Alamat", "Address", default=None, privacy=Privacy.ADDRESS)
    home_required: str = field("Alamat wajib", "Required address", privacy=Privacy.ADDRESS)
    born: dt.date | None = field("Lahir", "Born", default=None, privacy=Privacy.BIRTH_DATE)
    photos: list[str] = field("Foto", "Photos", default_factory=list, privacy=Privacy.FILE)
    story: str = field("Cerita", "Story", long=True)
    notes: list[str] = field("Catatan", "Notes", default_factory=list, privacy=Privacy.FREE_TEXT)
    author: str = field("Penulis", "Author", privacy=Privacy.OFFICER)
    code: str = field("Kode", "Code", privacy=Privacy.NOT_PERSONAL)
    seen: dt.date = field("Tanggal", "Date", privacy=Privacy.NOT_PERSONAL)
    victim: Victim | None = field("Korban", "Victim", default=None)
    witnesses: list[Witness] = field("Saksi", "Witnesses", default_factory=list)


def _anonymised(lang: str = "id") -> tuple[ProbeDoc, ProbeDoc]:
    case = registry.model_for("case").model_validate(story_docs()["case"][0])
    probe = ProbeDoc(
        pastor="Pdt. Yusuf Sitepu", nicknames=["Ucok"], number="B.I-123/2016", number_required="PAS-9",
        email="benny@contoh.invalid", home="Jl. Kenanga No. 9, Binjai", home_required="Jl. Melati No. 2",
        born=dt.date(1984, 3, 15), photos=["foto.jpg"],
        story=(f"{CLIENT_NAME} (NIK {CLIENT_NIK}, HP 0812-0000-1234) bertemu Pdt. Yusuf Sitepu dan Sari Lubis di "
               "Jl. Kenanga No. 9, Binjai. Rosmawati dan Benny datang bersama Marlina."),
        notes=["Sari hadir", "Lubis menelepon"], author="Sri Rahayu Contoh, S.Sos.", code="Benny-T1",
        seen=dt.date(2026, 1, 5), victim=Victim(name="Sari Lubis", address="Jl. Sakura No. 4, Medan"),
        witnesses=[Witness(name="Marlina", relation="tetangga"), Witness(name="Pak Tono")],
    )
    out = anonymize_docs({"case": [case], "probe": [probe]}, lang)
    anon = out["probe"][0]
    assert isinstance(anon, ProbeDoc)
    return probe, anon


def test_each_class_is_treated_by_anonymisation() -> None:
    original, anon = _anonymised()
    # NAME: a label saying who it is; a list of names is left out
    assert anon.pastor == "Orang lain"
    assert anon.nicknames == []
    assert anon.victim is not None and anon.victim.name == "Korban"
    assert [w.name for w in anon.witnesses] == ["Tetangga", "Orang lain"]
    # ID_NUMBER, CONTACT, BIRTH_DATE, FILE: left out; a required one gets a placeholder
    assert anon.number is None and anon.number_required == "(disamarkan)"
    assert anon.email is None and anon.born is None and anon.photos == []
    # ADDRESS: a placeholder when required, else left out
    assert anon.home is None and anon.home_required == "(alamat disamarkan)"
    assert anon.victim.address is None
    # FREE_TEXT: kept, every known name, address, NIK and phone number in it replaced
    assert anon.story == ("BZG (NIK (nomor disamarkan), HP (nomor disamarkan)) bertemu Orang lain dan Korban di "
                          "(alamat disamarkan). Istri dan BZG datang bersama Tetangga.")
    assert anon.notes == ["Korban hadir", "Korban menelepon"]  # a victim's name is replaced word by word
    # OFFICER and NOT_PERSONAL: kept as written
    assert anon.author == "Sri Rahayu Contoh, S.Sos." and anon.code == "Benny-T1" and anon.seen == original.seen
    # the original is never changed
    assert original.pastor == "Pdt. Yusuf Sitepu" and original.victim is not None
    assert original.victim.name == "Sari Lubis"


def test_labels_follow_the_report_language() -> None:
    _original, anon = _anonymised("en")
    assert anon.pastor == "Another person"
    assert anon.victim is not None and anon.victim.name == "Victim"
    assert anon.home_required == "(address withheld)"


def test_family_labels_come_from_the_model() -> None:
    from bapascase.model.case import FamilyMember

    wife = FamilyMember.model_validate({"relation": "pasangan", "name": "R", "sex": "P"})
    spouse = FamilyMember.model_validate({"relation": "pasangan", "name": "R"})
    child = FamilyMember.model_validate({"relation": "anak", "name": "D"})
    assert (wife.relation_label("id"), wife.relation_label("en")) == ("Istri", "Wife")
    assert spouse.relation_label("id") == "Suami/istri"
    assert child.relation_label("en") == "Child"


@pytest.mark.parametrize("is_client", [True, False])
def test_a_genogram_person_may_be_the_client(is_client: bool) -> None:
    from bapascase.model.assessment import GenogramPerson

    person = GenogramPerson.model_validate({"id": "P1", "name": "X", "relation": "istri", "is_client": is_client})
    assert person.data_subject_of() is (Subject.CLIENT if is_client else Subject.OTHER)
    assert person.relation_label() == "Istri"
