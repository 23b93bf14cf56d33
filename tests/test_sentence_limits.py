"""The limits of the two community sentences of UU 1/2023, each at its edge: what the law allows is accepted, one step
beyond is refused with the rule and its article. The limits are read from the programme data file, never literals
in the code: a changed value in the file moves the edge."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bapascase.model import programmes
from bapascase.model.case import CaseDoc
from bapascase.model.validation import validate
from tests.helpers import Book, assert_clean_exit, write_answers
from tests.sentence_helpers import kerja_sosial_intake, pengawasan_intake


def errors(data: dict[str, Any]) -> dict[str, str]:
    _, found = validate(CaseDoc, data)
    return {e.dotted: e.message for e in found}


def with_hours(n: int) -> dict[str, Any]:
    data = kerja_sosial_intake()
    data["legal"]["kerja_sosial"]["hours_ordered"] = n
    return data


# -- hours ordered: 8 to 240 (Pasal 85 ayat (4)) --------------------------------------------------------------


@pytest.mark.parametrize("hours", [8, 9, 120, 239, 240])
def test_hours_within_8_and_240_are_accepted(hours: int) -> None:
    assert errors(with_hours(hours)) == {}


@pytest.mark.parametrize(("hours", "message"), [
    (7, "7 jam kurang dari batas: paling singkat 8 jam (Pasal 85 ayat (4) UU 1/2023)"),
    (241, "241 jam melebihi batas: paling lama 240 jam (Pasal 85 ayat (4) UU 1/2023)"),
])
def test_hours_beyond_the_order_limits_are_refused_with_the_article(hours: int, message: str) -> None:
    assert errors(with_hours(hours)) == {"legal.kerja_sosial.hours_ordered": message}


def test_the_daily_hours_in_the_verdict_are_at_most_8() -> None:
    data = kerja_sosial_intake()
    data["legal"]["kerja_sosial"]["hours_per_day"] = 8
    assert errors(data) == {}
    data["legal"]["kerja_sosial"]["hours_per_day"] = 9
    assert errors(data) == {"legal.kerja_sosial.hours_per_day": "9 jam sehari melebihi batas: paling lama 8 jam dalam "
                                                                "1 hari (Pasal 85 ayat (5) UU 1/2023)"}


def test_what_kerja_sosial_replaces_and_the_offence_it_is_for() -> None:
    data = kerja_sosial_intake()
    data["legal"]["kerja_sosial"].update(replaced_prison_months=6, threat_months=59)
    assert errors(data) == {}
    data["legal"]["kerja_sosial"].update(replaced_prison_months=7, threat_months=60)
    found = errors(data)
    assert found["legal.kerja_sosial.replaced_prison_months"].endswith("paling lama 6 bulan (Pasal 85 ayat (1) UU 1/2023)")
    assert found["legal.kerja_sosial.threat_months"] == (
        "ancaman 60 bulan: pidana kerja sosial hanya untuk tindak pidana yang diancam pidana penjara kurang dari 60 "
        "bulan (Pasal 85 ayat (1) UU 1/2023)")


# -- periods: kerja sosial at most 6 months, pengawasan at most 3 years (both ends counted) -------------------------


@pytest.mark.parametrize(("start", "last"), [
    ("2026-03-01", "2026-08-31"),  # six months that start on 1 March end on 31 August
    ("2026-03-02", "2026-09-01"),
    ("2026-08-31", "2027-02-27"),  # 31 August + 6 months is 28 February (the month is shorter): the day before
    ("2026-01-01", "2026-06-30"),
])
def test_kerja_sosial_lasts_at_most_6_months(start: str, last: str) -> None:
    import datetime as dt

    data = kerja_sosial_intake(supervision_start=start, supervision_end=last, verdict_date="2026-01-02",
                               offence_date=None)
    data["legal"]["kerja_sosial"]["consent"]["date"] = "2026-01-02"
    assert errors(data) == {}
    beyond = (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat()
    data["legal"]["supervision_end"] = beyond
    from bapascase.model.text import long_date

    assert errors(data) == {"legal.supervision_end": (
        f"masa pidana paling lama 6 bulan (Pasal 85 ayat (5) UU 1/2023): akhir paling lambat "
        f"{long_date(dt.date.fromisoformat(last))}")}


def test_pengawasan_lasts_at_most_3_years() -> None:
    data = pengawasan_intake(supervision_end="2029-01-31", sentence_years=3)
    data["legal"]["pengawasan"]["threat_months"] = 60
    assert errors(data) == {}
    data["legal"]["supervision_end"] = "2029-02-01"
    assert errors(data) == {"legal.supervision_end": "masa pidana paling lama 3 tahun (Pasal 76 ayat (1) UU 1/2023): "
                                                     "akhir paling lambat 31 Januari 2029"}


def test_pengawasan_lasts_at_most_the_prison_term_the_offence_carries() -> None:
    data = pengawasan_intake(supervision_end="2026-07-31")  # six months from 1 February
    data["legal"]["pengawasan"]["threat_months"] = 6
    data["legal"]["pengawasan"]["special_conditions"][0]["deadline"] = "2026-07-15"
    assert errors(data) == {}
    data["legal"]["supervision_end"] = "2026-08-01"
    assert errors(data) == {"legal.supervision_end": (
        "masa pidana pengawasan paling lama sama dengan ancaman pidana penjara, 6 bulan (Pasal 76 ayat (1) UU "
        "1/2023): akhir paling lambat 31 Juli 2026")}


def test_pengawasan_is_for_offences_carrying_at_most_5_years() -> None:
    data = pengawasan_intake()
    data["legal"]["pengawasan"]["threat_months"] = 61
    assert errors(data) == {"legal.pengawasan.threat_months": (
        "ancaman 61 bulan: pidana pengawasan hanya untuk tindak pidana yang diancam pidana penjara paling lama 60 "
        "bulan (Pasal 75 UU 1/2023)")}


# -- conditions of pengawasan ------------------------------------------------------------------------------------


def test_a_restitution_deadline_falls_within_the_period() -> None:
    data = pengawasan_intake()
    condition = data["legal"]["pengawasan"]["special_conditions"][0]
    condition["deadline"] = "2027-01-30"  # the day before the last
    assert errors(data) == {}
    condition["deadline"] = "2027-01-31"
    assert errors(data) == {"legal.pengawasan.special_conditions[0].deadline": (
        "batas waktu ganti kerugian harus lebih pendek dari masa pidana pengawasan, sebelum 31 Januari 2027 "
        "(Pasal 76 ayat (3) huruf a UU 1/2023)")}
    condition["deadline"] = "2026-01-31"
    assert errors(data) == {"legal.pengawasan.special_conditions[0].deadline": "batas waktu sebelum awal masa pidana"}


def test_a_condition_says_what_its_kind_needs() -> None:
    data = pengawasan_intake()
    conditions = data["legal"]["pengawasan"]["special_conditions"]
    conditions[0].pop("amount")
    conditions[1]["amount"] = 50000
    found = errors(data)
    assert found == {"legal.pengawasan.special_conditions[0].amount": "syarat ganti kerugian wajib menyebut jumlahnya",
                     "legal.pengawasan.special_conditions[1].amount": "jumlah hanya diisi untuk syarat ganti kerugian "
                                                                      "(restitusi)"}
    data = pengawasan_intake()
    data["legal"]["pengawasan"]["special_conditions"][0].pop("deadline")
    assert errors(data) == {"legal.pengawasan.special_conditions[0].deadline":
                            "syarat ganti kerugian wajib memiliki batas waktu"}
    data = pengawasan_intake()
    data["legal"]["pengawasan"]["special_conditions"][1]["id"] = "S1"
    assert list(errors(data)) == ["legal.pengawasan.special_conditions[1].id"]


# -- which programme has which terms ------------------------------------------------------------------------------


def test_each_sentence_needs_its_terms_and_no_other_programme_has_them() -> None:
    data = kerja_sosial_intake()
    del data["legal"]["kerja_sosial"]
    assert list(errors(data)) == ["legal.kerja_sosial"]
    data = kerja_sosial_intake(programme="PB", expiry="2026-08-31")
    assert errors(data) == {"legal.kerja_sosial": "bagian ini bukan untuk program 'PB'"}
    data = pengawasan_intake()
    data["legal"]["kerja_sosial"] = copy.deepcopy(kerja_sosial_intake()["legal"]["kerja_sosial"])
    assert errors(data) == {"legal.kerja_sosial": "bagian ini bukan untuk program 'pidana_pengawasan'"}


def test_no_community_sentence_before_the_new_code() -> None:
    assert errors(kerja_sosial_intake(verdict_date="2026-01-01", offence_date=None)) == {
        "legal.verdict_date": "pidana ini baru ada sejak UU 1/2023 berlaku (2 Januari 2026); putusan bertanggal lebih "
                              "awal"}
    assert errors(kerja_sosial_intake(verdict_date="2026-01-02", offence_date=None)) == {}


def test_the_limits_come_from_the_programme_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """One fact in one place: the edge moves with the data file."""
    info = programmes.programme("pidana_kerja_sosial")
    assert info is not None
    moved = {**info.limits, "hours_max": programmes.Limit(200, "Pasal 85 ayat (4) UU 1/2023")}
    import dataclasses

    patched = dataclasses.replace(info, limits=moved)
    table = dict(programmes.programmes())
    table["pidana_kerja_sosial"] = patched
    monkeypatch.setattr(programmes, "programmes", lambda: table)
    assert errors(with_hours(200)) == {}
    assert errors(with_hours(201)) == {
        "legal.kerja_sosial.hours_ordered": "201 jam melebihi batas: paling lama 200 jam (Pasal 85 ayat (4) UU 1/2023)"}


def test_the_schema_tells_editors_the_limits(book: Book) -> None:
    import json

    schema = json.loads(book.run("schema", "case").stdout)
    hours = schema["$defs"]["KerjaSosial"]["properties"]["hours_ordered"]
    assert (hours["minimum"], hours["maximum"]) == (8, 240)
    assert schema["$defs"]["Pengawasan"]["properties"]["threat_months"]["anyOf"][0]["maximum"] == 60
    required = {tuple(rule["if"]["properties"]["programme"]["enum"]): rule["then"]["required"]
                for rule in schema["$defs"]["Legal"]["allOf"]}
    assert required == {("pidana_pengawasan",): ["pengawasan"], ("pidana_kerja_sosial",): ["kerja_sosial"]}


# -- through the command -----------------------------------------------------------------------------------------


def test_new_refuses_an_impossible_value_with_its_file_line_and_article(book: Book) -> None:
    path = write_answers(book.root.parent / "ks.yaml", with_hours(250))
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    line = result.stderr.strip().splitlines()[0]
    assert line.endswith(": legal.kerja_sosial.hours_ordered: 250 jam melebihi batas: paling lama 240 jam "
                         "(Pasal 85 ayat (4) UU 1/2023)")
    assert line.startswith(f"{path}:") and line.split(":")[1].isdigit()
    english = book.run("--lang", "en", "new", "--answers", str(path), "--no-input")
    assert "250 hours is beyond the limit: at most 240 hours (Pasal 85 ayat (4) UU 1/2023)" in english.stderr
    assert not [p for p in book.cases.iterdir() if p.is_dir()]  # nothing saved


def test_new_records_both_sentences_with_their_terms(book: Book) -> None:
    from bapascase.store import yamlio

    for data in (kerja_sosial_intake(), pengawasan_intake()):
        case_id = book.new(data)
        saved = yamlio.load(book.cases / case_id / "case.yaml")
        programme = data["legal"]["programme"]
        assert saved["legal"]["programme"] == programme
        part = "kerja_sosial" if programme == "pidana_kerja_sosial" else "pengawasan"
        assert saved["legal"][part]
    assert_clean_exit(book.run("check"), 0)
