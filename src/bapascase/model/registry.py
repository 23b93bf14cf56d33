"""The documents a case is made of: one spec each, in one list, and the casework stages they move a case to.

Everything that differs from one document to the next and is *data* lives in its ``StageSpec`` below: the schema
name, the model, the file and/or folder, the command that records it, the stage it moves the case to, its
prerequisites, whether it closes or reopens the case, and (by its place in ``SPECS``) where it comes in reports.
What it *does* (defaults from earlier records, custom prompts, cross-document rules, entry names, schema
additions) lives in its behaviour module, ``bapascase.workflow.stages.<name>``.

Adding a document: a member of ``Stage``, its spec in ``SPECS``, its model module and its behaviour module
(plus the ``doc.<name>`` label in both catalogs). Nothing else lists documents.

Plain Python (no pydantic import): read commands use the layout; ``model_for`` imports the model lazily.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bapascase.model.base import Doc


class Stage(StrEnum):
    """A kind of document in a case folder (the schema NAME, and the key everywhere)."""

    CASE = "case"
    LITMAS = "litmas"
    ENGAGEMENT = "engagement"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    INTERVENTION = "intervention"
    MONITORING = "monitoring"
    SERVICE = "service"
    EVENT = "event"
    TERMINATION = "termination"
    CLOSING = "closing"
    REOPEN = "reopen"
    TRANSFER = "transfer"


class CaseStage(StrEnum):
    """Where a case stands in the casework cycle, derived from what is recorded (in cycle order)."""

    INTAKE = "intake"
    ENGAGEMENT = "engagement"
    ASSESSMENT = "assessment"
    PLANNING = "planning"
    INTERVENTION = "intervention"
    MONITORING = "monitoring"
    TERMINATED = "terminated"  # the casework relationship ended; supervision goes on until its closing


_FIELDS = ("stage", "model", "file", "folder", "command", "stage_command", "moves_to", "requires", "closes", "reopens",
           "editable", "recurring")


class StageSpec:
    """One document's spec. A plain class (immutable, compared and hashed by its fields), not a dataclass: the
    registry is read before ``--help`` (the command names), where ``dataclasses`` cost more than the registry."""

    __slots__ = _FIELDS

    stage: Stage
    model: str  # "module:Class" of its pydantic model
    file: str | None  # the single file in the case folder ...
    folder: str | None  # ... and/or one file per entry in this folder
    command: str  # the CLI command that records it
    stage_command: bool  # recorded by the shared stage command: CASE, --answers, --no-input, --force
    moves_to: CaseStage | None  # the casework stage recording it moves the case to
    requires: tuple[Stage, ...]  # what should be recorded first (soft: confirm, or --force)
    closes: bool  # recording it ends supervision in law: later writes need a reopen
    reopens: bool  # recording it reverses the latest end (a closing, or a termination)
    editable: bool  # a casework document: ``edit CASE NAME``, listed by ``schema``
    recurring: bool  # many routine entries (sessions, monitoring): one event on the timeline

    def __init__(self, stage: Stage, model: str, file: str | None = None, folder: str | None = None,
                 command: str = "", stage_command: bool = False, moves_to: CaseStage | None = None,
                 requires: tuple[Stage, ...] = (), closes: bool = False, reopens: bool = False,
                 editable: bool = True, recurring: bool = False) -> None:
        values = (stage, model, file, folder, command, stage_command, moves_to, requires, closes, reopens, editable,
                  recurring)
        for name, value in zip(_FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"StageSpec is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"StageSpec is immutable: cannot delete {name!r}")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        return self._values() == other._values() if isinstance(other, StageSpec) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple[type[StageSpec], tuple[object, ...]]:  # copy and pickle
        return StageSpec, self._values()

    def __repr__(self) -> str:
        return "StageSpec(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS) + ")"

    @property
    def name(self) -> str:
        return self.stage.value

    @property
    def module(self) -> str:
        return self.model.partition(":")[0]

    @property
    def cls(self) -> str:
        return self.model.partition(":")[2]

    @property
    def behaviour(self) -> str:
        """The module that holds what this document does beyond the generic interview."""
        return f"bapascase.workflow.stages.{self.stage.value}"


# in the order a case file tells them
SPECS: tuple[StageSpec, ...] = (
    StageSpec(Stage.CASE, "bapascase.model.case:CaseDoc", "case.yaml", command="new", moves_to=CaseStage.INTAKE),
    # not a casework stage: a Litmas (social inquiry report), one file per Litmas, often written before the intake
    StageSpec(Stage.LITMAS, "bapascase.model.litmas:LitmasDoc", None, "litmas", command="litmas", stage_command=True,
              requires=(Stage.CASE,)),
    StageSpec(Stage.ENGAGEMENT, "bapascase.model.engagement:EngagementDoc", "engagement.yaml", command="engage",
              stage_command=True, moves_to=CaseStage.ENGAGEMENT, requires=(Stage.CASE,)),
    StageSpec(Stage.ASSESSMENT, "bapascase.model.assessment:AssessmentDoc", "assessment.yaml", "assessments",
              command="assess", stage_command=True, moves_to=CaseStage.ASSESSMENT,
              requires=(Stage.CASE, Stage.ENGAGEMENT)),
    StageSpec(Stage.PLAN, "bapascase.model.plan:PlanDoc", "plan.yaml", command="plan", stage_command=True,
              moves_to=CaseStage.PLANNING, requires=(Stage.CASE, Stage.ENGAGEMENT, Stage.ASSESSMENT)),
    StageSpec(Stage.INTERVENTION, "bapascase.model.intervention:InterventionDoc", None, "interventions",
              command="intervene", stage_command=True, moves_to=CaseStage.INTERVENTION,
              requires=(Stage.CASE, Stage.PLAN), recurring=True),
    StageSpec(Stage.MONITORING, "bapascase.model.monitoring:MonitoringDoc", None, "monitoring", command="monitor",
              stage_command=True, moves_to=CaseStage.MONITORING, requires=(Stage.CASE, Stage.ENGAGEMENT),
              recurring=True),
    # not a casework stage: the work sessions of pidana kerja sosial
    StageSpec(Stage.SERVICE, "bapascase.model.service:ServiceDoc", None, "service", command="service",
              stage_command=True, requires=(Stage.CASE,), recurring=True),
    # not a casework stage: the legal events of supervision (TPP, warnings, revocation, permits, transfer)
    StageSpec(Stage.EVENT, "bapascase.model.event:EventDoc", None, "events", command="event", stage_command=True,
              requires=(Stage.CASE,)),
    # the end of the casework relationship; supervision goes on
    StageSpec(Stage.TERMINATION, "bapascase.model.termination:TerminationDoc", "termination.yaml", "terminations",
              command="terminate", stage_command=True, moves_to=CaseStage.TERMINATED,
              requires=(Stage.CASE, Stage.ENGAGEMENT)),
    # the legal end of supervision (pengakhiran bimbingan): the case leaves the caseload
    StageSpec(Stage.CLOSING, "bapascase.model.closing:ClosingDoc", "closing.yaml", "closings", command="close",
              stage_command=True, requires=(Stage.CASE,), closes=True),
    # not a casework stage: the record that a terminated or closed case was opened again (``reopen``)
    StageSpec(Stage.REOPEN, "bapascase.model.reopen:ReopenDoc", None, "reopens", command="reopen", reopens=True,
              editable=False),
    # not a stage either: the case moved to another officer (``transfer``)
    StageSpec(Stage.TRANSFER, "bapascase.model.transfer:TransferDoc", None, "transfers", command="transfer",
              editable=False),
)

STAGES: dict[Stage, StageSpec] = {s.stage: s for s in SPECS}

# the casework documents (``bapascase schema NAME``, ``edit CASE NAME``)
SCHEMA_NAMES: tuple[str, ...] = tuple(s.name for s in SPECS if s.editable)


def spec(stage: str) -> StageSpec:
    return STAGES[Stage(stage)]


def stage_commands() -> list[StageSpec]:
    """The documents recorded by the shared stage command (engage, assess, plan, ...), in cycle order."""
    return [s for s in SPECS if s.stage_command]


def model_for(name: str) -> type[Doc]:
    found = spec(name)
    cls: type[Doc] = getattr(importlib.import_module(found.module), found.cls)
    return cls


def stage_of_path(rel_parts: tuple[str, ...]) -> Stage | None:
    """The stage a file inside a case folder belongs to, from its path relative to the case folder."""
    if len(rel_parts) == 1:
        return next((s.stage for s in SPECS if s.file == rel_parts[0]), None)
    if len(rel_parts) == 2 and rel_parts[1].endswith(".yaml"):
        return next((s.stage for s in SPECS if s.folder == rel_parts[0]), None)
    return None


def missing_prerequisites(stage: str, present: Iterable[str]) -> list[Stage]:
    have = set(present)
    return [p for p in spec(stage).requires if p not in have]


def doc_label(stage: str, lang: str | None = None) -> str:
    """The document's name for people ("Asesmen", "Assessment")."""
    from bapascase.i18n import t

    return t(f"doc.{Stage(stage).value}", lang)


def stage_label(stage: str, lang: str | None = None) -> str:
    """A casework stage's name for people ("Perencanaan", "Planning")."""
    from bapascase.i18n import t

    return t(f"stage.{CaseStage(stage).value}", lang)
