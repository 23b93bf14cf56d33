"""RRI parts A to D and the rule that decides when the criminogenic needs assessment is done; the child's
instrument (risk minus protective factors, its bands); provenance and unverified notes in every instrument file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bapascase.model.instrument_def import validate_definition
from bapascase.model.scoring import (
    V_FACTS,
    V_INCOMPLETE,
    V_NONE,
    V_TOTAL,
    V_UNANSWERED,
    V_YES,
    ClientFacts,
    DefinitionError,
    Instrument,
    score,
)
from bapascase.store import instrument_files as store
from bapascase.store import yamlio
from tests.test_instruments import ANSWERS_FOR_TOTAL

DATA = Path(store.__file__).resolve().parents[1] / "data" / "instruments"
MAN = ClientFacts(female=False, narcotics=False)
WOMAN = ClientFacts(female=True, narcotics=False)
MAN_NARCOTICS = ClientFacts(female=False, narcotics=True)
WOMAN_NARCOTICS = ClientFacts(female=True, narcotics=True)

# RRI parts B-D: the items of each, as the practitioner's format numbers them
PART_ITEMS = {
    "b": ["b_peningkatan", "b_kekerasan_sebelum_15", "b_kdrt", "b_kekerasan_seksual_terorisme"],
    "c": ["c_melahirkan_sebelum_20", "c_masalah_pengasuhan", "c_prostitusi"],
    "d": ["d_jaringan_pengedar", "d_pembenaran", "d_riwayat_penggunaan"],
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
def child() -> Instrument:
    return store.get(None, "anak-risiko", "2019")


def no(*parts: str) -> dict[str, str]:
    return {item: "tidak" for p in parts for item in PART_ITEMS[p]}


def answers(total: int, **extra: str) -> dict[str, str]:
    return {**ANSWERS_FOR_TOTAL[total], **extra}


# -- the wording is exact -------------------------------------------------------------------------------------------


EXACT = {
    # the phrases the first version had drifted from (notes/research/rri.md, the practitioner's data file)
    "pelanggaran_reintegrasi": "pelanggaran hukum/ hukum adat/ norma masyarakat",
    "riwayat_pidana": "(tidak termasuk vonis untuk kejahatan yang sekarang, dan tidak mempertimbangkan jumlah pasal",
    "keluarga_dipidana": "diproses secara hukum/ mendapatkan vonis dari Hakim (apapun bentuk vonisnya)",
    "penggunaan_zat": "minuman berakohol secara berlebihan",
    "menganggur_12_bulan": "menganggur secara terus menerus/ berturut-turut selama 12 bulan atau lebih",
    "ditahan_usia_16": "pertama kali ditahan masih berusia 16 tahun atau dibawah 16 tahun",
    "b_kekerasan_sebelum_15": "sebelum berusia 15 tahun",
    "b_kekerasan_seksual_terorisme": "terorisme/ separatisme",
    "c_melahirkan_sebelum_20": "sebelum berusia 20 (dua puluh) tahun",
    "d_jaringan_pengedar": "jaringan pengedar narkotika/ obat-obatan terlarang",
}


@pytest.mark.parametrize(("item", "phrase"), EXACT.items())
def test_item_wording_is_exact(rri: Instrument, item: str, phrase: str) -> None:
    found = rri.item(item)
    assert found is not None and phrase in found.text("id")


def test_parts_and_their_items(rri: Instrument) -> None:
    assert [(p.id, p.scored, p.applies_to, p.asked_below) for p in rri.parts] == [
        ("a", True, "all", None), ("b", False, "all", 7), ("c", False, "female", 7), ("d", False, "narcotics", 7)]
    for part, items in PART_ITEMS.items():
        assert [i.id for i in rri.part_items(part)] == items
        for item in rri.part_items(part):  # ticked Ya/Tidak, no points
            assert [(o.id, o.points, o.positive) for o in item.options] == [("ya", 0, True), ("tidak", 0, False)]
    assert len(rri.part_items("a")) == 10
    assert (rri.min_total, rri.max_total) == (0, 17)  # parts B-D add nothing to the total


# -- every part, at every edge of the rule ----------------------------------------------------------------------------


@pytest.mark.parametrize("total", [7, 8, 11, 12, 17])
def test_part_a_at_or_above_7_always_requires_the_criminogenic_assessment(rri: Instrument, total: int) -> None:
    for facts in (MAN, WOMAN, MAN_NARCOTICS, WOMAN_NARCOTICS, ClientFacts()):
        result = score(rri, answers(total), facts)
        assert result.verdict is not None
        assert (result.verdict.required, result.verdict.reason) == (True, V_TOTAL)
        # parts B-D are not asked then
        assert all(p.asked is False for p in result.parts if p.part.id != "a")


@pytest.mark.parametrize("total", [0, 1, 5, 6])
def test_part_a_below_7_asks_b_and_all_no_means_not_required(rri: Instrument, total: int) -> None:
    result = score(rri, answers(total, **no("b")), MAN)
    assert result.verdict is not None
    assert (result.verdict.required, result.verdict.reason) == (False, V_NONE)
    asked = {p.part.id: p.asked for p in result.parts}
    assert asked == {"a": True, "b": True, "c": False, "d": False}


@pytest.mark.parametrize("part", ["b", "c", "d"])
@pytest.mark.parametrize("item_index", [0, -1])
def test_any_yes_in_a_part_that_applies_requires_it(rri: Instrument, part: str, item_index: int) -> None:
    given = answers(6, **no("b", "c", "d"))
    given[PART_ITEMS[part][item_index]] = "ya"
    result = score(rri, given, WOMAN_NARCOTICS)
    assert result.verdict is not None
    assert (result.verdict.required, result.verdict.reason, result.verdict.parts) == (True, V_YES, (part,))


def test_part_c_is_for_women_and_d_for_narcotics_cases(rri: Instrument) -> None:
    cases = {MAN: {"b"}, WOMAN: {"b", "c"}, MAN_NARCOTICS: {"b", "d"}, WOMAN_NARCOTICS: {"b", "c", "d"}}
    for facts, wanted in cases.items():
        result = score(rri, answers(3), facts)
        assert {p.part.id for p in result.parts if p.asked and p.part.id != "a"} == wanted, facts
        assert result.verdict is not None and result.verdict.reason == V_UNANSWERED
        assert set(result.verdict.parts) == wanted
        # all of them answered "Tidak": not required
        done = score(rri, answers(3, **no(*wanted)), facts)
        assert done.verdict is not None and done.verdict.required is False


def test_a_woman_still_needs_part_c_answered(rri: Instrument) -> None:
    result = score(rri, answers(6, **no("b")), WOMAN)
    assert result.verdict is not None
    assert (result.verdict.required, result.verdict.reason, result.verdict.parts) == (None, V_UNANSWERED, ("c",))


def test_unknown_sex_or_narcotics_leaves_the_verdict_open(rri: Instrument) -> None:
    result = score(rri, answers(6, **no("b")), ClientFacts(female=None, narcotics=False))
    assert result.verdict is not None
    assert (result.verdict.required, result.verdict.reason, result.verdict.parts) == (None, V_FACTS, ("c",))
    # a "Ya" decides it whatever is unknown
    result = score(rri, answers(6, **{**no("b"), "b_kdrt": "ya"}), ClientFacts())
    assert result.verdict is not None and result.verdict.required is True


def test_incomplete_part_a_leaves_the_verdict_open(rri: Instrument) -> None:
    given = answers(6, **no("b"))
    del given["skors_sekolah"]
    result = score(rri, given, MAN)
    assert result.verdict is not None and (result.verdict.required, result.verdict.reason) == (None, V_INCOMPLETE)
    assert result.category is None and result.unanswered == ("skors_sekolah",)


def test_parts_b_to_d_never_change_the_total_or_the_category(rri: Instrument) -> None:
    plain = score(rri, answers(6), WOMAN_NARCOTICS)
    ticked = score(rri, answers(6, **{i: "ya" for items in PART_ITEMS.values() for i in items}), WOMAN_NARCOTICS)
    assert (plain.total, plain.category) == (ticked.total, ticked.category) == (6, "rendah")
    assert plain.complete and ticked.complete


def test_old_part_a_answers_stay_valid_and_readable() -> None:
    """An assessment recorded as ``rri-a`` 2021 (part A only): the same category, parts B-D not answered."""
    old = {"date": "2025-02-24", "rri": {"instrument": "rri-a", "version": "2021", "answers": ANSWERS_FOR_TOTAL[3]}}
    case = {"identity": {"sex": "L"}, "legal": {"articles": ["Pasal 338 KUHP"], "offence": "Pembunuhan"}}
    assert store.check_instrument_answers(None, old) == []
    assert store.risk_category(None, old) == "rendah"
    result = store.score_part(None, old, "rri", case)
    assert result is not None and result.instrument.id == "rri" and result.complete
    assert result.verdict is not None and result.verdict.reason == V_UNANSWERED and result.verdict.parts == ("b",)
    scored = store.score_assessment(None, old, case)["rri"]
    assert scored["verdict"] == {"required": None, "reason": "unanswered", "parts": ["b"], "threshold": 7}


def test_narcotics_case_from_the_intake_or_as_confirmed() -> None:
    case = {"identity": {"sex": "L"}, "legal": {"articles": ["Pasal 112 ayat (1) UU No. 35 Tahun 2009"],
                                                 "offence": "Kepemilikan sabu"}}
    assert store.client_facts(case).narcotics is True
    confirmed = {"rri": {"instrument": "rri", "version": "2021", "answers": {}, "narcotics_case": False}}
    assert store.client_facts(case, confirmed).narcotics is False
    theft = {"identity": {"sex": "P"}, "legal": {"articles": ["Pasal 362 KUHP"], "offence": "Pencurian"}}
    assert store.client_facts(theft) == ClientFacts(female=True, narcotics=False)


def test_answers_to_a_part_that_does_not_apply_are_a_problem() -> None:
    case = {"identity": {"sex": "L", "birth_date": "1984-03-15"},
            "legal": {"programme": "PB", "articles": ["Pasal 338 KUHP"], "offence": "Pembunuhan"}}
    doc = {"date": "2025-01-10", "rri": {"instrument": "rri", "version": "2021",
                                         "answers": answers(3, **no("b"), c_prostitusi="tidak")}}
    found = store.check_instrument_answers(None, doc, case)
    assert [loc for loc, _ in found] == [("rri", "answers", "c_prostitusi")]
    assert "perempuan" in found[0][1]


# -- a child is never scored on the adult RRI ----------------------------------------------------------------------------


def test_a_sixteen_year_old_on_the_adult_rri_is_a_problem() -> None:
    case: dict[str, Any] = {"identity": {"sex": "L", "birth_date": "2010-02-03"},
            "legal": {"programme": "PB", "articles": ["Pasal 363 KUHP"], "offence": "Pencurian"}}
    doc = {"date": "2026-11-20", "rri": {"instrument": "rri", "version": "2021", "answers": answers(3)}}
    found = store.check_instrument_answers(None, doc, case)
    assert [loc for loc, _ in found] == [("rri", "instrument")]
    assert "anak-risiko" in found[0][1]
    # the same client assessed at 18 is an adult (an adult programme)
    grown = {**doc, "date": "2028-02-03"}
    assert store.check_instrument_answers(None, grown, case) == []
    # a child programme is a child's whatever the age
    assert store.child_at({**case, "legal": {**case["legal"], "programme": "diversi"}}, "2040-01-01")


# -- the child's instrument ---------------------------------------------------------------------------------------------

CHILD_ZERO = {  # the lowest answer of each risk factor, the highest of each protective factor: total 0
    "ditahan_usia_12": "tidak", "tindak_pidana_5_tahun": "pertama", "usia_saat_tindak_pidana": "u12_13",
    "kategori_pidana": "a", "pelanggaran_selama_proses": "tidak_pernah", "pendidikan_tertinggi": "sd_tidak_lulus",
    "status_pekerjaan": "pelajar", "hubungan_orang_tua": "baik", "teman_kriminal": "tidak_ada",
    "pandangan_pidana": "salah", "pola_asuh": "mampu", "pihak_pendamping": "sekolah",
}


def child_answers(total: int) -> dict[str, str]:
    """Child answers reaching ``total`` (risk factors raised from the lowest, protective factors lowered)."""
    inst = store.get(None, "anak-risiko", "2019")
    given = dict(CHILD_ZERO)
    need = total
    for item in inst.items:
        sign = inst.sign_of(item)
        chosen = item.option(given[item.id])
        assert chosen is not None
        for option in sorted(item.options, key=lambda o: sign * o.points):
            gain = sign * (option.points - chosen.points)
            if 0 <= gain <= need and sign * option.points >= sign * chosen.points:
                best = option
        need -= sign * (best.points - chosen.points)
        given[item.id] = best.id
    assert need == 0, total
    return given


def test_child_instrument_is_risk_minus_protective(child: Instrument) -> None:
    assert child.client == "anak" and [(p.id, p.sign) for p in child.parts] == [("risiko", 1), ("pelindung", -1)]
    assert (child.min_total, child.max_total) == (0, 40)
    result = score(child, CHILD_ZERO)
    assert (result.total, result.category) == (0, "rendah")
    worst = {i.id: max(i.options, key=lambda o: o.points).id for i in child.part_items("risiko")}
    worst |= {i.id: min(i.options, key=lambda o: o.points).id for i in child.part_items("pelindung")}
    assert score(child, worst).total == 40
    risk, protective = score(child, worst).parts
    assert (risk.points, protective.points) == (40, 0)


@pytest.mark.parametrize(("total", "category", "label"), [
    (0, "rendah", "Rendah"), (13, "rendah", "Rendah"), (14, "menengah", "Menengah"), (26, "menengah", "Menengah"),
    (27, "tinggi", "Tinggi"), (40, "tinggi", "Tinggi")])
def test_child_bands_at_every_edge(child: Instrument, total: int, category: str, label: str) -> None:
    result = score(child, child_answers(total))
    assert result.complete and result.total == total
    assert (result.category, result.label("id")) == (category, label)


def test_child_criminogenic_aspects_have_no_total(tmp_path: Path) -> None:
    inst = store.get(None, "anak-kriminogenik", "2019")
    assert inst.client == "anak" and inst.kind == "needs" and len(inst.items) == 6 and inst.cutoffs == ()
    result = score(inst, {i.id: "tinggi" for i in inst.items})
    assert result.category is None and not result.has_total and len(result.priorities) == 6


# -- provenance and unverified notes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_every_instrument_file_cites_its_decree_and_what_was_verified(path: Path) -> None:
    data = validate_definition(yamlio.load(path), path.name)
    prov = data["provenance"]
    assert prov is not None, path.name
    assert "Nomor" in prov["decree"] and "tentang" in prov["decree"]
    assert prov["verified"]["id"] and prov["verified"]["en"] and prov["sources"]
    # every built-in instrument still rests on practitioners' formats somewhere: it says so
    assert prov["unverified"] and prov["unverified"]["id"] and prov["unverified"]["en"]


def test_notes_name_the_unverified_parts_a_result_rests_on(rri: Instrument) -> None:
    result = score(rri, answers(6, **no("b")), MAN)
    texts = [n.id for n in result.notes]
    assert any("format praktisi" in x for x in texts)
    assert not any("Sangat Tinggi" in x for x in texts)  # not used
    top = score(rri, answers(16), MAN)
    assert any("Sangat Tinggi" in n.id for n in top.notes)
    assert score(rri, {}).notes == ()  # nothing answered, nothing rests on it


def test_a_broken_part_reference_is_named() -> None:
    data: dict[str, Any] = yamlio.load(DATA / "rri-2021.yaml")
    data["items"][0]["part"] = "z"
    with pytest.raises(DefinitionError) as exc:
        validate_definition(data)
    assert exc.value.problems == ["items[0]: bagian 'z' tidak ada (bagian: a, b, c, d)"]
    data["items"][0]["part"] = "a"
    data["criminogenic_rule"]["yes_in"] = ["b", "x"]
    with pytest.raises(DefinitionError) as exc:
        validate_definition(data)
    assert exc.value.problems == ["criminogenic_rule.yes_in: bagian 'x' tidak ada (bagian: a, b, c, d)"]


def test_a_child_assessed_on_the_adult_rri_before_stays_valid_but_is_never_scored() -> None:
    """An assessment recorded as ``rri-a`` for a 16-year-old (before the child's instrument existed): still valid,
    but no risk category is derived from it and reports show it unscored."""
    case = {"identity": {"sex": "L", "birth_date": "2010-02-03"},
            "legal": {"programme": "pidana_bersyarat", "articles": ["Pasal 363 KUHP"], "offence": "Pencurian"}}
    old = {"date": "2026-11-20", "rri": {"instrument": "rri-a", "version": "2021", "answers": ANSWERS_FOR_TOTAL[3]},
           "criminogenic": {"instrument": "kriminogenik", "version": "2021", "answers": {}}}
    assert store.check_instrument_answers(None, old, case) == []
    assert store.risk_category(None, old) == "rendah"  # without the intake: the instrument's own reading
    assert store.risk_category(None, old, case) is None
    assert store.assessment_results(None, old, case)["rri"]["fits"] is False
