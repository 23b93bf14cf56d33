"""The one module that reads recorded documents as raw dicts (``bapascase.model.records``): every dotted path it
reads exists in its stage model, and it reads no path it has not declared."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from bapascase.model import records
from bapascase.model.meta import list_item, unwrap
from bapascase.model.registry import Stage, model_for


def resolve(model: type[BaseModel], path: str) -> Any:
    """The annotation a dotted path (``a.b``, ``a[].b``) leads to in a pydantic model; AssertionError if none."""
    node: Any = model
    annotation: Any = None
    for part in path.split("."):
        is_list = part.endswith("[]")
        name = part[:-2] if is_list else part
        fields = getattr(node, "model_fields", None)
        if fields is not None and name not in fields:  # a document of several kinds: a field of one of them
            fields = next((v.model_fields for v in getattr(node, "variants", tuple)() if name in v.model_fields),
                          fields)
        assert fields is not None and name in fields, f"{model.__name__}: no field {name!r} in {path!r}"
        annotation, _ = unwrap(fields[name].annotation)
        if is_list:
            item = list_item(annotation)
            assert item is not None, f"{model.__name__}: {name!r} in {path!r} is not a list"
            annotation = item
        node = annotation
    return annotation


@pytest.mark.parametrize("stage", list(records.READS), ids=str)
def test_every_declared_path_exists_in_the_stage_model(stage: Stage) -> None:
    model = model_for(stage)
    for path in sorted(records.READS[stage]):
        resolve(model, path)


def test_the_path_check_catches_a_wrong_path() -> None:
    with pytest.raises(AssertionError):
        resolve(model_for(Stage.CASE), "legal.supervision_ends")
    with pytest.raises(AssertionError):
        resolve(model_for(Stage.CASE), "legal[].offence")


def test_an_undeclared_path_cannot_be_read() -> None:
    doc = {"legal": {"court": "PN Medan"}}
    with pytest.raises(KeyError):
        records.value(doc, Stage.CASE, "legal.court")
    with pytest.raises(KeyError):
        records.items(doc, Stage.PLAN, "activities")


def test_values_of_the_wrong_shape_read_as_missing() -> None:
    case = {"identity": "Budi", "legal": {"articles": "Pasal 338", "sentence_years": True,
                                         "supervision_end": "kemarin"}}
    assert records.text(case, Stage.CASE, "identity.name") is None
    assert records.texts(case, Stage.CASE, "legal.articles") == []
    assert records.integer(case, Stage.CASE, "legal.sentence_years") is None
    assert records.date(case, Stage.CASE, "legal.supervision_end") is None
    plan = {"goals": [{"id": "T1", "objective": "x", "extra": 1}, "T2", None]}
    assert records.items(plan, Stage.PLAN, "goals") == [{"id": "T1", "objective": "x", "need": None}]
