"""Report labels come from the models: templates ask ``title("stage.field")``, and no catalog message repeats a
title a model already gives (a field's, a document's or its short title)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from bapascase.i18n import AREAS, LANGS
from bapascase.model import registry
from bapascase.model.meta import nested_models, title_of
from bapascase.model.settings import SettingsDoc
from bapascase.reports import context
from tests.helpers import assert_clean_exit, invoke
from tests.report_fixture import story_case

# report messages that read like a model title but label something no field holds
JUSTIFIED = {
    "rpt.id.age": "the client's age is derived from the birth date; only a family member's age is recorded",
    "rpt.score.category": "the category an instrument's cut-offs give a total, not a recorded field",
    "rpt.score.priority": "whether a criminogenic domain is a priority, computed from the instrument",
    "rpt.tl.start": "the first date on the timeline axis (often the intake, before supervision starts)",
    "rpt.tl.end": "the last date on the timeline axis",
}
# the command-line catalogs still repeat model titles: labels of show/list/due, the documents' short names (doc.*,
# which Doc.short_title now gives) and the derived stages' names. This list may only shrink, as those commands
# read the models too.
KNOWN_ELSEWHERE = {
    "col.author", "col.date", "col.name", "col.programme", "show.age", "show.guarantor",
    "show.next_due", "show.offence", "show.praktikan", "show.records", "show.sex",
    "doc.assessment", "doc.case", "doc.engagement", "doc.intervention", "doc.monitoring", "doc.plan", "doc.reopen",
    "doc.termination", "doc.transfer", "doc.event", "doc.closing", "doc.service",
    "stage.assessment", "stage.engagement", "stage.intake", "stage.intervention", "stage.monitoring",
}


def model_titles() -> dict[str, set[str]]:
    """Every title the models give, per language: fields, documents and their short titles."""
    docs: list[Any] = [registry.model_for(s) for s in registry.STAGES]
    docs.append(SettingsDoc)
    out: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for doc in docs:
        for lang in LANGS:
            out[lang] |= {doc.title(lang), doc.short_title(lang)}
        for model in nested_models(doc):
            for name, info in model.model_fields.items():
                if name != "schema_version":
                    for lang in LANGS:
                        out[lang].add(title_of(info, name, lang))
    return out


def repeated(area: str) -> set[str]:
    """Keys of one catalog area whose Indonesian or English text is a model title."""
    titles = model_titles()
    found = set()
    for lang in LANGS:
        messages: dict[str, str] = importlib.import_module(f"bapascase.i18n.{lang}_{area}").MESSAGES
        found |= {k for k, v in messages.items() if v in titles[lang]}
    return found


def test_no_report_message_repeats_a_model_title() -> None:
    found = repeated("reports")
    assert found - set(JUSTIFIED) == set(), "label these with title(...) in the template instead"
    assert set(JUSTIFIED) - found == set(), "no longer a repeat: drop it from JUSTIFIED"


def test_other_catalogs_repeat_no_more_titles_than_known() -> None:
    found = set().union(*(repeated(a) for a in AREAS if a != "reports"))
    assert found - KNOWN_ELSEWHERE == set(), "a new message repeats a model title: read the model instead"
    assert KNOWN_ELSEWHERE - found == set(), "fixed: drop it from KNOWN_ELSEWHERE"


def test_title_reads_fields_documents_and_settings() -> None:
    assert context.title("case.identity.name", "id") == "Nama lengkap"
    assert context.title("case.identity.name", "en") == "Full name"
    assert context.title("case.family.relation", "en") == "Relation"  # through a list
    assert context.title("monitoring.ratings.notes", "id") == "Catatan penilaian"
    assert context.title("intervention", "id") == "Sesi intervensi"
    assert context.short_title("intervention", "id") == "Intervensi"
    assert context.title("settings.officers.rank", "id") == "Jabatan"
    for wrong in ("case.identity.nama", "case.identity.name.first", "kasus.identity", "case."):
        with pytest.raises(LookupError):
            context.title(wrong, "id")


def test_a_field_renamed_in_the_model_is_renamed_in_every_report(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    """The one definition: change a title in the model and every kind and format follows."""
    from bapascase.model.assessment import Personal
    from bapascase.reports import KINDS
    from bapascase.reports.render import render
    from tests.helpers import TODAY

    info = Personal.model_fields["psychological"]
    monkeypatch.setattr(info, "title", "Keadaan jiwa (judul dari model)")
    book, case_id = story_case(tmp_path / "cb")
    from bapascase.model.report_kinds import SENTENCE_KINDS

    # the story has no revocation proposal to print, no community sentence, and is not closed
    kinds = [k for k in KINDS if k not in ("revocation", "closing") and k not in SENTENCE_KINDS]
    seen = {kind: render(book, case_id, kind, fmt, "id", TODAY).text for kind in kinds for fmt in ("md", "html")}
    # (the practicum tells the assessment as prose, without field titles)
    assert all("Keadaan jiwa (judul dari model)" in seen[k] for k in ("case", "litmas")), seen.keys()
    assert not any("Kondisi psikologis" in text for text in seen.values())


def test_a_misspelt_title_path_names_the_template_and_line(tmp_path: Path) -> None:
    book, case_id = story_case(tmp_path / "cb")
    folder = book.root / "templates"
    folder.mkdir()
    (folder / "case.j2").write_text('{% extends "default/case.j2" %}\n{% block header %}\n'
                                    '{{ title("case.identity.nama") }}\n{% endblock %}\n', encoding="utf-8")
    result = invoke(["report", case_id], casebook=book.root)
    assert_clean_exit(result, 1)
    assert result.stderr.startswith("Templat templates/case.j2 baris 3:"), result.stderr
    assert "case.identity.nama" in result.stderr


def test_money_is_a_property_of_the_field() -> None:
    """An amount prints as rupiah because its field says so, not because of its name."""
    from bapascase.model.base import Part, field
    from bapascase.reports.walk import walk

    class Probe(Part):
        capital: int = field("Modal usaha", "Business capital", money=True)
        income_count: int = field("Jumlah sumber penghasilan", "Income sources")

    nodes = {n.name: n.text for n in walk(Probe(capital=2500000, income_count=2), "id")}
    assert nodes == {"capital": "Rp2.500.000", "income_count": "2"}
