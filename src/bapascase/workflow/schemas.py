"""JSON Schemas of the stage documents, localized, and the copies kept in the casebook's ``schemas/``."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import BapascaseError
from bapascase.model import registry
from bapascase.store.atomic import atomic_write
from bapascase.store.casebook import Casebook
from bapascase.store.textfiles import read_text

if TYPE_CHECKING:
    from bapascase.model.base import Doc

SCHEMA_BASE = "https://bapascase.invalid/schemas"
SETTINGS = "settings"  # the schema of bapascase.yaml, beside those of the stage documents


def _localize(node: Any, lang: str) -> Any:
    if isinstance(node, dict):
        out = {k: _localize(v, lang) for k, v in node.items()}
        if lang == "en":
            if "x-title-en" in out:
                out["title"] = out["x-title-en"]
            if "x-help-en" in out:
                out["description"] = out["x-help-en"]
        return out
    if isinstance(node, list):
        return [_localize(v, lang) for v in node]
    return node


def _model(name: str) -> type[Doc]:
    if name == SETTINGS:
        from bapascase.model.settings import SettingsDoc

        return SettingsDoc
    return registry.model_for(name)


@functools.cache
def _model_schema(name: str) -> dict[str, Any]:
    """What pydantic says of the model, made once per process (``check`` compares every schema, ~80 ms a set)."""
    return _model(name).model_json_schema()


def json_schema(name: str, lang: str = "id", book: Casebook | None = None) -> dict[str, Any]:
    model = _model(name)
    schema = copy.deepcopy(_model_schema(name))
    if name != SETTINGS:  # what only the casebook knows (the instruments' item and option ids...)
        from bapascase.workflow.stages import behaviour_of

        schema = behaviour_of(name).schema(schema, book)
    schema = _localize(schema, lang)
    title = model.title(lang)
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{SCHEMA_BASE}/{name}.schema.json"}
    out.update(schema)
    out["title"] = title
    return out


def schema_text(name: str, lang: str = "id", book: Casebook | None = None) -> str:
    return json.dumps(json_schema(name, lang, book), ensure_ascii=False, indent=2) + "\n"


# every schema kept in a casebook's schemas/ (and printed by ``schema NAME``)
ALL_SCHEMAS = (*(spec.name for spec in registry.SPECS), SETTINGS)


def outdated_schemas(book: Casebook, lang: str = "id") -> list[tuple[Path, str]]:
    """The files of ``schemas/`` that are missing or differ from what the models say, with their current text."""
    out = []
    for name in ALL_SCHEMAS:
        path = book.schemas_dir / f"{name}.schema.json"
        text = schema_text(name, lang, book)
        try:
            if read_text(path) == text:
                continue
        except BapascaseError:  # missing, unreadable, a FIFO...: rewritten by ``check --fix``
            pass
        out.append((path, text))
    return out


def write_schemas(book: Casebook, lang: str = "id") -> list[str]:
    """Bring ``schemas/*.schema.json`` up to date; returns the files written (relative to the casebook)."""
    written = []
    for path, text in outdated_schemas(book, lang):
        atomic_write(book.guard(path), text)
        written.append(book.rel(path))
    return written
