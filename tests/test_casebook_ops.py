"""import, history, sync and transfer: the casebook-wide commands of the contract."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import Book, assert_clean_exit, intake_answers, minimal_intake, write_answers

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout


def _add_officers(book: Book) -> None:
    settings = book.root / "bapascase.yaml"
    text = settings.read_text(encoding="utf-8").replace(
        "officers: []",
        "officers:\n- name: Hendra Saputra\n  nip: '198503122010121002'\n"
        "- name: Sri Rahayu\n  nip: '198001012005012001'\n- name: Sri Wahyuni\n",
    )
    settings.write_text(text, encoding="utf-8")


# -- import ------------------------------------------------------------------------------------------------


def test_import_yaml_list_registers_every_case(book: Book, tmp_path: Path) -> None:
    second = minimal_intake()
    second["identity"]["name"] = "Siti Aminah binti Yusuf"
    path = write_answers(tmp_path / "many.yaml", [intake_answers(), second])
    result = book.run("import", str(path), "--json")
    assert_clean_exit(result, 0)
    payload = json.loads(result.stdout)
    assert payload["count"] == 2 and payload["version"] == 1
    ids = payload["ids"]
    assert ids[0].startswith("2026-bzg-") and ids[1].startswith("2026-sa")
    for case_id in ids:
        assert (book.cases / case_id / "case.yaml").is_file()
    listed = json.loads(book.run("list", "--json").stdout)
    assert {c["id"] for c in listed["cases"]} == set(ids)


def test_import_json_list(book: Book, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "many.json", [minimal_intake()])
    result = book.run("import", str(path))
    assert_clean_exit(result, 0)
    assert "1 klien diimpor" in result.stdout


def test_import_csv_with_dotted_columns_and_lists(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "intake.csv"
    columns = [
        "identity.name", "identity.sex", "identity.birth_place", "identity.birth_date", "identity.nik",
        "identity.religion", "identity.education", "identity.marital_status", "identity.address",
        "family.0.relation", "family.0.name", "legal.programme", "legal.offence", "legal.articles",
        "legal.supervision_start", "legal.supervision_end", "assignment.officer.name",
    ]
    rows = [
        ["Andi Saputra", "L", "Medan", "15/8/1992", "1271011508920001", "Islam", "SMA", "kawin",
         "Jl. Melati 3, Medan", "pasangan", "Rina", "PB", "Pencurian", "Pasal 362 KUHP; Pasal 55 KUHP",
         "2026-01-05", "2027-01-05", "Hendra Saputra"],
    ]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(rows)
    result = book.run("import", str(path), "--json")
    assert_clean_exit(result, 0)
    case_id = json.loads(result.stdout)["ids"][0]
    from bapascase.store import yamlio

    doc = yamlio.load(book.cases / case_id / "case.yaml")
    assert doc["legal"]["articles"] == ["Pasal 362 KUHP", "Pasal 55 KUHP"]
    assert doc["family"][0]["name"] == "Rina"
    assert str(doc["identity"]["birth_date"]) == "1992-08-15"
    assert doc["identity"]["nik"] == "1271011508920001"


def test_import_is_all_or_nothing_and_names_every_bad_row(book: Book, tmp_path: Path) -> None:
    bad = minimal_intake()
    bad["identity"]["sex"] = "X"
    worse = minimal_intake()
    del worse["identity"]["name"]
    path = write_answers(tmp_path / "many.yaml", [intake_answers(), bad, worse])
    result = book.run("import", str(path))
    assert_clean_exit(result, 1)
    assert "[1].identity.sex" in result.stderr and "[2].identity.name" in result.stderr
    assert f"{path}:" in result.stderr  # located in the file, with a line number
    assert not [p for p in book.cases.iterdir() if p.is_dir()]


def test_import_rejects_a_non_list(book: Book, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "one.yaml", intake_answers())
    result = book.run("import", str(path))
    assert_clean_exit(result, 1)
    assert "daftar" in result.stderr


# -- transfer ----------------------------------------------------------------------------------------------


def test_transfer_adds_a_record_and_changes_the_derived_officer(book: Book) -> None:
    _add_officers(book)
    case_id = book.new()
    before = (book.cases / case_id / "case.yaml").read_text(encoding="utf-8")
    result = book.run("transfer", case_id, "--to", "198001012005012001", "--reason", "Mutasi wilayah")
    assert_clean_exit(result, 0)
    assert "Sri Rahayu" in result.stdout
    # case.yaml is untouched; the transfer is its own file
    assert (book.cases / case_id / "case.yaml").read_text(encoding="utf-8") == before
    files = list((book.cases / case_id / "transfers").glob("*.yaml"))
    assert len(files) == 1
    shown = json.loads(book.run("show", case_id, "--json").stdout)["case"]
    assert shown["officer"] == "Sri Rahayu"
    listed = json.loads(book.run("list", "--officer", "Sri Rahayu", "--json").stdout)
    assert [c["id"] for c in listed["cases"]] == [case_id]
    assert_clean_exit(book.run("check"), 0)


def test_transfer_errors_are_one_clear_line(book: Book) -> None:
    _add_officers(book)
    case_id = book.new()
    unknown = book.run("transfer", case_id, "--to", "Nobody")
    assert_clean_exit(unknown, 1)
    assert unknown.stderr.strip() == ("Petugas tidak ada di daftar petugas bapascase.yaml: Nobody — tambahkan dengan: "
                                      'bapascase officers add "Nobody" --nip NIP --rank JABATAN')
    ambiguous = book.run("transfer", case_id, "--to", "Sri")
    assert_clean_exit(ambiguous, 1)
    assert "Sri Rahayu" in ambiguous.stderr and "Sri Wahyuni" in ambiguous.stderr
    same = book.run("--lang", "en", "transfer", case_id, "--to", "Hendra Saputra")
    assert_clean_exit(same, 1)
    assert "already with Hendra Saputra" in same.stderr


# -- history and sync --------------------------------------------------------------------------------------


@needs_git
def test_history_lists_the_commits_of_one_case(book: Book) -> None:
    _add_officers(book)
    case_id = book.new()
    assert_clean_exit(book.run("transfer", case_id, "--to", "Sri Rahayu"), 0)
    result = book.run("history", case_id, "--json")
    assert_clean_exit(result, 0)
    commits = json.loads(result.stdout)["commits"]
    assert [c["subject"] for c in commits] == [f"transfer: {case_id} -> Sri Rahayu", f"new: {case_id}"]
    assert any(f.endswith("case.yaml") for f in commits[1]["files"])
    table = book.run("history", case_id)
    assert_clean_exit(table, 0)
    assert "new:" in table.stdout


def test_history_without_git_says_so(book_nogit: Book) -> None:
    case_id = book_nogit.new()
    result = book_nogit.run("history", case_id)
    assert_clean_exit(result, 1)
    assert "bukan repositori git" in result.stderr


@needs_git
def test_sync_pushes_then_pulls_what_a_colleague_added(book: Book, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    _git(book.root, "remote", "add", "origin", str(remote))
    no_remote_yet = book.new()
    first = book.run("sync")
    assert_clean_exit(first, 0)
    # a colleague clones, registers a client through bapascase, and pushes
    other = tmp_path / "other"
    _git(tmp_path, "clone", "-q", str(remote), str(other))
    colleague = Book(other)
    _git(other, "config", "user.email", "c@example.invalid")
    _git(other, "config", "user.name", "colleague")
    theirs = colleague.new(minimal_intake())
    assert_clean_exit(colleague.run("sync"), 0)
    second = book.run("sync")
    assert_clean_exit(second, 0)
    assert (book.cases / theirs / "case.yaml").is_file()
    assert (book.cases / no_remote_yet / "case.yaml").is_file()


@needs_git
def test_sync_without_a_remote_is_a_clear_error(book: Book) -> None:
    result = book.run("sync")
    assert_clean_exit(result, 1)
    assert "remote" in result.stderr


@needs_git
def test_init_inside_another_repository_makes_the_casebook_its_own(tmp_path: Path) -> None:
    from tests.helpers import invoke

    outer = tmp_path / "outer"
    outer.mkdir()
    _git(outer, "init", "-q")
    result = invoke(["init", str(outer / "casebook"), "--office", "Bapas Kelas II Binjai"])
    assert_clean_exit(result, 0)
    assert (outer / "casebook" / ".git").is_dir()
    assert _git(outer / "casebook", "log", "--format=%s").strip() == "bapascase init: Bapas Kelas II Binjai"
    assert _git(outer, "status", "--porcelain").strip() == "?? casebook/"


def test_a_malformed_today_override_is_a_plain_error(book: Book) -> None:
    case_id = book.new()
    result = book.run("show", case_id, env={"BAPASCASE_TODAY": "kemarin"})
    assert_clean_exit(result, 1)
    assert "BAPASCASE_TODAY" in result.stderr and "kemarin" in result.stderr
