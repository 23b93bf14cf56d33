"""A casebook written before the legal frame (the demo as it was, ``tests/fixtures/legacy``) keeps working: it
checks clean, and a termination whose reason is a legal ground is read as the legal end until ``check --fix``
moves that ground to ``closing.yaml`` (one message per file; plain ``check`` names each file)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, assert_clean_exit

FIXTURE = Path(__file__).parent / "fixtures" / "legacy"
BZG = "2025-bzg-k7m2p"
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def legacy(tmp_path: Path) -> Book:
    root = tmp_path / "legacy"
    shutil.copytree(FIXTURE, root)
    return Book(root)


def _termination(book: Book, reason: str, extra: str = "", rel: str = "termination.yaml") -> Path:
    path = book.cases / BZG / rel
    path.parent.mkdir(exist_ok=True)
    text = (FIXTURE / "cases" / BZG / "termination.yaml").read_text(encoding="utf-8")
    text = text.replace("reason: tujuan_tercapai\n", f"reason: {reason}  # dicatat dengan bapascase versi lama\n")
    text = text.replace("date: 2025-07-14\n", "date: 2025-07-14\n" + extra)
    path.write_text(text, encoding="utf-8")
    return path


def _json(book: Book, *args: str) -> Any:
    result = book.run(*args, "--json", today=TODAY)
    assert_clean_exit(result, 0)
    return json.loads(result.stdout)


def test_a_casebook_in_the_old_format_checks_clean_and_reads(legacy: Book) -> None:
    result = legacy.run("check", today=TODAY)
    assert_clean_exit(result, 0)
    assert result.stdout.startswith("Casebook valid: 28 berkas, 3 kasus.")
    assert "schemas/event.schema.json" in result.stderr  # new documents: a notice only
    assert "bapascase.yaml: office.head_name: bentuk lama" in result.stderr  # the head of office: a notice too
    cases = {c["id"]: c for c in _json(legacy, "list", "--all")["cases"]}
    # a termination on a casework reason keeps its meaning: supervision goes on (and the end recorded stands)
    assert (cases[BZG]["stage"], cases[BZG]["supervision"], cases[BZG]["end"]) == ("terminated", "active",
                                                                                    "2029-05-14")
    assert any(i["id"] == BZG and i["kind"] == "monitoring" for i in _json(legacy, "due")["items"])
    for kind in ("litmas", "progress", "termination"):
        assert_clean_exit(legacy.run("report", BZG, "--kind", kind, today=TODAY), 0)
    assert_clean_exit(legacy.run("report", BZG, "--kind", "closing", today=TODAY), 1)  # not closed: no closing report
    fixed = legacy.run("check", "--fix", today=TODAY)
    assert_clean_exit(fixed, 0)
    # no termination to move; the one file of an earlier shape is the settings' head of office, now an officer
    assert [line for line in fixed.stdout.splitlines() if "migr" in line or "dipindahkan ke" in line] == [
        "bapascase.yaml: office.head_name, office.head_nip dipindahkan ke officers (kepala kantor, role kepala); "
        "komentar tetap"]
    assert not (legacy.cases / BZG / "closing.yaml").exists()
    assert "bentuk lama" not in legacy.run("check", today=TODAY).stderr


def test_a_legal_ground_as_termination_reason_is_read_as_the_end_and_moved_by_fix(legacy: Book) -> None:
    path = _termination(legacy, "ekspirasi")
    before = path.read_text(encoding="utf-8")
    # plain check names the file, line and field, and what --fix will do; it writes nothing
    result = legacy.run("check", today=TODAY)
    assert_clean_exit(result, 1)
    assert (f"cases/{BZG}/termination.yaml:4: reason: 'ekspirasi' adalah dasar hukum pengakhiran bimbingan, bukan "
            "alasan terminasi; catat dengan `bapascase close` (berkas lama: `bapascase check --fix` "
            "memindahkannya ke closing.yaml)") in result.stderr
    assert path.read_text(encoding="utf-8") == before and not (legacy.cases / BZG / "closing.yaml").exists()
    # until then it means what it meant: supervision ended on that day
    row = {c["id"]: c for c in _json(legacy, "list", "--all")["cases"]}[BZG]
    assert (row["supervision"], row["closing_ground"], row["closed_on"]) == ("ended", "masa_bimbingan_berakhir",
                                                                             "2025-07-14")
    assert BZG not in {c["id"] for c in _json(legacy, "list")["cases"]}
    assert all(i["id"] != BZG for i in _json(legacy, "due")["items"])
    report = legacy.run("report", BZG, "--kind", "termination", today=TODAY)
    assert_clean_exit(report, 1)
    assert "check --fix" in report.stderr

    fixed = legacy.run("check", "--fix", today=TODAY)
    assert_clean_exit(fixed, 0)
    assert (f"cases/{BZG}/termination.yaml: alasan 'ekspirasi' adalah dasar hukum; pengakhiran bimbingan (Masa "
            f"bimbingan berakhir) dipindahkan ke cases/{BZG}/closing.yaml, terminasi tetap sebagai akhir relasi "
            "kasus") in fixed.stdout
    assert fixed.stdout.rstrip().endswith("Casebook valid: 29 berkas, 3 kasus.")
    term = path.read_text(encoding="utf-8").splitlines()
    assert re.fullmatch(r"reason: lainnya +# dicatat dengan bapascase versi lama", term[3])  # the comment stays
    assert term[4] == ("reason_other: 'Bimbingan berakhir secara hukum: Masa bimbingan berakhir (lihat pengakhiran "
                       "bimbingan)'")
    # nothing else changed, but the closing line every document now ends with (yamlio.END_MARKER)
    assert term[:3] + term[5:] == before.splitlines()[:3] + before.splitlines()[4:] + [yamlio.END_MARKER]
    assert yamlio.load(legacy.cases / BZG / "closing.yaml") == {
        "schema_version": 1, "date": dt.date(2025, 7, 14), "ground": "masa_bimbingan_berakhir"}
    # the same meaning as before, now in its own file; reports work again; a second --fix has nothing to do
    after = {c["id"]: c for c in _json(legacy, "list", "--all")["cases"]}[BZG]
    assert {k: after[k] for k in ("stage", "supervision", "closing_ground", "closed_on")} == {
        "stage": "terminated", "supervision": "ended", "closing_ground": "masa_bimbingan_berakhir",
        "closed_on": "2025-07-14"}
    for kind in ("termination", "closing"):
        assert_clean_exit(legacy.run("report", BZG, "--kind", kind, today=TODAY), 0)
    again = legacy.run("check", "--fix", today=TODAY)
    assert "dipindahkan ke" not in again.stdout


@pytest.mark.parametrize(("reason", "extra", "closing", "fill_in"), [
    ("pencabutan", "letter_number: PAS-9.PK.05.09-2025\n",
     {"ground": "pencabutan", "decree_number": "PAS-9.PK.05.09-2025", "decree_date": dt.date(2025, 7, 14)}, []),
    ("pencabutan", "", {"ground": "pencabutan"}, ["decree_number", "decree_date"]),
    ("meninggal", "", {"ground": "meninggal", "death_date": dt.date(2025, 7, 14)}, []),
    ("dipindahkan", "letter_number: W2-88\n", {"ground": "dipindahkan", "letter_number": "W2-88"}, ["to_bapas"]),
])
def test_each_legal_ground_moves_with_what_the_termination_knew(legacy: Book, reason: str, extra: str,
                                                                 closing: dict[str, Any], fill_in: list[str]) -> None:
    _termination(legacy, reason, extra)
    fixed = legacy.run("check", "--fix", today=TODAY)
    saved = yamlio.load(legacy.cases / BZG / "closing.yaml")
    assert saved == {"schema_version": 1, "date": dt.date(2025, 7, 14), **closing}
    for name in fill_in:
        assert f"cases/{BZG}/closing.yaml: lengkapi {name}" in fixed.stdout
    if fill_in:  # what the old file never knew is left for the officer, and check says where
        assert_clean_exit(fixed, 1)
        assert f"cases/{BZG}/closing.yaml" in fixed.stderr and fill_in[0] in fixed.stderr
    else:
        assert_clean_exit(fixed, 0)


def test_a_reopened_legacy_end_stays_reopened(legacy: Book) -> None:
    _termination(legacy, "ekspirasi")
    (legacy.cases / BZG / "reopens").mkdir()
    (legacy.cases / BZG / "reopens" / "2025-08-01.yaml").write_text(
        "schema_version: 1\ndate: 2025-08-01\nreason: Salah catat; bimbingan masih berjalan.\n", encoding="utf-8")
    before = {c["id"]: c for c in _json(legacy, "list", "--all")["cases"]}[BZG]
    assert (before["stage"], before["supervision"]) == ("monitoring", "active")  # the old reopen reopened both
    assert_clean_exit(legacy.run("check", "--fix", today=TODAY), 0)
    after = {c["id"]: c for c in _json(legacy, "list", "--all")["cases"]}[BZG]
    assert (after["stage"], after["supervision"]) == ("monitoring", "active")


def test_a_second_legacy_end_goes_beside_the_first(legacy: Book) -> None:
    """A termination after a reopen (terminations/) moves to closings/, beside the closing.yaml of the first."""
    _termination(legacy, "ekspirasi")
    (legacy.cases / BZG / "reopens").mkdir()
    (legacy.cases / BZG / "reopens" / "2025-08-01.yaml").write_text(
        "schema_version: 1\ndate: 2025-08-01\nreason: Salah catat.\n", encoding="utf-8")
    second = _termination(legacy, "meninggal", rel="terminations/2026-02-01.yaml")
    second.write_text(second.read_text(encoding="utf-8").replace("date: 2025-07-14", "date: 2026-02-01"),
                      encoding="utf-8")
    assert_clean_exit(legacy.run("check", "--fix", today=TODAY), 0)
    assert yamlio.load(legacy.cases / BZG / "closing.yaml")["ground"] == "masa_bimbingan_berakhir"
    (second_closing,) = (legacy.cases / BZG / "closings").glob("2026-02-01*.yaml")  # named by date and tag
    assert yamlio.load(second_closing)["ground"] == "meninggal"
    row = {c["id"]: c for c in _json(legacy, "list", "--all")["cases"]}[BZG]
    assert (row["supervision"], row["closing_ground"], row["closed_on"]) == ("ended", "meninggal", "2026-02-01")
