"""A lost terminal (SIGHUP) during an interview keeps the answers given so far, like Ctrl-C."""

from __future__ import annotations

import signal
import sys

import pytest

from bapascase.store import yamlio
from tests.helpers import Book
from tests.test_terminal import answer, spawn

pexpect = pytest.importorskip("pexpect")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs SIGHUP and a pseudo-terminal")]


def test_hangup_keeps_a_draft(book: Book) -> None:
    child = spawn(book, "new")
    answer(child, "Tanggal registrasi", "\r")
    answer(child, "Nama lengkap", "Rahmat Hidayat\r")
    child.expect_exact("Nama alias")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None, "the process died from the hangup instead of saving a draft"
    assert child.exitstatus == 130
    draft = yamlio.load(book.root / ".bapascase" / "drafts" / "new--case.yaml")["answers"]
    assert draft["identity"]["name"] == "Rahmat Hidayat"
