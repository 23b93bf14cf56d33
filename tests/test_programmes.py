"""The programmes are data (``bapascase/data/programmes.yaml``): the file is valid, it is the one list of
programmes (the intake's choice, the end rules, the legal bases in the reports), and the legal documents' models
and names agree with what the derivations read."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from bapascase.model import programmes, programmes_file
from bapascase.model.programme_def import ProgrammeTable


def test_the_shipped_programme_file_is_valid() -> None:
    table = ProgrammeTable.model_validate(programmes.raw())
    assert list(table.programmes) == list(programmes.programmes())
    pb = programmes.programme("PB")
    assert pb is not None and pb.end_from_expiry_years == 1 and not pb.child
    assert pb.label("en") == "Parole"
    titles = [b.title for b in pb.legal_bases]
    assert titles[0].startswith("Undang-Undang Nomor 22 Tahun 2022 tentang Pemasyarakatan")
    assert all(len(t) > 40 and "  " not in t for t in titles)  # full titles, folded onto one line
    assert programmes.programme("pidana_bersyarat").child  # type: ignore[union-attr]


def test_the_programme_file_refuses_what_would_break_a_report() -> None:
    data = programmes.raw()
    breakers: tuple[Callable[[dict[str, Any]], Any], ...] = (
        lambda d: d["programmes"]["PB"].update(legal_bases=["uu_tidak_ada"]),
        lambda d: d["programmes"]["PB"].update(client="remaja"),
        lambda d: d["programmes"]["PB"]["supervision_end"].update(from_expiry_years=-1),
        lambda d: d["programmes"]["PB"].pop("label"),
        lambda d: d["legal_bases"]["uu_22_2022"].update(title="UU 22"),
        lambda d: d["programmes"]["CB"].update(legal_bases=["uu_22_2022", "uu_22_2022"]),
    )
    for broken in breakers:
        copy_ = copy.deepcopy(data)
        broken(copy_)
        with pytest.raises(ValidationError):
            ProgrammeTable.model_validate(copy_)


def test_the_intake_offers_exactly_the_programmes_of_the_file() -> None:
    from bapascase.model.case import CaseDoc, Programme

    assert [p.value for p in Programme] == list(programmes.programmes())
    assert Programme("CMB").label("id") == "Cuti Menjelang Bebas"
    schema: dict[str, Any] = CaseDoc.model_json_schema()
    assert schema["$defs"]["Programme"]["enum"] == list(programmes.programmes())


def test_the_case_schema_says_which_end_a_programme_needs() -> None:
    from bapascase.workflow.schemas import json_schema

    legal = json_schema("case")["$defs"]["Legal"]
    derived = [c for c, p in programmes.programmes().items() if p.end_from_expiry_years is not None]
    assert legal["anyOf"][0]["required"][-1] == "supervision_end"
    assert legal["anyOf"][1]["required"][-1] == "expiry"
    assert legal["anyOf"][1]["properties"]["programme"]["enum"] == derived


def test_the_stamp_changes_with_the_file(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_ = tmp_path / "programmes.yaml"
    copy_.write_text(programmes.source().read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(programmes_file, "source", lambda: copy_)
    first = programmes.stamp()
    copy_.write_text(copy_.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")
    assert programmes.stamp() != first
    assert programmes.stamp is programmes_file.stamp  # one stamp, kept apart from the rules (light for the index)


def test_the_event_kinds_the_derivations_read_are_kinds_of_the_model() -> None:
    from bapascase.model import derive
    from bapascase.model.closing import ClosingGround
    from bapascase.model.event import EventDoc

    read = {derive.EV_TPP, derive.EV_WARNING, derive.EV_PROPOSAL, derive.EV_REVOKED, derive.EV_LIFTED,
            derive.EV_PERMIT, derive.EV_TRANSFER, derive.EV_PAYMENT, derive.EV_OUTCOME, derive.EV_PERTIMBANGAN}
    assert read == set(EventDoc.kinds)
    assert set(derive.LEGACY_TERMINATION_GROUNDS.values()) <= {g.value for g in ClosingGround}


def test_a_kind_of_event_is_one_class() -> None:
    """What a new kind needs: a subclass with its ``kind`` literal. It validates, has a schema, is asked."""
    from typing import Literal

    from bapascase.model.base import field
    from bapascase.model.event import EventDoc
    from bapascase.model.meta import ask_fields, nested_models

    class RestitutionPayment(EventDoc):
        title_id = "Pembayaran restitusi"
        title_en = "Restitution payment"
        kind: Literal["restitusi"] = "restitusi"
        amount: int = field("Jumlah", "Amount", money=True, ge=1)

    try:
        doc = EventDoc.model_validate({"kind": "restitusi", "date": "2026-06-01", "amount": 500000})
        assert isinstance(doc, RestitutionPayment)
        assert RestitutionPayment in nested_models(EventDoc)
        assert [n for n, _ in ask_fields(RestitutionPayment)] == ["date", "amount"]
        from bapascase.workflow.stages import behaviour_of

        schema = behaviour_of("event").schema({}, None)
        assert "restitusi" in schema["discriminator"]["mapping"]
    finally:
        del EventDoc.kinds["restitusi"]


@pytest.mark.parametrize("ref", ["/etc/passwd", "../x.yaml", "monitoring/../../x.yaml", "monitoring/x.yml",
                                 "C:/x.yaml", "monitoring/sub/x.yaml", ""])
def test_a_cited_record_is_a_file_of_the_case(ref: str) -> None:
    from bapascase.model.event import EventDoc
    from bapascase.model.validation import validate

    doc, errors = validate(EventDoc, {"kind": "surat_peringatan", "date": "2026-06-01", "order": 1,
                                      "grounds": ["lainnya"], "cites": [ref]})
    assert doc is None and [e.dotted for e in errors] == ["cites[0]"]


def test_ended_is_never_a_casework_reason() -> None:
    from bapascase.model.termination import TerminationDoc
    from bapascase.model.validation import validate

    for legal in ("ekspirasi", "pencabutan", "dipindahkan", "meninggal"):
        doc, errors = validate(TerminationDoc, {"date": "2026-06-01", "reason": legal})
        assert doc is None and errors[0].dotted == "reason" and "bapascase close" in errors[0].message
