"""With ``auto_commit: false`` (or a commit git refused while a merge was open) the files stay saved and
uncommitted until ``sync``. Who saved each is kept in this clone (``store.pending``), so ``sync`` commits each
officer's files under their own name: ``history`` does not credit everything to whoever synced."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, assert_clean_exit, intake_answers, minimal_intake, write_answers
from tests.team_helpers import git, make_team, trailers

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def _no_auto_commit(book: Book) -> None:
    path = book.root / "bapascase.yaml"
    data = yamlio.load(path)
    data["auto_commit"] = False
    path.write_text(yamlio.dumps(data, header=path.read_text(encoding="utf-8").splitlines()[0]), encoding="utf-8")
    git(book.root, "commit", "-qam", "auto_commit off")


def test_sync_commits_each_officers_files_under_their_name(book: Book, tmp_path: Path) -> None:
    team = make_team(book, tmp_path)
    first, second = team.a.new(), team.a.new(minimal_intake())
    team.sync(team.a)
    _no_auto_commit(team.a)
    assert_clean_exit(team.a.run("checkin", first), 0)  # Hendra, at his keyboard
    assert_clean_exit(team.a.run("--as", "Sri Rahayu", "checkin", second), 0)  # Sri, on Hendra's computer
    pending = json.loads((team.a.root / ".bapascase" / "pending-officers.json").read_text(encoding="utf-8"))
    assert sorted(v.split(": ", 1)[1].split(" (")[0] for v in pending.values()) == ["Hendra Saputra", "Sri Rahayu"]
    team.sync(team.a)
    subjects = git(team.a.root, "log", "--format=%H %s", "-3").splitlines()
    saved = [line.split(" ", 1)[0] for line in subjects if "saved file" in line]
    assert len(saved) == 2, subjects
    by = {trailers(team.a, rev)[0].split(" (")[0]: git(team.a.root, "show", "--name-only", "--format=", rev).split()
          for rev in saved}
    assert by == {"Hendra Saputra": [p for p in by["Hendra Saputra"] if f"cases/{first}/monitoring/" in p],
                  "Sri Rahayu": [p for p in by["Sri Rahayu"] if f"cases/{second}/monitoring/" in p]}
    assert all(by.values())
    history = json.loads(team.a.run("history", second, "--json").stdout)["commits"]
    checkins = [c for c in history if any("/monitoring/" in f for f in c["files"])]
    assert [c["officer"].split(" (")[0] for c in checkins] == ["Sri Rahayu"], checkins
    assert not (team.a.root / ".bapascase" / "pending-officers.json").exists()  # all committed: nothing kept


def test_a_file_committed_by_hand_is_no_longer_pending(book: Book, tmp_path: Path) -> None:
    team = make_team(book, tmp_path)
    case_id = team.a.new()
    team.sync(team.a)
    _no_auto_commit(team.a)
    assert_clean_exit(team.a.run("checkin", case_id), 0)
    git(team.a.root, "add", "-A", "cases")
    git(team.a.root, "commit", "-qm", "by hand")
    team.sync(team.a)
    assert not (team.a.root / ".bapascase" / "pending-officers.json").exists()


def test_an_import_kept_uncommitted_is_committed_under_the_importing_officer(book: Book, tmp_path: Path) -> None:
    team = make_team(book, tmp_path)
    _no_auto_commit(team.a)
    people = [intake_answers(identity={"name": n, "nik": f"12710512059000{i:02d}"})
              for i, n in enumerate(("Siti Aminah", "Joko Susilo"), 11)]
    source = write_answers(tmp_path / "import.yaml", people)
    assert_clean_exit(team.a.run("--as", "Sri Rahayu", "import", str(source), "--no-input"), 0)
    pending = json.loads((team.a.root / ".bapascase" / "pending-officers.json").read_text(encoding="utf-8"))
    assert len(pending) == 2 and all("Sri Rahayu" in v for v in pending.values()), pending
    team.sync(team.a)  # Hendra syncs
    rev = git(team.a.root, "log", "--format=%H", "-1", "--", "cases").strip()
    assert trailers(team.a, rev)[0].split(" (")[0] == "Sri Rahayu"
    assert len([f for f in git(team.a.root, "show", "--name-only", "--format=", rev).split()
                if f.endswith("/case.yaml")]) == 2
    assert not (team.a.root / ".bapascase" / "pending-officers.json").exists()
