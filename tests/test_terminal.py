"""One real-terminal run of ``new`` (pexpect, a pseudo-terminal): Ctrl-C keeps a draft, the next run resumes it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import TODAY, Book, new_draft, test_environ

pexpect = pytest.importorskip("pexpect")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")]

TIMEOUT = 30


def spawn(book: Book, *args: str) -> Any:
    # pexpect does not answer cursor-position requests; without this every prompt waits 1 s for the reply
    env = test_environ({"TERM": "xterm", "COLUMNS": "120", "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"})
    child = pexpect.spawn(
        sys.executable, ["-m", "bapascase", "-C", str(book.root), *args], env=env, encoding="utf-8",
        timeout=TIMEOUT, dimensions=(40, 120), cwd=str(book.root),
    )
    child.delaybeforesend = None  # every key is sent after its prompt is on screen, so no extra wait is needed
    return child


def answer(child: Any, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    child.send(keys)


def finish(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, child.signalstatus
    return int(child.exitstatus)


def test_new_in_a_terminal_ctrl_c_then_resume(book: Book) -> None:
    first = spawn(book, "new")
    answer(first, "Bagian 1/6", "")
    answer(first, "Tanggal registrasi", "\r")  # today is offered
    answer(first, "Nama lengkap", "Siti Aminah binti Abdullah\r")
    answer(first, "Nama alias", "\r")
    answer(first, "Jenis kelamin", "\x1b[B\x1b[B\r")  # Perempuan, below "— pilih salah satu —"
    answer(first, "Tempat lahir", "Binjai\r")
    answer(first, "Tanggal lahir", "\x03")  # Ctrl-C
    first.expect_exact("Dibatalkan")
    assert finish(first) == 130
    draft_file = new_draft(book.root)
    assert draft_file.is_file()
    draft = yamlio.load(draft_file)["answers"]
    assert draft["identity"]["name"] == "Siti Aminah binti Abdullah"
    assert draft["identity"]["sex"] == "P"
    assert not any(p.is_dir() for p in book.cases.iterdir())

    second = spawn(book, "new")
    answer(second, "Lanjutkan draf", "\r")  # the one intake kept
    answer(second, "Tanggal lahir", "30/1/1995\r")
    answer(second, "NIK", "\r")
    answer(second, "Agama", "\x1b[B\r")  # Islam
    answer(second, "Suku", "Melayu\r")
    answer(second, "Kewarganegaraan", "\r")
    answer(second, "Pendidikan terakhir", "\x1b[B\x1b[B\x1b[B\r")  # SMP
    answer(second, "Status perkawinan", "\x1b[B\r")
    answer(second, "Pekerjaan", "\r")
    answer(second, "Alamat", "Jl. Gatot Subroto No. 3, Binjai\r")
    answer(second, "Nomor telepon", "\r")
    answer(second, "Ciri khusus", "\r")
    answer(second, "No. Kartu Keluarga", "\r")
    answer(second, "Tambah keluarga?", "n\r")
    answer(second, "Tambah Penjamin?", "n\r")
    answer(second, "Program", "\x1b[B\x1b[B\r")  # CB
    answer(second, "Tindak pidana", "Pencurian\r")
    answer(second, "Tanggal tindak pidana", "\r")  # not recorded
    answer(second, "Pasal (1)", "Pasal 362 KUHP\r")
    answer(second, "Pasal (2)", "\r")
    for prompt in ("Nomor putusan", "Tanggal putusan", "Pengadilan", "Pidana (tahun)", "Pidana (bulan)",
                   "Tanggal pertama ditahan", "Asal Lapas/Rutan", "No. Register Lapas", "No. Register Litmas",
                   "Nomor SK", "Tanggal SK"):
        answer(second, prompt, "\r")
    answer(second, "Awal bimbingan", "1/4/2026\r")
    answer(second, "Ekspirasi", "31/12/2026\r")
    answer(second, "Akhir masa bimbingan", "\r")  # left empty: a CB ends at its ekspirasi
    answer(second, "Bagian 6/6", "")
    answer(second, "Nama", "Hendra Saputra\r")
    answer(second, "NIP", "\r")
    answer(second, "Tambah Praktikan?", "n\r")
    answer(second, "Periksa kembali sebelum menyimpan", "")
    answer(second, "Lanjut?", "\r")  # Simpan
    second.expect_exact("Klien terdaftar")
    assert finish(second) == 0

    folders = [p for p in book.cases.iterdir() if p.is_dir()]
    assert len(folders) == 1
    assert folders[0].name.startswith(f"{TODAY.year}-saa-")
    saved = yamlio.load(folders[0] / "case.yaml")
    assert saved["identity"]["name"] == "Siti Aminah binti Abdullah"  # from the first run
    assert saved["identity"]["sex"] == "P"
    assert saved["identity"]["birth_place"] == "Binjai"
    assert saved["identity"]["education"] == "SMP"
    assert saved["legal"]["programme"] == "CB"
    assert saved["legal"]["expiry"].isoformat() == "2026-12-31" and "supervision_end" not in saved["legal"]
    assert not draft_file.exists()


def test_scripted_new_through_the_module_entry_point(book: Book, tmp_path: Path) -> None:
    """``python -m bapascase`` works like ``bapascase``; output piped, so no prompts."""
    import subprocess

    from tests.helpers import intake_answers, write_answers

    answers = write_answers(tmp_path / "a.yaml", intake_answers())
    proc = subprocess.run(
        [sys.executable, "-m", "bapascase", "-C", str(book.root), "new", "--answers", str(answers), "--json"],
        env=test_environ(), capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"id": "2026-bzg-' in proc.stdout
    assert os.path.isdir(book.cases)
