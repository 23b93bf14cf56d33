"""The legal frame read as one set of facts: what the records offer a legal event (only the fields its kind has),
the warning letters in their order, the revocation proposal a temporary revocation already has, overdue reports
and reminders only within the masa bimbingan, and ``due --days`` as the horizon of every kind."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import TODAY, Book, assert_clean_exit
from tests.stage_helpers import answers, entry_rel, record_ok, through

pytestmark = pytest.mark.git(False)


@pytest.fixture
def case_id(book: Book) -> str:
    """A PB client with a report on 30 April and missed reports on 15 May, 31 May and 14 June 2026 (today: 15
    June): three in a row, a ground for revocation."""
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "monitor", case_id, answers("monitor", progress=None, attendance=None))
    for day in ("2026-05-15", "2026-05-31", "2026-06-14"):
        record_ok(book, "monitor", case_id, {"date": day, "wajib_lapor": {"status": "tidak_hadir"}})
    return case_id


def load(book: Book, case_id: str, rel: str) -> dict[str, Any]:
    data = yamlio.load(book.cases / case_id / entry_rel(book, case_id, rel))
    assert isinstance(data, dict)
    return data


def due_of(book: Book, case_id: str, *extra: str) -> list[dict[str, Any]]:
    result = book.run("due", "--json", *extra)
    assert_clean_exit(result, 0)
    return [item for item in json.loads(result.stdout)["items"] if item["id"] == case_id]


def show_of(book: Book, case_id: str) -> dict[str, Any]:
    result = book.run("show", case_id, "--json")
    assert_clean_exit(result, 0)
    found: dict[str, Any] = json.loads(result.stdout)["case"]
    return found


# -- what the records offer an event: only the fields its kind has -----------------------------------------------


def test_a_temporary_revocation_is_recorded_after_three_missed_reports(book: Book, case_id: str) -> None:
    """The missed reports are offered as ``cites`` to the kinds that cite; a temporary revocation has no such
    field and was refused for a field nobody typed, exactly when it was needed."""
    out = record_ok(book, "event", case_id, {"kind": "pencabutan_sementara", "date": "2026-06-15",
                                             "grounds": ["tidak_wajib_lapor_3x"]})
    saved = load(book, case_id, "events/2026-06-15.yaml")
    assert saved["kind"] == "pencabutan_sementara" and "cites" not in saved, out
    assert saved["grounds"] == ["tidak_wajib_lapor_3x"]


def test_a_temporary_revocation_is_offered_the_streak_as_its_ground(book: Book, case_id: str) -> None:
    record_ok(book, "event", case_id, {"kind": "pencabutan_sementara"})  # grounds: from the records
    saved = load(book, case_id, f"events/{TODAY.isoformat()}.yaml")
    assert saved["grounds"] == ["tidak_wajib_lapor_3x"] and "cites" not in saved


def test_every_kind_is_offered_only_fields_of_its_own_model(book: Book, case_id: str) -> None:
    from bapascase.model.event import EventDoc
    from bapascase.store.casebook import Casebook
    from bapascase.workflow.stages import variant_defaults
    from bapascase.workflow.stages.event import BEHAVIOUR

    casebook = Casebook(book.root)
    record_ok(book, "event", case_id, {"kind": "surat_peringatan", "date": "2026-06-01", "order": 1,
                                       "grounds": ["tidak_wajib_lapor"]})
    for kind, model in EventDoc.kinds.items():
        offered = variant_defaults(BEHAVIOUR, casebook, case_id, TODAY, model)
        assert offered["kind"] == kind
        assert set(offered) <= set(model.model_fields), kind
