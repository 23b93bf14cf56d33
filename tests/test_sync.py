"""A casebook shared by a team through a real git remote: a bare repository and three clones (Hendra the PK,
Maria the praktikan, Sri who joins later), synced with ``bapascase sync`` as they would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, assert_clean_exit, interactive, minimal_intake, pick
from tests.stage_helpers import answers, record_ok, through
from tests.team_helpers import (
    Team,
    clean,
    closed_port,
    git,
    head,
    log,
    make_team,
    refusing_server,
    trailers,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


@pytest.fixture
def team(book: Book, tmp_path: Path) -> Team:
    return make_team(book, tmp_path)


@pytest.fixture
def planned(team: Team) -> tuple[Team, str]:
    """Hendra registered a client up to the plan and synced; Maria has it too."""
    case_id = team.a.new()
    through(team.a, case_id, "engage", "assess", "plan")
    team.sync(team.a)
    team.sync(team.b)
    return team, case_id


def entries(book: Book, case_id: str, folder: str) -> list[str]:
    where = book.cases / case_id / folder
    return sorted(p.name for p in where.glob("*.yaml")) if where.is_dir() else []


# -- names that never collide ---------------------------------------------------------------------------------


def test_same_day_entries_from_two_clones_arrive_in_both(planned: tuple[Team, str]) -> None:
    team, case_id = planned
    record_ok(team.a, "monitor", case_id)
    record_ok(team.b, "monitor", case_id)  # the same client, the same day, another clone
    record_ok(team.b, "intervene", case_id)
    record_ok(team.a, "intervene", case_id)
    team.sync(team.a)
    came = team.sync(team.b, "--json")
    report = json.loads(came.stdout)
    assert report["remote"] == "origin" and report["sent"] >= 2
    kinds = {(x["kind"], x["stage"], x["by"]) for x in report["arrivals"]}
    assert ("entry", "monitoring", "Hendra Saputra") in kinds and ("entry", "intervention", "Hendra Saputra") in kinds
    team.sync(team.a)
    for book in (team.a, team.b):
        assert len(entries(book, case_id, "monitoring")) == 2
        assert len(entries(book, case_id, "interventions")) == 2
        assert clean(book)
        assert_clean_exit(book.run("check"), 0)
    assert entries(team.a, case_id, "monitoring") == entries(team.b, case_id, "monitoring")
    # who recorded what stays in the history: each entry's commit names its officer
    assert "Maria Simanjuntak" in git(team.a.root, "log", "--format=%(trailers:key=Officer,valueonly)")


@pytest.mark.slow
def test_same_day_transfers_from_two_clones_and_what_came_in(planned: tuple[Team, str]) -> None:
    team, case_id = planned
    assert_clean_exit(team.a.run("transfer", case_id, "--to", "Sri Rahayu"), 0)
    assert_clean_exit(team.b.run("transfer", case_id, "--to", "Sri Rahayu", "--reason", "Mutasi"), 0)
    new_case = team.b.new(minimal_intake(), "siti.yaml")
    team.sync(team.b)
    result = team.sync(team.a)
    # what came in, in the officer's language, by whom
    assert "Masuk dari origin:" in result.stdout
    assert f"kasus baru {new_case}, oleh Maria Simanjuntak" in result.stdout
    line = next(ln for ln in result.stdout.splitlines() if f"Pengalihan PK baru untuk {case_id} (" in ln)
    assert line.endswith("), oleh Maria Simanjuntak")
    assert "Terkirim ke origin: " in result.stdout
    team.sync(team.b)
    team.sync(team.c)  # Sri joins: everything is there
    for book in (team.a, team.b, team.c):
        assert len(entries(book, case_id, "transfers")) == 2
        assert (book.cases / new_case / "case.yaml").is_file()
        assert clean(book)
        assert_clean_exit(book.run("check"), 0)
    assert head(team.a) == head(team.b) == head(team.c)


# -- field-level merges --------------------------------------------------------------------------------------


def _plan(**goal_changes: dict[str, str]) -> dict[str, object]:
    data = answers("plan")
    goals = data["goals"]
    assert isinstance(goals, list)
    for goal in goals:
        goal.update(goal_changes.get(goal["id"], {}))
    return data


def test_different_fields_of_one_plan_merge_and_comments_stay(planned: tuple[Team, str]) -> None:
    team, case_id = planned
    # Maria annotates the plan by hand and commits it (sync commits what is saved)
    plan_b = team.b.cases / case_id / "plan.yaml"
    text = plan_b.read_text(encoding="utf-8")
    text = text.replace("- id: T2\n", "# T2 disepakati bersama istri klien\n- id: T2\n")
    plan_b.write_text(text, encoding="utf-8")
    # each changes a different field of the same plan
    record_ok(team.a, "plan", case_id, _plan(T2={"objective": "Klien membuka usaha pangkas rambut sendiri"}))
    record_ok(team.b, "plan", case_id, _plan(T1={"target_date": "2026-08-31"}))
    assert "# T2 disepakati bersama istri klien" in plan_b.read_text(encoding="utf-8")  # recording kept it
    team.sync(team.a)
    result = team.sync(team.b)
    assert "Rencana intervensi" in result.stdout and "Hendra Saputra" in result.stdout
    team.sync(team.a)
    for book in (team.a, team.b):
        plan = book.cases / case_id / "plan.yaml"
        data = yamlio.load(plan)
        goals = {g["id"]: g for g in data["goals"]}
        assert goals["T2"]["objective"] == "Klien membuka usaha pangkas rambut sendiri"
        assert str(goals["T1"]["target_date"]) == "2026-08-31"
        assert "# T2 disepakati bersama istri klien" in plan.read_text(encoding="utf-8")
        assert clean(book)
        assert_clean_exit(book.run("check"), 0)


def _same_field(team: Team, case_id: str) -> None:
    record_ok(team.a, "plan", case_id, _plan(T2={"objective": "Klien membuka usaha pangkas rambut sendiri"}))
    record_ok(team.b, "plan", case_id, _plan(T2={"objective": "Klien bekerja di pangkas rambut milik jemaat"}))
    team.sync(team.a)


def test_the_same_field_is_chosen_on_a_terminal(planned: tuple[Team, str]) -> None:
    team, case_id = planned
    _same_field(team, case_id)
    # the choices: this computer's version (highlighted), the remote's, keep both; Maria takes Hendra's
    result = interactive(["sync"], [pick(1)], casebook=team.b.root)
    assert_clean_exit(result, 0)
    assert "Di komputer ini" in result.stdout and "Dari origin (Hendra Saputra)" in result.stdout
    assert "Klien bekerja di pangkas rambut milik jemaat" in result.stdout  # both values shown side by side
    assert "Klien membuka usaha pangkas rambut sendiri" in result.stdout
    assert "Dipilih versi dari remote" in result.stdout and "goals[1].objective" in result.stdout
    plan = yamlio.load(team.b.cases / case_id / "plan.yaml")
    assert plan["goals"][1]["objective"] == "Klien membuka usaha pangkas rambut sendiri"
    assert clean(team.b) and git(team.b.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False) == ""
    team.sync(team.a)
    assert head(team.a) == head(team.b)
    assert_clean_exit(team.a.run("check"), 0)


@pytest.mark.slow
def test_an_interrupted_choice_says_how_to_go_on_or_back(planned: tuple[Team, str]) -> None:
    team, case_id = planned
    _same_field(team, case_id)
    before = head(team.b)
    stopped = interactive(["sync"], [], casebook=team.b.root)  # the terminal goes away at the question
    assert_clean_exit(stopped, 130)
    assert "`bapascase sync` untuk melanjutkan memilih" in stopped.stderr and "sync --abort" in stopped.stderr
    assert "Sinkron belum selesai (merge)" in team.b.run("check").stderr
    finished = interactive(["sync"], [pick(1)], casebook=team.b.root)
    assert_clean_exit(finished, 0)
    assert git(team.b.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False) == "" and clean(team.b)
    assert head(team.b) != before
    assert yamlio.load(team.b.cases / case_id / "plan.yaml")["goals"][1]["objective"] == (
        "Klien membuka usaha pangkas rambut sendiri")


@pytest.mark.slow
def test_the_same_field_without_input_keeps_both_and_stops(planned: tuple[Team, str]) -> None:
    team, case_id = planned
    _same_field(team, case_id)
    remote_before = git(team.remote, "rev-parse", "HEAD").strip()
    result = team.sync(team.b, "--no-input", code=1)
    rel = f"cases/{case_id}/plan.yaml"
    assert "Sinkron berhenti: 1 kolom diubah di dua tempat" in result.stderr
    assert f"{rel}:" in result.stderr and "goals[1].objective" in result.stderr
    assert "Traceback" not in result.stderr
    # nothing sent, nothing left half-done: the merge is committed with both versions in the file
    assert git(team.remote, "rev-parse", "HEAD").strip() == remote_before
    assert clean(team.b) and git(team.b.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False) == ""
    both = yamlio.load(team.b.cases / case_id / "plan.yaml")["goals"][1]["objective"]
    assert both == {"_conflict": {"here": "Klien bekerja di pangkas rambut milik jemaat",
                                  "there": "Klien membuka usaha pangkas rambut sendiri"}}
    # check flags it, naming both values and how to resolve
    check = team.b.run("check")
    assert_clean_exit(check, 1)
    assert f"{rel}:" in check.stderr and "goals[1].objective: dua versi disimpan oleh sinkron" in check.stderr
    assert '"Klien bekerja di pangkas rambut milik jemaat"' in check.stderr
    # show and the other read commands still work
    assert_clean_exit(team.b.run("show", case_id), 0)
    # another --no-input sync still refuses to send it
    again = team.sync(team.b, "--no-input", code=1)
    assert "goals[1].objective" in again.stderr
    # on a terminal, Maria keeps her own version; then everything is sent
    chosen = interactive(["sync"], [pick(0)], casebook=team.b.root)
    assert_clean_exit(chosen, 0)
    assert "Dipilih versi di komputer ini" in chosen.stdout
    assert yamlio.load(team.b.cases / case_id / "plan.yaml")["goals"][1]["objective"] == (
        "Klien bekerja di pangkas rambut milik jemaat")
    team.sync(team.a)
    assert head(team.a) == head(team.b)
    assert_clean_exit(team.a.run("check"), 0)


# -- a remote that cannot be reached, or refuses us ------------------------------------------------------------


def test_no_remote_says_how_to_add_one(book: Book) -> None:
    result = book.run("sync")
    assert_clean_exit(result, 1)
    assert "git remote add origin URL" in result.stderr


def test_an_unreachable_remote_is_not_a_conflict(team: Team) -> None:
    case_id = team.a.new()
    git(team.a.root, "remote", "set-url", "origin", f"http://127.0.0.1:{closed_port()}/bapas/casebook.git")
    path = team.a.cases / case_id / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# kunjungan rumah dijadwalkan\n", encoding="utf-8")
    result = team.sync(team.a, code=1)
    assert "tidak dapat dihubungi" in result.stderr
    assert "Semua sudah tersimpan dan di-commit di sini; akan dikirim pada sinkron berikutnya." in result.stderr
    assert "Konflik" not in result.stderr and "Traceback" not in result.stderr
    assert clean(team.a)  # the hand edit was committed before trying the remote
    assert log(team.a)[0].startswith("sync: commit 1 saved file")
    # a remote folder that is not there (a USB drive not plugged in) is unreachable too
    git(team.a.root, "remote", "set-url", "origin", str(team.remote.parent / "usb" / "casebook.git"))
    english = team.a.run("--lang", "en", "sync")
    assert_clean_exit(english, 1)
    assert "cannot be reached" in english.stderr and "it will be sent at the next sync" in english.stderr


def test_refused_credentials_are_named_as_such(team: Team) -> None:
    with refusing_server() as url:
        git(team.a.root, "remote", "set-url", "origin", url.replace("http://", "http://hendra:rahasia@"))
        result = team.sync(team.a, code=1)
    assert "menolak akses" in result.stderr and "kunci SSH, token, atau kata sandi" in result.stderr
    assert "rahasia" not in result.stderr  # the password in the URL is never printed
    assert "tidak dapat dihubungi" not in result.stderr


# -- unfinished syncs ----------------------------------------------------------------------------------------


def test_a_file_that_cannot_merge_field_by_field_leaves_nothing_half_done(team: Team) -> None:
    readme_a = team.a.root / "templates" / "README.md"
    readme_a.write_text(readme_a.read_text(encoding="utf-8") + "Templat kantor Medan.\n", encoding="utf-8")
    team.sync(team.a)
    readme_b = team.b.root / "templates" / "README.md"
    readme_b.write_text(readme_b.read_text(encoding="utf-8") + "Templat kantor Binjai.\n", encoding="utf-8")
    before = head(team.b)
    result = team.sync(team.b, code=1)
    assert "templates/README.md" in result.stderr and "Tidak ada yang berubah di sini" in result.stderr
    assert git(team.b.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False) == ""
    assert clean(team.b)
    assert git(team.b.root, "rev-parse", "HEAD~0").strip() != before  # the edit itself was committed
    assert "Binjai" in readme_b.read_text(encoding="utf-8")


def test_sync_abort_undoes_an_unfinished_merge(team: Team) -> None:
    readme_a = team.a.root / "templates" / "README.md"
    readme_a.write_text("Medan\n", encoding="utf-8")
    team.sync(team.a)
    readme_b = team.b.root / "templates" / "README.md"
    readme_b.write_text("Binjai\n", encoding="utf-8")
    git(team.b.root, "commit", "-qam", "local")
    before = head(team.b)
    git(team.b.root, "pull", "-q", "--no-rebase", "--no-edit", check=False)  # by hand: stops on the conflict
    assert git(team.b.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()
    check = team.b.run("check")
    assert "Sinkron belum selesai (merge)" in check.stderr and "bapascase sync --abort" in check.stderr
    result = team.b.run("sync", "--abort")
    assert_clean_exit(result, 0)
    assert "dibatalkan" in result.stdout
    assert head(team.b) == before and clean(team.b)
    assert readme_b.read_text(encoding="utf-8") == "Binjai\n"
    nothing = team.b.run("sync", "--abort")
    assert_clean_exit(nothing, 0)
    assert "Tidak ada sinkron yang belum selesai." in nothing.stdout


def test_every_commit_names_the_officer(team: Team) -> None:
    case_id = team.b.new(minimal_intake(), "siti.yaml")
    assert trailers(team.b) == ["Maria Simanjuntak"]
    assert_clean_exit(team.b.run("--as", "Sri", "transfer", case_id, "--to", "Sri Rahayu"), 0)
    assert trailers(team.b) == ["Sri Rahayu (199001012015032001)"]
    assert log(team.b)[0] == f"transfer: {case_id} -> Sri Rahayu"
    # a name that is not a listed officer stops the command before anything is recorded
    refused = team.b.run("--as", "Budi", "transfer", case_id, "--to", "Hendra Saputra")
    assert_clean_exit(refused, 1)
    assert "Petugas 'Budi' (--as) tidak ada di daftar petugas bapascase.yaml" in refused.stderr
    assert log(team.b)[0] == f"transfer: {case_id} -> Sri Rahayu"


@pytest.mark.slow
def test_a_setting_changed_both_ways_is_put_right_by_sync_itself(team: Team) -> None:
    for book, phone in ((team.a, "061-7861234"), (team.b, "061-7869999")):
        path = book.root / "bapascase.yaml"
        data = yamlio.load(path)
        data["office"]["phone"] = phone
        path.write_text(yamlio.dumps(data), encoding="utf-8")
    team.sync(team.a)
    stopped = team.sync(team.b, "--no-input", code=1)
    assert "bapascase.yaml:" in stopped.stderr and "office.phone" in stopped.stderr
    # every command now names the setting kept both ways; the read commands go on, with this clone's value ...
    listing = team.b.run("list")
    assert_clean_exit(listing, 0)
    assert "office.phone: dua versi disimpan oleh sinkron" in listing.stderr
    assert "Sampai dipilih, dipakai versi di komputer ini" in listing.stderr
    # ... and sync, which needs the settings least, puts it right
    chosen = interactive(["sync"], [pick(1)], casebook=team.b.root)
    assert_clean_exit(chosen, 0)
    assert yamlio.load(team.b.root / "bapascase.yaml")["office"]["phone"] == "061-7861234"
    assert_clean_exit(team.b.run("list"), 0)
    team.sync(team.a)
    assert head(team.a) == head(team.b)


def test_check_names_a_clone_without_the_merge_driver_and_fix_sets_it_up(team: Team, tmp_path: Path) -> None:
    fresh = tmp_path / "kasubsi"
    git(tmp_path, "clone", "-q", str(team.remote), str(fresh))  # cloned with git alone: no driver configured
    book = Book(fresh)
    check = book.run("check")
    assert_clean_exit(check, 0)  # a notice: the data is fine
    assert "Penggabungan per kolom belum disiapkan di clone ini (konfigurasi git)" in check.stderr
    fixed = book.run("check", "--fix")
    assert_clean_exit(fixed, 0)
    assert "Penggabungan per kolom" not in fixed.stderr
    driver = git(fresh, "config", "--get", "merge.bapascase.driver").strip()
    assert driver.endswith("-m bapascase.store.merge %O %A %B %P")
    assert git(fresh, "check-attr", "merge", "--", "cases/x/plan.yaml").strip().endswith("merge: bapascase")
