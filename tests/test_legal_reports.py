"""The reports of the legal frame: the closing report, the warning letter and the revocation proposal (golden files
from the demo's clients, both languages, md and html, PDF through Chromium), which event a letter prints, and the
progress report's period options."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from bapascase.errors import UserError
from bapascase.reports.pdf import find_chromium
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT, assert_clean_exit, invoke
from tests.test_report import html_errors
from tests.test_report_golden import GOLDEN, check

TODAY = dt.date(2026, 11, 30)  # the demo's present
NCP = "2026-ncp-3xq8d"  # CB client: three missed reports, two warning letters, a drafted revocation proposal
SCL = "2026-scl-7h4tw"  # CMB client: the masa bimbingan ended, closed
BZG = "2025-bzg-k7m2p"
UPDATE = os.environ.get("BAPASCASE_UPDATE_GOLDEN") == "1"


def demo() -> Casebook:
    return Casebook(ROOT)


def _golden(case_id: str, folder: str, kind: str, fmt: str, lang: str) -> str:
    suffix = "" if lang == "id" else f".{lang}"
    out = render(demo(), case_id, kind, fmt, lang, TODAY, picture_stem=f"{kind}{suffix}")
    check(GOLDEN / folder, f"{kind}{suffix}.{fmt}", out.text)
    for pic in out.pictures.values():
        check(GOLDEN / folder, pic.file, pic.svg)
    if fmt == "html":
        assert html_errors(out.text) == []
    return out.text


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", ["warning", "revocation", "progress"])
def test_demo_ncp_golden(kind: str, fmt: str) -> None:
    _golden(NCP, "ncp", kind, fmt, "id")


@pytest.mark.parametrize("kind", ["warning", "revocation", "progress"])
def test_demo_ncp_golden_english(kind: str) -> None:
    text = _golden(NCP, "ncp", kind, "html", "en")
    assert "Belum dicatat" not in text and "Peringatan ke-" not in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_demo_scl_closing_golden(fmt: str) -> None:
    _golden(SCL, "scl", "closing", fmt, "id")


def test_demo_scl_closing_golden_english() -> None:
    _golden(SCL, "scl", "closing", "html", "en")


def test_the_demo_keeps_its_closing_report_with_the_case() -> None:
    """The closed client's report as made on 2 October 2026 (``report --kind closing --file``)."""
    saved = ROOT / "cases" / SCL / "reports" / "closing-2026-10-02.md"
    made = render(demo(), SCL, "closing", "md", "id", dt.date(2026, 10, 2), picture_stem="closing-2026-10-02")
    assert saved.read_text(encoding="utf-8") == made.text


# -- what the letters say -------------------------------------------------------------------------------------


def test_a_warning_letter_is_the_latest_by_default_and_any_one_on_request() -> None:
    latest = render(demo(), NCP, "warning", "md", "id", TODAY).text
    assert "# SURAT PERINGATAN II" in latest and "W2.PAS.PAS.09-PK.05.03-0457" in latest
    assert "Medan, 5 Oktober 2026" in latest  # signed on the letter's own date
    assert "| 2 | 30 September 2026 | Monitoring | Tidak hadir |" in latest
    assert "akan diberikan peringatan ketiga dan dapat diusulkan pencabutan Cuti Bersyarat" in latest
    assert "RAHASIA" not in latest  # a letter to the client
    for selector in ("events/2026-09-07.yaml", "2026-09-07.yaml", "2026-09-07", "7/9/2026"):
        first = render(demo(), NCP, "warning", "md", "id", TODAY, event=selector).text
        assert "# SURAT PERINGATAN I\n" in first and "W2.PAS.PAS.09-PK.05.03-0398" in first, selector


def test_an_unknown_or_ambiguous_event_lists_what_there_is(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        render(demo(), NCP, "warning", "md", "id", TODAY, event="2026-12-01")
    assert exc.value.render() == ("Tidak ada Surat peringatan '2026-12-01' (ada: 2026-09-07.yaml (7 September 2026), "
                                  "2026-10-05.yaml (5 Oktober 2026)).")
    copy = tmp_path / "demo"
    shutil.copytree(ROOT / "cases" / NCP, copy / "cases" / NCP)
    shutil.copy(ROOT / "bapascase.yaml", copy / "bapascase.yaml")
    events = copy / "cases" / NCP / "events"
    shutil.copy(events / "2026-10-05.yaml", events / "2026-10-05-2.yaml")
    with pytest.raises(UserError) as exc:
        render(Casebook(copy), NCP, "warning", "md", "id", TODAY, event="5/10/2026")
    assert "2026-10-05-2.yaml, 2026-10-05.yaml" in exc.value.render()
    # the file name settles it
    assert "SURAT PERINGATAN II" in render(Casebook(copy), NCP, "warning", "md", "id", TODAY,
                                           event="2026-10-05-2.yaml").text


def test_the_revocation_proposal_rests_on_the_records_it_cites() -> None:
    text = render(demo(), NCP, "revocation", "md", "id", TODAY).text
    assert "**RAHASIA**" in text
    assert "# Usulan Pencabutan Cuti Bersyarat" in text
    assert "| Nomor surat usulan | (konsep, belum bernomor) |" in text
    assert "| Kepada Yth. | Kepala Kantor Wilayah Direktorat Jenderal Pemasyarakatan Sumatera Utara |" in text
    for row in ("| 1 | 31 Agustus 2026 | Monitoring | Tidak hadir |", "| 3 | 31 Oktober 2026 | Monitoring | Tidak hadir |",
                "| 4 | 7 September 2026 | Surat peringatan | Peringatan ke-1 (W2.PAS.PAS.09-PK.05.03-0398)"):
        assert row in text, row
    assert "Tidak melaksanakan wajib lapor 3 (tiga) kali berturut-turut" in text
    assert "Kategori risiko (RRI) | Sedang → Tinggi" in text
    # the scheduled TPP session comes after the proposal: not cited as its basis
    assert "Tim Pengamat Pemasyarakatan Nomor" not in text


def test_an_anonymised_revocation_proposal_names_no_one() -> None:
    text = render(demo(), NCP, "revocation", "html", "id", TODAY, anonymize=True).text
    for secret in ("Nurul Contoh Pertiwi", "1275016208960002", "Jl. Fiktif No. 12", "0821-0000-4321",
                   "Siti Contoh Aminah"):
        assert secret not in text, secret
    assert "NCPF" in text


def test_the_closing_report_says_why_and_when_supervision_ended() -> None:
    text = render(demo(), SCL, "closing", "md", "id", TODAY).text
    assert "# Laporan Pengakhiran Bimbingan" in text and "**RAHASIA**" in text
    assert "Nomor surat pengakhiran bimbingan: W2.PAS.PAS.09-PK.05.04-0612" in text
    assert "| Dasar pengakhiran | Masa bimbingan berakhir |" in text
    assert "| Akhir masa bimbingan | 30 September 2026 (sama dengan ekspirasi) |" in text
    assert "| Status pengawasan | Berakhir 30 September 2026 (Masa bimbingan berakhir) |" in text
    assert "Cuti Menjelang Bebas" in text and "Medan, 30 September 2026" in text
    # a case not closed yet has no closing report (one line naming the command: tests/test_report_stage_kinds.py)
    with pytest.raises(UserError, match="bapascase close"):
        render(demo(), BZG, "closing", "md", "id", TODAY)


# -- the progress report's period ----------------------------------------------------------------------------


def test_the_progress_report_covers_the_time_since_the_last_tpp_session() -> None:
    text = render(demo(), BZG, "progress", "md", "id", TODAY).text
    assert ("| Periode laporan | 21 Agustus 2026 – 30 November 2026 (sejak sidang TPP 20 Agustus 2026, Nomor "
            "57/TPP/VIII/2026) |") in text
    assert "| Akhir masa bimbingan | 30 Desember 2028 (dihitung dari ekspirasi 30 Desember 2027 + 1 tahun) |" in text
    assert "| 1 | 7 Oktober 2026 | Monitoring |" in text  # the home visit
    assert "Relasi pertolongan telah diterminasi pada 14 Juli 2025; pembimbingan dan wajib lapor berlanjut" in text
    assert "Risiko residivisme (RRI) tetap Rendah." in text
    assert "Tidak ada monitoring tercatat" not in text  # he reported every month


def test_a_chosen_period_shows_the_travel_permit_beside_the_month_it_excused() -> None:
    text = render(demo(), BZG, "progress", "md", "id", TODAY, period_from=dt.date(2026, 4, 1),
                  period_to=dt.date(2026, 5, 31)).text
    assert "| Periode laporan | 1 April 2026 – 31 Mei 2026 |" in text
    assert ("| April 2026 |  | _Tidak ada monitoring tercatat_ | Luar kota, Kabanjahe, Kabupaten Karo "
            "(25 April 2026 – 8 Mei 2026): Menjenguk dan merawat ibu kandung yang sakit |") in text
    assert "| 1 | 24 April 2026 | Izin bepergian |" in text


def test_the_progress_report_of_the_cb_client_advises_what_the_law_asks() -> None:
    text = render(demo(), NCP, "progress", "md", "id", TODAY).text
    assert "Klien 3 kali berturut-turut tidak wajib lapor; hal ini merupakan dasar pencabutan." in text
    assert "Dalam periode ini dikeluarkan 2 surat peringatan." in text
    assert "Menunggu keputusan atas usulan pencabutan yang telah disampaikan" in text
    assert "Menyampaikan laporan ini pada sidang TPP 3 Desember 2026." in text
    assert "Sidang TPP berikutnya: 3 Desember 2026." in text


def test_report_options_are_checked(tmp_path: Path) -> None:
    run = [*("-C", str(ROOT)), "report", NCP]
    result = invoke([*run, "--kind", "litmas", "--event", "2026-09-07"], today=TODAY)
    assert_clean_exit(result, 2)
    assert "--event hanya untuk laporan warning, revocation, pertimbangan." in result.stderr
    result = invoke([*run, "--kind", "warning", "--from", "2026-09-01"], today=TODAY)
    assert_clean_exit(result, 2)
    result = invoke([*run, "--kind", "progress", "--from", "kemarin"], today=TODAY)
    assert_clean_exit(result, 2)
    assert "--from: 'kemarin' bukan tanggal" in result.stderr
    result = invoke([*run, "--kind", "progress", "--from", "2026-11-01", "--to", "2026-10-01"], today=TODAY)
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == "Periode laporan terbalik: 2026-11-01 sesudah 2026-10-01."
    out = tmp_path / "sp1.html"
    result = invoke([*run, "--kind", "warning", "--event", "2026-09-07", "--format", "html", "-o", str(out)],
                    today=TODAY)
    assert_clean_exit(result, 0)
    assert "SURAT PERINGATAN I<" in out.read_text(encoding="utf-8")
    result = invoke(["-C", str(ROOT), "report", BZG, "--kind", "revocation"], today=TODAY)
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == "Belum ada Usulan pencabutan untuk kasus ini; catat dengan `bapascase event`."


@pytest.mark.slow
@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
@pytest.mark.parametrize(("case_id", "kind", "needle"), [(SCL, "closing", "Laporan Pengakhiran Bimbingan"),
                                                         (NCP, "warning", "SURAT PERINGATAN II"),
                                                         (NCP, "revocation", "Usulan Pencabutan Cuti Bersyarat")])
def test_the_legal_reports_print_to_pdf(tmp_path: Path, case_id: str, kind: str, needle: str) -> None:
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / f"{kind}.pdf"
    result = invoke(["-C", str(ROOT), "report", case_id, "--kind", kind, "--format", "pdf", "-o", str(out)],
                    today=TODAY)
    assert_clean_exit(result, 0)
    text = " ".join(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(str(out)).pages).split())
    assert needle.replace(" ", "").upper() in text.replace(" ", "").upper()  # titles print in capitals (CSS)
