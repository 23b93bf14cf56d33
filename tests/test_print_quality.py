"""Print quality: what a printed report looks like on paper. Page numbers on every page, "RAHASIA" on every page of a
confidential report, a signature block never apart from its place-and-date line, the "made with" footer only
where it belongs, no internal file paths in a document for people. The PDF tests print with a real headless
Chromium (skipped when it is absent)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bapascase.model.report_kinds import OFFICIAL, ReportKind
from bapascase.reports.pdf import find_chromium, print_pdf
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from bapascase.store.yamlio import dumps, load
from tests.helpers import ROOT
from tests.report_fixture import story_case

BZG = "2025-bzg-k7m2p"
SCL = "2026-scl-7h4tw"  # closed: the closing report is made for a closed case only
PEOPLE_KINDS = [*((BZG, k) for k in ("case", "litmas", "progress", "termination", "practicum")), (SCL, "closing")]
TODAY = dt.date(2026, 11, 30)
chromium = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")


def pages_of(pdf: Path) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    return [" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(str(pdf)).pages]


def printed(book: Casebook, case_id: str, kind: str, tmp_path: Path) -> list[str]:
    html = render(book, case_id, kind, "html", "id", TODAY).text
    out = tmp_path / f"{kind}.pdf"
    print_pdf(html, out)
    return pages_of(out)


@pytest.mark.slow
@chromium
def test_every_page_is_numbered_and_a_confidential_report_marked_on_every_page(tmp_path: Path) -> None:
    book = Casebook(ROOT)
    litmas = printed(book, BZG, "litmas", tmp_path)
    assert len(litmas) >= 3
    for n, page in enumerate(litmas, 1):
        assert f"Halaman {n} dari {len(litmas)}" in page, n
        assert "R A H A S I A" in page or "RAHASIA" in page, n
    # the practicum report is anonymised, so not confidential: numbered, never marked
    practicum = printed(book, BZG, "practicum", tmp_path)
    for n, page in enumerate(practicum, 1):
        assert f"Halaman {n} dari {len(practicum)}" in page, n
        assert "RAHASIA" not in page.replace(" ", "")


@pytest.mark.slow
@chromium
def test_a_signature_block_is_never_apart_from_its_place_and_date_line(tmp_path: Path) -> None:
    """The Litmas's own signing block, printed again and again after text of growing length, so that one copy or
    another falls on every part of a page: each copy's place-and-date line and its last signature (the Kepala
    Bapas's NIP) are on one page, whichever page that is."""
    html = render(Casebook(ROOT), BZG, "litmas", "html", "id", TODAY).text
    start = html.index('<div class="signing">')
    end = html.index("</body>")
    block = html[start:end].rsplit("</div>", 1)[0] + "</div>"
    assert "Medan, 20 Desember 2024" in block and "197001012000031001" in block
    filler = "<p>Kalimat pengisi laporan untuk menggeser blok tanda tangan ke bagian lain halaman. </p>"
    copies = []
    for k in range(1, 25):
        signing = block.replace("Medan, 20 Desember 2024", f"Medan, {k} Desember 2031")
        signing = signing.replace("NIP 197001012000031001", f"NIP 1970010120000310{k:02d}")
        copies.append(filler * (k * 2) + signing)
    out = tmp_path / "signatures.pdf"
    print_pdf(html[:start] + "".join(copies) + html[end:], out)
    pages = pages_of(out)
    assert len(pages) > 8  # the copies really run over many pages
    for k in range(1, 25):
        dated = [n for n, p in enumerate(pages) if f"Medan, {k} Desember 2031" in p]
        signed = [n for n, p in enumerate(pages) if f"NIP 1970010120000310{k:02d}" in p]
        assert len(dated) == 1 and dated == signed, (k, dated, signed)


@pytest.mark.slow
@chromium
def test_the_story_litmas_prints_its_penutup_on_one_page(tmp_path: Path) -> None:
    book, case_id = story_case(tmp_path / "cb")
    pages = printed(book, case_id, "litmas", tmp_path)
    closing = [n for n, p in enumerate(pages) if "PENUTUP" in p]
    assert len(closing) == 1
    page = pages[closing[0]]
    assert re.search(r"Medan, \d+ \w+ \d{4}", page)
    for needle in ("Mengetahui", "Menyetujui", "Pembimbing Kemasyarakatan", "Drs. Kepala Contoh, M.Si."):
        assert needle in page, needle


def set_footer(book: Casebook, on: bool) -> None:
    path = book.root / "bapascase.yaml"
    settings = load(path)
    settings["reports"] = {"made_with_footer": on}
    path.write_text(dumps(settings), encoding="utf-8")


@pytest.mark.parametrize("on", [True, False])
def test_the_made_with_footer_is_a_setting_and_never_on_an_official_document(tmp_path: Path, on: bool) -> None:
    book, case_id = story_case(tmp_path / "cb")
    set_footer(book, on)
    book = Casebook(book.root)
    footer = "Dibuat dengan bapascase"
    for kind in (ReportKind.CASE, ReportKind.LITMAS, ReportKind.PROGRESS, ReportKind.TERMINATION,
                 ReportKind.PRACTICUM):
        text = render(book, case_id, kind, "md", "id", TODAY).text
        assert (footer in text) == (on and kind not in OFFICIAL), (kind, on)


def test_no_internal_paths_or_instrument_codes_in_documents_for_people() -> None:
    book = Casebook(ROOT)
    for case_id, kind in PEOPLE_KINDS:
        text = render(book, case_id, kind, "md", "id", TODAY).text
        assert ".yaml" not in text and "cases/" not in text, kind
        assert not re.search(r"\((rri|rri-a|kriminogenik|anak)\)", text), kind


def test_the_case_file_prints_goal_progress_as_one_table() -> None:
    text = render(Casebook(ROOT), BZG, "case", "md", "id", TODAY).text
    assert text.count("Kemajuan per tujuan") == 1
    table = text.split("### Kemajuan per tujuan")[1].split("\n\n")[1]
    rows = [line for line in table.splitlines() if line.startswith("| T")]
    assert [r.split("|")[1].strip() for r in rows] == ["T1", "T2", "T3", "T4"]
    # months alike read as one run, each note kept
    assert "31 Maret 2025 – 31 Mei 2025: Sedang berjalan" in rows[2]
    assert "31 Maret 2025: Sedang berjalan (Mulai mengantar anak ke sekolah.)" in rows[0]


def test_an_empty_section_is_marked_once_and_never_before_text() -> None:
    book = Casebook(ROOT)
    for case_id, kind in PEOPLE_KINDS:
        text = render(book, case_id, kind, "md", "id", TODAY).text
        body = text.split("Demikian")[0]  # the closing formula and the signatures stand apart from any section
        for section in re.split(r"^#{1,6} .*$", body, flags=re.MULTILINE):
            if "_Belum dicatat._" in section:
                assert section.strip() == "_Belum dicatat._", (kind, section[:200])
