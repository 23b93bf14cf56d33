"""``monitor`` in a real pseudo-terminal (pexpect): answer a few prompts, Ctrl-C, then resume the draft and finish."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, test_environ
from tests.stage_helpers import answers_file, complete, draft_file, entry_rel, summary, through

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.slow

ESC_ENTER = "\x1b\r"
CTRL_C = "\x03"
DATE = "2026-05-31"


def spawn(book: Book, *args: str) -> Any:
    # a real terminal answers prompt_toolkit's cursor-position request at once; pexpect does not, and every prompt
    # would wait for it to time out
    env = test_environ({"TERM": "xterm", "COLUMNS": "100", "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"})
    child = pexpect.spawn(sys.executable, ["-m", "bapascase", "-C", str(book.root), *args], env=env,
                          encoding="utf-8", timeout=20, dimensions=(40, 100))
    return child


def finish(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    status: int = child.exitstatus
    return status


@pytest.fixture
def monitored(book: Book, tmp_path: Path) -> tuple[Book, str, Path]:
    """A case with a plan and one monitoring entry; an answers file that leaves the observations, the wajib-lapor
    record and the progress per goal to be asked."""
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor")
    given = complete("monitor", {"date": DATE, "methods": ["wawancara"],
                                 "ratings": {"engagement": 4, "response": 4, "behaviour_change": 4}},
                     "observations", "wajib_lapor", "progress")
    given["period"] = None
    return book, case_id, answers_file(book, given, "monitor-pty.yaml")


def test_monitor_interrupted_in_a_terminal_then_resumed(monitored: tuple[Book, str, Path]) -> None:
    book, case_id, given = monitored
    draft = draft_file(book, case_id, "monitoring")

    child = spawn(book, "monitor", case_id, "--answers", str(given))
    child.expect("Bagian 1/7: Umum")
    child.expect("Hasil pengamatan")
    child.send("Klien tampak sehat dan tenang" + ESC_ENTER)
    child.expect("Status wajib lapor")
    child.send("\x1b[B\x1b[B\r")  # down to 'jarak jauh', below "— pilih salah satu —"
    child.expect("Alasan")
    child.send("Sakit; lapor lewat panggilan video\r")
    child.expect("Catatan")
    child.send(CTRL_C)
    child.expect("Dibatalkan. Jawaban disimpan sebagai draf")
    assert finish(child) == 130
    kept = yamlio.load(draft)["answers"]
    assert kept["observations"] == "Klien tampak sehat dan tenang"
    assert kept["wajib_lapor"] == {"status": "jarak_jauh", "reason": "Sakit; lapor lewat panggilan video"}
    assert not (book.cases / case_id / "monitoring" / f"{DATE}.yaml").exists()

    child = spawn(book, "monitor", case_id, "--answers", str(given))
    child.expect("Lanjutkan draf itu?")
    child.send("y\r")
    child.expect("Catatan")  # the wajib-lapor notes: where the first run stopped
    child.send("\r")
    for _goal in ("T1", "T2", "T3"):  # progress per goal: the plan's goals, statuses of the last entry
        child.expect("Kode tujuan")
        child.send("\r")
        child.expect("Kemajuan")
        child.send("\r")
        child.expect("Catatan")
        child.send(ESC_ENTER)
    child.expect("Tambah kemajuan per tujuan lagi")
    child.send("n\r")
    child.expect("Periksa kembali sebelum menyimpan")
    child.expect("Lanjut")
    child.send("\r")
    child.expect("Monitoring tersimpan")
    assert finish(child) == 0

    entry = yamlio.load(book.cases / case_id / entry_rel(book, case_id, f"monitoring/{DATE}.yaml"))
    assert entry["observations"] == "Klien tampak sehat dan tenang"
    assert entry["wajib_lapor"] == {"status": "jarak_jauh", "reason": "Sakit; lapor lewat panggilan video"}
    assert entry["progress"] == [{"goal_id": "T1", "status": "berjalan"}, {"goal_id": "T2", "status": "berjalan"},
                                 {"goal_id": "T3", "status": "tercapai"}]
    assert not draft.exists()
    assert summary(book, case_id)["counts"]["monitoring"] == 2


def test_declining_the_resume_in_a_terminal_discards_the_draft(monitored: tuple[Book, str, Path]) -> None:
    book, case_id, given = monitored
    child = spawn(book, "monitor", case_id, "--answers", str(given))
    child.expect("Hasil pengamatan")
    child.send(CTRL_C)
    assert finish(child) == 130
    assert draft_file(book, case_id, "monitoring").exists()

    child = spawn(book, "monitor", case_id, "--answers", str(given))
    child.expect("Lanjutkan draf itu?")
    child.send("n\r")
    child.expect("Draf lama dibuang.")
    child.expect("Hasil pengamatan")  # asked again from the start
    child.send(CTRL_C)
    assert finish(child) == 130
