"""The case file is complete: every answer recorded in any stage appears, with its label, in both formats.

The documents are filled generically from the models (every field, nested parts and lists included), so a field
added to a model is checked without touching this test.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import re
from typing import Any

import pytest
from pydantic import BaseModel

from bapascase.model.base import Choice
from bapascase.model.meta import ask_fields, title_of
from bapascase.model.text import long_date
from bapascase.reports.render import render
from tests.report_fixture import filled_case

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str, dict[str, Any]]:
    book, case_id, _filler, _docs = filled_case(tmp_path_factory.mktemp("filled") / "cb")
    from bapascase.reports.context import load_entries

    return book, case_id, load_entries(book, case_id)


def plain_text(text: str, fmt: str) -> str:
    if fmt == "html":
        text = re.sub(r"<[^>]+>", " ", text)
        return html.unescape(text)
    return re.sub(r"\\(.)", r"\1", text)


def expected(doc: BaseModel, lang: str, out: list[tuple[str, str]], where: str = "") -> None:
    """(where, text) pairs every typed value must produce in the report."""
    from bapascase.model.assessment import InstrumentAnswers
    from bapascase.store.instrument_files import load_instruments

    for name, info in ask_fields(type(doc)):
        value = getattr(doc, name)
        here = f"{where}.{name}" if where else name
        if value is None or value == [] or value == {} or value == "":
            continue
        out.append((here + " (label)", title_of(info, name, lang)))
        if isinstance(doc, InstrumentAnswers) and name == "answers":
            continue  # checked through the instrument's own texts in test_instrument_answers_are_labelled
        if isinstance(doc, InstrumentAnswers) and name == "instrument":
            # a record for people names the instrument by its title, never by its code
            out.append((here, load_instruments(None)[(value, str(doc.version))].title(lang)))
            continue
        if name == "cites":  # the records an event cites, by their date ("Monitoring – 30 April 2026"), not file
            out.extend((f"{here}[{i}]", long_date(dt.date.fromisoformat(v.rsplit("/", 1)[-1][:10]), lang))
                       for i, v in enumerate(value))
            continue
        _values(value, lang, out, here)


def _values(value: Any, lang: str, out: list[tuple[str, str]], where: str) -> None:
    if isinstance(value, BaseModel):
        expected(value, lang, out, where)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _values(v, lang, out, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            out.append((where + " key", str(k)))
            _values(v, lang, out, f"{where}.{k}")
    elif isinstance(value, bool):
        out.append((where, "Ya" if value and lang == "id" else "Yes" if value else "Tidak" if lang == "id" else "No"))
    elif isinstance(value, Choice):
        out.append((where, value.label(lang)))
    elif isinstance(value, enum.Enum):
        out.append((where, str(value.value)))
    elif isinstance(value, dt.date):
        out.append((where, long_date(value, lang)))
    else:
        out.append((where, str(value)))


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_answer_appears_in_the_case_file(filled: tuple[Any, str, dict[str, Any]], fmt: str, lang: str) -> None:
    book, case_id, entries = filled
    text = plain_text(render(book, case_id, "case", fmt, lang, TODAY).text, fmt)
    needed: list[tuple[str, str]] = []
    for _stage, items in entries.items():
        for e in items:
            expected(e.doc, lang, needed, f"{e.path}")
    assert len(needed) > 400  # the fixture really fills everything
    missing = [(where, value) for where, value in needed if value not in text]
    assert missing == [], missing[:20]


def test_every_stage_and_document_is_a_section(filled: tuple[Any, str, dict[str, Any]]) -> None:
    book, case_id, entries = filled
    text = render(book, case_id, "case", "md", "id", TODAY).text
    for items in entries.values():
        if len(items) > 1:  # a stage of several documents: each under its title and date
            for e in items:
                assert f"### {type(e.doc).title('id')} – {long_date(e.date, 'id')}" in text, e.path
    assert ".yaml" not in text and "cases/" not in text  # no internal file paths in a document for people
    heads = re.findall(r"^## \d+\. (.+)$", text, re.M)
    assert heads == ["Registrasi klien", "Engagement, intake dan kontrak (EIC)", "Asesmen", "Rencana intervensi",
                     "Sesi intervensi", "Monitoring", "Peristiwa hukum", "Terminasi", "Pengakhiran bimbingan",
                     "Pembukaan kembali kasus", "Pengalihan PK"]  # each stage under its document's own title


def test_derived_facts_are_in_the_case_file(filled: tuple[Any, str, dict[str, Any]]) -> None:
    book, case_id, _entries = filled
    text = plain_text(render(book, case_id, "case", "md", "id", TODAY).text, "md")
    assert "Tahap | Monitoring" in text  # reopened after termination: back in the cycle
    assert "638 hari lagi" in text  # days left on 15 June 2026 (supervision ends 14 March 2028)
    assert "42 tahun" in text  # age
    assert "2 kali tercatat: 1 hadir langsung, 1 jarak jauh, 0 tidak hadir." in text


def test_instrument_answers_are_labelled_and_scored(filled: tuple[Any, str, dict[str, Any]]) -> None:
    book, case_id, entries = filled
    text = plain_text(render(book, case_id, "case", "html", "id", TODAY).text, "html")
    # the second assessment answers a real RRI item: its text, the option's label and the points appear
    assert "pernah dihukum oleh pengadilan dan divonis hukuman penjara" in text
    assert "Skor total" in text and "/ 17" in text and "belum lengkap" in text
    # unknown item ids typed in the answers are listed as typed, never dropped
    a = entries["assessment"][0].doc
    for key, value in a.rri.answers.items():
        assert key in text and value in text
