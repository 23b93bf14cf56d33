"""The instrument engine and its definitions: RRI part A and kebutuhan kriminogenik as data, scored by the tool."""

from __future__ import annotations

import copy
import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bapascase.errors import UserError
from bapascase.i18n import set_lang
from bapascase.model.instrument_def import parse_instrument
from bapascase.model.scoring import (
    DefinitionError,
    Instrument,
    category_change,
    score,
    version_key,
)
from bapascase.store import instrument_files as store
from bapascase.store import yamlio
from bapascase.store.casebook import Casebook
from tests.helpers import intake_answers

# RRI part A as the domain brief lists it: item -> {option: points}
RRI_POINTS: dict[str, dict[str, int]] = {
    "ditahan_usia_16": {"ya": 3, "tidak": 0},
    "pernah_dipenjara": {"ya": 1, "tidak": 0},
    "pasal_3_atau_lebih": {"ya": 1, "tidak": 0},
    "pelanggaran_reintegrasi": {"ya": 1, "tidak": 0},
    "riwayat_pidana": {"tidak_ada": 0, "satu_dua": 2, "tiga_lebih": 4},
    "pelanggaran_tata_tertib": {"ya": 1, "tidak": 0},
    "skors_sekolah": {"ya": 1, "tidak": 0},
    "keluarga_dipidana": {"ya": 1, "tidak": 0},
    "penggunaan_zat": {"tidak_ada": 0, "alkohol": 1, "narkotika": 2, "keduanya": 3},
    "menganggur_12_bulan": {"ya": 1, "tidak": 0},
}
RRI_CATEGORY = {**dict.fromkeys(range(0, 7), "rendah"), **dict.fromkeys(range(7, 12), "sedang"),
                **dict.fromkeys(range(12, 16), "tinggi"), **dict.fromkeys(range(16, 18), "sangat_tinggi")}
# the seven domains with the names the official instrument gives them
DOMAINS = {
    "keluarga_pernikahan": "Keluarga dan Pernikahan",
    "pendidikan_pekerjaan": "Pendidikan dan Pekerjaan",
    "narkoba_alkohol": "Penggunaan Obat-obatan Terlarang dan Konsumsi Alkohol (Dulu dan Sekarang)",
    "hubungan_sosial": "Hubungan Sosial",
    "waktu_luang": "Waktu Luang/ Rekreasi",
    "manajemen_keuangan": "Manajemen Keuangan",
    "sikap_antisosial": "Sikap Anti-Sosial/ Pandangan terhadap Tindak Kriminal",
}


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    store.clear_cache()
    yield
    store.clear_cache()


@pytest.fixture
def rri() -> Instrument:
    return store.get(None, "rri", "2021")


@pytest.fixture
def krim() -> Instrument:
    return store.get(None, "kriminogenik", "2021")


def zero_answers() -> dict[str, str]:
    return {item: min(opts, key=lambda o: opts[o]) for item, opts in RRI_POINTS.items()}


def _all_combinations() -> dict[int, dict[str, str]]:
    """One answer set per reachable total (the first found)."""
    out: dict[int, dict[str, str]] = {}
    items = list(RRI_POINTS)
    for combo in itertools.product(*(RRI_POINTS[i].items() for i in items)):
        total = sum(p for _, p in combo)
        out.setdefault(total, {i: o for i, (o, _) in zip(items, combo, strict=True)})
    return out


ANSWERS_FOR_TOTAL = _all_combinations()


def book_at(tmp_path: Path) -> Casebook:
    root = tmp_path / "cb"
    (root / "instruments").mkdir(parents=True, exist_ok=True)
    return Casebook(root)


def rri_definition() -> dict[str, Any]:
    path = Path(store.__file__).resolve().parents[1] / "data" / "instruments" / "rri-2021.yaml"
    data = yamlio.load(path)
    assert isinstance(data, dict)
    return data


# -- the built-in definitions --------------------------------------------------------------------------------------


def test_builtins_are_the_adult_and_child_instruments() -> None:
    # RRI part A recorded as ``rri-a`` 2021 (before parts B-D) is read with ``rri`` 2021
    assert set(store.load_instruments(None)) == {("rri", "2021"), ("rri-a", "2021"), ("kriminogenik", "2021"),
                                                 ("anak-risiko", "2019"), ("anak-kriminogenik", "2019")}
    assert store.get(None, "rri-a", "2021") is store.get(None, "rri", "2021")


def test_rri_items_and_points_match_the_brief(rri: Instrument) -> None:
    assert [i.id for i in rri.part_items("a")] == list(RRI_POINTS)
    for item in rri.part_items("a"):
        assert {o.id: o.points for o in item.options} == RRI_POINTS[item.id]
        assert item.text("id") and item.text("en") and item.text("id") != item.text("en")
        for option in item.options:
            assert option.label("id") and option.label("en")
    assert rri.min_total == 0 and rri.max_total == 17
    assert rri.kind == "risk"
    assert "PAS-31.OT.02.02" in rri.source and "2021" in rri.source
    assert [(c.min, c.max, c.category) for c in rri.cutoffs] == [
        (0, 6, "rendah"), (7, 11, "sedang"), (12, 15, "tinggi"), (16, 17, "sangat_tinggi")
    ]
    assert [c.label("id") for c in rri.cutoffs] == ["Rendah", "Sedang", "Tinggi", "Sangat Tinggi"]
    assert [c.label("en") for c in rri.cutoffs] == ["Low", "Moderate", "High", "Very high"]


@pytest.mark.parametrize(
    ("item", "option"), [(i, o) for i, opts in RRI_POINTS.items() for o in opts]
)
def test_each_item_scores_its_points(rri: Instrument, item: str, option: str) -> None:
    answers = zero_answers()
    answers[item] = option
    result = score(rri, answers)
    assert result.complete
    assert result.total == RRI_POINTS[item][option]
    assert next(s for s in result.items if s.item.id == item).points == RRI_POINTS[item][option]


@pytest.mark.parametrize(
    ("total", "category"),
    [(0, "rendah"), (6, "rendah"), (7, "sedang"), (11, "sedang"), (12, "tinggi"), (15, "tinggi"),
     (16, "sangat_tinggi"), (17, "sangat_tinggi")],
)
def test_every_rri_cutoff_edge(rri: Instrument, total: int, category: str) -> None:
    result = score(rri, ANSWERS_FOR_TOTAL[total])
    assert result.total == total
    assert result.complete
    assert result.category == category


def test_every_rri_total_has_the_right_category(rri: Instrument) -> None:
    assert sorted(ANSWERS_FOR_TOTAL) == list(range(18))
    for total, answers in ANSWERS_FOR_TOTAL.items():
        assert score(rri, answers).category == RRI_CATEGORY[total], total


def test_rri_maximum(rri: Instrument) -> None:
    answers = {item: max(opts, key=lambda o: opts[o]) for item, opts in RRI_POINTS.items()}
    result = score(rri, answers)
    assert (result.total, result.category) == (17, "sangat_tinggi")
    assert result.label("id") == "Sangat Tinggi" and result.label("en") == "Very high"


def test_bzg_scores_low(rri: Instrument) -> None:
    answers = zero_answers()
    answers["penggunaan_zat"] = "alkohol"
    result = score(rri, answers)
    assert (result.total, result.category, result.label("id")) == (1, "rendah", "Rendah")


def test_incomplete_answers_have_no_category(rri: Instrument) -> None:
    answers = dict(ANSWERS_FOR_TOTAL[17])  # a copy: other tests (test_instrument_parts) read the shared table
    del answers["menganggur_12_bulan"]
    result = score(rri, answers)
    assert not result.complete
    assert result.category is None and result.label() == ""
    assert result.unanswered == ("menganggur_12_bulan",)
    assert result.total == 16  # partial sum, shown as such
    assert score(rri, {}).unanswered == tuple(RRI_POINTS)
    assert score(rri, None).complete is False
    blank = zero_answers()
    blank["skors_sekolah"] = None  # type: ignore[assignment]
    assert score(rri, blank).unanswered == ("skors_sekolah",)


def test_unknown_ids_are_reported(rri: Instrument) -> None:
    answers = zero_answers()
    answers["penggunaan_zat"] = "tuak"
    answers["umur"] = "41"
    result = score(rri, answers)
    assert result.unknown_options == (("penggunaan_zat", "tuak"),)
    assert result.unknown_items == ("umur",)
    assert not result.complete and result.category is None
    assert result.unanswered == ()
    # an extra unknown item alone does not stop a complete scoring
    answers["penggunaan_zat"] = "alkohol"
    result = score(rri, answers)
    assert result.complete and result.category == "rendah" and result.unknown_items == ("umur",)


def test_score_as_dict_is_json_ready_and_bilingual(rri: Instrument) -> None:
    import json

    data = score(rri, ANSWERS_FOR_TOTAL[12]).as_dict()
    json.dumps(data)
    assert data["category"] == "tinggi"
    assert data["category_label"] == {"id": "Tinggi", "en": "High"}
    assert data["total"] == 12 and data["max_total"] == 17 and data["complete"] is True
    assert len(data["items"]) == 20 and data["answered"] == 10  # parts B-D not answered
    assert data["items"][0]["text"]["en"] == "When the prisoner/client was first detained, was he or she aged 16 or younger?"
    assert data["cutoffs"][3]["category"] == "sangat_tinggi"


# -- kebutuhan kriminogenik ----------------------------------------------------------------------------------------------


def test_kriminogenik_has_the_seven_domains(krim: Instrument) -> None:
    assert krim.kind == "needs"
    assert [(i.id, i.text("id")) for i in krim.items] == list(DOMAINS.items())
    for item in krim.items:
        assert [(o.id, o.points) for o in item.options] == [("tidak_ada", 0), ("rendah", 1), ("sedang", 2), ("tinggi", 3)]
        assert item.help("id") and item.help("en")
    assert krim.priority_min_points == 2


def test_kriminogenik_levels_and_priorities(krim: Instrument) -> None:
    answers = dict.fromkeys(DOMAINS, "rendah")
    answers["narkoba_alkohol"] = "tinggi"
    answers["hubungan_sosial"] = "sedang"
    answers["waktu_luang"] = "tidak_ada"
    result = score(krim, answers)
    assert result.complete
    assert result.priorities == ("narkoba_alkohol", "hubungan_sosial")
    levels = {s.item.id: s.option.label("id") for s in result.items if s.option}
    assert levels["narkoba_alkohol"] == "Tinggi" and levels["waktu_luang"] == "Tidak ada"
    data = result.as_dict()
    assert [i["id"] for i in data["items"] if i["priority"]] == ["narkoba_alkohol", "hubungan_sosial"]
    # partial answers still show priorities
    partial = score(krim, {"narkoba_alkohol": "tinggi"})
    assert partial.priorities == ("narkoba_alkohol",) and partial.category is None


@pytest.mark.parametrize("level", ["tidak_ada", "rendah", "sedang", "tinggi"])
def test_kriminogenik_defines_no_total_and_no_category(krim: Instrument, level: str) -> None:
    """The official instrument's total and categories are unverified: the file defines none, so none is made."""
    result = score(krim, dict.fromkeys(DOMAINS, level))
    assert krim.cutoffs == () and result.category is None and not result.has_total
    assert result.as_dict()["total"] is None and result.as_dict()["category"] is None


# -- a casebook adds a newer version, no code -----------------------------------------------------------------------


NEWER = """
id: rri
version: "2025"
kind: risk
title: {id: RRI bagian A (revisi 2025), en: RRI part A (2025 revision)}
source: Keputusan baru (contoh)
items:
  - id: pernah_dipenjara
    text: {id: Pernah dipenjara, en: Ever imprisoned}
    options:
      - {id: ya, label: {id: Ya, en: "Yes"}, points: 5}
      - {id: tidak, label: {id: Tidak, en: "No"}, points: 0}
  - id: bekerja
    text: {id: Tidak bekerja saat ini, en: Not working now}
    options:
      - {id: ya, label: {id: Ya, en: "Yes"}, points: 1}
      - {id: tidak, label: {id: Tidak, en: "No"}, points: 0}
cutoffs:
  - {min: 0, max: 1, category: rendah, label: {id: Rendah, en: Low}}
  - {min: 2, max: 6, category: tinggi, label: {id: Tinggi, en: High}}
"""


def test_casebook_adds_a_newer_version(tmp_path: Path) -> None:
    book = book_at(tmp_path)
    (book.root / "instruments" / "rri-2025.yaml").write_text(NEWER, encoding="utf-8")
    assert store.latest(book, "rri").version == "2025"
    assert store.latest(None, "rri").version == "2021"
    assert store.versions(book, "rri") == ["2021", "2025"]
    assert store.get(book, "rri", "2021").max_total == 17  # the old version stays for old assessments
    new = {"rri": {"instrument": "rri", "version": "2025", "answers": {"pernah_dipenjara": "ya", "bekerja": "tidak"}}}
    old = {"rri": {"instrument": "rri", "version": "2021", "answers": zero_answers()}}
    assert store.risk_category(book, new) == "tinggi"
    assert store.risk_category(book, old) == "rendah"
    assert store.risk_category(None, new) is None  # unknown without the casebook
    assert store.check_instrument_answers(book, new) == []
    assert store.instrument_problems(book) == []
    change = store.risk_change(book, old, new)
    assert change["direction"] == "up" and change["before"] == "rendah" and change["after"] == "tinggi"


def test_casebook_instruments_are_reloaded_when_changed(tmp_path: Path) -> None:
    book = book_at(tmp_path)
    path = book.root / "instruments" / "rri-2025.yaml"
    path.write_text(NEWER, encoding="utf-8")
    assert store.latest(book, "rri").version == "2025"
    path.write_text(NEWER.replace('"2025"', '"2026"'), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    assert store.latest(book, "rri").version == "2026"
    path.unlink()
    assert store.latest(book, "rri").version == "2021"


def test_broken_casebook_file_is_skipped_and_reported(tmp_path: Path) -> None:
    book = book_at(tmp_path)
    folder = book.root / "instruments"
    (folder / "bad.yaml").write_text(NEWER.replace("max: 6", "max: 5"), encoding="utf-8")
    (folder / "syntax.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (folder / "shadow.yaml").write_text(
        yamlio.dumps({**rri_definition(), "source": "changed in place"}), encoding="utf-8"
    )
    (folder / "same.yaml").write_text(yamlio.dumps(rri_definition()), encoding="utf-8")  # identical copy: fine
    (folder / "README.txt").write_text("not a definition", encoding="utf-8")
    assert store.latest(book, "rri").version == "2021"
    problems = store.instrument_problems(book)
    by_file: dict[str, list[str]] = {}
    for p in problems:
        by_file.setdefault(p.path, []).append(p.message)
    assert set(by_file) == {"instruments/bad.yaml", "instruments/syntax.yaml", "instruments/shadow.yaml"}
    assert "6–6" in by_file["instruments/bad.yaml"][0]
    assert "YAML" in by_file["instruments/syntax.yaml"][0]
    assert "2021" in by_file["instruments/shadow.yaml"][0]
    # nothing that reads assessments breaks
    assert store.risk_category(book, {"rri": {"instrument": "rri", "version": "2021",
                                               "answers": zero_answers()}}) == "rendah"


def test_two_casebook_files_with_one_version(tmp_path: Path) -> None:
    book = book_at(tmp_path)
    (book.root / "instruments" / "a.yaml").write_text(NEWER, encoding="utf-8")
    (book.root / "instruments" / "b.yaml").write_text(NEWER.replace("Keputusan baru", "Lain"), encoding="utf-8")
    problems = store.instrument_problems(book)
    assert [p.path for p in problems] == ["instruments/b.yaml"]
    assert "instruments/a.yaml" in problems[0].message


def test_unknown_instrument_or_version_is_a_clear_user_error() -> None:
    with pytest.raises(UserError) as exc:
        store.get(None, "rri", "1999")
    assert "1999" in str(exc.value) and "2021" in str(exc.value)
    with pytest.raises(UserError) as exc:
        store.latest(None, "lsi-r")
    assert "lsi-r" in str(exc.value) and "rri" in str(exc.value)
    with pytest.raises(UserError):
        store.get(None, "lsi-r", "2021")


# -- broken definitions are rejected with clear messages ------------------------------------------------------------


def broken(**edits: Any) -> list[str]:
    data = rri_definition()
    for key, fn in edits.items():
        data[key] = fn(copy.deepcopy(data[key]) if key in data else None)
    with pytest.raises(DefinitionError) as exc:
        parse_instrument(data, "test.yaml")
    assert exc.value.source == "test.yaml"
    return exc.value.problems


def _cutoffs(*ranges: tuple[int, int]) -> Any:
    return lambda _: [{"min": a, "max": b, "category": f"k{i}", "label": f"K{i}"} for i, (a, b) in enumerate(ranges)]


def test_overlapping_cutoffs() -> None:
    problems = broken(cutoffs=_cutoffs((0, 7), (7, 11), (12, 17)))
    assert problems == ["cut-off 'k0' (0–7) dan 'k1' (7–11) tumpang tindih"]


def test_gapped_cutoffs() -> None:
    assert broken(cutoffs=_cutoffs((0, 6), (8, 17))) == ["skor 7–7 tidak masuk kategori mana pun (cut-off bercelah)"]
    assert broken(cutoffs=_cutoffs((0, 6), (7, 15))) == ["skor 16–17 tidak masuk kategori mana pun (cut-off bercelah)"]
    assert broken(cutoffs=_cutoffs((1, 17))) == ["skor 0–0 tidak masuk kategori mana pun (cut-off bercelah)"]


def test_cutoff_min_above_max_and_outside() -> None:
    assert broken(cutoffs=_cutoffs((0, 17), (9, 3))) == ["cutoffs[1]: min 9 lebih besar dari max 3"]
    problems = broken(cutoffs=_cutoffs((0, 17), (18, 20)))
    assert any("di luar skor yang mungkin (0–17)" in p for p in problems)


def test_duplicate_ids() -> None:
    def dup_item(items: list[Any]) -> list[Any]:
        return [*items, copy.deepcopy(items[1])]

    assert broken(items=dup_item) == ["items[20]: kode 'pernah_dipenjara' dipakai lebih dari sekali"]

    def dup_option(items: list[Any]) -> list[Any]:
        items[4]["options"].append({"id": "satu_dua", "label": "1-2", "points": 2})
        return items

    assert broken(items=dup_option) == ["items[4].options[3]: kode 'satu_dua' dipakai lebih dari sekali"]
    problems = broken(cutoffs=lambda c: [*c[:3], {**c[3], "category": "rendah"}])
    assert problems == ["cutoffs[3]: kode 'rendah' dipakai lebih dari sekali"]  # the second one named


def test_bad_values() -> None:
    def points(value: Any) -> Any:
        def edit(items: list[Any]) -> list[Any]:
            items[0]["options"][0]["points"] = value
            return items

        return edit

    assert broken(items=points("tiga")) == ["items[0].options[0].points: harus bilangan bulat, bukan 'tiga'"]
    assert broken(items=points(True)) == ["items[0].options[0].points: harus bilangan bulat, bukan 'True'"]
    assert broken(items=points(None)) == ["items[0].options[0].points: wajib diisi"]
    assert broken(kind=lambda _: "score") == ["kind: 'score' bukan pilihan yang sah; pilih salah satu: risk, needs"]
    assert broken(kind=lambda _: "Risk")[0].endswith("(maksud Anda 'risk'?)")
    assert broken(title=lambda _: None) == ["title: wajib diisi"]
    assert broken(items=lambda _: []) == ["items: minimal 1 isian"]
    assert broken(items=lambda _: "x") == ["items: harus berupa daftar"]
    assert broken(id=lambda _: "RRI A") == ["id: kode 'RRI A' tidak sah (huruf kecil, angka, _ . -)"]
    assert broken(scoring=lambda _: "sum") == ["scoring: field tidak dikenal (salah ketik?)"]
    assert broken(title=lambda _: {"id": "Risiko", "fr": "Risque"}) == ["title.fr: field tidak dikenal (salah ketik?)"]
    assert broken(version=lambda _: True) == ["version: harus berupa teks"]

    def typo(items: list[Any]) -> list[Any]:
        items[2]["option"] = items[2].pop("options")
        return items

    problems = broken(items=typo)
    assert "items[2].option: field tidak dikenal; maksud Anda 'options'?" in problems
    assert "items[2].options: wajib diisi" in problems


def test_not_a_mapping_and_english_messages() -> None:
    with pytest.raises(DefinitionError):
        parse_instrument(["id", "rri"])
    set_lang("en")
    assert broken(cutoffs=_cutoffs((0, 6), (8, 17))) == ["scores 7–7 fall in no category (gap in the cut-offs)"]


def test_minimal_definition_with_plain_labels() -> None:
    inst = parse_instrument({
        "id": "cek", "version": 1, "title": "Cek",
        "items": [{"id": "a", "text": "A?", "options": [{"id": "y", "label": "Ya", "points": 1},
                                                         {"id": "n", "label": "Tidak", "points": 0}]}],
    })
    assert inst.version == "1" and inst.kind == "risk" and inst.title("en") == "Cek"
    result = score(inst, {"a": "y"})
    assert result.complete and result.total == 1 and result.category is None  # no cut-offs: no category


def test_version_order() -> None:
    assert sorted(["2025", "2021.1", "2021", "2025b", "2024"], key=version_key) == [
        "2021", "2021.1", "2024", "2025", "2025b"
    ]


# -- change between assessments -------------------------------------------------------------------------------------


def test_category_change(rri: Instrument) -> None:
    low, mid, high = (score(rri, ANSWERS_FOR_TOTAL[n]) for n in (3, 8, 13))
    incomplete = score(rri, {})
    assert category_change(low, high).direction == "up"
    assert category_change(high, mid).direction == "down"
    assert category_change(mid, score(rri, ANSWERS_FOR_TOTAL[10])).direction == "same"
    assert category_change(None, low).direction == "new"
    assert category_change(incomplete, low).direction == "new"
    assert category_change(low, incomplete).direction == "unknown"
    change = category_change(low, high)
    assert change.describe("id") == "naik dari Rendah menjadi Tinggi"
    assert change.describe("en") == "up from Low to High"
    assert category_change(high, mid).describe("id") == "turun dari Tinggi menjadi Sedang"
    data = change.as_dict()
    assert (data["before_total"], data["after_total"]) == (3, 13)
    assert data["text"]["en"] == "up from Low to High"


# -- reading recorded assessments -----------------------------------------------------------------------------------


def assessment(**parts: Any) -> dict[str, Any]:
    return {"date": "2025-09-20", **parts}


def test_risk_category_from_plain_data() -> None:
    doc = assessment(rri={"instrument": "rri", "version": 2021, "answers": ANSWERS_FOR_TOTAL[12]})
    assert store.risk_category(None, doc) == "tinggi"
    assert store.risk_category(None, assessment()) is None
    assert store.risk_category(None, assessment(rri={"instrument": "rri", "version": "2021",
                                                     "answers": {"ditahan_usia_16": "ya"}})) is None


@pytest.mark.parametrize(
    "garbage",
    [None, 5, "x", [], {"rri": None}, {"rri": "x"}, {"rri": []}, {"rri": {"instrument": 5}},
     {"rri": {"instrument": "rri", "version": ["2021"]}}, {"rri": {"instrument": "rri", "version": True}},
     {"rri": {"instrument": "rri", "version": "2021", "answers": "ya"}},
     {"rri": {"instrument": "rri", "version": "2021", "answers": {1: 2, "x": None, "y": [1]}}}],
)
def test_risk_category_never_raises(garbage: Any) -> None:
    assert store.risk_category(None, garbage) is None


def test_score_assessment_gives_both_scores() -> None:
    doc = assessment(
        rri={"instrument": "rri", "version": "2021", "answers": ANSWERS_FOR_TOTAL[7], "notes": "dari Litmas"},
        criminogenic={"instrument": "kriminogenik", "version": "2021", "answers": {"narkoba_alkohol": "tinggi"}},
    )
    out = store.score_assessment(None, doc)
    assert out["rri"]["category"] == "sedang" and out["rri"]["notes"] == "dari Litmas"
    assert out["criminogenic"]["complete"] is False and out["criminogenic"]["priorities"] == ["narkoba_alkohol"]
    out = store.score_assessment(None, assessment(rri={"instrument": "rri", "version": "1999", "answers": {}}))
    assert out == {"rri": {"instrument": "rri", "version": "1999", "known": False}, "criminogenic": None}


def test_score_assessment_accepts_a_validated_document() -> None:
    from bapascase.model.assessment import AssessmentDoc

    doc = AssessmentDoc.model_validate(
        assessment(rri={"version": "2021", "answers": ANSWERS_FOR_TOTAL[16]})
    )
    assert store.score_assessment(None, doc)["rri"]["category"] == "sangat_tinggi"
    assert store.risk_category(None, doc) == "sangat_tinggi"
    assert store.check_instrument_answers(None, doc) == []


def test_check_instrument_answers() -> None:
    doc = assessment(
        rri={"instrument": "rri", "version": "2021", "answers": {"penggunaan_zat": "tuak", "umur": "41"}},
        criminogenic={"instrument": "rri", "version": "2021", "answers": {}},
    )
    found = store.check_instrument_answers(None, doc)
    assert [loc for loc, _ in found] == [
        ("rri", "answers", "umur"), ("rri", "answers", "penggunaan_zat"), ("criminogenic", "instrument")
    ]
    messages = [m for _, m in found]
    assert "tidak_ada, alkohol, narkotika, keduanya" in messages[1]
    assert "kebutuhan" in messages[2]
    found = store.check_instrument_answers(None, assessment(rri={"instrument": "lsi-r", "version": "1"}))
    assert found[0][0] == ("rri", "instrument") and "lsi-r" in found[0][1]
    found = store.check_instrument_answers(None, assessment(rri={"instrument": "rri", "version": "1999"}))
    assert found[0][0] == ("rri", "version") and "2021" in found[0][1]
    assert store.check_instrument_answers(None, assessment()) == []


# -- JSON Schema hints --------------------------------------------------------------------------------------------


def test_enriched_schema_lets_a_generator_build_valid_complete_answers() -> None:
    from bapascase.model.assessment import AssessmentDoc

    schema = store.enrich_assessment_schema(AssessmentDoc.model_json_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    answers_schema = schema["$defs"]["RriAnswers"]["properties"]["answers"]
    rri = store.get(None, "rri", "2021")
    assert set(answers_schema["properties"]) == {i.id for i in rri.items}  # parts A to D
    assert set(RRI_POINTS) <= set(answers_schema["properties"])
    assert answers_schema["properties"]["riwayat_pidana"]["enum"] == ["tidak_ada", "satu_dua", "tiga_lebih"]
    assert schema["$defs"]["RriAnswers"]["properties"]["version"]["examples"] == ["2021"]
    # what a naive generator does: first enum value of each property, example for the version
    rri_answers = {k: v["enum"][0] for k, v in answers_schema["properties"].items()}
    krim_schema = schema["$defs"]["CriminogenicAnswers"]["properties"]["answers"]
    krim_answers = {k: v["enum"][-1] for k, v in krim_schema["properties"].items()}
    doc = {"date": "2025-09-20", "rri": {"version": "2021", "answers": rri_answers},
           "criminogenic": {"version": "2021", "answers": krim_answers}}
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    valid = AssessmentDoc.model_validate(doc)
    assert store.check_instrument_answers(None, valid) == []
    scores = store.score_assessment(None, valid)
    assert scores["rri"]["complete"] and scores["criminogenic"]["complete"]
    assert scores["criminogenic"]["category"] is None  # the needs instrument defines no category
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**doc, "rri": {"version": "2021", "answers": {"riwayat_pidana": "x"}}}, schema)


def test_enriched_schema_includes_a_casebook_version(tmp_path: Path) -> None:
    from bapascase.model.assessment import AssessmentDoc

    book = book_at(tmp_path)
    (book.root / "instruments" / "rri-2025.yaml").write_text(NEWER, encoding="utf-8")
    schema = store.enrich_assessment_schema(AssessmentDoc.model_json_schema(), book)
    props = schema["$defs"]["RriAnswers"]["properties"]
    assert "bekerja" in props["answers"]["properties"] and "ditahan_usia_16" in props["answers"]["properties"]
    assert props["version"]["examples"] == ["2025"]
    assert AssessmentDoc.model_json_schema() != schema  # the original is not changed


# -- the index reads the risk category --------------------------------------------------------------------------------


def test_index_summary_carries_the_risk_history(tmp_path: Path) -> None:
    from bapascase.store.index import summary_of

    book = book_at(tmp_path)
    folder = book.root / "cases" / "2025-bzg-abcde"
    (folder / "assessments").mkdir(parents=True)
    first = assessment(rri={"instrument": "rri", "version": "2021", "answers": ANSWERS_FOR_TOTAL[8]})
    second = {**assessment(rri={"instrument": "rri", "version": "2021", "answers": ANSWERS_FOR_TOTAL[2]}),
              "date": "2026-03-20"}
    (folder / "assessment.yaml").write_text(yamlio.dumps(first), encoding="utf-8")
    (folder / "assessments" / "2026-03-20.yaml").write_text(yamlio.dumps(second), encoding="utf-8")
    summary = summary_of(book, "2025-bzg-abcde")
    assert summary["risk_history"] == ["sedang", "rendah"]
    assert summary["risk"] == "rendah"


def test_the_index_follows_the_instrument_definitions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A summary keeps the risk category its definition gave: a definition added, changed or removed makes the
    kept summaries stale, though no case file changed."""
    from bapascase.store.index import load_index

    monkeypatch.setattr("bapascase.store.index.RACY_NS", 0)  # a kept row is trusted by its stamps alone
    book = book_at(tmp_path)
    folder = book.root / "cases" / "2025-bzg-abcde"
    folder.mkdir(parents=True)
    # a case is a folder with its case file (a folder of cases/ without one is no case of the caseload)
    (folder / "case.yaml").write_text(yamlio.dumps(intake_answers()), encoding="utf-8")
    doc = assessment(rri={"instrument": "rri", "version": "2025", "answers": {"pernah_dipenjara": "ya",
                                                                            "bekerja": "tidak"}})
    (folder / "assessment.yaml").write_text(yamlio.dumps(doc), encoding="utf-8")
    definition = book.root / "instruments" / "rri-2025.yaml"

    def risk() -> Any:
        [summary] = load_index(book)
        return summary["risk"]

    assert risk() is None  # no definition yet
    definition.write_text(NEWER, encoding="utf-8")
    assert risk() == "tinggi"
    definition.write_text(NEWER.replace("category: tinggi, label: {id: Tinggi, en: High}",
                                        "category: sedang, label: {id: Sedang, en: Medium}"), encoding="utf-8")
    assert risk() == "sedang"
    definition.unlink()
    assert risk() is None


# -- checked definitions are kept: the index reads them without YAML or pydantic ------------------------------------


def test_checked_definitions_are_kept_and_read_without_pydantic(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import subprocess
    import sys

    from tests.helpers import test_environ

    cache_home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    book = book_at(tmp_path)
    (book.root / "instruments" / "rri-2025.yaml").write_text(NEWER, encoding="utf-8")
    assert store.latest(book, "rri").version == "2025"
    builtin = json.loads((cache_home / "bapascase" / "instruments.json").read_text(encoding="utf-8"))
    assert set(builtin["definitions"]) == {f"bapascase/data/instruments/{name}.yaml" for name in (
        "rri-2021", "kriminogenik-2021", "anak-risiko-2019", "anak-kriminogenik-2019")}
    own = json.loads((book.state_dir / "instruments.json").read_text(encoding="utf-8"))
    assert set(own["definitions"]) == {"instruments/rri-2025.yaml"}
    # a fresh process scores an assessment from the kept definitions alone
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bapascase.store.casebook import Casebook\n"
        "from bapascase.store.instrument_files import risk_category\n"
        f"book = Casebook(Path({str(book.root)!r}))\n"
        "new = {'rri': {'instrument': 'rri', 'version': '2025', 'answers': {'pernah_dipenjara': 'ya', 'bekerja': 'tidak'}}}\n"
        "old = {'rri': {'instrument': 'rri', 'version': '2021', 'answers': %r}}\n"
        "print(risk_category(book, new), risk_category(book, old), 'pydantic' in sys.modules, 'yaml' in sys.modules)\n"
    ) % zero_answers()
    env = test_environ({"XDG_CACHE_HOME": str(cache_home)})
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["tinggi", "rendah", "False", "False"]


def test_a_changed_or_spoilt_kept_definition_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    book = book_at(tmp_path)
    path = book.root / "instruments" / "rri-2025.yaml"
    path.write_text(NEWER, encoding="utf-8")
    assert store.latest(book, "rri").version == "2025"
    kept = book.state_dir / "instruments.json"
    # the same size and time, other content: the checksum tells
    path.write_text(NEWER.replace("max: 6", "max: 5"), encoding="utf-8")
    store.clear_cache()
    assert store.latest(book, "rri").version == "2021"
    assert any("6–6" in p.message for p in store.instrument_problems(book))
    # a spoilt file is ignored, a spoilt entry is checked again
    path.write_text(NEWER, encoding="utf-8")
    for spoilt in ("{not json", '{"version": "1/0.1.0", "definitions": {"instruments/rri-2025.yaml": '
                                 '{"sig": "x", "data": 5}}}'):
        kept.write_text(spoilt, encoding="utf-8")
        store.clear_cache()
        assert store.latest(book, "rri").max_total == 6
    # a removed file leaves the kept definitions
    path.unlink()
    store.clear_cache()
    assert store.latest(book, "rri").version == "2021"
    assert "instruments/rri-2025.yaml" not in kept.read_text(encoding="utf-8")


def test_the_definition_models_and_the_engine_agree() -> None:
    """Every key a definition file may hold reaches the engine's Instrument (one definition of the format)."""
    import dataclasses

    from bapascase.model.instrument_def import InstrumentDef, validate_definition
    from bapascase.model.scoring import instrument_from_dict

    data = validate_definition(rri_definition())
    assert set(data) == set(InstrumentDef.model_fields)
    inst = instrument_from_dict(data, "x")
    engine = {f.name for f in dataclasses.fields(inst)}
    renamed = {"title": "titles", "short_title": "short_titles", "description": "descriptions"}
    assert {renamed.get(k, k) for k in data} <= engine
    assert inst == store.get(None, "rri", "2021")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_version_or_code_of_nan_or_inf_is_refused(value: float) -> None:
    """``version: .nan`` was read as the version "nan" (and ``.inf`` as "inf"): a definition nobody wrote."""
    for where in ("version", "id"):
        data = rri_definition()
        data[where] = value
        with pytest.raises(DefinitionError) as exc:
            parse_instrument(data, "instruments/x.yaml")
        assert where in str(exc.value)
