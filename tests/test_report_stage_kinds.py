"""A report that prints one stage document (``STAGE_KINDS``: the termination report, the closing report) is
refused, with one line naming the command that records it, when the case has none: no signed "Laporan
Pengakhiran Bimbingan" for a client still under supervision (QA: both printed "belum dicatat" and exit 0)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bapascase.model import registry
from bapascase.model.report_kinds import STAGE_KINDS
from tests.helpers import ROOT, assert_clean_exit, invoke
from tests.stage_helpers import demo_book, record_ok

FCS = "2026-fcs-4kw2n"  # kerja sosial: neither terminated nor closed
BZG = "2025-bzg-k7m2p"  # terminated, still under supervision
SCL = "2026-scl-7h4tw"  # closed


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "cases" / FCS).is_dir():
        pytest.skip("no demo casebook")
    return demo_book(tmp_path_factory.mktemp("kinds")).root


def test_the_table_names_stages_the_report_data_carries() -> None:
    assert set(STAGE_KINDS) == {"termination", "closing"}
    for stage in STAGE_KINDS.values():
        assert registry.spec(stage).command


@pytest.mark.parametrize("kind", sorted(STAGE_KINDS))
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_refused_without_the_stage(demo: Path, tmp_path: Path, kind: str, fmt: str, lang: str) -> None:
    target = tmp_path / f"r.{fmt}"
    r = invoke(["--lang", lang, "report", FCS, "--kind", kind, "-f", fmt, "-o", str(target)], casebook=demo)
    assert_clean_exit(r, 1)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    command = f"bapascase {registry.spec(STAGE_KINDS[kind]).command} {FCS}"
    assert command in lines[0]
    assert not target.exists()


@pytest.mark.parametrize(("case_id", "kind", "code"), [(BZG, "termination", 0), (BZG, "closing", 1),
                                                       (SCL, "closing", 0)])
def test_made_once_recorded(demo: Path, tmp_path: Path, case_id: str, kind: str, code: int) -> None:
    r = invoke(["report", case_id, "--kind", kind, "-o", str(tmp_path / "r.md")], casebook=demo)
    assert_clean_exit(r, code)
    if code == 0:
        assert "belum dicatat" not in (tmp_path / "r.md").read_text(encoding="utf-8").lower()


def test_the_closing_report_prints_the_closing_in_effect(tmp_path: Path) -> None:
    """A closing recorded after a reopening, dated before the closing the reopening reversed (a death recorded
    late): the report prints the one in effect, not the latest by date."""
    if not (ROOT / "cases" / SCL).is_dir():
        pytest.skip("no demo casebook")
    book = demo_book(tmp_path)
    day = dt.date(2026, 11, 30)
    assert_clean_exit(book.run("reopen", SCL, "--reason", "Klien meninggal sebelum masa bimbingan berakhir",
                               today=day), 0)
    record_ok(book, "close", SCL, {"date": "2026-09-20", "ground": "meninggal", "death_date": "2026-09-20"},
              today=day)
    r = invoke(["report", SCL, "--kind", "closing", "-o", str(tmp_path / "r.md")], casebook=book.root, today=day)
    assert_clean_exit(r, 0)
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| Dasar pengakhiran | Klien meninggal dunia |" in text
    assert "W2.PAS.PAS.09-PK.05.04-0612" not in text  # the letter number of the closing reversed
