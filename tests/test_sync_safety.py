"""Nothing an officer recorded is lost to a sync, and nothing reaches the colleagues unasked: entries recorded
while a merge or rebase is open, a merge resolved by hand, a case removed by hand, files that are not the
casebook's. Real git: a bare remote and clones (``tests/team_helpers.py``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, assert_clean_exit, minimal_intake
from tests.team_helpers import Team, clean, git, head, log, make_team

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


@pytest.fixture
def team(book: Book, tmp_path: Path) -> Team:
    return make_team(book, tmp_path)


@pytest.fixture
def shared(team: Team) -> tuple[Team, str]:
    """A client Hendra registered, synced to Maria."""
    case_id = team.a.new()
    team.sync(team.a)
    team.sync(team.b)
    return team, case_id


def _readme_clash(team: Team) -> None:
    """Maria's hand ``git pull`` stops on a conflict in a file that is not a document."""
    readme_a = team.a.root / "templates" / "README.md"
    readme_a.write_text("Medan\n", encoding="utf-8")
    team.sync(team.a)
    readme_b = team.b.root / "templates" / "README.md"
    readme_b.write_text("Binjai\n", encoding="utf-8")
    git(team.b.root, "commit", "-qam", "local")
    git(team.b.root, "pull", "-q", "--no-rebase", "--no-edit", check=False)
    assert git(team.b.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()


def _monitoring(book: Book, case_id: str) -> list[Path]:
    return sorted((book.cases / case_id / "monitoring").glob("*.yaml"))


def _checkin_commits(book: Book) -> int:
    return sum(1 for s in git(book.root, "log", "--all", "--format=%s").splitlines() if "monitoring" in s)


# -- 1. entries recorded while a merge or a rebase is open -----------------------------------------------------


def test_a_checkin_during_an_open_merge_survives_abort_and_is_committed_by_the_next_sync(
        shared: tuple[Team, str]) -> None:
    team, case_id = shared
    _readme_clash(team)
    recorded = team.b.run("checkin", case_id, "--note", "kunjungan penting")
    assert_clean_exit(recorded, 0)
    assert "belum di-commit" in recorded.stderr and "ada merge git yang belum selesai" in recorded.stderr
    assert "partial commit" not in recorded.stderr  # git's English is not the message
    [entry] = _monitoring(team.b, case_id)
    rel = str(entry.relative_to(team.b.root))
    assert git(team.b.root, "status", "--porcelain", "--", rel).startswith("??")  # saved, not staged
    aborted = team.b.run("sync", "--abort")
    assert_clean_exit(aborted, 0)
    assert entry.is_file() and "kunjungan penting" in entry.read_text(encoding="utf-8")
    # the next sync commits it first (the README still clashes: that merge is undone, the entry stays committed)
    team.sync(team.b, "--no-input", code=1)
    assert entry.is_file() and git(team.b.root, "ls-files", "--", rel).strip() == rel
    assert log(team.b)[0] == "sync: commit 1 saved file(s)"


def test_abort_refuses_while_a_file_changed_after_the_merge_began_would_be_lost(shared: tuple[Team, str]) -> None:
    team, case_id = shared
    _readme_clash(team)
    case_file = team.b.case_file(case_id)
    case_file.write_text(case_file.read_text(encoding="utf-8") + "# alamat baru dicatat saat merge\n",
                         encoding="utf-8")
    refused = team.b.run("sync", "--abort")
    assert_clean_exit(refused, 1)
    assert "`sync --abort` tidak dijalankan" in refused.stderr and f"cases/{case_id}/case.yaml" in refused.stderr
    assert git(team.b.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()  # nothing undone
    assert "alamat baru dicatat saat merge" in case_file.read_text(encoding="utf-8")


def _same_line_changed(team: Team, case_id: str, job_a: str, job_b: str) -> None:
    """Both clones change the client's occupation; A sends its change, B commits its own by hand."""
    for book, job in ((team.a, job_a), (team.b, job_b)):
        path = book.case_file(case_id)
        data = yamlio.load(path)
        data["identity"]["occupation"] = job
        path.write_text(yamlio.dumps(data), encoding="utf-8")
    team.sync(team.a)
    git(team.b.root, "commit", "-qam", "hand edit")


def _rebase_clash(team: Team, case_id: str) -> None:
    _same_line_changed(team, case_id, "Nelayan", "Buruh")
    git(team.b.root, "-c", "merge.bapascase.driver=false", "pull", "-q", "--rebase", check=False)
    assert git(team.b.root, "rev-parse", "--git-path", "rebase-merge").strip()
    assert (team.b.root / git(team.b.root, "rev-parse", "--git-path", "rebase-merge").strip()).is_dir()


def test_a_checkin_during_a_rebase_is_not_committed_on_its_detached_head_and_survives_abort(
        shared: tuple[Team, str]) -> None:
    team, case_id = shared
    other = team.a.new(minimal_intake(), "siti.yaml")
    team.sync(team.a)
    team.sync(team.b)
    _rebase_clash(team, case_id)
    before = _checkin_commits(team.b)
    recorded = team.b.run("checkin", other, "--note", "kunjungan saat rebase")
    assert_clean_exit(recorded, 0)
    assert "ada rebase git yang belum selesai" in recorded.stderr
    assert _checkin_commits(team.b) == before  # no commit a rebase --abort would leave behind
    [entry] = _monitoring(team.b, other)
    stopped = team.sync(team.b, code=1)
    assert "sync --abort" in stopped.stderr
    aborted = team.b.run("sync", "--abort")
    assert_clean_exit(aborted, 0)
    assert entry.is_file() and "kunjungan saat rebase" in entry.read_text(encoding="utf-8")


def test_abort_refuses_a_rebase_with_a_commit_made_during_it(shared: tuple[Team, str]) -> None:
    team, case_id = shared
    _rebase_clash(team, case_id)
    note = team.b.cases / case_id / "attachments" / "surat.txt"
    note.parent.mkdir()
    note.write_text("surat jaminan\n", encoding="utf-8")
    git(team.b.root, "add", str(note), str(team.b.case_file(case_id)))  # the conflict settled by hand too
    git(team.b.root, "commit", "-qm", "lampiran surat jaminan")  # by hand, on the rebase's detached HEAD
    refused = team.b.run("sync", "--abort")
    assert_clean_exit(refused, 1)
    assert "lampiran surat jaminan" in refused.stderr and "git rebase --continue" in refused.stderr
    assert note.is_file()


# -- 2. a merge started and resolved by hand --------------------------------------------------------------------


def _hand_pull_markers(team: Team, case_id: str) -> Path:
    """Hendra and Maria change the same line; Maria pulls by hand with git's own line merge: markers."""
    _same_line_changed(team, case_id, "Nelayan A", "Buruh B")
    git(team.b.root, "config", "--remove-section", "merge.bapascase", check=False)  # as git alone sets a clone up
    git(team.b.root, "pull", "-q", "--no-rebase", "--no-edit", check=False)
    path = team.b.case_file(case_id)
    assert "<<<<<<<" in path.read_text(encoding="utf-8")
    return path


def test_a_merge_resolved_by_hand_is_finished_not_thrown_away(shared: tuple[Team, str]) -> None:
    team, case_id = shared
    path = _hand_pull_markers(team, case_id)
    # sync before it is settled: named, and the merge is left open (never undone)
    unsettled = team.sync(team.b, "--no-input", code=1)
    assert f"cases/{case_id}/case.yaml" in unsettled.stderr and "<<<<<<<" in unsettled.stderr
    assert git(team.b.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()
    text = path.read_text(encoding="utf-8")
    head_part = text[text.index("<<<<<<<"):text.index(">>>>>>>")]
    line = next(ln for ln in head_part.splitlines() if "occupation:" in ln)
    indent = line[:len(line) - len(line.lstrip())]
    start, end = text.index("<<<<<<<"), text.index("\n", text.index(">>>>>>>")) + 1
    path.write_text(text[:start] + f"{indent}occupation: Nelayan dan buruh (disepakati)\n" + text[end:],
                    encoding="utf-8")
    done = team.sync(team.b, "--no-input")
    assert "Terkirim ke origin" in done.stdout
    assert yamlio.load(path)["identity"]["occupation"] == "Nelayan dan buruh (disepakati)"
    assert clean(team.b) and git(team.b.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False) == ""
    team.sync(team.a)
    assert yamlio.load(team.a.case_file(case_id))["identity"]["occupation"] == "Nelayan dan buruh (disepakati)"


def test_removed_on_one_side_and_edited_on_the_other_keeps_the_edited_version(shared: tuple[Team, str]) -> None:
    """One document of a case removed on one side and edited on the other: the edited one is kept."""
    team, case_id = shared
    assert_clean_exit(team.a.run("checkin", case_id), 0)
    team.sync(team.a)
    team.sync(team.b)
    [entry] = _monitoring(team.a, case_id)
    entry.unlink()
    team.sync(team.a, "--delete")
    [edited] = _monitoring(team.b, case_id)
    edited.write_text(edited.read_text(encoding="utf-8") + "# kunjungan rumah\n", encoding="utf-8")
    result = team.sync(team.b)
    assert "versi yang diubah disimpan" in result.stderr and f"cases/{case_id}/monitoring/{edited.name}" in result.stderr
    assert "kunjungan rumah" in edited.read_text(encoding="utf-8")
    assert clean(team.b)
    team.sync(team.a)
    assert [p.name for p in _monitoring(team.a, case_id)] == [edited.name]  # nothing lost anywhere


def _case_files(book: Book, case_id: str) -> list[str]:
    folder = book.cases / case_id
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.yaml")) if folder.is_dir() else []


@pytest.mark.parametrize("change", ["edit", "entry"])
@pytest.mark.parametrize("remover", ["here", "there"])
def test_a_case_removed_on_one_side_and_changed_on_the_other_is_kept_whole(team: Team, change: str,
                                                                           remover: str) -> None:
    """Git merges file by file: a case removed whole by one officer while the other edited its registration
    (or recorded a wajib lapor) came out as half a case (only the files the other touched) or as an entry with no
    ``case.yaml``, with exit 0 and "kasus ... dihapus" said of a case still there. The case is one unit: it is
    kept whole, as the side that changed it has it, on every clone, and that is said."""
    case_id = team.a.new()
    from tests.stage_helpers import through

    through(team.a, case_id, "engage", "assess")
    team.sync(team.a)
    team.sync(team.b)
    whole = _case_files(team.a, case_id)
    assert {"case.yaml", "engagement.yaml", "assessment.yaml"} <= set(whole)
    remove, change_on = (team.a, team.b) if remover == "there" else (team.b, team.a)
    shutil.rmtree(remove.cases / case_id)
    team.sync(remove, "--delete")  # the removal is sent first ...
    if change == "edit":  # ... and the other officer, who had not seen it, changes the case
        path = change_on.case_file(case_id)
        path.write_text(path.read_text(encoding="utf-8") + "# kunjungan rumah\n", encoding="utf-8")
    else:
        assert_clean_exit(change_on.run("checkin", case_id), 0)
    result = team.sync(change_on)
    said = f"kasus {case_id} dihapus di satu sisi tetapi diubah di sisi lain; seluruh kasus disimpan utuh"
    assert said in result.stderr, result.stderr
    assert f"kasus {case_id} dihapus, oleh" not in result.stdout  # it is not removed
    assert clean(change_on)
    kept = _case_files(change_on, case_id)
    assert set(whole) <= set(kept) and (change == "edit" or len(kept) == len(whole) + 1), kept
    assert_clean_exit(change_on.run("check"), 0)
    # the other way round: the officer who removed it gets the whole case back, and is told
    back = team.sync(remove)
    assert _case_files(remove, case_id) == kept
    assert f"kasus {case_id} dihapus, oleh" not in back.stdout
    assert_clean_exit(remove.run("check"), 0)


def test_both_orders_of_removal_and_change_meet_in_one_merge(team: Team) -> None:
    """Neither had sent: the officer who removed the case syncs second and so merges the other's change into
    the removal (the removing side is "here")."""
    case_id = team.a.new()
    team.sync(team.a)
    team.sync(team.b)
    assert_clean_exit(team.b.run("checkin", case_id), 0)
    team.sync(team.b)
    shutil.rmtree(team.a.cases / case_id)
    result = team.sync(team.a, "--delete")
    assert "seluruh kasus disimpan utuh" in result.stderr, result.stderr
    assert team.a.case_file(case_id).is_file() and len(_monitoring(team.a, case_id)) == 1


# -- 3. a case removed by hand -----------------------------------------------------------------------------------


def test_a_case_removed_by_hand_is_not_sent_unasked_and_a_removal_is_announced(shared: tuple[Team, str]) -> None:
    team, case_id = shared
    remote_before = git(team.remote, "rev-parse", "HEAD").strip()
    shutil.rmtree(team.a.cases / case_id)  # a slip in the file manager
    refused = team.sync(team.a, "--no-input", code=1)
    assert f"kasus {case_id} (seluruh folder)" in refused.stderr
    assert f"git checkout HEAD -- cases/{case_id}" in refused.stderr and "bapascase sync --delete" in refused.stderr
    assert git(team.remote, "rev-parse", "HEAD").strip() == remote_before
    # on purpose, then: sent, and Maria is told
    team.sync(team.a, "--delete")
    came = team.sync(team.b)
    assert f"kasus {case_id} dihapus, oleh Hendra Saputra" in came.stdout
    report = json.loads(team.sync(team.c, "--json").stdout)
    assert [(a["kind"], a["case_id"]) for a in report["arrivals"]] == []  # Sri never had it: nothing to say
    git(team.a.root, "checkout", "-q", "HEAD~1", "--", f"cases/{case_id}")  # and git brings it back


def test_a_removed_entry_is_announced(shared: tuple[Team, str]) -> None:
    team, case_id = shared
    assert_clean_exit(team.a.run("checkin", case_id), 0)
    team.sync(team.a)
    team.sync(team.b)
    [entry] = _monitoring(team.a, case_id)
    entry.unlink()
    team.sync(team.a, "--delete")
    came = team.sync(team.b)
    assert f"{case_id} ({entry.name}) dihapus, oleh Hendra Saputra" in came.stdout


def test_check_calls_a_removal_a_removal_and_says_how_to_send_it_or_bring_it_back(book: Book) -> None:
    """A file removed by hand is not "saved, not committed": a plain ``sync`` does not send it (``--delete``
    does), and git brings it back."""
    kept = book.new()
    gone = book.new(minimal_intake())
    assert_clean_exit(book.run("checkin", kept), 0)
    [entry] = _monitoring(book, kept)
    assert clean(book)
    entry.unlink()
    shutil.rmtree(book.cases / gone)
    result = book.run("check")
    rel = entry.relative_to(book.root).as_posix()
    lines = result.stderr.splitlines()
    assert (f"{rel}: dihapus tetapi belum di-commit; `bapascase sync --delete` menghapusnya juga dari casebook "
            f"bersama, `git checkout HEAD -- {rel}` mengembalikannya") in lines, lines
    assert [ln for ln in lines if gone in ln] == [
        f"kasus {gone} (seluruh folder): dihapus tetapi belum di-commit; `bapascase sync --delete` menghapusnya "
        f"juga dari casebook bersama, `git checkout HEAD -- cases/{gone}` mengembalikannya"]
    assert not any("tersimpan tetapi belum di-commit" in ln for ln in lines), lines
    git(book.root, "checkout", "HEAD", "--", rel, f"cases/{gone}")
    assert clean(book)
    assert "dihapus" not in book.run("check").stderr


# -- 4. files that are not the casebook's, and documents that cannot be read ------------------------------------


def test_backups_stray_files_and_unreadable_documents_are_not_sent(shared: tuple[Team, str]) -> None:
    team, case_id = shared
    folder = team.a.cases / case_id
    (folder / "case.yaml~").write_text((folder / "case.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / ".case.yaml.swp").write_text("x", encoding="utf-8")
    (folder / "#case.yaml#").write_text("x", encoding="utf-8")
    (folder / "catatan-pribadi.txt").write_text("pribadi\n", encoding="utf-8")
    (team.a.cases / "tmp-notes").mkdir()
    (team.a.cases / "tmp-notes" / "a.txt").write_text("y\n", encoding="utf-8")
    (folder / "plan.yaml").write_text("bad: [\n", encoding="utf-8")
    # valid YAML that is no document (a list of notes): every other command refuses to read it
    (folder / "termination.yaml").write_text("- catatan pribadi PK\n", encoding="utf-8")
    (folder / "attachments").mkdir()
    (folder / "attachments" / "ktp.txt").write_text("scan\n", encoding="utf-8")
    path = folder / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# dicek ulang\n", encoding="utf-8")
    result = team.sync(team.a, code=1)
    assert f"cases/{case_id}/plan.yaml:" in result.stderr and "tidak dapat dibaca" in result.stderr
    assert f"cases/{case_id}/termination.yaml:1:" in result.stderr
    assert "catatan-pribadi.txt" in result.stderr and "cases/tmp-notes/a.txt" in result.stderr
    assert "Terkirim ke origin: 1 commit" in result.stdout  # the rest went
    sent = set(git(team.remote, "ls-tree", "-r", "--name-only", "HEAD").splitlines())
    assert f"cases/{case_id}/attachments/ktp.txt" in sent
    for name in ("case.yaml~", ".case.yaml.swp", "#case.yaml#", "catatan-pribadi.txt", "plan.yaml",
                 "termination.yaml"):
        assert f"cases/{case_id}/{name}" not in sent
    assert "cases/tmp-notes/a.txt" not in sent
    assert "dicek ulang" in git(team.remote, "show", f"HEAD:cases/{case_id}/case.yaml")


def test_init_ignores_editor_backups(tmp_path: Path, book: Book) -> None:
    ignore = (book.root / ".gitignore").read_text(encoding="utf-8")
    for line in ("*~", "*.swp", ".#*", "\\#*#"):
        assert line in ignore.splitlines()
    (book.root / "cases" / "x~").write_text("x", encoding="utf-8")
    assert git(book.root, "status", "--porcelain", "--", "cases").strip() == ""


# -- 5. messages -------------------------------------------------------------------------------------------------


def test_an_unreachable_remote_names_gits_fatal_line(team: Team) -> None:
    git(team.a.root, "remote", "set-url", "origin", str(team.remote.parent / "tidak-ada" / "casebook.git"))
    result = team.sync(team.a, code=1)
    assert "does not appear to be a git repository" in result.stderr
    assert "and the repository exists" not in result.stderr and ".." not in result.stderr


def test_detached_head_names_the_real_branch_and_writers_do_not_commit_there(shared: tuple[Team, str]) -> None:
    team, case_id = shared
    branch = git(team.a.root, "rev-parse", "--abbrev-ref", "HEAD").strip()
    git(team.a.root, "branch", "-q", "-m", branch, "kantor")
    git(team.a.root, "checkout", "-q", "--detach")
    before = head(team.a)
    recorded = team.a.run("checkin", case_id)
    assert_clean_exit(recorded, 0)
    assert "`git switch kantor`" in recorded.stderr and head(team.a) == before
    refused = team.sync(team.a, code=1)
    assert "`git switch kantor`" in refused.stderr
    git(team.a.root, "switch", "-q", "kantor")
    assert len(_monitoring(team.a, case_id)) == 1  # still here, committed by the next sync
    assert log(team.a)[0] != "x"


def test_history_shows_syncs_own_commits_in_the_officers_language(shared: tuple[Team, str]) -> None:
    team, case_id = shared
    path = team.a.case_file(case_id)
    path.write_text(path.read_text(encoding="utf-8") + "# dicek ulang\n", encoding="utf-8")
    team.sync(team.a)
    shown = team.a.run("history", case_id)
    assert_clean_exit(shown, 0)
    assert "sinkron: 1 berkas tersimpan di-commit" in shown.stdout and "saved file(s)" not in shown.stdout
    english = team.a.run("--lang", "en", "history", case_id)
    assert "sync: 1 saved file committed" in english.stdout
    raw = json.loads(team.a.run("history", case_id, "--json").stdout)
    assert raw["commits"][0]["subject"] == "sync: commit 1 saved file(s)"  # the repository keeps git's words


# -- documents their readers refuse ------------------------------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_hand_edit_its_model_refuses_is_named_and_not_sent(shared: tuple[Team, str]) -> None:
    """A hand edit that parses but is not valid (a phone number with letters) used to go out with exit 0, and
    every colleague's report of the case stopped. It stays here, named with its line, as an unreadable file
    does; the valid rest goes."""
    team, case_id = shared
    remote_case = git(team.remote, "show", f"HEAD:cases/{case_id}/case.yaml")
    _replace(team.a.case_file(case_id), "phone: 0812-6000-1234", "phone: 0800-HAND-EDIT")
    assert_clean_exit(team.a.run("checkin", case_id), 0)  # a valid entry beside it
    result = team.sync(team.a, "--no-input", code=1)
    line = next(ln for ln in result.stderr.splitlines() if f"cases/{case_id}/case.yaml:" in ln)
    assert "phone" in line and "0800-HAND-EDIT" in line, result.stderr
    assert "tidak dapat dibaca atau tidak sah, jadi tidak di-commit dan tidak dikirim" in result.stderr
    assert git(team.remote, "show", f"HEAD:cases/{case_id}/case.yaml") == remote_case
    came = team.sync(team.b)
    assert len(_monitoring(team.b, case_id)) == 1, came.stdout  # the entry went
    assert "0800-HAND-EDIT" in team.a.case_file(case_id).read_text(encoding="utf-8")  # kept here


def test_two_valid_sides_that_merge_into_an_invalid_document_are_named(shared: tuple[Team, str]) -> None:
    """Each officer's change is valid; merged field by field, supervision ends before it starts. The sync
    finishes, and says which merged document is not valid (exit 1), on both sides."""
    team, case_id = shared
    _replace(team.a.case_file(case_id), "supervision_start: 2026-03-01", "supervision_start: 2027-06-01")
    team.sync(team.a)
    _replace(team.b.case_file(case_id), "supervision_end: 2028-03-14", "supervision_end: 2027-01-15")
    result = team.sync(team.b, "--no-input", code=1)
    assert "dokumen yang datang atau hasil penggabungan tidak sah" in result.stderr, result.stderr
    assert any(f"cases/{case_id}/case.yaml:" in ln and "supervision_end" in ln for ln in result.stderr.splitlines())
    assert clean(team.b)
    back = team.sync(team.a, "--no-input", code=1)
    assert "tidak sah" in back.stderr and f"cases/{case_id}/case.yaml" in back.stderr


def test_links_leading_out_are_never_read_nor_sent_and_arriving_ones_are_named(shared: tuple[Team, str],
                                                                              tmp_path: Path) -> None:
    """A symbolic link a colleague committed (a monitoring entry leading to a file elsewhere on their machine,
    a case folder leading out of ``cases/``) is named as ``check`` names it, never followed: what it leads to on
    this machine stays unread. A link made here is not sent either."""
    team, case_id = shared
    secret = tmp_path / "secret.yaml"
    secret.write_text("date: 2026-06-01\nwajib_lapor: {status: hadir}\n", encoding="utf-8")  # valid, if read
    entry = f"cases/{case_id}/monitoring/2026-06-01-zzzzz.yaml"
    (team.a.root / entry).parent.mkdir(parents=True, exist_ok=True)
    (team.a.root / entry).symlink_to(secret)
    (team.a.cases / "2026-zzz-aaaaa").symlink_to(tmp_path)
    here = team.sync(team.a, "--no-input", code=1)
    assert f"{entry}: tautan simbolik yang mengarah ke luar foldernya" in here.stderr, here.stderr
    assert entry not in git(team.remote, "ls-tree", "-r", "--name-only", "HEAD")
    # committed by hand and pushed: the colleague's sync names both, and stops before any report reads them
    git(team.a.root, "add", "-A", "cases")
    git(team.a.root, "commit", "-qm", "links")
    git(team.a.root, "push", "-q")
    came = team.sync(team.b, "--no-input", code=1)
    assert f"{entry}: tautan simbolik yang mengarah ke luar foldernya" in came.stderr, came.stderr
    assert "cases/2026-zzz-aaaaa: folder kasus menunjuk ke luar cases/" in came.stderr
    assert "Tidak ada yang baru" not in came.stdout


# -- a merge git will not start, a push the remote refuses --------------------------------------------------------


def test_a_private_file_where_a_colleague_committed_one_is_named(shared: tuple[Team, str]) -> None:
    """Git refused the merge with "Aborting", which is all the officer was told, on every sync after."""
    team, case_id = shared
    (team.a.cases / case_id / "catatan.txt").write_text("catatan pribadi\n", encoding="utf-8")
    note = team.b.cases / case_id / "catatan.txt"
    note.write_text("catatan rekan\n", encoding="utf-8")
    git(team.b.root, "add", "-f", str(note))
    git(team.b.root, "commit", "-qm", "catatan")
    git(team.b.root, "push", "-q")
    result = team.sync(team.a, "--no-input", code=1)
    line = result.stderr.strip()
    assert "akan tertimpa oleh berkas rekan dengan nama yang sama" in line, line
    assert f"cases/{case_id}/catatan.txt" in line and "Aborting" not in line
    assert (team.a.cases / case_id / "catatan.txt").read_text(encoding="utf-8") == "catatan pribadi\n"


def test_an_uncommitted_change_git_would_overwrite_is_named_with_its_problem(shared: tuple[Team, str]) -> None:
    team, case_id = shared
    _replace(team.b.case_file(case_id), "phone: 0812-6000-1234", "phone: 0812-6000-9999")
    team.sync(team.b)
    path = team.a.case_file(case_id)
    _replace(path, "phone: 0812-6000-1234", "phone: [tidak ditutup")  # a hand edit that cannot be read
    result = team.sync(team.a, "--no-input", code=1)
    assert "Perubahan di sini yang belum di-commit akan tertimpa" in result.stderr, result.stderr
    assert f"cases/{case_id}/case.yaml:" in result.stderr and "YAML" in result.stderr  # why it was not committed
    assert "[tidak ditutup" in path.read_text(encoding="utf-8")  # kept


def test_a_remote_that_refuses_says_its_reason(team: Team, tmp_path: Path) -> None:
    """A remote that is a working clone with the branch checked out: git's closing "failed to push some refs"
    was all that was said; the remote's reason is said now."""
    work = tmp_path / "kerja"
    git(tmp_path, "clone", "-q", str(team.remote), str(work))
    git(team.a.root, "remote", "set-url", "origin", str(work))
    team.a.new()
    result = team.sync(team.a, "--no-input", code=1)
    assert "menolak kiriman" in result.stderr and "checked out" in result.stderr, result.stderr


def test_a_push_that_meets_a_colleagues_push_at_the_same_moment_is_tried_again(team: Team) -> None:
    """The remote could not lock its branch (a colleague's push landed during ours): fetched, merged and sent
    again, as when the colleague's push came first."""
    case_id = team.b.new()
    hook = team.b.root / ".git" / "hooks" / "pre-push"
    done = team.b.root.parent / "hook-ran"
    hook.write_text(f"""#!/bin/sh
[ -f "{done}" ] && exit 0
touch "{done}"
cd "{team.a.root}" && echo "# catatan" >> bapascase.yaml && git commit -qam rekan && git push -q origin HEAD
""", encoding="utf-8")
    hook.chmod(0o755)
    result = team.sync(team.b, "--no-input")
    assert done.exists() and "Terkirim ke origin" in result.stdout, result.stdout + result.stderr
    assert git(team.remote, "cat-file", "-e", f"HEAD:cases/{case_id}/case.yaml", check=False) == ""


def test_a_sync_that_waits_for_another_command_says_so_at_once(shared: tuple[Team, str]) -> None:
    """Another bapascase process holding the commit lock made sync sit silent for up to two minutes."""
    import subprocess
    import sys

    team, _case_id = shared
    lock = team.a.root / ".bapascase" / "locks" / "commit.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from filelock import FileLock; import time; l = FileLock({str(lock)!r}); "
                               "l.acquire(); print('held', flush=True); time.sleep(2)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = team.sync(team.a, "--no-input")
    finally:
        holder.wait(timeout=30)
    assert "Menunggu perintah bapascase lain" in result.stderr
    assert "Menunggu" not in team.sync(team.a, "--no-input").stderr  # no one else: nothing said


def test_a_colleagues_removal_of_the_settings_is_said_with_how_to_bring_them_back(team: Team) -> None:
    """It was announced as "bapascase.yaml diubah" and taken in without a word."""
    git(team.b.root, "rm", "-q", "bapascase.yaml")
    git(team.b.root, "commit", "-qm", "rm")
    git(team.b.root, "push", "-q")
    result = team.sync(team.a, "--no-input")
    assert "bapascase.yaml dihapus, oleh" in result.stdout and "diubah" not in result.stdout, result.stdout
    line = next(ln for ln in result.stderr.splitlines() if "bapascase.yaml dihapus oleh rekan" in ln)
    commit = line.split("git checkout ")[1].split(" ")[0]
    git(team.a.root, "checkout", commit, "--", "bapascase.yaml")
    assert (team.a.root / "bapascase.yaml").is_file()


def test_a_hidden_folder_that_arrives_is_no_new_case_and_check_names_it(team: Team) -> None:
    """``cases/..x/case.yaml`` was announced as "kasus baru ..x", and ``check`` never named the folder."""
    folder = team.b.cases / "..x"
    folder.mkdir()
    (folder / "case.yaml").write_text("id: ..x\n", encoding="utf-8")
    git(team.b.root, "add", "-f", str(folder / "case.yaml"))
    git(team.b.root, "commit", "-qm", "hidden")
    git(team.b.root, "push", "-q")
    result = team.sync(team.a, "--no-input")
    assert "..x" not in result.stdout, result.stdout
    checked = team.a.run("check")
    assert_clean_exit(checked, 0)  # never read, so no problem: a notice, like a folder a killed command left
    assert "cases/..x: folder tersembunyi di cases/, bukan kasus" in checked.stderr


def test_a_stop_that_lists_files_lists_them_one_per_line(shared: tuple[Team, str]) -> None:
    """The files a sync stops on are a list, one per line; a newline typed in a name stays escaped."""
    team, case_id = shared
    for name in ("a.yaml", "b.yaml"):
        (team.a.cases / case_id / "monitoring").mkdir(exist_ok=True)
        (team.a.cases / case_id / "monitoring" / name).write_text("date: [\n", encoding="utf-8")
    result = team.sync(team.a, "--no-input", code=1)
    listed = [ln for ln in result.stderr.splitlines() if ln.startswith(f"  cases/{case_id}/monitoring/")]
    assert len(listed) == 2, result.stderr
    assert "\\n" not in result.stderr


def test_two_versions_that_arrive_committed_stop_the_sync_and_are_shown_without_sides(
        shared: tuple[Team, str]) -> None:
    """Sri kept both versions of a field and pushed the merge by hand. Hendra's next sync took it in with exit 0;
    the sync after showed Sri's value as "Di komputer ini" (the file's "here" is Sri's side), so keeping "this
    computer's" version kept the colleague's. Now the sync that brings it in stops on it, and the versions are
    shown as the file's, without a side."""
    from tests.helpers import interactive, pick

    team, case_id = shared
    team.sync(team.c)
    _replace(team.c.case_file(case_id), "phone: 0812-6000-1234", "phone: 0812-1111-1111")
    git(team.c.root, "commit", "-qam", "Sri")
    _replace(team.a.case_file(case_id), "phone: 0812-6000-1234", "phone: 0812-2222-2222")
    team.sync(team.a)
    team.sync(team.c, "--no-input", code=1)  # both kept, committed, nothing sent ...
    git(team.c.root, "push", "-q", "origin", "HEAD")  # ... and pushed by hand
    stopped = team.sync(team.a, "--no-input", code=1)
    assert f"cases/{case_id}/case.yaml" in stopped.stderr and "phone" in stopped.stderr, stopped.stderr
    chosen = interactive(["sync"], [pick(1)], casebook=team.a.root)
    assert_clean_exit(chosen, 0)
    assert "Versi 'here' di berkas" in chosen.stdout and "Di komputer ini" not in chosen.stdout, chosen.stdout
    assert "Dipilih versi 'there' di berkas" in chosen.stdout
    phone = yamlio.load(team.a.case_file(case_id))["identity"]["phone"]
    assert phone == "0812-2222-2222"  # 'there' in Sri's file is what came to Sri: Hendra's own value


def test_two_versions_kept_by_this_clone_keep_their_sides(shared: tuple[Team, str]) -> None:
    from tests.helpers import interactive, pick

    team, case_id = shared
    _replace(team.b.case_file(case_id), "phone: 0812-6000-1234", "phone: 0812-1111-1111")
    team.sync(team.b)
    _replace(team.a.case_file(case_id), "phone: 0812-6000-1234", "phone: 0812-2222-2222")
    stopped = team.sync(team.a, "--no-input", code=1)
    # the stop says what was done before it too: the hand edit committed, and what came in
    assert "Lebih dulu di-commit: 1 berkas" in stopped.stdout and "Masuk dari origin" in stopped.stdout, stopped.stdout
    chosen = interactive(["sync"], [pick(0)], casebook=team.a.root)
    assert_clean_exit(chosen, 0)
    assert "Di komputer ini" in chosen.stdout and "Dipilih versi di komputer ini" in chosen.stdout
    assert yamlio.load(team.a.case_file(case_id))["identity"]["phone"] == "0812-2222-2222"
