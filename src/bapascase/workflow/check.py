"""``check``: validate every file of the casebook; each problem located as ``path:line: field: message``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bapascase.errors import Problem
from bapascase.i18n import t
from bapascase.model import registry
from bapascase.store.casebook import SETTINGS_FILE, Casebook, valid_case_id
from bapascase.store.documents import validate_file

# cross-document rules added by later stages: (book, case_id, docs by stage) -> problems
CaseRule = Callable[[Casebook, str, dict[str, list[tuple[Path, Any]]]], list[Problem]]


def cross_document_rule(book: Casebook, case_id: str, docs: dict[str, list[tuple[Path, Any]]]) -> list[Problem]:
    """Goal ids that must exist in the plan, instrument answers that must exist in their instrument version."""
    from bapascase.workflow.stages import cross_check

    out: list[Problem] = []
    for stage in ("assessment", "intervention", "monitoring", "termination"):
        for path, doc in docs.get(stage, []):
            out.extend(cross_check(book, case_id, stage, doc, book.rel(path), path.read_text(encoding="utf-8")))
    return out


CASE_RULES: list[CaseRule] = [cross_document_rule]

SKIP_FOLDERS = {"attachments", "reports", "history"}


@dataclass
class CheckResult:
    files: int = 0
    cases: int = 0
    problems: list[Problem] = field(default_factory=list)
    schemas_updated: list[str] = field(default_factory=list)


def check_casebook(book: Casebook, lang: str = "id") -> CheckResult:
    from bapascase.model.settings import SettingsDoc
    from bapascase.workflow.schemas import write_schemas

    result = CheckResult()
    result.schemas_updated = write_schemas(book, book.setting("language", default=lang) or lang)
    settings_path = book.root / SETTINGS_FILE
    if settings_path.is_file():
        result.files += 1
        _, problems = validate_file(SettingsDoc, settings_path, SETTINGS_FILE)
        result.problems.extend(problems)
    from bapascase.store.instrument_files import instrument_problems

    result.problems.extend(instrument_problems(book))
    models = {name: registry.model_for(name) for name in registry.available()}
    if not book.cases_dir.is_dir():
        return result
    case_ids = set(book.case_ids())
    for entry in sorted(book.cases_dir.iterdir()):
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        if not valid_case_id(entry.name):
            result.problems.append(Problem(book.rel(entry), None, "", t("check.bad_folder")))
            continue
        if entry.name not in case_ids:  # a symlink leading out of cases/: never read
            result.problems.append(Problem(book.rel(entry), None, "", t("check.outside")))
            continue
        result.cases += 1
        docs: dict[str, list[tuple[Path, Any]]] = {}
        folder = book.case_dir(entry.name)
        for path in book.iter_case_files(entry.name):
            rel_parts = path.relative_to(folder).parts
            shown = book.rel(entry.joinpath(*rel_parts))
            if rel_parts[0] in SKIP_FOLDERS:
                continue
            result.files += 1
            stage = registry.stage_of_path(rel_parts)
            if stage is None or stage not in models:
                result.problems.append(Problem(shown, None, "", t("check.orphan")))
                continue
            doc, problems = validate_file(models[stage], path, shown)
            result.problems.extend(problems)
            if doc is not None:
                docs.setdefault(stage, []).append((path, doc))
        if "case" not in docs and not any(p.path.startswith(book.rel(entry) + "/case.yaml") for p in result.problems):
            result.problems.append(Problem(book.rel(entry / "case.yaml"), None, "", t("val.missing")))
        for rule in CASE_RULES:
            result.problems.extend(rule(book, entry.name, docs))
    return result
