"""No value of a field whose privacy class is withheld reaches an anonymised report: the test walks every field
of every stage model (nested parts and lists included) and reads the class from the model, so a field added or
reclassed tomorrow is checked tomorrow.

Two casebooks: one case with every field of every model filled (unique markers, ``report_fixture.filled_case``),
and the project's demo casebook (realistic values, the community sentences' placements too). Each report kind
the case can print, Markdown and HTML with their pictures, in Indonesian and English; the docx text of the
filled case too.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from bapascase.model.base import Privacy
from bapascase.model.meta import privacy_of
from bapascase.model.text import long_date
from bapascase.reports import KINDS
from bapascase.reports.context import load_entries
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT
from tests.report_fixture import filled_case
from tests.test_report_anonymize import printable

TODAY = dt.date(2026, 6, 15)
# what an anonymised report never shows, whichever way it is written (NAME is replaced by a label)
WITHHELD = frozenset({Privacy.NAME, Privacy.ID_NUMBER, Privacy.CONTACT, Privacy.ADDRESS, Privacy.BIRTH_DATE,
                      Privacy.APPEARANCE, Privacy.FILE})
# a NAME may be a label already ("Istri" on a genogram, "Penjamin"): what anonymisation writes may stay
LABELS = frozenset({"istri", "suami", "anak", "ayah", "ibu", "klien", "penjamin", "korban", "wife", "husband",
                    "child", "father", "mother", "client", "guarantor", "victim"})


def withheld_values(obj: Any, where: str = "") -> Iterator[tuple[str, Privacy, str]]:
    """``(field path, class, text)`` for every recorded value of a withheld class inside ``obj``."""
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from withheld_values(item, f"{where}[{i}]")
        return
    if not isinstance(obj, BaseModel):
        return
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        here = f"{where}.{name}" if where else f"{type(obj).__name__}.{name}"
        privacy = privacy_of(info)
        if privacy in WITHHELD and value is not None:
            for one in value if isinstance(value, list) else [value]:
                if isinstance(one, dt.date):
                    for lang in ("id", "en"):
                        yield here, privacy, long_date(one, lang)
                    yield here, privacy, one.isoformat()
                elif isinstance(one, str) and len(one.strip()) >= 4 and one.strip().lower() not in LABELS:
                    yield here, privacy, one.strip()
        else:
            yield from withheld_values(value, here)


def secrets_of(book: Casebook, case_id: str) -> list[tuple[str, Privacy, str]]:
    out = []
    for items in load_entries(book, case_id).values():
        for e in items:
            out += list(withheld_values(e.doc, e.path))
    assert out, "the walk found no withheld value: does it still reach the nested parts?"
    return out


def plain(text: str) -> str:
    """What a reader sees: tags and Markdown escapes gone, entities read, spaces folded."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(re.sub(r"\\(.)", r"\1", text))
    return " ".join(text.split()).lower()


def leaks(secrets: list[tuple[str, Privacy, str]], name: str, text: str) -> list[str]:
    seen = plain(text)
    return [f"{name}: {where} ({privacy.value}) = {value!r}" for where, privacy, value in secrets
            if " ".join(value.split()).lower() in seen]


def outputs(book: Casebook, case_id: str, kinds: tuple[str, ...] = KINDS) -> Iterator[tuple[str, str]]:
    """Every anonymised report of the case: ``(name, text)`` for each kind, format, language and picture."""
    for kind in kinds:
        if not printable(book.root, case_id, kind):
            continue
        for fmt in ("md", "html"):
            for lang in ("id", "en"):
                r = render(book, case_id, kind, fmt, lang, TODAY, anonymize=True, picture_stem="p")
                yield f"{kind}.{lang}.{fmt}", r.text
                for pic in r.report.pictures.values():
                    yield f"{kind}.{lang}.{pic.name}.svg", pic.svg


def docx_text(data: bytes) -> str:
    """Every XML part of a .docx (body, headers, footers, core and app properties)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels")))


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Casebook, str]:
    book, case_id, _filler, _docs = filled_case(tmp_path_factory.mktemp("privacy") / "cb")
    return book, case_id


def test_the_walk_reaches_every_withheld_class(filled: tuple[Casebook, str]) -> None:
    """The filled case holds a value of every withheld class (so each is checked below)."""
    found = {privacy for _w, privacy, _v in secrets_of(*filled)}
    assert found == WITHHELD
    assert any(w.endswith("identity.distinguishing_marks") for w, _p, _v in secrets_of(*filled))


def test_the_scan_finds_the_values_without_anonymisation(filled: tuple[Casebook, str]) -> None:
    """The check below can see a leak: the plain case file shows the withheld values."""
    book, case_id = filled
    text = render(book, case_id, "case", "md", "id", TODAY).text
    found = leaks(secrets_of(book, case_id), "case.md", text)
    assert any("distinguishing_marks" in f for f in found) and any("(name)" in f for f in found)


def test_no_withheld_value_in_any_anonymised_report_of_a_filled_case(filled: tuple[Casebook, str]) -> None:
    book, case_id = filled
    secrets = secrets_of(book, case_id)
    found = [leak for name, text in outputs(book, case_id) for leak in leaks(secrets, name, text)]
    assert found == []


@pytest.mark.parametrize("kind", ["case", "litmas", "progress", "termination"])
def test_no_withheld_value_in_the_docx_text(filled: tuple[Casebook, str], kind: str) -> None:
    from bapascase.reports.docx import render_docx

    book, case_id = filled
    data, _report = render_docx(book, case_id, kind, "id", TODAY, anonymize=True)
    assert leaks(secrets_of(book, case_id), f"{kind}.docx", docx_text(data)) == []


def test_no_withheld_value_in_any_anonymised_report_of_the_demo(tmp_path: Path) -> None:
    """The demo casebook: every case (the community sentences' placements and supervisors too), every kind."""
    case_files = sorted((ROOT / "cases").glob("*/case.yaml"))
    if not case_files:
        pytest.skip("no demo casebook")
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    shutil.copy(ROOT / "bapascase.yaml", tmp_path / "bapascase.yaml")
    book = Casebook(tmp_path)
    found = []
    for case_file in case_files:
        case_id = case_file.parent.name
        secrets = secrets_of(book, case_id)
        found += [f"{case_id}/{leak}" for name, text in outputs(book, case_id) for leak in leaks(secrets, name, text)]
    assert found == []


def test_distinguishing_marks_are_left_out_and_scrubbed_from_free_text(tmp_path: Path) -> None:
    """QA: the demo client's scar and tattoo were printed in the anonymised Litmas and case file; also where an
    officer wrote one of them again in a narrative."""
    from bapascase.store import yamlio

    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    shutil.copy(ROOT / "bapascase.yaml", tmp_path / "bapascase.yaml")
    case_id = "2025-bzg-k7m2p"
    path = tmp_path / "cases" / case_id / "case.yaml"
    data = yamlio.load(path)
    marks = data["identity"]["distinguishing_marks"]
    assert "tato" in marks
    data["family"][0]["notes"] = "Istri mengenali klien dari tato salib kecil di lengan kanan."
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    book = Casebook(tmp_path)
    for kind in ("litmas", "case", "practicum"):
        for fmt in ("md", "html"):
            text = plain(render(book, case_id, kind, fmt, "id", TODAY, anonymize=True).text)
            assert "pelipis" not in text and "salib" not in text, (kind, fmt)
    assert "salib" in plain(render(book, case_id, "case", "md", "id", TODAY).text)


def test_no_mark_and_one_word_marks_do_not_blank_ordinary_words() -> None:
    """A PK who writes "tidak ada" (no mark) had every "tidak ada" of every note replaced; a mark of one word
    ("tato") blanked that word everywhere. The marks of two words or more, and the whole text, still go."""
    from bapascase.reports.redact import Redactor

    none = Redactor("id")
    none.add_marks("Tidak ada.", "ciri khusus")
    assert none.text("klien tidak ada di tempat; tidak ada pelanggaran") == (
        "klien tidak ada di tempat; tidak ada pelanggaran")
    marks = Redactor("id")
    marks.add_marks("tato, bekas luka di pelipis kiri", "ciri khusus")
    out = marks.text("Ada tato baru; bekas luka di pelipis kiri terlihat.")
    assert "tato baru" in out and "pelipis" not in out
