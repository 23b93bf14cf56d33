"""``edit CASE STAGE``: the editor works on a private copy; a valid edit is saved exactly as written and committed,
an invalid one is listed with lines and the original kept; interactive runs offer to reopen the editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from bapascase.store import yamlio
from tests.helpers import NO, YES, Book, assert_clean_exit, interactive
from tests.stage_helpers import answers, entry_rel, git_clean, git_log, make_editor, record_ok, through

# a casebook without git, but for the tests that check what edit commits (marked git(True))
pytestmark = pytest.mark.git(False)


@pytest.fixture
def case_id(book: Book) -> str:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor")
    record_ok(book, "monitor", case_id, answers("monitor", date="2026-05-31"))
    return case_id


def edits_dir(book: Book) -> Path:
    return book.root / ".bapascase" / "edits"


@pytest.mark.git(True)
def test_a_valid_edit_is_saved_as_written_and_committed(book: Book, case_id: str, tmp_path: Path) -> None:
    plan = book.cases / case_id / "plan.yaml"
    before = plan.read_text(encoding="utf-8")
    editor = make_editor(tmp_path / "ed", [
        ("objective: Klien tidak mengonsumsi alkohol",
         "objective: Klien berhenti minum tuak  # disepakati 20 Mei\n  # indikator menyusul"),
    ])
    result = book.run("edit", case_id, "plan", env=editor.env)
    assert_clean_exit(result, 0)
    assert result.stdout.strip() == f"Tersimpan: cases/{case_id}/plan.yaml"
    expected = before.replace("objective: Klien tidak mengonsumsi alkohol",
                              "objective: Klien berhenti minum tuak  # disepakati 20 Mei\n  # indikator menyusul")
    assert plan.read_text(encoding="utf-8") == expected  # byte for byte: comments and layout kept
    assert yamlio.load(plan)["goals"][2]["objective"] == "Klien berhenti minum tuak"
    # the editor never touched the original: it worked on a private copy, removed afterwards
    assert len(editor.edited) == 1
    copy = Path(editor.edited[0])
    assert copy != plan and copy.parent == edits_dir(book)
    assert not copy.exists()
    assert git_log(book.root)[0] == f"edit plan: {case_id}"
    assert git_clean(book.root)


@pytest.mark.git(True)
def test_an_invalid_edit_without_a_terminal_keeps_the_original(book: Book, case_id: str, tmp_path: Path) -> None:
    entry = book.cases / case_id / entry_rel(book, case_id, "monitoring/2026-05-31.yaml")
    before = entry.read_bytes()
    commits = git_log(book.root)
    editor = make_editor(tmp_path / "ed", [("status: hadir", "status: hadri"), ("engagement: 4", "engagement: 9")])
    result = book.run("edit", case_id, "monitoring", env=editor.env)
    assert_clean_exit(result, 1)
    lines = result.stderr.strip().splitlines()
    status_line = next(i for i, t in enumerate(before.decode().splitlines(), 1) if t.strip() == "status: hadir")
    engagement_line = next(i for i, t in enumerate(before.decode().splitlines(), 1) if "engagement: 4" in t)
    name = entry.name
    rel = f"cases/{case_id}/monitoring/{name}"
    kept = f".bapascase/edits/{case_id}--monitoring--{name}"
    assert lines == [
        f"{rel}:{status_line}: wajib_lapor.status: 'hadri' bukan pilihan yang sah; pilih salah satu: hadir, "
        "jarak_jauh, tidak_hadir (maksud Anda 'hadir'?)",
        f"{rel}:{engagement_line}: ratings.engagement: maksimal 5",
        f"Berkas asli tidak berubah; suntingan Anda disimpan di {kept}.",
    ]
    assert entry.read_bytes() == before
    assert "status: hadri" in (book.root / kept).read_text(encoding="utf-8")
    assert git_log(book.root) == commits
    assert len(editor.edited) == 1  # not reopened without a terminal


@pytest.mark.git(True)
def test_an_invalid_edit_is_reopened_until_it_is_valid(book: Book, case_id: str, tmp_path: Path) -> None:
    entry = book.cases / case_id / entry_rel(book, case_id, "monitoring/2026-05-31.yaml")
    before = entry.read_text(encoding="utf-8")
    editor = make_editor(tmp_path / "ed", [("status: hadir", "status: hadri")], [("hadri", "jarak_jauh")],
                         [("status: jarak_jauh", "status: jarak_jauh\n  reason: Sakit")])
    result = interactive(["edit", case_id, "monitoring"], [YES, YES], casebook=book.root, env=editor.env)
    assert_clean_exit(result, 0)
    assert len(editor.edited) == 3 and len(set(editor.edited)) == 1  # the same copy, edited further each time
    # the errors of each round were shown before asking to reopen
    assert "wajib_lapor.status: 'hadri' bukan pilihan yang sah" in result.stderr
    assert "wajib_lapor.reason: " in result.stderr
    assert entry.read_text(encoding="utf-8") == before.replace("status: hadir", "status: jarak_jauh\n  reason: Sakit")
    assert git_log(book.root)[0] == f"edit monitoring: {case_id}"


def test_giving_up_keeps_the_original_and_the_copy(book: Book, case_id: str, tmp_path: Path) -> None:
    plan = book.cases / case_id / "plan.yaml"
    before = plan.read_bytes()
    editor = make_editor(tmp_path / "ed", [("id: T3", "id: T1")])  # a duplicate goal id
    result = interactive(["edit", case_id, "plan"], [NO], casebook=book.root, env=editor.env)
    assert_clean_exit(result, 1)
    assert "goals[2].id: " in result.stderr
    assert result.stderr.count("goals[2].id: ") == 1
    assert plan.read_bytes() == before
    assert f".bapascase/edits/{case_id}--plan.yaml" in result.stderr
    assert (edits_dir(book) / f"{case_id}--plan.yaml").is_file()


def test_a_goal_the_plan_lacks_is_refused_with_its_line(book: Book, case_id: str, tmp_path: Path) -> None:
    entry = book.cases / case_id / entry_rel(book, case_id, "monitoring/2026-05-31.yaml")
    text = entry.read_text(encoding="utf-8")
    line = text.splitlines().index("- goal_id: T3") + 1
    editor = make_editor(tmp_path / "ed", [("goal_id: T3", "goal_id: T8")])
    result = book.run("edit", case_id, "monitoring", env=editor.env)
    assert_clean_exit(result, 1)
    assert result.stderr.splitlines()[0] == (
        f"cases/{case_id}/monitoring/{entry.name}:{line}: progress[2].goal_id: "
        "tujuan 'T8' tidak ada di rencana (ada: T1, T2, T3)")
    assert entry.read_text(encoding="utf-8") == text


@pytest.mark.git(True)
def test_no_change(book: Book, case_id: str, tmp_path: Path) -> None:
    commits = git_log(book.root)
    editor = make_editor(tmp_path / "ed", [])
    result = book.run("edit", case_id, "engagement", env=editor.env)
    assert_clean_exit(result, 0)
    assert result.stdout.strip() == f"Tidak ada perubahan: cases/{case_id}/engagement.yaml"
    assert git_log(book.root) == commits
    assert not any(edits_dir(book).iterdir())


def test_no_change_in_english(book: Book, case_id: str, tmp_path: Path) -> None:
    editor = make_editor(tmp_path / "ed", [])
    result = book.run("--lang", "en", "edit", case_id, "plan", env=editor.env)
    assert_clean_exit(result, 0)
    assert result.stdout.strip() == f"No changes: cases/{case_id}/plan.yaml"


def test_entry_picks_a_monitoring_entry(book: Book, case_id: str, tmp_path: Path) -> None:
    editor = make_editor(tmp_path / "ed", [("status: hadir", "status: tidak_hadir")])
    result = book.run("edit", case_id, "monitoring", "--entry", "2026-04-30", env=editor.env)
    assert_clean_exit(result, 0)
    first = yamlio.load(book.cases / case_id / entry_rel(book, case_id, "monitoring/2026-04-30.yaml"))
    latest = yamlio.load(book.cases / case_id / entry_rel(book, case_id, "monitoring/2026-05-31.yaml"))
    assert first["wajib_lapor"]["status"] == "tidak_hadir"
    assert latest["wajib_lapor"]["status"] == "hadir"


def test_without_entry_the_latest_is_edited(book: Book, case_id: str, tmp_path: Path) -> None:
    editor = make_editor(tmp_path / "ed", [])
    result = book.run("edit", case_id, "monitoring", env=editor.env)
    assert_clean_exit(result, 0)
    assert result.stdout.strip().endswith(entry_rel(book, case_id, "monitoring/2026-05-31.yaml"))


def test_an_unknown_entry_lists_the_known_ones(book: Book, case_id: str, tmp_path: Path) -> None:
    editor = make_editor(tmp_path / "ed", [])
    result = book.run("edit", case_id, "monitoring", "--entry", "2025-01-01", env=editor.env)
    assert_clean_exit(result, 1)
    known = ", ".join(entry_rel(book, case_id, f"monitoring/{d}.yaml").split("/")[1] for d in ("2026-04-30", "2026-05-31"))
    assert result.stderr.strip() == f"Entri '2025-01-01' tidak ada (ada: {known})."
    assert editor.edited == []


def test_a_closed_case_is_refused(book: Book, case_id: str, tmp_path: Path) -> None:
    record_ok(book, "close", case_id, {"date": "2026-06-15", "ground": "meninggal", "death_date": "2026-06-14"})
    editor = make_editor(tmp_path / "ed", [("status: hadir", "status: tidak_hadir")])
    result = book.run("edit", case_id, "monitoring", env=editor.env)
    assert_clean_exit(result, 1)
    assert f"bapascase reopen {case_id} --reason" in result.stderr
    assert editor.edited == []


def test_a_stage_not_recorded_yet(book: Book, tmp_path: Path) -> None:
    case_id = book.new()
    editor = make_editor(tmp_path / "ed", [])
    result = book.run("edit", case_id, "plan", env=editor.env)
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == (
        f"Rencana intervensi untuk {case_id} belum dicatat; jalankan `bapascase plan {case_id}`.")


def test_the_intake_can_be_edited(book: Book, tmp_path: Path) -> None:
    case_id = book.new()
    editor = make_editor(tmp_path / "ed", [("occupation: Buruh bangunan", "occupation: Tukang pangkas")])
    result = book.run("edit", case_id, "case", env=editor.env)
    assert_clean_exit(result, 0)
    assert yamlio.load(book.cases / case_id / "case.yaml")["identity"]["occupation"] == "Tukang pangkas"


def test_an_unknown_stage_name(book: Book, case_id: str) -> None:
    """A wrong choice is a usage error (exit 2), as ``schema nope`` and ``report --kind nope`` are; the message
    lists the documents, where the near miss ``monitoring`` is seen."""
    result = book.run("edit", case_id, "monitor")
    assert_clean_exit(result, 2)
    assert result.stderr.startswith("Dokumen tidak dikenal: monitor. Pilih salah satu: case, litmas, engagement")
    assert "monitoring" in result.stderr


def test_a_missing_editor_is_a_clear_error(book: Book, case_id: str) -> None:
    result = book.run("edit", case_id, "plan", env={"EDITOR": "no-such-editor-xyz", "VISUAL": ""})
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == "Editor tidak ditemukan: no-such-editor-xyz. Atur VISUAL atau EDITOR."


def test_visual_wins_over_editor(book: Book, case_id: str, tmp_path: Path) -> None:
    visual = make_editor(tmp_path / "ed", [], name="visual")
    editor = make_editor(tmp_path / "ed", [], name="editor")
    result = book.run("edit", case_id, "plan", env={"VISUAL": visual.command, "EDITOR": editor.command})
    assert_clean_exit(result, 0)
    assert len(visual.edited) == 1 and editor.edited == []


def test_an_editor_that_aborts_saves_nothing(book: Book, case_id: str, tmp_path: Path) -> None:
    plan = book.cases / case_id / "plan.yaml"
    before = plan.read_bytes()
    editor = make_editor(tmp_path / "ed", [("no such text", "x")])  # the stand-in exits 1, like vim's :cq
    result = book.run("edit", case_id, "plan", env=editor.env)
    assert_clean_exit(result, 1)
    assert "kode 1" in result.stderr and "tidak ada yang disimpan" in result.stderr
    assert plan.read_bytes() == before


def test_a_kept_copy_never_overwrites_a_file_changed_since(book: Book, case_id: str, tmp_path: Path) -> None:
    entry = book.cases / case_id / entry_rel(book, case_id, "monitoring/2026-05-31.yaml")
    bad = make_editor(tmp_path / "bad", [("status: hadir", "status: hadri")])
    assert_clean_exit(book.run("edit", case_id, "monitoring", env=bad.env), 1)  # copy kept
    # meanwhile the file changes (a colleague's edit pulled with sync, say)
    entry.write_text(entry.read_text(encoding="utf-8").replace("engagement: 4", "engagement: 3"), encoding="utf-8")
    good = make_editor(tmp_path / "good", [("behaviour_change: 4", "behaviour_change: 5")])
    result = book.run("edit", case_id, "monitoring", env=good.env)
    assert_clean_exit(result, 0)
    text = entry.read_text(encoding="utf-8")
    assert "engagement: 3" in text and "behaviour_change: 5" in text and "hadri" not in text
    assert "suntingan lama dipindah" in result.stderr
    assert list(edits_dir(book).glob("*.stale-*"))


def test_an_ambiguous_entry_prefix_is_refused(book: Book, case_id: str, tmp_path: Path) -> None:
    editor = make_editor(tmp_path / "ed", [("x", "y")])
    result = book.run("edit", case_id, "monitoring", "--entry", "2026-", env=editor.env)
    assert_clean_exit(result, 1)
    assert "cocok dengan beberapa berkas" in result.stderr
    assert editor.edited == []

