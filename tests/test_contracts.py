"""The contracts every command keeps: named exit statuses (0, 1, 2, 70, 130) with one readable line, a language
that can never be mistaken for a message value, and English plurals that agree with their count."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bapascase.errors import ExitStatus, UsageError, UserError
from bapascase.i18n import catalog, format_message, t
from tests.helpers import Book, assert_clean_exit, invoke, run_module, test_environ

# -- exit statuses ---------------------------------------------------------------------------------------------


def test_exit_statuses_are_the_contracts_numbers() -> None:
    assert [int(s) for s in (ExitStatus.OK, ExitStatus.USER, ExitStatus.DATA, ExitStatus.USAGE,
                             ExitStatus.INTERNAL, ExitStatus.INTERRUPTED)] == [0, 1, 1, 2, 70, 130]
    assert UserError("err.unknown_case", case="x").exit_code is ExitStatus.USER
    assert UsageError("err.unknown_case", case="x").exit_code is ExitStatus.USAGE


def test_ok_is_0(book: Book) -> None:
    assert_clean_exit(book.run("list"), ExitStatus.OK)


def test_a_user_error_is_1_with_one_line(book: Book) -> None:
    result = book.run("show", "tidak-ada")
    assert_clean_exit(result, ExitStatus.USER)
    assert result.stderr == "Kasus tidak ditemukan: tidak-ada. Cari menurut nama atau NIK: bapascase find tidak-ada\n"


def test_a_usage_error_is_2(book: Book) -> None:
    assert_clean_exit(book.run("perintah-aneh"), ExitStatus.USAGE)
    assert_clean_exit(book.run("list", "--stage", "tidur"), ExitStatus.USAGE)


@pytest.mark.parametrize(("where", "command"), [("store.index.iter_index", "list"), ("model.derive.age", "show")])
def test_a_bug_is_70_with_one_line_and_no_case_data(book: Book, monkeypatch: pytest.MonkeyPatch, where: str,
                                                     command: str) -> None:
    book.new()
    secret = "Budi Zulkarnain Ginting 1271051205900003"

    def bug(*args: object, **kw: object) -> None:
        raise KeyError(secret)

    monkeypatch.setattr(f"bapascase.{where}", bug)
    for args in ([command, "bzg"] if command == "show" else [command],):
        result = book.run(*args)
        assert_clean_exit(result, ExitStatus.INTERNAL)
        assert result.stderr.splitlines() == ["Kesalahan internal bapascase (KeyError). Laporkan ke pengembang; "
                                              "data Anda tidak berubah."]
        assert secret not in result.output


def test_a_message_that_cannot_be_rendered_is_a_bug_not_a_traceback(book: Book, monkeypatch: pytest.MonkeyPatch
                                                                     ) -> None:
    def wrong_values(*args: object, **kw: object) -> None:
        raise UserError("err.unknown_case", kasus="x")  # the message needs {case}

    monkeypatch.setattr("bapascase.store.index.iter_index", wrong_values)
    result = book.run("list")
    assert_clean_exit(result, ExitStatus.INTERNAL)
    assert "KeyError" in result.stderr


def test_interrupted_is_130(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("bapascase.store.index.iter_index", interrupted)
    result = book.run("list")
    assert_clean_exit(result, ExitStatus.INTERRUPTED)
    assert result.stderr == "Dibatalkan.\n"


BUGGY_RUNNER = """
import sys
import bapascase.store.index as index
def bug(*a, **k):
    raise RuntimeError("Budi Zulkarnain Ginting")
index.iter_index = bug
from bapascase.cli.main import run
run(sys.argv[1:])
"""


def test_a_bug_in_the_real_process_exits_70(book: Book) -> None:
    proc = subprocess.run([sys.executable, "-c", BUGGY_RUNNER, "-C", str(book.root), "list"],
                          capture_output=True, text=True, env=test_environ(), timeout=60)
    assert proc.returncode == 70
    assert proc.stderr.splitlines() == ["Kesalahan internal bapascase (RuntimeError). Laporkan ke pengembang; "
                                        "data Anda tidak berubah."]
    assert "Budi" not in proc.stderr + proc.stdout


# -- the language is never a message value ----------------------------------------------------------------------


def test_the_language_is_positional_and_checked() -> None:
    assert t("err.interrupted", "en") == "Cancelled."
    assert t("err.bad_lang", "en", value="xx") == "Unknown language: xx (choose id or en)."
    with pytest.raises(ValueError):
        t("err.interrupted", "xx")
    with pytest.raises(TypeError):
        t("err.interrupted", lang="en")  # a keyword is a message value; 'lang' is never one


def test_report_with_an_unknown_language_is_a_usage_error(book: Book) -> None:
    case_id = book.new()
    result = book.run("report", case_id, "--lang", "xx")
    assert_clean_exit(result, ExitStatus.USAGE)
    assert result.stderr == "Bahasa tidak dikenal: xx (pilih id atau en).\n"


def test_report_with_an_unknown_language_in_the_real_process(book: Book) -> None:
    case_id = book.new()
    proc = run_module(["-C", str(book.root), "report", case_id, "--lang", "xx"])
    assert proc.returncode == 2
    assert proc.stderr == "Bahasa tidak dikenal: xx (pilih id atau en).\n"


# -- plurals ------------------------------------------------------------------------------------------------------


def test_english_plurals_follow_the_count() -> None:
    assert t("check.problems", "en", n=1) == "1 problem found."
    assert t("check.problems", "en", n=2) == "2 problems found."
    assert t("check.problems", "en", n=0) == "0 problems found."
    assert t("due.in_days", "en", n=1) == "in 1 day"
    assert t("due.in_days", "en", n=5) == "in 5 days"
    assert t("check.ok", "en", files=1, cases=2) == "Casebook valid: 1 file, 2 cases."
    assert t("check.ok", "en", files=3, cases=1) == "Casebook valid: 3 files, 1 case."


def test_indonesian_has_no_plural_forms() -> None:
    assert t("check.problems", "id", n=1) == "1 masalah ditemukan."
    assert t("check.problems", "id", n=2) == "2 masalah ditemukan."
    assert [k for k, v in catalog("id").items() if "|" in "".join(
        spec for _, _, spec, _ in __import__("string").Formatter().parse(v) if spec)] == []


def test_every_english_plural_has_two_forms() -> None:
    import string

    for key, text in catalog("en").items():
        for _, name, spec, _ in string.Formatter().parse(text):
            if spec and "|" in spec:
                one, other = spec.split("|")
                assert one and other and name, key
                assert format_message(text, **{n: 1 for _, n, _, _ in string.Formatter().parse(text) if n})


def test_one_problem_in_check_is_singular(book: Book) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    path.write_text(path.read_text(encoding="utf-8").replace("sex: L", "sex: X", 1), encoding="utf-8")
    result = book.run("--lang", "en", "check")
    assert_clean_exit(result, ExitStatus.DATA)
    assert result.stderr.splitlines()[-1] == "1 problem found."


def test_due_and_show_count_days_in_the_singular(tmp_path: Path) -> None:
    from tests.helpers import intake_answers, make_casebook

    book = make_casebook(tmp_path / "cb")
    # supervision ends tomorrow: one day left, and one day until it is due
    case_id = book.new(intake_answers(legal={"supervision_end": "2026-06-16"}))
    show = book.run("--lang", "en", "show", case_id)
    assert_clean_exit(show, 0)
    assert re.search(r"Supervision left +1 day\b", show.stdout) and "1 days" not in show.stdout
    due = book.run("--lang", "en", "due")
    assert_clean_exit(due, 0)
    assert "in 1 day " in due.stdout and "1 days" not in due.stdout
    data = json.loads(invoke(["--lang", "en", "due", "--json"], casebook=book.root).stdout)
    assert any(item["kind"] == "prepare_closing" and item["days"] == 1 for item in data["items"])


def test_a_sentence_is_counted_from_the_catalogs() -> None:
    from bapascase.model.text import sentence

    assert sentence(1, 1, "en") == "1 year 1 month"
    assert sentence(12, 6, "en") == "12 years 6 months"
    assert sentence(1, 1, "id") == "1 Tahun 1 Bulan"
    assert sentence(0, 0, "id") == "-"
