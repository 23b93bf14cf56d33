"""Anonymised reports name no place that locates the client or the family (QA6 finding 6).

The address's parts below the city or regency (street, kelurahan, desa, lingkungan) and the places recorded in a
``Privacy.PLACE`` field (where a person works, trades or studies: "Pedagang di Pasar MMTC") are replaced wherever
the case's free text writes them, in any case, spacing or punctuation; the city, regency, province and a kecamatan
written as such stay (they say which court and Bapas are concerned). Ordinary words never go: a one-word place
("Damai") goes only after its keyword or a preposition, or capitalised (a sentence's start included), and a value of
one or two letters never.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from bapascase.model import registry
from bapascase.model.base import Privacy
from bapascase.model.meta import privacy_of
from bapascase.reports import KINDS
from bapascase.reports.anonymize import anonymize_docs
from bapascase.reports.redact import Redactor
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT, assert_clean_exit, invoke
from tests.report_fixture import story_docs
from tests.test_report_anonymize import printable

TODAY = dt.date(2026, 11, 30)
CASE = "2025-bzg-k7m2p"
# the demo client's places, as QA6 found them in the free text, and the lane (the office's letterhead, "Jl. Contoh
# Pemasyarakatan No. 1, Medan", is the Bapas's address and stays)
PLACES = ("Helvetia Ujung", "Pasar MMTC", "Gg. Damai")
# what stays: the city and the province (jurisdiction), and the words around the places
KEPT = ("Medan", "Rumah sewa sederhana di", "Kepala lingkungan", "berjualan di")
ADDRESS = "(alamat disamarkan)"
PLACE = "(tempat disamarkan)"


def _fields(obj: Any) -> Iterator[tuple[Privacy | None, Any]]:
    if isinstance(obj, list):
        for v in obj:
            yield from _fields(v)
    elif isinstance(obj, BaseModel):
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            if isinstance(value, BaseModel | list) and not (isinstance(value, list) and all(
                    isinstance(v, str) for v in value)):
                yield from _fields(value)
            else:
                yield privacy_of(info), value


def protected_values(root: Path, case_id: str) -> set[str]:
    """From the model's privacy classes, not from field names: every address part before the last (the city),
    and every capitalised run after "di" in a place field."""
    book = Casebook(root)
    from bapascase.reports.context import load_entries

    out: set[str] = set()
    for items in load_entries(book, case_id).values():
        for e in items:
            for privacy, value in _fields(e.doc):
                for one in value if isinstance(value, list) else [value]:
                    if not isinstance(one, str):
                        continue
                    if privacy is Privacy.ADDRESS:
                        out.update(p.strip() for p in one.split(",")[:-1] if len(p.strip()) >= 4)
                    elif privacy is Privacy.PLACE:
                        out.update(m.group(1) for m in re.finditer(r"\bdi (?:dekat )?([A-Z]\w*(?: [A-Z0-9]\w*)*)", one))
    return out


def plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(re.sub(r"\\(.)", r"\1", text))
    return " ".join(text.split())


def leaks(text: str, values: set[str] | tuple[str, ...]) -> list[str]:
    seen = plain(text).lower()
    return [v for v in values if " ".join(v.split()).lower() in seen]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "cases", root / "cases")
    shutil.copy(ROOT / "bapascase.yaml", root / "bapascase.yaml")
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", root / "templates")
    return root


def test_the_demo_records_the_places_qa_found(demo: Path) -> None:
    values = protected_values(demo, CASE)
    assert {"Helvetia Ujung", "Pasar MMTC", "Jl. Contoh Gg. Damai No. 7"} <= values
    from bapascase.reports.render import render

    raw = render(Casebook(demo), CASE, "case", "md", "id", TODAY).text
    assert leaks(raw, ("Helvetia Ujung", "Pasar MMTC")) != []  # they are there before anonymisation


@pytest.mark.parametrize("kind", KINDS)
def test_no_report_of_any_kind_names_the_places(demo: Path, kind: str) -> None:
    from bapascase.reports.render import render

    if not printable(demo, CASE, kind):
        pytest.skip(f"the demo client has no {kind} report")
    book = Casebook(demo)
    values = protected_values(demo, CASE) | set(PLACES)
    for fmt in ("md", "html"):
        for lang in ("id", "en"):
            r = render(book, CASE, kind, fmt, lang, TODAY, anonymize=True, picture_stem="p")
            assert leaks(r.text, values) == [], (kind, fmt, lang)
            for pic in r.report.pictures.values():
                assert leaks(pic.svg, values) == [], (kind, pic.name)
            assert "Medan" in plain(r.text) or kind not in ("case", "litmas"), (kind, fmt, lang)


@pytest.mark.parametrize("kind", KINDS)
def test_nor_the_docx(demo: Path, kind: str) -> None:
    from bapascase.reports.docx import render_docx

    if not printable(demo, CASE, kind):
        pytest.skip(f"the demo client has no {kind} report")
    data, _ = render_docx(Casebook(demo), CASE, kind, "id", TODAY, anonymize=True)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    assert leaks(text, protected_values(demo, CASE) | set(PLACES)) == [], kind


@pytest.mark.parametrize("kind", ["case", "litmas", "practicum", "progress", "termination"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_command_qa_ran_as_a_user_runs_it(demo: Path, tmp_path: Path, kind: str, fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    assert_clean_exit(invoke(["report", "bzg", "--kind", kind, "--format", fmt, "--anonymize", "-o", str(out)],
                             casebook=demo, today=TODAY), 0)
    if fmt == "docx":
        with zipfile.ZipFile(out) as z:
            text = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    else:
        text = out.read_text(encoding="utf-8")
    assert leaks(text, PLACES) == [], (kind, fmt)
    assert ADDRESS in plain(text) or PLACE in plain(text), (kind, fmt)
    for kept in KEPT if kind in ("case", "litmas") else ("Medan",):
        assert kept.lower() in plain(text).lower(), (kind, fmt, kept)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_nor_the_anonymised_export(demo: Path, tmp_path: Path, fmt: str) -> None:
    for extra in ([], ["--entries"]):
        out = tmp_path / f"e{len(extra)}.{fmt}"
        assert_clean_exit(invoke(["export", "--format", fmt, "--anonymize", *extra, "-o", str(out)], casebook=demo,
                                 today=TODAY), 0)
        text = out.read_text(encoding="utf-8")
        if fmt == "json":
            json.loads(text)
        assert leaks(text, PLACES) == [], (fmt, extra)


# -- how it reads (the demo's words, then hostile ones) -------------------------------------------------------------


def _red(address: str, *places: str) -> Redactor:
    red = Redactor("id")
    red.add_address(address, ADDRESS)
    for p in places:
        red.add_place(p, PLACE)
    return red


def test_the_demo_sentences_read_well() -> None:
    red = _red("Jl. Contoh Gg. Damai No. 7, Helvetia Ujung, Medan", "Pedagang di Pasar MMTC")
    assert red.text("Rumah sewa sederhana di Helvetia Ujung, Medan.") == f"Rumah sewa sederhana di {ADDRESS}, Medan."
    assert red.text("Kepala lingkungan Helvetia Ujung") == f"Kepala lingkungan {ADDRESS}"
    assert red.text("Rumah klien, HELVETIA-UJUNG, Medan") == f"Rumah klien, {ADDRESS}, Medan"
    assert red.text("berjualan di pasar  mmtc setiap hari") == f"berjualan di {PLACE} setiap hari"
    assert red.text("usaha di dekat Pasar\u00a0MMTC.") == f"usaha di dekat {PLACE}."
    assert red.text("Ia pindah ke Medan, contoh yang baik; hidup damai.") == \
        "Ia pindah ke Medan, contoh yang baik; hidup damai."


def test_a_place_named_by_a_common_word_goes_only_where_it_is_the_place() -> None:
    red = _red("Jl. Mawar No. 3, Damai, Medan")
    assert red.text("Keluarga hidup damai; bunga mawar; warga damai.") == \
        "Keluarga hidup damai; bunga mawar; warga damai."
    # a capital at a sentence's start counts too (the kelurahan "Helvetia adalah..." reads the same): over-hiding
    # the word there is the safer failure
    assert red.text("Keluarga hidup damai. Damai adalah harapan klien.") == \
        f"Keluarga hidup damai. {ADDRESS} adalah harapan klien."
    assert red.text("Ia tinggal di Damai; warga Damai mengenalnya; Kel. damai; rumah di Jalan Mawar nomor 3.") == \
        f"Ia tinggal di {ADDRESS}; warga {ADDRESS} mengenalnya; Kel. {ADDRESS}; rumah di {ADDRESS}."


def test_the_city_regency_and_province_stay() -> None:
    red = _red("Jl. Melati 5, Sukamaju, Binjai, Sumatera Utara", "Pedagang di Pasar Kampung Lalang Binjai")
    assert red.text("Pindah dari Sukamaju ke Binjai, Sumatera Utara; jualan di Pasar Kampung Lalang.") == \
        f"Pindah dari {ADDRESS} ke Binjai, Sumatera Utara; jualan di {PLACE}."
    red = _red("Dusun III, Desa Lau Gumba, Kec. Berastagi, Kabupaten Karo")
    assert red.text("Kunjungan ke Lau Gumba, Kec. Berastagi, Kabupaten Karo") == \
        f"Kunjungan ke {ADDRESS}, Kec. Berastagi, Kabupaten Karo"
    assert red.text("Bapas Kelas I Medan; Berastagi; Karo") == "Bapas Kelas I Medan; Berastagi; Karo"
    red = _red("Jl. Fiktif No. 12, Binjai Kota")  # the city, its keyword after it (the demo client NCP)
    assert red.text("Lahir di Binjai; rumah di Jl. Fiktif.") == f"Lahir di Binjai; rumah di {ADDRESS}."


def test_values_with_regex_metacharacters_are_matched_as_written() -> None:
    red = _red("Jl. A.(B)+ No. 1*, Kel. Su?ka$maju [Baru], Medan", "Pedagang di Toko C++ Jaya* [Pusat]")
    assert red.text("Rumah di Kel. Su?ka$maju [Baru; toko c++ jaya* ramai; kelurahan SU KA MAJU BARU.") == \
        f"Rumah di Kel. {ADDRESS}; {PLACE}* ramai; kelurahan {ADDRESS}."
    # nothing shaped like a pattern blanks the text around it
    assert red.text("a+b (c) [d] * ? $ ^ . | \\") == "a+b (c) [d] * ? $ ^ . | \\"


def test_values_of_one_or_two_letters_blank_nothing() -> None:
    red = _red("Jl. A, B, Medan", "Buruh di X", "Guru di SD", "Pelajar SMP")
    text = "A dan B serta X; a b x; SD dan SMP; di B ada X, sekolah di SD Negeri."
    assert red.text(text) == text


def test_no_mark_nor_a_word_is_a_place() -> None:
    red = _red("Jl. Mawar No. 3, Sejahtera, Medan", "tidak ada", "-", "Buruh harian", "Pelajar SMP")
    assert red.places == [("mawar", ADDRESS, "street"), ("sejahtera", ADDRESS, "local")]
    assert red.text("Tidak ada pekerjaan tetap; buruh harian; keluarga sejahtera.") == \
        "Tidak ada pekerjaan tetap; buruh harian; keluarga sejahtera."


def _story(mutate: Any) -> dict[str, list[Any]]:
    data = story_docs()
    mutate(data)
    return {stage: [registry.model_for(stage).model_validate(d) for d in items] for stage, items in data.items()}


def _texts(obj: Any) -> Iterator[str]:
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _texts(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _texts(v)
    elif isinstance(obj, str):
        yield obj


def test_every_place_field_of_the_model_teaches_the_anonymiser() -> None:
    """Driven by ``Privacy.PLACE``: the client's, a family member's and the guarantor's occupation, and the
    assessment's, each name a place that a narrative of another document repeats."""
    places = {"client": "Bengkel Sinar Tebing", "family": "SMP Negeri 27 Helvetia", "guarantor": "Toko Emas Murni",
              "assessment": "Kilang Padi Sumber Rezeki"}

    def mutate(data: dict[str, Any]) -> None:
        case = data["case"][0]
        case["identity"]["occupation"] = f"Montir di {places['client']}"
        case["family"][-1]["occupation"] = f"Guru di {places['family']}"
        case["guarantor"]["occupation"] = f"Penjaga di {places['guarantor']}"
        data["assessment"][0].setdefault("economic", {})["occupation"] = f"Buruh di {places['assessment']}"
        data["engagement"][0]["rapport"] = "Bertemu di " + ", di ".join(p.upper() for p in places.values()) + "."

    for lang in ("id", "en"):
        anon = anonymize_docs(_story(mutate), lang)
        text = "\n".join(t for items in anon.values() for d in items for t in _texts(d.model_dump(mode="json", warnings=False)))
        assert leaks(text, tuple(places.values())) == [], lang
        assert ("(tempat disamarkan)" if lang == "id" else "(place withheld)") in text
        assert "Montir di" in text and "Guru di" in text


def test_the_occupations_are_place_fields() -> None:
    from bapascase.model.assessment import Economic
    from bapascase.model.case import FamilyMember, Guarantor, Identity

    for model in (Identity, FamilyMember, Guarantor, Economic):
        assert privacy_of(model.model_fields["occupation"]) is Privacy.PLACE, model.__name__


# -- findings of the place redaction's review, one test each -------------------------------------------------------


def test_a_relatives_address_without_a_city_does_not_make_the_clients_kelurahan_a_city() -> None:
    """Finding 1: the cities are shared across a case's addresses; a name any address places below the city is
    never one, and an address with a street and one other part (no city) names the kelurahan there."""
    red = Redactor("id")
    red.add_address("Jl. Sisingamangaraja No. 5, Harjosari, Medan", ADDRESS)  # the client
    red.add_address("Jl. Melati No. 9, Harjosari", ADDRESS)  # a relative, without the city
    assert red.text("Klien tinggal di Harjosari, Medan; warga Harjosari mengenalnya.") == \
        f"Klien tinggal di {ADDRESS}, Medan; warga {ADDRESS} mengenalnya."
    red = Redactor("id")  # the order the addresses come in says nothing
    red.add_address("Jl. Melati No. 9, Harjosari", ADDRESS)
    red.add_address("Jl. Sisingamangaraja No. 5, Harjosari, Medan", ADDRESS)
    assert red.text("Kunjungan ke Harjosari.") == f"Kunjungan ke {ADDRESS}."
    red = Redactor("id")  # alone, it is the kelurahan too
    red.add_address("Jl. Melati No. 9, Harjosari", ADDRESS)
    assert red.text("Rumah kakak di Harjosari.") == f"Rumah kakak di {ADDRESS}."


def test_a_one_word_kelurahan_goes_at_a_sentences_or_lines_start_and_alone() -> None:
    """Finding 2: a capital at a sentence's start, a line's start or a list item marks the place too."""
    red = _red("Jl. Damai No. 7, Helvetia, Medan")
    assert red.text("Klien tinggal bersama ibunya. Helvetia adalah kelurahan padat.") == \
        f"Klien tinggal bersama ibunya. {ADDRESS} adalah kelurahan padat."
    assert red.text("Tempat tinggal:\n- Helvetia\n1. Helvetia\n* HELVETIA") == \
        f"Tempat tinggal:\n- {ADDRESS}\n1. {ADDRESS}\n* {ADDRESS}"
    assert red.text("Helvetia") == ADDRESS  # a field whose whole value is the kelurahan
    assert red.text("Damai itu indah.") == f"{ADDRESS} itu indah."  # the safer failure
    # lower case is a word, unless its keyword or a preposition comes before it
    assert red.text("warga helvetia; hidup damai; di helvetia; kel. helvetia") == \
        f"warga helvetia; hidup damai; di {ADDRESS}; kel. {ADDRESS}"


def test_a_word_that_only_continues_a_place_begins_none() -> None:
    """Finding 3: "Negeri", "Swasta", "Makan", "Sakit" continue a place ("SMP Negeri 27") but begin none."""
    red = _red("Jl. Damai No. 7, Helvetia, Medan", "Pegawai Negeri Sipil", "Karyawan Swasta Tetap",
               "Juru Masak Rumah Makan Sederhana", "Perawat Rumah Sakit Umum Medan", "Guru SMP Negeri 27 Helvetia")
    assert red.text("Ayah klien Pegawai Negeri Sipil; ibu Karyawan Swasta Tetap.") == \
        "Ayah klien Pegawai Negeri Sipil; ibu Karyawan Swasta Tetap."
    assert red.text("Bekerja di Rumah Makan Sederhana, lalu Rumah Sakit Umum; guru SMP Negeri 27 Helvetia.") == \
        f"Bekerja di {PLACE}, lalu {PLACE}; guru {PLACE}."


@pytest.mark.parametrize("address", ["Jl. Damai No. 7, Harjosari, Medan, 20147", "Jl. Damai No. 7, Harjosari, Medan, Indonesia",
                                     "Jl. Damai No. 7, Harjosari, Medan 20147, Indonesia"])
def test_a_postal_code_or_the_country_is_not_the_city(address: str) -> None:
    """Finding 4: the city is the last part with letters that is not the country."""
    red = _red(address)
    assert red.text("Sidang di Pengadilan Negeri Medan; rumah di Harjosari, Medan.") == \
        f"Sidang di Pengadilan Negeri Medan; rumah di {ADDRESS}, Medan."


def test_a_city_after_a_preposition_in_an_occupation_stays() -> None:
    """Finding 5: one capitalised word after a preposition is no place (a place needs a place word, a digit or
    two capitalised words), and a phrase that is a city of the case never is."""
    red = _red("Jl. Damai No. 7, Harjosari, Medan", "Buruh bangunan di Jakarta", "Pedagang di Medan",
               "Sopir di Pasar Sambu Medan", "Satpam di Blok 7")
    assert red.text("Ayah buruh di Jakarta; sidang di Pengadilan Negeri Jakarta Selatan; lahir di Medan.") == \
        "Ayah buruh di Jakarta; sidang di Pengadilan Negeri Jakarta Selatan; lahir di Medan."
    assert red.text("Sopir di Pasar Sambu; satpam di blok 7.") == f"Sopir di {PLACE}; satpam di {PLACE}."
    anon = anonymize_docs(_story(lambda d: d["case"][0]["identity"].update(occupation="Buruh bangunan di Jakarta")), "id")
    assert anon["case"][0].identity.occupation == "Buruh bangunan di Jakarta"


def test_a_city_after_a_street_alone_stays_the_city_another_address_names() -> None:
    """Finding 1's other side: a part guessed as the kelurahan only because it follows a street with no city gives
    way when another address of the case makes it the city."""
    red = Redactor("id")
    red.add_address("Jl. Mawar No. 2, Medan", ADDRESS)  # a relative: Medan could be the kelurahan
    red.add_address("Jl. Damai No. 7, Harjosari, Medan", ADDRESS)  # the client: Medan is the city
    assert red.text("Sidang di Pengadilan Negeri Medan; rumah di Harjosari; Jl. Mawar.") == \
        f"Sidang di Pengadilan Negeri Medan; rumah di {ADDRESS}; {ADDRESS}."


# -- the cities known by name (``reports.regions``) ---------------------------------------------------------------


def test_a_known_city_alone_after_a_street_stays_the_city() -> None:
    """"Jl. Mawar No. 2, Medan" is ambiguous by position (one part after the street); Medan is a known city, so it
    stays, and the Bapas, the court and the client's moves keep their city. A part that is no known city is still the
    kelurahan there."""
    red = _red("Jl. Mawar No. 2, Medan")
    assert red.text("Bapas Kelas I Medan; rumah di Jl. Mawar; pindah ke Medan.") == \
        f"Bapas Kelas I Medan; rumah di {ADDRESS}; pindah ke Medan."
    red = _red("Jl. Mawar No. 2, Tebing Tinggi")
    assert red.text("Sidang di PN Tebing Tinggi.") == "Sidang di PN Tebing Tinggi."
    red = _red("Jl. Mawar No. 2, Harjosari")
    assert red.text("Warga Harjosari mengenalnya.") == f"Warga {ADDRESS} mengenalnya."


@pytest.mark.parametrize("address", [
    "Jl. Melati No. 9 Harjosari Medan",
    "Jl. Melati 9 Harjosari Medan",
    "Jl. Melati No. 9 RT 03 RW 05 Harjosari Medan",
    "Jl. Melati No.9 Harjosari Kota Medan",
    "JL MELATI NO 9 HARJOSARI MEDAN",
    "Jl. Melati 2 No. 9 Harjosari Medan",  # the street's own number, then the house's
])
def test_an_address_without_commas_hides_its_kelurahan_and_keeps_its_city(address: str) -> None:
    """Written without commas, the part after the house number (or the RT/RW) is the kelurahan and a known city
    ending it; before, the kelurahan went only inside the whole address."""
    red = _red(address)
    assert red.text("Klien tinggal di Harjosari, Medan. Sidang di Pengadilan Negeri Medan.") == \
        f"Klien tinggal di {ADDRESS}, Medan. Sidang di Pengadilan Negeri Medan."
    assert red.text("Rumah di Jl. Melati.") == f"Rumah di {ADDRESS}."


def test_an_address_without_commas_and_without_a_known_city_hides_what_follows_the_street() -> None:
    red = _red("Jl. Sudirman No. 5 Sei Kera Hilir Tebing Tinggi")
    assert red.text("Kunjungan ke Sei Kera Hilir, Tebing Tinggi.") == f"Kunjungan ke {ADDRESS}, Tebing Tinggi."
    red = _red("Jl. Melati No. 9 Harjosari")  # no city: what follows is the kelurahan, as after a comma
    assert red.text("Warga Harjosari mengenalnya.") == f"Warga {ADDRESS} mengenalnya."
    red = _red("Jl. 17 Agustus No. 3, Binjai")  # a number right after the keyword is the street's name
    assert red.text("Rumah di Jl. 17 Agustus; lahir di Binjai.") == f"Rumah di {ADDRESS}; lahir di Binjai."


def test_a_numbered_school_of_place_words_is_a_place() -> None:
    """"SMP Negeri 27" is all place words and a number: one school of the city, where the client studies or
    works. Place words alone ("SMP Negeri") and other numbers stay."""
    red = _red("Jl. Damai No. 7, Helvetia, Medan", "Guru SMP Negeri 27", "Pelajar SMA Negeri")
    assert red.text("Mengajar di SMP Negeri 27; adiknya di SMP Negeri 2; SMA Negeri favorit; smp negeri 27.") == \
        f"Mengajar di {PLACE}; adiknya di SMP Negeri 2; SMA Negeri favorit; {PLACE}."


def test_the_known_cities_are_folded_names() -> None:
    from bapascase.reports.redact import fold_key
    from bapascase.reports.regions import CITIES, PROVINCE_STARTS

    assert {"medan", "binjai", "deli serdang", "tebing tinggi", "jakarta selatan"} <= CITIES
    assert all(name == fold_key(name) and name for name in CITIES)
    assert all(name == fold_key(name) for name in PROVINCE_STARTS)


# -- findings of the ninth QA pass (notes/qa9_anon.md), one test each ---------------------------------------------


def test_a_kelurahan_before_a_kecamatan_named_after_the_city_goes() -> None:
    """F1: "Jl. Karya Jaya No. 45 Pangkalan Masyhur Medan Johor", no commas: the kecamatan begins with a known city,
    so the kelurahan before it is hidden on its own, and the kecamatan stays."""
    red = _red("Jl. Karya Jaya No. 45 Pangkalan Masyhur Medan Johor")
    assert red.text("Warga Pangkalan Masyhur menerima klien; Kecamatan Medan Johor, Medan.") == \
        f"Warga {ADDRESS} menerima klien; Kecamatan Medan Johor, Medan."
    red = _red("Jl. Bunga Rampai IV No. 12 Simpang Selayang Medan Tuntungan")
    assert red.text("Tinggal di Simpang Selayang.") == f"Tinggal di {ADDRESS}."


@pytest.mark.parametrize("address", ["Binjai", "Deli Serdang, Sumatera Utara", "Kab. Karo", "Kota Medan"])
def test_an_address_that_is_a_known_city_alone_hides_nothing(address: str) -> None:
    """F2: a relative's address "Binjai" turned the court's row into "Pengadilan Negeri (alamat disamarkan)". An
    address of a known city (or a keyword's, a province) alone names no place below the city; an unknown town alone
    is still hidden (the safer failure)."""
    red = _red(address)
    text = "Sidang di Pengadilan Negeri Binjai; Rutan Kelas IIB Binjai; Lapas Lubuk Pakam, Kabupaten Deli Serdang, " \
           "Sumatera Utara; izin ke Kabupaten Karo; Kota Medan."
    assert red.text(text) == text
    assert _red("Kabanjahe").text("izin ke Kabanjahe, Kabupaten Karo") == f"izin ke {ADDRESS}, Kabupaten Karo"


def test_a_workplace_written_with_an_abbreviations_period_is_a_place() -> None:
    """F3: "PT. Sinar Jaya Abadi", "CV. ...", "RSUD dr. Pirngadi", "Jl. Gajah Mada": the period of an abbreviation
    ended the phrase, and nothing was learnt."""
    red = _red("Jl. Damai No. 7, Helvetia, Medan", "Karyawan PT. Sinar Jaya Abadi", "Karyawan CV. Karya Mandiri",
               "Perawat di RSUD dr. Pirngadi Medan", "Tukang parkir di Jl. Gajah Mada")
    assert red.text("Ia bekerja di PT. Sinar Jaya Abadi, CV. Karya Mandiri, RSUD dr. Pirngadi Medan, Jl. Gajah "
                    "Mada. PT Sinar Jaya Abadi juga.") == \
        f"Ia bekerja di {PLACE}, {PLACE}, {PLACE}, {PLACE}. {PLACE} juga."


def test_a_school_abbreviation_and_its_number_is_a_place() -> None:
    """F4: "SMPN 12 Binjai", "SMKN 2", "SDN 5": a number after a place word goes on with the place."""
    red = _red("Jl. Damai No. 7, Helvetia, Medan", "Guru SMPN 12 Binjai", "Guru SMKN 2 Medan", "Pelajar SDN 5")
    assert red.text("Istri mengajar di SMPN 12 Binjai; kakaknya di SMKN 2 Medan; adiknya di SDN 5; kelas 5 SD.") == \
        f"Istri mengajar di {PLACE}; kakaknya di {PLACE}; adiknya di {PLACE}; kelas 5 SD."


def test_a_lower_case_occupation_names_its_numbered_places() -> None:
    """F5: "guru smp negeri 27 medan" named no place; its numbered place is learnt, and an unnumbered phrase in lower
    case ("sekolah dasar") still is not (capitals cannot tell it from ordinary words there)."""
    red = _red("Jl. Damai No. 7, Helvetia, Medan", "guru smp negeri 27 medan", "guru di sekolah dasar")
    assert red.text("Istri mengajar di SMP Negeri 27 Medan; anaknya masih sekolah dasar.") == \
        f"Istri mengajar di {PLACE}; anaknya masih sekolah dasar."


def test_a_place_ending_with_a_known_city_goes_without_it_too() -> None:
    """F6: "SD Negeri 064975 Medan" lost its city only when an address of the case had the part "Medan"."""
    red = _red("Jl. Melati No. 9, Harjosari, Medan Amplas", "Pelajar SD Negeri 064975 Medan", "Guru SMP Negeri 3 Binjai")
    assert red.text("Anak sekolah di SD Negeri 064975; ayahnya di SMP Negeri 3.") == \
        f"Anak sekolah di {PLACE}; ayahnya di {PLACE}."


def test_a_typographic_apostrophe_is_the_apostrophe_typed_in_the_record() -> None:
    """F7: Word writes "Nur’aini" for the "Nur'aini" of the record."""
    red = Redactor("id")
    red.add_name("Nur'aini Nasution", "Anak 2")
    assert red.text("Nur’aini (kutip Word), Nur‘aini dan Nur'aini") == "Anak 2 (kutip Word), Anak 2 dan Anak 2"


def test_a_title_before_a_known_name_gives_way_to_its_label() -> None:
    """F9: "Pak Ahmad" of the client's son read "Pak (disamarkan) 1": the title was taken for an unknown name's
    after the label was put in. An address title and honorifics before a known name go with it; a religious title
    stays; an unknown name after a title is still withheld."""
    red = Redactor("id")
    red.add_name("Ahmad Fauzan Nasution", "Anak 1")
    red.add_name("Hj. Rahmah Harahap", "Ibu")
    assert red.text("Pak Ahmad datang bersama Bu Hj. Rahmah; Pak Rahmat juga; Pendeta Ahmad; Pak Ahmadnya.") == \
        "Anak 1 datang bersama Ibu; Pak (disamarkan) juga; Pendeta Anak 1; Anak 1."


def test_the_postal_code_of_an_address_goes_and_other_numbers_stay() -> None:
    """F8's note: a kode pos covers a kelurahan or two. Money and longer numbers that contain it stay."""
    red = _red("Jl. Karya Jaya No. 45, Pangkalan Masyhur, Medan Johor, Medan 20143")
    assert red.text("Kode pos 20143; Rp 20.143.000; nomor 120143; Medan, 20143.") == \
        f"Kode pos {ADDRESS}; Rp 20.143.000; nomor 120143; Medan, {ADDRESS}."
