"""Symbolic links (git carries them) never carry a read or a write out of a case or the casebook, and ``report``
writes only where it should.

The whole class: every folder a case may hold (each stage's folder from the registry, ``reports/``,
``attachments/``) and every file a stage keeps, as a link to a place outside holding a secret; every writing
command and every reading command (``show``, ``list``, ``find``, ``due``, ``report``, ``check``) run against it.
Nothing is written outside, nothing from outside is shown, ``check`` names each link. The casebook's own
``.bapascase/``, ``bapascase.yaml``, ``instruments/`` files and ``schemas/`` are held to the casebook the same way.

``report -o``: a symbolic link, a device, a FIFO or a folder is refused (as root too), never replaced or written
through; ``-o`` among the cases is refused except into a case's own ``reports/``; ``report --all -o cases/x``
makes no bogus case.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bapascase.model.registry import SPECS
from tests.helpers import Book, assert_clean_exit, intake_answers
from tests.stage_helpers import answers as stage_answers
from tests.stage_helpers import answers_file, record, through

SECRET = "RAHASIA-LUAR-5309"
FOLDERS = sorted({s.folder for s in SPECS if s.folder} | {"reports", "attachments"})
READERS = [["show", "{case}"], ["show", "{case}", "--json"], ["list", "--all", "--json"], ["find", "Budi", "--json"],
           ["due", "--json", "--days", "3000"], ["report", "{case}", "--kind", "case"], ["check"], ["check", "--json"]]


def _outside(tmp_path: Path) -> Path:
    """A folder outside the casebook holding stage-like files with a secret."""
    out = tmp_path / "outside"
    out.mkdir(exist_ok=True)
    (out / "2026-01-01.yaml").write_text(f"date: 2026-01-01\nnotes: {SECRET}\nsummary: {SECRET}\n", encoding="utf-8")
    return out


def _full_case(book: Book) -> str:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    return case_id


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_case_folder_linked_out_is_neither_read_nor_written(book: Book, tmp_path: Path, folder: str) -> None:
    case_id = _full_case(book)
    outside = _outside(tmp_path)
    before = sorted(p.name for p in outside.iterdir())
    link = book.cases / case_id / folder
    if link.exists():
        import shutil

        shutil.rmtree(link)
    link.symlink_to(outside, target_is_directory=True)
    # every writer that could write there
    for command in ("intervene", "monitor"):
        result = record(book, command, case_id, stage_answers(command))
        assert result.exit_code in (0, 1) and "Traceback" not in result.output
    # a report needs every document: one folder linked out stops it (and reports/ is never written through)
    assert_clean_exit(book.run("report", case_id, "--kind", "case", "--file"), 0 if folder == "attachments" else 1)
    book.run("assess", case_id, "--answers", str(answers_file(book, stage_answers("assess", date="2026-06-01"))),
             "--no-input")
    assert sorted(p.name for p in outside.iterdir()) == before, f"something was written through {folder}/"
    # every reader
    for args in READERS:
        result = book.run(*[a.format(case=case_id) for a in args])
        assert "Traceback" not in result.output and result.exit_code in (0, 1), (args, result.output)
        assert SECRET not in result.output, (args, folder)
    check = book.run("check")
    assert f"{case_id}/{folder}" in check.stderr


@pytest.mark.parametrize("name", ["case.yaml", "engagement.yaml", "plan.yaml"])
def test_a_stage_file_linked_out_is_not_read(book: Book, tmp_path: Path, name: str) -> None:
    case_id = _full_case(book)
    target = tmp_path / "secret.yaml"
    target.write_text(f"identity: {{name: {SECRET}}}\nrapport: {SECRET}\n", encoding="utf-8")
    path = book.cases / case_id / name
    path.unlink()
    path.symlink_to(target)
    for args in READERS:
        result = book.run(*[a.format(case=case_id) for a in args])
        assert "Traceback" not in result.output and result.exit_code in (0, 1), (args, result.output)
        assert SECRET not in result.output, args
    assert f"{case_id}/{name}" in book.run("check").stderr
    if name != "case.yaml":  # QA9 F6: show said "no EIC yet" and nothing else; it says a file was left out
        shown = book.run("show", case_id)
        assert_clean_exit(shown, 0)
        assert "Peringatan: 1 berkas kasus tidak dapat dibaca" in shown.stderr and "bapascase check" in shown.stderr
    # a writer replaces the file in the case, never the one outside
    if name == "engagement.yaml":
        book.run("engage", case_id, "--answers", str(answers_file(book, stage_answers("engage"))), "--no-input")
    assert target.read_text(encoding="utf-8").count(SECRET) == 2


def test_a_state_folder_linked_out_of_the_casebook_is_refused(book: Book, tmp_path: Path) -> None:
    case_id = book.new()
    outside = tmp_path / "state"
    outside.mkdir()
    import shutil

    shutil.rmtree(book.root / ".bapascase")
    (book.root / ".bapascase").symlink_to(outside, target_is_directory=True)
    for args in (["list"], ["engage", case_id, "--answers", str(answers_file(book, stage_answers("engage"))),
                            "--no-input"]):
        result = book.run(*args)
        assert_clean_exit(result, 1)
        assert ".bapascase" in result.stderr
    assert list(outside.iterdir()) == []


def test_settings_and_instruments_linked_out_are_refused(book: Book, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"office: {{name: {SECRET}}}\n", encoding="utf-8")
    settings = book.root / "bapascase.yaml"
    settings.unlink()
    settings.symlink_to(secret)
    result = book.run("list")
    assert_clean_exit(result, 1)
    assert "bapascase.yaml" in result.stderr and SECRET not in result.output
    settings.unlink()
    settings.write_text("office: {name: Bapas Kelas I Medan}\n", encoding="utf-8")
    (book.root / "instruments").mkdir()
    (book.root / "instruments" / "rri-a-2030.yaml").symlink_to(secret)
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert "instruments/rri-a-2030.yaml" in result.stderr and SECRET not in result.output


def test_check_fix_does_not_write_schemas_through_a_link(book: Book, tmp_path: Path) -> None:
    target = tmp_path / "victim.json"
    target.write_text("precious", encoding="utf-8")
    schema = book.root / "schemas" / "case.schema.json"
    schema.unlink()
    schema.symlink_to(target)
    result = book.run("check", "--fix")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "precious"


# -- report -o ------------------------------------------------------------------------------------------------------


def test_report_refuses_to_replace_or_follow_a_link(book: Book, tmp_path: Path) -> None:
    case_id = book.new()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "laporan.md"
    link.symlink_to(victim)
    result = book.run("report", case_id, "-o", str(link))
    assert_clean_exit(result, 1)
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "precious"
    # a picture beside a Markdown report is checked the same way, before anything is written
    pic = tmp_path / "r-ecomap.svg"
    pic.symlink_to(victim)
    assert book.run("report", case_id, "-o", str(tmp_path / "r.md")).exit_code in (0, 1)
    assert victim.read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_report_refuses_a_device_a_fifo_or_a_folder(book: Book, tmp_path: Path, kind: str) -> None:
    case_id = book.new()
    if kind == "device":
        target = Path("/dev/null")
    elif kind == "fifo":
        target = tmp_path / "fifo.md"
        os.mkfifo(target)
    else:
        target = tmp_path / "folder.md"
        target.mkdir()
    result = book.run("report", case_id, "-o", str(target))
    assert_clean_exit(result, 1)
    if kind == "device":
        assert Path("/dev/null").is_char_device()  # as root, it was replaced by a regular file before


def test_report_never_writes_among_the_cases(book: Book) -> None:
    case_id = book.new()
    before = sorted(p.name for p in book.cases.iterdir())
    for args in (["--all", "-o", str(book.cases / "x")], [case_id, "-o", str(book.cases / "x.md")],
                 [case_id, "-o", str(book.cases / case_id / "case.yaml")],
                 [case_id, "-o", str(book.cases / case_id / "notes" / "r.md")]):
        result = book.run("report", *args)
        assert_clean_exit(result, 1)
        assert "cases/" in result.stderr
    assert sorted(p.name for p in book.cases.iterdir()) == before
    assert_clean_exit(book.run("check"), 0)
    # a case's own reports/ is where reports belong
    assert_clean_exit(book.run("report", case_id, "-o", str(book.cases / case_id / "reports" / "r.md")), 0)


# -- every -o: never one of the casebook's own files (QA9 F1-F3) -------------------------------------------------

OUTPUTS = [["report", "{case}", "--kind", "case", "--format", "md"], ["report", "{case}", "--kind", "case",
                                                                           "--format", "docx"],
           ["export", "--format", "csv"], ["export", "--format", "json"], ["export", "--format", "xlsx"],
           ["calendar"], ["dashboard"]]


def _own_files(book: Book, case_id: str, other: str) -> list[Path]:
    """Files of the casebook that no ``-o`` may replace, made where missing (git's config included)."""
    git = book.root / ".git"
    git.mkdir(exist_ok=True)
    (git / "config").write_text("[core]\n", encoding="utf-8")
    for folder in ("templates", "schemas", "instruments", ".bapascase"):
        (book.root / folder).mkdir(exist_ok=True)
    (book.root / "templates" / "case.j2").write_text("{{ case_id }}\n", encoding="utf-8")
    (book.root / ".gitignore").write_text(".bapascase/\n", encoding="utf-8")
    return [book.root / "bapascase.yaml", book.cases / case_id / "case.yaml", git / "config",
            book.root / "templates" / "case.j2", book.root / "schemas" / "x.json", book.root / "instruments" / "x.yaml",
            book.root / ".bapascase" / "x", book.root / ".gitignore", book.cases / other / "reports" / "r.md",
            book.cases / "x.md"]


@pytest.mark.parametrize("command", OUTPUTS, ids=lambda c: "-".join(c).replace("{case}-", ""))
def test_no_output_replaces_a_casebook_file_or_files_a_report_with_another_client(book: Book,
                                                                                  command: list[str]) -> None:
    """``export -o cases/<id>/case.yaml`` replaced a client's intake with CSV, ``calendar -o bapascase.yaml`` broke every
    later command, ``report -o .git/config`` broke git, and ``report A -o cases/B/reports/`` filed one client's full
    report with another client. Each ``-o`` now refuses them all with one line, and writes nothing."""
    case_id = book.new()
    other = book.new(intake_answers(identity={"name": "Siti Lain", "nik": None, "birth_date": "1990-01-01"}),
                     name="other.yaml")
    targets = _own_files(book, case_id, other)
    before = {p: p.read_bytes() for p in targets if p.exists()}
    for target in targets:
        args = [a.replace("{case}", case_id) for a in command]
        result = book.run(*args, "-o", str(target))
        assert_clean_exit(result, 1)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert str(target) in result.stderr
    assert {p: p.read_bytes() for p in targets if p.exists()} == before
    assert not (book.cases / other / "reports").exists() and not (book.cases / "x.md").exists()


@pytest.mark.parametrize("command", OUTPUTS[2:], ids=lambda c: "-".join(c))
def test_every_output_refuses_to_replace_or_follow_a_link(book: Book, tmp_path: Path, command: list[str]) -> None:
    book.new()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "out.file"
    link.symlink_to(victim)
    result = book.run(*command, "-o", str(link))
    assert_clean_exit(result, 1)
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "precious"
    # an ordinary file elsewhere, and the report's own case's reports/, are written
    assert_clean_exit(book.run(*command, "-o", str(tmp_path / "ok.out")), 0)
