"""Finding the casebook like git finds a repository: --casebook/-C, BAPASCASE_CASEBOOK, nearest parent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bapascase.errors import UserError
from bapascase.store.casebook import discover
from bapascase.store.discovery import casebook_language
from tests.helpers import Book, assert_clean_exit, invoke, make_casebook


def _ids(result: object) -> list[str]:
    return [c["id"] for c in json.loads(result.stdout)["cases"]]  # type: ignore[attr-defined]


def test_explicit_option_wins(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "cases").mkdir(parents=True)
    (b / "cases").mkdir(parents=True)
    assert discover(str(a), {"BAPASCASE_CASEBOOK": str(b)}, cwd=b) == a.resolve()


def test_environment_variable_next(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "cases").mkdir(parents=True)
    (b / "cases").mkdir(parents=True)
    assert discover(None, {"BAPASCASE_CASEBOOK": str(b)}, cwd=a) == b.resolve()


def test_nearest_parent_with_settings_file(tmp_path: Path) -> None:
    (tmp_path / "bapascase.yaml").write_text("office:\n  name: X\n", encoding="utf-8")
    deep = tmp_path / "cases" / "2026-bzg-abcde" / "monitoring"
    deep.mkdir(parents=True)
    assert discover(None, {}, cwd=deep) == tmp_path.resolve()


def test_nearest_parent_with_cases_folder_only(tmp_path: Path) -> None:
    (tmp_path / "outer" / "bapascase.yaml").parent.mkdir()
    (tmp_path / "outer" / "bapascase.yaml").write_text("office:\n  name: X\n", encoding="utf-8")
    inner = tmp_path / "outer" / "inner"
    (inner / "cases").mkdir(parents=True)
    (inner / "notes").mkdir()
    assert discover(None, {}, cwd=inner / "notes") == inner.resolve()


def test_a_file_named_cases_is_not_a_casebook(tmp_path: Path) -> None:
    (tmp_path / "cases").write_text("not a folder", encoding="utf-8")
    with pytest.raises(UserError) as info:
        discover(None, {}, cwd=tmp_path)
    assert info.value.key == "err.no_casebook"


def test_missing_explicit_or_env_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        discover(str(tmp_path / "nope"), {})
    assert info.value.key == "err.casebook_missing"
    with pytest.raises(UserError) as info:
        discover(None, {"BAPASCASE_CASEBOOK": str(tmp_path / "nope")})
    assert info.value.key == "err.casebook_missing"


def test_read_language_without_a_yaml_parser(tmp_path: Path) -> None:
    (tmp_path / "bapascase.yaml").write_text("# komentar\nlanguage: 'en'  # English\n", encoding="utf-8")
    assert casebook_language(tmp_path) == "en"
    (tmp_path / "bapascase.yaml").write_text("office:\n  language: en\n", encoding="utf-8")
    assert casebook_language(tmp_path) == "id"  # a nested key is not the setting: the default
    assert casebook_language(tmp_path / "missing") is None


# -- through the CLI ------------------------------------------------------------------------------------


def test_cli_finds_the_casebook_from_a_subfolder(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = book.new()
    monkeypatch.chdir(book.cases / case_id)
    result = invoke(["list", "--json"])
    assert_clean_exit(result, 0)
    assert _ids(result) == [case_id]


def test_cli_uses_the_environment_variable(book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = book.new()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke(["list", "--json"], env={"BAPASCASE_CASEBOOK": str(book.root)})
    assert_clean_exit(result, 0)
    assert _ids(result) == [case_id]


def test_cli_option_beats_the_environment(book: Book, tmp_path: Path) -> None:
    other = make_casebook(tmp_path / "other", git=False)
    other_id = other.new()
    result = invoke(["-C", str(other.root), "list", "--json"], env={"BAPASCASE_CASEBOOK": str(book.root)})
    assert _ids(result) == [other_id]
    result = invoke(["--casebook", str(other.root), "list", "--json"], env={"BAPASCASE_CASEBOOK": str(book.root)})
    assert _ids(result) == [other_id]


def test_no_casebook_anywhere_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    for args in (["list"], ["show", "bzg"], ["check"], ["new", "--no-input"]):
        result = invoke(args)
        assert_clean_exit(result, 1)
        assert "Casebook tidak ditemukan" in result.stderr
        assert "bapascase init" in result.stderr
    result = invoke(["--lang", "en", "list"])
    assert_clean_exit(result, 1)
    assert "No casebook found" in result.stderr


def test_missing_casebook_folder_named_on_the_command_line(tmp_path: Path) -> None:
    result = invoke(["-C", str(tmp_path / "nope"), "list"])
    assert_clean_exit(result, 1)
    assert str(tmp_path / "nope") in result.stderr


def test_a_casebook_path_that_is_a_file_is_said_to_be_a_file(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    for args, env in ((["-C", str(afile), "list"], {}), (["list"], {"BAPASCASE_CASEBOOK": str(afile)}),
                      (["init", str(afile)], {})):
        result = invoke(args, env=env)
        assert_clean_exit(result, 1)
        assert result.stderr == f"{afile} adalah berkas, bukan folder casebook.\n", args
    assert afile.read_text(encoding="utf-8") == "x"


def test_casebook_language_setting_is_used(tmp_path: Path) -> None:
    book = make_casebook(tmp_path / "en-book", lang="en", git=False)
    assert "language: en" in (book.root / "bapascase.yaml").read_text(encoding="utf-8")
    result = book.run("show", "nobody")
    assert_clean_exit(result, 1)
    assert result.stderr == "No such case: nobody. Search by name or NIK: bapascase find nobody\n"
    result = book.run("--lang", "id", "show", "nobody")
    assert result.stderr == "Kasus tidak ditemukan: nobody. Cari menurut nama atau NIK: bapascase find nobody\n"


def test_a_folder_named_that_is_no_casebook_is_an_error_and_is_left_alone(book: Book, tmp_path: Path) -> None:
    """QA9 F4: ``-C`` or ``BAPASCASE_CASEBOOK`` naming the ``cases/`` folder, an empty folder or ``/etc`` said "no
    cases" or "nothing due" with exit 0, and made a ``.bapascase/`` there."""
    book.new()
    empty = tmp_path / "empty"
    empty.mkdir()
    for folder in (book.cases, empty):
        for args, env in ((["-C", str(folder), "due"], {}), (["list"], {"BAPASCASE_CASEBOOK": str(folder)}),
                          (["--lang", "en", "-C", str(folder), "stats"], {})):
            result = invoke(args, env=env)
            assert_clean_exit(result, 1)
            assert len(result.stderr.strip().splitlines()) == 1
            assert f"{folder} bukan casebook" in result.stderr or f"{folder} is not a casebook" in result.stderr
        assert not (folder / ".bapascase").exists()
    with pytest.raises(UserError) as info:
        discover(str(empty), {})
    assert info.value.key == "err.not_a_casebook"
    assert_clean_exit(invoke(["init", str(empty)]), 0)  # init makes one there
    assert_clean_exit(invoke(["-C", str(empty), "due"]), 0)
