"""The docx document properties (Word's "Info"): the report's title and dates, not the template's (created and
modified 23 December 2013), no thumbnail of another document, the officer as author, and in an anonymised report
the office as author and nothing of the client in the core or app properties."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest

from bapascase.reports.docx import render_docx
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT
from tests.stage_helpers import demo_book
from tests.test_report_privacy_classes import leaks, secrets_of

BZG = "2025-bzg-k7m2p"
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Casebook:
    if not (ROOT / "cases" / BZG).is_dir():
        pytest.skip("no demo casebook")
    return Casebook(demo_book(tmp_path_factory.mktemp("props")).root)


@pytest.mark.parametrize("anonymize", [False, True])
@pytest.mark.parametrize("kind", ["litmas", "progress", "case", "practicum"])
def test_properties_are_the_reports(demo: Casebook, kind: str, anonymize: bool, tmp_path: Path) -> None:
    data, report = render_docx(demo, BZG, kind, "id", TODAY, anonymize)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created is not None and props.modified is not None
    assert props.created.replace(tzinfo=None) == dt.datetime.combine(report.today, dt.time())
    assert props.modified.replace(tzinfo=None) == dt.datetime(2026, 11, 30)
    assert props.title and props.title == props.subject
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        meta = "\n".join(z.read(n).decode("utf-8") for n in ("docProps/core.xml", "docProps/app.xml", "_rels/.rels"))
    assert not any("thumbnail" in n for n in names) and "thumbnail" not in meta
    assert "2013" not in meta
    if report.anonymized:
        assert props.author == props.last_modified_by == "Bapas Kelas I Medan"
        assert leaks(secrets_of(demo, BZG), f"{kind}.docx properties", meta) == []
        assert "Benny" not in meta and "Ginting" not in meta
    else:
        assert props.author == "Sri Rahayu Contoh, S.Sos."
