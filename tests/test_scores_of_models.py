"""The instrument engine reads an assessment model part by part (``store.instrument_files._part``) and the intake
as plain data: every score, check and risk change is what it was when the whole documents were dumped first.
Checked on every demo client and on the benchmark's big case, with the intake as a model, as its dump and as the
file's own data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bapascase.model.assessment import AssessmentDoc
from bapascase.model.case import CaseDoc
from bapascase.store import instrument_files as engine
from bapascase.store import yamlio
from bapascase.store.casebook import Casebook
from tests.stage_helpers import demo_book


def _cases(root: Path) -> list[tuple[Casebook, Any, Any, list[Any]]]:
    book = Casebook(root)
    out = []
    for folder in sorted((root / "cases").iterdir()):
        raw_case = yamlio.load(folder / "case.yaml")
        case = CaseDoc.model_validate(raw_case)
        files = [folder / "assessment.yaml", *sorted((folder / "assessments").glob("*.yaml"))]
        assessments = [AssessmentDoc.model_validate(yamlio.load(f)) for f in files if f.is_file()]
        if assessments:
            out.append((book, case, raw_case, assessments))
    return out


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Casebook, Any, Any, list[Any]]]:
    import sys

    root = tmp_path_factory.mktemp("demo")
    found = _cases(demo_book(root).root)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import report as bench
    finally:
        sys.path.pop(0)
    big = root / "big"
    bench.build_casebook(big)
    found += _cases(big)
    assert len(found) >= 4
    return found


def test_models_score_as_their_dumps(clients: list[tuple[Casebook, Any, Any, list[Any]]]) -> None:
    categories = [engine.risk_category(book, doc, case) for book, case, _, docs in clients for doc in docs]
    assert len([c for c in categories if c]) >= 4  # real scores are compared, not Nones
    assert any(len(docs) >= 2 for *_, docs in clients)  # and a risk change
    for book, case, raw_case, assessments in clients:
        for doc in assessments:
            dumped = doc.model_dump(mode="python")
            for intake in (case, case.model_dump(mode="python"), raw_case):
                assert engine.score_assessment(book, doc, intake) == engine.score_assessment(book, dumped, intake)
                assert engine.risk_category(book, doc, intake) == engine.risk_category(book, dumped, intake)
                assert engine.check_instrument_answers(book, doc, intake) == \
                    engine.check_instrument_answers(book, dumped, intake)
                assert engine.client_facts(intake, doc) == engine.client_facts(intake, dumped)
                assert engine.child_at(intake, doc.date) == engine.child_at(case, doc.date)
            for part in ("rri", "criminogenic"):
                assert engine._part(doc, part) == (dict(dumped[part]) if dumped.get(part) is not None else None)
        if len(assessments) >= 2:
            before, after = assessments[-2], assessments[-1]
            assert engine.risk_change(book, before, after) == engine.risk_change(
                book, before.model_dump(mode="json"), after.model_dump(mode="json"))
