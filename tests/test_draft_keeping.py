"""Drafts are lost only on purpose (QA6 F1): a draft goes when the interview that resumed it saves, or when the
officer declines it. A scripted run, a check-in, or another client's intake leaves it alone and says it is kept;
each interrupted intake has a draft of its own."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import Result

from bapascase.store import yamlio
from tests.helpers import (
    CTRL_C,
    ENTER,
    YES,
    Book,
    assert_clean_exit,
    intake_answers,
    interactive,
    minimal_intake,
    new_draft,
    new_drafts,
    pick,
    type_,
    write_answers,
)
from tests.stage_helpers import answers, answers_file, draft_file
from tests.test_stage_wizards import ENGAGE_GENERAL
from tests.test_wizard import GENERAL

pytestmark = pytest.mark.git(False)


def _scripted_new(book: Book, data: dict[str, Any], name: str) -> Result:
    path = write_answers(book.root.parent / name, data)
    return book.run("new", "--answers", str(path), "--no-input")


def _interrupted_new(book: Book, name: str, keys_before: list[str] | None = None) -> None:
    keys = [*(keys_before or []), *GENERAL, type_(name), CTRL_C]
    assert_clean_exit(interactive(["new"], keys, casebook=book.root), 130)


# -- a stage's draft ----------------------------------------------------------------------------------------------


def test_a_scripted_save_keeps_the_stage_draft_and_says_so(book: Book) -> None:
    case_id = book.new()
    first = interactive(["engage", case_id], [*ENGAGE_GENERAL[:3], CTRL_C], casebook=book.root)
    assert_clean_exit(first, 130)
    draft = draft_file(book, case_id, "engagement")
    kept = draft.read_bytes()
    scripted = book.run("engage", case_id, "--answers", str(answers_file(book, answers("engage"))), "--no-input")
    assert_clean_exit(scripted, 0)
    assert draft.read_bytes() == kept  # untouched
    rel = f".bapascase/drafts/{case_id}--engagement.yaml"
    assert (f"Catatan: draf yang belum selesai tetap disimpan: {rel}. Jalankan `bapascase engage {case_id}` "
            "di terminal untuk melanjutkannya.") in scripted.stderr


def test_only_the_interview_that_resumed_the_draft_removes_it(book: Book) -> None:
    case_id = book.new()
    assert_clean_exit(interactive(["engage", case_id], [*ENGAGE_GENERAL[:3], CTRL_C], casebook=book.root), 130)
    draft = draft_file(book, case_id, "engagement")
    # resumed, then interrupted again: still there (written over), not removed
    again = interactive(["engage", case_id], [YES, CTRL_C], casebook=book.root)
    assert_clean_exit(again, 130)
    assert draft.is_file()
    assert yamlio.load(draft)["answers"]["rapport"]


def test_a_checkin_keeps_a_monitoring_draft(book: Book) -> None:
    """``lapor`` saves a monitoring entry: it never resumed the officer's interrupted ``monitor`` draft."""
    from tests.stage_helpers import through

    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    draft = draft_file(book, case_id, "monitoring")
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text("saved: 2026-06-14 10:00:00\nstage: monitoring\ncase: x\nanswers:\n  notes: catatan\n"
                     "done: []\n", encoding="utf-8")
    result = book.run("lapor", case_id, "--no-input")
    assert_clean_exit(result, 0)
    assert draft.is_file()
    assert "draf yang belum selesai tetap disimpan" in result.stderr


# -- intake drafts: one per interrupted intake --------------------------------------------------------------------


def test_registering_another_client_keeps_a_half_typed_intake(book: Book) -> None:
    _interrupted_new(book, "Siti Aminah")
    draft = new_draft(book.root)
    kept = draft.read_bytes()
    result = _scripted_new(book, intake_answers(), "other.yaml")
    assert_clean_exit(result, 0)
    assert draft.read_bytes() == kept
    rel = draft.relative_to(book.root).as_posix()
    assert (f"Catatan: 1 draf pendaftaran yang belum selesai tetap disimpan (terbaru: {rel}). Jalankan "
            "`bapascase new` di terminal untuk melanjutkannya.") in result.stderr


def test_two_interrupted_intakes_are_two_drafts_and_each_can_be_resumed(book: Book) -> None:
    _interrupted_new(book, "Siti Aminah")
    # the second intake is another client: "register another client" keeps the first draft
    _interrupted_new(book, "Rahmat Hidayat", keys_before=[pick(1)])
    drafts = new_drafts(book.root)
    assert len(drafts) == 2
    names = sorted(yamlio.load(p)["answers"]["identity"]["name"] for p in drafts)
    assert names == ["Rahmat Hidayat", "Siti Aminah"]
    # the list offers both (the most recent first); a scripted intake touches neither
    assert_clean_exit(_scripted_new(book, minimal_intake(), "third.yaml"), 0)
    assert new_drafts(book.root) == drafts


def test_the_intake_list_shows_each_draft_and_discarding_is_said(book: Book) -> None:
    from tests.stage_helpers import interactive_seen

    _interrupted_new(book, "Siti Aminah")
    _interrupted_new(book, "Rahmat Hidayat", keys_before=[pick(1)])
    result, screen = interactive_seen(["new"], [pick(3), CTRL_C], casebook=book.root)  # discard both
    assert_clean_exit(result, 130)
    assert "Ada 2 draf pendaftaran yang belum selesai." in screen
    assert "Siti Aminah" in screen and "Rahmat Hidayat" in screen
    assert "Buang 2 draf itu, lalu daftarkan klien baru" in screen
    assert "Draf lama dibuang." in result.stdout
    assert not new_drafts(book.root)


def test_saving_a_resumed_intake_removes_only_its_own_draft(book: Book) -> None:
    _interrupted_new(book, "Siti Aminah")
    _interrupted_new(book, "Rahmat Hidayat", keys_before=[pick(1)])
    before = {yamlio.load(p)["answers"]["identity"]["name"]: p for p in new_drafts(book.root)}
    # the rest of an intake given in a file; the draft of Rahmat (the most recent, listed first) is resumed
    given = write_answers(book.root.parent / "rest.yaml",
                          {k: v for k, v in intake_answers().items() if k != "identity"} | {
                              "identity": {k: v for k, v in intake_answers()["identity"].items() if k != "name"}})
    keys = [pick(0), *[ENTER] * 30]  # resume; the optional questions left empty, then save (the review's default)
    result = interactive(["new", "--answers", str(given)], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert new_drafts(book.root) == [before["Siti Aminah"]]

