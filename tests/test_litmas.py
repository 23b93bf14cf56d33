"""The Litmas: its purposes as data (legal bases with full titles, sections, the fields each needs), the Litmas
document recorded like any stage (what its purpose needs is required, asked only where its report has a
section), a golden file for every purpose, and the PB Litmas's content (basis, Lapas dates, recommendation,
signatures)."""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from bapascase.model.litmas_def import PurposeTable
from bapascase.model.litmas_purposes import for_programme, purpose, purposes, raw
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT, assert_clean_exit, interactive, pick
from tests.report_fixture import make_book, save, story_docs
from tests.stage_helpers import BZG, RCP, answers_file, demo_book, multiline, record, record_ok

GOLDEN = Path(__file__).parent / "golden" / "litmas"
UPDATE = os.environ.get("BAPASCASE_UPDATE_GOLDEN") == "1"
TODAY = dt.date(2026, 6, 15)


def test_the_purposes_file_is_valid_and_names_only_what_exists() -> None:
    table = PurposeTable.model_validate(raw())
    assert set(table.purposes) == {"pb", "cb", "cmb", "asimilasi", "anak_diversi", "anak_sidang",
                                   "anak_pembinaan_luar_lembaga", "dewasa_tersangka", "dewasa_sidang"}
    for code, p in purposes().items():
        assert p.sections[0] == "pendahuluan" and p.sections[-1] == "penutup", code
        assert "rekomendasi" in p.sections and "recommendation" in p.needs, code
        assert p.heading.id and p.heading.en and p.label.id != p.label.en, code
    # the integration purposes rest on their regulations and are based on the Lapas's request letter
    assert {"permenkumham_3_2018", "permenkumham_7_2022"} <= set(purposes()["pb"].legal_bases)
    assert {"request.number", "request.date", "assignment.number", "responses.victim",
            "responses.government", "lapas.admission"} <= set(purposes()["pb"].needs)
    assert "evaluasi_lapas" in purposes()["pb"].sections and "evaluasi_lapas" not in purposes()["anak_diversi"].sections
    assert "diversi" in purposes()["anak_diversi"].sections and purposes()["anak_diversi"].child


def test_a_broken_purpose_is_named() -> None:
    data = copy.deepcopy(raw())
    data["purposes"]["pb"]["legal_bases"].append("uu_99_2099")
    with pytest.raises(ValueError, match=r"purposes\.pb\.legal_bases: not defined: uu_99_2099"):
        PurposeTable.model_validate(data)
    data = copy.deepcopy(raw())
    data["purposes"]["pb"]["needs"].append("request.sender")
    with pytest.raises(ValueError, match=r"purposes\.pb\.needs: no field request\.sender"):
        PurposeTable.model_validate(data)


def test_the_purpose_offered_follows_the_programme() -> None:
    assert for_programme("PB", child=False) == "pb"
    assert for_programme("CMB", child=False) == "cmb"
    assert for_programme("diversi", child=True) == "anak_diversi"
    assert for_programme("pidana_bersyarat", child=True) == "anak_pembinaan_luar_lembaga"
    assert for_programme("lainnya", child=True) == "anak_diversi"  # the first child purpose
    assert purpose("nope") is None


# -- recording a Litmas ---------------------------------------------------------------------------------------------

PB_LITMAS: dict[str, Any] = {
    "date": "2024-12-20",
    "purpose": "pb",
    "request": {"institution": "Kepala Lapas Kelas I Medan", "number": "W2.PAS.PAS.1-PK.05.09-0001",
                "date": "2024-11-28", "subject": "Permohonan Litmas untuk Pembebasan Bersyarat"},
    "assignment": {"number": "W2.PAS.PAS.09-PK.01.01-0001", "date": "2024-12-02"},
    "responses": {"client": {"text": "Bersedia mematuhi syarat."}, "family": {"text": "Istri bersedia."},
                  "victim": {"not_obtained": "Keluarga korban pindah dan tidak dapat dihubungi."},
                  "community": {"text": "Tidak keberatan."}, "government": {"text": "Lurah tidak keberatan."}},
    "lapas": {"admission": "AOO diikuti dengan baik.", "register_f": False},
    "recommendation": "Merekomendasikan agar klien dapat diberikan program Pembebasan Bersyarat.",
}


def test_a_litmas_missing_what_its_purpose_needs_lists_each_missing_field(tmp_path: Path) -> None:
    demo = demo_book(tmp_path)
    result = record(demo, "litmas", BZG, {"date": "2024-12-20", "purpose": "pb"})
    assert_clean_exit(result, 1)
    for needed in ("request.number", "request.date", "request.subject", "assignment.number", "assignment.date",
                   "responses.victim", "responses.government", "lapas.admission"):
        assert needed in result.stderr, needed
    assert "recommendation" not in result.stderr  # offered from the purpose's wording
    # a child's diversion Litmas does not need the Lapas evaluation, but the victim's consent
    result = record(demo, "litmas", RCP, {"date": "2026-10-01", "purpose": "anak_diversi"})
    assert "lapas.admission" not in result.stderr and "diversion.victim_consent" in result.stderr


def test_what_a_purpose_needs_is_said_with_the_purpose_in_the_users_language() -> None:
    from bapascase.i18n import get_lang, set_lang
    from bapascase.model.litmas_purposes import purpose
    from bapascase.model.registry import model_for
    from bapascase.model.validation import validate

    found = purpose("pb")
    assert found is not None
    label = found.label
    before = get_lang()
    try:
        said = {}
        for lang in ("id", "en"):
            set_lang(lang)
            _doc, errors = validate(model_for("litmas"), {"date": "2024-12-20", "purpose": "pb"})
            said[lang] = " ".join(e.message for e in errors)
    finally:
        set_lang(before)
    assert f"wajib diisi untuk Litmas {label.id}" in said["id"]
    assert f"required for a Litmas for {label.en}" in said["en"] and label.id not in said["en"]


def test_a_litmas_is_recorded_as_a_dated_entry_and_checks_clean(tmp_path: Path) -> None:
    demo = demo_book(tmp_path)
    out = record_ok(demo, "litmas", BZG, {**PB_LITMAS, "date": "2024-12-27"})
    assert out["path"].startswith(f"cases/{BZG}/litmas/2024-12-27-")
    assert_clean_exit(demo.run("check"), 0)
    # a case with two Litmas: the latest by default, the latest on or before --date on request
    latest = demo.run("report", BZG, "--kind", "litmas")
    assert "Permohonan Litmas untuk Pembebasan Bersyarat" in latest.stdout and "27 Desember 2024" in latest.stdout
    earlier = demo.run("report", BZG, "--kind", "litmas", "--date", "2024-12-21")
    assert "Permohonan Litmas untuk Pembebasan Bersyarat" not in earlier.stdout
    assert "| Tanggal Litmas | 20 Desember 2024 |" in earlier.stdout
    before = demo.run("report", BZG, "--kind", "litmas", "--date", "2024-01-01")
    assert_clean_exit(before, 1)
    assert "Tidak ada Litmas pada atau sebelum 1 Januari 2024" in before.stderr


def test_a_response_obtained_in_part_says_both() -> None:
    data = copy.deepcopy(PB_LITMAS)
    data["responses"]["victim"] = {"text": "Kerabat korban di Medan tidak keberatan.",
                                   "not_obtained": "Istri korban pindah ke Jawa."}
    from bapascase.model.litmas import LitmasDoc

    doc = LitmasDoc.model_validate(data)
    assert doc.responses.victim is not None and doc.responses.victim.text and doc.responses.victim.not_obtained


def test_the_interview_asks_the_lapas_evaluation_only_for_a_purpose_that_has_it(tmp_path: Path) -> None:
    """A child's diversion Litmas: the child's situation is asked, the evaluation in the Lapas never is."""
    demo = demo_book(tmp_path)
    responses = {k: {"text": v.get("text"), "not_obtained": v.get("not_obtained")}
                 for k, v in PB_LITMAS["responses"].items()}
    given: dict[str, Any] = {**{k: v for k, v in PB_LITMAS.items() if k != "lapas"}, "purpose": "anak_diversi",
                             "responses": responses,
                             "date": "2026-10-01", "register_number": None, "sources": [], "author": None,
                             "analysis": None, "conclusions": [],
                             "life_history": dict.fromkeys(("birth_growth", "education", "behaviour", "marriage")),
                             "consequences": dict.fromkeys(("victim", "family", "community")),
                             "diversion": {"threat_years": 5, "repeat_offence": False, "victim_consent": True,
                                           "notes": None},
                             "tpp": {"number": None, "date": None}}
    path = answers_file(demo, given, "litmas.yaml")
    result = interactive(["litmas", RCP, "--answers", str(path)], [multiline("Masih bersekolah."), pick(0)],
                         casebook=demo.root)
    assert_clean_exit(result, 0)
    saved = next((demo.cases / RCP / "litmas").glob("2026-10-01*.yaml")).read_text(encoding="utf-8")
    assert "child_condition: Masih bersekolah." in saved and "admission" not in saved


# -- golden files, one per purpose ----------------------------------------------------------------------------------

CHILD = {
    "name": "Rizky Contoh Pratama", "aliases": [], "sex": "L", "birth_place": "Deli Serdang",
    "birth_date": "2010-02-03", "religion": "Islam", "ethnicity": "Jawa", "education": "SMP",
    "marital_status": "belum_kawin", "occupation": "Pelajar", "address": "Dusun Fiktif II, Percut Sei Tuan",
}


def purpose_case(root: Path, code: str) -> tuple[Casebook, str]:
    """The story's client (an adult) or a child, with one Litmas of purpose ``code`` holding what it needs."""
    book = make_book(root)
    docs = story_docs()
    case_id = "2025-bzg-k7m2p"
    found = purpose(code)
    assert found is not None
    case = docs["case"][0]
    litmas = docs["litmas"][0]
    litmas["purpose"] = code
    if found.child:
        case["identity"] = CHILD
        case["family"] = [{"relation": "ayah", "name": "Slamet Contoh Widodo", "sex": "L", "age": 45,
                           "religion": "Islam", "occupation": "Petani"},
                          {"relation": "ibu", "name": "Wati Contoh Rahayu", "sex": "P", "age": 41}]
        case["guarantor"] = {"name": "Slamet Contoh Widodo", "relation": "ayah", "address": "Dusun Fiktif II"}
        case["legal"].update(programme=found.programmes[0] if found.programmes else "diversi",
                             offence="Pencurian dengan pemberatan", articles=["Pasal 363 ayat (1) ke-4 KUHP"],
                             sentence_years=0, sentence_months=8, first_detained="2025-09-01",
                             supervision_start="2025-10-20", supervision_end="2026-10-19")
        case["legal"].pop("expiry", None)
        litmas["child_condition"] = "Masih bersekolah kelas IX; tinggal bersama kedua orang tua."
        litmas["diversion"] = {"threat_years": 7, "repeat_offence": False, "victim_consent": True,
                               "notes": "Korban bersedia berdamai dengan ganti rugi."}
        litmas.pop("lapas")
        docs["assessment"] = []  # a child's assessment is the child's instrument (none recorded here)
    elif found.programmes:
        case["legal"]["programme"] = found.programmes[0]
    litmas["recommendation"] = found.recommendation.id.format(client=case["identity"]["name"])
    for stage in ("case", "litmas", "assessment"):
        for doc in docs[stage]:
            save(book, case_id, stage, doc, f"{doc['date']}" if stage != "case" else None)
    return book, case_id


@pytest.mark.parametrize("code", list(purposes()))
def test_golden_litmas_for_every_purpose(tmp_path: Path, code: str) -> None:
    book, case_id = purpose_case(tmp_path / "cb", code)
    text = render(book, case_id, "litmas", "md", "id", TODAY).text
    path = GOLDEN / f"{code}.md"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path.name} (BAPASCASE_UPDATE_GOLDEN=1 makes it)"
    assert path.read_text(encoding="utf-8") == text, f"{path.name} differs (BAPASCASE_UPDATE_GOLDEN=1 to review)"
    found = purpose(code)
    assert found is not None
    for base in found.legal_bases:  # every legal basis by its full title
        from bapascase.model.programmes import raw as programme_data

        title = " ".join(programme_data()["legal_bases"][base]["title"].split())
        assert title in text, (code, base)
    assert found.heading.id in text and "Rekomendasi" in text
    assert ("Bimbingan Klien Anak" if found.child else "Bimbingan Klien Dewasa") in text


def test_the_demo_pb_litmas_is_one_a_kasubsi_would_sign() -> None:
    text = render(Casebook(ROOT), BZG, "litmas", "md", "id", TODAY).text
    for needle in (
        "untuk Program Pembebasan Bersyarat", "| Tanggal Litmas | 20 Desember 2024 |",
        "Surat Kepala Lembaga Pemasyarakatan Kelas I Medan Nomor", "Surat Tugas Kepala Bapas Kelas I Medan Nomor",
        "12 (dua belas) Tahun Pidana Penjara", "| Umur | 40 tahun |",  # at the Litmas's date, not today
        "| 2/3 | 13 Februari 2024 |", "| Ekspirasi | 30 Desember 2027 |", "| Jumlah remisi | 4 Bulan 15 Hari |",
        "Klien tidak pernah tercatat dalam Register F", "Tidak diperoleh: Keluarga korban",
        "hasil sidang Tim Pengamat Pemasyarakatan pada Senin, 23 Desember 2024 dengan nomor 212/TPP/XII/2024",
        "Merekomendasikan agar klien Benny Zakaria Ginting dapat diberikan program Pembebasan Bersyarat",
        "Asesmen tanggal 12 Desember 2024.", "wajib dilakukan: ada jawaban \"Ya\" pada Bagian B",
        "Mengetahui, Kepala Seksi Bimbingan Klien Dewasa", "**Rina Kasubsi Contoh, S.H.**",
        "Pembimbing Kemasyarakatan Ahli Muda",  # the PK's functional rank, as the officers list has it
        "Menyetujui, Kepala Bapas Kelas I Medan", "**Sri Rahayu Contoh, S.Sos.**", "Medan, 20 Desember 2024",
    ):
        assert needle in text, needle
    assert "PAS-000.PK.01.05.06" not in text  # never the decree it precedes
    assert "Belum dicatat" not in text  # a PB Litmas with everything its purpose needs
    assert "rri" not in text.lower().replace("(rri)", "").replace("rri ", "")  # no instrument codes


def test_a_report_without_a_recorded_litmas_drafts_one_and_says_so(tmp_path: Path) -> None:
    demo = demo_book(tmp_path)
    result = demo.run("report", RCP, "--kind", "litmas", today=dt.date(2026, 12, 1))
    assert_clean_exit(result, 0)
    assert "Belum ada Litmas tercatat" in result.stderr and "bapascase litmas" in result.stderr
    assert "untuk Pembinaan di Luar Lembaga" in result.stdout  # the purpose its child programme leads to
    assert "Instrumen Penilaian Risiko Anak" in result.stdout  # a child, on the child's instrument


def test_a_missing_signatory_is_named_with_how_to_set_it(tmp_path: Path) -> None:
    demo = demo_book(tmp_path)
    settings = demo.root / "bapascase.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("  role: kasubsi\n", "  role: pk\n").replace("  role: kepala\n", "  role: pk\n"),
                        encoding="utf-8")
    result = demo.run("report", BZG, "--kind", "litmas")
    assert_clean_exit(result, 0)
    assert "--role kasubsi" in result.stderr and "--role kepala" in result.stderr
    assert "……………………………" in result.stdout  # a line for the hand signature
    # another official document needs the head only
    result = demo.run("report", BZG, "--kind", "termination")
    assert "--role kepala" in result.stderr and "kasubsi" not in result.stderr
