"""A lost terminal (SIGHUP) during an interview keeps the answers given so far, like Ctrl-C."""

from __future__ import annotations

import signal
import sys

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, new_draft
from tests.test_terminal import answer, spawn

pexpect = pytest.importorskip("pexpect")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs SIGHUP and a pseudo-terminal")]


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["hangup", "terminate"])
def test_hangup_keeps_a_draft(book: Book, signum: int) -> None:
    """A stop request (SIGTERM: ``kill``, systemd) inside a question is taken like a lost terminal: the question
    ends from inside prompt_toolkit's loop, the terminal is left as it was, and the draft is kept."""
    child = spawn(book, "new")
    answer(child, "Tanggal registrasi", "\r")
    answer(child, "Nama lengkap", "Rahmat Hidayat\r")
    child.expect_exact("Nama alias")
    child.kill(signum)
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    assert child.signalstatus is None, "the process died from the signal instead of saving a draft"
    assert child.exitstatus == 130
    draft = yamlio.load(new_draft(book.root))["answers"]
    assert draft["identity"]["name"] == "Rahmat Hidayat"


# Between the name being typed and the next question drawn there are many moments: the key being read, the answer
# validated, the prompt's event loop closing, the next one starting. A hangup at any of them ends the interview
# the same way, promptly: exit 130 with a draft, never a hang and never a death by the signal.
@pytest.mark.parametrize("delay_ms", [0, 1, 2, 3, 5, 8, 12, 20, 30, 50, 80, 120])
def test_hangup_at_any_moment_of_an_interview(book: Book, delay_ms: int) -> None:
    import time

    child = spawn(book, "new")
    answer(child, "Tanggal registrasi", "\r")
    child.expect_exact("Nama lengkap")
    child.send("Rahmat Hidayat\r")
    time.sleep(delay_ms / 1000)
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    assert child.signalstatus is None, "the process died from the hangup instead of saving a draft"
    assert child.exitstatus == 130
    draft = yamlio.load(new_draft(book.root))["answers"]
    assert draft["identity"].get("name") in (None, "Rahmat Hidayat")


@pytest.mark.parametrize("where", ["text", "select"])
def test_an_interrupt_signal_ends_any_question_like_ctrl_c(book: Book, where: str) -> None:
    """SIGINT sent to the process (``kill -INT``, a supervising script), not the Ctrl-C key: prompt_toolkit turns
    it into a key its text prompts bind and questionary's choice lists did not, so it was ignored there."""
    child = spawn(book, "new")
    answer(child, "Tanggal registrasi", "\r")
    answer(child, "Nama lengkap", "Rahmat Hidayat\r")
    if where == "select":
        answer(child, "Nama alias", "\r")
        child.expect_exact("Jenis kelamin")
    else:
        child.expect_exact("Nama alias")
    child.kill(signal.SIGINT)
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    assert child.signalstatus is None
    assert child.exitstatus == 130
    draft = yamlio.load(new_draft(book.root))["answers"]
    assert draft["identity"]["name"] == "Rahmat Hidayat"
