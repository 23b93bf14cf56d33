"""Which stage documents exist, where each is stored, and which model describes it.

Plain Python (no pydantic import): read commands use the layout; ``model_for`` imports the model lazily.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bapascase.model.base import Doc


@dataclass(frozen=True)
class StageSpec:
    name: str  # the schema NAME and the key everywhere
    module: str
    cls: str
    file: str | None  # single file in the case folder ...
    folder: str | None = None  # ... and/or one file per entry in this folder
    command: str = ""  # the CLI command that records it

    @property
    def many(self) -> bool:
        return self.file is None


STAGES: dict[str, StageSpec] = {
    s.name: s
    for s in (
        StageSpec("case", "bapascase.model.case", "CaseDoc", "case.yaml", command="new"),
        StageSpec("engagement", "bapascase.model.engagement", "EngagementDoc", "engagement.yaml", command="engage"),
        StageSpec(
            "assessment", "bapascase.model.assessment", "AssessmentDoc", "assessment.yaml", "assessments", "assess"
        ),
        StageSpec("plan", "bapascase.model.plan", "PlanDoc", "plan.yaml", command="plan"),
        StageSpec(
            "intervention", "bapascase.model.intervention", "InterventionDoc", None, "interventions", "intervene"
        ),
        StageSpec("monitoring", "bapascase.model.monitoring", "MonitoringDoc", None, "monitoring", "monitor"),
        StageSpec(
            "termination", "bapascase.model.termination", "TerminationDoc", "termination.yaml", "terminations",
            "terminate",
        ),
        # not a casework stage: the record that a terminated case was opened again (``reopen``)
        StageSpec("reopen", "bapascase.model.reopen", "ReopenDoc", None, "reopens", "reopen"),
        # not a stage either: the case moved to another officer (``transfer``)
        StageSpec("transfer", "bapascase.model.transfer", "TransferDoc", None, "transfers", "transfer"),
    )
}

# the stage documents of the casework cycle (``bapascase schema NAME``)
SCHEMA_NAMES = ("case", "engagement", "assessment", "plan", "intervention", "monitoring", "termination")


def model_for(name: str) -> type[Doc]:
    spec = STAGES[name]
    module = importlib.import_module(spec.module)
    cls: type[Doc] = getattr(module, spec.cls)
    return cls


def available() -> list[str]:
    """Stage names whose model module exists (all of them once the cycle is complete)."""
    out = []
    for name, spec in STAGES.items():
        if importlib.util.find_spec(spec.module) is not None:
            out.append(name)
    return out


def stage_of_path(rel_parts: tuple[str, ...]) -> str | None:
    """The stage a file inside a case folder belongs to, from its path relative to the case folder."""
    if len(rel_parts) == 1:
        for spec in STAGES.values():
            if spec.file == rel_parts[0]:
                return spec.name
        return None
    if len(rel_parts) == 2 and rel_parts[1].endswith(".yaml"):
        for spec in STAGES.values():
            if spec.folder == rel_parts[0]:
                return spec.name
    return None
