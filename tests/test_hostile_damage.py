"""Damaged files meet every reader: ``check`` lists every problem of every case in one run, the caseload
commands warn when they had to leave files out, the stage commands never replace an officer's text they cannot
read as a document (QA of hostile input)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import Result

from bapascase.errors import UserError
from tests.helpers import ROOT, Book, assert_clean_exit
from tests.stage_helpers import BZG, FCS, HCL, NCP, RCP, SCL, answers, demo_book, record, through

CONFLICT = "<<<<<<< HEAD\ndate: 2026-01-01\n=======\ndate: 2026-01-02\n>>>>>>> theirs\n"


def _damage(book: Book, outside: Path) -> list[str]:
    """Several damaged files, each one another rule of its case reads again; the files' paths, as check says."""
    cases = book.cases
    (cases / NCP / "plan.yaml").write_text(CONFLICT, encoding="utf-8")  # monitoring and interventions read it
    (cases / FCS / "case.yaml").write_text(CONFLICT, encoding="utf-8")  # service and assessment read it
    (cases / BZG / "plan.yaml").unlink()
    (cases / BZG / "plan.yaml").mkdir()  # a folder where the plan should be
    (cases / HCL / "case.yaml").write_bytes(bytes(range(256)) * 4)  # binary
    (cases / RCP / "case.yaml").write_text("- a\n- b\n", encoding="utf-8")  # valid YAML, not a document
    outside.write_text("legal: {programme: PB}\n", encoding="utf-8")
    (cases / SCL / "case.yaml").unlink()
    (cases / SCL / "case.yaml").symlink_to(outside)  # leads out of the case: never read
    return [f"cases/{c}/{f}" for c, f in ((NCP, "plan.yaml"), (FCS, "case.yaml"), (BZG, "plan.yaml"),
                                           (HCL, "case.yaml"), (RCP, "case.yaml"), (SCL, "case.yaml"))]


@pytest.mark.parametrize("full", [False, True], ids=["stamped", "full"])
def test_check_lists_every_damaged_file_of_every_case_in_one_run(tmp_path: Path, full: bool) -> None:
    book = demo_book(tmp_path)
    assert_clean_exit(book.run("check"), 0)  # stamps written: the stamped path is the one an office runs
    damaged = _damage(book, tmp_path / "outside.yaml")
    result = book.run("check", *(["--full"] if full else []))
    assert_clean_exit(result, 1)
    for path in damaged:
        assert path in result.stderr, (path, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.startswith("cases/")]
    for path in damaged:  # each file's own problem once, not again for every rule that read it
        assert sum(line.startswith(f"{path}:") and "commit" not in line for line in lines) == 1, (path, lines)
    for line in lines:  # the line names its file once: "case.yaml: Berkas tidak dapat dibaca ...", not twice
        assert line.count("cases/") == 1, line
    assert "masalah ditemukan" in result.output
    assert "Traceback" not in result.output


def test_check_with_several_processes_lists_every_damaged_file(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAPASCASE_JOBS", "2")
    book = demo_book(tmp_path)
    damaged = _damage(book, tmp_path / "outside.yaml")
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert all(path in result.stderr for path in damaged), result.stderr
    assert f"{len(damaged)} masalah ditemukan" in result.output or "masalah ditemukan" in result.output


# -- a stage file that holds no document is never replaced ------------------------------------------------------

NOT_A_DOCUMENT = {
    "list": "- catatan penting PK: klien pindah ke Binjai\n- kontrak belum ditandatangani\n",
    "text": "klien pindah ke Binjai, kontrak belum ditandatangani\n",
    "comments": "# catatan PK: klien pindah ke Binjai\n# kontrak belum ditandatangani\n",
    "null": "~  # catatan PK: belum diisi\n",
}


@pytest.mark.parametrize("content", list(NOT_A_DOCUMENT), ids=list(NOT_A_DOCUMENT))
@pytest.mark.parametrize(("command", "name"), [("engage", "engagement.yaml"), ("plan", "plan.yaml")])
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_a_stage_file_that_is_no_document_is_refused_never_replaced(book: Book, command: str, name: str,
                                                                    content: str, force: bool) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    path = book.cases / case_id / name
    path.write_text(NOT_A_DOCUMENT[content], encoding="utf-8")
    result = record(book, command, case_id, answers(command), *(["--force"] if force else []))
    assert_clean_exit(result, 1)
    assert result.stderr.startswith(f"cases/{case_id}/{name}:1: "), result.stderr
    assert "bapascase edit" in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert path.read_text(encoding="utf-8") == NOT_A_DOCUMENT[content]  # the officer's text, untouched


def test_a_blank_stage_file_is_recorded_over(book: Book) -> None:
    """Nothing to lose: a file with only blank lines is written as a new one would be."""
    case_id = book.new()
    through(book, case_id, "engage")
    path = book.cases / case_id / "engagement.yaml"
    path.write_text("\n  \n", encoding="utf-8")
    assert_clean_exit(record(book, "engage", case_id, answers("engage")), 0)
    assert "rapport:" in path.read_text(encoding="utf-8")


def test_writing_over_a_file_that_is_no_document_is_refused_for_every_writer(tmp_path: Path) -> None:
    """The one writer of files updated in place (``write_yaml``) refuses, whoever calls it."""
    from bapascase.errors import DataError
    from bapascase.store.casebook import write_yaml

    for content in [*NOT_A_DOCUMENT.values(), CONFLICT, "caf\xe9\n"]:
        path = tmp_path / "doc.yaml"
        path.write_bytes(content.encode("latin-1") if "\xe9" in content else content.encode("utf-8"))
        before = path.read_bytes()
        with pytest.raises((DataError, UserError)):
            write_yaml(path, {"date": "2026-01-01"}, shown="doc.yaml")
        assert path.read_bytes() == before


# -- the caseload commands say when they had to leave files out --------------------------------------------------

READ_COMMANDS = [["list"], ["list", "--all", "--json"], ["due"], ["due", "--json"], ["stats"], ["find", "ginting"],
                 ["dashboard", "-o", "{tmp}/dasbor.html"]]


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "bapascase check" in line]


def test_caseload_commands_warn_once_when_case_files_cannot_be_read(tmp_path: Path) -> None:
    book = demo_book(tmp_path)
    def run(args: list[str]) -> Result:
        return book.run(*(a.replace("{tmp}", str(tmp_path)) for a in args))

    for args in READ_COMMANDS:  # warm index, nothing to say
        result = run(args)
        assert_clean_exit(result, 0)
        assert not _warnings(result.stderr), (args, result.stderr)
    latest = sorted((book.cases / BZG / "monitoring").iterdir())[-1]
    latest.write_text(CONFLICT, encoding="utf-8")  # the entry that says the client reported
    (book.cases / NCP / "case.yaml").write_text("- a\n- b\n", encoding="utf-8")
    for _run in range(2):  # cold for these cases, then from the index's rows
        for args in READ_COMMANDS:
            result = run(args)
            assert_clean_exit(result, 0)
            said = _warnings(result.stderr)
            assert len(said) == 1 and said[0].startswith("Peringatan: 2 berkas"), (args, result.stderr)
            assert "Traceback" not in result.output
    result = book.run("--lang", "en", "due")
    assert _warnings(result.stderr) == [
        "Warning: 2 case files could not be read; what they hold was left out (the cases are still shown, without "
        "it); run `bapascase check`"]
    latest.unlink()
    (book.cases / NCP / "case.yaml").unlink()
    shutil.copy2(ROOT / "cases" / NCP / "case.yaml", book.cases / NCP / "case.yaml")
    for args in READ_COMMANDS:  # mended: nothing to say again
        assert not _warnings(run(args).stderr), args


@pytest.mark.parametrize("content", ["- a\n- b\n", "just a text\n", "", "# only a note\n", CONFLICT])
def test_show_refuses_a_case_whose_case_file_is_no_document(tmp_path: Path, content: str) -> None:
    book = demo_book(tmp_path)
    (book.cases / BZG / "case.yaml").write_text(content, encoding="utf-8")
    for args in (["show", BZG], ["show", BZG, "--json"]):
        result = book.run(*args)
        assert_clean_exit(result, 1)
        assert result.stderr.startswith(f"cases/{BZG}/case.yaml:"), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stdout == ""


def test_show_refuses_a_case_with_any_file_that_is_no_document(tmp_path: Path) -> None:
    book = demo_book(tmp_path)
    latest = sorted((book.cases / BZG / "monitoring").iterdir())[-1]
    latest.write_text("- hadir\n- tepat waktu\n", encoding="utf-8")
    result = book.run("show", BZG)
    assert_clean_exit(result, 1)
    assert result.stderr.startswith(f"cases/{BZG}/monitoring/{latest.name}:1: "), result.stderr


# -- one line, whatever a name holds ------------------------------------------------------------------------------


def test_a_case_id_or_folder_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    book = demo_book(tmp_path)
    result = book.run("show", "bzg\nx")
    assert_clean_exit(result, 1)
    assert result.stderr.strip().count("\n") == 0 and "bzg\\nx" in result.stderr, result.stderr
    (book.cases / "2026-nl\nx-aaaaa").mkdir()
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert "cases/2026-nl\\nx-aaaaa: " in result.stderr.splitlines()[0], result.stderr


@pytest.mark.parametrize("place", ["empty", "link"])
def test_check_of_an_empty_cases_folder_is_no_internal_error(book: Book, tmp_path: Path, place: str) -> None:
    """A ``cases/`` with nothing in it (``.gitkeep`` deleted, or a link to the office's empty folder): ``check``
    said "internal error (ZeroDivisionError)" where it shows its progress."""
    shutil.rmtree(book.cases)
    if place == "empty":
        book.cases.mkdir()
    else:
        (tmp_path / "office-cases").mkdir()
        book.cases.symlink_to(tmp_path / "office-cases")
    from unittest import mock

    from bapascase.store.forkmap import fork_map

    def with_progress(work: object, items: object, n: object = None, progress: object = None,
                      meanwhile: object = None) -> object:
        return fork_map(work, items, n=n, progress=progress or (lambda done, total: None),  # type: ignore[arg-type]
                        meanwhile=meanwhile)  # type: ignore[arg-type]

    with mock.patch("bapascase.store.forkmap.fork_map", with_progress):
        result = book.run("check")
    assert result.exit_code in (0, 1), result.stderr
    assert_clean_exit(result, result.exit_code)
    assert "internal" not in result.stderr.lower() and "internal" not in result.stdout.lower()


@pytest.mark.parametrize("committed", [False, True], ids=["saved", "committed"])
@pytest.mark.parametrize("rel", [b"monitoring/caf\xe9.yaml", b"caf\xe9.yaml"], ids=["entry", "top"])
def test_a_file_name_that_is_not_utf8_in_a_case_folder_is_no_internal_error(book: Book, committed: bool,
                                                                           rel: bytes) -> None:
    """A Latin-1 file name (copied from a Windows share) in a case folder: ``list`` (the index could not keep its
    stamp: UnicodeEncodeError) and ``check`` (git's status of it could not be decoded: UnicodeDecodeError) said
    "internal error"."""
    import os
    import subprocess

    case_id = book.new()
    path = os.path.join(os.fsencode(book.cases / case_id), rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(b"date: 2026-03-10\n")
    if committed:
        subprocess.run(["git", "-C", str(book.root), "add", "-A"], check=True, capture_output=True)
        subprocess.run(["git", "-C", str(book.root), "-c", "user.name=x", "-c", "user.email=x@example.org", "commit",
                        "-qm", "copied"], check=True, capture_output=True)
    for args in (["list"], ["check"], ["show", case_id], ["due"], ["find", "Budi"], ["history", case_id]):
        result = book.run(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert_clean_exit(result, result.exit_code)
    assert case_id in book.run("list").stdout
