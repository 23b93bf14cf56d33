"""The stage registry: one spec per document, each with a model, a schema, a behaviour module and a label; and no
list of stages or ``if stage == "..."`` chain anywhere else in the source."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from bapascase.i18n import LANGS, catalog
from bapascase.model import registry
from bapascase.model.registry import SPECS, CaseStage, Stage
from tests.helpers import SRC

PACKAGE = SRC / "bapascase"
STAGE_MODULES = PACKAGE / "workflow" / "stages"
NAMES = {s.value for s in Stage} | {s.value for s in CaseStage}


def test_every_stage_has_exactly_one_spec_and_the_specs_are_the_registry() -> None:
    assert [s.stage for s in SPECS] == list(Stage)  # the report order is the enum's order, and it is complete
    assert set(registry.STAGES) == set(Stage)


@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_has_a_model_a_schema_a_behaviour_and_a_label(stage: Stage) -> None:
    from bapascase.workflow.schemas import json_schema
    from bapascase.workflow.stages import behaviour_of
    from bapascase.workflow.stages.base import StageBehaviour

    spec = registry.spec(stage)
    model = registry.model_for(stage)
    assert model.__name__ == spec.cls and model.doc_name == stage.value
    assert json_schema(stage.value)["title"] == model.title("id")
    behaviour = behaviour_of(stage)
    assert isinstance(behaviour, StageBehaviour) and behaviour.stage is stage
    assert importlib.import_module(spec.behaviour).__file__ == str(STAGE_MODULES / f"{stage.value}.py")
    for lang in LANGS:
        label = registry.doc_label(stage, lang)
        assert f"doc.{stage.value}" in catalog(lang) and label and label != f"doc.{stage.value}"
    assert spec.file or spec.folder
    assert spec.command and f"cmd.{spec.command}" in catalog("id")


def test_every_casework_stage_has_a_label_and_is_reached_by_a_document() -> None:
    for stage in CaseStage:
        for lang in LANGS:
            assert f"stage.{stage.value}" in catalog(lang)
    assert {s.moves_to for s in SPECS if s.moves_to} == set(CaseStage)


def test_files_folders_and_commands_are_unique() -> None:
    files = [s.file for s in SPECS if s.file]
    folders = [s.folder for s in SPECS if s.folder]
    commands = [s.command for s in SPECS]
    assert len(set(files)) == len(files) and len(set(folders)) == len(folders)
    assert len(set(commands)) == len(commands)
    assert not set(files) & set(folders)


def test_prerequisites_come_earlier_in_the_cycle() -> None:
    order = [s.stage for s in SPECS]
    for s in SPECS:
        assert all(order.index(p) < order.index(s.stage) for p in s.requires), s.stage


def test_the_stage_commands_are_registered_from_the_registry() -> None:
    from tests.helpers import invoke

    help_text = invoke(["--help"]).stdout
    for spec in SPECS:
        assert spec.command in help_text
    for spec in registry.stage_commands():
        assert invoke([spec.command, "--help"]).exit_code == 0


def test_schema_names_are_the_editable_documents() -> None:
    assert registry.SCHEMA_NAMES == tuple(s.name for s in SPECS if s.editable)
    assert "case" in registry.SCHEMA_NAMES and "reopen" not in registry.SCHEMA_NAMES


# -- nothing else lists stages or compares with their names ------------------------------------------------------


def _name(node: ast.AST | None) -> str | None:
    """The stage name the node spells, if it is a string literal naming a stage."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in NAMES:
        return node.value
    return None


def _names(nodes: list[ast.expr] | list[ast.expr | None]) -> list[str]:
    return [name for n in nodes if (name := _name(n)) is not None]


def _stage_literals(node: ast.AST) -> list[str]:
    if (name := _name(node)) is not None:
        return [name]
    if isinstance(node, ast.Tuple | ast.List | ast.Set) and node.elts:
        names = _names(node.elts)
        return names if len(names) == len(node.elts) else []
    return []


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts and "i18n" not in p.parts)


def test_no_comparison_with_a_stage_name_outside_the_stage_modules() -> None:
    """``if stage == "monitoring"``, ``stage in ("intervention", "monitoring")``, ``!= "terminated"``: each such
    chain is a fact about one document written outside its spec or behaviour."""
    found = []
    for path in _sources():
        if path.parent == STAGE_MODULES or path == PACKAGE / "model" / "registry.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                for side in (node.left, *node.comparators):
                    if _stage_literals(side):
                        found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)}")
            if isinstance(node, ast.Match):
                for case in node.cases:
                    if any(_name(n) for n in ast.walk(case.pattern)):
                        found.append(f"{path.relative_to(SRC)}:{case.pattern.lineno}: match on a stage name")
    assert found == []


def test_no_list_of_stage_names_outside_the_registry() -> None:
    """A tuple, list, set or dict of two or more stage names is a parallel list of stages."""
    found = []
    for path in _sources():
        if path == PACKAGE / "model" / "registry.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                names = _names(node.elts)
            elif isinstance(node, ast.Dict):
                names = _names(node.keys)
            else:
                continue
            if len(names) >= 2:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {names}")
    assert found == []


def test_the_scans_would_catch_what_they_look_for() -> None:
    tree = ast.parse('if stage == "monitoring" or x in ("plan", "case"):\n    pass\n')
    compares = [n for n in ast.walk(tree) if isinstance(n, ast.Compare)]
    assert [lit for c in compares for side in (c.left, *c.comparators) for lit in _stage_literals(side)] == \
        ["monitoring", "plan", "case"]
