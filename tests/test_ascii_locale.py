"""An officer on a machine whose locale is ASCII: an old ssh server, a cron job, ``LANG=C`` with Python's UTF-8
coercion off (as on a Windows console with a legacy code page). A client named "Ñoño Éxito" must not turn every
caseload command into an internal error (exit 70): text output shows "?" for what the stream cannot say, JSON
escapes it (the same data, exactly), and what the officer types (UTF-8 bytes from the terminal) is read as typed.
Also: the JSON file ``export`` writes carries the version its stdout form has, and a wrong programme is a usage
error, as a wrong stage is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.helpers import Book, assert_clean_exit, intake_answers, test_environ

NAME = "Ñoño Éxito"


def as_json(result: Any) -> dict[str, Any]:
    assert_clean_exit(result, 0)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def ascii_environ(book: Book) -> dict[str, str]:
    """The environment of an ASCII locale, Python's UTF-8 coercion off, the casebook given."""
    env = test_environ({"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0",
                        "BAPASCASE_CASEBOOK": str(book.root)})
    env.pop("PYTHONIOENCODING", None)
    return env


def ascii_run(book: Book, *args: str) -> tuple[int, str, str]:
    """``python -m bapascase ARGS`` with an ASCII locale; stdout and stderr as bytes decoded leniently."""
    env = ascii_environ(book)
    done = subprocess.run([sys.executable, "-m", "bapascase", *args], env=env, capture_output=True, timeout=60)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def with_client(book: Book) -> str:
    return book.new(intake_answers(identity={"name": NAME, "sex": "L", "nik": "1271051205900003"}))


def test_every_caseload_command_works_in_an_ascii_locale(book: Book) -> None:
    case_id = with_client(book)
    assert case_id.split("-")[1] == "ne"  # the initials keep their base letters
    for args in (["list"], ["list", "--all"], ["show", case_id], ["due"], ["stats"], ["find", "Xito"],
                 ["export", "--format", "csv"], ["history", case_id]):
        code, out, err = ascii_run(book, *args)
        assert code == 0, (args, code, err)
        assert "Traceback" not in err and "UnicodeEncodeError" not in err, (args, err)
    code, out, _err = ascii_run(book, "show", case_id)
    assert "?o?o ?xito" in out


def test_json_stays_exact_in_an_ascii_locale(book: Book) -> None:
    case_id = with_client(book)
    for args in (["list", "--json"], ["show", case_id, "--json"], ["export", "--format", "json"]):
        code, out, err = ascii_run(book, *args)
        assert code == 0, (args, err)
        assert out.isascii()
        assert NAME in json.dumps(json.loads(out), ensure_ascii=False)  # escaped, not lost
    code, out, _err = ascii_run(book, "list", "--json")
    assert [c["name"] for c in json.loads(out)["cases"]] == [NAME]


def test_typed_utf8_is_read_as_typed_in_an_ascii_locale(book: Book) -> None:
    case_id = with_client(book)
    env = ascii_environ(book)
    # the terminal sends UTF-8 bytes whatever the locale says
    argv = [os.fsencode(a) for a in (sys.executable, "-m", "bapascase", "lapor", case_id, "--absent")]
    argv += [b"--note", "Ñoño sakit, surat dokter menyusul".encode()]
    done = subprocess.run(argv, env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    saved = [p.read_text(encoding="utf-8") for p in (book.cases / case_id / "monitoring").glob("*.yaml")]
    assert any("Ñoño sakit, surat dokter menyusul" in text for text in saved)
    found = subprocess.run([os.fsencode(sys.executable), b"-m", b"bapascase", b"find", "Éxito".encode()],
                           env=env, capture_output=True, timeout=60)
    assert found.returncode == 0 and case_id in found.stdout.decode("utf-8", "replace")


def test_bytes_that_are_not_utf8_are_one_readable_line_in_indonesian(book: Book) -> None:
    case_id = with_client(book)
    env = ascii_environ(book)
    argv = [os.fsencode(a) for a in (sys.executable, "-m", "bapascase", "lapor", case_id, "--absent", "--note")]
    done = subprocess.run([*argv, b"sakit \xff\xfe"], env=env, capture_output=True, timeout=60)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "bukan teks yang sah" in err and "Input should be" not in err


def test_a_kind_of_validation_error_no_catalog_words_is_still_said_in_the_users_language() -> None:
    from bapascase.i18n import set_lang
    from bapascase.model.validation import explain

    set_lang("id")
    found = explain({"type": "decimal_max_places", "loc": ("hours",), "msg": "Decimal input should have...",
                     "input": "1.123", "ctx": {"decimal_places": 2}})
    assert found.message == "nilai tidak sah (decimal_max_places)"
    set_lang("en")
    try:
        assert explain({"type": "string_unicode", "loc": ("notes",), "msg": "Input should be a valid string",
                        "input": "\udcff"}).message.startswith("is not valid text")
    finally:
        set_lang("id")


def test_the_json_file_export_writes_is_the_versioned_document_stdout_gets(book: Book, tmp_path: Path) -> None:
    with_client(book)
    target = tmp_path / "kasus.json"
    assert_clean_exit(book.run("export", "--format", "json", "-o", str(target)), 0)
    on_stdout = as_json(book.run("export", "--format", "json"))
    assert json.loads(target.read_text(encoding="utf-8")) == on_stdout
    assert on_stdout["version"] == 1


def test_an_unknown_programme_is_a_usage_error_naming_the_programmes(book: Book) -> None:
    with_client(book)
    result = book.run("list", "--programme", "XYZ")
    assert_clean_exit(result, 2)
    assert "Program tidak dikenal: XYZ" in result.stderr and "pidana_kerja_sosial" in result.stderr
    assert_clean_exit(book.run("list", "--programme", "pb"), 0)  # the codes are matched without case
