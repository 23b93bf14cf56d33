"""Smaller things an officer meets in the wizards (QA6 F8, F9): the review screen of ``new`` shows the articles
as typed; ``edit`` without a terminal refuses in one line instead of starting vi on a pipe."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bapascase.model.case import CaseDoc
from bapascase.workflow.wizard import review_lines
from tests.helpers import Book, assert_clean_exit, interactive
from tests.stage_helpers import through
from tests.test_wizard import whole_intake

pytestmark = pytest.mark.git(False)


# -- F8: the articles on the review screen ------------------------------------------------------------------------


def test_review_lines_show_articles_typed_as_text() -> None:
    data = {"legal": {"articles": ["Pasal 362 KUHP", {"article": "Pasal 338", "code": "kuhp"}]}}
    lines = review_lines(CaseDoc, data, "id")
    assert "      1. Pasal 362 KUHP" in lines
    assert "      2." in lines  # a tagged article: its fields under its number, as before


def test_the_review_of_new_shows_the_articles_typed(book: Book) -> None:
    result = interactive(["new"], whole_intake(), casebook=book.root)
    assert_clean_exit(result, 0)
    review = result.stdout[result.stdout.index("Periksa kembali sebelum menyimpan"):]
    assert "1. Pasal 338 KUHP" in review


# -- F9: edit without a terminal ----------------------------------------------------------------------------------


def _fake_vi(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A ``vi`` first on PATH that leaves a mark when it is started (the command's PATH: were vi ever started
    despite the refusal, the real one would be found on the process's PATH, and the test would fail as well)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    mark = tmp_path / "vi-started"
    vi = bin_dir / "vi"
    vi.write_text(f"#!/bin/sh\ntouch '{mark}'\nexit 1\n", encoding="utf-8")
    vi.chmod(vi.stat().st_mode | stat.S_IXUSR)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "VISUAL": "", "EDITOR": ""}, mark


@pytest.mark.parametrize("lang", ["id", "en"])
def test_edit_without_a_terminal_and_no_editor_named_refuses_before_starting_vi(book: Book, tmp_path: Path,
                                                                                 lang: str) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    env, mark = _fake_vi(tmp_path)
    before = (book.cases / case_id / "plan.yaml").read_bytes()
    result = book.run("--lang", lang, "edit", case_id, "plan", env=env)
    assert_clean_exit(result, 1)
    assert not mark.exists()  # no editor was started
    assert (book.cases / case_id / "plan.yaml").read_bytes() == before
    expected = {"id": "edit butuh terminal untuk membuka vi; tidak ada yang diubah. Jalankan di terminal, atau "
                      "tentukan editor lain dengan VISUAL atau EDITOR.",
                "en": "edit needs a terminal to open vi; nothing was changed. Run it on a terminal, or name another "
                      "editor in VISUAL or EDITOR."}[lang]
    assert result.stderr.strip() == expected
    assert result.stdout == ""


def test_an_editor_named_in_editor_runs_without_a_terminal(book: Book, tmp_path: Path) -> None:
    """A GUI or scripted editor named on purpose is trusted to work without a terminal."""
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    env, mark = _fake_vi(tmp_path)
    env["EDITOR"] = str(tmp_path / "bin" / "vi")  # the process's own PATH finds editors: named by its path
    result = book.run("edit", case_id, "plan", env=env)
    assert mark.exists()  # started (it then fails: exit 1, the original kept)
    assert result.exit_code == 1
