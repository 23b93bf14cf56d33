"""Office setup: ``init`` takes (or asks) the office and its people and says what is still missing; ``officers``
lists and adds them, keeping the file's comments; each person is one entry (the head of office included, moved
there by ``check --fix`` from the old ``office.head_name``); a typed officer is the listed one with or without
titles; a report names a setting it needs and how to set it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bapascase.store import yamlio
from tests.helpers import (
    NO,
    YES,
    Book,
    assert_clean_exit,
    intake_answers,
    interactive,
    invoke,
    pick,
    type_,
    write_answers,
)

# the interviews and the files, not git: casebooks without a repository (see conftest ``book``)
pytestmark = pytest.mark.git(False)

RAHMAT = ("Rahmat Hidayat, S.H.", "198702142010121003")


def settings(book: Book) -> dict[str, object]:
    data = yamlio.load(book.root / "bapascase.yaml")
    assert isinstance(data, dict)
    return data


def add_rahmat(book: Book) -> None:
    result = book.run("officers", "add", RAHMAT[0], "--nip", RAHMAT[1], "--rank", "Pembimbing Kemasyarakatan Ahli Muda")
    assert_clean_exit(result, 0)
    assert result.stdout.strip() == f"Petugas ditambahkan: {RAHMAT[0]}"


# -- init -------------------------------------------------------------------------------------------------------


def test_init_takes_the_office_and_its_people_as_options(tmp_path: Path) -> None:
    root = tmp_path / "cb"
    result = invoke(["init", str(root), "--office", "Bapas Kelas II Binjai", "--city", "Binjai",
                     "--kanwil", "Kantor Wilayah Sumatera Utara", "--ministry", "Kementerian Imigrasi dan Pemasyarakatan",
                     "--address", "Jl. Soekarno-Hatta No. 1, Binjai",
                     "--head", "Drs. Ahmad Yani, M.Si.", "--head-nip", "197001012000031001",
                     "--kasubsi", "Rina Wati, S.H.", "--kasubsi-nip", "197805202003122001",
                     "--officer", f"{RAHMAT[0]};{RAHMAT[1]};Pembimbing Kemasyarakatan Ahli Muda"])
    assert_clean_exit(result, 0)
    assert "Belum diatur" not in result.stdout  # nothing an official report needs is missing
    data = yamlio.load(root / "bapascase.yaml")
    assert data["office"]["kanwil"] == "Kantor Wilayah Sumatera Utara"
    assert data["officers"] == [
        {"name": "Drs. Ahmad Yani, M.Si.", "nip": "197001012000031001", "role": "kepala"},
        {"name": "Rina Wati, S.H.", "nip": "197805202003122001", "role": "kasubsi"},
        {"name": RAHMAT[0], "nip": RAHMAT[1], "rank": "Pembimbing Kemasyarakatan Ahli Muda", "role": "pk"},
    ]


def test_init_says_what_is_still_missing_and_how_to_set_it(tmp_path: Path) -> None:
    result = invoke(["init", str(tmp_path / "cb"), "--office", "Bapas Kelas II Binjai"])
    assert_clean_exit(result, 0)
    out = result.stdout
    assert "Yang masih perlu diatur untuk laporan resmi:" in out
    assert "Belum diatur: Kantor Wilayah. Atur dengan: isi office.kanwil di bapascase.yaml" in out
    assert ('Belum diatur: Kepala Bapas. Atur dengan: bapascase officers add "NAMA" --role kepala --nip NIP'
            in out)
    assert "Belum diatur: Kasubsi/Kasi." in out and "Belum diatur: Pembimbing Kemasyarakatan." in out


def test_init_refuses_a_bad_nip_before_writing_anything(tmp_path: Path) -> None:
    result = invoke(["init", str(tmp_path / "cb"), "--head", "Drs. Ahmad", "--head-nip", "12345"])
    assert_clean_exit(result, 1)
    assert "NIP harus 18 digit" in result.stderr
    assert not (tmp_path / "cb" / "bapascase.yaml").exists()


def test_init_interview_asks_the_office_and_its_people(tmp_path: Path) -> None:
    keys = [
        pick(-2),  # class: from "(tidak ada)" up to Kelas I
        type_("Medan"), type_("Jl. Contoh No. 1"), type_(""), type_(""),  # city, address, phone, email
        type_("Kantor Wilayah Sumatera Utara"), type_("Kementerian Imigrasi dan Pemasyarakatan"), type_(""),
        type_("Drs. Kepala Contoh, M.Si."), type_("197001012000031001"),  # Kepala Bapas: name, NIP
        type_(""),  # no Kasubsi/Kasi yet
        YES, type_(RAHMAT[0]), type_(RAHMAT[1]), type_("Pembimbing Kemasyarakatan Ahli Muda"),
        NO,  # no more PKs
        pick(0),  # review: save
    ]
    root = tmp_path / "cb"
    result = interactive(["init", str(root), "--office", "Bapas Kelas I Medan"], keys)
    assert_clean_exit(result, 0)
    data = yamlio.load(root / "bapascase.yaml")
    assert data["office"]["city"] == "Medan" and data["office"]["office_class"] == "I"
    assert [(o["role"], o["name"]) for o in data["officers"]] == [("kepala", "Drs. Kepala Contoh, M.Si."),
                                                                   ("pk", RAHMAT[0])]
    assert "Belum diatur: Kasubsi/Kasi." in result.stdout
    # init has no casebook to keep a draft in yet: it promises none (its hint and its review say so)
    assert "Ctrl-C: berhenti (tidak ada yang disimpan)" in " ".join(result.stdout.split())
    assert "simpan sebagai draf" not in result.stdout and "disimpan sebagai draf" not in result.stdout


# -- officers -------------------------------------------------------------------------------------------------


def test_officers_lists_adds_and_keeps_the_files_comments(book: Book) -> None:
    path = book.root / "bapascase.yaml"
    path.write_text("# kantor kami\n" + path.read_text(encoding="utf-8").replace(
        "auto_commit:", "# simpan ke git setiap kali\nauto_commit:"), encoding="utf-8")
    add_rahmat(book)
    text = path.read_text(encoding="utf-8")
    assert "# kantor kami" in text and "# simpan ke git setiap kali" in text
    assert "nip: '198702142010121003'" in text  # a NIP stays text
    listed = json.loads(book.run("officers", "--json").stdout)
    assert listed["officers"] == [{"name": RAHMAT[0], "nip": RAHMAT[1], "rank": "Pembimbing Kemasyarakatan Ahli Muda",
                                   "role": "pk", "section": None}]
    assert "officers.kepala" in listed["missing"]
    shown = book.run("officers")
    assert_clean_exit(shown, 0)
    assert "Rahmat Hidayat, S.H." in shown.stdout and "Pembimbing Kemasyarakatan Ahli Muda" in shown.stdout
    assert "Belum diatur: Kepala Bapas" in shown.stderr
    assert_clean_exit(book.run("check"), 0)


def test_the_same_officer_is_not_added_twice(book: Book) -> None:
    add_rahmat(book)
    again = book.run("officers", "add", "rahmat  hidayat")  # no titles, other spacing: the same person
    assert_clean_exit(again, 1)
    assert again.stderr.strip() == f"Sudah ada di daftar petugas: {RAHMAT[0]}"
    same_nip = book.run("officers", "add", "Orang Lain", "--nip", RAHMAT[1])
    assert_clean_exit(same_nip, 1)


def test_a_second_head_of_office_is_refused_with_the_line(book: Book) -> None:
    assert_clean_exit(book.run("officers", "add", "Drs. Satu", "--role", "kepala"), 0)
    second = book.run("officers", "add", "Drs. Dua", "--role", "kepala")
    assert_clean_exit(second, 1)
    assert "officers: lebih dari satu petugas berperan kepala" in second.stderr
    assert "Drs. Dua" not in (book.root / "bapascase.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("option", ["--head-nip", "--kasubsi-nip"])
def test_init_refuses_a_nip_without_its_holder(tmp_path: Path, option: str) -> None:
    """A NIP given without the name of the head (or kasubsi) it belongs to was dropped without a word."""
    result = invoke(["init", str(tmp_path / "cb"), "--no-input", option, "197001012000031001"])
    assert_clean_exit(result, 2)
    assert result.stderr.strip() == f"{option} butuh {option[:-4]}: NIP ditulis bersama nama pejabatnya."
    assert not (tmp_path / "cb").exists()


def test_a_bad_role_or_nip_is_refused(book: Book) -> None:
    assert "Peran tidak dikenal: bos" in book.run("officers", "add", "X", "--role", "bos").stderr
    for option, said in (("--role", "Peran tidak dikenal: ''"), ("--section", "Seksi tidak dikenal: ''")):
        empty = book.run("officers", "add", "X", option, "")  # typed empty: no role at all, not the default one
        assert_clean_exit(empty, 1)
        assert said in empty.stderr, empty.stderr
    assert "X" not in str(settings(book).get("officers"))
    bad = book.run("officers", "add", "X", "--nip", "123")
    assert_clean_exit(bad, 1)
    assert "NIP harus 18 digit" in bad.stderr


def test_officers_remove(book: Book) -> None:
    add_rahmat(book)
    result = book.run("officers", "remove", "Rahmat Hidayat")
    assert_clean_exit(result, 0)
    assert settings(book)["officers"] == []


def test_the_settings_name_the_signatories_of_a_report() -> None:
    from bapascase.model.settings_view import Settings

    view = Settings.from_dump({
        "schema_version": 1, "office": {k: None for k in ("office_class", "city", "address", "phone", "email",
                                                          "kanwil", "ministry", "directorate")} | {"name": "B"},
        "language": "id", "defaults": {"wajib_lapor_interval_days": 30, "reassessment_months": 6,
                                       "due_horizon_days": 14},
        "letterhead": [], "holidays": [], "auto_commit": True, "end_marker": True, "reports": {"made_with_footer": True},
        "officers": [
            {"name": "Drs. Kepala", "nip": None, "rank": None, "role": "kepala", "section": None},
            {"name": "Kasi Anak", "nip": None, "rank": None, "role": "kasubsi", "section": "BKA"},
            {"name": "Kasi Dewasa", "nip": None, "rank": None, "role": "kasubsi", "section": "BKD"},
            {"name": RAHMAT[0], "nip": RAHMAT[1], "rank": "Pembimbing Kemasyarakatan Ahli Muda", "role": "pk",
             "section": "BKD"},
        ]})
    signed = view.signatories("Rahmat Hidayat", section="BKD")
    assert signed.pk is not None and signed.pk.rank == "Pembimbing Kemasyarakatan Ahli Muda"
    assert signed.kasubsi is not None and signed.kasubsi.name == "Kasi Dewasa"
    assert signed.kepala is not None and signed.kepala.name == "Drs. Kepala"
    assert view.signatories("Rahmat Hidayat", section="BKA").kasubsi.name == "Kasi Anak"  # type: ignore[union-attr]
    assert view.signatories("Orang Lain").pk is None


# -- an older settings file -----------------------------------------------------------------------------------


def test_the_old_head_of_office_fields_still_load_and_check_fix_moves_them(book: Book) -> None:
    path = book.root / "bapascase.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "office:\n", "office:\n  # kepala sejak 2025\n  head_name: Drs. Kepala Lama, M.Si.\n"
                     "  head_nip: '197001012000031001'\n")
    path.write_text(text, encoding="utf-8")
    view = json.loads(book.run("officers", "--json").stdout)
    assert view["officers"][0]["name"] == "Drs. Kepala Lama, M.Si." and view["officers"][0]["role"] == "kepala"
    checked = book.run("check")
    assert_clean_exit(checked, 0)
    assert "office.head_name: bentuk lama" in checked.stderr
    fixed = book.run("check", "--fix")
    assert_clean_exit(fixed, 0)
    after = path.read_text(encoding="utf-8")
    assert "head_name" not in after and "role: kepala" in after
    assert "bentuk lama" not in book.run("check").stderr


# -- a typed officer is the listed one --------------------------------------------------------------------------


def test_new_records_the_listed_officer_typed_without_titles(book: Book) -> None:
    add_rahmat(book)
    case_id = book.new(intake_answers(assignment={"officer": {"name": "Rahmat Hidayat"}}))
    data = yamlio.load(book.cases / case_id / "case.yaml")
    assert data["assignment"]["officer"] == {"name": RAHMAT[0], "nip": RAHMAT[1]}


def test_new_refuses_an_unlisted_officer_without_a_terminal(book: Book, tmp_path: Path) -> None:
    add_rahmat(book)
    path = write_answers(tmp_path / "a.yaml", intake_answers())  # Hendra Saputra: not listed
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert result.stderr.startswith("Petugas tidak ada di daftar petugas bapascase.yaml: Hendra Saputra — ")
    assert 'bapascase officers add "Hendra Saputra"' in result.stderr


def test_new_on_a_terminal_offers_to_add_an_unlisted_officer(book: Book, tmp_path: Path) -> None:
    add_rahmat(book)
    given = intake_answers()
    given["assignment"]["praktikan"] = None
    path = write_answers(tmp_path / "a.yaml", given)
    keys = [type_(""),  # nationality: Indonesia, as offered
            type_(""), type_(""),  # distinguishing marks and KK number: none
            type_(""),  # the date of the offence: not recorded
            type_(""),  # ekspirasi: none (the end of the masa bimbingan is given)
            pick(0),  # review: save
            YES,  # add Hendra Saputra to the list?
            type_(""),  # NIP: the one typed is offered (Enter keeps it)
            type_("Pembimbing Kemasyarakatan Ahli Pertama")]
    result = interactive(["new", "--answers", str(path)], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    listed = settings(book)["officers"]
    assert isinstance(listed, list)
    names = [o["name"] for o in listed]
    assert names == [RAHMAT[0], "Hendra Saputra"]


def test_transfer_finds_the_officer_with_or_without_titles(book: Book) -> None:
    add_rahmat(book)
    assert_clean_exit(book.run("officers", "add", "Sri Wahyuni, S.Psi."), 0)
    case_id = book.new(intake_answers(assignment={"officer": {"name": "Sri Wahyuni"}}))
    result = book.run("transfer", case_id, "--to", "Rahmat Hidayat")
    assert_clean_exit(result, 0)
    assert RAHMAT[0] in result.stdout
    unknown = book.run("transfer", case_id, "--to", "Nobody", "--no-input")
    assert_clean_exit(unknown, 1)
    assert "bapascase officers add" in unknown.stderr


# -- reports name what they need -------------------------------------------------------------------------------


def test_a_report_names_a_missing_setting_and_how_to_set_it(book: Book) -> None:
    case_id = book.new()
    result = book.run("report", case_id, "--kind", "litmas")
    assert_clean_exit(result, 0)  # still written, with blanks where the settings go
    assert ('Belum diatur: Kepala Bapas. Atur dengan: bapascase officers add "NAMA" --role kepala --nip NIP'
            in result.stderr)
    assert "Belum diatur: Kantor Wilayah. Atur dengan: isi office.kanwil di bapascase.yaml" in result.stderr
    assert_clean_exit(book.run("officers", "add", "Drs. Kepala Contoh, M.Si.", "--role", "kepala"), 0)
    again = book.run("report", case_id, "--kind", "litmas")
    assert "Kepala Bapas" not in again.stderr
    assert "Drs. Kepala Contoh, M.Si." in again.stdout  # signs "Menyetujui"
    case_file = book.run("report", case_id)  # the case file needs only the office's name
    assert "Belum diatur" not in case_file.stderr
