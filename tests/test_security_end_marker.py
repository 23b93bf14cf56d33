"""The end marker (``store.yamlio.END_MARKER``) on every write path, and the rule for casebooks from before it.

- every document the tool writes ends with the line ``# akhir berkas / end of file``, whichever way it is
  written: a new case or entry, a re-recorded document rewritten in place with the officer's comments kept
  (``store.roundtrip``), ``close``, ``event``, ``reopen``, the migrations of ``check --fix``, the merge driver's
  output (a field kept both ways included) and the versions ``sync`` asks the officer to choose between;
- in a casebook that marks its documents (``end_marker: true``, written by ``init``), ``check`` flags a headed
  document without the line, and also when ``bapascase.yaml`` is wrong elsewhere; a file without the header is
  the officer's own and never flagged;
- a casebook of an earlier version (no ``end_marker``) checks clean, with one notice counting the documents that
  lack the line; ``check --fix`` adds it to each of them (nothing else changes) and sets ``end_marker: true``,
  after which a document cut short is caught there too;
- scheduled TPP sessions (dated in the future) stay inside the range of dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bapascase.store import merge, roundtrip, yamlio
from tests.helpers import Book, assert_clean_exit, interactive, pick
from tests.stage_helpers import answers, record_ok, through

END = yamlio.END_MARKER
LEGACY = Path(__file__).parent / "fixtures" / "legacy"
BZG = "2025-bzg-k7m2p"


def documents(root: Path) -> list[Path]:
    """``bapascase.yaml`` and every YAML document under ``cases/`` (reports and attachments aside)."""
    found = [p for p in (root / "cases").rglob("*.yaml") if "reports" not in p.parts and not p.name.startswith(".")]
    return [root / "bapascase.yaml", *sorted(found)]


def ends_marked(path: Path) -> bool:
    """The file ends with the marker line, and holds it once."""
    text = path.read_text(encoding="utf-8")
    return text.endswith(f"\n{END}\n") and text.count(END) == 1


def _import_csv(folder: Path) -> Path:
    """The import template's example client, as a CSV an office would fill in (its officer added first)."""
    import csv

    from bapascase.workflow.importer import EXAMPLE

    row = {**EXAMPLE, "assignment.officer.name": "Rahmat Hidayat, S.H.", "assignment.officer.nip": ""}
    path = folder / "impor.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(list(row))
        writer.writerow(list(row.values()))
    return path


# -- every write path ----------------------------------------------------------------------------------------------


@pytest.mark.git(False)
def test_every_write_path_ends_its_documents_with_the_marker(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor", "intervene")
    # the officer's own comments in a recorded document: one in the middle, one after the closing line
    engagement = book.cases / case_id / "engagement.yaml"
    text = engagement.read_text(encoding="utf-8").replace("rapport:", "# dibahas bersama istri klien\nrapport:", 1)
    engagement.write_text(text + "# dicek Kasubsi\n", encoding="utf-8")
    record_ok(book, "engage", case_id, answers("engage", rapport="Klien terbuka setelah kunjungan kedua."))
    rewritten = engagement.read_text(encoding="utf-8")
    assert "# dibahas bersama istri klien\nrapport:" in rewritten and "# dicek Kasubsi\n" in rewritten
    assert ends_marked(engagement)  # the closing line last again, after the officer's comment
    record_ok(book, "event", case_id, {"kind": "sidang_tpp", "date": "2026-09-01", "agenda": "Evaluasi PB"})
    record_ok(book, "event", case_id, {"kind": "izin_bepergian", "date": "2026-06-10", "scope": "luar_kota",
                                       "period": {"start": "2026-06-20", "end": "2026-06-25"},
                                       "destination": "Kabanjahe", "purpose": "Pesta adat",
                                       "approved_by": "Drs. Kepala Contoh"})
    # a check-in, and a remote one (issue 11)
    assert_clean_exit(book.run("checkin", case_id, "--date", "2026-06-05", "--note", "Hadir tepat waktu"), 0)
    assert_clean_exit(book.run("lapor", case_id, "--date", "2026-06-06", "--remote", "--reason", "Sakit", "--force"),
                      0)
    record_ok(book, "terminate", case_id)
    record_ok(book, "close", case_id, {"date": "2026-06-12", "ground": "meninggal", "death_date": "2026-06-08"})
    assert_clean_exit(book.run("reopen", case_id, "--reason", "Salah catat: klien masih hidup"), 0)
    # the office's officers (bapascase.yaml rewritten) and an import (issue 11)
    assert_clean_exit(book.run("officers", "add", "Rahmat Hidayat, S.H.", "--role", "pk"), 0)
    assert_clean_exit(book.run("officers", "add", "Dewi Lestari", "--role", "praktikan"), 0)
    assert_clean_exit(book.run("officers", "remove", "Dewi Lestari"), 0)
    assert_clean_exit(book.run("import", str(_import_csv(book.root.parent)), "--no-input"), 0)
    written = documents(book.root)
    assert {p.parent.name for p in written} >= {case_id, "monitoring", "interventions", "events", "reopens"}
    assert len([p for p in written if p.name == "case.yaml"]) == 2
    assert [p.relative_to(book.root).as_posix() for p in written if not ends_marked(p)] == []
    assert_clean_exit(book.run("check"), 0)


def test_a_round_trip_rewrite_puts_the_marker_last_once() -> None:
    header = "# yaml-language-server: $schema=../../schemas/plan.schema.json"
    text = f"{header}\nschema_version: 1\ndate: 2026-03-20  # disepakati\nnotes: |\n  Baris\n{END}\n# dicek\n"
    data = yamlio.loads(text)
    out = roundtrip.update_text(text, {**data, "notes": "Baris baru\n", "theories": ["kekuatan"]})
    assert out.endswith(f"\n{END}\n") and out.count(END) == 1 and "# dicek\n" in out
    assert "date: 2026-03-20  # disepakati" in out
    # a document of an earlier version gains the line and nothing else; a file without the header stays as it is
    old = text.replace(f"{END}\n", "")
    assert roundtrip.update_text(old, data) == old.replace("# dicek\n", f"# dicek\n{END}\n")
    bare = "schema_version: 1\ndate: 2026-03-20\n"
    assert roundtrip.update_text(bare, yamlio.loads(bare)) == bare


values = st.one_of(st.text(max_size=20), st.integers(-5, 5), st.booleans(),
                   st.lists(st.text(max_size=8), max_size=3))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), values, min_size=1),
       st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), values, min_size=1))
def test_any_rewrite_of_a_marked_document_ends_with_the_marker(before: dict[str, Any], after: dict[str, Any]) -> None:
    text = yamlio.dumps(before, header="# yaml-language-server: $schema=x.json")
    try:
        out = roundtrip.update_text(text, after)
    except roundtrip.RoundTripError:  # written whole instead, by the emitter that always ends with it
        out = yamlio.dumps(after, header="# yaml-language-server: $schema=x.json")
    assert out.endswith(f"\n{END}\n") and out.count(f"\n{END}\n") == 1
    assert yamlio.loads(out) == yamlio.loads(yamlio.dumps(after))


# -- the merge driver and sync -------------------------------------------------------------------------------------


def _plan_text(objective: str, target: str = "2026-06-30", note: str = "") -> str:
    data = {"schema_version": 1, "date": dt.date(2026, 3, 20),
            "goals": [{"id": "T1", "need": "Pekerjaan", "objective": objective, "target_date": target}]}
    text = yamlio.dumps(data, header="# yaml-language-server: $schema=../../schemas/plan.schema.json")
    return text.replace("goals:", f"{note}goals:") if note else str(text)


def test_the_merge_driver_output_ends_with_the_marker() -> None:
    from bapascase.model.registry import Stage, model_for
    from bapascase.store.documents import validate_text

    base = _plan_text("Bekerja")
    ours = _plan_text("Bekerja", note="# catatan PK\n")
    theirs = _plan_text("Bekerja", target="2026-08-31")
    merged = merge.merge_texts(base, ours, theirs)
    assert merged is not None and merged[1] == 0
    assert merged[0].endswith(f"\n{END}\n") and merged[0].count(END) == 1 and "# catatan PK" in merged[0]
    # the same field changed both ways: both versions kept, and still a whole document
    both = merge.merge_texts(base, _plan_text("Bekerja tetap"), _plan_text("Usaha sendiri"))
    assert both is not None and both[1] == 1
    assert merge.CONFLICT_KEY in both[0] and both[0].endswith(f"\n{END}\n") and not yamlio.cut_short(both[0])
    doc, problems = validate_text(model_for(Stage.PLAN), both[0], "plan.yaml")
    assert doc is None and [p.field for p in problems] == ["goals[0].objective"]
    # a document that only the other clone has (ours empty): written whole with the other's header
    added = merge.merge_texts("", "", theirs)
    assert added is not None and added[0].startswith("# yaml-language-server:") and added[0].endswith(f"{END}\n")


@pytest.fixture
def planned(book: Book, tmp_path: Path) -> tuple[Any, str]:
    from tests.team_helpers import make_team

    team = make_team(book, tmp_path)
    case_id = team.a.new()
    through(team.a, case_id, "engage", "assess", "plan")
    team.sync(team.a)
    team.sync(team.b)
    return team, case_id


def _plan_answers(**goal: Any) -> dict[str, Any]:
    data = answers("plan")
    data["goals"][0].update(goal)
    return data


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_a_sync_merge_and_a_chosen_version_end_with_the_marker(planned: tuple[Any, str]) -> None:
    team, case_id = planned
    record_ok(team.a, "plan", case_id, _plan_answers(objective="Bekerja tetap sebagai tukang pangkas"))
    record_ok(team.b, "plan", case_id, _plan_answers(target_date="2026-08-31"))
    team.sync(team.a)
    team.sync(team.b)  # merged field by field by the driver
    plan_b = team.b.cases / case_id / "plan.yaml"
    assert ends_marked(plan_b)
    data = yamlio.load(plan_b)
    assert (data["goals"][0]["objective"], str(data["goals"][0]["target_date"])) == (
        "Bekerja tetap sebagai tukang pangkas", "2026-08-31")
    # the same field both ways: kept both (a whole document, flagged for its two versions, not as cut short) ...
    record_ok(team.a, "plan", case_id, _plan_answers(objective="Membuka usaha pangkas sendiri"))
    record_ok(team.b, "plan", case_id, _plan_answers(objective="Bekerja di pangkas milik jemaat"))
    team.sync(team.a)
    team.sync(team.b, "--no-input", code=1)
    assert ends_marked(plan_b) and merge.CONFLICT_KEY in plan_b.read_text(encoding="utf-8")
    check = team.b.run("check")
    assert_clean_exit(check, 1)
    assert "dua versi disimpan oleh sinkron" in check.stderr and END not in check.stderr
    # ... and the version chosen on a terminal is written with its closing line
    assert_clean_exit(interactive(["sync"], [pick(1)], casebook=team.b.root), 0)
    assert ends_marked(plan_b)
    assert yamlio.load(plan_b)["goals"][0]["objective"] == "Membuka usaha pangkas sendiri"
    assert_clean_exit(team.b.run("check"), 0)


# -- the rule: casebooks that mark their documents, and those from before ------------------------------------------


@pytest.fixture
def legacy(tmp_path: Path) -> Book:
    root = tmp_path / "legacy"
    shutil.copytree(LEGACY, root)
    return Book(root.resolve())


def test_a_casebook_from_before_the_marker_is_told_once_and_brought_up_to_date_by_fix(legacy: Book) -> None:
    docs = documents(legacy.root)
    headed = [p for p in docs if yamlio.headed(p.read_text(encoding="utf-8"))]
    assert len(headed) == len(docs) == 28 and not any(END in p.read_text(encoding="utf-8") for p in docs)
    texts = {p: p.read_text(encoding="utf-8") for p in docs}
    result = legacy.run("check")
    assert_clean_exit(result, 0)  # nothing wrong with them
    assert (f"28 berkas ditulis sebelum bapascase menandai akhir berkas dengan '{END}' (bukan masalah); "
            "`bapascase check --fix` menambahkan baris itu") in result.stderr
    assert "terpotong (disk penuh" not in result.stderr
    assert json.loads(legacy.run("check", "--json").stdout)["unmarked"] == 28
    fixed = legacy.run("check", "--fix")
    assert_clean_exit(fixed, 0)
    assert f"28 berkas kini diakhiri baris penutup '{END}'" in fixed.stdout
    settings_path = legacy.root / "bapascase.yaml"
    for path in docs:  # the line added, nothing else changed (the settings also say end_marker)
        after = path.read_text(encoding="utf-8")
        expected = texts[path] + f"{END}\n"
        if path == settings_path:
            # the settings' own migration (the head of office moved to the officers) rewrites them too: every
            # comment of the office kept, end_marker right after schema_version, the closing line last and once
            assert "schema_version: 1\nend_marker: true\n" in after and ends_marked(path), after
            assert [x for x in after.splitlines() if x.startswith("#") and x != END] == [
                x for x in texts[path].splitlines() if x.startswith("#")], after
            continue
        if path.name == "case.yaml" and after != expected:
            # --fix also tags free-text articles with their code (issue 9): those lines change, nothing else
            import re

            def untagged(text: str) -> list[str]:
                return [x for x in text.splitlines() if "Pasal" not in x and not re.match(r"^\s+(code|law): ", x)]

            assert untagged(after) == untagged(expected) and ends_marked(path), path
            continue
        assert after == expected, path
    again = legacy.run("check", "--fix")
    assert_clean_exit(again, 0)
    assert "baris penutup" not in again.stdout and "menandai akhir berkas" not in again.stderr
    assert json.loads(legacy.run("check", "--json").stdout)["unmarked"] == 0
    # from now on a document cut short is caught here too
    monitoring = legacy.cases / BZG / "monitoring" / "2025-05-31.yaml"
    lines = monitoring.read_text(encoding="utf-8").splitlines(keepends=True)
    monitoring.write_text("".join(lines[:-2]), encoding="utf-8")  # its last field and the closing line gone
    assert isinstance(yamlio.load(monitoring), dict)  # still reads as YAML: only the marker tells
    cut = legacy.run("check")
    assert_clean_exit(cut, 1)
    assert f"cases/{BZG}/monitoring/2025-05-31.yaml:" in cut.stderr and "terpotong" in cut.stderr


def test_a_casebook_from_before_writes_new_documents_marked(legacy: Book) -> None:
    record_ok(legacy, "monitor", BZG, answers("monitor", date="2026-06-10"), today=dt.date(2026, 6, 15))
    (entry,) = [p for p in (legacy.cases / BZG / "monitoring").glob("2026-06-10*.yaml")]
    assert ends_marked(entry)
    result = legacy.run("check", "--json")
    assert_clean_exit(result, 0)
    assert json.loads(result.stdout)["unmarked"] == 28


def test_check_flags_a_headed_document_without_the_marker_only(book: Book) -> None:
    case_id = book.new()
    assert "end_marker: true" in (book.root / "bapascase.yaml").read_text(encoding="utf-8").splitlines()[1:3]
    # a file the officer wrote by hand (no schema header) is the officer's own: never flagged
    hand = book.cases / case_id / "reopens" / "2026-06-01.yaml"
    hand.parent.mkdir()
    hand.write_text("schema_version: 1\ndate: 2026-06-01\nreason: Dicatat tangan.\n", encoding="utf-8")
    assert_clean_exit(book.run("check"), 0)
    # a headed one that lost its last line is, even when bapascase.yaml is wrong elsewhere too
    case_file = book.case_file(case_id)
    case_file.write_text(case_file.read_text(encoding="utf-8").replace(f"{END}\n", ""), encoding="utf-8")
    settings_path = book.root / "bapascase.yaml"
    settings_path.write_text(settings_path.read_text(encoding="utf-8").replace("letterhead: []", "letterhead: 7"),
                             encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert re.search(rf"cases/{case_id}/case\.yaml:\d+: berkas berhenti sebelum baris penutupnya", result.stderr)
    assert "bapascase.yaml:" in result.stderr and "letterhead" in result.stderr


# -- the range of dates ----------------------------------------------------------------------------------------------


@pytest.mark.git(False)
def test_a_scheduled_tpp_session_stays_inside_the_range_of_dates(book: Book) -> None:
    case_id = book.new()
    record_ok(book, "event", case_id, {"kind": "sidang_tpp", "date": "2100-12-01", "agenda": "Evaluasi"})
    due = json.loads(book.run("due", "--json").stdout)["items"]
    assert not any(i["id"] == case_id and i["kind"] == "tpp" for i in due)  # beyond the horizon
    due = json.loads(book.run("due", "--json", today=dt.date(2100, 11, 20)).stdout)["items"]
    assert any(i["id"] == case_id and i["kind"] == "tpp" and i["date"] == "2100-12-01" for i in due)
    result = book.run("event", case_id, "--answers", str(_answers(book, {"kind": "sidang_tpp", "date": "2101-01-02",
                                                                          "agenda": "Evaluasi"})), "--no-input")
    assert_clean_exit(result, 1)
    assert "date: tanggal '2101-01-02' di luar rentang yang masuk akal (1900 sampai 2100)" in result.stderr


def _answers(book: Book, data: dict[str, Any]) -> Path:
    from tests.helpers import write_answers

    return write_answers(book.root.parent / "tpp.yaml", data)
