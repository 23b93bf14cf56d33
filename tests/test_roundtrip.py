"""Files that stay the officer's: rewriting keeps comments, order and formatting; entry names unique across
clones; the field-level merge of two versions of one document (pure, and as git's merge driver in a real
repository)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import merge, naming, roundtrip, yamlio
from bapascase.store.merge import MISSING, merge3
from tests.helpers import ROOT, Book, assert_clean_exit
from tests.stage_helpers import answers, demo_book, record_ok, through

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

PLAN = """\
# yaml-language-server: $schema=../../schemas/plan.schema.json
schema_version: 1
date: 2026-03-20  # disepakati bersama klien dan istrinya
goals:
- id: T1
  need: Pekerjaan
  objective: Bekerja tetap  # target semester ini
  # indikator ditinjau tiap bulan
  indicators:
  - Punya penghasilan
# --- tujuan kedua, usul pendeta
- id: T2
  need: Keluarga
  objective: Hubungan baik dengan keluarga besar
# dasar teori: lihat buku panduan
theories:
- kekuatan
notes: |
  Baris satu
  Baris dua
# akhir berkas / end of file
"""


def _data(text: str) -> dict[str, Any]:
    data = yamlio.loads(text)
    assert isinstance(data, dict)
    return data


# -- round-trip rewriting ---------------------------------------------------------------------------------------


def test_unchanged_data_leaves_every_byte() -> None:
    assert roundtrip.update_text(PLAN, _data(PLAN)) == PLAN


def test_every_demo_file_round_trips_byte_for_byte() -> None:
    files = [*sorted((ROOT / "cases").rglob("*.yaml")), ROOT / "bapascase.yaml"]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert roundtrip.update_text(text, yamlio.loads(text)) == text, path


def test_a_changed_value_changes_its_line_only_and_comments_stay() -> None:
    data = _data(PLAN)
    data["goals"][0]["objective"] = "Bekerja tetap sebagai tukang pangkas"
    out = roundtrip.update_text(PLAN, data)
    before, after = PLAN.splitlines(), out.splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("  objective: Bekerja tetap  # target semester ini",
                        "  objective: Bekerja tetap sebagai tukang pangkas # target semester ini")]


def test_new_keys_and_goals_land_in_model_order_and_comments_stay_above_their_key() -> None:
    data = _data(PLAN)
    new = {"schema_version": 1, "date": data["date"], "location": "Bapas Kelas I Medan", "goals": [
        data["goals"][0], {"id": "T3", "need": "Narkoba", "objective": "Bersih dari narkoba"}, data["goals"][1]],
        "theories": ["kekuatan", "ekologi"], "notes": data["notes"]}
    out = roundtrip.update_text(PLAN, new)
    assert _data(out) == yamlio.loads(yamlio.dumps(new))
    lines = out.splitlines()
    # the comment written above T2 is still right above T2, not above the new T3
    assert lines[lines.index("- id: T2") - 1] == "# --- tujuan kedua, usul pendeta"
    assert lines.index("- id: T3") < lines.index("# --- tujuan kedua, usul pendeta")
    assert lines[lines.index("theories:") - 1] == "# dasar teori: lihat buku panduan"
    assert lines[lines.index("date: 2026-03-20  # disepakati bersama klien dan istrinya") + 1] == (
        "location: Bapas Kelas I Medan")


def test_a_removed_key_hands_the_comment_above_the_next_key_on() -> None:
    data = _data(PLAN)
    del data["goals"][1]
    out = roundtrip.update_text(PLAN, data)
    assert "- id: T2" not in out and "Hubungan baik" not in out
    lines = out.splitlines()
    assert lines[lines.index("theories:") - 1] == "# dasar teori: lihat buku panduan"


def test_new_values_are_written_in_the_one_style() -> None:
    data = _data(PLAN)
    data["notes"] = "Satu baris saja"
    data["phone"] = "081260001234"
    data["summary"] = ("Kalimat panjang " * 10).strip()
    data["goals"][1]["objective"] = "Dua\nbaris"
    out = roundtrip.update_text(PLAN, data)
    assert "notes: Satu baris saja\n" in out
    assert "phone: '081260001234'\n" in out
    assert "summary: >-\n" in out or "summary: >\n" in out
    assert "  objective: |-\n    Dua\n    baris\n" in out
    assert _data(out)["summary"] == data["summary"]


def test_indentation_of_the_officer_s_file_is_kept() -> None:
    text = "goals:\n    -   id: T1\n        objective: A\n    -   id: T2\n        objective: B\n"
    data = _data(text)
    data["goals"][1]["objective"] = "C"
    out = roundtrip.update_text(text, data)
    assert _data(out)["goals"][1]["objective"] == "C"
    assert out.splitlines()[0:2] == ["goals:", out.splitlines()[1]] and out.splitlines()[1].startswith("    -")


def test_an_impossible_date_written_by_hand_stays_text() -> None:
    text = "date: 2026-02-30  # salah tulis\nnotes: x\n"
    out = roundtrip.update_text(text, {"date": "2026-02-30", "notes": "y"})
    assert "# salah tulis" in out and _data(out)["notes"] == "y"


def test_recording_a_stage_again_keeps_the_officer_s_comments(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    path = book.cases / case_id / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    commented = text.replace("contacts:\n", "# dua kontak pertama, lihat buku tamu\ncontacts:\n", 1)
    commented = commented.replace("\n", "  # dicatat praktikan\n", 3)  # end-of-line comments on the first lines
    path.write_text(commented, encoding="utf-8")
    subprocess.run(["git", "-C", str(book.root), "commit", "-qam", "comments"], check=True)
    changed = answers("engage")
    changed["contacts"][1]["notes"] = "Penjamin bersedia mendampingi wajib lapor"
    record_ok(book, "engage", case_id, changed)
    now = path.read_text(encoding="utf-8")
    assert "# dua kontak pertama, lihat buku tamu\ncontacts:\n" in now
    assert now.count("  # dicatat praktikan") == 3
    assert yamlio.load(path)["contacts"][1]["notes"] == "Penjamin bersedia mendampingi wajib lapor"
    diff = [line for line in subprocess.run(["git", "-C", str(book.root), "diff", "HEAD~1", "--unified=0", "--",
                                             str(path)], capture_output=True, text=True).stdout.splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert diff == ["+  notes: Penjamin bersedia mendampingi wajib lapor"]
    # the same answers again: not one byte changes, nothing to commit
    before = path.read_bytes()
    out = record_ok(book, "engage", case_id, changed)
    assert path.read_bytes() == before and out["committed"] is False


# -- entry names ---------------------------------------------------------------------------------------------


def test_entry_names_are_dated_tagged_and_sort_by_date_then_recording() -> None:
    morning = dt.datetime(2026, 6, 15, 8, 5)
    evening = dt.datetime(2026, 6, 15, 19, 40)
    a = naming.entry_file_name("2026-06-15", morning)
    b = naming.entry_file_name("2026-06-15", evening)
    assert a.startswith("2026-06-15-") and len(a) == len("2026-06-15-k7m2p.yaml")
    names = ["2026-06-16.yaml", b, "2026-06-15-2.yaml", a, "2026-06-15.yaml", "entry.yaml", "2026-06-14-zzzzz.yaml"]
    assert sorted(names, key=naming.entry_sort_key) == [
        "entry.yaml", "2026-06-14-zzzzz.yaml", "2026-06-15.yaml", "2026-06-15-2.yaml", a, b, "2026-06-16.yaml"]
    tags = {naming.entry_tag(morning) for _ in range(200)}
    assert len(tags) > 150  # three random characters after the time of day


def test_entries_recorded_within_one_time_slot_keep_the_order_they_were_recorded() -> None:
    """Three transfers in one minute: the last recorded must sort last (it is "the current officer"), whatever
    the random part of the tags drew; also after the clock steps back."""
    minute = dt.datetime(2026, 6, 15, 10, 0)
    for _ in range(50):
        names: list[str] = []
        for _ in range(6):
            names.append(naming.entry_file_name("2026-06-15", minute, existing=names))
        assert names == sorted(names, key=naming.entry_sort_key)
        earlier = naming.entry_file_name("2026-06-15", minute - dt.timedelta(hours=2), existing=names)
        assert naming.entry_sort_key(earlier) > naming.entry_sort_key(names[-1])
    # other dates' tags and old untagged names do not hold a new entry back
    other = naming.entry_file_name("2026-06-15", minute, existing=["2026-06-16-zzzzz.yaml", "2026-06-15-2.yaml"])
    assert other[len("2026-06-15-"):len("2026-06-15-") + 2] == naming.entry_tag(minute)[:2]


def test_the_demo_casebook_with_old_entry_names_stays_valid(tmp_path: Path) -> None:
    demo = demo_book(tmp_path)
    assert any(p.name == "2025-03-31.yaml" for p in (demo.cases / "2025-bzg-k7m2p" / "monitoring").iterdir())
    assert_clean_exit(demo.run("check"), 0)
    record_ok(demo, "monitor", "2026-ncp-3xq8d", answers("monitor", date="2026-10-31", period=None, progress=None),
              today=dt.date(2026, 11, 30))  # the demo's today: a wajib lapor is never recorded ahead of it
    names = sorted(p.name for p in (demo.cases / "2026-ncp-3xq8d" / "monitoring").iterdir())
    assert "2026-10-31.yaml" in names and len([n for n in names if n.startswith("2026-10-31-")]) == 1
    assert_clean_exit(demo.run("check"), 0)
    # the new entry of the same date sorts after the old one: it is the latest
    from bapascase.store.casebook import Casebook

    paths = Casebook(demo.root).doc_paths("2026-ncp-3xq8d", "monitoring")
    assert paths[-1].name.startswith("2026-10-31-") and paths[-2].name == "2026-10-31.yaml"


# -- merging data --------------------------------------------------------------------------------------------


def test_fields_changed_on_different_sides_merge() -> None:
    base = {"a": 1, "b": {"x": 1, "y": 2}, "c": "sama"}
    ours = {"a": 2, "b": {"x": 1, "y": 2}, "c": "sama"}
    theirs = {"a": 1, "b": {"x": 1, "y": 3}, "c": "sama", "d": "baru"}
    assert merge3(base, ours, theirs) == ({"a": 2, "b": {"x": 1, "y": 3}, "c": "sama", "d": "baru"}, 0)


def test_goals_are_matched_by_id() -> None:
    t1 = {"id": "T1", "objective": "A"}
    t2 = {"id": "T2", "objective": "B"}
    base = {"goals": [t1, t2]}
    ours = {"goals": [{**t1, "objective": "A2"}, t2, {"id": "T3", "objective": "C"}]}
    theirs = {"goals": [{"id": "T0", "objective": "Z"}, t1, {**t2, "objective": "B2"}]}
    merged, n = merge3(base, ours, theirs)
    assert n == 0
    assert merged["goals"] == [{"id": "T0", "objective": "Z"}, {"id": "T1", "objective": "A2"},
                               {"id": "T2", "objective": "B2"}, {"id": "T3", "objective": "C"}]


def test_plain_lists_take_each_side_s_additions_and_removals() -> None:
    base = {"indicators": ["a", "b", "c"]}
    merged, n = merge3(base, {"indicators": ["a", "c", "d"]}, {"indicators": ["a", "b", "c", "e"]})
    assert (merged, n) == ({"indicators": ["a", "c", "d", "e"]}, 0)


def test_the_same_field_changed_both_ways_keeps_both() -> None:
    merged, n = merge3({"x": "lama"}, {"x": "kami"}, {"x": "mereka"})
    assert n == 1 and merged == {"x": {"_conflict": {"here": "kami", "there": "mereka"}}}
    removed, n = merge3({"x": "lama", "y": 1}, {"y": 1}, {"x": "mereka", "y": 1})
    assert n == 1 and removed == {"x": {"_conflict": {"there": "mereka"}}, "y": 1}
    found = list(merge.conflicts_in(removed))
    assert [(c.dotted, c.here, c.there) for c in found] == [("x", MISSING, "mereka")]
    assert merge.resolve(removed, ("x",), MISSING) == {"y": 1}


def test_a_kept_conflict_is_refused_by_every_loader_naming_both_values() -> None:
    from bapascase.model.plan import PlanDoc
    from bapascase.store.documents import validate_text

    text = PLAN.replace("  objective: Hubungan baik dengan keluarga besar\n",
                        "  objective:\n    _conflict:\n      here: Hubungan baik\n      there: Rukun kembali\n")
    doc, problems = validate_text(PlanDoc, text, "cases/x/plan.yaml")
    assert doc is None
    line = text.splitlines().index("    _conflict:") + 1
    assert [p.render() for p in problems] == [
        f'cases/x/plan.yaml:{line}: goals[1].objective: dua versi disimpan oleh sinkron: di sini "Hubungan baik", '
        'dari remote "Rukun kembali". Pilih dengan `bapascase sync` di terminal, atau sunting berkas ini dan '
        "sisakan satu nilai."]


# -- the driver in a real repository -----------------------------------------------------------------------


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@x", *args], cwd=cwd, capture_output=True,
                          text=True, check=check)


@needs_git
def test_git_merges_two_branches_field_by_field_through_the_driver(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    (repo / "cases" / "k").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    assert merge.ensure_setup(repo) == repo / ".gitattributes"
    assert merge.missing_setup(repo) == []
    plan = repo / "cases" / "k" / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "checkout", "-qb", "maria")
    plan.write_text(PLAN.replace("  need: Keluarga\n", "  need: Keluarga inti\n"), encoding="utf-8")
    _git(repo, "commit", "-qam", "maria")
    _git(repo, "checkout", "-q", "main")
    # the next line is the neighbour of Maria's: a line merge would conflict, the field merge does not
    plan.write_text(PLAN.replace("- id: T2\n", "- id: T2  # prioritas\n").replace(
        "  objective: Hubungan baik dengan keluarga besar\n", "  objective: Rukun dengan keluarga besar\n"),
        encoding="utf-8")
    _git(repo, "commit", "-qam", "hendra")
    done = _git(repo, "merge", "--no-edit", "maria", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    text = plan.read_text(encoding="utf-8")
    assert "  need: Keluarga inti\n" in text and "  objective: Rukun dengan keluarga besar\n" in text
    assert "- id: T2  # prioritas\n" in text and "# indikator ditinjau tiap bulan\n" in text
    # the same field changed on both branches: both kept, git told there is a conflict
    _git(repo, "checkout", "-qb", "sri", "HEAD~1")
    plan.write_text(text.replace("Bekerja tetap", "Bekerja di bengkel"), encoding="utf-8")
    _git(repo, "commit", "-qam", "sri")
    _git(repo, "checkout", "-q", "main")
    plan.write_text(plan.read_text(encoding="utf-8").replace("Bekerja tetap", "Usaha pangkas"), encoding="utf-8")
    _git(repo, "commit", "-qam", "hendra 2")
    stopped = _git(repo, "merge", "--no-edit", "sri", check=False)
    assert stopped.returncode != 0
    assert yamlio.load(plan)["goals"][0]["objective"] == {"_conflict": {"here": "Usaha pangkas",
                                                                         "there": "Bekerja di bengkel"}}
    assert "<<<<<<<" not in plan.read_text(encoding="utf-8")
