"""The questionary interview of ``new``, driven through prompt_toolkit pipe input."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from bapascase.model.case import CaseDoc
from bapascase.store import yamlio
from tests.helpers import (
    CTRL_C,
    CTRL_U,
    ENTER,
    NO,
    TODAY,
    YES,
    Book,
    assert_clean_exit,
    interactive,
    new_draft,
    new_drafts,
    pick,
    type_,
    write_answers,
)

DRAFT = re.compile(r"\.bapascase/drafts/new--case--[0-9]{8}-[0-9]{6}-[0-9a-f]{4}\.yaml")

# The keys of one whole intake, section by section, in the order the wizard asks.
GENERAL = [ENTER]  # intake date: today is offered
IDENTITY_HEAD = [
    type_("Budi Zulkarnain Ginting"),
    type_("Ucok"), ENTER,  # aliases, one per prompt; an empty one ends the list
    pick(1),  # sex: Laki-laki (a required choice starts on "— pilih salah satu —")
    type_("Medan"),
]
IDENTITY_TAIL = [
    type_("12/5/1990"),  # birth date, day first
    type_("1271 0512 0590 0003"),  # NIK with spaces
    pick(2),  # religion: Kristen
    type_("Batak Karo"),
    ENTER,  # nationality: Indonesia (the default)
    pick(4),  # education: SMA
    pick(2),  # marital status: kawin
    type_("Buruh bangunan"),
    type_("Jl. Sisingamangaraja No. 12, Medan Amplas"),
    type_("0812-6000-1234"),
    ENTER, ENTER,  # distinguishing marks, family card number (optional)
]
FAMILY = [
    YES,  # add a family member?
    pick(1),  # relation: pasangan
    type_("Rosmawati br Sembiring"),
    pick(-1),  # sex: from "(tidak ada)" up to Perempuan
    type_("33"),
    type_("Pedagang"), ENTER, ENTER,  # occupation, religion and education (none)
    ENTER, ENTER, ENTER,  # address, deceased (no), notes
    NO,  # another?
]
GUARANTOR = [
    YES,
    type_("Rosmawati br Sembiring"),
    pick(1),  # relation: pasangan
    ENTER,  # occupation
    type_("Jl. Sisingamangaraja No. 12, Medan Amplas"),
    ENTER,  # phone
]
LEGAL = [
    pick(1),  # programme: PB
    type_("Pembunuhan"),
    ENTER,  # the date of the offence (not recorded)
    type_("Pasal 338 KUHP"), ENTER,
    type_("1234/Pid.B/2016/PN Mdn"), type_("21/11/2016"), type_("Pengadilan Negeri Medan"),
    type_("12"), ENTER,  # sentence: 12 years, 0 months (default)
    type_("14/3/2016"), type_("Lapas Kelas I Medan"), ENTER, ENTER, ENTER, ENTER,
    # start, ekspirasi (required for PB: the end is derived from it), end of the masa bimbingan (recorded)
    type_("1/3/2026"), type_("14/3/2027"), type_("14/3/2028"),
]
ASSIGNMENT = [
    type_("Hendra Saputra"), type_("198503122010121002"),
    NO,  # no praktikan
]
REVIEW_SAVE = [pick(0)]


def whole_intake() -> list[str]:
    return [*GENERAL, *IDENTITY_HEAD, *IDENTITY_TAIL, *FAMILY, *GUARANTOR, *LEGAL, *ASSIGNMENT, *REVIEW_SAVE]


EXPECTED: dict[str, Any] = {
    "schema_version": 1,
    "intake_date": TODAY,
    "identity": {
        "name": "Budi Zulkarnain Ginting", "aliases": ["Ucok"], "sex": "L", "birth_place": "Medan",
        "birth_date": dt.date(1990, 5, 12), "nik": "1271051205900003", "religion": "Kristen",
        "ethnicity": "Batak Karo", "nationality": "Indonesia", "education": "SMA", "marital_status": "kawin",
        "occupation": "Buruh bangunan", "address": "Jl. Sisingamangaraja No. 12, Medan Amplas",
        "phone": "0812-6000-1234",
    },
    "family": [{"relation": "pasangan", "name": "Rosmawati br Sembiring", "sex": "P", "age": 33,
                "occupation": "Pedagang", "deceased": False}],
    "guarantor": {"name": "Rosmawati br Sembiring", "relation": "pasangan",
                  "address": "Jl. Sisingamangaraja No. 12, Medan Amplas"},
    "legal": {
        # the article is recorded with its code: the verdict of 2016 says "KUHP" is the old code
        "programme": "PB", "offence": "Pembunuhan", "articles": [{"article": "Pasal 338", "code": "kuhp"}],
        "verdict_number": "1234/Pid.B/2016/PN Mdn", "verdict_date": dt.date(2016, 11, 21),
        "court": "Pengadilan Negeri Medan", "sentence_years": 12, "sentence_months": 0,
        "first_detained": dt.date(2016, 3, 14), "origin_institution": "Lapas Kelas I Medan",
        "supervision_start": dt.date(2026, 3, 1), "expiry": dt.date(2027, 3, 14),
        "supervision_end": dt.date(2028, 3, 14),
    },
    "assignment": {"officer": {"name": "Hendra Saputra", "nip": "198503122010121002"}},
}


def saved_case(book: Book) -> tuple[str, dict[str, Any]]:
    folders = [p for p in book.cases.iterdir() if p.is_dir()]
    assert len(folders) == 1, folders
    data = yamlio.load(folders[0] / "case.yaml")
    CaseDoc.model_validate(data)
    return folders[0].name, data


def answers_without(book: Book, *parts: str) -> str:
    """An answers file holding every part of EXPECTED except ``parts`` (those are then asked); optional
    fields EXPECTED leaves out are given as empty, so they are not asked either. Returns its path."""
    full = yamlio.to_plain({k: v for k, v in EXPECTED.items() if k not in ("schema_version", "intake_date")})
    full["guarantor"].update(occupation=None, phone=None)
    full["identity"].update(distinguishing_marks=None, family_card=None)
    full["legal"].update(register_lapas=None, register_litmas=None, sk_number=None, sk_date=None,
                         offence_date=None)
    full["assignment"]["praktikan"] = None
    path = write_answers(book.root.parent / "given.yaml", {k: v for k, v in full.items() if k not in parts})
    return str(path)


def test_whole_interview_saves_what_was_typed(book: Book) -> None:
    result = interactive(["new"], whole_intake(), casebook=book.root)
    assert_clean_exit(result, 0)
    case_id, data = saved_case(book)
    assert data == EXPECTED
    assert case_id.startswith(f"{TODAY.year}-bzg-")
    assert f"Klien terdaftar: {case_id}" in result.stdout
    assert not new_drafts(book.root)
    # sections with progress, in order, then the review screen
    out = result.stdout
    titles = ["Umum", "Identitas klien", "Keluarga", "Penjamin", "Status hukum", "Penugasan"]
    positions = [out.index(f"Bagian {i}/6: {title}") for i, title in enumerate(titles, 1)]
    assert positions == sorted(positions)
    review = out[out.index("Periksa kembali sebelum menyimpan"):]
    for line in ("Nama lengkap: Budi Zulkarnain Ginting", "Tanggal lahir: 12 Mei 1990", "Agama: Kristen Protestan",
                 "Hubungan: Suami/istri", "Program: Pembebasan Bersyarat", "Akhir masa bimbingan: 14 Maret 2028",
                 "NIP: 198503122010121002"):
        assert line in review


def test_interview_in_english(book: Book) -> None:
    result = interactive(["--lang", "en", "new"], whole_intake(), casebook=book.root)
    assert_clean_exit(result, 0)
    assert "Section 1/6: General" in result.stdout
    assert "Section 5/6: Legal status" in result.stdout
    assert "Date of birth: 12 May 1990" in result.stdout
    assert "Religion: Protestant Christian" in result.stdout
    assert saved_case(book)[1] == EXPECTED


def test_an_impossible_date_is_refused_in_the_prompt_and_retyped(book: Book) -> None:
    tail = [type_("31/4/1990"), CTRL_U, type_("2/3/1990"), *IDENTITY_TAIL[1:]]
    keys = [*GENERAL, *IDENTITY_HEAD, *tail, *REVIEW_SAVE]
    result = interactive(["new", "--answers", answers_without(book, "identity")], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert saved_case(book)[1]["identity"]["birth_date"] == dt.date(1990, 3, 2)  # day first


def test_a_bad_nik_is_refused_in_the_prompt(book: Book) -> None:
    tail = [IDENTITY_TAIL[0], type_("127105120590000"), CTRL_U, type_("1271051205900003"), *IDENTITY_TAIL[2:]]
    keys = [*GENERAL, *IDENTITY_HEAD, *tail, *REVIEW_SAVE]
    result = interactive(["new", "--answers", answers_without(book, "identity")], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert saved_case(book)[1]["identity"] == EXPECTED["identity"]


def test_end_before_start_is_asked_again_before_the_review(book: Book) -> None:
    legal = [*LEGAL[:-1], type_("1/2/2026")]  # the end of the masa bimbingan before the start
    fixed = [pick(0), *[ENTER] * 18]  # the legal section again, everything kept as typed ...
    fixed[-1] = CTRL_U + type_("14/3/2028")  # ... except the end of the masa bimbingan
    keys = [*GENERAL, *legal, *fixed, *REVIEW_SAVE]
    result = interactive(["new", "--answers", answers_without(book, "legal")], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert "Masih ada yang perlu diperbaiki" in result.stdout
    # named by the fields' titles, as the officer was asked them (not "legal.supervision_end")
    assert ("Status hukum › Akhir masa bimbingan: akhir masa bimbingan lebih awal dari awal bimbingan"
            in " ".join(result.stdout.split()))  # broken between words at the terminal's width
    assert saved_case(book)[1] == EXPECTED


def test_review_can_change_one_section(book: Book) -> None:
    again = [pick(0), CTRL_U + type_("Pembunuhan berencana"), *[ENTER] * 17]  # legal, offence changed
    keys = [*GENERAL,
            pick(1),  # review: change a section
            pick(4),  # which: Status hukum
            *again,
            *REVIEW_SAVE]
    result = interactive(["new", "--answers", answers_without(book)], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    data = saved_case(book)[1]
    assert data["legal"]["offence"] == "Pembunuhan berencana"
    assert data["legal"]["articles"] == [{"article": "Pasal 338", "code": "kuhp"}]  # offered as written, kept
    assert data["identity"] == EXPECTED["identity"]
    assert result.stdout.count("Periksa kembali sebelum menyimpan") == 2


def test_review_cancel_keeps_a_draft(book: Book) -> None:
    result = interactive(["new", "--answers", answers_without(book)], [*GENERAL, pick(2)], casebook=book.root)
    assert_clean_exit(result, 130)
    assert DRAFT.search(result.stderr)
    assert not any(p.is_dir() for p in book.cases.iterdir())
    draft = yamlio.load(new_draft(book.root))
    assert draft["answers"]["identity"]["name"] == "Budi Zulkarnain Ginting"


def test_ctrl_c_keeps_a_draft_and_the_next_run_resumes_it(book: Book) -> None:
    given = answers_without(book, "identity", "legal")
    first = interactive(["new", "--answers", given], [*GENERAL, *IDENTITY_HEAD, CTRL_C], casebook=book.root)
    assert_clean_exit(first, 130)
    draft_file = new_draft(book.root)
    assert first.stderr.strip() == (
        f"Dibatalkan. Jawaban disimpan sebagai draf: {draft_file.relative_to(book.root).as_posix()}. Jalankan lagi untuk melanjutkan.")
    assert DRAFT.fullmatch(draft_file.relative_to(book.root).as_posix())
    assert oct(draft_file.stat().st_mode & 0o777) == oct(0o600)  # answers are confidential
    draft = yamlio.load(draft_file)
    assert draft["stage"] == "case"
    assert draft["answers"]["identity"] == {"name": "Budi Zulkarnain Ginting", "aliases": ["Ucok"], "sex": "L",
                                            "birth_place": "Medan"}
    # the second run offers the draft; accepting continues where the first stopped
    second = interactive(["new"], [pick(0), *IDENTITY_TAIL, *LEGAL, *REVIEW_SAVE], casebook=book.root)
    assert_clean_exit(second, 0)
    assert saved_case(book)[1] == EXPECTED
    assert not draft_file.exists()


def test_resume_does_not_ask_again_what_was_left_empty(book: Book) -> None:
    """An optional question answered with nothing (the NIK here) is part of the draft: not asked again."""
    given = answers_without(book, "identity")
    tail = [*IDENTITY_TAIL[:1], ENTER]  # birth date, then no NIK
    first = interactive(["new", "--answers", given], [*GENERAL, *IDENTITY_HEAD, *tail, CTRL_C], casebook=book.root)
    assert_clean_exit(first, 130)
    assert yamlio.load(new_draft(book.root))["answers"]["identity"]["nik"] is None
    second = interactive(["new"], [pick(0), *IDENTITY_TAIL[2:], *REVIEW_SAVE], casebook=book.root)
    assert_clean_exit(second, 0)
    expected = {**EXPECTED, "identity": {k: v for k, v in EXPECTED["identity"].items() if k != "nik"}}
    assert saved_case(book)[1] == expected


def test_a_lost_terminal_keeps_a_draft(book: Book) -> None:
    result = interactive(["new"], [*GENERAL, type_("Siti Aminah")], casebook=book.root)  # then EOF
    assert_clean_exit(result, 130)
    assert yamlio.load(new_draft(book.root))["answers"]["identity"]["name"] == "Siti Aminah"


def test_declining_the_draft_starts_afresh(book: Book) -> None:
    given = answers_without(book, "identity")
    interactive(["new", "--answers", given], [*GENERAL, type_("Nama Lama"), CTRL_C], casebook=book.root)
    keys = [pick(2), *GENERAL, *IDENTITY_HEAD, *IDENTITY_TAIL, *REVIEW_SAVE]  # discard the draft, start anew
    result = interactive(["new", "--answers", given], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert "Draf lama dibuang." in result.stdout
    assert saved_case(book)[1] == EXPECTED


def test_ctrl_c_before_any_answer_keeps_no_draft(book: Book) -> None:
    result = interactive(["new"], [CTRL_C], casebook=book.root)
    assert_clean_exit(result, 130)
    assert result.stderr.strip() == "Dibatalkan."
    assert not new_drafts(book.root)


def test_answers_file_fills_in_and_only_the_rest_is_asked(book: Book, tmp_path: Any) -> None:
    """EXPECTED's parts without the optional fields it leaves out: those (identity: distinguishing marks, family
    card; guarantor: occupation, phone; legal: the date of the offence, the two register numbers, the SK and the
    ekspirasi) are asked, nothing else from the given parts."""
    given = yamlio.to_plain({k: v for k, v in EXPECTED.items() if k in ("identity", "family", "guarantor", "legal")})
    path = write_answers(tmp_path / "partial.yaml", given)
    keys = [*GENERAL, *[ENTER] * 10, *ASSIGNMENT, *REVIEW_SAVE]
    result = interactive(["new", "--answers", str(path)], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert saved_case(book)[1] == EXPECTED


def test_officer_is_chosen_from_the_casebook(book: Book) -> None:
    settings = book.root / "bapascase.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("officers: []", (
        "officers:\n- name: Hendra Saputra\n  nip: '198503122010121002'\n"
        "- name: Rosalina Tambunan\n  nip: '198807242012122001'")), encoding="utf-8")
    keys = [*GENERAL, pick(1), NO, *REVIEW_SAVE]  # the second officer, no praktikan
    result = interactive(["new", "--answers", answers_without(book, "assignment")], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert saved_case(book)[1]["assignment"] == {"officer": {"name": "Rosalina Tambunan",
                                                             "nip": "198807242012122001"}}


def test_not_a_terminal_never_prompts(book: Book) -> None:
    """Without a terminal (and no pipe), ``new`` asks nothing: one error saying so and how to give the answers, no
    hang (it used to say the answers were missing "(--answers)", when no file was given)."""
    from tests.helpers import invoke

    result = invoke(["new"], casebook=book.root, input="Budi\n")
    assert_clean_exit(result, 1)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Tidak ada terminal" in result.stderr and "bapascase new --answers FILE" in result.stderr
    assert_clean_exit(invoke(["new", "--no-input"], casebook=book.root), 1)  # --no-input: the answers missing
    assert "identity, legal, assignment" in invoke(["new", "--no-input"], casebook=book.root).stderr


@pytest.mark.parametrize("lang", ["id", "en"])
def test_prompts_never_offer_pydantic_internals(book: Book, lang: str) -> None:
    """Regression: required fields used to be pre-filled with the text 'PydanticUndefined'."""
    result = interactive(["--lang", lang, "new"], [*GENERAL, type_("Siti"), CTRL_C], casebook=book.root)
    assert_clean_exit(result, 130)
    assert yamlio.load(new_draft(book.root))["answers"]["identity"]["name"] == "Siti"


def test_a_wrong_answer_in_the_answers_file_is_asked_again(book: Book, tmp_path: Any) -> None:
    given = yamlio.loads(Path(answers_without(book)).read_text(encoding="utf-8"))
    given["identity"]["nik"] = "12345"
    path = write_answers(tmp_path / "bad-nik.yaml", given)
    keys = [*GENERAL, CTRL_U + type_("1271051205900003"), *REVIEW_SAVE]
    result = interactive(["new", "--answers", str(path)], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert "Identitas klien › NIK: NIK harus 16 digit (tertulis 5)" in result.stdout
    assert saved_case(book)[1] == EXPECTED


def test_a_registration_dated_ahead_is_asked_again_before_the_review(book: Book) -> None:
    """What has happened is never after today (``field(happened=True)``): an intake date typed a day ahead is
    refused and asked again (as a rule between fields is), never saved."""
    keys = [CTRL_U + type_("16/6/2026"), CTRL_U + type_("15/6/2026"), *REVIEW_SAVE]
    result = interactive(["new", "--answers", answers_without(book)], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert "Masih ada yang perlu diperbaiki" in result.stdout
    assert "tanggal 16 Juni 2026 sesudah hari ini (15 Juni 2026)" in " ".join(result.stdout.split())
    assert saved_case(book)[1]["intake_date"] == TODAY
