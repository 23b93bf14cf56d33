"""Golden files: every kind in every format (and the SVG pictures) for the demo client BZG and the test story.

A change to a template, the pictures or the data shows up here as a readable diff. After a deliberate change,
regenerate with ``BAPASCASE_UPDATE_GOLDEN=1 python -m pytest tests/test_report_golden.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from bapascase.reports import KINDS
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT
from tests.report_fixture import story_case

GOLDEN = Path(__file__).parent / "golden"
TODAY = dt.date(2026, 6, 15)
DEMO_CASE = "2025-bzg-k7m2p"
UPDATE = os.environ.get("BAPASCASE_UPDATE_GOLDEN") == "1"


def check(folder: Path, name: str, text: str) -> None:
    path = folder / name
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"missing golden file {path.relative_to(GOLDEN.parent)} (BAPASCASE_UPDATE_GOLDEN=1 makes it)"
    want = path.read_text(encoding="utf-8")
    if want != text:
        import difflib

        diff = "".join(list(difflib.unified_diff(want.splitlines(True), text.splitlines(True), "golden", "now"))[:60])
        pytest.fail(f"{path.relative_to(GOLDEN.parent)} differs:\n{diff}")


def _golden(book: Casebook, case_id: str, folder: Path, kind: str, fmt: str, lang: str) -> None:
    suffix = "" if lang == "id" else f".{lang}"
    out = render(book, case_id, kind, fmt, lang, TODAY, picture_stem=f"{kind}{suffix}")
    check(folder, f"{kind}{suffix}.{fmt}", out.text)
    for pic in out.pictures.values():
        check(folder, pic.file, pic.svg)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> tuple[Casebook, str]:
    return story_case(tmp_path_factory.mktemp("golden") / "cb")


# the kinds that print a legal event need one: the story has a warning letter, BZG none (his legal frame is in the
# other kinds); the demo's CB and CMB clients have theirs in tests/test_legal_reports.py. The pertimbangan and the
# community service report belong to the 2026 sentences (both PB clients here have none): the demo's kerja sosial
# and pengawasan clients have their golden files in tests/test_sentence_reports.py
SENTENCE_KINDS = ("pertimbangan", "service")
# neither client is closed: the closing report's golden files are the demo's closed client's (test_legal_reports.py)
STORY_KINDS = [k for k in KINDS if k not in ("revocation", "closing") and k not in SENTENCE_KINDS]
BZG_KINDS = [k for k in KINDS if k not in ("warning", "revocation", "closing") and k not in SENTENCE_KINDS]


@pytest.mark.parametrize("kind", STORY_KINDS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_story_golden(story: tuple[Casebook, str], kind: str, fmt: str) -> None:
    book, case_id = story
    _golden(book, case_id, GOLDEN / "story", kind, fmt, "id")


@pytest.mark.parametrize("kind", ["litmas", "progress"])
def test_story_golden_english(story: tuple[Casebook, str], kind: str) -> None:
    book, case_id = story
    _golden(book, case_id, GOLDEN / "story", kind, "html", "en")


@pytest.mark.parametrize("kind", BZG_KINDS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_demo_bzg_golden(kind: str, fmt: str) -> None:
    if not (ROOT / "cases" / DEMO_CASE / "termination.yaml").is_file():
        pytest.skip("the demo casebook does not have BZG's six stages")
    _golden(Casebook(ROOT), DEMO_CASE, GOLDEN / "bzg", kind, fmt, "id")
