"""The same client twice is refused by ``new`` (naming the case) unless ``--allow-duplicate``, and reported by
``check``; what looks wrong but may be right (a NIK that disagrees with the record, an engagement before the
intake, a missing attachment) is a warning in ``new``, the stage commands and ``check``, never an exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bapascase.model.duplicates import SAME_NAME_BIRTH, SAME_NIK, groups, name_key, twins
from tests.helpers import (
    NO,
    Book,
    assert_clean_exit,
    intake_answers,
    interactive,
    new_draft,
    pick,
    write_answers,
)
from tests.stage_helpers import answers, record, record_ok

# the interviews and the files, not git: casebooks without a repository (see conftest ``book``)
pytestmark = pytest.mark.git(False)


def new(book: Book, data: dict[str, object], *extra: str, name: str = "a.yaml") -> object:
    path = write_answers(book.root.parent / name, data)
    return book.run("new", "--answers", str(path), "--no-input", "--json", *extra)


# -- the rule -----------------------------------------------------------------------------------------------------


def test_the_same_client_by_nik_or_by_name_and_birth_date() -> None:
    known = [{"id": "2026-bzg-aaaaa", "nik": "1271051205900003", "name": "Budi Zulkarnain Ginting",
              "birth_date": "1990-05-12"}]
    assert twins("1271051205900003", "Orang Lain", "2000-01-01", known)[0].reason == SAME_NIK
    assert twins(None, "BUDI  zulkarnain ginting als. Ucok", "1990-05-12", known)[0].reason == SAME_NAME_BIRTH
    assert twins(None, "Budi Zulkarnain Ginting", "1990-05-13", known) == []
    assert twins("1271051205900003", "x", None, known, exclude="2026-bzg-aaaaa") == []
    assert name_key("Siti  Aminah ALIAS Ani") == "siti aminah"
    found = groups([*known, {"id": "2026-bzg-bbbbb", "nik": "1271051205900003", "name": "Budi Z. Ginting"},
                    {"id": "2026-sa-ccccc", "nik": None, "name": "Siti", "birth_date": "1995-01-30"},
                    {"id": "2026-sa-ddddd", "nik": None, "name": "siti", "birth_date": "1995-01-30"}])
    assert found == [(SAME_NIK, ["2026-bzg-aaaaa", "2026-bzg-bbbbb"]), (SAME_NAME_BIRTH, ["2026-sa-ccccc", "2026-sa-ddddd"])]


# -- new ------------------------------------------------------------------------------------------------------


def test_new_refuses_an_existing_nik_naming_the_case(book: Book) -> None:
    first = book.new()
    other = intake_answers(identity={"name": "Nama Lain", "birth_date": "1991-01-01"})  # the same NIK
    result = new(book, other)
    assert_clean_exit(result, 1)  # type: ignore[arg-type]
    assert result.stderr.strip() == (  # type: ignore[attr-defined]
        f"Klien ini sudah terdaftar sebagai {first} (NIK sama). Lihat dengan `bapascase show {first}`; "
        "bila memang orang lain atau kasus baru, tambahkan --allow-duplicate.")
    assert len([p for p in book.cases.iterdir() if p.is_dir()]) == 1


def test_new_refuses_the_same_name_and_birth_date(book: Book) -> None:
    first = book.new(intake_answers(identity={"nik": None}))
    result = new(book, intake_answers(identity={"nik": None, "name": "budi zulkarnain  GINTING"}))
    assert_clean_exit(result, 1)  # type: ignore[arg-type]
    assert f"{first} (nama dan tanggal lahir sama)" in result.stderr  # type: ignore[attr-defined]


def test_allow_duplicate_registers_a_second_case(book: Book) -> None:
    first = book.new()
    result = new(book, intake_answers(), "--allow-duplicate")
    assert_clean_exit(result, 0)  # type: ignore[arg-type]
    second = json.loads(result.stdout)["id"]  # type: ignore[attr-defined]
    assert second != first
    checked = book.run("check")
    assert_clean_exit(checked, 0)  # a warning, not a problem: a second case for one client can be right
    assert f"identity.nik: klien yang sama dengan {second} (NIK sama)" in checked.stderr
    assert "2 peringatan (tidak mengubah status keluar" in checked.stderr


def test_on_a_terminal_a_duplicate_is_asked_and_no_keeps_a_draft(book: Book, tmp_path: Path) -> None:
    first = book.new()
    given = intake_answers()
    given["assignment"]["praktikan"] = None
    path = write_answers(tmp_path / "again.yaml", given)
    # nationality (Indonesia, as offered), distinguishing marks and KK number (none), the date of the offence (not
    # recorded), ekspirasi (none: the end of the masa bimbingan is given), save, no
    result = interactive(["new", "--answers", str(path)], ["\r", "\r", "\r", "\r", "\r", pick(0), NO],
                         casebook=book.root)
    assert_clean_exit(result, 1)
    assert f"sudah terdaftar sebagai {first}" in result.stdout  # the question
    draft = new_draft(book.root)
    assert f"Jawaban disimpan sebagai draf: {draft.relative_to(book.root).as_posix()}" in result.stderr


# -- warnings -----------------------------------------------------------------------------------------------------


def test_a_nik_that_disagrees_with_the_birth_date_and_sex_is_a_warning(book: Book) -> None:
    # NIK 120590 says 12 May 1990, male; recorded: 13 May 1990, female
    data = intake_answers(identity={"birth_date": "1990-05-13", "sex": "P"})
    result = new(book, data)
    assert_clean_exit(result, 0)  # type: ignore[arg-type]
    stderr = result.stderr  # type: ignore[attr-defined]
    assert "Peringatan: cases/" in stderr
    assert "identity.nik: bagian tanggal lahir NIK (120590) tidak sama dengan tanggal lahir yang dicatat " \
           "(13 Mei 1990)" in stderr
    assert "NIK menunjukkan jenis kelamin lain daripada yang dicatat (Perempuan)" in stderr
    payload = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert len(payload["warnings"]) == 2
    checked = book.run("check")
    assert_clean_exit(checked, 0)
    assert checked.stderr.count("Peringatan:") == 2


def test_an_engagement_before_the_intake_is_a_warning(book: Book) -> None:
    case_id = book.new()  # registered 2 March 2026
    result = record(book, "engage", case_id, answers("engage", date="2026-02-20"))
    assert_clean_exit(result, 0)
    assert (f"Peringatan: cases/{case_id}/engagement.yaml:3: date: tanggal EIC sebelum tanggal registrasi "
            "(2 Maret 2026)") in result.stderr
    assert "tanggal EIC sebelum tanggal registrasi" in book.run("check").stderr


def test_a_missing_attachment_is_a_warning_until_the_file_is_there(book: Book) -> None:
    case_id = book.new()
    for command in ("engage", "assess", "plan"):
        record_ok(book, command, case_id)
    session = {**answers("intervene"), "attachments": ["foto-sesi-1.jpg"]}
    result = record(book, "intervene", case_id, session)
    assert_clean_exit(result, 0)
    assert "attachments[0]: berkas lampiran 'foto-sesi-1.jpg' tidak ada di folder attachments/" in result.stderr
    checked = book.run("check")
    assert_clean_exit(checked, 0)
    assert "1 peringatan" in checked.stderr
    folder = book.cases / case_id / "attachments"
    folder.mkdir()
    (folder / "foto-sesi-1.jpg").write_bytes(b"\xff\xd8\xff")
    assert "Peringatan" not in book.run("check").stderr


def test_check_json_lists_warnings_apart_from_problems(book: Book) -> None:
    book.new(intake_answers(identity={"birth_date": "1990-05-13"}))
    payload = json.loads(book.run("check", "--json").stdout)
    assert payload["ok"] is True and payload["problems"] == []
    assert len(payload["warnings"]) == 1


@pytest.mark.parametrize(("birth", "age"), [("2006-12-19", 19), ("2007-12-20", 18), ("2014-01-10", 11)])
def test_a_child_programme_for_a_client_no_child_at_the_offence_is_a_warning(tmp_path: Path, birth: str,
                                                                             age: int) -> None:
    """The demo's child on a pidana bersyarat (offence 20 December 2025) made 18 or older, or younger than 12, on
    the day of the offence: ``check`` says the programme or a date is wrong (UU 11/2012 Pasal 1 angka 3)."""
    import datetime as dt

    from tests.stage_helpers import demo_book

    day = dt.date(2026, 11, 20)  # the demo's day

    book = demo_book(tmp_path)
    case_file = book.root / "cases" / "2026-rcp-9bt4w" / "case.yaml"
    assert "program anak" not in book.run("check", today=day).stderr
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("  birth_date: 2010-02-03\n", f"  birth_date: {birth}\n", 1), encoding="utf-8")
    checked = book.run("check", today=day)
    assert_clean_exit(checked, 0)
    assert (f"legal.programme: Pidana bersyarat (anak) adalah program anak, tetapi klien berumur {age} tahun pada "
            "tanggal tindak pidana (20 Desember 2025)") in checked.stderr
    # a day younger at the offence (17 years and 364 days; 12 on the day): a child, no warning
    if age in (18, 11):
        child = "2007-12-21" if age == 18 else "2013-12-20"
        case_file.write_text(text.replace("  birth_date: 2010-02-03\n", f"  birth_date: {child}\n", 1),
                             encoding="utf-8")
        assert "program anak" not in book.run("check", today=day).stderr
