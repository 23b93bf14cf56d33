"""The intake model (``case.yaml``): good answers, bad NIKs, impossible dates, enum typos, cross-field rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bapascase.i18n import set_lang
from bapascase.model.case import CaseDoc, Programme, Sex
from bapascase.model.text import initials
from bapascase.model.types import parse_date
from bapascase.model.validation import FieldError, missing_fields, validate
from tests.helpers import intake_answers, minimal_intake


def errors_of(data: dict[str, Any]) -> dict[str, str]:
    doc, errors = validate(CaseDoc, data)
    assert doc is None, "expected validation errors"
    return {e.dotted: e.message for e in errors}


def only_error(data: dict[str, Any]) -> FieldError:
    doc, errors = validate(CaseDoc, data)
    assert doc is None and len(errors) == 1, errors
    return errors[0]


# -- good intake ------------------------------------------------------------------------------------------


def test_good_intake_validates_with_types() -> None:
    doc, errors = validate(CaseDoc, intake_answers())
    assert errors == []
    assert doc is not None
    data: Any = doc
    assert data.identity.birth_date == dt.date(1990, 5, 12)
    assert data.identity.nik == "1271051205900003"
    assert data.identity.sex is Sex.L
    assert data.legal.programme is Programme("PB")
    assert data.legal.supervision_end == dt.date(2028, 3, 14)
    assert data.family[1].age == 9
    assert data.assignment.officer.nip == "198503122010121002"
    assert data.schema_version == 1


def test_minimal_intake_gets_defaults() -> None:
    doc, errors = validate(CaseDoc, {**minimal_intake(), "intake_date": "2/4/2026"})
    assert errors == []
    data: Any = doc
    assert data.intake_date == dt.date(2026, 4, 2)
    assert data.identity.nationality == "Indonesia"
    assert data.identity.aliases == []
    assert data.family == []
    assert data.guarantor is None
    assert data.legal.sentence_years == 0


def test_text_is_stripped() -> None:
    doc, _ = validate(CaseDoc, intake_answers(identity={"name": "  Siti Aminah  "}))
    assert doc is not None and doc.identity.name == "Siti Aminah"


def test_nik_with_spaces_or_dots_is_normalised() -> None:
    for written in ("1271 0512 0590 0003", "1271.0512.0590.0003"):
        doc, errors = validate(CaseDoc, intake_answers(identity={"nik": written}))
        assert errors == [] and doc is not None
        assert doc.identity.nik == "1271051205900003"


def test_nik_of_a_woman_has_day_plus_40() -> None:
    _, errors = validate(CaseDoc, intake_answers(identity={"nik": "1271055205900003", "sex": "P"}))
    assert errors == []


# -- bad NIK ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nik", "needle"),
    [
        ("127105120590000", "16 digit (tertulis 15)"),  # 15 digits
        ("12710512059000031", "16 digit (tertulis 17)"),  # 17 digits
        ("12710512059000AB", "hanya boleh berisi angka"),  # letters
        ("0971051205900003", "kode provinsi NIK '09'"),  # no such province
        ("9971051205900003", "kode provinsi NIK '99'"),
        ("1271053205900003", "'320590'"),  # day 32
        ("1271051213900003", "'121390'"),  # month 13
        ("1271057205900003", "'720590'"),  # woman's day 72-40 = 32
        ("1271050005900003", "'000590'"),  # day 0
    ],
)
def test_bad_nik(nik: str, needle: str) -> None:
    err = only_error(intake_answers(identity={"nik": nik}))
    assert err.dotted == "identity.nik"
    assert needle in err.message


def test_nik_written_as_a_yaml_number_says_to_quote_it() -> None:
    from bapascase.store import yamlio

    data = yamlio.loads("nik: 1271051205900003\n")
    assert isinstance(data["nik"], int)
    err = only_error(intake_answers(identity={"nik": data["nik"]}))
    assert err.dotted == "identity.nik"
    assert "tanda kutip" in err.message  # "in quotes"
    set_lang("en")
    err = only_error(intake_answers(identity={"nik": data["nik"]}))
    assert "quotes" in err.message


def test_nip_rules() -> None:
    assert "18 digit" in only_error(intake_answers(assignment={"officer": {"name": "X", "nip": "1985"}})).message
    err = only_error(intake_answers(assignment={"officer": {"name": "X", "nip": 198503122010121002}}))
    assert "tanda kutip" in err.message


# -- dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2026-02-30", "31/4/2026", "29/2/2025", "2026-13-01", "0/1/2026"])
def test_impossible_dates(text: str) -> None:
    err = only_error(intake_answers(legal={"supervision_start": text}))
    assert err.dotted == "legal.supervision_start"
    assert f"'{text}'" in err.message
    assert "tidak ada di kalender" in err.message


@pytest.mark.parametrize("text", ["tomorrow", "2026/03/02", "20260302", "2 Maret 2026", "2/3/26"])
def test_unreadable_dates_show_the_accepted_forms(text: str) -> None:
    err = only_error(intake_answers(legal={"supervision_start": text}))
    assert "2026-03-02" in err.message and "2/3/2026" in err.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2/3/2026", dt.date(2026, 3, 2)),  # day first
        ("02/03/2026", dt.date(2026, 3, 2)),
        ("2.3.2026", dt.date(2026, 3, 2)),
        ("2-3-2026", dt.date(2026, 3, 2)),
        ("2026-03-02", dt.date(2026, 3, 2)),
        ("2026-3-2", dt.date(2026, 3, 2)),
        (" 29/2/2024 ", dt.date(2024, 2, 29)),
        (dt.date(2026, 3, 2), dt.date(2026, 3, 2)),
        (dt.datetime(2026, 3, 2, 10, 30), dt.date(2026, 3, 2)),
    ],
)
def test_date_forms(text: Any, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_day_first_in_a_document() -> None:
    doc, errors = validate(CaseDoc, intake_answers(intake_date="2/3/2026"))
    assert errors == [] and doc is not None
    assert doc.intake_date == dt.date(2026, 3, 2)


def test_birth_date_in_the_future() -> None:
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    err = only_error(intake_answers(identity={"birth_date": future}))
    assert err.dotted == "identity.birth_date"
    assert "masa depan" in err.message


def test_end_before_start_points_at_the_end() -> None:
    err = only_error(intake_answers(legal={"supervision_start": "2026-03-01", "supervision_end": "2026-02-28"}))
    assert err.dotted == "legal.supervision_end"
    assert "akhir masa bimbingan" in err.message


def test_detained_after_release() -> None:
    err = only_error(intake_answers(legal={"first_detained": "2026-04-01"}))
    assert err.dotted == "legal.first_detained"


# -- enums ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "key", "typo", "meant"),
    [
        ("identity", "religion", "islam", "Islam"),
        ("identity", "religion", "Isalm", "Islam"),
        ("identity", "marital_status", "kawn", "kawin"),
        ("legal", "programme", "pb", "PB"),
        ("legal", "programme", "asimilasi rumah", "asimilasi_rumah"),
    ],
)
def test_enum_typo_lists_choices_and_suggests(section: str, key: str, typo: str, meant: str) -> None:
    err = only_error(intake_answers(**{section: {key: typo}}))
    assert err.dotted == f"{section}.{key}"
    assert f"'{typo}' bukan pilihan yang sah" in err.message
    assert f"maksud Anda '{meant}'?" in err.message


def test_enum_nonsense_has_no_suggestion() -> None:
    err = only_error(intake_answers(legal={"programme": "XYZ"}))
    assert "PB, CB, CMB" in err.message
    assert "maksud" not in err.message


def test_enum_message_in_english() -> None:
    set_lang("en")
    err = only_error(intake_answers(identity={"sex": "M"}))
    assert err.message == "'M' is not a valid choice; choose one of: L, P"


def test_choice_labels_in_both_languages() -> None:
    assert Programme("PB").label("id") == "Pembebasan Bersyarat"
    assert Programme("PB").label("en") == "Parole"
    assert Programme("asimilasi_rumah").value == "asimilasi_rumah"


# -- unknown keys, missing answers, shapes ----------------------------------------------------------------


def test_misspelled_key_names_the_field_it_meant() -> None:
    data = intake_answers()
    data["identity"]["nmae"] = data["identity"].pop("name")
    errors = errors_of(data)
    assert "maksud Anda 'name'?" in errors["identity.nmae"]
    assert errors["identity.name"] == "wajib diisi"


def test_unknown_key_anywhere_is_reported() -> None:
    data = intake_answers()
    data["favourite_colour"] = "blue"
    data["family"][0]["agee"] = 3
    errors = errors_of(data)
    assert "tidak dikenal" in errors["favourite_colour"]
    assert "'age'" in errors["family[0].agee"]


def test_missing_required_answers_are_all_listed() -> None:
    doc, errors = validate(CaseDoc, {"identity": {"name": "Siti Aminah"}})
    assert doc is None
    missing = missing_fields(errors)
    for name in ("intake_date", "identity.sex", "identity.birth_date", "identity.address", "legal", "assignment"):
        assert name in missing


def test_empty_yaml_values_mean_not_answered() -> None:
    """``aliases:`` or ``sentence_years:`` left empty in a hand-edited file take the default; an empty required
    field is reported as missing, not as a wrong type."""
    doc, errors = validate(CaseDoc, intake_answers(identity={"aliases": None, "nik": None},
                                                   legal={"sentence_years": None}))
    assert errors == [] and doc is not None
    assert doc.identity.aliases == [] and doc.legal.sentence_years == 0
    errors_ = errors_of(intake_answers(identity={"name": None, "birth_date": None}))
    assert errors_["identity.name"] == "wajib diisi"
    assert errors_["identity.birth_date"] == "wajib diisi"


@pytest.mark.parametrize(
    ("patch", "field", "needle"),
    [
        ({"family": {"relation": "anak"}}, "family", "daftar"),
        ({"identity": "Budi"}, "identity", "mapping"),
        ({"legal": {"articles": []}}, "legal.articles", "minimal 1"),
        ({"legal": {"sentence_months": 12}}, "legal.sentence_months", "maksimal 11"),
        ({"identity": {"name": "   "}}, "identity.name", "kosong"),
        ({"identity": {"phone": "nomor saya"}}, "identity.phone", "format"),
        ({"schema_version": 99}, "schema_version", "maksimal 1"),
    ],
)
def test_wrong_shapes(patch: dict[str, Any], field: str, needle: str) -> None:
    data = intake_answers()
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    assert needle in errors_of(data)[field]


def test_family_age_must_be_a_number() -> None:
    data = intake_answers()
    data["family"][1]["age"] = "sembilan"
    assert "bilangan bulat" in errors_of(data)["family[1].age"]


# -- metadata ---------------------------------------------------------------------------------------------


def test_every_field_has_titles_in_both_languages() -> None:
    from bapascase.model.meta import ask_fields, is_model, list_item, title_of, unwrap

    seen: set[type] = set()

    def walk(model: Any) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in ask_fields(model):
            assert info.title, f"{model.__name__}.{name} has no Indonesian title"
            assert title_of(info, name, "en") != info.title or name in {"nik", "nip"}, f"{model.__name__}.{name}"
            inner, _ = unwrap(info.annotation)
            item = list_item(inner)
            for sub in (inner, item):
                if is_model(sub):
                    walk(sub)

    walk(CaseDoc)
    assert CaseDoc.title("id") == "Registrasi klien" and CaseDoc.title("en") == "Client intake"


def test_initials_skip_bin_binti_and_aliases() -> None:
    assert initials("Budi Zulkarnain Ginting") == "BZG"
    assert initials("Ahmad bin Yusuf") == "AY"
    assert initials("Siti Aminah binti Abdullah als. Ina") == "SAA"
    assert initials("") == ""
