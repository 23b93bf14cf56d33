"""``bapascase report``: every kind in every format, the command's options and errors, valid self-contained HTML."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from bapascase.model.report_kinds import EVENT_KINDS, SENTENCE_KINDS, STAGE_KINDS
from bapascase.reports import KINDS
from bapascase.reports.render import render
from tests.helpers import ROOT, assert_clean_exit, invoke
from tests.report_fixture import CLIENT_NAME, story_case

TODAY = dt.date(2026, 6, 15)
CASE = "2025-bzg-k7m2p"
# the story's client has a warning letter but no revocation proposal: that report is tested on the demo's CB client
# (tests/test_legal_reports.py); here it must say so. The story is a PB client: the reports of the 2026 sentences
# (pertimbangan, service) are tested on the demo's kerja sosial and pengawasan clients (tests/test_sentence_reports.py);
# the story's client is not closed: the closing report is tested on the demo's closed client (tests/test_legal_reports.py)
STORY_KINDS = [k for k in KINDS if k not in ("revocation", "closing") and k not in SENTENCE_KINDS]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book, _ = story_case(tmp_path_factory.mktemp("story") / "cb")
    return book.root


def html_errors(text: str) -> list[str]:
    """html5lib in strict mode: any parse error of the HTML5 algorithm is a failure."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(text)
    except html5lib.html5parser.ParseError as exc:
        return [str(exc)]
    return []


def test_a_report_of_an_event_never_recorded_says_so(story: Path) -> None:
    from bapascase.errors import UserError
    from bapascase.store.casebook import Casebook

    with pytest.raises(UserError) as exc:
        render(Casebook(story), CASE, "revocation", "md", "id", TODAY)
    assert exc.value.render() == "Belum ada Usulan pencabutan untuk kasus ini; catat dengan `bapascase event`."


@pytest.mark.parametrize("kind", STORY_KINDS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_kind_renders_in_both_languages(story: Path, kind: str, fmt: str) -> None:
    from bapascase.store.casebook import Casebook

    book = Casebook(story)
    for lang in ("id", "en"):
        out = render(book, CASE, kind, fmt, lang, TODAY)
        assert out.text.strip()
        if fmt == "html":
            assert out.text.startswith("<!DOCTYPE html>")
            assert html_errors(out.text) == []
            assert f'<html lang="{lang}">' in out.text
        if lang == "en":
            # everything English: no Indonesian month names, no catalog words in Indonesian
            assert not re.search(r"\b(Januari|Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember)\b", out.text)
            assert "Belum dicatat" not in out.text and "Pembimbing Kemasyarakatan\n" not in out.text
        else:  # dates in Indonesian long form (the report's own date: a letter's, a termination's, or today)
            assert re.search(r"\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
                             r"November|Desember) \d{4}\b", out.text)


def test_html_is_self_contained(story: Path) -> None:
    from bapascase.store.casebook import Casebook

    for kind in STORY_KINDS:
        text = render(Casebook(story), CASE, kind, "html", "id", TODAY).text
        assert "<script" not in text
        assert "<link" not in text
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text)
        assert not re.search(r"url\(\s*[^#\s]", text) and "@import" not in text  # only url(#id) in SVG
        if kind not in EVENT_KINDS:  # a letter has no pictures
            assert "<svg" in text  # pictures are inline
        assert "@page" in text and "size: A4" in text  # print stylesheet


def test_litmas_outline(story: Path) -> None:
    """The PB Litmas: its own date, its basis (the request letter and the surat tugas, never the decree it precedes),
    the sections of its purpose in order, an explicit recommendation citing the TPP session, three signatures."""
    from bapascase.store.casebook import Casebook

    text = render(Casebook(story), CASE, "litmas", "html", "id", TODAY).text
    for needle in ("RAHASIA", "Kementerian Imigrasi dan Pemasyarakatan", "BAPAS KELAS I MEDAN",
                   "No. Register Litmas", "W2.PAS.PAS.09-PK.01.05.02-000", "untuk Program Pembebasan Bersyarat",
                   "I. Pendahuluan", "Surat Kepala Lapas Kelas I Medan Nomor W2.PAS.PAS.1-PK.05.09-0001 tanggal "
                   "16 Desember 2024", "Surat Tugas Kepala Bapas Kelas I Medan Nomor W2.PAS.PAS.09-PK.01.01-0001",
                   "Undang-Undang Nomor 22 Tahun 2022 tentang Pemasyarakatan",
                   "12 (dua belas) Tahun Pidana Penjara", "Tidak diperoleh: Keluarga korban tidak dapat dihubungi.",
                   "5/TPP/I/2025", "Merekomendasikan agar klien dapat diberikan program Pembebasan Bersyarat.",
                   "Mengetahui,", "Kepala Seksi Bimbingan Klien Dewasa", "Dra. Kasubsi Contoh Siregar",
                   "Menyetujui,", "Kepala Bapas Kelas I Medan", "Drs. Kepala Contoh, M.Si.", "197001012000031001",
                   "Sri Rahayu Contoh, S.Sos.", "Medan, 10 Januari 2025", "15 Maret 1984", "40 tahun"):
        assert needle in text, needle
    assert "PAS-000.PK.01.05.06" not in text  # the parole decree it precedes is never its basis
    numbered = re.findall(r"<h2>([IVX]+)\. ", text)
    assert numbered == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


def test_letterhead_lines_override_office(story: Path, tmp_path: Path) -> None:
    from bapascase.store import yamlio
    from bapascase.store.casebook import Casebook

    book, case_id = story_case(tmp_path / "cb")
    settings = yamlio.load(book.root / "bapascase.yaml")
    settings["letterhead"] = ["KOP KHUSUS BARIS SATU", "Baris dua"]
    (book.root / "bapascase.yaml").write_text(yamlio.dumps(settings), encoding="utf-8")
    text = render(Casebook(book.root), case_id, "litmas", "html", "id", TODAY).text
    head = text.split("<h1>")[0]
    assert "KOP KHUSUS BARIS SATU" in head and "Baris dua" in head
    assert "BAPAS KELAS I MEDAN" not in head


def test_progress_report_content(story: Path) -> None:
    from bapascase.store.casebook import Casebook

    book = Casebook(story)
    # by default since the last TPP session (24 July 2025): a month without a record says so, never "no incidents"
    text = render(book, CASE, "progress", "md", "id", TODAY).text
    assert "25 Juli 2025 – 15 Juni 2026 (sejak sidang TPP 24 Juli 2025, Nomor 31/TPP/VII/2025)" in text
    assert "| Agustus 2025 |  | _Tidak ada monitoring tercatat_ |" in text
    assert "Tidak ada kejadian atau pelanggaran yang tercatat" not in text  # only "in the N records of the period"
    assert "Tidak ada monitoring tercatat untuk: Agustus 2025" in text
    # a chosen period
    text = render(book, CASE, "progress", "md", "id", TODAY, period_from=dt.date(2025, 3, 1)).text
    assert "Laporan Perkembangan" in text
    assert "| Periode laporan | 1 Maret 2025 – 15 Juni 2026 |" in text
    assert "3 Februari 2025 – 14 Mei 2029" in text  # the masa bimbingan
    assert "1064 hari lagi" in text  # what is left of it on 15 June 2026
    assert "Tidak hadir" in text and "Jarak jauh (dengan alasan)" in text  # attendance table
    assert "4 (Baik)" in text  # ratings trend
    assert "| T1 |" in text and "Tercapai" in text  # per goal
    assert "Tidak datang tanpa kabar." in text  # incidents
    assert "Menyusun rencana usaha pangkas rambut" in text  # next steps


def test_termination_and_practicum_content(story: Path) -> None:
    from bapascase.store.casebook import Casebook

    book = Casebook(story)
    term = render(book, CASE, "termination", "md", "id", TODAY).text
    assert "Laporan Terminasi" in term and "Tujuan tercapai" in term
    assert "Istri dan anak" in term and "Melanjutkan usaha pangkas rambut" in term
    prac = render(book, CASE, "practicum", "md", "id", TODAY).text
    for needle in ("BZG", "EIC (Engagement, Intake, Contract)", "Asesmen", "Perencanaan intervensi", "Intervensi",
                   "Monitoring", "Terminasi", "Teori ekologi (Bronfenbrenner)", "Perspektif kekuatan", "Teori peran"):
        assert needle in prac, needle
    assert CLIENT_NAME not in prac  # practicum is always anonymised


def test_markdown_pictures_are_written_beside_the_file(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "litmas.md"
    result = invoke(["report", CASE, "--kind", "litmas", "--format", "md", "-o", str(out)], casebook=story)
    assert_clean_exit(result, 0)
    text = out.read_text(encoding="utf-8")
    for name in ("ecomap", "genogram"):
        svg = out.parent / f"litmas-{name}.svg"
        assert svg.is_file()
        assert f"](litmas-{name}.svg)" in text
        assert svg.read_text(encoding="utf-8").startswith("<svg xmlns=")
    # only the pictures the report links are written
    assert {p.name for p in out.parent.iterdir()} == {"litmas.md", "litmas-ecomap.svg", "litmas-genogram.svg"}


def test_markdown_to_stdout_has_no_pictures_and_says_so(story: Path) -> None:
    result = invoke(["report", CASE, "--kind", "case"], casebook=story)
    assert_clean_exit(result, 0)
    assert ".svg)" not in result.stdout
    assert "-o FILE" in result.stderr


def test_file_option_saves_under_the_case(story: Path) -> None:
    result = invoke(["report", CASE, "--kind", "progress", "--format", "html", "--file"], casebook=story)
    assert_clean_exit(result, 0)
    path = story / "cases" / CASE / "reports" / "progress-2026-06-15.html"
    assert path.is_file()
    assert "reports/progress-2026-06-15.html" in result.stdout


def test_an_anonymised_copy_saved_under_the_case_keeps_the_named_one(story: Path) -> None:
    named = story / "cases" / CASE / "reports" / "litmas-2026-06-15.html"
    anonymous = story / "cases" / CASE / "reports" / "litmas-anonim-2026-06-15.html"
    assert_clean_exit(invoke(["report", CASE, "--kind", "litmas", "--format", "html", "--file"], casebook=story), 0)
    result = invoke(["report", CASE, "--kind", "litmas", "--format", "html", "--file", "--anonymize"], casebook=story)
    assert_clean_exit(result, 0)
    assert named.is_file() and anonymous.is_file()
    assert named.read_text(encoding="utf-8") != anonymous.read_text(encoding="utf-8")


def test_all_renders_every_active_case(tmp_path: Path) -> None:
    from tests.report_fixture import story_docs, write_docs

    book, case_id = story_case(tmp_path / "cb")
    # the story's client is closed (a terminated client is still supervised, so still active)
    write_docs(book, case_id, {"closing": [{"date": "2026-06-14", "ground": "masa_bimbingan_berakhir"}]})
    docs = story_docs()
    active = {k: v for k, v in docs.items() if k != "termination"}
    write_docs(book, "2026-abc-00002", active)
    write_docs(book, "2026-def-00003", {"case": docs["case"]})
    result = invoke(["report", "--all", "--kind", "progress"], casebook=book.root)
    assert_clean_exit(result, 0)
    made = sorted(p.relative_to(book.cases_dir).as_posix() for p in book.cases_dir.glob("*/reports/*.md"))
    assert made == ["2026-abc-00002/reports/progress-2026-06-15.md", "2026-def-00003/reports/progress-2026-06-15.md"]
    assert "2 laporan dibuat." in result.stdout
    # into a folder instead
    out = tmp_path / "batch"
    result = invoke(["report", "--all", "--kind", "case", "--format", "html", "-o", str(out), "--lang", "en"],
                    casebook=book.root)
    assert_clean_exit(result, 0)
    assert sorted(p.name for p in out.iterdir()) == ["2026-abc-00002-case-2026-06-15.html",
                                                    "2026-def-00003-case-2026-06-15.html"]
    assert "2 reports made." in result.stdout


def test_errors_are_one_line(story: Path) -> None:
    r = invoke(["report", "nope-nothing"], casebook=story)
    assert_clean_exit(r, 1)
    assert r.stderr.strip().count("\n") == 0 and "nope-nothing" in r.stderr
    r = invoke(["report", CASE, "--kind", "novel"], casebook=story)
    assert_clean_exit(r, 2)
    assert "case, litmas, progress, termination, practicum" in r.stderr
    r = invoke(["report", CASE, "--format", "odt"], casebook=story)
    assert_clean_exit(r, 2)
    r = invoke(["report"], casebook=story)
    assert_clean_exit(r, 2)
    r = invoke(["report", CASE, "--all"], casebook=story)
    assert_clean_exit(r, 2)
    r = invoke(["report", CASE, "--file", "-o", "x.md"], casebook=story)
    assert_clean_exit(r, 2)


def test_invalid_data_stops_the_report_with_located_problems(tmp_path: Path) -> None:
    book, case_id = story_case(tmp_path / "cb")
    plan = book.case_dir(case_id) / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("date: '2025-03-01'", "date: 31/02/2025")
                    .replace("date: 2025-03-01", "date: 31/02/2025"), encoding="utf-8")
    r = invoke(["report", case_id], casebook=book.root)
    assert_clean_exit(r, 1)
    assert re.search(r"cases/2025-bzg-k7m2p/plan\.yaml:\d+: date: ", r.stderr), r.stderr


def test_pdf_without_chromium_is_a_clear_error(story: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bapascase.reports.pdf.find_chromium", lambda: None)
    r = invoke(["report", CASE, "--kind", "litmas", "--format", "pdf", "-o", "x.pdf"], casebook=story)
    assert_clean_exit(r, 1)
    assert "Chromium" in r.stderr and r.stderr.strip().count("\n") == 0


def test_help_and_list_do_not_import_jinja2() -> None:
    code = (
        "import sys\n"
        "from bapascase.cli.main import run\n"
        "try:\n    run(['report', '--help'])\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in ('jinja2', 'markdown_it') if m in sys.modules]\n"
        "print('HEAVY', bad)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "--kind" in proc.stdout
    assert "HEAVY []" in proc.stdout, proc.stdout[-300:]


def test_every_kind_renders_for_an_intake_only_case(tmp_path: Path) -> None:
    """A case with nothing but its intake still gives every report (sections say what is not recorded yet)."""
    from bapascase.store.casebook import Casebook
    from tests.report_fixture import make_book, story_docs, write_docs

    book = make_book(tmp_path / "cb")
    write_docs(book, "2026-new-00001", {"case": story_docs()["case"]})
    for kind in KINDS:
        if kind in EVENT_KINDS or kind in SENTENCE_KINDS or kind in STAGE_KINDS:  # an event or a stage never
            continue  # recorded, a sentence it has not: one clear error (tests/test_sentence_reports.py,
            # tests/test_report_stage_kinds.py)
        for fmt in ("md", "html"):
            for lang in ("id", "en"):
                text = render(Casebook(book.root), "2026-new-00001", kind, fmt, lang, TODAY).text
                # the case file says what is recorded; the kartu bimbingan needs nothing but the intake
                assert ("Belum dicatat" in text) or ("Not recorded yet" in text) or kind in ("case", "kartu")
                if fmt == "html":
                    assert html_errors(text) == []
