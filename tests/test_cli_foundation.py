"""Every foundation command through CliRunner with the scripted prompter (``--answers``/``--no-input``)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bapascase.model.registry import SCHEMA_NAMES
from tests.helpers import (
    TODAY,
    Book,
    assert_clean_exit,
    intake_answers,
    invoke,
    make_casebook,
    minimal_intake,
    run_module,
    write_answers,
)

HAS_GIT = shutil.which("git") is not None


def as_json(result: Any) -> dict[str, Any]:
    assert_clean_exit(result, 0)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def git_log(root: Path) -> list[str]:
    out = subprocess.run(["git", "log", "--format=%s"], cwd=root, capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, dict[str, str]]:
    """One casebook with three clients on different programmes and officers, shared by the tests that only
    read it (module scope: registering them costs more than the reading tests themselves)."""
    book = make_casebook(tmp_path_factory.mktemp("loaded") / "cb")
    ids = {
        "bzg": book.new(intake_answers(), "bzg.yaml"),
        "sa": book.new({**minimal_intake(), "intake_date": "2026-04-01"}, "sa.yaml"),
        "ah": book.new(
            intake_answers(
                identity={"name": "Ahmad bin Harun", "nik": "1275011708850001", "birth_date": "17/8/1985",
                          "aliases": []},
                legal={"programme": "asimilasi", "offence": "Penipuan", "articles": ["Pasal 378 KUHP"],
                       "supervision_start": "2026-05-01", "supervision_end": "2026-07-10"},
                assignment={"officer": {"name": "Rosalina Tambunan", "nip": "198807242012122001"}},
            ),
            "ah.yaml",
        ),
    }
    return book, ids


# -- init -------------------------------------------------------------------------------------------------


def test_init_makes_a_casebook(tmp_path: Path) -> None:
    result = invoke(["init", str(tmp_path / "cb"), "--office", "Bapas Kelas I Medan"])
    assert_clean_exit(result, 0)
    root = tmp_path / "cb"
    assert "Casebook dibuat" in result.stdout
    for name in ("bapascase.yaml", "cases", "templates", ".gitignore", "schemas/case.schema.json",
                 "schemas/settings.schema.json"):
        assert (root / name).exists(), name
    assert ".bapascase/" in (root / ".gitignore").read_text(encoding="utf-8")
    settings = (root / "bapascase.yaml").read_text(encoding="utf-8")
    assert settings.startswith("# yaml-language-server: $schema=schemas/settings.schema.json\n")
    assert "name: Bapas Kelas I Medan" in settings
    assert "language: id" in settings


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_init_makes_a_git_repository_with_a_first_commit(tmp_path: Path) -> None:
    result = invoke(["init", str(tmp_path / "cb"), "--office", "Bapas Kelas I Medan"])
    assert_clean_exit(result, 0)
    assert "git" in result.stdout
    assert (tmp_path / "cb" / ".git").is_dir()
    assert git_log(tmp_path / "cb") == ["bapascase init: Bapas Kelas I Medan"]
    tracked = subprocess.run(["git", "ls-files"], cwd=tmp_path / "cb", capture_output=True, text=True).stdout
    assert "bapascase.yaml" in tracked and "schemas/case.schema.json" in tracked


def test_init_without_git_on_the_path_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    no_tools = tmp_path / "empty-bin"
    no_tools.mkdir()
    monkeypatch.setenv("PATH", str(no_tools))
    result = invoke(["init", str(tmp_path / "cb")])
    assert_clean_exit(result, 0)
    assert (tmp_path / "cb" / "bapascase.yaml").is_file()
    assert not (tmp_path / "cb" / ".git").exists()
    assert "git tidak ditemukan" in result.stderr
    result = invoke(["--lang", "en", "init", str(tmp_path / "cb2")])
    assert result.stderr == "git not found: casebook created without a git repository.\n"


def test_init_without_git_in_a_real_process(tmp_path: Path) -> None:
    proc = run_module(["init", str(tmp_path / "cb")], env={"PATH": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert "git tidak ditemukan" in proc.stderr
    assert (tmp_path / "cb" / "cases").is_dir()


def test_init_refuses_an_existing_casebook(book: Book) -> None:
    result = invoke(["init", str(book.root)])
    assert_clean_exit(result, 1)
    assert "Sudah ada casebook" in result.stderr


def test_init_in_english(tmp_path: Path) -> None:
    result = invoke(["--lang", "en", "init", str(tmp_path / "cb")])
    assert_clean_exit(result, 0)
    assert "Casebook created" in result.stdout
    assert "language: en" in (tmp_path / "cb" / "bapascase.yaml").read_text(encoding="utf-8")


# -- new --------------------------------------------------------------------------------------------------


def test_new_json_prints_the_id(book: Book, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.yaml", intake_answers())
    data = as_json(book.run("new", "--answers", str(path), "--no-input", "--json"))
    case_id = data["id"]
    assert case_id.startswith("2026-bzg-")
    assert data["path"] == f"cases/{case_id}/case.yaml"
    assert data["initials"] == "BZG"
    assert data["version"] == 1
    saved = (book.root / data["path"]).read_text(encoding="utf-8")
    assert "name: Budi Zulkarnain Ginting" in saved


def test_new_without_json_says_where_it_saved(book: Book, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.yaml", intake_answers())
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 0)
    assert result.stdout.startswith("Klien terdaftar: 2026-bzg-")


def test_new_from_a_json_answers_file(book: Book, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.json", intake_answers())
    data = as_json(book.run("new", "--answers", str(path), "--no-input", "--json"))
    assert (book.root / data["path"]).is_file()


def test_new_fills_the_intake_date_with_today(book: Book, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.yaml", minimal_intake())
    data = as_json(book.run("new", "--answers", str(path), "--no-input", "--json"))
    assert data["id"].startswith(f"{TODAY.year}-sa-")
    assert f"intake_date: {TODAY.isoformat()}" in (book.root / data["path"]).read_text(encoding="utf-8")


def test_new_uses_the_only_officer_of_the_casebook(book: Book, tmp_path: Path) -> None:
    settings = book.root / "bapascase.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "officers: []", "officers:\n- name: Rosalina Tambunan\n  nip: '198807242012122001'"), encoding="utf-8")
    answers = minimal_intake()
    del answers["assignment"]
    path = write_answers(tmp_path / "a.yaml", answers)
    data = as_json(book.run("new", "--answers", str(path), "--no-input", "--json"))
    assert "name: Rosalina Tambunan" in (book.root / data["path"]).read_text(encoding="utf-8")


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_new_commits_the_case(book: Book) -> None:
    case_id = book.new()
    assert git_log(book.root)[0] == f"new: {case_id}"


def test_new_in_a_casebook_without_git(book_nogit: Book) -> None:
    case_id = book_nogit.new()
    assert book_nogit.case_file(case_id).is_file()


def test_no_input_with_missing_answers_lists_them_all_in_one_error(book: Book, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.yaml", {"identity": {"name": "Siti Aminah", "sex": "P"}})
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for name in ("identity.birth_place", "identity.birth_date", "identity.religion", "identity.address", "legal",
                 "assignment"):
        assert name in lines[0]
    assert "identity.name" not in lines[0] and "identity.sex" not in lines[0]
    assert str(path) in lines[0]
    assert not any(p.is_dir() for p in book.cases.iterdir())


def test_no_input_without_any_answers(book: Book) -> None:
    result = book.run("new", "--no-input")
    assert_clean_exit(result, 1)
    assert "identity, legal, assignment" in result.stderr
    en = book.run("--lang", "en", "new", "--no-input")
    assert en.stderr.startswith("Required answers missing")


def test_answers_with_errors_point_at_their_lines(book: Book, tmp_path: Path) -> None:
    answers = intake_answers(identity={"religion": "islam", "birth_date": "31/4/1990"})
    path = write_answers(tmp_path / "a.yaml", answers)
    text = path.read_text(encoding="utf-8").splitlines()
    religion_line = next(i for i, line in enumerate(text, 1) if line.strip().startswith("religion:"))
    birth_line = next(i for i, line in enumerate(text, 1) if line.strip().startswith("birth_date:"))
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    err = result.stderr
    assert f"{path}:{religion_line}: identity.religion: 'islam' bukan pilihan yang sah" in err
    assert f"{path}:{birth_line}: identity.birth_date: tanggal '31/4/1990' tidak ada di kalender" in err


def test_answers_with_extra_keys_are_refused(book: Book, tmp_path: Path) -> None:
    answers = intake_answers()
    answers["identity"]["tgl_lahir"] = "1990-05-12"
    path = write_answers(tmp_path / "a.yaml", answers)
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert "identity.tgl_lahir: field tidak dikenal" in result.stderr


# -- list -------------------------------------------------------------------------------------------------


def test_list_table_and_json(loaded: tuple[Book, dict[str, str]]) -> None:
    book, three = loaded
    result = book.run("list")
    assert_clean_exit(result, 0)
    assert "Kasus (3)" in result.stdout
    for name in ("Budi Zulkarnain Ginting", "Siti Aminah", "Ahmad bin Harun"):
        assert name in result.stdout
    data = as_json(book.run("list", "--json"))
    assert data["version"] == 1
    assert data["count"] == 3
    assert sorted(c["id"] for c in data["cases"]) == sorted(three.values())
    bzg = next(c for c in data["cases"] if c["id"] == three["bzg"])
    assert bzg["initials"] == "BZG"
    assert bzg["stage"] == "intake"
    assert bzg["days_left"] == (dt.date(2028, 3, 14) - TODAY).days


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--officer", "rosalina"], {"ah"}),
        (["--officer", "198807242012122001"], {"ah"}),
        (["--officer", "Hendra"], {"bzg", "sa"}),
        (["--programme", "pb"], {"bzg"}),
        (["--programme", "CB"], {"sa"}),
        (["--programme", "asimilasi"], {"ah"}),
        (["--stage", "intake"], {"bzg", "sa", "ah"}),
        (["--stage", "monitoring"], set()),
        (["--officer", "hendra", "--programme", "CB"], {"sa"}),
    ],
)
def test_list_filters(loaded: tuple[Book, dict[str, str]], args: list[str], expected: set[str]) -> None:
    book, three = loaded
    data = as_json(book.run("list", *args, "--json"))
    names = {k for k, v in three.items() if v in {c["id"] for c in data["cases"]}}
    assert names == expected


def test_list_empty(book: Book) -> None:
    result = book.run("list")
    assert_clean_exit(result, 0)
    assert "Belum ada kasus" in result.stdout
    assert as_json(book.run("list", "--json"))["count"] == 0


def test_list_long_caseload_is_plain_columns(book: Book) -> None:
    from bapascase.cli.common import RICH_MAX_ROWS
    from bapascase.store import yamlio

    base = yamlio.dumps(intake_answers())
    for n in range(RICH_MAX_ROWS + 5):
        folder = book.cases / f"2026-gen-{n:05d}"
        folder.mkdir()
        (folder / "case.yaml").write_text(base, encoding="utf-8")
    result = book.run("list")
    assert_clean_exit(result, 0)
    lines = result.stdout.splitlines()
    assert lines[0] == f"Kasus ({RICH_MAX_ROWS + 5})"
    assert lines[1].split()[:3] == ["ID", "Nama", "Program"]
    assert lines[3].startswith("2026-gen-00000  Budi Zulkarnain Ginting")


def test_list_index_is_refreshed_when_a_file_changes(book: Book) -> None:
    case_id = book.new()
    assert as_json(book.run("list", "--json"))["cases"][0]["name"] == "Budi Zulkarnain Ginting"
    assert (book.root / ".bapascase" / "index.sqlite3").is_file()
    path = book.case_file(case_id)
    path.write_text(path.read_text(encoding="utf-8").replace("Budi Zulkarnain Ginting", "Budi Z. Ginting, S.T."),
                    encoding="utf-8")
    assert as_json(book.run("list", "--json"))["cases"][0]["name"] == "Budi Z. Ginting, S.T."
    shutil.rmtree(book.cases / case_id)
    assert as_json(book.run("list", "--json"))["count"] == 0


def test_a_folder_without_its_case_file_is_no_case(book: Book) -> None:
    """Notes kept in ``cases/``, or a case whose ``case.yaml`` was deleted, are not listed as an active case in
    intake: the caseload skips them (``check`` reports them), ``show`` says what is missing."""
    case_id = book.new()
    other = book.new(intake_answers(identity={"name": "Siti Aminah", "sex": "P", "nik": "1271054101920001"}),
                     name="siti.yaml")
    (book.cases / "notes").mkdir()
    (book.cases / "notes" / "catatan.txt").write_text("rapat", encoding="utf-8")
    (book.cases / "2026-xyz-aaaaa").mkdir()
    assert [c["id"] for c in as_json(book.run("list", "--json"))["cases"]] == sorted([case_id, other])
    assert {i["id"] for i in as_json(book.run("due", "--json"))["items"]} <= {case_id, other}
    assert as_json(book.run("stats", "--json"))["total"] == 2
    shown = book.run("show", "notes")
    assert_clean_exit(shown, 1)
    assert shown.stderr.strip() == "cases/notes/case.yaml: wajib diisi"
    checked = book.run("check")
    assert_clean_exit(checked, 1)
    assert "cases/notes/case.yaml: wajib diisi" in checked.stdout + checked.stderr
    # a case whose case file is taken away leaves the (warm) caseload, and comes back with it
    moved = book.cases / other / "case.yaml"
    text = moved.read_text(encoding="utf-8")
    moved.unlink()
    assert [c["id"] for c in as_json(book.run("list", "--json"))["cases"]] == [case_id]
    moved.write_text(text, encoding="utf-8")
    assert [c["id"] for c in as_json(book.run("list", "--json"))["cases"]] == sorted([case_id, other])


# -- show -------------------------------------------------------------------------------------------------


def test_show_one_case_at_a_glance(loaded: tuple[Book, dict[str, str]]) -> None:
    book, three = loaded
    result = book.run("show", three["bzg"])
    assert_clean_exit(result, 0)
    out = result.stdout
    assert f"{three['bzg']}  Budi Zulkarnain Ginting (BZG)" in out
    age = TODAY.year - 1990 - ((TODAY.month, TODAY.day) < (5, 12))
    assert f"{age} tahun" in out
    assert f"{(dt.date(2028, 3, 14) - TODAY).days} hari" in out
    assert "Intake" in out
    assert "1 Maret 2026 – 14 Maret 2028" in out
    assert "Pembunuhan (Pasal 338 KUHP); 12 Tahun" in out
    assert "Hendra Saputra" in out and "Rosmawati br Sembiring" in out and "Maria Simanjuntak" in out


def test_show_json_and_prefix(loaded: tuple[Book, dict[str, str]]) -> None:
    book, three = loaded
    data = as_json(book.run("show", three["ah"][:10], "--json"))  # "2026-ah-xy": a unique prefix
    case = data["case"]
    assert case["id"] == three["ah"]
    assert case["initials"] == "AH"
    assert case["age"] == TODAY.year - 1985 - ((TODAY.month, TODAY.day) < (8, 17))
    assert case["days_left"] == (dt.date(2026, 7, 10) - TODAY).days
    assert case["stage"] == "intake"
    assert case["files"] == [f"cases/{three['ah']}/case.yaml"]


def test_show_in_english(loaded: tuple[Book, dict[str, str]]) -> None:
    book, three = loaded
    result = book.run("--lang", "en", "show", three["bzg"])
    assert_clean_exit(result, 0)
    assert "1 March 2026 – 14 March 2028" in result.stdout
    assert "12 years" in result.stdout


def test_show_expired_supervision(book: Book, tmp_path: Path) -> None:
    case_id = book.new(intake_answers(legal={"supervision_start": "2025-01-01", "supervision_end": "2026-01-01"}))
    result = book.run("show", case_id)
    assert f"lewat {(TODAY - dt.date(2026, 1, 1)).days} hari" in result.stdout


def test_show_unknown_and_ambiguous_cases(loaded: tuple[Book, dict[str, str]]) -> None:
    book, _three = loaded
    result = book.run("show", "2099-xyz")
    assert_clean_exit(result, 1)
    assert result.stderr == "Kasus tidak ditemukan: 2099-xyz. Cari menurut nama atau NIK: bapascase find 2099-xyz\n"
    result = book.run("show", "2026")
    assert_clean_exit(result, 1)
    assert "beberapa kasus" in result.stderr
    result = book.run("show", "../etc")
    assert_clean_exit(result, 1)
    assert "tidak sah" in result.stderr


# -- find / due / stats -----------------------------------------------------------------------------------


def test_find(loaded: tuple[Book, dict[str, str]]) -> None:
    book, three = loaded
    for query, key in (("ginting", "bzg"), ("Ucok", "bzg"), ("378", "ah"), ("1275011708850001", "ah"),
                       ("binjai", "sa"), ("rosalina penipuan", "ah")):
        data = as_json(book.run("find", query, "--json"))
        assert [c["id"] for c in data["cases"]] == [three[key]], query
    result = book.run("find", "ginting")
    assert_clean_exit(result, 0)
    assert three["bzg"] in result.stdout
    result = book.run("find", "tidak-ada-yang-cocok")
    assert_clean_exit(result, 1)
    assert "Tidak ada kasus yang cocok" in result.stdout


def test_due(loaded: tuple[Book, dict[str, str]]) -> None:
    book, three = loaded
    data = as_json(book.run("due", "--json"))
    assert data["today"] == TODAY.isoformat()
    kinds = {(i["id"], i["kind"]) for i in data["items"]}
    assert (three["ah"], "prepare_closing") not in kinds  # ends 2026-07-10: beyond the default 14 days
    data = as_json(book.run("due", "--days", "30", "--json"))
    kinds = {(i["id"], i["kind"]) for i in data["items"]}
    assert (three["ah"], "prepare_closing") in kinds
    assert (three["bzg"], "no_engagement") in kinds
    for item in data["items"]:
        if item["date"]:
            assert item["days"] == (dt.date.fromisoformat(item["date"]) - TODAY).days
    narrow = as_json(book.run("due", "--days", "0", "--officer", "rosalina", "--json"))
    assert {i["id"] for i in narrow["items"]} == {three["ah"]}
    result = book.run("due")
    assert_clean_exit(result, 0)
    assert "Ahmad bin Harun" in result.stdout


def test_due_nothing(book: Book) -> None:
    result = book.run("due")
    assert_clean_exit(result, 0)
    assert "Tidak ada yang jatuh tempo" in result.stdout


def test_stats(loaded: tuple[Book, dict[str, str]]) -> None:
    book, _three = loaded
    data = as_json(book.run("stats", "--json"))
    assert data["total"] == 3 and data["active"] == 3
    assert data["by_programme"] == {"PB": 1, "CB": 1, "asimilasi": 1}
    assert data["by_officer"] == {"Hendra Saputra": 2, "Rosalina Tambunan": 1}
    assert data["by_stage"] == {"intake": 3}
    assert data["ending_30"] == 1
    result = book.run("stats")
    assert_clean_exit(result, 0)
    assert "Jumlah kasus: 3" in result.stdout


# -- check ------------------------------------------------------------------------------------------------


def test_check_valid_casebook(loaded: tuple[Book, dict[str, str]]) -> None:
    book, _three = loaded
    result = book.run("check")
    assert_clean_exit(result, 0)
    assert "Casebook valid: 4 berkas, 3 kasus." in result.stdout
    data = as_json(book.run("check", "--json"))
    assert data["ok"] is True and data["problems"] == []


def _line_of(path: Path, startswith: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.strip().startswith(startswith))


def test_check_points_at_the_lines_of_a_hand_broken_file(book: Book) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    text = path.read_text(encoding="utf-8")
    text = text.replace("nik: '1271051205900003'", "nik: 1271051205900003")
    text = text.replace("religion: Kristen", "religion: kristen")
    text = text.replace("supervision_end: 2028-03-14", "supervision_end: 2026-02-01")
    text = text.replace("  age: 9\n", "  age: sembilan\n")
    text = text.replace("  court: Pengadilan Negeri Medan\n", "  court: Pengadilan Negeri Medan\n  pengadilan: PN\n")
    path.write_text(text, encoding="utf-8")
    rel = f"cases/{case_id}/case.yaml"
    result = book.run("check")
    assert_clean_exit(result, 1)
    lines = result.stderr.splitlines()
    expected = [
        f"{rel}:{_line_of(path, 'nik:')}: identity.nik: NIK harus ditulis sebagai teks (dalam tanda kutip)",
        f"{rel}:{_line_of(path, 'religion:')}: identity.religion: 'kristen' bukan pilihan yang sah",
        f"{rel}:{_line_of(path, 'age: sembilan')}: family[1].age: harus berupa bilangan bulat",
        f"{rel}:{_line_of(path, 'pengadilan:')}: legal.pengadilan: field tidak dikenal",
    ]
    for prefix in expected:
        assert any(line.startswith(prefix) for line in lines), (prefix, lines)
    # the hand edit is not committed yet: a notice, not one of the problems counted
    notice = f"{rel}: tersimpan tetapi belum di-commit (`bapascase sync` akan meng-commit-nya)"
    assert notice in lines
    assert lines[-1] == f"{len(lines) - 2} masalah ditemukan."
    # the cross-field rule is checked once the part itself is valid
    text = text.replace("  pengadilan: PN\n", "")
    path.write_text(text, encoding="utf-8")
    lines = book.run("check").stderr.splitlines()
    assert any(line.startswith(f"{rel}:{_line_of(path, 'supervision_end:')}: legal.supervision_end: akhir masa bimbingan")
               for line in lines), lines


def test_check_reports_yaml_syntax_errors_with_a_line(book: Book) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    path.write_text(path.read_text(encoding="utf-8").replace("sex: L", "sex: [L"), encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert f"cases/{case_id}/case.yaml:" in result.stderr and "YAML:" in result.stderr


def test_check_reports_orphans_missing_intake_and_bad_settings(book: Book) -> None:
    case_id = book.new()
    (book.cases / case_id / "catatan.yaml").write_text("a: 1\n", encoding="utf-8")
    (book.cases / "2026-kosong-aaaaa").mkdir()
    settings = book.root / "bapascase.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: id", "language: jv"),
                        encoding="utf-8")
    result = book.run("check", "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert f"cases/{case_id}/catatan.yaml: berkas tidak dikenal di folder kasus" in problems
    assert "cases/2026-kosong-aaaaa/case.yaml: wajib diisi" in problems
    assert any(p.startswith(f"bapascase.yaml:{_line_of(settings, 'language:')}: language:") for p in problems)


def test_check_only_reads_and_says_which_schemas_are_outdated(book: Book) -> None:
    schema = book.root / "schemas" / "case.schema.json"
    schema.write_text("{}", encoding="utf-8")
    (book.root / "schemas" / "settings.schema.json").unlink()
    result = book.run("check")
    # the data is valid: outdated editor schemas are a notice, not a problem
    assert_clean_exit(result, 0)
    assert schema.read_text(encoding="utf-8") == "{}"
    assert not (book.root / "schemas" / "settings.schema.json").exists()
    assert result.stderr.splitlines() == [
        "Skema usang (jalankan `bapascase check --fix`): schemas/case.schema.json",
        "Skema usang (jalankan `bapascase check --fix`): schemas/settings.schema.json",
    ]
    data = as_json(book.run("check", "--json"))
    assert data["ok"] is True
    assert data["schemas_outdated"] == ["schemas/case.schema.json", "schemas/settings.schema.json"]
    assert data["fixed"] == []


def test_check_fix_rewrites_the_outdated_schemas_and_says_so(book: Book) -> None:
    schema = book.root / "schemas" / "case.schema.json"
    schema.write_text("{}", encoding="utf-8")
    (book.root / "schemas" / "settings.schema.json").unlink()
    plan = book.root / "schemas" / "plan.schema.json"
    plan_before = plan.stat().st_mtime_ns
    result = book.run("check", "--fix")
    assert_clean_exit(result, 0)
    assert result.stdout.splitlines()[:2] == ["Skema diperbarui: schemas/case.schema.json",
                                              "Skema diperbarui: schemas/settings.schema.json"]
    assert result.stderr == ""
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "Registrasi klien"
    assert (book.root / "schemas" / "settings.schema.json").is_file()
    assert plan.stat().st_mtime_ns == plan_before  # a current schema is left alone
    again = book.run("check", "--fix", "--json")
    assert as_json(again)["fixed"] == [] and as_json(again)["schemas_outdated"] == []


def test_check_writes_nothing_in_the_casebook(book: Book) -> None:
    book.new()
    (book.root / "schemas" / "case.schema.json").write_text("{}", encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in book.root.rglob("*") if ".bapascase" not in p.parts
              and ".git" not in p.parts}
    assert_clean_exit(book.run("check"), 0)
    after = {p: p.stat().st_mtime_ns for p in book.root.rglob("*") if ".bapascase" not in p.parts
             and ".git" not in p.parts}
    assert after == before


# -- schema -----------------------------------------------------------------------------------------------


def test_schema_for_every_available_name(book: Book) -> None:
    from bapascase.workflow.schemas import ALL_SCHEMAS

    assert "case" in ALL_SCHEMAS and "settings" in ALL_SCHEMAS and "transfer" in ALL_SCHEMAS
    for name in ALL_SCHEMAS:
        result = book.run("schema", name)
        assert_clean_exit(result, 0)
        schema = json.loads(result.stdout)
        assert schema["$schema"].startswith("https://json-schema.org/")
        assert schema["type"] == "object"
        assert schema["title"]


def test_schema_case_is_localized(book: Book) -> None:
    id_schema = json.loads(book.run("schema", "case").stdout)
    en_schema = json.loads(book.run("--lang", "en", "schema", "case").stdout)
    assert id_schema["title"] == "Registrasi klien" and en_schema["title"] == "Client intake"
    assert id_schema["$defs"]["Identity"]["properties"]["birth_date"]["title"] == "Tanggal lahir"
    assert en_schema["$defs"]["Identity"]["properties"]["birth_date"]["title"] == "Date of birth"
    assert id_schema["$defs"]["Identity"]["properties"]["nik"]["anyOf"][0]["pattern"] == r"^\d{16}$"


def test_schema_works_outside_a_casebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert_clean_exit(invoke(["schema", "case"]), 0)


def test_unknown_schema_name_is_a_usage_error(book: Book) -> None:
    result = book.run("schema", "kasus")
    assert_clean_exit(result, 2)
    assert "kasus" in result.stderr
    for name in SCHEMA_NAMES:
        assert name in result.stderr


def test_every_command_accepts_json_where_the_contract_says(loaded: tuple[Book, dict[str, str]]) -> None:
    book, three = loaded
    for args in (["list"], ["show", three["sa"]], ["find", "siti"], ["due"], ["stats"], ["check"]):
        data = as_json(book.run(*args, "--json"))
        assert data["version"] == 1, args


def test_other_casebook_from_another_officer(tmp_path: Path) -> None:
    """Two officers in two clones register the same client: ids differ, both casebooks are valid."""
    a = make_casebook(tmp_path / "a", git=False)
    b = make_casebook(tmp_path / "b", git=False)
    ia, ib = a.new(), b.new()
    assert ia != ib
    shutil.copytree(b.cases / ib, a.cases / ib)
    assert as_json(a.run("list", "--json"))["count"] == 2


def test_json_with_a_long_list_is_one_item_per_line() -> None:
    import io

    from bapascase.cli.common import JSON_LONG_LIST, print_json
    from bapascase.env import Environment
    from bapascase.workflow.context import Context

    buf = io.StringIO()
    ctx = Context(env=Environment(stdout=buf))
    cases = [{"id": f"2026-gen-{n:05d}", "name": "Siti Aminah", "end": dt.date(2027, 1, 1)}
             for n in range(JSON_LONG_LIST + 1)]
    print_json(ctx, {"count": len(cases), "cases": cases})
    text = buf.getvalue()
    data = json.loads(text)
    assert data["version"] == 1 and data["count"] == len(cases)
    assert data["cases"][0] == {"id": "2026-gen-00000", "name": "Siti Aminah", "end": "2027-01-01"}
    assert len(text.splitlines()) == len(cases) + 7
    short = io.StringIO()
    print_json(Context(env=Environment(stdout=short)), {"cases": cases[:2]})
    assert json.loads(short.getvalue())["cases"] == json.loads(json.dumps(cases[:2], default=str))
    assert '\n      "id"' in short.getvalue()  # short lists keep the fully indented form


def test_list_unknown_stage_is_a_usage_error(loaded: tuple[Book, dict[str, str]]) -> None:
    book, _ = loaded
    result = book.run("list", "--stage", "asesmen")
    assert_clean_exit(result, 2)
    assert result.stderr.startswith("Tahap tidak dikenal: asesmen. Pilih salah satu: intake, engagement")
