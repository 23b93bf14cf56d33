"""The reports of the 2026 sentences: ``pertimbangan`` (the PK's consideration to the prosecutor) and ``service``
(the progress or completion report of kerja sosial), in every format and both languages, from the demo's clients
(golden files) and from cases with every field filled (hostile text escaped, every answer printed, nothing
identifying once anonymised); the Litmas section on what the judge weighs; PDF through Chromium (slow)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from bapascase.errors import UserError
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT, Book, assert_clean_exit, invoke
from tests.report_fixture import Filler, filled_docs, make_book, write_docs
from tests.test_report import html_errors
from tests.test_report_golden import check as golden_check

TODAY = dt.date(2026, 11, 30)  # the demo's present
KS = "2026-fcs-4kw2n"  # kerja sosial: 120 hours at a mosque through Griya Abhipraya
PG = "2026-hcl-8pr3d"  # pidana pengawasan: restitution partly paid, a training condition met, a draft pertimbangan
GOLDEN = Path(__file__).parent / "golden"


def demo() -> Casebook:
    return Casebook(ROOT)


# -- the demo's clients: golden files, both languages --------------------------------------------------------------


@pytest.mark.parametrize(("case_id", "kind", "folder"), [(KS, "service", "kerja_sosial"),
                                                         (PG, "pertimbangan", "pengawasan"),
                                                         (KS, "litmas", "kerja_sosial")])
@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_demo_golden(case_id: str, kind: str, folder: str, fmt: str, lang: str) -> None:
    suffix = "" if lang == "id" else f".{lang}"
    out = render(demo(), case_id, kind, fmt, lang, TODAY, picture_stem=f"{kind}{suffix}")
    golden_check(GOLDEN / folder, f"{kind}{suffix}.{fmt}", out.text)
    for pic in out.pictures.values():
        golden_check(GOLDEN / folder, pic.file, pic.svg)
    if fmt == "html":
        assert html_errors(out.text) == []
        assert f'<html lang="{lang}">' in out.text
    if lang == "en":
        assert not re.search(r"\b(Januari|Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember)\b", out.text)


def test_the_service_report_has_the_hours_log_attendance_and_remarks() -> None:
    from tests.test_report_complete import plain_text

    text = plain_text(render(demo(), KS, "service", "md", "id", TODAY).text, "md")
    assert "# Laporan Perkembangan Pelaksanaan Pidana Kerja Sosial" in text and "**RAHASIA**" in text
    assert "| 5 | 17 Oktober 2026 | Masjid Al-Ikhlas Contoh, Jl. Fiktif Karya, Medan Johor | 09.00–12.00 | 3 | 19 |" \
        " Terlambat (Sepeda motor mogok di jalan; mengabari pengurus masjid pukul 07.45) |" in text
    assert "Jam kerja sosial dijalani 39 dari 120 jam; sisa 81 jam (10 sesi)." in text
    assert "| Terlambat | 1 |" in text and "| Tidak hadir | 0 |" in text
    assert "| 7 Oktober 2026 |" not in text and "| 17 Oktober 2026 | H. Abdul Karim Contoh | Terlambat satu jam" in text
    assert "diperlukan 5,5 jam per minggu, sedangkan empat minggu terakhir 3 jam per minggu" in text
    assert "Dibuat oleh, Pembimbing Kemasyarakatan Ahli Muda" in text and "Sri Rahayu Contoh, S.Sos." in text


def test_the_pertimbangan_quotes_the_records_it_rests_on() -> None:
    text = render(demo(), PG, "pertimbangan", "md", "id", TODAY).text
    assert "# Pertimbangan Pembimbing Kemasyarakatan" in text and "**RAHASIA**" in text
    assert "| Kepada Yth. | Kepala Kejaksaan Negeri Medan |" in text
    assert "4. Pasal 76 ayat (5) UU 1/2023" in text  # the recommendation's article, from the programme data
    assert "Putusan Pengadilan Negeri Medan Nomor 301/Pid.B/2026/PN Mdn tanggal 21 April 2026" in text
    assert "| S1 | Mengganti kerugian Toko Sembako Contoh Jaya sebesar Rp6.000.000 (Mengganti kerugian (restitusi)) " \
           "| 30 September 2026 | Rp6.000.000 | Rp2.500.000 | Rp3.500.000 | Tidak terpenuhi (5 Oktober 2026) |" in text
    # each cited record with its own words
    assert "| 1 | 5 Oktober 2026 | Hasil syarat | S1: Tidak terpenuhi | Sampai batas waktu 30 September 2026 klien" \
           " baru membayar Rp2.500.000 dari Rp6.000.000." in text
    assert "diusulkan: Perpanjangan masa pidana pengawasan 6 bulan (Pasal 76 ayat (5) UU 1/2023)." in text
    assert "| 5 | 16 November 2026 | Pertimbangan PK |" not in text  # the letter does not list itself
    assert "Medan, 16 November 2026" in text  # signed on the letter's own date


def test_the_litmas_of_a_kerja_sosial_case_weighs_what_the_judge_must() -> None:
    text = render(demo(), KS, "litmas", "md", "id", TODAY).text
    assert "#### Pertimbangan pidana kerja sosial (Pasal 85 ayat (2) UU 1/2023)" in text
    for heading in ("a. Pengakuan terdakwa", "b. Kemampuan kerja", "c. Persetujuan terdakwa", "d. Riwayat sosial",
                    "e. Pelindungan keselamatan kerja", "f. Agama, kepercayaan, dan keyakinan politik",
                    "g. Kemampuan terdakwa membayar pidana denda"):
        assert f"#### {heading}" in text
    assert "Pertimbangan pidana kerja sosial" not in render(demo(), "2025-bzg-k7m2p", "litmas", "md", "id",
                                                             TODAY).text


def test_a_completion_report_once_the_hours_are_done(book: Book) -> None:
    from tests.sentence_helpers import kerja_sosial_intake, session
    from tests.stage_helpers import record_ok

    data = kerja_sosial_intake()
    data["legal"]["kerja_sosial"]["hours_ordered"] = 8
    case_id = book.new(data)
    record_ok(book, "service", case_id, session("2026-03-07", supervisor_remarks="Tuntas."))
    partial = render(Casebook(book.root), case_id, "service", "md", "id", dt.date(2026, 3, 8)).text
    assert "# Laporan Perkembangan Pelaksanaan Pidana Kerja Sosial" in partial
    record_ok(book, "service", case_id, session("2026-03-14"))
    final = render(Casebook(book.root), case_id, "service", "md", "en", dt.date(2026, 3, 15)).text
    assert "# Community Service Completion Report" in final
    assert "All the hours ordered have been worked (last session 14 March 2026)." in final


def test_the_reports_of_the_sentences_are_refused_for_another_case(book: Book) -> None:
    case_id = book.new()
    result = book.run("report", case_id, "--kind", "service")
    assert_clean_exit(result, 1)
    # the settings a letter prints come first (as for every official report), the refusal last
    assert result.stderr.strip().splitlines()[-1] == (
        "Laporan kerja sosial hanya untuk kasus pidana kerja sosial (program kasus ini: Pembebasan Bersyarat).")
    result = book.run("report", case_id, "--kind", "pertimbangan")
    assert_clean_exit(result, 1)
    assert result.stderr.strip().splitlines()[-1] == (
        "Belum ada Pertimbangan PK untuk kasus ini; catat dengan `bapascase event`.")
    with pytest.raises(UserError):
        render(demo(), PG, "service", "md", "id", TODAY)  # pengawasan has no hours


def test_report_options_for_the_sentences(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    result = invoke(["-C", str(ROOT), "report", PG, "--kind", "pertimbangan", "--event", "2026-11-16", "--format",
                     "html", "-o", str(out)], today=TODAY)
    assert_clean_exit(result, 0)
    assert "PERTIMBANGAN PEMBIMBING KEMASYARAKATAN" in out.read_text(encoding="utf-8").upper()
    result = invoke(["-C", str(ROOT), "report", KS, "--kind", "service", "--event", "2026-11-16"], today=TODAY)
    assert_clean_exit(result, 2)


# -- every field filled: hostile text, completeness, anonymisation -------------------------------------------------


def filled_sentence_case(root: Path, sentence: str, hostile: bool) -> tuple[Casebook, str, Filler]:
    """The filled case of the report tests (every field of every stage) made a kerja sosial or pengawasan case,
    with every field of its terms and (kerja sosial) of two work sessions filled too."""
    from bapascase.model.sentences import KerjaSosial, Pengawasan
    from bapascase.model.service import ServiceDoc

    docs, f = filled_docs(hostile)
    legal = docs["case"][0]["legal"]
    legal.update(offence_date="2026-01-10", verdict_date="2026-02-20", first_detained="2026-01-11",
                 supervision_start="2026-03-01", sk_date="2026-02-25")
    if sentence == "kerja_sosial":
        part = f.model(KerjaSosial)
        part.update(hours_ordered=120)
        for i, p in enumerate(part["placements"], 1):
            p.update(id=f"L{i}", contact=f"0812-0000-778{i}")
        legal.update(programme="pidana_kerja_sosial", supervision_end="2026-08-31", kerja_sosial=part)
        docs["service"] = []
        for day in ("2026-03-07", "2026-03-14"):
            s = f.model(ServiceDoc)
            s.update(date=day, placement="L1", attendance="terlambat", start="08:00", end="12:00", hours=3.5,
                     proof="absensi.jpg")
            docs["service"].append(s)
        for ev in docs["event"]:
            if ev["kind"] == "pertimbangan":
                ev.update(recommendation="mengulangi", conditions=[], cites=["service/2026-03-07-1.yaml"])
                ev.pop("months", None)
    else:
        part = f.model(Pengawasan)
        part["threat_months"] = 48
        kinds = [("restitusi", 1_000_000, "2026-06-30"), ("melakukan", None, "2026-07-31")]
        for i, (c, (kind, amount, deadline)) in enumerate(zip(part["special_conditions"], kinds, strict=True), 1):
            c.update(id=f"S{i}", kind=kind, deadline=deadline)
            if amount is None:
                c.pop("amount", None)
            else:
                c["amount"] = amount
        legal.update(programme="pidana_pengawasan", supervision_end="2027-02-28", pengawasan=part)
    book = make_book(root)
    case_id = "2026-mkx-00002"
    write_docs(book, case_id, docs)
    return book, case_id, f


@pytest.fixture(scope="module", params=["kerja_sosial", "pengawasan"])
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Casebook, str, str]:
    book, case_id, _ = filled_sentence_case(tmp_path_factory.mktemp("hostile") / "cb", request.param, True)
    return book, case_id, request.param


def _kinds(sentence: str) -> list[str]:
    return ["pertimbangan", "service"] if sentence == "kerja_sosial" else ["pertimbangan"]


def test_hostile_text_is_escaped_in_html_and_inert_in_markdown(hostile: tuple[Casebook, str, str]) -> None:
    from tests.test_report_security import _as_rendered_by_a_lenient_host, _html_elements

    book, case_id, sentence = hostile
    for kind in _kinds(sentence):
        for lang in ("id", "en"):
            text = render(book, case_id, kind, "html", lang, TODAY).text
            assert "54439" not in text and "<script>" not in text and "&lt;script&gt;" in text
            assert html_errors(text) == []
            for el in _html_elements(text):
                assert el.tag not in ("script", "iframe", "object", "embed"), el.tag
                for attr, value in el.attrib.items():
                    assert not attr.startswith("on") and "javascript:" not in value.lower(), (attr, value)
            md = render(book, case_id, kind, "md", lang, TODAY).text
            assert "54439" not in md and not re.search(r"(?<!\\)<script", md)
            rendered = _as_rendered_by_a_lenient_host(md)
            assert "<script" not in rendered
            assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', rendered)).lower()


@pytest.mark.parametrize("sentence", ["kerja_sosial", "pengawasan"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_answer_of_the_terms_and_sessions_is_in_the_case_file(tmp_path: Path, sentence: str, fmt: str) -> None:
    from bapascase.reports.context import load_entries
    from tests.test_report_complete import expected, plain_text

    book, case_id, _ = filled_sentence_case(tmp_path / "cb", sentence, False)
    text = plain_text(render(book, case_id, "case", fmt, "id", TODAY).text, fmt)
    entries = load_entries(book, case_id)
    wanted: list[tuple[str, str]] = []
    expected(entries["case"][0].doc.legal, "id", wanted, "legal")
    for e in entries.get("service", []):
        expected(e.doc, "id", wanted, e.path)
    from bapascase.model.text import hours, money

    def shown(value: str) -> bool:  # amounts print as rupiah, hours with the Indonesian decimal comma
        forms = {value}
        if re.fullmatch(r"\d+(\.\d+)?", value):
            forms |= {hours(float(value), "id"), money(int(float(value)))}
        return any(f in text for f in forms)

    assert [(where, value) for where, value in wanted if not shown(value)] == []
    # and the report of the sentence prints its terms
    report = render(book, case_id, "service" if sentence == "kerja_sosial" else "pertimbangan", "html", "id",
                    TODAY).text
    legal = book.read_raw(book.case_dir(case_id) / "case.yaml")["legal"]
    terms: Any = legal[sentence]
    texts = ([p["place"] for p in terms["placements"]] if sentence == "kerja_sosial"
             else [c["text"] for c in terms["special_conditions"]])
    assert all(t in report for t in texts)


@pytest.mark.parametrize("sentence", ["kerja_sosial", "pengawasan"])
def test_anonymised_reports_of_the_sentences_name_no_one(tmp_path: Path, sentence: str) -> None:
    book, case_id, _ = filled_sentence_case(tmp_path / "cb", sentence, False)
    raw = book.read_raw(book.case_dir(case_id) / "case.yaml")
    secrets = {raw["identity"]["name"], raw["identity"]["nik"], raw["legal"]["verdict_number"]}
    if sentence == "kerja_sosial":
        secrets |= {p["supervisor"] for p in raw["legal"]["kerja_sosial"]["placements"]}
        secrets |= {p["contact"] for p in raw["legal"]["kerja_sosial"]["placements"] if p.get("contact")}
    for kind in _kinds(sentence):
        for fmt in ("md", "html"):
            text = render(book, case_id, kind, fmt, "id", TODAY, anonymize=True).text
            assert [s for s in secrets if s in text] == [], kind
            assert "RAHASIA" not in text  # an anonymised copy is not marked confidential


@pytest.mark.slow
def test_both_reports_print_to_pdf(tmp_path: Path) -> None:
    from bapascase.reports.pdf import find_chromium

    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    for case_id, kind in ((KS, "service"), (PG, "pertimbangan")):
        out = tmp_path / f"{kind}.pdf"
        result = invoke(["-C", str(ROOT), "report", case_id, "--kind", kind, "--format", "pdf", "-o", str(out)],
                        today=TODAY)
        assert_clean_exit(result, 0)
        data = out.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5000
