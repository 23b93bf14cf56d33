"""The prompts in a real pseudo-terminal of 80×24 (pexpect), the screen read back as a person sees it (pyte).

What an officer on an old laptop or over SSH sees: a long-text prompt whose hint has its own line and whose typed
text stays visible, a date offered and replaced by typing, a yes/no that waits for Enter, an instrument item with
nothing chosen and its previous answer beside it, and Indonesian words where questionary would say English ones.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, test_environ
from tests.stage_helpers import RRI_SEDANG, answers, answers_file, complete, record_ok, through

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

# slow; the interviews and the files, not git: casebooks without a repository (see conftest ``book``)
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
              pytest.mark.git(False)]

COLS, ROWS = 80, 24
ENTER = "\r"
DOWN = "\x1b[B"
ESC_ENTER = "\x1b\r"
ENGLISH = ("Use arrow keys", "(Y/n)", "(y/N)", "Yes", "No ", "done (", "Finish with", "selections")


class Terminal:
    """``bapascase ARGS`` in an 80×24 pseudo-terminal, its output kept on a pyte screen."""

    def __init__(self, book: Book, *args: str) -> None:
        env = test_environ({"TERM": "xterm", "COLUMNS": str(COLS), "LINES": str(ROWS),
                            "PROMPT_TOOLKIT_NO_CPR": "1"})
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.seen = ""  # everything shown so far, as text (answered questions scroll away)
        self.child = pexpect.spawn(sys.executable, ["-m", "bapascase", "-C", str(book.root), *args], env=env,
                                   timeout=30, dimensions=(ROWS, COLS), cwd=str(book.root))
        self.child.delaybeforesend = None

    def _pump(self, wait: float = 0.05) -> None:
        try:
            while True:
                data = self.child.read_nonblocking(65536, timeout=wait)
                self.stream.feed(data)
                self.seen += data.decode("utf-8", "replace")
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self._pump()
            if text in self.text():
                return self.text()
            if not self.child.isalive():
                self._pump()
                break
        raise AssertionError(f"{text!r} not on screen:\n{self.text()}")

    def send(self, keys: str) -> None:
        self.child.send(keys)
        self._pump(0.2)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus is not None, self.child.signalstatus
        return int(self.child.exitstatus)

    def line_with(self, text: str) -> str:
        return next(str(line) for line in self.screen.display if text in line)


def no_english(screen: str) -> None:
    for word in ENGLISH:
        assert word not in screen, f"{word!r} on an Indonesian screen:\n{screen}"


def test_long_text_at_80_columns_keeps_hint_and_typing_visible(book: Book) -> None:
    case_id = book.new()
    given = complete("engage", answers("engage"), "client_expectations")
    term = Terminal(book, "engage", case_id, "--answers", str(answers_file(book, given, "pty-engage.yaml")))
    screen = term.wait_for("Harapan klien")
    lines = screen.splitlines()
    question = next(i for i, line in enumerate(lines) if "Harapan klien" in line)
    assert "Selesai: Esc lalu Enter" in lines[question + 1]  # the hint on its own line
    assert lines[question + 2].startswith(">")  # the answer on the next, from the left margin
    typed = ("Klien ingin kembali menjadi ayah dan kepala keluarga yang bertanggung jawab, "
             "membantu istri berjualan di Pasar MMTC.")
    term.send(typed)
    screen = term.wait_for("Pasar MMTC.")
    shown = " ".join(line.strip(" >") for line in screen.splitlines()[question + 2:question + 5])
    assert typed in shown.replace("  ", " ") or typed.replace(" ", "") in shown.replace(" ", "")
    no_english(screen)
    term.send(ESC_ENTER)
    term.wait_for("Lanjut?")
    term.send(ENTER)
    assert term.finish() == 0
    saved = yamlio.load(book.cases / case_id / "engagement.yaml")
    assert saved["client_expectations"] == typed


def test_a_date_offered_is_replaced_by_typing(book: Book) -> None:
    case_id = book.new()
    given = complete("engage", answers("engage"), "date")
    term = Terminal(book, "engage", case_id, "--answers", str(answers_file(book, given, "pty-date.yaml")))
    term.wait_for("2026-06-15")  # today, offered
    term.send("6/3/2026")
    screen = term.text()
    assert "6/3/2026" in screen and "2026-06-15" not in screen  # replaced, not appended to
    term.send(ENTER)
    term.wait_for("Lanjut?")
    term.send(ENTER)
    assert term.finish() == 0
    assert yamlio.load(book.cases / case_id / "engagement.yaml")["date"].isoformat() == "2026-03-06"


def test_yes_no_waits_for_enter_and_speaks_indonesian(book: Book) -> None:
    case_id = book.new()
    given = complete("engage", answers("engage"), "contacts")
    term = Terminal(book, "engage", case_id, "--answers", str(answers_file(book, given, "pty-yes.yaml")))
    screen = term.wait_for("Tambah kontak?")
    assert "(y/T)" in term.line_with("Tambah kontak?")  # No is what Enter takes
    no_english(screen)
    term.send("y")
    screen = term.wait_for("ya")
    assert "Tanggal" not in screen  # shown, not taken: the next question is not asked yet
    term.send("t")  # changed to no
    term.send(ENTER)
    screen = term.wait_for("Lanjut?")
    assert "Tambah kontak? tidak" in term.seen or "Tambah kontak? tidak" in screen
    term.send(ENTER)
    assert term.finish() == 0
    assert yamlio.load(book.cases / case_id / "engagement.yaml")["contacts"] == []


def test_an_instrument_item_has_no_default_and_shows_the_previous_answer(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "assess", case_id, answers("assess", rri={"answers": RRI_SEDANG}))
    given = complete("assess", answers("assess", date="2026-06-10"), "rri")
    term = Terminal(book, "assess", case_id, "--answers", str(answers_file(book, given, "pty-assess.yaml")))
    screen = term.wait_for("pertama kali ditahan")
    assert "— pilih salah satu —" in screen  # the pointer starts on nothing
    assert "sebelumnya: Ya" in screen  # the reassessment's previous answer, beside the question
    no_english(screen)
    for line in screen.splitlines():
        assert len(line) <= COLS
    term.send(ENTER)  # refused
    screen = term.wait_for("Pilih salah satu jawaban")
    assert "pernah dihukum oleh" not in screen  # still the first item
    term.send(DOWN + ENTER)  # ya
    term.wait_for("pernah dihukum oleh")
    for _ in range(9):
        term.send(DOWN + DOWN + ENTER)  # the second option of each of the other nine items: part A totals 6
    term.wait_for("RRI bagian D")  # below 7 part D could apply: the officer confirms it is no narcotics case
    term.send(ENTER)
    term.wait_for("Faktor Risiko Tambahan")  # below 7 part B is asked
    for _ in range(4):
        term.send(DOWN + DOWN + ENTER)  # tidak
    screen = term.wait_for("Lanjut?")
    assert "Total" in term.seen and "kategori" in term.seen  # the review shows the computed result
    term.send(ENTER)
    screen = term.wait_for("tersimpan")
    assert term.finish() == 0
    assert "RRI: " in term.seen


def test_ctrl_z_in_a_terminal_goes_back(book: Book) -> None:
    case_id = book.new()
    given = complete("engage", answers("engage"), "date", "rapport")
    term = Terminal(book, "engage", case_id, "--answers", str(answers_file(book, given, "pty-back.yaml")))
    term.wait_for("Ctrl-Z")  # said once, at the start
    term.wait_for("Tanggal")
    term.send("5/3/2062" + ENTER)
    term.wait_for("membangun relasi")
    term.send("\x1a")  # Ctrl-Z
    screen = term.wait_for("2062-03-05")  # the date asked again, the slip offered to be replaced
    assert screen.rstrip().endswith("2062-03-05")
    term.send("5/3/2026" + ENTER)
    term.wait_for("membangun relasi")
    term.send("Terbuka." + ESC_ENTER)
    term.wait_for("Lanjut?")
    term.send(ENTER)
    assert term.finish() == 0
    saved: Any = yamlio.load(book.cases / case_id / "engagement.yaml")
    assert saved["date"].isoformat() == "2026-03-05" and saved["rapport"] == "Terbuka."
