"""Long questions are seen whole before they are answered (QA6 F4): at 80×24 an RRI item's question, which runs
past 80 columns, is broken between words over as many lines as it needs, in a real pseudo-terminal read back with
pyte. ``wrap`` itself is checked without a terminal."""

from __future__ import annotations

import re
import sys

import pytest

from bapascase.workflow.prompter import wrap
from tests.stage_helpers import answers, answers_file, complete, through

FIRST = ("Apakah pada saat Narapidana/ Klien Pemasyarakatan pertama kali ditahan masih berusia 16 tahun atau "
         "dibawah 16 tahun?")
SECOND = "Apakah Narapidana/ Klien Pemasyarakatan pernah dihukum oleh pengadilan dan divonis hukuman penjara?"


def _flat(screen: str) -> str:
    return re.sub(r"\s+", " ", screen)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.git(False)
def test_an_rri_question_is_shown_whole_at_80_columns_before_the_answer(book: object) -> None:
    pytest.importorskip("pexpect")
    pytest.importorskip("pyte")
    from tests.test_keyboard_pty import COLS, DOWN, ENTER, Terminal

    case_id = book.new()  # type: ignore[attr-defined]
    through(book, case_id, "engage")  # type: ignore[arg-type]
    given = complete("assess", answers("assess", date="2026-06-10"), "rri")
    term = Terminal(book, "assess", case_id, "--answers",  # type: ignore[arg-type]
                    str(answers_file(book, given, "pty-long.yaml")))  # type: ignore[arg-type]
    screen = term.wait_for("— pilih salah satu —")  # the choices are drawn: the question is complete above them
    assert FIRST in _flat(screen), screen
    for line in screen.splitlines():
        assert len(line) <= COLS - 1, line  # nothing reaches the last column (the terminal would break it there)
    question = screen[screen.index("? Apakah pada saat"):screen.index("— pilih salah satu —")]
    assert "(↑↓ lalu Enter)" in question  # the hint is there too, after the whole question
    for word in FIRST.split():
        assert any(word in line.split() or word in line for line in question.splitlines()), word  # no word cut
    term.send(DOWN + ENTER)  # ya
    screen = term.wait_for("pernah dihukum")
    term.wait_for("— pilih salah satu —")
    assert SECOND in _flat(term.text())
    term.send("\x03")
    assert term.finish() == 130


def test_wrap_breaks_between_words_and_keeps_every_word() -> None:
    text = FIRST
    out = wrap(text, 80, first=2)
    lines = out.splitlines()
    assert len(lines) == 2
    assert len("? " + lines[0]) <= 79 and all(len(line) <= 79 for line in lines)
    assert lines[1].startswith("  ") and not lines[1].startswith("   ")
    assert " ".join(line.strip() for line in lines) == text


def test_wrap_keeps_new_lines_and_breaks_a_word_longer_than_a_line() -> None:
    out = wrap("Pertama\nKedua " + "x" * 100, 40, first=2)
    lines = out.splitlines()
    assert lines[0] == "Pertama"
    assert lines[1].startswith("  Kedua x")
    assert "".join(line.strip() for line in lines[1:]) == "Kedua " + "x" * 100
    assert all(len(line) <= 39 for line in lines)


def test_a_short_question_is_left_as_it_is() -> None:
    assert wrap("Jenis kelamin", 80, first=2) == "Jenis kelamin"


def test_a_long_choice_label_wraps_under_its_pointer() -> None:
    label = ("L1: Masjid Al-Ikhlas Contoh, Jl. Fiktif Karya, Medan Johor (Griya Abhipraya Bapas Kelas I Medan, "
             "kerja sosial)")
    lines = wrap(label, 80, first=4, indent="    ").splitlines()
    assert len(lines) == 2 and lines[1].startswith("    ")
    assert "Griya Abhipraya" in " ".join(lines)
    assert all(len(line) + (4 if i == 0 else 0) <= 79 for i, line in enumerate(lines))
