"""Exit codes 0, 1, 2 and 130; one readable message on stderr; never a traceback; Indonesian first, English on
request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import Result

from tests.helpers import Book, assert_clean_exit, intake_answers, invoke, run_module, write_answers


def new_with(book: Book, answers: Path | str, *more: str, lang: str | None = None) -> Result:
    args = [*(["--lang", lang] if lang else []), "new", "--answers", str(answers), "--no-input", *more]
    return book.run(*args)


# -- answers files ----------------------------------------------------------------------------------------


def test_bad_yaml_in_an_answers_file_shows_the_line(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("identity:\n  name: Budi\n  sex: [L\nlegal:\n  programme: PB\n", encoding="utf-8")
    result = new_with(book, path)
    assert_clean_exit(result, 1)
    stderr = result.stderr
    assert stderr.startswith(f"{path}:")
    line = int(stderr.split(":")[1])
    assert 3 <= line <= 5
    assert "YAML:" in stderr


def test_tabs_and_duplicate_keys_are_yaml_errors_not_crashes(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("identity:\n\tname: Budi\n", encoding="utf-8")
    result = new_with(book, path)
    assert_clean_exit(result, 1)
    assert f"{path}:2: YAML:" in result.stderr


def test_bad_json_answers_file_shows_the_line(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{\n  "identity": {\n    "name": "Budi",\n  }\n}\n', encoding="utf-8")
    result = new_with(book, path)
    assert_clean_exit(result, 1)
    assert result.stderr.startswith(f"{path}:4: JSON:")


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("- satu\n- dua\n", "mapping"),
        ("just text\n", "mapping"),
        ("42\n", "mapping"),
    ],
)
def test_answers_file_that_is_not_a_document(book: Book, tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(content, encoding="utf-8")
    result = new_with(book, path)
    assert_clean_exit(result, 1)
    assert needle in result.stderr


def test_empty_answers_file_lists_what_is_missing(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    result = new_with(book, path)
    assert_clean_exit(result, 1)
    assert "identity, legal, assignment" in result.stderr


def test_missing_answers_file(book: Book, tmp_path: Path) -> None:
    result = new_with(book, tmp_path / "tidak-ada.yaml")
    assert_clean_exit(result, 1)
    assert result.stderr == f"Berkas tidak ada: {tmp_path / 'tidak-ada.yaml'}\n"
    result = new_with(book, tmp_path / "tidak-ada.yaml", lang="en")
    assert result.stderr == f"No such file: {tmp_path / 'tidak-ada.yaml'}\n"


def test_a_directory_instead_of_a_file(book: Book, tmp_path: Path) -> None:
    result = new_with(book, tmp_path)
    assert_clean_exit(result, 1)
    assert result.stderr == f"Bukan berkas, melainkan folder: {tmp_path}\n"


def test_a_binary_file(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = new_with(book, path)
    assert_clean_exit(result, 1)
    assert "UTF-8" in result.stderr


def test_validation_errors_in_english(book: Book, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.yaml", intake_answers(identity={"nik": "12345"}))
    result = new_with(book, path, lang="en")
    assert_clean_exit(result, 1)
    assert "identity.nik: NIK must have 16 digits (has 5)" in result.stderr
    result = new_with(book, path)
    assert "identity.nik: NIK harus 16 digit (tertulis 5)" in result.stderr


# -- cases, casebooks, flags ------------------------------------------------------------------------------


def test_unknown_case(book: Book) -> None:
    result = book.run("show", "2020-xyz-00000")
    assert_clean_exit(result, 1)
    assert result.stderr == "Kasus tidak ditemukan: 2020-xyz-00000. Cari menurut nama atau NIK: bapascase find 2020-xyz-00000\n"
    assert result.stdout == ""
    result = book.run("--lang", "en", "show", "2020-xyz-00000")
    assert result.stderr == "No such case: 2020-xyz-00000. Search by name or NIK: bapascase find 2020-xyz-00000\n"


def test_bad_lang_is_a_usage_error(book: Book) -> None:
    result = book.run("--lang", "jv", "list")
    assert_clean_exit(result, 2)
    assert "jv" in result.stderr and "id" in result.stderr and "en" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["tidak-ada"], ["show"], ["list", "--bogus"], ["due", "--days", "minggu"], ["schema"], ["new", "--answers"]],
)
def test_usage_errors_exit_2(book: Book, args: list[str]) -> None:
    result = book.run(*args)
    assert_clean_exit(result, 2)
    # click's fixed words in the user's language, never in English
    assert "Kesalahan: " in result.stderr
    assert "Usage" not in result.stderr and "Error" not in result.stderr


def test_broken_settings_file_is_a_data_error(book: Book) -> None:
    settings = book.root / "bapascase.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "officers: [\n", encoding="utf-8")
    result = book.run("due")
    assert_clean_exit(result, 1)
    assert result.stderr.startswith("bapascase.yaml:")
    assert "YAML:" in result.stderr


def test_broken_case_file(book: Book) -> None:
    case_id = book.new()
    book.case_file(case_id).write_text("identity: [\n", encoding="utf-8")
    assert_clean_exit(book.run("list"), 0)  # the caseload still lists
    result = book.run("show", case_id)
    assert_clean_exit(result, 1)
    assert result.stderr.startswith(f"cases/{case_id}/case.yaml:")
    assert_clean_exit(book.run("check"), 1)


# -- interrupts and internal errors -----------------------------------------------------------------------


def test_ctrl_c_in_a_read_command_exits_130(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("bapascase.store.index.iter_index", interrupted)
    result = book.run("list")
    assert_clean_exit(result, 130)
    assert result.stderr == "Dibatalkan.\n"


def test_internal_errors_show_no_traceback_and_no_data(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "1271051205900003 Budi Zulkarnain Ginting"

    def bug(*args: object, **kw: object) -> None:
        raise ValueError(secret)

    monkeypatch.setattr("bapascase.store.index.iter_index", bug)
    result = book.run("list")
    assert_clean_exit(result, 70)  # a bug, distinct from the user's errors (1)
    assert result.stderr.count("\n") == 1
    assert "ValueError" in result.stderr
    assert secret not in result.output
    assert "Traceback" not in result.output


def test_debug_variable_shows_the_real_exception(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bapascase.store.index.iter_index", lambda *a, **k: 1 / 0)
    monkeypatch.setenv("BAPASCASE_DEBUG", "1")
    result = book.run("list")
    assert isinstance(result.exception, ZeroDivisionError)


# -- the real process: exit codes as a shell sees them ----------------------------------------------------


def test_exit_codes_of_the_real_process(book: Book, tmp_path: Path) -> None:
    ok = run_module(["-C", str(book.root), "list"])
    assert ok.returncode == 0, ok.stderr
    user = run_module(["-C", str(book.root), "show", "tidak-ada"])
    assert user.returncode == 1
    assert user.stderr == "Kasus tidak ditemukan: tidak-ada. Cari menurut nama atau NIK: bapascase find tidak-ada\n"
    usage = run_module(["-C", str(book.root), "perintah-aneh"])
    assert usage.returncode == 2
    bad_lang = run_module(["--lang", "xx", "-C", str(book.root), "list"])
    assert bad_lang.returncode == 2
    assert "Traceback" not in bad_lang.stderr
    path = tmp_path / "a.yaml"
    path.write_text("identity: {name: [\n", encoding="utf-8")
    bad_yaml = run_module(["-C", str(book.root), "new", "--answers", str(path), "--no-input"])
    assert bad_yaml.returncode == 1
    assert bad_yaml.stderr.startswith(f"{path}:")
    assert "Traceback" not in bad_yaml.stderr


def test_help_and_version_exit_0() -> None:
    for args in (["--help"], ["-h"], ["--version"], ["list", "--help"], ["new", "-h"]):
        result = invoke(args)
        assert_clean_exit(result, 0)
    assert invoke(["--version"]).stdout.startswith("bapascase ")


def test_help_is_indonesian_by_default_and_english_on_request() -> None:
    id_help = invoke(["--help"]).stdout
    en_help = invoke(["--lang", "en", "--help"]).stdout
    assert "Registrasi klien baru" in id_help
    assert "Register a new client (intake)." in en_help
    assert invoke(["--help"], env={"BAPASCASE_LANG": "en"}).stdout == en_help


# -- hand-broken case files never break the caseload ------------------------------------------------------

BROKEN = {
    "a list": "- Budi\n- Siti\n",
    "text parts": "identity: Budi\nlegal: PB\nassignment: 3\n",
    "wrong leaves": "identity:\n  name: 5\n  aliases: Ucok\nlegal:\n  articles: [1, 2]\n  supervision_end: kemarin\n",
    "impossible dates": "intake_date: 2026-02-30\nidentity:\n  name: Budi\n  birth_date: 1990-13-45\n",
    "empty": "",
    "only a comment": "# nanti diisi\n",
}


@pytest.mark.parametrize("content", list(BROKEN.values()), ids=list(BROKEN))
def test_one_hand_broken_case_never_breaks_the_caseload(book: Book, content: str) -> None:
    good = book.new()
    broken = book.cases / "2026-rusak-aaaaa"
    broken.mkdir()
    (broken / "case.yaml").write_text(content, encoding="utf-8")
    listed = book.run("list", "--json")
    assert_clean_exit(listed, 0)
    assert {c["id"] for c in json.loads(listed.stdout)["cases"]} == {good, broken.name}
    for args in (["list"], ["show", good], ["find", "budi"], ["due"], ["stats"]):
        assert_clean_exit(book.run(*args), 0)
    # the case itself is shown while its file is a document, however wrong; one that holds none (a list, nothing)
    # is refused as report refuses it, with check's line
    no_document = content in (BROKEN["a list"], BROKEN["empty"], BROKEN["only a comment"])
    shown = book.run("show", broken.name)
    assert_clean_exit(shown, 1 if no_document else 0)
    if no_document:
        assert shown.stderr.startswith("cases/2026-rusak-aaaaa/case.yaml:1: "), shown.stderr
    checked = book.run("check")
    assert_clean_exit(checked, 1)
    assert all(line.startswith("cases/2026-rusak-aaaaa/case.yaml") for line in checked.stderr.splitlines()[:-1])


def test_an_impossible_date_in_a_case_file_is_reported_at_its_line(book: Book) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    path.write_text(path.read_text(encoding="utf-8").replace("sk_date: 2026-02-20", "sk_date: 2026-02-30"),
                    encoding="utf-8")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("sk_date:"))
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert f"cases/{case_id}/case.yaml:{line}: legal.sk_date: tanggal '2026-02-30' tidak ada di kalender" in (
        result.stderr)
    assert_clean_exit(book.run("show", case_id), 0)


def test_a_failed_git_commit_keeps_the_saved_case_and_warns(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    from bapascase.errors import UserError

    def refuse(*args: object, **kw: object) -> bool:
        raise UserError("err.git", message="gpg failed to sign the data")

    monkeypatch.setattr("bapascase.store.git.commit_paths", refuse)
    path = write_answers(book.root.parent / "a.yaml", intake_answers())
    result = book.run("new", "--answers", str(path), "--no-input", "--json")
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    assert data["committed"] is False
    assert (book.root / data["path"]).is_file()
    assert "Tersimpan, tetapi belum di-commit ke git: git gagal: gpg failed to sign the data" in result.stderr


def test_a_failed_write_leaves_no_empty_case_folder(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    path = write_answers(book.root.parent / "a.yaml", intake_answers())
    monkeypatch.setattr(os, "replace", disk_full)
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert result.stderr == "Sistem berkas menolak: disk penuh\n"
    assert [p for p in book.cases.iterdir() if p.is_dir()] == []


def test_a_read_only_casebook_is_a_plain_error(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kw: object) -> None:
        raise PermissionError(13, "Permission denied", str(book.cases / "x"))

    monkeypatch.setattr("bapascase.store.index.iter_index", denied)
    result = book.run("list")
    assert_clean_exit(result, 1)
    assert result.stderr == f"Berkas tidak dapat dibaca atau ditulis: {book.cases / 'x'} (tidak ada izin)\n"


@pytest.mark.parametrize(("lang", "line"), [("id", "Sistem berkas menolak: disk penuh"),
                                            ("en", "The file system refused: no space left on the disk")])
def test_a_full_disk_is_said_in_the_users_language(lang: str, line: str) -> None:
    """``bapascase list > /dev/full``: the system's reason in the user's language, not ``No space left on
    device`` inside an Indonesian sentence."""
    import subprocess
    import sys

    from tests.helpers import ROOT, test_environ

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "bapascase", "--lang", lang, "-C", str(ROOT), "list"],
                              stdout=full, stderr=subprocess.PIPE, text=True, env=test_environ(), timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == line


def test_a_reason_no_catalog_words_is_the_systems_own() -> None:
    import errno

    from bapascase.errors import os_reason

    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"
    assert os_reason(OSError("no errno")) == "OSError"
