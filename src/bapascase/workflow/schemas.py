"""JSON Schemas of the stage documents, localized, and the copies kept in the casebook's ``schemas/``."""

from __future__ import annotations

import json
from typing import Any

from bapascase.model import registry
from bapascase.store.atomic import atomic_write
from bapascase.store.casebook import Casebook

SCHEMA_BASE = "https://bapascase.invalid/schemas"


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


def json_schema(name: str, lang: str = "id", book: Casebook | None = None) -> dict[str, Any]:
    if name == "settings":
        from bapascase.model.settings import SettingsDoc

        model: Any = SettingsDoc
    else:
        model = registry.model_for(name)
    schema = model.model_json_schema()
    if name == "assessment":  # the instruments' item and option ids, so editors and generators know them
        from bapascase.store.instrument_files import enrich_assessment_schema

        schema = enrich_assessment_schema(schema, book)
    schema = _localize(schema, lang)
    title = model.title(lang)
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{SCHEMA_BASE}/{name}.schema.json"}
    out.update(schema)
    out["title"] = title
    return out


def schema_text(name: str, lang: str = "id", book: Casebook | None = None) -> str:
    return json.dumps(json_schema(name, lang, book), ensure_ascii=False, indent=2) + "\n"


def write_schemas(book: Casebook, lang: str = "id") -> list[str]:
    """Keep ``schemas/*.schema.json`` current; returns the files that changed."""
    changed = []
    for name in [*registry.available(), "settings"]:
        path = book.schemas_dir / f"{name}.schema.json"
        text = schema_text(name, lang, book)
        try:
            if path.read_text(encoding="utf-8") == text:
                continue
        except OSError:
            pass
        atomic_write(path, text)
        changed.append(book.rel(path))
    return changed
