"""A real browser prints the Litmas: ``--format pdf`` through headless Chromium (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bapascase.reports.pdf import find_chromium
from tests.helpers import assert_clean_exit, invoke
from tests.report_fixture import story_case

pytestmark = [pytest.mark.slow, pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")]


def test_litmas_prints_to_pdf(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    book, case_id = story_case(tmp_path / "cb")
    out = tmp_path / "litmas.pdf"
    result = invoke(["report", case_id, "--kind", "litmas", "--format", "pdf", "-o", str(out)], casebook=book.root)
    assert_clean_exit(result, 0)
    assert out.read_bytes().startswith(b"%PDF")
    reader = pypdf.PdfReader(str(out))
    pages = len(reader.pages)
    assert 3 <= pages <= 12, pages
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) < 3 and abs(float(box.height) - 842) < 3  # A4 in points
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    flat = " ".join(text.split())
    for needle in ("R A H A S I A", "LAPORAN HASIL PENELITIAN KEMASYARAKATAN", "Benny Zakaria Ginting",
                   "W2.PAS.PAS.09-PK.01.05.02-000", "PENUTUP", "Drs. Kepala Contoh, M.Si."):
        assert needle in flat or needle.replace(" ", "") in flat.replace(" ", ""), needle


def test_pdf_with_file_option_is_kept_with_the_case(tmp_path: Path) -> None:
    book, case_id = story_case(tmp_path / "cb")
    result = invoke(["report", case_id, "--kind", "progress", "--format", "pdf", "--file"], casebook=book.root)
    assert_clean_exit(result, 0)
    assert (book.case_dir(case_id) / "reports" / "progress-2026-06-15.pdf").read_bytes().startswith(b"%PDF")


def test_pdf_to_stdout_is_refused(tmp_path: Path) -> None:
    book, case_id = story_case(tmp_path / "cb")
    result = invoke(["report", case_id, "--kind", "litmas", "--format", "pdf"], casebook=book.root)
    assert_clean_exit(result, 1)
    assert "-o" in result.stderr
