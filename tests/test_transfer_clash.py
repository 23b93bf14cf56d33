"""Two officers transfer the same case at once, each in their own clone, and sync: both transfers hand the case
over from the same officer. Which one holds is decided by the order of their files, so ``check`` (and the save of
a transfer) says so, naming who holds the case now and how to correct it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bapascase.model import derive
from tests.helpers import Book, assert_clean_exit
from tests.team_helpers import make_team

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def test_no_clash_in_a_chain_of_transfers() -> None:
    assert derive.broken_handovers("A", [("A", "B"), ("B", "C"), (None, "D"), ("D", "A")]) == []
    assert derive.broken_handovers(None, [("X", "B")]) == []  # no intake officer recorded: nothing to hold to


def test_two_transfers_from_the_same_officer_clash() -> None:
    assert derive.broken_handovers("A", [("A", "B"), ("A", "C")]) == [(1, "B")]
    assert derive.broken_handovers("A", [("A", "B"), ("A", "C"), ("D", "E")]) == [(1, "B"), (2, "C")]


def test_a_name_written_with_titles_or_other_spacing_is_the_same_officer() -> None:
    assert derive.broken_handovers("Rahmat Hidayat, S.H.", [("rahmat  hidayat", "B"), ("B", "C")]) == []


def test_a_later_transfer_from_the_officer_in_charge_settles_a_clash() -> None:
    assert derive.broken_handovers("A", [("A", "B"), ("A", "C"), ("C", "D")]) == []


def test_two_transfers_made_at_once_in_two_clones_are_named_by_check(book: Book, tmp_path: Path) -> None:
    team = make_team(book, tmp_path)
    assert_clean_exit(team.a.run("officers", "add", "Budi Santoso", "--nip", "198801012010011001"), 0)
    case_id = team.a.new()  # assigned to Hendra
    team.sync(team.a)
    team.sync(team.b)
    team.sync(team.c)
    assert_clean_exit(team.a.run("transfer", case_id, "--to", "Sri Rahayu"), 0)
    assert_clean_exit(team.c.run("transfer", case_id, "--to", "Budi Santoso"), 0)
    team.sync(team.a)
    came = team.sync(team.c)  # Hendra's transfer comes in beside Sri's own: no conflict, each is its own file
    said = [ln for ln in came.stderr.splitlines() if "dua pengalihan dibuat bersamaan" in ln]
    assert len(said) == 1 and said[0].startswith(f"cases/{case_id}/transfers/"), came.stderr
    team.sync(team.a)
    result = team.a.run("check")
    assert_clean_exit(result, 0)  # a warning, never an exit status
    warned = [ln for ln in result.stderr.splitlines() if "dua pengalihan dibuat bersamaan" in ln]
    assert len(warned) == 1, result.stderr
    shown = team.a.run("show", case_id, "--json")
    import json

    now = json.loads(shown.stdout)["case"]["officer"]
    assert f"kini kasus dipegang {now}" in warned[0]
    assert f"bapascase transfer {case_id} --to NAMA" in warned[0]
    assert "PK sebelumnya Hendra Saputra" in warned[0]
    # set right on purpose (a transfer from the officer now in charge): settled, nothing more to say
    other = "Budi Santoso" if now != "Budi Santoso" else "Sri Rahayu"
    assert_clean_exit(team.a.run("transfer", case_id, "--to", other), 0)
    again = team.a.run("check")
    assert_clean_exit(again, 0)
    assert "dua pengalihan dibuat bersamaan" not in again.stderr
