"""Loading documents (stage files, answers files) and validating them with errors located by file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from bapascase.errors import DataError, Problem, UserError
from bapascase.i18n import t
from bapascase.model.base import Doc
from bapascase.model.validation import FieldError, validate
from bapascase.store import yamlio
from bapascase.store.textfiles import read_text

D = TypeVar("D", bound=Doc)


def problems_for(source: str, text: str | None, errors: list[FieldError]) -> list[Problem]:
    root = yamlio.compose(text) if text is not None else None
    return [Problem(source, yamlio.line_of(root, e.loc), e.dotted, e.message) for e in errors]


def _brief(value: Any) -> str:
    from bapascase.store.merge import MISSING

    if value is MISSING:
        return t("val.sync_conflict_removed")
    text = json.dumps(yamlio.to_plain(value), ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def conflict_problems(data: Any, text: str, source: str) -> list[Problem]:
    """The fields a sync kept in two versions (``store.merge``): each one a problem naming both values."""
    from bapascase.store.merge import CONFLICT_KEY, conflicts_in

    found = list(conflicts_in(data))
    if not found:
        return []
    root = yamlio.compose(text)
    return [Problem(source, yamlio.line_of(root, (*c.loc, CONFLICT_KEY)), c.dotted,
                    t("val.sync_conflict", here=_brief(c.here), there=_brief(c.there))) for c in found]


def validate_text(model: type[D], text: str, source: str) -> tuple[D | None, list[Problem]]:
    try:
        data = yamlio.loads_light(text, source)
    except DataError as exc:
        return None, exc.problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(source, 1, "", t("val.doc_not_mapping"))]
    kept = conflict_problems(data, text, source)
    if kept:
        return None, kept
    doc, errors = validate(model, data)
    if errors:
        return None, problems_for(source, text, errors)
    return doc, []


def validate_file(model: type[D], path: Path, source: str) -> tuple[D | None, list[Problem]]:
    try:
        text = read_text(path)
    except UserError as exc:
        return None, [Problem(source, None, "", exc.render())]
    return validate_text(model, text, source)


def parse_data(text: str, path: Path) -> Any:
    """The document in an answers or import file: JSON for ``.json``, else YAML (safe loading)."""
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError([Problem(str(path), exc.lineno, "", f"JSON: {exc.msg}")]) from None
    return yamlio.loads_light(text, str(path))


def load_answers(path: Path) -> tuple[dict[str, Any], str]:
    """An answers file (YAML or JSON) as a dict, plus its text for locating errors."""
    if path.is_dir():
        raise UserError("err.not_a_file", path=str(path))
    if not path.is_file():
        raise UserError("err.file_missing", path=str(path))
    text = read_text(path)
    data = parse_data(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError("err.answers_not_mapping", path=str(path))
    return data, text
