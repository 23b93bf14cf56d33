"""``history`` names the officer of each change (the commit's ``Officer:`` trailer, else its author); a report kept
with ``--file`` is committed like every save; long work shows a progress bar on a terminal and nothing when piped."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bapascase.cli.common import progress, status
from bapascase.env import Environment
from bapascase.workflow.context import Context
from tests.helpers import Book, assert_clean_exit, intake_answers

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@needs_git
def test_history_shows_the_officer_of_each_change(book: Book) -> None:
    # (git drops a name's trailing "." from an author, one reason a commit names its officer in a trailer)
    git(book.root, "config", "user.name", "Rahmat Hidayat")
    git(book.root, "config", "user.email", "rahmat@bapas.invalid")
    case_id = book.new()
    # a change committed by a shared account, naming the officer in a trailer
    path = book.cases / case_id / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# dicek\n", encoding="utf-8")
    git(book.root, "-c", "user.name=komputer-bersama", "commit", "-q", "-am", "catatan\n\nOfficer: Sri Wahyuni, S.Psi.")
    commits = json.loads(book.run("history", case_id, "--json").stdout)["commits"]
    assert [(c["subject"], c["officer"]) for c in commits] == [("catatan", "Sri Wahyuni, S.Psi."),
                                                               (f"new: {case_id}", "Rahmat Hidayat")]
    assert commits[0]["author"] == "komputer-bersama"
    table = book.run("history", case_id, env={"COLUMNS": "120"})
    assert "Sri Wahyuni, S.Psi." in table.stdout and "Rahmat Hidayat" in table.stdout
    assert re.search(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}\b", table.stdout)


@needs_git
def test_report_file_is_committed_like_every_save(book: Book) -> None:
    case_id = book.new()
    result = book.run("report", case_id, "--kind", "case", "--file")
    assert_clean_exit(result, 0)
    assert git(book.root, "status", "--porcelain") == ""
    assert git(book.root, "log", "-1", "--format=%s") .strip() == f"report: {case_id} case"
    assert f"cases/{case_id}/reports/" in git(book.root, "show", "--name-only", "--format=", "HEAD")


@needs_git
def test_report_all_into_the_case_folders_is_one_commit(book: Book) -> None:
    book.new()
    book.new(intake_answers(identity={"name": "Siti Aminah", "nik": None}), name="siti.yaml")
    result = book.run("report", "--all", "--kind", "case")
    assert_clean_exit(result, 0)
    assert git(book.root, "status", "--porcelain") == ""
    assert git(book.root, "log", "-1", "--format=%s").strip() == "report --all: case for 2 cases"


# -- progress ------------------------------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def context(stderr: io.StringIO) -> Context:
    return Context(env=Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=stderr, environ={}))


def test_a_long_job_shows_a_bar_on_a_terminal() -> None:
    screen = Terminal()
    with progress(context(screen), "Mengimpor") as step:
        for n in range(1, 51):
            step(n, 50)
    assert "Mengimpor" in screen.getvalue()


def test_nothing_extra_when_piped_or_short() -> None:
    piped = io.StringIO()
    with progress(context(piped), "Mengimpor") as step:
        for n in range(1, 51):
            step(n, 50)
    assert piped.getvalue() == ""
    short = Terminal()
    with progress(context(short), "Mengimpor") as step:
        for n in range(1, 4):
            step(n, 3)  # over before a bar could be read
    assert short.getvalue() == ""
    with status(context(piped)) as say:
        say("git pull")
    assert piped.getvalue() == ""


def test_commands_print_nothing_extra_when_piped(book: Book, tmp_path: Path) -> None:
    rows = [book.run("import", "--template").stdout.splitlines()[0]]
    example = book.run("import", "--template").stdout.splitlines()[1].split(";")
    for i in range(30):  # thirty clients: long enough for a bar on a terminal
        cells = list(example)
        cells[1] = f"Klien Contoh {i}"
        cells[6] = ""  # no NIK
        cells[5] = f"{1 + i % 28}/8/1992"
        rows.append(";".join(cells))
    path = tmp_path / "tiga-puluh.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = book.run("import", str(path))
    assert_clean_exit(result, 0)
    assert result.stderr == ""
    assert result.stdout.startswith("30 klien diimpor:")
    checked = book.run("check")
    assert checked.stderr == "" and checked.stdout.startswith("Casebook valid")
